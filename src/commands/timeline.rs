//! `gisa timeline [--topic T] [--entity E]`: the articles of a thread in date order, grouped by
//! year. Without options, the whole archive. Text or JSON.

use std::io::Write;

use serde::Serialize;

use super::{ArticleJson, Failure};
use crate::query::Filter;
use crate::sanitize;
use crate::store::Store;
use crate::width::{display_width, fit};

/// One year of the timeline (`year` is null for undated articles).
#[derive(Debug, Serialize)]
struct YearJson<'a> {
    year: Option<u16>,
    articles: Vec<ArticleJson<'a>>,
}

/// The articles carrying topic `topic` and naming entity `entity` (each when given), oldest
/// first: the same filter as `gisa list --topic --entity`.
pub fn articles(
    store: &Store,
    topic: Option<&str>,
    entity: Option<&str>,
) -> Result<Vec<usize>, Failure> {
    let filter = Filter {
        topics: topic.map(str::to_owned).into_iter().collect(),
        entities: entity.map(str::to_owned).into_iter().collect(),
        ..Filter::default()
    };
    store.validate(&filter).map_err(|e| Failure::new(e, 1))?;
    Ok(store.oldest_first(store.filter(&filter)))
}

/// Print the timeline.
pub fn run(
    store: &Store,
    topic: Option<&str>,
    entity: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let list = articles(store, topic, entity)?;
    let mut years: Vec<(Option<u16>, Vec<usize>)> = Vec::new();
    for i in list {
        let year = store.get(i).and_then(crate::article::Card::year);
        match years.last_mut() {
            Some((y, v)) if *y == year => v.push(i),
            _ => years.push((year, vec![i])),
        }
    }
    if json {
        let rows: Vec<YearJson<'_>> = years
            .iter()
            .map(|(year, v)| YearJson {
                year: *year,
                articles: v
                    .iter()
                    .filter_map(|&i| store.get(i))
                    .map(ArticleJson::summary)
                    .collect(),
            })
            .collect();
        return super::write_json(out, &rows);
    }
    let rows = |v: &[usize]| -> Vec<[String; 4]> {
        v.iter()
            .filter_map(|&i| store.get(i))
            .map(|a| {
                [
                    a.date
                        .get()
                        .map_or_else(|| "unknown".to_owned(), |_| a.date_label()),
                    sanitize::line(&a.outlet_label()).into_owned(),
                    sanitize::line(a.title()).into_owned(),
                    sanitize::line(&a.id).into_owned(),
                ]
            })
            .collect()
    };
    let all: Vec<[String; 4]> = years.iter().flat_map(|(_, v)| rows(v)).collect();
    let w_date = all.iter().map(|r| display_width(&r[0])).max().unwrap_or(0);
    let w_outlet = all
        .iter()
        .map(|r| display_width(&r[1]))
        .max()
        .unwrap_or(0)
        .min(28);
    let count = all.len();
    writeln!(out, "{count} article{}", if count == 1 { "" } else { "s" })?;
    for (year, v) in &years {
        let label = year.map_or_else(|| "date unknown".to_owned(), |y| y.to_string());
        writeln!(out, "\n{label}  ({})", v.len())?;
        for [date, outlet, headline, id] in rows(v) {
            writeln!(
                out,
                "  {}  {}  {headline}  ({id})",
                fit(&date, w_date),
                fit(&outlet, w_outlet)
            )?;
        }
    }
    Ok(())
}
