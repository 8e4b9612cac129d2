//! `gisa entities [ID] [--kind K]`: the entities of one article with their mentions, or of the
//! whole corpus with how many articles and mentions each has. A table, or JSON.

use std::io::Write;

use serde::Serialize;

use super::{EntityJson, Failure};
use crate::entities::Kind;
use crate::sanitize;
use crate::store::Store;
use crate::width::{display_width, fit};

/// An entity across the corpus, as `gisa entities --json` gives it.
#[derive(Debug, Serialize)]
struct CorpusEntityJson<'a> {
    name: &'a str,
    kind: Kind,
    articles: usize,
    mentions: usize,
}

/// Print the entities of article `id`, or of the corpus when `id` is `None`.
pub fn run(
    store: &Store,
    id: Option<&str>,
    kind: Option<Kind>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let wanted = |k: Kind| kind.is_none_or(|want| want == k);
    let rows: Vec<[String; 4]> = if let Some(id) = id {
        let index = store.find(id).map_err(|e| Failure::new(e, 1))?;
        let a = store.article(index).map_err(|e| Failure::new(e, 1))?;
        let a = &*a;
        let mut list: Vec<_> = a.entities.iter().filter(|e| wanted(e.kind)).collect();
        // By kind, then the most mentioned first; first met breaks ties (the sort is stable).
        list.sort_by_key(|e| (e.kind, std::cmp::Reverse(e.mentions.len())));
        if json {
            let rows: Vec<EntityJson<'_>> = list.iter().map(|e| EntityJson::new(a, e)).collect();
            return super::write_json(out, &rows);
        }
        list.iter()
            .map(|e| {
                [
                    sanitize::line(&e.name).into_owned(),
                    e.kind.to_string(),
                    e.mentions.len().to_string(),
                    String::new(),
                ]
            })
            .collect()
    } else {
        let mut list: Vec<_> = store.entities().iter().filter(|e| wanted(e.kind)).collect();
        list.sort_by(|x, y| {
            y.articles
                .len()
                .cmp(&x.articles.len())
                .then(y.mentions.cmp(&x.mentions))
                .then_with(|| x.name.cmp(&y.name))
        });
        if json {
            let rows: Vec<CorpusEntityJson<'_>> = list
                .iter()
                .map(|e| CorpusEntityJson {
                    name: &e.name,
                    kind: e.kind,
                    articles: e.articles.len(),
                    mentions: e.mentions,
                })
                .collect();
            return super::write_json(out, &rows);
        }
        list.iter()
            .map(|e| {
                [
                    sanitize::line(&e.name).into_owned(),
                    e.kind.to_string(),
                    e.articles.len().to_string(),
                    e.mentions.to_string(),
                ]
            })
            .collect()
    };
    let headers: &[&str] = if id.is_some() {
        &["NAME", "KIND", "MENTIONS"]
    } else {
        &["NAME", "KIND", "ARTICLES", "MENTIONS"]
    };
    let widths: Vec<usize> = (0..headers.len())
        .map(|c| {
            rows.iter()
                .map(|r| display_width(&r[c]))
                .chain([display_width(headers[c])])
                .max()
                .unwrap_or(0)
                .min(40)
        })
        .collect();
    let line = |cells: &[&str]| {
        let mut parts: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| fit(c, *w)).collect();
        // No trailing spaces after the last column.
        if let Some(last) = parts.last_mut() {
            *last = last.trim_end().to_owned();
        }
        parts.join("  ")
    };
    writeln!(out, "{}", line(headers))?;
    for r in &rows {
        let cells: Vec<&str> = r.iter().take(headers.len()).map(String::as_str).collect();
        writeln!(out, "{}", line(&cells))?;
    }
    if rows.is_empty() {
        writeln!(out, "(no entities)")?;
    }
    Ok(())
}
