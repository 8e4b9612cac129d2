//! Taking findings out: a selection of articles written as Markdown (for a report) or JSON Lines
//! (for other tools), each with what the reader's sidebar shows of it: its entities by kind,
//! most mentioned first, its topics and its related stories with their reasons. Shared by
//! `gisa export` and the reader's `e`. Writes to any `Write`; no terminal, no files here.

use std::io::{self, Write};

use serde::Serialize;

use crate::article::Card;
use crate::commands::{ArticleJson, RelatedJson};
use crate::entities::Kind;
use crate::related::Related;
use crate::sanitize;
use crate::store::Store;

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A Markdown document: a title, then a section per article.
    #[default]
    Markdown,
    /// One JSON object per line, per article.
    JsonLines,
}

impl Format {
    /// `md`, `markdown`, `jsonl`, `json-lines`, as people type them.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "jsonl" | "json-lines" | "jsonlines" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::JsonLines => "jsonl",
        }
    }
}

/// What an export holds beside the articles.
#[derive(Debug, Clone, Default)]
pub struct Heading {
    /// What was selected, as the query that selects it (`year:2019 outlet:reuters`); empty for
    /// the whole archive.
    pub query: String,
    /// Rank each article's related stories (about a millisecond an article).
    pub related: bool,
}

/// One entity of an exported article.
#[derive(Debug, Serialize)]
struct EntityOut<'a> {
    name: &'a str,
    kind: Kind,
    mentions: u32,
}

/// One article as a line of JSON.
#[derive(Debug, Serialize)]
struct ArticleOut<'a> {
    #[serde(flatten)]
    article: ArticleJson<'a>,
    topics_named: Vec<&'a str>,
    entities_named: Vec<EntityOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_stories: Option<Vec<RelatedJson<'a>>>,
}

/// Articles whose related stories are ranked together (on every core) before being written.
const RUN: usize = 256;

/// Write the articles in `slots` (in that order) as `format`. Returns how many were written.
pub fn write(
    store: &Store,
    slots: &[usize],
    format: Format,
    heading: &Heading,
    out: &mut impl Write,
) -> io::Result<usize> {
    if format == Format::Markdown {
        let what = if heading.query.is_empty() {
            "all articles".to_owned()
        } else {
            md(&heading.query)
        };
        writeln!(out, "# gisa export: {what}\n")?;
        writeln!(
            out,
            "{} article{}, newest first.",
            slots.len(),
            if slots.len() == 1 { "" } else { "s" }
        )?;
    }
    let mut n = 0;
    // Related stories are ranked on every core, a run of articles at a time, and written in
    // order as each run is done.
    for run in slots.chunks(RUN) {
        let related: Vec<Option<Vec<Related>>> = {
            use rayon::prelude::*;
            run.par_iter()
                .map(|&slot| {
                    heading
                        .related
                        .then(|| store.related(slot, crate::related::SHOWN))
                })
                .collect()
        };
        for (&slot, related) in run.iter().zip(related) {
            let Some(card) = store.get(slot) else {
                continue;
            };
            match format {
                Format::Markdown => markdown(store, slot, card, related, out)?,
                Format::JsonLines => json_line(store, slot, card, related, out)?,
            }
            n += 1;
        }
    }
    out.flush()?;
    Ok(n)
}

/// An article's entities as the sidebar lists them: grouped by kind, most mentioned first,
/// then in the order first met. (id, mentions) pairs.
fn entities_of(store: &Store, slot: usize) -> Vec<(usize, u32)> {
    let mut list: Vec<(usize, u32)> = store
        .entity_ids_of(slot)
        .iter()
        .copied()
        .zip(store.entity_mentions_of(slot).iter().copied())
        .collect();
    list.sort_by_key(|&(id, mentions)| {
        let group = store
            .entity(id)
            .map_or(Kind::SHOWN_ORDER.len(), |e| e.kind.shown_rank());
        (group, std::cmp::Reverse(mentions))
    });
    list
}

fn topics_of<'a>(store: &'a Store, card: &Card) -> Vec<&'a str> {
    card.topics
        .iter()
        .filter_map(|t| store.lexicon().topics.get(t.topic))
        .map(|t| t.name.as_str())
        .collect()
}

fn markdown(
    store: &Store,
    slot: usize,
    card: &Card,
    related: Option<Vec<Related>>,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "\n## {}\n", md(card.title()))?;
    let mut meta = vec![card.outlet_label(), card.date_label()];
    meta.extend(card.dateline.get().cloned());
    writeln!(out, "*{}* · `{}`", md(&meta.join(" · ")), code(&card.id))?;
    let entities = entities_of(store, slot);
    let mut lines = Vec::new();
    for kind in Kind::SHOWN_ORDER {
        let names: Vec<String> = entities
            .iter()
            .filter_map(|&(id, mentions)| {
                let e = store.entity(id).filter(|e| e.kind == kind)?;
                Some(format!("{} ({mentions})", md(&e.name)))
            })
            .collect();
        if !names.is_empty() {
            lines.push(format!("- **{}:** {}", kind.plural(), names.join(", ")));
        }
    }
    let topics = topics_of(store, card);
    if !topics.is_empty() {
        let topics: Vec<String> = topics.iter().map(|t| md(t)).collect();
        lines.push(format!("- **Topics:** {}", topics.join(", ")));
    }
    if !lines.is_empty() {
        writeln!(out, "\n{}", lines.join("\n"))?;
    }
    let Some(related) = related else {
        return Ok(());
    };
    if related.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n**Related stories:**\n")?;
    for (k, r) in related.iter().enumerate() {
        let Some(other) = store.get(r.article) else {
            continue;
        };
        let reasons: Vec<String> = r.reasons.iter().map(|x| md(x)).collect();
        writeln!(
            out,
            "{}. {} · {} · {} (`{}`): {}",
            k + 1,
            other.date_label(),
            md(&other.outlet_label()),
            md(other.title()),
            code(&other.id),
            reasons.join("; ")
        )?;
    }
    Ok(())
}

fn json_line(
    store: &Store,
    slot: usize,
    card: &Card,
    related: Option<Vec<Related>>,
    out: &mut impl Write,
) -> io::Result<()> {
    let line = ArticleOut {
        article: ArticleJson::summary(card),
        topics_named: topics_of(store, card),
        entities_named: entities_of(store, slot)
            .into_iter()
            .filter_map(|(id, mentions)| {
                let e = store.entity(id)?;
                Some(EntityOut {
                    name: &e.name,
                    kind: e.kind,
                    mentions,
                })
            })
            .collect(),
        related_stories: related.map(|list| {
            list.into_iter()
                .filter_map(|r| RelatedJson::new(store, r))
                .collect()
        }),
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

/// Text for Markdown: one line, terminal-safe, every character Markdown could read as syntax
/// escaped, so a headline from a pasted page cannot open a link, an image or raw HTML.
pub fn md(s: &str) -> String {
    let clean = sanitize::line(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '!'
                | '('
                | ')'
                | '{'
                | '}'
                | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for a Markdown code span: one line, terminal-safe, no backtick to end it early.
fn code(s: &str) -> String {
    sanitize::line(s).replace('`', "'")
}

#[cfg(test)]
mod tests;
