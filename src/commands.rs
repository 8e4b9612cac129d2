//! The CLI subcommands, one file each. They write plain text (sanitised) or JSON (escaped by serde)
//! to the writer they are given, and return the process exit status.

pub mod add;
pub mod check;
pub mod dossier;
pub mod entities;
pub mod export;
pub mod list;
pub mod paste;
pub mod related;
pub mod show;
pub mod timeline;

use serde::Serialize;

use crate::article::{Article, Card, Precision, Source};
use crate::entities::{FoundEntity, Kind};
use crate::related::Related;
use crate::store::Store;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<EntityJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<TopicJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<RelatedJson<'a>>>,
}

/// One entity of an article, with where it is mentioned.
#[derive(Debug, Serialize)]
pub struct EntityJson<'a> {
    pub name: &'a str,
    pub kind: Kind,
    /// From the gazetteer (`true`) or discovered in the text.
    pub known: bool,
    pub mentions: Vec<MentionJson<'a>>,
}

/// A mention: body paragraph (0-based), byte range in it, and the words as written.
#[derive(Debug, Serialize)]
pub struct MentionJson<'a> {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> EntityJson<'a> {
    pub fn new(a: &'a Article, e: &'a FoundEntity) -> Self {
        EntityJson {
            name: &e.name,
            kind: e.kind,
            known: e.known,
            mentions: e
                .mentions
                .iter()
                .map(|m| MentionJson {
                    paragraph: m.paragraph(),
                    start: m.start(),
                    end: m.end(),
                    text: a
                        .body
                        .get(m.paragraph())
                        .and_then(|p| p.get(m.start()..m.end()))
                        .unwrap_or(""),
                })
                .collect(),
        }
    }
}

/// A topic of an article: id, name, how many cues.
#[derive(Debug, Serialize)]
pub struct TopicJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub count: usize,
}

/// A related article, as `gisa related --json` and `show --json` give it.
#[derive(Debug, Serialize)]
pub struct RelatedJson<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub headline: Option<&'a str>,
    pub date: Option<String>,
    pub score: f64,
    pub reasons: Vec<String>,
}

impl<'a> RelatedJson<'a> {
    pub fn new(store: &'a Store, r: Related) -> Option<Self> {
        let a = store.get(r.article)?;
        Some(RelatedJson {
            id: &a.id,
            file: &a.file,
            headline: a.headline.get().map(String::as_str),
            date: a.date.get().map(ToString::to_string),
            score: r.score,
            reasons: r.reasons,
        })
    }
}

impl<'a> ArticleJson<'a> {
    /// The metadata fields only.
    pub fn summary(a: &'a Card) -> Self {
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
            entities: None,
            topics: None,
            related: None,
        }
    }

    /// Everything: body, entities, topics and related articles included.
    pub fn full(store: &'a Store, index: usize, card: &'a Card, a: &'a Article) -> Self {
        let topics = &store.lexicon().topics;
        ArticleJson {
            body: Some(&a.body),
            credits: Some(&a.credits),
            captions: Some(&a.captions),
            entities: Some(a.entities.iter().map(|e| EntityJson::new(a, e)).collect()),
            topics: Some(
                a.topics
                    .iter()
                    .filter_map(|h| {
                        let t = topics.get(h.topic)?;
                        Some(TopicJson {
                            id: &t.id,
                            name: &t.name,
                            count: h.count(),
                        })
                    })
                    .collect(),
            ),
            related: Some(
                store
                    .related_to(index, a, RELATED_LIMIT)
                    .into_iter()
                    .filter_map(|r| RelatedJson::new(store, r))
                    .collect(),
            ),
            ..Self::summary(card)
        }
    }
}

/// How many related articles `show` and `related` give by default.
pub const RELATED_LIMIT: usize = 10;

/// Write a value as pretty JSON and a newline.
pub fn write_json(out: &mut impl std::io::Write, value: &impl Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|e| Failure::from(std::io::Error::from(e)))?;
    writeln!(out)?;
    Ok(())
}
