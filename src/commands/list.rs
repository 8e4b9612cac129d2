//! `gisa list`: the articles that match a filter (year, outlet, topic, entity, words), as a table
//! or JSON.

use std::io::Write;

use super::{ArticleJson, Failure};
use crate::query::{Filter, YearRange, normalize_words};
use crate::sanitize;
use crate::store::Store;
use crate::width::{display_width, fit};

/// Build the filter from the command-line parts; a malformed year is a usage error (status 2).
/// Topics and entities are checked against the store later, by [`run`].
pub fn filter(
    year: Option<&str>,
    outlet: Option<&str>,
    topics: &[String],
    entities: &[String],
    words: &[String],
) -> Result<Filter, Failure> {
    let years = year
        .map(YearRange::parse)
        .transpose()
        .map_err(|e| Failure::new(e, 2))?;
    Ok(Filter {
        years,
        outlet: outlet.map(str::to_owned),
        topics: topics.to_vec(),
        entities: entities.to_vec(),
        words: words.iter().flat_map(|w| normalize_words(w)).collect(),
    })
}

/// Print the matching articles.
pub fn run(
    store: &Store,
    filter: &Filter,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    store.validate(filter).map_err(|e| Failure::new(e, 1))?;
    let hits = store.filter(filter);
    let articles = hits.iter().filter_map(|&i| store.get(i));
    if json {
        let rows: Vec<ArticleJson<'_>> = articles.map(ArticleJson::summary).collect();
        serde_json::to_writer_pretty(&mut *out, &rows)
            .map_err(|e| Failure::from(std::io::Error::from(e)))?;
        writeln!(out)?;
        return Ok(());
    }
    let rows: Vec<[String; 4]> = articles
        .map(|a| {
            [
                sanitize::line(&a.id).into_owned(),
                if a.date.get().is_some() {
                    a.date_label()
                } else {
                    "unknown".to_owned()
                },
                sanitize::line(&a.outlet_label()).into_owned(),
                sanitize::line(a.title()).into_owned(),
            ]
        })
        .collect();
    let width = |col: usize, header: &str| {
        rows.iter()
            .map(|r| display_width(&r[col]))
            .chain([display_width(header)])
            .max()
            .unwrap_or(0)
    };
    let (w_id, w_date, w_outlet) = (width(0, "ID"), width(1, "DATE"), width(2, "OUTLET").min(28));
    // Padding by display width, not by chars, so CJK ids and outlets stay aligned.
    let row = |id: &str, date: &str, outlet: &str, headline: &str| {
        format!(
            "{}  {}  {}  {headline}",
            fit(id, w_id),
            fit(date, w_date),
            fit(outlet, w_outlet)
        )
    };
    writeln!(out, "{}", row("ID", "DATE", "OUTLET", "HEADLINE"))?;
    for [id, date, outlet, headline] in &rows {
        writeln!(out, "{}", row(id, date, outlet, headline))?;
    }
    if rows.is_empty() {
        writeln!(out, "(no articles match)")?;
    }
    Ok(())
}
