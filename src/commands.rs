//! The CLI subcommands, one file each. They write plain text (sanitised) or JSON (escaped by serde)
//! to the writer they are given, and return the process exit status.

pub mod check;
pub mod list;
pub mod show;

use serde::Serialize;

use crate::article::{Article, Precision, Source};

/// A command's failure: a one-line message for standard error, and the exit status.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub status: u8,
}

impl Failure {
    pub fn new(message: impl std::fmt::Display, status: u8) -> Self {
        Failure {
            message: message.to_string(),
            status,
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            // `gisa list | head` closes the pipe early: stop quietly, successfully.
            return Failure::new("", 0);
        }
        Failure::new(format!("cannot write output: {e}"), 1)
    }
}

/// An article's fields as JSON: the stable shape of `list --json` and `show --json`.
#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub headline: Option<&'a str>,
    pub headline_source: Source,
    pub outlet: Option<&'a str>,
    pub outlet_source: Source,
    pub publisher: Option<&'a str>,
    pub publisher_source: Source,
    /// ISO at its precision: `2019-11-23`, `2019-11`, `2023`; null when unknown.
    pub date: Option<String>,
    pub date_precision: Option<Precision>,
    pub date_source: Source,
    pub year: Option<u16>,
    pub dateline: Option<&'a str>,
    pub dateline_source: Source,
    pub byline: Option<&'a str>,
    pub tags: &'a [String],
    pub words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captions: Option<&'a [String]>,
}

impl<'a> ArticleJson<'a> {
    /// The metadata fields only.
    pub fn summary(a: &'a Article) -> Self {
        ArticleJson {
            id: &a.id,
            file: &a.file,
            headline: a.headline.get().map(String::as_str),
            headline_source: a.headline.source,
            outlet: a.outlet.get().map(String::as_str),
            outlet_source: a.outlet.source,
            publisher: a.publisher.get().map(String::as_str),
            publisher_source: a.publisher.source,
            date: a.date.get().map(ToString::to_string),
            date_precision: a.date.get().map(|d| d.precision()),
            date_source: a.date.source,
            year: a.year(),
            dateline: a.dateline.get().map(String::as_str),
            dateline_source: a.dateline.source,
            byline: a.byline.as_deref(),
            tags: &a.tags,
            words: a.words,
            body: None,
            credits: None,
            captions: None,
        }
    }

    /// Everything, body included.
    pub fn full(a: &'a Article) -> Self {
        ArticleJson {
            body: Some(&a.body),
            credits: Some(&a.credits),
            captions: Some(&a.captions),
            ..Self::summary(a)
        }
    }
}

/// `Outlet (via Publisher)`, or what is known of it.
pub fn outlet_label(a: &Article) -> String {
    match (a.outlet.get(), a.publisher.get()) {
        (Some(o), Some(p)) => format!("{o} via {p}"),
        (Some(o), None) => o.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "outlet unknown".to_owned(),
    }
}
