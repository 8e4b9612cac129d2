//! The dossier, timeline and problems views, made from the store for the open article: plain data for
//! `AppState::view`, built once when a view opens (never while drawing). No terminal here.

use std::collections::BTreeMap;

use super::state::{View, ViewRow, ViewRowKind, ViewTarget};
use crate::dossier::{self, Subject};
use crate::load::Severity;
use crate::sanitize;
use crate::store::Store;

/// Characters kept before a name in the dossier view.
const CONTEXT_BEFORE: usize = 24;

/// The dossier of entity `entity` (an index into the article's entities): every mention across
/// the archive, oldest first, grouped by article.
pub fn dossier(store: &Store, article: usize, entity: usize) -> Option<View> {
    let id = *store.entity_ids_of(article).get(entity)?;
    let info = store.entity(id)?;
    let per_article =
        dossier::map_mentions(store, &Subject::Entities(vec![id]), |a, art, found| {
            let mut rows = vec![ViewRow {
                kind: ViewRowKind::Heading,
                text: dossier::heading(art),
                bar: None,
                target: Some(ViewTarget::Mention {
                    article: a,
                    entity_key: info.key.to_string(),
                    nth: 0,
                }),
            }];
            // Little before the name, so it stays in view in a pane of any width.
            for (nth, (_, quote)) in dossier::quotes(art, found, CONTEXT_BEFORE).enumerate() {
                rows.push(ViewRow {
                    kind: ViewRowKind::Item,
                    text: quote,
                    bar: None,
                    target: Some(ViewTarget::Mention {
                        article: a,
                        entity_key: info.key.to_string(),
                        nth,
                    }),
                });
            }
            (found.len(), rows)
        })
        .ok()?;
    let total: usize = per_article.iter().map(|f| f.0).sum();
    let title = format!(
        "{} ({}) · {} mention{} in {} article{}",
        sanitize::line(&info.name),
        info.kind,
        total,
        if total == 1 { "" } else { "s" },
        per_article.len(),
        if per_article.len() == 1 { "" } else { "s" }
    );
    let rows: Vec<ViewRow> = per_article.into_iter().flat_map(|f| f.1).collect();
    Some(View {
        title,
        rows,
        cursor: 0,
    })
}

/// The timeline of the article's topics: for each, its articles per year across the archive,
/// with a bar; Enter on a year filters the list to that topic in that year.
pub fn timeline(store: &Store, article: usize) -> Option<View> {
    let a = store.get(article)?;
    let topics = &store.lexicon().topics;
    let mut rows = Vec::new();
    for hit in &a.topics {
        let Some(topic) = topics.get(hit.topic) else {
            continue;
        };
        let list = store.topic_articles(hit.topic);
        let mut per_year: BTreeMap<Option<u16>, usize> = BTreeMap::new();
        for &i in list {
            *per_year
                .entry(store.get(i).and_then(crate::article::Card::year))
                .or_default() += 1;
        }
        let most = per_year.values().copied().max().unwrap_or(0);
        rows.push(ViewRow {
            kind: ViewRowKind::Heading,
            text: format!(
                "{} · {} article{}",
                sanitize::line(&topic.name),
                list.len(),
                if list.len() == 1 { "" } else { "s" }
            ),
            bar: None,
            target: Some(ViewTarget::Filter(format!("topic:{}", topic.id))),
        });
        // Dated years oldest first, then the undated.
        let mut years: Vec<(Option<u16>, usize)> = per_year.into_iter().collect();
        years.sort_by_key(|(y, _)| (y.is_none(), *y));
        for (year, n) in years {
            rows.push(ViewRow {
                kind: ViewRowKind::Item,
                text: year.map_or_else(|| "undated".to_owned(), |y| y.to_string()),
                bar: Some((n, most)),
                target: year.map(|y| ViewTarget::Filter(format!("topic:{} year:{y}", topic.id))),
            });
        }
    }
    let title = format!(
        "Timeline of the topics of {}",
        sanitize::line(crate::width::truncate(a.title(), 40).as_ref())
    );
    Some(View {
        title,
        rows,
        cursor: 0,
    })
}

/// The files that did not load and the warnings about those that did, skipped files first, each
/// file a heading with its reasons under it; Enter on a loaded file opens it. `None` when every
/// file loaded cleanly.
pub fn problems(store: &Store) -> Option<View> {
    let all = store.problems();
    if all.is_empty() {
        return None;
    }
    let mut order: Vec<&crate::load::Problem> = all.iter().collect();
    order.sort_by(|a, b| {
        (a.severity != Severity::Skipped, &a.file).cmp(&(b.severity != Severity::Skipped, &b.file))
    });
    let skipped = all
        .iter()
        .filter(|p| p.severity == Severity::Skipped)
        .count();
    let warnings = all.len() - skipped;
    let by_file: std::collections::HashMap<&str, usize> = store
        .articles()
        .iter()
        .enumerate()
        .filter(|&(i, _)| store.is_live(i))
        .map(|(i, a)| (a.file.as_str(), i))
        .collect();
    let mut rows = Vec::new();
    let mut current: Option<&str> = None;
    for p in order {
        if current != Some(p.file.as_str()) {
            current = Some(p.file.as_str());
            let article = by_file.get(p.file.as_str()).copied();
            rows.push(ViewRow {
                kind: ViewRowKind::Heading,
                text: format!(
                    "{}{}",
                    sanitize::line(&p.file),
                    if article.is_some() {
                        ""
                    } else {
                        "  (not loaded)"
                    }
                ),
                bar: None,
                target: article.map(ViewTarget::Article),
            });
        }
        let place = match (p.line, p.column) {
            (Some(l), Some(c)) => format!("line {l}, column {c}: "),
            (Some(l), None) => format!("line {l}: "),
            _ => String::new(),
        };
        rows.push(ViewRow {
            kind: ViewRowKind::Item,
            text: format!("{place}{}", sanitize::line(&p.message)),
            bar: None,
            target: None,
        });
    }
    Some(View {
        title: format!(
            "Problems · {skipped} file{} not loaded, {warnings} warning{}",
            if skipped == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
        rows,
        cursor: 0,
    })
}
