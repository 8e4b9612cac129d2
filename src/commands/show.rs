//! `gisa show ID`: one article as clean text, or JSON with its body and credits.

use std::io::Write;

use super::{ArticleJson, Failure};
use crate::sanitize;
use crate::store::Store;

/// Print one article.
pub fn run(store: &Store, id: &str, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let index = store.find(id).map_err(|e| Failure::new(e, 1))?;
    let Some(card) = store.get(index) else {
        return Err(Failure::new(
            format!("no article '{}'", sanitize::line(id)),
            1,
        ));
    };
    let a = store.article(index).map_err(|e| Failure::new(e, 1))?;
    if json {
        return super::write_json(out, &ArticleJson::full(store, index, card, &a));
    }
    writeln!(out, "{}", sanitize::line(a.title()))?;
    let mut meta = vec![a.outlet_label(), a.date_label()];
    meta.extend(a.dateline.get().cloned());
    writeln!(out, "{}", sanitize::line(&meta.join(" · ")))?;
    if let Some(by) = &a.byline {
        writeln!(out, "By {}", sanitize::line(by))?;
    }
    for p in &a.body {
        writeln!(out, "\n{}", sanitize::text(p))?;
    }
    if !a.credits.is_empty() {
        writeln!(out)?;
        for c in &a.credits {
            writeln!(out, "{}", sanitize::line(c))?;
        }
    }
    Ok(())
}
