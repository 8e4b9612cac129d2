//! Configuration: `config.toml` read with serde + toml. Unknown keys and wrong types are errors
//! that name the file, line and column. The project's `config.toml` is also built in, so gisa
//! works from any folder.

use std::collections::BTreeMap;

use foldhash::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::entities::Kind;
use crate::entities::gazetteer::{Entry, Gazetteer, name_key};
use crate::extract::outlet::OutletAliases;
use crate::lexicon::Lexicon;
use crate::topics::{Topic, Topics};

/// The default configuration, the same text as `config.toml` at the project root.
pub const DEFAULT_TOML: &str = include_str!("../config.toml");

/// The configuration file's contents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The articles folder, relative to the config file's folder.
    #[serde(default = "default_articles")]
    pub articles: PathBuf,
    /// Start from the built-in outlets, entities and topics (true), or only from this file's.
    #[serde(default = "yes")]
    pub defaults: bool,
    /// A file with more `[entities.*]` and `[topics.*]`, relative to the config file's folder.
    pub gazetteer: Option<PathBuf>,
    /// Canonical outlet and publisher names, each with its aliases.
    #[serde(default)]
    pub outlets: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub entities: EntityTables,
    #[serde(default)]
    pub topics: BTreeMap<String, TopicTable>,
    /// The reader's settings; a missing key keeps the built-in value.
    #[serde(default)]
    pub reader: ReaderTable,
    /// The loader's limits; a missing key keeps the built-in value.
    #[serde(default)]
    pub load: LoadTable,
    /// Keys for actions: `action = "key"` or `action = ["key", "key"]`, replacing its keys.
    #[serde(default)]
    pub keys: BTreeMap<String, KeyList>,
}

/// One key or several, as `[keys]` takes them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// A `[keys]` entry with where it is written, so the reader's key table can name the place of a
/// mistake (the names and keys themselves are checked by `tui::keymap`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub action: String,
    pub keys: Vec<String>,
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// The `[reader]` table as written: every key optional, so a user's table overrides the
/// built-in one key by key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaderTable {
    pub width: Option<ReaderWidth>,
    pub mouse: Option<bool>,
    pub osc52: Option<bool>,
    pub sidebar_min_columns: Option<u16>,
    pub keyboard_protocol: Option<bool>,
}

impl ReaderTable {
    /// `self` over `base`: each key given here wins, the others come from `base`.
    fn over(&self, base: ReaderConfig) -> ReaderConfig {
        ReaderConfig {
            width: self.width.map_or(base.width, |w| w.0),
            mouse: self.mouse.unwrap_or(base.mouse),
            osc52: self.osc52.unwrap_or(base.osc52),
            sidebar_min_columns: self.sidebar_min_columns.unwrap_or(base.sidebar_min_columns),
            keyboard_protocol: self.keyboard_protocol.unwrap_or(base.keyboard_protocol),
        }
    }
}

/// The reader's line length cap, checked while parsing so an error points at the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct ReaderWidth(u16);

impl TryFrom<i64> for ReaderWidth {
    type Error = String;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u16::try_from(value)
            .ok()
            .filter(|w| READER_WIDTHS.contains(w))
            .map(ReaderWidth)
            .ok_or_else(|| {
                format!(
                    "reader width {value} is out of range; give {} to {} columns",
                    READER_WIDTHS.start(),
                    READER_WIDTHS.end()
                )
            })
    }
}

/// The widths `[reader] width` accepts, in columns.
pub const READER_WIDTHS: std::ops::RangeInclusive<u16> = 20..=400;

/// The reader's settings, resolved: built-in values under the user's `[reader]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderConfig {
    /// The longest line the reader wraps article text to, in columns (20..=400).
    pub width: u16,
    /// Capture the mouse (wheel scrolling, clicks). Off by default: capture stops the
    /// terminal's own text selection, which people rely on over SSH.
    pub mouse: bool,
    /// Copy to the clipboard with OSC 52 escape sequences (`c` in the reader). On by default.
    pub osc52: bool,
    /// Below this many terminal columns the sidebar folds away.
    pub sidebar_min_columns: u16,
    /// Ask the terminal to tell apart keys that share a byte (Ctrl-I and Tab, Esc and Alt) with
    /// the kitty keyboard protocol. Terminals without it ignore the request.
    pub keyboard_protocol: bool,
}

