//! `gisa dossier NAME`: every mention of an entity or a topic across the corpus, oldest first,
//! with date, outlet, headline and the sentence around it (keyword in context). Text or JSON.

use std::fmt::Write as _;
use std::io::Write;

use serde::Serialize;

use super::Failure;
pub use crate::dossier::Subject;
use crate::dossier::{CONTEXT, heading, map_mentions, quotes, sentence};
use crate::entities::gazetteer::name_key;
use crate::sanitize;
use crate::store::Store;

/// Find what `name` means: an entity (by name or alias), else a topic (by id or name). With
/// `topic`, only a topic. Unknown names fail with suggestions.
pub fn resolve(store: &Store, name: &str, topic: bool) -> Result<Subject, Failure> {
    if !topic {
        let ids = store.find_entities(name);
        if !ids.is_empty() {
            return Ok(Subject::Entities(ids));
        }
    }
    if let Some(t) = store.lexicon().topics.lookup(name) {
        return Ok(Subject::Topic(t));
    }
    let key = name_key(name);
    let mut near: Vec<String> = Vec::new();
    if !topic && !key.is_empty() {
        // Near: one contains the other, or a word of the name is a small typo away.
        let close = |a: &str, b: &str| edit_distance(a, b) <= (a.chars().count() / 4).max(1);
        let mut hits: Vec<&crate::store::EntityInfo> = store
            .entities()
            .iter()
            .filter(|e| {
                e.key.contains(&key)
                    || key.contains(&*e.key)
                    || close(&key, &e.key)
                    || e.key.split(' ').any(|w| close(&key, w))
            })
            .collect();
        hits.sort_by_key(|e| std::cmp::Reverse(e.articles.len()));
        near.extend(hits.iter().take(5).map(|e| e.name.to_string()));
    }
    let topics = store.lexicon().topics.list();
    let what = if topic { "topic" } else { "entity or topic" };
    let hint = if near.is_empty() {
        format!(
            "topics: {}; `gisa entities` lists the entities",
            topics
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!("did you mean: {}", near.join(", "))
    };
    Err(Failure::new(
        format!(
            "no {what} '{}' ({})",
            sanitize::line(name),
            sanitize::line(&hint)
        ),
        1,
    ))
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// One mention in context.
#[derive(Debug, Serialize)]
struct Entry {
    id: String,
    file: String,
    date: Option<String>,
    outlet: Option<String>,
    headline: Option<String>,
    paragraph: usize,
    start: usize,
    end: usize,
    text: String,
    sentence: String,
}

/// How a dossier is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    #[default]
    Text,
    Json,
    /// A Markdown document, for a report.
    Markdown,
}

/// Print the dossier of `name`.
pub fn run(
    store: &Store,
    name: &str,
    topic: bool,
    form: Form,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let subject = resolve(store, name, topic)?;
    let failed = |e| Failure::new(e, 1);
    if form == Form::Markdown {
        return markdown(store, &subject, out);
    }
    if form == Form::Json {
        let rows: Vec<Vec<Entry>> = map_mentions(store, &subject, |i, a, found| {
            // The store's id: a clashing file's article has one of its own (`a~2`).
            let id = store.get(i).map_or(a.id.as_str(), |c| c.id.as_str());
            found
                .iter()
                .filter_map(|&m| {
                    let p = a.body.get(m.paragraph())?;
                    Some(Entry {
                        id: id.to_owned(),
                        file: a.file.clone(),
                        date: a.date.get().map(ToString::to_string),
                        outlet: a.outlet.get().cloned(),
                        headline: a.headline.get().cloned(),
                        paragraph: m.paragraph(),
                        start: m.start(),
                        end: m.end(),
                        text: p.get(m.start()..m.end())?.to_owned(),
                        sentence: sentence(p, m).to_owned(),
                    })
                })
                .collect()
        })
        .map_err(failed)?;
        let rows: Vec<Entry> = rows.into_iter().flatten().collect();
        return super::write_json(out, &rows);
    }
    let title = title_of(store, &subject);
    // Each article's lines, made on every core; the count heads them.
    let blocks: Vec<(usize, String)> = map_mentions(store, &subject, |i, a, found| {
        let id = store.get(i).map_or(a.id.as_str(), |c| c.id.as_str());
        let mut block = format!("\n{}  ({})\n", heading(a), sanitize::line(id));
        for (m, quote) in quotes(a, found, CONTEXT) {
            let _ = writeln!(block, "  ¶{}  {quote}", m.paragraph() + 1);
        }
        (found.len(), block)
    })
    .map_err(failed)?;
    let total: usize = blocks.iter().map(|b| b.0).sum();
    writeln!(
        out,
        "{}: {}",
        sanitize::line(&title),
        counted(total, blocks.len())
    )?;
    for (_, block) in &blocks {
        out.write_all(block.as_bytes())?;
    }
    Ok(())
}

/// `3 mentions in 2 articles`.
fn counted(mentions: usize, articles: usize) -> String {
    format!(
        "{mentions} mention{} in {articles} article{}",
        if mentions == 1 { "" } else { "s" },
        if articles == 1 { "" } else { "s" }
    )
}

/// The dossier as a Markdown document: a title, the count, then per article (oldest first) a
/// heading and each mention's sentence with the name in bold. Every piece of article text is
/// Markdown-escaped and terminal-safe.
fn markdown(store: &Store, subject: &Subject, out: &mut impl Write) -> Result<(), Failure> {
    use crate::dossier::{in_context_parts, sentence};
    use crate::export::md;
    let blocks: Vec<(usize, String)> = map_mentions(store, subject, |i, a, found| {
        let card = store.get(i);
        let id = card.map_or(a.id.as_str(), |c| c.id.as_str());
        let mut block = format!(
            "\n## {} · {} · {}\n\n`{}`\n\n",
            a.date_label(),
            md(&a.outlet_label()),
            md(a.title()),
            sanitize::line(id).replace('`', "'")
        );
        for &m in found {
            let Some(p) = a.body.get(m.paragraph()) else {
                continue;
            };
            let s = sentence(p, m);
            let offset = s.as_ptr() as usize - p.as_ptr() as usize;
            let (before, name, after) = in_context_parts(s, offset, m, CONTEXT);
            let _ = writeln!(
                block,
                "- ¶{}: {}**{}**{}",
                m.paragraph() + 1,
                md(&before),
                md(&name),
                md(&after)
            );
        }
        (found.len(), block)
    })
    .map_err(|e| Failure::new(e, 1))?;
    let total: usize = blocks.iter().map(|b| b.0).sum();
    writeln!(out, "# Dossier: {}\n", md(&title_of(store, subject)))?;
    writeln!(out, "{}, oldest first.", counted(total, blocks.len()))?;
    for (_, block) in &blocks {
        out.write_all(block.as_bytes())?;
    }
    Ok(())
}

/// What a dossier is about, as its title says: `GSOMIA (agreement)`, `Summits (topic)`.
fn title_of(store: &Store, subject: &Subject) -> String {
    match subject {
        Subject::Entities(ids) => ids
            .iter()
            .filter_map(|&e| store.entity(e))
            .map(|e| format!("{} ({})", e.name, e.kind))
            .collect::<Vec<_>>()
            .join(", "),
        Subject::Topic(t) => store
            .lexicon()
            .topics
            .get(*t)
            .map_or_else(String::new, |t| format!("{} (topic)", t.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::in_context_with;
    use crate::entities::Mention;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kishda", "kishida"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("motegi", "motegi"), 0);
        assert_eq!(edit_distance("yoon", "moon"), 1);
        assert_eq!(edit_distance("gsomia", "gsomai"), 2);
    }

    #[test]
    fn context_is_cut_by_characters_and_marks_the_mention() {
        let s = format!("{}Kishida{}", "é".repeat(150), "x".repeat(5));
        let m = Mention::new(0, 300, 307);
        let c = in_context_with(&s, 0, m, CONTEXT);
        assert!(c.starts_with('…'), "{c}");
        assert!(c.ends_with("«Kishida»xxxxx"), "{c}");
        assert_eq!(c.chars().filter(|&ch| ch == 'é').count(), CONTEXT);
    }
}
