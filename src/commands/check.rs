//! `gisa check`: report every file with a problem, and whether all articles loaded.

use std::io::Write;

use super::Failure;
use crate::load::Severity;
use crate::store::Store;

/// Print each problem and a summary. Ok when every file loaded (warnings allowed); status 1 when
/// some files could not be loaded.
pub fn run(store: &Store, out: &mut impl Write) -> Result<(), Failure> {
    let problems = store.problems();
    for p in problems {
        writeln!(out, "{p}")?;
    }
    let skipped = problems
        .iter()
        .filter(|p| p.severity == Severity::Skipped)
        .count();
    let warnings = problems.len() - skipped;
    writeln!(
        out,
        "{} articles loaded, {skipped} files skipped, {warnings} warnings",
        store.len()
    )?;
    if skipped > 0 {
        return Err(Failure::new(
            format!("{skipped} files could not be loaded"),
            1,
        ));
    }
    Ok(())
}
