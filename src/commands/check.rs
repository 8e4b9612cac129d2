//! `gisa check`: report every file with a problem, and whether all articles loaded.

use std::fmt::Write as _;
use std::io::Write;

use std::time::Duration;

use super::Failure;
use crate::load::{Severity, Timings};
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

/// Print where the load's time went, and the process's peak memory.
pub fn print_timings(t: &Timings, out: &mut impl Write) -> std::io::Result<()> {
    let secs = |d: Duration| format!("{:8.3} s", d.as_secs_f64());
    let mb = |bytes: u64| format!("{:.1} MB", as_f64(bytes) / 1e6);
    writeln!(
        out,
        "timings: {} files, {} read; per-file phases summed over {} threads",
        t.files_read,
        mb(t.bytes),
        t.threads
    )?;
    for (phase, spent, how) in [
        ("walk", t.walk, "wall: listing the folders"),
        (
            "read",
            t.read,
            "summed: opening and reading files and sidecars",
        ),
        (
            "decode",
            t.decode,
            "summed: decoding, front matter, sanitizing",
        ),
        (
            "extract",
            t.extract,
            "summed: headline, outlet, date, furniture",
        ),
        (
            "entities",
            t.entities,
            "summed: entities, topics, time references",
        ),
        ("files", t.files, "wall: read to entities, all files"),
        (
            "cache",
            t.cache,
            "summed: taking analyses from the cache, encoding new ones",
        ),
        ("cache write", t.cache_write, "wall: writing the cache file"),
        (
            "index",
            t.index,
            "wall: taking chunks in (packing; word, year, outlet and entity indexes) beside the reading",
        ),
        ("total", t.total, "wall"),
    ] {
        writeln!(out, "  {phase:<14}{} {how}", secs(spent))?;
    }
    writeln!(
        out,
        "  {:<14}{:>10} none: related stories are ranked when an article is opened",
        "related index", "-"
    )?;
    let speed = as_f64(t.corpus) / 1e6 / t.total.as_secs_f64().max(1e-9);
    writeln!(
        out,
        "  {:<14}{speed:8.1} MB/s of articles ({})",
        "throughput",
        mb(t.corpus)
    )?;
    let c = &t.cache_report;
    let place = c.path.as_ref().map_or(String::new(), |p| {
        format!(" in {}", crate::sanitize::line(&p.display().to_string()))
    });
    let mut said = match &c.path {
        Some(_) => format!(
            "cache{place}: {} files taken from it ({}), {} read",
            t.cached,
            mb(t.cached_bytes),
            t.files_read
        ),
        None if c.note.is_none() => "cache: off".to_owned(),
        None => "cache:".to_owned(),
    };
    if let Some(size) = c.written {
        let _ = write!(said, "; written, {}", mb(size));
    }
    if let Some(note) = &c.note {
        let _ = write!(said, " {}", crate::sanitize::line(note));
    }
    writeln!(out, "{said}")?;
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    match parse_status(&status, "VmHWM:") {
        Some(peak) if t.corpus > 0 => writeln!(
            out,
            "peak memory: {} ({:.2}x the articles' size)",
            mb(peak),
            as_f64(peak) / as_f64(t.corpus)
        ),
        Some(peak) => writeln!(out, "peak memory: {}", mb(peak)),
        None => writeln!(out, "peak memory: unknown (no /proc/self/status here)"),
    }?;
    if let Some(now) = parse_status(&status, "VmRSS:") {
        writeln!(
            out,
            "memory after the load: {} (the articles' text kept packed: {})",
            mb(now),
            mb(t.packed)
        )?;
    }
    Ok(())
}

/// A byte count as a float for printing: exact below 2^53 bytes (9 PB).
#[allow(clippy::cast_precision_loss)]
fn as_f64(bytes: u64) -> f64 {
    bytes as f64
}

/// A `/proc/self/status` field given in kB, in bytes: `VmHWM:` is the most resident memory
/// the process has used (Linux), `VmRSS:` what it uses now.
fn parse_status(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix(field))?;
    let kb: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_read_from_vm_hwm() {
        let status = "Name:\tgisa\nVmPeak:\t  20000 kB\nVmHWM:\t    1536 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_status(status, "VmHWM:"), Some(1536 * 1024));
        assert_eq!(parse_status("VmRSS: 10 kB\n", "VmHWM:"), None);
        assert_eq!(parse_status("VmHWM: lots\n", "VmHWM:"), None);
        assert_eq!(parse_status(status, "VmRSS:"), Some(1000 * 1024));
    }

    #[test]
    fn timings_name_every_phase() {
        let t = Timings {
            files_read: 3,
            bytes: 3_000_000,
            corpus: 3_000_000,
            threads: 2,
            total: Duration::from_millis(1500),
            ..Timings::default()
        };
        let mut out = Vec::new();
        print_timings(&t, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for phase in [
            "walk",
            "read",
            "decode",
            "extract",
            "entities",
            "files",
            "cache",
            "cache write",
            "index",
            "related index",
            "total",
        ] {
            assert!(text.contains(&format!("  {phase} ")), "{phase}: {text}");
        }
        assert!(text.contains("3 files, 3.0 MB read"), "{text}");
        assert!(text.contains("2.0 MB/s of articles (3.0 MB)"), "{text}");
        assert!(text.contains("\ncache: off\n"), "{text}");
        assert!(text.contains("peak memory: "), "{text}");
    }
}