/// The same values as the `[reader]` table of the built-in `config.toml` (a test keeps them
/// equal); used for keys neither the user's file nor the built-in one gives.
impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            width: 80,
            mouse: false,
            osc52: true,
            sidebar_min_columns: 120,
            keyboard_protocol: true,
        }
    }
}

/// The `[load]` table as written: every key optional, like `[reader]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadTable {
    pub max_file_mb: Option<MaxFileMb>,
    pub max_depth: Option<MaxDepth>,
    pub cache: Option<bool>,
}

impl LoadTable {
    /// `self` over `base`: each key given here wins, the others come from `base`.
    fn over(&self, base: LoadLimits) -> LoadLimits {
        LoadLimits {
            max_file_mb: self.max_file_mb.map_or(base.max_file_mb, |m| m.0),
            max_depth: self.max_depth.map_or(base.max_depth, |d| d.0),
            cache: self.cache.unwrap_or(base.cache),
        }
    }
}

/// `[load] max_file_mb`, checked while parsing so an error points at the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct MaxFileMb(u64);

impl TryFrom<i64> for MaxFileMb {
    type Error = String;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u64::try_from(value)
            .ok()
            .filter(|m| MAX_FILE_MBS.contains(m))
            .map(MaxFileMb)
            .ok_or_else(|| {
                format!(
                    "max_file_mb {value} is out of range; give {} to {} (megabytes)",
                    MAX_FILE_MBS.start(),
                    MAX_FILE_MBS.end()
                )
            })
    }
}

/// `[load] max_depth`, checked while parsing so an error points at the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct MaxDepth(usize);

impl TryFrom<i64> for MaxDepth {
    type Error = String;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        usize::try_from(value)
            .ok()
            .filter(|d| MAX_DEPTHS.contains(d))
            .map(MaxDepth)
            .ok_or_else(|| {
                format!(
                    "max_depth {value} is out of range; give {} to {} folder levels",
                    MAX_DEPTHS.start(),
                    MAX_DEPTHS.end()
                )
            })
    }
}

/// The sizes `[load] max_file_mb` accepts, in megabytes (MiB).
pub const MAX_FILE_MBS: std::ops::RangeInclusive<u64> = 1..=1024;
/// The depths `[load] max_depth` accepts; 0 reads only the articles folder itself.
pub const MAX_DEPTHS: std::ops::RangeInclusive<usize> = 0..=64;

/// The loader's limits, resolved: built-in values under the user's `[load]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadLimits {
    /// Files larger than this many megabytes (MiB) are reported and skipped: no pasted article
    /// is this long.
    pub max_file_mb: u64,
    /// Folders nested deeper than this below the articles folder are reported and not entered.
    pub max_depth: usize,
    /// Keep what the loader made of each file between runs (see `load::cache`).
    pub cache: bool,
}

impl LoadLimits {
    /// `max_file_mb` in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb.saturating_mul(1024 * 1024)
    }
}

/// The same values as the `[load]` table of the built-in `config.toml` (a test keeps them
/// equal); used for keys neither the user's file nor the built-in one gives.
impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            max_file_mb: 16,
            max_depth: 16,
            cache: true,
        }
    }
}

/// Known entities by kind: canonical name = [aliases].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityTables {
    #[serde(default)]
    pub person: BTreeMap<String, Vec<String>>,
    #[serde(default, alias = "organization")]
    pub organisation: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub place: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub agreement: BTreeMap<String, Vec<String>>,
}

impl EntityTables {
    fn entries(&self) -> Vec<Entry> {
        [
            (Kind::Person, &self.person),
            (Kind::Organisation, &self.organisation),
            (Kind::Place, &self.place),
            (Kind::Agreement, &self.agreement),
        ]
        .into_iter()
        .flat_map(|(kind, table)| {
            table.iter().map(move |(name, aliases)| Entry {
                name: name.trim().to_owned(),
                kind,
                aliases: aliases.iter().map(|a| a.trim().to_owned()).collect(),
            })
        })
        .collect()
    }
}

