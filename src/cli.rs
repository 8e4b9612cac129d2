//! The command line, as clap derive types. Parsing only: `main` dispatches, `commands` runs.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
        /// A year (2019) or a range of years (2019..2021).
        #[arg(long, value_name = "Y|Y1..Y2")]
        year: Option<String>,
        /// An outlet or publisher, by name or alias (case does not matter).
        #[arg(long, value_name = "NAME")]
        outlet: Option<String>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
        /// Words that must occur in the article.
        #[arg(value_name = "WORDS")]
        words: Vec<String>,
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
    Check,
}
