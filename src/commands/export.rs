//! `gisa export`: the articles that match a filter, as Markdown or JSON Lines, to standard
//! output or a file (see [`crate::export`]).

use std::io::Write;
use std::path::Path;

use super::Failure;
use crate::export::{self, Format, Heading};
use crate::query::Filter;
use crate::sanitize;
use crate::store::Store;

/// Export what `filter` lets through as `format`, to `output` (written whole, then put in
/// place of any file there) or to `out`. Says on `out` where it went when it went to a file.
pub fn run(
    store: &Store,
    filter: &Filter,
    format: Format,
    related: bool,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    store.validate(filter).map_err(|e| Failure::new(e, 1))?;
    let slots = store.filter(filter);
    let heading = Heading {
        query: filter.to_string(),
        related,
    };
    let Some(path) = output else {
        export::write(store, &slots, format, &heading, out)?;
        return Ok(());
    };
    let mut text = Vec::new();
    let n = export::write(store, &slots, format, &heading, &mut text)?;
    write_replacing(path, &text).map_err(|e| {
        Failure::new(
            format!(
                "cannot write {}: {}",
                sanitize::line(&path.display().to_string()),
                e
            ),
            1,
        )
    })?;
    writeln!(
        out,
        "exported {n} article{} to {}",
        if n == 1 { "" } else { "s" },
        sanitize::line(&path.display().to_string())
    )?;
    Ok(())
}

/// Write `bytes` to `path` atomically: a hidden file beside it, flushed, then renamed over it.
/// A reader of `path` sees the old file or the new one, never half of one.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}