/// A story thread: its name as shown and the phrases that cue it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicTable {
    /// As shown; the table's key when missing.
    pub name: Option<String>,
    pub cues: Vec<String>,
}

/// The file `gazetteer = "..."` names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    #[serde(default)]
    entities: EntityTables,
    #[serde(default)]
    topics: BTreeMap<String, TopicTable>,
}

fn yes() -> bool {
    true
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
    /// The gazetteer and the topics.
    pub lexicon: Lexicon,
    /// The reader's settings.
    pub reader: ReaderConfig,
    /// The loader's limits.
    pub load: LoadLimits,
    /// `[keys]`: actions given other keys.
    pub keys: Vec<KeyOverride>,
    /// A hash of what the analysis reads from the configuration (its outlets, entities and
    /// topics, the gazetteer file's included): the analysis cache is kept per fingerprint.
    /// Change `outlets` or `lexicon` by hand and the cache must be turned off (`load.cache`),
    /// or it serves analyses made under the old ones.
    pub fingerprint: u64,
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

    /// Parse config text. `path` names it in errors; `base` resolves a relative articles folder
    /// and gazetteer file. Unless the text says `defaults = false`, its outlets, entities and
    /// topics extend the built-in ones (an entry of the same name replaces the built-in one).
    pub fn from_toml(text: &str, path: &Path, base: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile = parse(text, path)?;
        let mut outlets_table = BTreeMap::new();
        let mut builtin_entities = Vec::new();
        let mut topic_tables = BTreeMap::new();
        let mut reader = ReaderConfig::default();
        let mut load = LoadLimits::default();
        if file.defaults && text != DEFAULT_TOML {
            let builtin: ConfigFile = parse(DEFAULT_TOML, Path::new("<built-in config.toml>"))?;
            reader = builtin.reader.over(reader);
            load = builtin.load.over(load);
            outlets_table = builtin.outlets;
            builtin_entities = builtin.entities.entries();
            topic_tables = builtin.topics;
        }
        let reader = file.reader.over(reader);
        let load = file.load.over(load);
        outlets_table.extend(file.outlets.clone());
        let mut own_entities = file.entities.entries();
        topic_tables.extend(file.topics.clone());
        let mut sources: Vec<(PathBuf, String)> = vec![(path.to_path_buf(), text.to_owned())];
        if let Some(g) = &file.gazetteer {
            let gpath = if g.is_absolute() {
                g.clone()
            } else {
                base.join(g)
            };
            let gtext = std::fs::read_to_string(&gpath).map_err(|error| ConfigError::Read {
                path: gpath.clone(),
                error,
            })?;
            let more: GazetteerFile = parse(&gtext, &gpath)?;
            own_entities.extend(more.entities.entries());
            topic_tables.extend(more.topics);
            sources.push((gpath, gtext));
        }
        // What the analysis reads, and nothing else: a new key binding or reader setting keeps
        // the analysis cache (the built-in tables are the program's, which the cache's key
        // holds too). Only ordered maps and lists, so the text is the same on every run.
        let read_by_the_analysis = format!(
            "{:?}",
            (
                &outlets_table,
                &builtin_entities,
                &own_entities,
                &topic_tables
            )
        );
        let fingerprint = crate::load::cache::fnv(&[read_by_the_analysis.as_bytes()]);
        let lexicon = build_lexicon(builtin_entities, own_entities, topic_tables, &sources)?;
        let mut outlets = OutletAliases::default();
        for (name, aliases) in &outlets_table {
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
            lexicon,
            reader,
            load,
            keys: key_overrides(&file.keys, text, path),
            fingerprint,
        })
    }
}

