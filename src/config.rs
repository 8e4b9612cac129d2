//! Configuration: `config.toml` read with serde + toml. Unknown keys and wrong types are errors
//! that name the file, line and column. The project's `config.toml` is also built in, so gisa
//! works from any folder.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::extract::outlet::OutletAliases;

/// The default configuration, the same text as `config.toml` at the project root.
pub const DEFAULT_TOML: &str = include_str!("../config.toml");

/// The configuration file's contents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The articles folder, relative to the config file's folder.
    #[serde(default = "default_articles")]
    pub articles: PathBuf,
    /// Canonical outlet and publisher names, each with its aliases.
    #[serde(default)]
    pub outlets: std::collections::BTreeMap<String, Vec<String>>,
}

fn default_articles() -> PathBuf {
    PathBuf::from("articles")
}

/// The loaded configuration with paths resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the configuration came from (`None`: the built-in default).
    pub path: Option<PathBuf>,
    /// The articles folder, resolved against the config file's folder.
    pub articles: PathBuf,
    pub outlets: OutletAliases,
}

/// A configuration that cannot be used.
#[derive(Debug)]
pub enum ConfigError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Read { path, error } => {
                write!(
                    f,
                    "cannot read config '{}': {error}",
                    crate::sanitize::line(&path.display().to_string())
                )
            }
            ConfigError::Parse {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "{}:{line}:{column}: {}",
                crate::sanitize::line(&path.display().to_string()),
                crate::sanitize::line(message)
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Load the config: the given file, else `./config.toml` when present, else the built-in default.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from("config.toml")).filter(|p| p.is_file()),
        };
        match path {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::Read {
                    path: path.clone(),
                    error,
                })?;
                let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                Self::from_toml(&text, &path, &base).map(|mut c| {
                    c.path = Some(path);
                    c
                })
            }
            None => Self::from_toml(
                DEFAULT_TOML,
                Path::new("<built-in config.toml>"),
                Path::new(""),
            ),
        }
    }

    /// Parse config text. `path` names it in errors; `base` resolves a relative articles folder.
    pub fn from_toml(text: &str, path: &Path, base: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().trim().to_owned(),
            }
        })?;
        let mut outlets = OutletAliases::default();
        for (name, aliases) in &file.outlets {
            outlets.insert(name, aliases);
        }
        let articles = if file.articles.is_absolute() {
            file.articles
        } else {
            base.join(file.articles)
        };
        Ok(Config {
            path: None,
            articles,
            outlets,
        })
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_default_parses() {
        let c = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("")).unwrap();
        assert_eq!(c.articles, PathBuf::from("articles"));
        assert_eq!(c.outlets.canonical("the associated press"), Some("AP"));
        assert_eq!(c.outlets.canonical("Associated Press"), Some("AP"));
        assert_eq!(c.outlets.canonical("yonhap news agency"), Some("Yonhap"));
    }

    #[test]
    fn unknown_key_names_its_line_and_column() {
        let text = "articles = \"articles\"\n\narticels = \"x\"\n";
        let e = Config::from_toml(text, Path::new("my.toml"), Path::new("")).unwrap_err();
        let ConfigError::Parse {
            line,
            column,
            ref message,
            ..
        } = e
        else {
            panic!("{e}")
        };
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("articels"), "{message}");
        assert!(e.to_string().starts_with("my.toml:3:1: "), "{e}");
    }

    #[test]
    fn wrong_type_names_its_line() {
        let text = "[outlets]\nAP = \"Associated Press\"\n";
        let e = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap_err();
        let ConfigError::Parse { line, .. } = e else {
            panic!("{e}")
        };
        assert_eq!(line, 2);
    }

    #[test]
    fn broken_syntax_names_its_line() {
        let e = Config::from_toml(
            "articles = \"a\"\n[outlets\n",
            Path::new("c.toml"),
            Path::new(""),
        )
        .unwrap_err();
        assert!(matches!(e, ConfigError::Parse { line: 2, .. }), "{e}");
    }

    #[test]
    fn relative_articles_folder_resolves_against_the_config_folder() {
        let c = Config::from_toml(
            "articles = \"news\"",
            Path::new("/etc/gisa/c.toml"),
            Path::new("/etc/gisa"),
        )
        .unwrap();
        assert_eq!(c.articles, PathBuf::from("/etc/gisa/news"));
        let c = Config::from_toml(
            "articles = \"/srv/news\"",
            Path::new("c.toml"),
            Path::new("/etc"),
        )
        .unwrap();
        assert_eq!(c.articles, PathBuf::from("/srv/news"));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é=\nx", 2), (1, 2));
        assert_eq!(line_column("", 10), (1, 1));
    }
}
