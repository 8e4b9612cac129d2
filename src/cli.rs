//! The command line, as clap derive types. Parsing only: `main` dispatches, `commands` runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::article::PartialDate;
use crate::commands::RELATED_LIMIT;
use crate::entities::Kind;

/// gisa: a terminal reader for news archives.
///
/// Without a command, opens the reader on the articles folder.
#[derive(Debug, Parser)]
#[command(name = "gisa", version, about, long_about = None)]
pub struct Cli {
    /// The articles folder (default: `articles` in config.toml).
    #[arg(long, global = true, value_name = "DIR")]
    pub articles: Option<PathBuf>,

    /// The config file (default: ./config.toml, else the built-in one).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read and analyse every file, without the analysis cache (nor writing it).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Open the reader at this article (its id or a unique prefix of it).
    #[arg(long, value_name = "ID")]
    pub open: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List articles, newest first: id, date, outlet, headline.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one article as clean text.
    Show {
        /// The article's id (the file name without .txt) or a unique prefix of it.
        id: String,
        /// Print JSON with the body as an array of paragraphs.
        #[arg(long)]
        json: bool,
    },
    /// Load everything as the reader does and report each file that has a problem.
    /// Exit status: 0 all loaded, 1 some files not loaded, 2 config error.
    Check {
        /// Also print how long each phase of the load took, and the peak memory.
        #[arg(long)]
        timings: bool,
    },
    /// Named entities (people, organisations, places, agreements): of one article with their
    /// mentions, or of the whole archive with how many articles and mentions each has.
    Entities {
        /// An article id (or unique prefix); without it, the whole archive.
        id: Option<String>,
        /// Only this kind: person, organisation, place or agreement.
        #[arg(long, value_name = "KIND", value_parser = parse_kind)]
        kind: Option<Kind>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Articles related to one article, best first, with a score and the reasons.
    Related {
        /// The article's id or a unique prefix of it.
        id: String,
        /// At most this many.
        #[arg(long, default_value_t = RELATED_LIMIT, value_name = "N")]
        limit: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Every mention of an entity or topic across the archive, oldest first, with the sentence
    /// around it.
    Dossier {
        /// An entity's name or alias (any case), or a topic's id or name.
        name: String,
        /// Take NAME as a topic even when an entity has that name.
        #[arg(long)]
        topic: bool,
        /// Print JSON instead of text (the same as --format json).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// text, json, or md (a Markdown document for a report).
        #[arg(long, value_name = "text|json|md", value_parser = parse_dossier_format)]
        format: Option<crate::commands::dossier::Form>,
    },
    /// Write the articles that match a filter (the options of `list`) for a report or another
    /// tool: Markdown, or JSON Lines, each with its entities, topics and related stories.
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// md (Markdown) or jsonl (JSON Lines).
        #[arg(long, value_name = "md|jsonl", default_value = "md", value_parser = parse_format)]
        format: crate::export::Format,
        /// Write to this file (replaced whole, atomically) instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out the related stories (ranking them takes about a millisecond an article).
        #[arg(long)]
        no_related: bool,
    },
    /// Add articles to the archive: from files, or pasted on standard input (end the paste with
    /// Ctrl-D). Shows what gisa understood of each, checks that the archive does not have it
    /// already, and writes it into the articles folder as DATE-HEADLINE.txt, never over a file.
    /// Exit status: 0 all added, 1 some not added, 2 usage error.
    Add(AddArgs),
    /// The articles of a story thread in date order, grouped by year.
    Timeline {
        /// Only articles of this topic (its id or name; see config.toml).
        #[arg(long, value_name = "TOPIC")]
        topic: Option<String>,
        /// Only articles that name this entity.
        #[arg(long, value_name = "NAME")]
        entity: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// `--kind` as people type it (`person`, `people`, `org`, `organization`, ...).
fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s)
        .ok_or_else(|| format!("'{s}' is not a kind; use person, organisation, place or agreement"))
}

/// `--date` as metadata writes it: `2019-11-23`, `2019-11` or `2019`.
fn parse_date(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse_iso(s).ok_or_else(|| {
        format!(
            "'{}' is not a date; use 2019-11-23, 2019-11 or 2019",
            crate::sanitize::line(s)
        )
    })
}

/// `--outlet` and `--headline`: one line of visible text.
fn parse_field(s: &str) -> Result<String, String> {
    let clean = crate::sanitize::line(s);
    let clean = clean.trim();
    if clean.is_empty() {
        return Err("empty; give some text, or leave the option out".to_owned());
    }
    Ok(clean.to_owned())
}

/// `gisa add`'s options.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Files to add; `-`, or none, reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The date, when the text lacks it or states it wrong: 2019-11-23, 2019-11 or 2019.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<PartialDate>,
    /// The outlet (agency or paper), when the text lacks it or states it wrong.
    #[arg(long, value_name = "NAME", value_parser = parse_field)]
    pub outlet: Option<String>,
    /// The headline, when the text lacks it or states it wrong (one article at a time).
    #[arg(long, value_name = "TEXT", value_parser = parse_field)]
    pub headline: Option<String>,
    /// Add it even when the archive has the same article, or the same story from the same
    /// outlet.
    #[arg(long)]
    pub force: bool,
    /// Show what would be added, and write nothing.
    #[arg(long, short = 'n')]
    pub dry_run: bool,
}

/// `--format` of `export`.
fn parse_format(s: &str) -> Result<crate::export::Format, String> {
    crate::export::Format::parse(s).ok_or_else(|| {
        format!(
            "'{}' is not a format; use md (Markdown) or jsonl (JSON Lines)",
            crate::sanitize::line(s)
        )
    })
}

/// The options that choose articles, shared by `list` and `export`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// A year (2019) or a range of years (2019..2021).
    #[arg(long, value_name = "Y|Y1..Y2")]
    pub year: Option<String>,
    /// An outlet or publisher, by name or alias (case does not matter).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Only articles of this topic (its id or name; see config.toml). Repeat to require
    /// several.
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,
    /// Only articles that name this entity (name or alias, any case or hyphenation). Repeat
    /// to require several.
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,
    /// Words that must occur in the article.
    #[arg(value_name = "WORDS")]
    pub words: Vec<String>,
}

impl FilterArgs {
    /// The filter these options make; a malformed year is a usage error (status 2).
    pub fn filter(&self) -> Result<crate::query::Filter, crate::commands::Failure> {
        crate::commands::list::filter(
            self.year.as_deref(),
            self.outlet.as_deref(),
            &self.topic,
            &self.entity,
            &self.words,
        )
    }
}

/// `--format` of `dossier`.
fn parse_dossier_format(s: &str) -> Result<crate::commands::dossier::Form, String> {
    use crate::commands::dossier::Form;
    match s.trim().to_lowercase().as_str() {
        "text" | "txt" => Ok(Form::Text),
        "json" => Ok(Form::Json),
        "md" | "markdown" => Ok(Form::Markdown),
        _ => Err(format!(
            "'{}' is not a format; use text, json or md",
            crate::sanitize::line(s)
        )),
    }
}