/// The gazetteer and topics from the built-in entries, the user's own, and the topic tables.
/// `sources` (file, text) locate an offending name for the error.
fn build_lexicon(
    builtin_entities: Vec<Entry>,
    own_entities: Vec<Entry>,
    topic_tables: BTreeMap<String, TopicTable>,
    sources: &[(PathBuf, String)],
) -> Result<Lexicon, ConfigError> {
    let invalid = |name: &str, message: String| {
        let needle = format!("\"{name}\"");
        let (path, (line, column)) = sources
            .iter()
            .find_map(|(p, t)| t.find(&needle).map(|at| (p.as_path(), line_column(t, at))))
            .or_else(|| sources.first().map(|(p, _)| (p.as_path(), (1, 1))))
            .unwrap_or((Path::new("config.toml"), (1, 1)));
        ConfigError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    // The user's names win over the built-in ones: drop built-in aliases they reuse.
    let own_keys: HashSet<String> = own_entities
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|n| name_key(n))
        .collect();
    let mut entries: Vec<Entry> = builtin_entities
        .into_iter()
        .filter(|e| {
            !own_keys.contains(&name_key(&e.name))
                || own_entities
                    .iter()
                    .any(|o| o.kind == e.kind && name_key(&o.name) == name_key(&e.name))
        })
        .map(|mut e| {
            e.aliases.retain(|a| !own_keys.contains(&name_key(a)));
            e
        })
        .collect();
    entries.extend(own_entities);
    for e in &entries {
        if name_key(&e.name).is_empty() || e.aliases.iter().any(|a| name_key(a).is_empty()) {
            return Err(invalid(
                &e.name,
                format!("entity '{}' has an empty name or alias", e.name),
            ));
        }
    }
    let gazetteer = Gazetteer::new(entries).map_err(|e| invalid(&e.alias, e.to_string()))?;
    let mut topics = Vec::new();
    for (id, t) in topic_tables {
        if t.cues.iter().all(|c| c.trim().is_empty()) {
            return Err(invalid(
                &id,
                format!("topic '{id}' has no cues; give it `cues = [\"...\"]`"),
            ));
        }
        topics.push(Topic {
            name: t.name.clone().unwrap_or_else(|| id.clone()),
            id,
            cues: t
                .cues
                .into_iter()
                .filter(|c| !c.trim().is_empty())
                .collect(),
        });
    }
    Ok(Lexicon {
        gazetteer,
        topics: Topics::new(topics),
    })
}

/// The `[keys]` entries with the line and column each is written at (1:1 when not found).
fn key_overrides(table: &BTreeMap<String, KeyList>, text: &str, path: &Path) -> Vec<KeyOverride> {
    let section = text.find("[keys]").unwrap_or(0);
    table
        .iter()
        .map(|(action, keys)| {
            let at = [format!("\n{action}"), format!("\n\"{action}\"")]
                .iter()
                .filter_map(|needle| text[section..].find(needle.as_str()))
                .min()
                .map_or(0, |i| section + i + 1);
            let (line, column) = if at == 0 {
                (1, 1)
            } else {
                line_column(text, at)
            };
            KeyOverride {
                action: action.clone(),
                keys: match keys {
                    KeyList::One(k) => vec![k.clone()],
                    KeyList::Many(ks) => ks.clone(),
                },
                path: path.to_path_buf(),
                line,
                column,
            }
        })
        .collect()
}

