//! `gisa related ID`: the articles related to one article, best first, each with its score and
//! the reasons. A table with the reasons under each row, or JSON.

use std::io::Write;

use super::{Failure, RelatedJson};
use crate::sanitize;
use crate::store::Store;
use crate::width::{display_width, fit};

/// Print the related articles of article `id`.
pub fn run(
    store: &Store,
    id: &str,
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let index = store.find(id).map_err(|e| Failure::new(e, 1))?;
    let related = store.related(index, limit);
    if json {
        let rows: Vec<RelatedJson<'_>> = related
            .into_iter()
            .filter_map(|r| RelatedJson::new(store, r))
            .collect();
        return super::write_json(out, &rows);
    }
    let rows: Vec<([String; 4], Vec<String>)> = related
        .into_iter()
        .filter_map(|r| {
            let a = store.get(r.article)?;
            Some((
                [
                    sanitize::line(&a.id).into_owned(),
                    if a.date.get().is_some() {
                        a.date_label()
                    } else {
                        "unknown".to_owned()
                    },
                    format!("{:.2}", r.score),
                    sanitize::line(a.title()).into_owned(),
                ],
                r.reasons,
            ))
        })
        .collect();
    let width = |col: usize, header: &str| {
        rows.iter()
            .map(|(r, _)| display_width(&r[col]))
            .chain([display_width(header)])
            .max()
            .unwrap_or(0)
    };
    let (w_id, w_date, w_score) = (width(0, "ID"), width(1, "DATE"), width(2, "SCORE"));
    let row = |cells: [&str; 4]| {
        format!(
            "{}  {}  {}  {}",
            fit(cells[0], w_id),
            fit(cells[1], w_date),
            fit(cells[2], w_score),
            cells[3]
        )
    };
    writeln!(out, "{}", row(["ID", "DATE", "SCORE", "HEADLINE"]))?;
    for (cells, reasons) in &rows {
        writeln!(out, "{}", row([&cells[0], &cells[1], &cells[2], &cells[3]]))?;
        for reason in reasons {
            writeln!(out, "    · {}", sanitize::line(reason))?;
        }
    }
    if rows.is_empty() {
        writeln!(out, "(no related articles)")?;
    }
    Ok(())
}