/// Deserialize TOML text, with errors naming the file, line and column.
fn parse<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        ConfigError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_owned(),
        }
    })
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
    fn the_cache_fingerprint_follows_what_the_analysis_reads_and_nothing_else() {
        let fingerprint = |text: &str| {
            Config::from_toml(text, Path::new("mine.toml"), Path::new(""))
                .unwrap()
                .fingerprint
        };
        let plain = fingerprint("");
        // The reader's settings and key bindings: the same analyses, the same cache.
        assert_eq!(fingerprint("# a comment\n"), plain);
        assert_eq!(fingerprint("[reader]\nwidth = 72\n"), plain);
        assert_eq!(fingerprint("[keys]\nselect_next = \"J\"\n"), plain);
        // Outlets, entities and topics: analyses of their own.
        let others = [
            fingerprint("[outlets]\n\"Daily Planet\" = [\"planet\"]\n"),
            fingerprint("[entities.person]\n\"Clark Kent\" = []\n"),
            fingerprint("[topics.krypton]\ncues = [\"kryptonite\"]\n"),
            fingerprint("defaults = false\n"),
        ];
        for (i, f) in others.iter().enumerate() {
            assert_ne!(*f, plain, "{i}");
            assert!(others[..i].iter().all(|g| g != f), "{i}");
        }
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
    fn the_built_in_gazetteer_and_topics_load() {
        let c = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("")).unwrap();
        let g = &c.lexicon.gazetteer;
        let yoon = g.lookup("Yoon Suk-yeol").unwrap();
        assert_eq!(g.lookup("President Yoon"), Some(yoon));
        assert_eq!(g.lookup("takeshima"), g.lookup("Dokdo"));
        assert_eq!(
            g.lookup("intelligence-sharing deal"),
            g.lookup("General Security of Military Information Agreement")
        );
        assert!(c.lexicon.topics.lookup("gsomia").is_some());
        assert!(c.lexicon.topics.lookup("fukushima").is_some());
    }

    #[test]
    fn a_users_entities_and_topics_extend_the_built_in_ones() {
        let text = "[entities.person]\n\"Olaf Scholz\" = [\"Scholz\"]\n\
                    [topics.energy]\nname = \"Energy\"\ncues = [\"pipeline\"]\n";
        let c = Config::from_toml(text, Path::new("mine.toml"), Path::new("")).unwrap();
        assert!(c.lexicon.gazetteer.lookup("Scholz").is_some());
        assert!(
            c.lexicon.gazetteer.lookup("Kishida").is_some(),
            "built-in kept"
        );
        assert!(c.lexicon.topics.lookup("energy").is_some());
        assert!(c.lexicon.topics.lookup("gsomia").is_some());
        assert_eq!(c.outlets.canonical("associated press"), Some("AP"));
        // `defaults = false`: only the file's own.
        let alone = format!("defaults = false\n{text}");
        let c = Config::from_toml(&alone, Path::new("mine.toml"), Path::new("")).unwrap();
        assert!(c.lexicon.gazetteer.lookup("Kishida").is_none());
        assert_eq!(c.lexicon.topics.list().len(), 1);
        assert_eq!(c.outlets.canonical("associated press"), None);
    }

    #[test]
    fn a_users_alias_takes_a_name_from_the_built_in_entry() {
        // The built-in list gives `Yoon` to Yoon Suk Yeol; this archive is about someone else.
        let text = "[entities.person]\n\"Yoon Young-kwan\" = [\"Yoon\"]\n";
        let c = Config::from_toml(text, Path::new("mine.toml"), Path::new("")).unwrap();
        let g = &c.lexicon.gazetteer;
        assert_eq!(g.lookup("Yoon"), g.lookup("Yoon Young-kwan"));
        assert!(g.lookup("Yoon Suk Yeol").is_some());
    }

    #[test]
    fn one_name_for_two_entities_names_the_file_and_line() {
        let text = "defaults = false\n[entities.place]\n\"Dokdo\" = [\"Takeshima\"]\n\
                    \"Takeshima Island\" = [\"Takeshima\"]\n";
        let e = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("c.toml:3:"), "{msg}");
        assert!(msg.contains("Takeshima"), "{msg}");
        let empty = "[topics.x]\ncues = []\n";
        let e = Config::from_toml(empty, Path::new("c.toml"), Path::new("")).unwrap_err();
        assert!(e.to_string().contains("topic 'x' has no cues"), "{e}");
        let typo = "[entities.persons]\n\"A B\" = []\n";
        let e = Config::from_toml(typo, Path::new("c.toml"), Path::new("")).unwrap_err();
        assert!(e.to_string().starts_with("c.toml:1:"), "{e}");
    }

    #[test]
    fn a_gazetteer_file_is_read_relative_to_the_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("more.toml"),
            "[entities.organisation]\n\"Petronas\" = []\n[topics.oil]\ncues = [\"crude\"]\n",
        )
        .unwrap();
        let c = Config::from_toml(
            "gazetteer = \"more.toml\"\n",
            &dir.path().join("c.toml"),
            dir.path(),
        )
        .unwrap();
        assert!(c.lexicon.gazetteer.lookup("petronas").is_some());
        assert_eq!(
            c.lexicon
                .topics
                .get(c.lexicon.topics.lookup("oil").unwrap())
                .unwrap()
                .name,
            "oil"
        );
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "[entities.place]\n\"X\" = \"not a list\"\n").unwrap();
        let e = Config::from_toml(
            "gazetteer = \"bad.toml\"",
            &dir.path().join("c.toml"),
            dir.path(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("bad.toml:2:"), "{e}");
        let e = Config::from_toml(
            "gazetteer = \"none.toml\"",
            &dir.path().join("c.toml"),
            dir.path(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("none.toml"), "{e}");
    }

    #[test]
    fn reader_defaults_match_the_built_in_table() {
        let builtin: ConfigFile = parse(DEFAULT_TOML, Path::new("config.toml")).unwrap();
        let w = builtin
            .reader
            .width
            .expect("the built-in config sets [reader] width");
        assert_eq!(w.0, ReaderConfig::default().width);
        assert_eq!(builtin.reader.mouse, Some(ReaderConfig::default().mouse));
        assert_eq!(builtin.reader.osc52, Some(ReaderConfig::default().osc52));
        assert_eq!(
            builtin.reader.sidebar_min_columns,
            Some(ReaderConfig::default().sidebar_min_columns)
        );
        assert_eq!(
            builtin.reader.keyboard_protocol,
            Some(ReaderConfig::default().keyboard_protocol)
        );
        let c = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("")).unwrap();
        let expected = ReaderConfig {
            width: 80,
            mouse: false,
            osc52: true,
            sidebar_min_columns: 120,
            keyboard_protocol: true,
        };
        assert_eq!(c.reader, expected);
        // No [reader] table at all, with and without the built-in defaults.
        for text in ["articles = \"a\"\n", "defaults = false\n"] {
            let c = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap();
            assert_eq!(c.reader, expected, "{text}");
        }
    }

    #[test]
    fn a_users_reader_table_overrides_key_by_key() {
        let text = "[reader]\nwidth = 100\nmouse = true\n";
        let c = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap();
        assert_eq!(
            c.reader,
            ReaderConfig {
                width: 100,
                mouse: true,
                osc52: true,
                sidebar_min_columns: 120,
                keyboard_protocol: true,
            }
        );
        let text = "defaults = false\n[reader]\nosc52 = false\nsidebar_min_columns = 90\n";
        let c = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap();
        assert_eq!(
            c.reader,
            ReaderConfig {
                width: 80,
                mouse: false,
                osc52: false,
                sidebar_min_columns: 90,
                keyboard_protocol: true,
            }
        );
        for (text, width) in [("[reader]\nwidth = 20", 20), ("[reader]\nwidth = 400", 400)] {
            let c = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap();
            assert_eq!(c.reader.width, width);
        }
    }

    #[test]
    fn a_reader_width_out_of_range_names_file_line_and_column() {
        for bad in ["19", "401", "0", "-5", "70000", "99999999999"] {
            let text = format!("articles = \"a\"\n[reader]\nmouse = true\nwidth = {bad}\n");
            let e = Config::from_toml(&text, Path::new("my.toml"), Path::new("")).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("my.toml:4:9: "), "{bad}: {msg}");
            assert!(msg.contains("20 to 400"), "{bad}: {msg}");
        }
        let e = Config::from_toml(
            "[reader]\nwidth = \"wide\"\n",
            Path::new("c.toml"),
            Path::new(""),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("c.toml:2:9: "), "{e}");
    }

    #[test]
    fn an_unknown_reader_key_names_file_line_and_column() {
        let text = "[reader]\nwidth = 90\nmouse_capture = true\n";
        let e = Config::from_toml(text, Path::new("my.toml"), Path::new("")).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("my.toml:3:1: "), "{msg}");
        assert!(msg.contains("mouse_capture"), "{msg}");
        let e = Config::from_toml(
            "[reader]\nmouse = \"yes\"\n",
            Path::new("c.toml"),
            Path::new(""),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("c.toml:2:"), "{e}");
    }

    #[test]
    fn load_defaults_match_the_built_in_table() {
        let builtin: ConfigFile = parse(DEFAULT_TOML, Path::new("config.toml")).unwrap();
        let m = builtin
            .load
            .max_file_mb
            .expect("the built-in config sets [load] max_file_mb");
        assert_eq!(m.0, LoadLimits::default().max_file_mb);
        let d = builtin
            .load
            .max_depth
            .expect("the built-in config sets [load] max_depth");
        assert_eq!(d.0, LoadLimits::default().max_depth);
        let expected = LoadLimits {
            max_file_mb: 16,
            max_depth: 16,
            cache: true,
        };
        assert_eq!(expected.max_file_bytes(), 16 * 1024 * 1024);
        let c = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("")).unwrap();
        assert_eq!(c.load, expected);
        for text in ["articles = \"a\"\n", "defaults = false\n"] {
            let c = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap();
            assert_eq!(c.load, expected, "{text}");
        }
    }

    #[test]
    fn a_users_load_table_overrides_key_by_key() {
        let c = Config::from_toml(
            "[load]\nmax_depth = 2\n",
            Path::new("c.toml"),
            Path::new(""),
        )
        .unwrap();
        assert_eq!(
            c.load,
            LoadLimits {
                max_file_mb: 16,
                max_depth: 2,
                cache: true,
            }
        );
        let c = Config::from_toml(
            "defaults = false\n[load]\nmax_file_mb = 1\n",
            Path::new("c.toml"),
            Path::new(""),
        )
        .unwrap();
        assert_eq!(
            c.load,
            LoadLimits {
                max_file_mb: 1,
                max_depth: 16,
                cache: true,
            }
        );
        for (text, mb, depth) in [
            ("[load]\nmax_file_mb = 1024\nmax_depth = 0", 1024, 0),
            ("[load]\nmax_depth = 64", 16, 64),
        ] {
            let c = Config::from_toml(text, Path::new("c.toml"), Path::new("")).unwrap();
            assert_eq!(
                (c.load.max_file_mb, c.load.max_depth),
                (mb, depth),
                "{text}"
            );
        }
    }

    #[test]
    fn a_load_limit_out_of_range_names_file_line_and_column() {
        for bad in ["0", "1025", "-1", "99999999999"] {
            let text = format!("articles = \"a\"\n[load]\nmax_depth = 3\nmax_file_mb = {bad}\n");
            let e = Config::from_toml(&text, Path::new("my.toml"), Path::new("")).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("my.toml:4:15: "), "{bad}: {msg}");
            assert!(
                msg.contains("max_file_mb") && msg.contains("1 to 1024"),
                "{bad}: {msg}"
            );
        }
        for bad in ["65", "-1"] {
            let text = format!("[load]\nmax_depth = {bad}\n");
            let e = Config::from_toml(&text, Path::new("my.toml"), Path::new("")).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("my.toml:2:13: "), "{bad}: {msg}");
            assert!(
                msg.contains("max_depth") && msg.contains("0 to 64"),
                "{bad}: {msg}"
            );
        }
        let e = Config::from_toml(
            "[load]\nmax_file_mb = \"big\"\n",
            Path::new("c.toml"),
            Path::new(""),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("c.toml:2:15: "), "{e}");
    }

    #[test]
    fn an_unknown_load_key_names_file_line_and_column() {
        let text = "[load]\nmax_depth = 3\nmax_files = 10\n";
        let e = Config::from_toml(text, Path::new("my.toml"), Path::new("")).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("my.toml:3:1: "), "{msg}");
        assert!(msg.contains("max_files"), "{msg}");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é=\nx", 2), (1, 2));
        assert_eq!(line_column("", 10), (1, 1));
    }
}
