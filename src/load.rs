//! Walk the articles folder, read files (never blocking, capped), decode and clean them, merge
//! sidecar and front matter metadata, and run the extractor in parallel. Never stops at a bad
//! file: each becomes a [`Problem`]. No terminal here.

use foldhash::{HashMap, HashSet, HashSetExt};
use std::ffi::OsStr;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::article::{Article, PartialDate, Sourced, count_words};
use crate::config::{Config, LoadLimits, line_column};
use crate::extract::{self, outlet::OutletAliases};
use crate::lexicon::Lexicon;
use crate::pack::{self, Packed, Packer};
use crate::store::{Prepared, Store};

pub mod cache;
mod decode;
pub mod refresh;

use decode::Decoded;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file was not loaded.
    Skipped,
    /// The article loaded, but something in or beside it was wrong.
    Warning,
}

/// A file that could not be loaded, or loaded with a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The path inside the articles folder (or the folder itself), as shown: lossy UTF-8 and
    /// terminal-safe, like [`Article::file`].
    pub file: String,
    pub severity: Severity,
    /// What is wrong, and how to fix it when we know.
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Problem {
    fn skipped(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_owned(),
            severity: Severity::Skipped,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    pub(crate) fn warning(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_owned(),
            severity: Severity::Warning,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// A warning saying how the file was decoded, at the first undecodable byte when known.
    fn noted(file: &str, note: decode::Note) -> Self {
        let problem = Problem::warning(file, note.message);
        match note.at {
            Some(at) => problem.at(at),
            None => problem,
        }
    }

    fn at(mut self, (line, column): (usize, usize)) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::sanitize::line(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let what = match self.severity {
            Severity::Skipped => "skipped",
            Severity::Warning => "warning",
        };
        write!(f, ": {what}: {}", crate::sanitize::line(&self.message))
    }
}

/// The articles folder itself cannot be read.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read the articles folder '{}': {} (set `articles` in config.toml or pass --articles DIR)",
            crate::sanitize::line(&self.path.display().to_string()),
            self.error
        )
    }
}

impl std::error::Error for LoadError {}

/// Metadata given beside the text: a sidecar `NAME.toml` or `+++` front matter.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    headline: Option<String>,
    outlet: Option<String>,
    publisher: Option<String>,
    date: Option<toml::Spanned<MetaDate>>,
    dateline: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

/// `date = "2019-11-23"` or a bare TOML date `date = 2019-11-23`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum MetaDate {
    Text(String),
    Toml(toml::value::Datetime),
}

/// Metadata with its date checked.
#[derive(Debug, Default)]
struct Given {
    headline: Option<String>,
    outlet: Option<String>,
    publisher: Option<String>,
    date: Option<PartialDate>,
    dateline: Option<String>,
    tags: Vec<String>,
}

impl Given {
    /// Fields of `later` replace ours where set.
    fn overlay(&mut self, later: Given) {
        self.headline = later.headline.or(self.headline.take());
        self.outlet = later.outlet.or(self.outlet.take());
        self.publisher = later.publisher.or(self.publisher.take());
        self.date = later.date.or(self.date.take());
        self.dateline = later.dateline.or(self.dateline.take());
        if !later.tags.is_empty() {
            self.tags = later.tags;
        }
    }
}

/// Parse metadata TOML. `first_line` is the line of `text` within its file (front matter starts
/// below the `+++`). Problems name `file`, line and column.
fn parse_meta(text: &str, file: &str, first_line: usize) -> Result<Given, Problem> {
    let locate = |offset: usize| {
        let (l, c) = line_column(text, offset);
        (l + first_line - 1, c)
    };
    let meta: Meta = toml::from_str(text).map_err(|e| {
        let p = Problem::warning(file, format!("metadata ignored: {}", e.message().trim()));
        match e.span() {
            Some(s) => p.at(locate(s.start)),
            None => p,
        }
    })?;
    let date = match meta.date {
        None => None,
        Some(spanned) => {
            let span = spanned.span();
            let parsed = match spanned.into_inner() {
                MetaDate::Text(s) => PartialDate::parse_iso(&s).ok_or(s),
                MetaDate::Toml(d) => d
                    .date
                    .and_then(|d| PartialDate::day(d.year, d.month, d.day))
                    .ok_or_else(|| d.to_string()),
            };
            Some(parsed.map_err(|bad| {
                Problem::warning(
                    file,
                    format!(
                        "metadata ignored: '{bad}' is not a date (use 2019-11-23, 2019-11 or 2019)"
                    ),
                )
                .at(locate(span.start))
            })?)
        }
    };
    // TOML escapes (`"\u001b"`) can spell controls the file itself does not hold: clean values.
    let clean =
        |v: String| Some(crate::sanitize::line(&v).trim().to_owned()).filter(|v| !v.is_empty());
    Ok(Given {
        headline: meta.headline.and_then(clean),
        outlet: meta.outlet.and_then(clean),
        publisher: meta.publisher.and_then(clean),
        date,
        dateline: meta.dateline.and_then(clean),
        tags: meta.tags.into_iter().filter_map(clean).collect(),
    })
}

/// Old Mac line breaks (a CR alone) become newlines, so front matter is read line by line
/// whatever the line ending; CRLF stays, TOML reads it.
fn lone_cr_to_newline(text: String) -> String {
    let bytes = text.as_bytes();
    let lone_cr = text.contains('\r')
        && bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    if !lone_cr {
        // No copy for the usual cases: LF and CRLF.
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        });
    }
    out
}

/// Split `+++` front matter from the text: (front matter, its first line number, the rest).
/// An unclosed block is reported and the whole text is the article.
fn split_front_matter<'a>(
    text: &'a str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> (Option<&'a str>, &'a str) {
    let Some(after_open) = text
        .strip_prefix("+++")
        .filter(|r| r.starts_with(['\n', '\r']))
    else {
        return (None, text);
    };
    let after_open = after_open
        .trim_start_matches('\r')
        .strip_prefix('\n')
        .unwrap_or(after_open);
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body = &after_open[offset + line.len()..];
            return (Some(&after_open[..offset]), body);
        }
        offset += line.len();
    }
    problems.push(
        Problem::warning(
            file,
            "front matter opened with +++ is never closed; read as article text",
        )
        .at((1, 1)),
    );
    (None, text)
}

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not a regular file once opened; says what it is instead.
    NotRegular(&'static str),
    /// Larger than the cap, by its size or by what reading it gave.
    TooLarge,
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl ReadError {
    /// What is wrong, for the user.
    fn message(&self, limits: &LoadLimits) -> String {
        match self {
            ReadError::NotRegular(what) => format!("not a regular file ({what})"),
            ReadError::TooLarge => format!(
                "larger than {} MB; raise load.max_file_mb in config.toml to read it",
                limits.max_file_mb
            ),
            ReadError::Io(e) => format!("cannot be read: {}", io_message(e)),
        }
    }
}

/// What a file that is not a regular one is, in a few words.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

/// An I/O error as a user reads it: `Permission denied`, without `(os error 13)`.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}

/// The flags every file is opened with: `O_NONBLOCK`, so opening a FIFO (say, swapped in after
/// the walk) returns at once instead of waiting for a writer, and `O_NOCTTY`, so a terminal
/// device never becomes our controlling terminal.
#[allow(
    clippy::cast_possible_wrap,
    reason = "two small positive flag constants"
)]
fn open_flags() -> i32 {
    (rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32
}

/// Open `path` and read it, when it is a regular file of at most `cap` bytes.
///
/// The type and size are checked on the open descriptor, not on the path, so nothing can be
/// swapped in between the check and the read.
pub(crate) fn read_file(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(open_flags())
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge);
    }
    read_capped(file, cap, meta.len())
}

/// Read at most `cap + 1` bytes: files under /proc lie about their size and files grow, so a
/// file over the cap is seen to be over it without reading it all. `size_hint` (the size the
/// file says it has) sizes the buffer, so a file is read in one call plus the one that sees its
/// end, not in a dozen growing ones.
pub(crate) fn read_capped(
    reader: impl Read,
    cap: u64,
    size_hint: u64,
) -> Result<Vec<u8>, ReadError> {
    let capacity = usize::try_from(size_hint.min(cap).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// A file or folder name as ids, problems and the reader show it: lossy UTF-8 (a bad byte is a
/// U+FFFD) and terminal-safe. The file itself is always opened by its real path. The extension
/// is cleaned apart from the stem, so an unterminated escape sequence cannot swallow it.
fn display_name(name: &OsStr) -> String {
    let path = Path::new(name);
    let (stem, extension) = match (path.file_stem(), path.extension()) {
        (Some(stem), Some(extension)) => (stem, Some(extension)),
        _ => (name, None),
    };
    let mut shown = crate::sanitize::line(&stem.to_string_lossy()).into_owned();
    if shown.trim().is_empty() {
        shown.clear();
        shown.push('\u{FFFD}');
    }
    if let Some(extension) = extension {
        shown.push('.');
        shown.push_str(&crate::sanitize::line(&extension.to_string_lossy()));
    }
    shown
}

/// One article file, found by the walk.
struct Found {
    path: PathBuf,
    /// `/`-separated path inside the articles folder, as shown (see [`display_name`]).
    rel: String,
    /// The folder listed a `NAME.toml` beside it when it was walked. Without one, no sidecar is
    /// opened: a failed open per article was a third of the system calls of a load.
    sidecar: bool,
    /// The file (and sidecar) as the walk saw them: what the analysis cache is keyed by.
    key: cache::FileKey,
    /// False when the sidecar's state is unknown: such a file is never taken from the cache.
    cacheable: bool,
}

/// Walk the folder for `.txt` files, sorted, skipping hidden entries; report what cannot be entered.
fn walk(
    root: &Path,
    limits: &LoadLimits,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Found>, LoadError> {
    let meta = std::fs::metadata(root).map_err(|error| LoadError {
        path: root.to_path_buf(),
        error,
    })?;
    if !meta.is_dir() {
        return Err(LoadError {
            path: root.to_path_buf(),
            error: std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
        });
    }
    let mut walk = Walk {
        limits,
        seen: HashSet::new(),
        found: Vec::new(),
        problems,
    };
    walk.dir(root, "", 0).map_err(|error| LoadError {
        path: root.to_path_buf(),
        error,
    })?;
    let mut found = walk.found;
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(found)
}

/// The walk's limits and what it has met so far.
struct Walk<'a> {
    limits: &'a LoadLimits,
    /// Folders entered, by (device, inode): a symlink back up is entered once.
    seen: HashSet<(u64, u64)>,
    found: Vec<Found>,
    problems: &'a mut Vec<Problem>,
}

impl Walk<'_> {
    /// Walk one folder; `prefix` is its path inside the articles folder, with a trailing `/`.
    fn dir(&mut self, dir: &Path, prefix: &str, depth: usize) -> std::io::Result<()> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(dir)?;
        if !self.seen.insert((meta.dev(), meta.ino())) {
            self.problems.push(Problem::skipped(
                prefix.trim_end_matches('/'),
                "folder already visited (a symlink loop?)",
            ));
            return Ok(());
        }
        let entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
        let names: HashSet<std::ffi::OsString> =
            entries.iter().map(std::fs::DirEntry::file_name).collect();
        for entry in entries {
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let rel = format!("{prefix}{}", display_name(&name));
            let path = entry.path();
            let is_txt = Path::new(&name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                // A dangling or looping link to anything but an article is none of ours (a
                // sidecar's own problem is reported with its article).
                Err(_) if !is_txt => continue,
                Err(e) => {
                    self.problems.push(Problem::skipped(
                        &rel,
                        format!("cannot be read: {}", io_message(&e)),
                    ));
                    continue;
                }
            };
            if meta.is_dir() {
                if depth >= self.limits.max_depth {
                    self.problems.push(Problem::skipped(
                        &rel,
                        format!(
                            "folder nested deeper than {} levels; not read (raise load.max_depth in config.toml)",
                            self.limits.max_depth
                        ),
                    ));
                } else if let Err(e) = self.dir(&path, &format!("{rel}/"), depth + 1) {
                    self.problems.push(Problem::skipped(
                        &rel,
                        format!("folder cannot be read: {}", io_message(&e)),
                    ));
                }
                continue;
            }
            if !is_txt {
                continue;
            }
            if !meta.is_file() {
                self.problems.push(Problem::skipped(
                    &rel,
                    ReadError::NotRegular(kind_of(meta.file_type())).message(self.limits),
                ));
                continue;
            }
            if meta.len() > self.limits.max_file_bytes() {
                self.problems.push(Problem::skipped(
                    &rel,
                    ReadError::TooLarge.message(self.limits),
                ));
                continue;
            }
            let sidecar = Path::new(&name)
                .with_extension("toml")
                .file_name()
                .is_some_and(|side| names.contains(side));
            let key = cache::FileKey {
                file: cache::Stamp::of(&meta),
                // A sidecar that cannot be looked at is read (and its problem told) as usual;
                // the article is then analysed afresh each time.
                sidecar: sidecar
                    .then(|| std::fs::metadata(path.with_extension("toml")).ok())
                    .flatten()
                    .map(|m| cache::Stamp::of(&m)),
            };
            let cacheable = !sidecar || key.sidecar.is_some();
            self.found.push(Found {
                path,
                rel,
                sidecar,
                key,
                cacheable,
            });
        }
        Ok(())
    }
}

/// The metadata of the sidecar `NAME.toml` beside an article, if there is one. It is opened and
/// read like an article (never blocking, capped) and decoded the same way; any problem is a
/// warning, and the article loads from its text.
fn read_sidecar(found: &Found, limits: &LoadLimits, problems: &mut Vec<Problem>) -> Option<Given> {
    if !found.sidecar {
        return None;
    }
    let side_rel = Path::new(&found.rel)
        .with_extension("toml")
        .to_string_lossy()
        .into_owned();
    let warn =
        |message: String| Problem::warning(&side_rel, format!("{message}; metadata ignored"));
    let bytes = match read_file(&found.path.with_extension("toml"), limits.max_file_bytes()) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            problems.push(warn(e.message(limits)));
            return None;
        }
    };
    // Not sanitized before parsing, so TOML errors point at the file as written: TOML refuses
    // raw control characters, and `parse_meta` cleans the values.
    let text = match decode::decode(bytes) {
        Decoded::Binary { offset } => {
            problems.push(warn(format!("binary file (NUL byte at offset {offset})")));
            return None;
        }
        Decoded::Text { text, note } => {
            problems.extend(note.map(|n| Problem::noted(&side_rel, n)));
            text
        }
    };
    parse_meta(&text, &side_rel, 1)
        .map_err(|p| problems.push(p))
        .ok()
}

/// Where the time of a load went. The per-file phases (read to entities) run on every core at
/// once: their figures are summed over the threads, and `files` is their wall time.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Listing the folders (wall time).
    pub walk: Duration,
    /// Opening and reading files, sidecars included (summed over threads).
    pub read: Duration,
    /// Decoding, front matter and sanitizing (summed over threads).
    pub decode: Duration,
    /// The extractor: headline, outlet, date, furniture, paragraphs (summed over threads).
    pub extract: Duration,
    /// Entities, topics and time references (summed over threads).
    pub entities: Duration,
    /// Read to entities for all files (wall time).
    pub files: Duration,
    /// Taking analyses from the cache and encoding new ones for it (summed over threads).
    pub cache: Duration,
    /// Writing the cache file (wall time).
    pub cache_write: Duration,
    /// Files whose analysis came from the cache (not read), and what the cache did.
    pub cached: usize,
    pub cached_bytes: u64,
    pub cache_report: cache::Report,
    /// Sorting and building the store's indexes (wall time).
    pub index: Duration,
    /// The whole load (wall time).
    pub total: Duration,
    /// Threads the per-file phases ran on.
    pub threads: usize,
    /// Files read, and their bytes.
    pub files_read: usize,
    pub bytes: u64,
    /// The size of all the article files the walk found (read or not).
    pub corpus: u64,
    /// Bytes the store's packed article texts take.
    pub packed: u64,
}

impl Timings {
    fn add(&mut self, other: &Timings) {
        self.read += other.read;
        self.decode += other.decode;
        self.extract += other.extract;
        self.entities += other.entities;
        self.cache += other.cache;
        self.cached += other.cached;
        self.cached_bytes += other.cached_bytes;
        self.files_read += other.files_read;
        self.bytes += other.bytes;
    }
}

/// The time since `*mark`, and `*mark` moved to now.
fn lap(mark: &mut Instant) -> Duration {
    let now = Instant::now();
    let spent = now - *mark;
    *mark = now;
    spent
}

/// Load one file into an article, with any problems met on the way; `time` gets its phases.
fn load_one(
    found: &Found,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
    limits: &LoadLimits,
    time: &mut Timings,
) -> (Option<Article>, Vec<Problem>) {
    let rel = found.rel.as_str();
    let mut mark = Instant::now();
    let read = read_file(&found.path, limits.max_file_bytes());
    time.read += lap(&mut mark);
    let bytes = match read {
        Ok(b) => b,
        Err(e) => return (None, vec![Problem::skipped(rel, e.message(limits))]),
    };
    time.files_read += 1;
    time.bytes += bytes.len() as u64;
    let (text, note) = match decode::decode(bytes) {
        Decoded::Text { text, note } => (text, note),
        Decoded::Binary { offset } => {
            return (
                None,
                vec![Problem::skipped(
                    rel,
                    format!("binary file (NUL byte at offset {offset})"),
                )],
            );
        }
    };
    time.decode += lap(&mut mark);
    let sidecar = |problems: &mut Vec<Problem>| read_sidecar(found, limits, problems);
    analyze_decoded(text, note, rel, sidecar, outlets, lexicon, time)
}

/// Decode the bytes of a text that is not in the articles folder yet (a paste for `gisa add`)
/// as the load decodes a file named `rel`: the text, and a warning when it was not UTF-8; or the
/// offset of a NUL byte, when it is not text.
pub fn decode_bytes(bytes: Vec<u8>, rel: &str) -> Result<(String, Option<Problem>), usize> {
    match decode::decode(bytes) {
        Decoded::Text { text, note } => Ok((text, note.map(|n| Problem::noted(rel, n)))),
        Decoded::Binary { offset } => Err(offset),
    }
}

/// A text's `+++` front matter (what is between the two `+++` lines) and the text below it;
/// `None` and the whole text when it has none, or an unclosed one.
pub fn front_matter_of(text: &str) -> (Option<&str>, &str) {
    split_front_matter(text, "", &mut Vec::new())
}

/// An article from text that is not in the articles folder yet (a paste for `gisa add`), as
/// the load would make it of a file named `rel` holding `text` (decoded, not yet sanitized),
/// with no sidecar. `None` when the text is empty; the problems say why.
pub fn analyze_text(
    text: String,
    rel: &str,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
) -> (Option<Article>, Vec<Problem>) {
    let mut time = Timings::default();
    analyze_decoded(text, None, rel, |_| None, outlets, lexicon, &mut time)
}

/// The rest of [`load_one`] once the file is decoded: front matter, sanitizing, the sidecar
/// (read by `sidecar`), extraction and analysis.
fn analyze_decoded(
    text: String,
    note: Option<decode::Note>,
    rel: &str,
    sidecar: impl FnOnce(&mut Vec<Problem>) -> Option<Given>,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
    time: &mut Timings,
) -> (Option<Article>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut mark = Instant::now();
    // Front matter is parsed as written, as a sidecar is, so its errors point at the line and
    // column in the file (the sanitizer expands tabs and drops characters); `parse_meta` cleans
    // the values. The rest is cleaned before anything reads it: the store only ever holds
    // terminal-safe text, and the extractor never sees an escape sequence (or a name hidden in
    // one).
    let text = lone_cr_to_newline(text);
    let (front, body_text) = split_front_matter(&text, rel, &mut problems);
    let body_text = crate::sanitize::text(body_text);
    time.decode += lap(&mut mark);
    if front.is_none() && body_text.trim().is_empty() {
        return (None, vec![Problem::skipped(rel, "empty file")]);
    }
    problems.extend(note.map(|n| Problem::noted(rel, n)));
    let mut given = Given::default();
    if let Some(front) = front {
        match parse_meta(front, rel, 2) {
            Ok(g) => given.overlay(g),
            Err(p) => problems.push(p),
        }
    }
    time.decode += lap(&mut mark);
    if let Some(g) = sidecar(&mut problems) {
        given.overlay(g);
    }
    time.read += lap(&mut mark);
    let ex = extract::extract(&body_text, outlets);
    let id = rel
        .strip_suffix(".txt")
        .or_else(|| rel.get(..rel.len().saturating_sub(4)))
        .unwrap_or(rel)
        .to_owned();
    let mut article = Article {
        id,
        file: rel.to_owned(),
        headline: Sourced::merge(ex.headline, given.headline),
        outlet: Sourced::merge(ex.outlet, given.outlet.map(|o| outlets.normalize(&o))),
        publisher: Sourced::merge(ex.publisher, given.publisher.map(|o| outlets.normalize(&o))),
        date: Sourced::merge(ex.date, given.date),
        dateline: Sourced::merge(ex.dateline, given.dateline),
        byline: ex.byline,
        credits: ex.credits,
        captions: ex.captions,
        tags: given.tags,
        words: count_words(&ex.body),
        body: ex.body,
        entities: Vec::new(),
        topics: Vec::new(),
        time_refs: Vec::new(),
    };
    time.extract += lap(&mut mark);
    lexicon.analyze(&mut article);
    time.entities += lap(&mut mark);
    if article.body.is_empty() {
        problems.push(Problem::warning(
            rel,
            "no article text found after removing page furniture",
        ));
    }
    (Some(article), problems)
}

/// Load every article of the configured folder into a store, within the config's `[load]`
/// limits. Only an unreadable folder is an error.
pub fn load(config: &Config) -> Result<Store, LoadError> {
    load_with_timings(config).map(|(store, _)| store)
}

/// Load every article under `root`, within the built-in limits.
pub fn load_dir(
    root: &Path,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
) -> Result<Store, LoadError> {
    load_dir_with(root, outlets, lexicon, &LoadLimits::default())
}

/// Load every article under `root`, within `limits`.
pub fn load_dir_with(
    root: &Path,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
    limits: &LoadLimits,
) -> Result<Store, LoadError> {
    load_timed(root, outlets, lexicon, limits, None).map(|(store, _)| store)
}

/// Load every article of the configured folder, and say where the time went.
pub fn load_with_timings(config: &Config) -> Result<(Store, Timings), LoadError> {
    load_timed(
        &config.articles,
        &config.outlets,
        &config.lexicon,
        &config.load,
        Some(config.fingerprint),
    )
}

/// The analysis cache for a load of `files` under `root`: off when `fingerprint` is `None` (a
/// load without a configuration), when `[load] cache` is false, or when there is no place for it.
fn open_cache(
    root: &Path,
    limits: &LoadLimits,
    fingerprint: Option<u64>,
    files: &[Found],
) -> cache::Cache {
    let Some(fingerprint) = fingerprint else {
        return cache::Cache::off("off");
    };
    if !limits.cache {
        return cache::Cache::off("off ([load] cache = false, or --no-cache)");
    }
    let Some(dir) = cache::dir() else {
        return cache::Cache::off("off: no folder for it ($HOME is not set)");
    };
    let Some(key) = cache::key(fingerprint, &format!("{limits:?}")) else {
        return cache::Cache::off("off: the program's own file cannot be found");
    };
    let list: Vec<(&str, cache::FileKey)> = files
        .iter()
        .filter(|f| f.cacheable)
        .map(|f| (f.rel.as_str(), f.key))
        .collect();
    cache::Cache::open(&dir, root, key, &list)
}

/// Load `files` on every core, each from the cache when it holds the file as it is now, else
/// read and analysed; the new cache (if one is being written) gets them in the walk's order.
fn load_chunk(
    files: &[Found],
    outlets: &OutletAliases,
    lexicon: &Lexicon,
    limits: &LoadLimits,
    cache: &mut cache::Cache,
    time: &mut Timings,
) -> Vec<FromFile> {
    let shared: &cache::Cache = cache;
    let results: Vec<(FromFile, Option<Vec<u8>>, bool, Timings)> = files
        .par_iter()
        .map(|f| {
            let mut t = Timings::default();
            let mut mark = Instant::now();
            let mut damaged = false;
            if f.cacheable {
                match shared.get(&f.rel, &f.key) {
                    Some(Ok((loaded, bytes, stored))) => {
                        t.cached += 1;
                        t.cached_bytes += bytes.len() as u64;
                        t.cache += lap(&mut mark);
                        let bytes = shared.writing().then_some(bytes);
                        return ((loaded, Some(stored)), bytes, false, t);
                    }
                    Some(Err(())) => damaged = true,
                    None => {}
                }
            }
            // A file to analyse: the extractor's patterns are compiled on every core from the
            // first one on (a load taken whole from the cache never compiles them).
            crate::extract::warm_up_soon();
            let loaded = load_one(f, outlets, lexicon, limits, &mut t);
            let mut mark = Instant::now();
            let bytes = if f.cacheable {
                shared.encode(&f.key, &loaded)
            } else {
                None
            };
            t.cache += lap(&mut mark);
            ((loaded, None), bytes, damaged, t)
        })
        .collect();
    let mark = Instant::now();
    let mut damaged = false;
    let mut out = Vec::with_capacity(results.len());
    for (f, (loaded, bytes, bad, t)) in files.iter().zip(results) {
        if let Some(bytes) = bytes {
            cache.put(&f.rel, f.key, &bytes);
        }
        damaged |= bad;
        time.add(&t);
        out.push(loaded);
    }
    if damaged {
        cache.damaged();
    }
    time.cache_write += mark.elapsed();
    out
}

/// One file's article (if it loaded) and its problems.
type Loaded = (Option<Article>, Vec<Problem>);

/// One file's article and problems, with where the analysis is kept when it came from the cache.
type FromFile = (Loaded, Option<cache::Stored>);

/// Keeps article ids unique across a load: `a.txt` and `a.TXT` in one folder would otherwise
/// collide, so the second becomes `a~2`, with a warning.
#[derive(Default)]
struct UniqueIds(HashMap<String, usize>);

impl UniqueIds {
    /// Move the loaded articles into `articles` and every problem into `problems`.
    fn take(&mut self, results: Vec<FromFile>, into: &mut Batch, problems: &mut Vec<Problem>) {
        for ((article, mut probs), stored) in results {
            problems.append(&mut probs);
            if let Some(mut a) = article {
                let n = self.0.entry(a.id.clone()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    a.id = format!("{}~{n}", a.id);
                    problems.push(Problem::warning(
                        &a.file,
                        format!("id already used; this one is '{}'", a.id),
                    ));
                }
                into.articles.push(a);
                into.kept.push(stored.map(Packed::InCache));
            }
        }
    }
}

/// Articles read, each with its text's place when it is kept already (in the analysis cache's
/// file) and need not be packed.
#[derive(Debug, Default)]
pub struct Batch {
    pub articles: Vec<Article>,
    /// Parallel to `articles`.
    pub kept: Vec<Option<Packed>>,
}

impl Batch {
    fn with_capacity(n: usize) -> Batch {
        Batch {
            articles: Vec::with_capacity(n),
            kept: Vec::with_capacity(n),
        }
    }

    /// A packer trained on the articles that need packing, when there are enough of them.
    fn train(&self) -> Option<Packer> {
        let fresh: Vec<&Article> = self
            .articles
            .iter()
            .zip(&self.kept)
            .filter(|(_, k)| k.is_none())
            .map(|(a, _)| a)
            .collect();
        (fresh.len() >= pack::MIN_SAMPLES).then(|| Packer::trained(&fresh))
    }
}

/// Fail early, as the whole load would, when the articles folder is missing, not a folder, or
/// cannot be listed: cheap, so the reader can say so before it takes over the terminal.
pub fn check_folder(root: &Path) -> Result<(), LoadError> {
    let fail = |error| LoadError {
        path: root.to_path_buf(),
        error,
    };
    if !std::fs::metadata(root).map_err(fail)?.is_dir() {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "not a folder",
        )));
    }
    std::fs::read_dir(root).map(drop).map_err(fail)
}

/// What a load in the background reports, in this order: `Listed`, any number of `Batch`es,
/// then `Finished` (or `Failed`, alone).
#[derive(Debug)]
pub enum Progress {
    /// The folder is listed: this many files to read.
    Listed { files: usize },
    /// More files read: their articles (ids unique across the whole load, and new) and
    /// problems; `done` files are read so far.
    Batch {
        /// Made ready for [`Store::take`] here, so the reader only merges them in.
        ready: Prepared,
        problems: Vec<Problem>,
        done: usize,
    },
    /// Every file is read; where the time went (`index` is zero: the receiver indexes).
    Finished(Box<Timings>),
    /// The folder could not be read.
    Failed(LoadError),
}

/// Files loaded at once by a whole load (on every core), between writes to the cache.
const CHUNK: usize = 2048;

/// The most files read between two looks at the clock (and at whether anyone still listens).
const MAX_CHUNK: usize = 256;

/// The most articles in a batch of [`stream`]: taking in this many costs the reader a few
/// milliseconds, so a key pressed meanwhile still answers within a frame.
const MAX_BATCH: usize = 256;

/// Load every article of the configured folder as [`load`] does, but hand them over in batches
/// as they are read, at most one batch per `every` (and the first at once) unless
/// `MAX_BATCH` articles are waiting, so a reader can show them while the rest load; each
/// batch is made ready for [`Store::take`] here. Files are read in the walk's order, each chunk on every core,
/// so the same folder always gives the same batches' contents in the same order. Stops early
/// when `send` returns false (nobody is listening any more). Returns the files as the load
/// found them, for a [`refresh::Refresher`] to tell later changes by, when the load went to
/// its end.
pub fn stream(
    config: &Config,
    every: Duration,
    mut send: impl FnMut(Progress) -> bool,
) -> Option<refresh::Seen> {
    let (root, outlets, lexicon, limits) = (
        &config.articles,
        &config.outlets,
        &config.lexicon,
        &config.load,
    );
    let start = Instant::now();
    let mut time = Timings {
        threads: rayon::current_num_threads(),
        ..Timings::default()
    };
    let mut problems = Vec::new();
    let files = match walk(root, limits, &mut problems) {
        Ok(files) => files,
        Err(e) => {
            send(Progress::Failed(e));
            return None;
        }
    };
    time.walk = start.elapsed();
    if !send(Progress::Listed { files: files.len() }) {
        return None;
    }
    time.corpus = files.iter().map(|f| f.key.file.size()).sum();
    let mut cache = open_cache(root, limits, Some(config.fingerprint), &files);
    let mut ids = UniqueIds::default();
    let mut read = Batch::default();
    let mut sent_at: Option<Instant> = None;
    let mut packer = Arc::new(Packer::plain());
    let mut trained = false;
    let mut done = 0;
    // Small chunks first, so the first articles show at once; then larger ones.
    let mut chunk = rayon::current_num_threads().max(1) * 2;
    while done < files.len() {
        let end = (done + chunk).min(files.len());
        let results = load_chunk(
            &files[done..end],
            outlets,
            lexicon,
            limits,
            &mut cache,
            &mut time,
        );
        ids.take(results, &mut read, &mut problems);
        done = end;
        chunk = (chunk * 2).min(MAX_CHUNK);
        let due = sent_at.is_none_or(|t| t.elapsed() >= every);
        if done == files.len() || due || read.articles.len() >= MAX_BATCH {
            sent_at = Some(Instant::now());
            // Trained and packed here, on the loading thread, so the reader never waits.
            if !trained && let Some(p) = read.train() {
                trained = true;
                packer = Arc::new(p);
            }
            let Batch { articles, kept } = std::mem::take(&mut read);
            let batch = Progress::Batch {
                ready: Prepared::new(articles, kept, &packer),
                problems: std::mem::take(&mut problems),
                done,
            };
            if !send(batch) {
                return None;
            }
        }
    }
    if files.is_empty() {
        // Nothing read, but the walk's problems still need saying.
        let batch = Progress::Batch {
            ready: Prepared::default(),
            problems,
            done,
        };
        if !send(batch) {
            return None;
        }
    }
    let mark = Instant::now();
    cache.finish();
    time.cache_write += mark.elapsed();
    time.cache_report = cache.report.clone();
    time.files = start.elapsed().saturating_sub(time.walk);
    time.total = start.elapsed();
    let seen = files.iter().map(|f| (f.rel.clone(), f.key)).collect();
    send(Progress::Finished(Box::new(time))).then_some(seen)
}

/// Build a store, with room for `files` articles, from the chunks of articles (and problems)
/// sent, in order, until the sender is gone; packed with a dictionary trained on the first
/// chunk large enough. Returns the store and the time spent indexing.
fn index_chunks(
    chunks: std::sync::mpsc::Receiver<(Batch, Vec<Problem>)>,
    files: usize,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
) -> (Store, Duration) {
    let mut store = Store::empty(outlets.clone(), lexicon.clone());
    store.reserve(files);
    let mut trained = false;
    let mut busy = Duration::ZERO;
    for (batch, problems) in chunks {
        let mark = Instant::now();
        if !trained && let Some(packer) = batch.train() {
            trained = true;
            store.use_packer(Arc::new(packer));
        }
        store.add_kept(batch.articles, batch.kept, problems);
        busy += mark.elapsed();
    }
    let mark = Instant::now();
    store.settle();
    (store, busy + mark.elapsed())
}

fn load_timed(
    root: &Path,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
    limits: &LoadLimits,
    fingerprint: Option<u64>,
) -> Result<(Store, Timings), LoadError> {
    let start = Instant::now();
    let mut time = Timings {
        threads: rayon::current_num_threads(),
        ..Timings::default()
    };
    let mut problems = Vec::new();
    let files = walk(root, limits, &mut problems)?;
    let mut mark = Instant::now();
    time.walk = mark - start;
    time.corpus = files.iter().map(|f| f.key.file.size()).sum();
    let mut cache = open_cache(root, limits, fingerprint, &files);
    let mut ids = UniqueIds::default();
    // In chunks, each indexed and packed into the store on a thread of its own while the next
    // is read: neither the whole articles nor the cache entries being written are ever all in
    // memory (at most a chunk being read, one waiting and one being indexed), and the indexing
    // that cannot be spread over the cores overlaps with the reading that can.
    let (send, chunks) = std::sync::mpsc::sync_channel::<(Batch, Vec<Problem>)>(1);
    let (store, index) = std::thread::scope(|scope| {
        let indexer = scope.spawn(|| index_chunks(chunks, files.len(), outlets, lexicon));
        for chunk in files.chunks(CHUNK) {
            let results = load_chunk(chunk, outlets, lexicon, limits, &mut cache, &mut time);
            let mut read = Batch::with_capacity(results.len());
            ids.take(results, &mut read, &mut problems);
            if send.send((read, std::mem::take(&mut problems))).is_err() {
                break; // the indexer is gone: its panic is raised by `join` below
            }
        }
        let _ = send.send((Batch::default(), std::mem::take(&mut problems)));
        drop(send);
        time.files = lap(&mut mark);
        indexer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    time.index = index;
    let written = Instant::now();
    cache.finish();
    time.cache_write += written.elapsed();
    time.cache_report = cache.report;
    time.packed = store.packed_bytes() as u64;
    time.total = start.elapsed();
    Ok((store, time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Source;
    use decode::tests::utf16;

    fn write(dir: &Path, name: &str, text: &[u8]) {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }

    const STORY: &str = "Leaders agree to hold summit talks\n\nSEOUL (Reuters) - The leaders agreed to meet next month.\n";

    /// The built-in config, reading `dir`.
    fn config_for(dir: &Path) -> Config {
        let mut config = crate::config::Config::load(None).unwrap();
        config.articles = dir.to_path_buf();
        config
    }

    /// Everything `stream` says about `dir`, batches at most `every` apart.
    fn streamed(dir: &Path, every: Duration) -> Vec<Progress> {
        let mut got = Vec::new();
        stream(&config_for(dir), every, |p| {
            got.push(p);
            true
        });
        got
    }

    #[test]
    fn batches_stay_small_however_long_since_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let n = MAX_BATCH + MAX_CHUNK * 2;
        for i in 0..n {
            write(dir.path(), &format!("{i:04}.txt"), STORY.as_bytes());
        }
        let sizes: Vec<usize> = streamed(dir.path(), Duration::from_secs(3600))
            .into_iter()
            .filter_map(|p| match p {
                Progress::Batch { ready, .. } => Some(ready.len()),
                _ => None,
            })
            .collect();
        assert_eq!(sizes.iter().sum::<usize>(), n);
        assert!(sizes.len() >= 3, "{sizes:?}");
        assert!(
            sizes.iter().all(|&s| s < MAX_BATCH + MAX_CHUNK),
            "{sizes:?}"
        );
    }

    #[test]
    fn an_archive_large_enough_is_packed_with_a_dictionary_trained_on_it() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..(pack::MIN_SAMPLES * 3) {
            let story = STORY
                .replace("next month", &format!("on day {n} of talks"))
                .replace("summit", &format!("summit number {n}"));
            write(dir.path(), &format!("{n:03}.txt"), story.as_bytes());
        }
        let config = config_for(dir.path());
        let whole = load_dir(dir.path(), &config.outlets, &config.lexicon).unwrap();
        assert!(whole.packs_with_dictionary());
        // The reader's load trains one too, on its loading thread, and packs with it there
        // from the first batch large enough.
        let mut streamed = Store::empty(config.outlets.clone(), config.lexicon.clone());
        let mut with_dictionary = Vec::new();
        for p in self::streamed(dir.path(), Duration::ZERO) {
            if let Progress::Batch {
                ready, problems, ..
            } = p
            {
                with_dictionary.push(ready.packed_with_dictionary());
                streamed.take(ready, problems);
            }
        }
        let first = with_dictionary.iter().position(|&d| d);
        assert!(
            first.is_some_and(|f| with_dictionary[f..].iter().all(|&d| d)),
            "{with_dictionary:?}"
        );
        // Whatever packed them, every article unpacks as it was analysed.
        let by_id = |s: &Store| {
            let mut all = s.whole_articles().unwrap();
            all.sort_by(|a, b| a.id.cmp(&b.id));
            all
        };
        let want = by_id(&whole);
        assert_eq!(want.len(), pack::MIN_SAMPLES * 3);
        assert_eq!(by_id(&streamed), want);
        assert!(
            want[5].body[0].contains("on day 5 of talks"),
            "{:?}",
            want[5].body
        );
    }

    #[test]
    fn a_small_archive_is_packed_without_a_dictionary() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..5 {
            write(dir.path(), &format!("{n}.txt"), STORY.as_bytes());
        }
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        assert!(!store.packs_with_dictionary());
        assert_eq!(store.whole_articles().unwrap().len(), 5);
    }

    #[test]
    fn streaming_gives_what_a_whole_load_gives_in_batches() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..40 {
            let story = STORY.replace("next month", &format!("in month {n}"));
            write(dir.path(), &format!("{n:02}.txt"), story.as_bytes());
        }
        write(dir.path(), "07.TXT", STORY.as_bytes());
        write(dir.path(), "bin.txt", b"\0\0\0binary");
        write(dir.path(), "empty.txt", b"");
        let config = config_for(dir.path());
        let whole = load(&config).unwrap();

        // Every chunk its own batch (`every` is zero): several batches.
        let news = streamed(dir.path(), Duration::ZERO);
        assert!(matches!(news.first(), Some(Progress::Listed { files: 43 })));
        assert!(matches!(news.last(), Some(Progress::Finished(t)) if t.files_read == 43));
        let mut store = Store::empty(config.outlets.clone(), config.lexicon.clone());
        let mut batches = 0;
        let mut last_done = 0;
        for p in news {
            if let Progress::Batch {
                ready,
                problems,
                done,
            } = p
            {
                assert!(done > last_done && done <= 43, "{done}");
                last_done = done;
                assert!(ready.cards().iter().all(|a| !store.has_id(&a.id)));
                store.take(ready, problems);
                batches += 1;
            }
        }
        assert_eq!(last_done, 43);
        assert!(batches >= 3, "{batches} batches");
        let ids = |s: &Store| -> Vec<String> {
            s.order()
                .iter()
                .map(|&i| s.articles()[i].id.clone())
                .collect()
        };
        assert_eq!(ids(&store), ids(&whole));
        assert!(store.has_id("07~2"), "{:?}", ids(&store));
        let problems = |s: &Store| -> Vec<String> {
            s.problems()
                .iter()
                .map(|p| format!("{}: {}", p.file, p.message))
                .collect()
        };
        assert_eq!(problems(&store), problems(&whole));
        assert_eq!(problems(&store).len(), 3, "{:?}", problems(&store));

        // With a long gap, the first chunk comes at once and the rest in one batch at the end.
        let news = streamed(dir.path(), Duration::from_secs(3600));
        let dones: Vec<usize> = news
            .iter()
            .filter_map(|p| match p {
                Progress::Batch { done, .. } => Some(*done),
                _ => None,
            })
            .collect();
        assert_eq!(dones.len(), 2, "{dones:?}");
        assert_eq!(dones[1], 43);
    }

    #[test]
    fn streaming_stops_when_nobody_listens_and_says_why_a_folder_fails() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..40 {
            write(dir.path(), &format!("{n:02}.txt"), STORY.as_bytes());
        }
        let mut heard = 0;
        stream(&config_for(dir.path()), Duration::ZERO, |_| {
            heard += 1;
            heard < 2
        });
        assert_eq!(heard, 2, "Listed, one batch refused, then nothing");

        let news = streamed(&dir.path().join("missing"), Duration::ZERO);
        assert_eq!(news.len(), 1);
        let Some(Progress::Failed(e)) = news.first() else {
            panic!("{news:?}")
        };
        assert!(
            e.to_string().starts_with("cannot read the articles folder"),
            "{e}"
        );
        assert!(check_folder(&dir.path().join("missing")).is_err());
        assert!(check_folder(&dir.path().join("00.txt")).is_err());
        assert!(check_folder(dir.path()).is_ok());

        // An empty folder: listed, one batch with nothing, finished.
        let empty = tempfile::tempdir().unwrap();
        let news = streamed(empty.path(), Duration::ZERO);
        assert!(
            matches!(
                news[..],
                [
                    Progress::Listed { files: 0 },
                    Progress::Batch { done: 0, .. },
                    Progress::Finished(_)
                ]
            ),
            "{news:?}"
        );
    }

    #[test]
    fn loads_text_sidecar_and_front_matter() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "plain.txt", STORY.as_bytes());
        write(dir.path(), "side.txt", STORY.as_bytes());
        write(
            dir.path(),
            "side.toml",
            b"date = \"2023\"\ntags = [\"summit\"]\n",
        );
        write(
            dir.path(),
            "front.txt",
            format!("+++\nheadline = \"Given headline\"\noutlet = \"The Associated Press\"\ndate = 2019-11-23\n+++\n{STORY}").as_bytes(),
        );
        let store = load_dir(
            dir.path(),
            &crate::config::Config::load(None).unwrap().outlets,
            &Lexicon::default(),
        )
        .unwrap();
        assert!(store.problems().is_empty(), "{:?}", store.problems());
        let get = |id: &str| &store.articles()[store.find(id).unwrap()];
        let plain = get("plain");
        assert_eq!(
            (plain.date.value, plain.date.source),
            (None, Source::Missing)
        );
        assert_eq!(plain.outlet.source, Source::Stated);
        let side = get("side");
        assert_eq!(side.date_label(), "2023 (given)");
        assert_eq!(side.tags, ["summit"]);
        let front = get("front");
        assert_eq!(front.title(), "Given headline");
        assert_eq!(front.headline.source, Source::Given);
        assert_eq!(
            front.outlet.value.as_deref(),
            Some("AP"),
            "given outlets are normalised too"
        );
        assert_eq!(
            front.date.value.map(|d| d.to_string()).as_deref(),
            Some("2019-11-23")
        );
        let whole = store.article(store.find("front").unwrap()).unwrap();
        assert!(whole.body.iter().all(|p| !p.contains("+++")));
    }

    #[test]
    fn broken_metadata_names_file_line_and_column_and_the_article_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.txt",
            format!("+++\nheadline = \"x\"\nauthor = \"me\"\n+++\n{STORY}").as_bytes(),
        );
        write(dir.path(), "b.txt", STORY.as_bytes());
        write(
            dir.path(),
            "b.toml",
            b"headline = \"ok\"\ndate = \"2019-13-01\"\n",
        );
        // Columns count characters as written: a tab is one, as in an editor, not the four
        // spaces the sanitizer makes of it.
        write(
            dir.path(),
            "c.txt",
            format!("+++\n\toutlet = \"AP\"\n\tdate = \t\"2019-02-30\"\n+++\n{STORY}").as_bytes(),
        );
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        assert_eq!(store.len(), 3);
        let p: Vec<String> = store.problems().iter().map(ToString::to_string).collect();
        assert!(
            p.iter()
                .any(|p| p.starts_with("a.txt:3:1: warning:") && p.contains("author")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|p| p.starts_with("b.toml:2:8: warning:") && p.contains("2019-13-01")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|p| p.starts_with("c.txt:3:10: warning:") && p.contains("2019-02-30")),
            "{p:?}"
        );
        let a = &store.articles()[store.find("a").unwrap()];
        assert_eq!(
            a.title(),
            "Leaders agree to hold summit talks",
            "broken front matter: the text decides"
        );
    }

    #[test]
    fn bad_files_become_problems_and_never_stop_the_load() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "good.txt", STORY.as_bytes());
        write(dir.path(), "empty.txt", b"");
        write(dir.path(), "binary.txt", b"abc\0def");
        write(
            dir.path(),
            "latin1.txt",
            b"Caf\xe9 owners protest new tax rules\n\nThe owners of caf\xe9s protested.\n",
        );
        write(dir.path(), "notes.md", b"ignored");
        write(dir.path(), ".hidden.txt", STORY.as_bytes());
        write(dir.path(), "sub/deeper.txt", STORY.as_bytes());
        write(
            dir.path(),
            "unclosed.txt",
            b"+++\ndate = \"2019\"\nNo closing line here at all\n",
        );
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        let ids: Vec<&str> = store.articles().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(store.len(), 4, "{ids:?}");
        assert!(ids.contains(&"sub/deeper"));
        let skipped: Vec<&str> = store
            .problems()
            .iter()
            .filter(|p| p.severity == Severity::Skipped)
            .map(|p| p.file.as_str())
            .collect();
        assert_eq!(skipped, ["binary.txt", "empty.txt"]);
        let latin = &store.articles()[store.find("latin1").unwrap()];
        assert_eq!(latin.title(), "Café owners protest new tax rules");
        assert!(
            store
                .problems()
                .iter()
                .any(|p| p.file == "latin1.txt" && p.message.contains("Windows-1252"))
        );
        assert!(
            store
                .problems()
                .iter()
                .any(|p| p.file == "unclosed.txt" && p.message.contains("never closed"))
        );
    }

    #[test]
    fn utf16_and_legacy_files_load_with_a_warning_saying_how() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "le.txt",
            &utf16(&STORY.replace('\n', "\r\n"), false, true),
        );
        write(dir.path(), "be.txt", &utf16(STORY, true, true));
        write(dir.path(), "blank16.txt", &utf16(" \r\n\t\n", false, true));
        write(dir.path(), "bom_only.txt", b"\xEF\xBB\xBF");
        write(
            dir.path(),
            "cp1252.txt",
            b"\x93Leaders\x94 agree to hold summit talks\n\nSEOUL (Reuters) \x96 They met.\n",
        );
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        let p: Vec<String> = store.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            p,
            [
                "be.txt: warning: decoded from UTF-16BE",
                "blank16.txt: skipped: empty file",
                "bom_only.txt: skipped: empty file",
                "cp1252.txt: warning: not UTF-8: decoded as Windows-1252",
                "le.txt: warning: decoded from UTF-16LE",
            ]
        );
        for id in ["le", "be"] {
            let a = store.article(store.find(id).unwrap()).unwrap();
            assert_eq!(a.title(), "Leaders agree to hold summit talks", "{id}");
            assert_eq!(
                a.body,
                ["SEOUL (Reuters) - The leaders agreed to meet next month."]
            );
        }
        let a = store.article(store.find("cp1252").unwrap()).unwrap();
        assert_eq!(a.title(), "“Leaders” agree to hold summit talks");
        assert_eq!(a.body, ["SEOUL (Reuters) – They met."]);
    }

    #[test]
    fn crlf_text_loads_like_lf() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "crlf.txt",
            STORY.replace('\n', "\r\n").as_bytes(),
        );
        write(dir.path(), "cr.txt", STORY.replace('\n', "\r").as_bytes());
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        for a in store.whole_articles().unwrap() {
            assert_eq!(a.title(), "Leaders agree to hold summit talks");
            assert_eq!(a.body.len(), 1);
        }
    }

    #[test]
    fn files_over_max_file_mb_are_skipped_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "good.txt", STORY.as_bytes());
        // Sparse: 2 GB by metadata, no disk used. Reading it would take seconds and 2 GB of memory.
        let big = std::fs::File::create(dir.path().join("big.txt")).unwrap();
        big.set_len(2 << 30).unwrap();
        let just_over = format!("{STORY}{}", "x".repeat(1024 * 1024));
        write(dir.path(), "just_over.txt", just_over.as_bytes());
        let started = std::time::Instant::now();
        let limits = LoadLimits {
            max_file_mb: 1,
            max_depth: 16,
            cache: true,
        };
        let store = load_dir_with(
            dir.path(),
            &OutletAliases::default(),
            &Lexicon::default(),
            &limits,
        )
        .unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(store.len(), 1);
        let p: Vec<String> = store.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            p,
            [
                "big.txt: skipped: larger than 1 MB; raise load.max_file_mb in config.toml to read it",
                "just_over.txt: skipped: larger than 1 MB; raise load.max_file_mb in config.toml to read it"
            ]
        );
        // The built-in limit, 16 MB, still refuses the 2 GB file and takes the other.
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        assert_eq!(store.len(), 2);
        assert!(store.problems()[0].message.contains("larger than 16 MB"));
    }

    #[test]
    fn folders_deeper_than_max_depth_are_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "top.txt", STORY.as_bytes());
        write(dir.path(), "a/one.txt", STORY.as_bytes());
        write(dir.path(), "a/b/two.txt", STORY.as_bytes());
        write(dir.path(), "a/b/c/three.txt", STORY.as_bytes());
        let load = |max_depth| {
            let limits = LoadLimits {
                max_file_mb: 16,
                max_depth,
                cache: true,
            };
            load_dir_with(
                dir.path(),
                &OutletAliases::default(),
                &Lexicon::default(),
                &limits,
            )
            .unwrap()
        };
        let store = load(2);
        let ids: Vec<&str> = store.articles().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a/b/two", "a/one", "top"]);
        let p: Vec<String> = store.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            p,
            [
                "a/b/c: skipped: folder nested deeper than 2 levels; not read (raise load.max_depth in config.toml)"
            ]
        );
        let store = load(0);
        assert_eq!(store.len(), 1);
        assert_eq!(store.problems()[0].file, "a");
        assert_eq!(load(3).len(), 4);
        assert!(load(3).problems().is_empty());
    }

    fn builtin() -> crate::config::Config {
        crate::config::Config::load(None).unwrap()
    }

    #[test]
    fn escape_sequences_are_cleaned_before_extraction() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "evil.txt",
            "Summit \x1b]52;c;Y3VybCB4fGJhc2gK\x07talks \x1b[31mbegin\x1b[0m in Seoul\n\n\
             SEOUL (Reuters) - President Moon\x1b[31m Jae-in met \x1b]2;Shinzo Abe\x07officials \
             \u{202E}today\u{200B}.\n\n\
             Curly \u{201C}quotes\u{201D} \u{2014} dashes, caf\u{E9}, \u{6F22}\u{5B57}, \u{1F1F0}\u{1F1F7} and \u{1F469}\u{200D}\u{1F52C} survive.\n"
                .as_bytes(),
        );
        let config = builtin();
        let store = load_dir(dir.path(), &config.outlets, &config.lexicon).unwrap();
        assert!(store.problems().is_empty(), "{:?}", store.problems());
        let a = store.article(store.find("evil").unwrap()).unwrap();
        assert_eq!(a.title(), "Summit talks begin in Seoul");
        assert_eq!(
            a.body,
            [
                "SEOUL (Reuters) - President Moon Jae-in met officials today.",
                // The ZWJ goes: terminals disagree on how wide the joined emoji is.
                "Curly “quotes” — dashes, café, 漢字, 🇰🇷 and 👩🔬 survive."
            ]
        );
        let names: Vec<&str> = a.entities.iter().map(|e| &*e.name).collect();
        assert!(names.contains(&"Moon Jae-in"), "{names:?}");
        assert!(
            !names.contains(&"Shinzo Abe"),
            "a name inside an OSC payload is not in the text: {names:?}"
        );
        assert!(
            names.iter().all(|n| !n.contains(['\x1b', '['])),
            "{names:?}"
        );
    }

    #[test]
    fn metadata_values_are_cleaned_and_crlf_keeps_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "front.txt",
            format!(
                "+++\nheadline = \"A \\u001b[31mred\\u001b[0m title \\u202e\"\ntags = [\"x\\u001b]52;c;eA==\\u0007y\", \"\\u200b\"]\n+++\n{STORY}"
            )
            .as_bytes(),
        );
        write(dir.path(), "side.txt", STORY.as_bytes());
        write(
            dir.path(),
            "side.toml",
            b"outlet = \"Reu\\u001b[2Jters\"\ndateline = \"SE\\u0007OUL\\n\"\n",
        );
        let crlf = format!("+++\nheadline = \"x\"\nauthor = \"me\"\n+++\n{STORY}");
        write(
            dir.path(),
            "crlf.txt",
            crlf.replace('\n', "\r\n").as_bytes(),
        );
        write(dir.path(), "cr.txt", crlf.replace('\n', "\r").as_bytes());
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        let get = |id: &str| &store.articles()[store.find(id).unwrap()];
        assert_eq!(get("front").title(), "A red title");
        assert_eq!(get("front").tags, ["xy"]);
        assert_eq!(
            get("side").outlet.get().map(String::as_str),
            Some("Reuters")
        );
        assert_eq!(
            get("side").dateline.get().map(String::as_str),
            Some("SE\u{FFFD}OUL")
        );
        let p: Vec<String> = store.problems().iter().map(ToString::to_string).collect();
        for file in ["cr.txt", "crlf.txt"] {
            assert!(
                p.iter().any(
                    |p| p.starts_with(&format!("{file}:3:1: warning:")) && p.contains("author")
                ),
                "{file}: {p:?}"
            );
        }
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn hostile_and_non_utf8_names_are_shown_cleaned_and_read_by_their_real_path() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let names: [&[u8]; 4] = [
            b"\xff\xfe.txt",
            "x\x1b[?5h\nR\u{202E}.txt".as_bytes(),
            b"\x1b]0;.txt",
            b"tab\there.TXT",
        ];
        for name in names {
            std::fs::write(dir.path().join(OsStr::from_bytes(name)), STORY).unwrap();
        }
        std::fs::create_dir(dir.path().join(OsStr::from_bytes(b"d\xe9\x1b[1m"))).unwrap();
        std::fs::write(
            dir.path().join(OsStr::from_bytes(b"d\xe9\x1b[1m/in.txt")),
            b"",
        )
        .unwrap();
        let store = load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
        let mut shown: Vec<(&str, &str)> = store
            .articles()
            .iter()
            .map(|a| (a.id.as_str(), a.file.as_str()))
            .collect();
        shown.sort_unstable();
        assert_eq!(
            shown,
            [
                ("tab here", "tab here.TXT"),
                ("x R", "x R.txt"),
                ("\u{FFFD}", "\u{FFFD}.txt"),
                ("\u{FFFD}\u{FFFD}", "\u{FFFD}\u{FFFD}.txt"),
            ]
        );
        for a in store.articles() {
            assert_eq!(a.title(), "Leaders agree to hold summit talks", "{}", a.id);
        }
        let p: Vec<String> = store.problems().iter().map(ToString::to_string).collect();
        assert_eq!(p, ["d\u{FFFD}/in.txt: skipped: empty file"]);
    }

    /// Run `f` on another thread; fail (instead of hanging the test run) when it takes longer
    /// than `secs`.
    fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(std::time::Duration::from_secs(secs))
            .expect("finished in time: it hung")
    }

    fn mkfifo(path: &Path) {
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            path,
            rustix::fs::Mode::from_raw_mode(0o644),
        )
        .unwrap();
    }

    fn messages(store: &Store) -> Vec<String> {
        store.problems().iter().map(ToString::to_string).collect()
    }

    /// Matrix rows 47-48: files rewritten, truncated, grown and deleted while the folder loads.
    /// Every load finishes without a panic; a file is loaded as what was read (a writer that
    /// rewrites in place can be caught halfway, so the text may be a beginning of a version,
    /// never a mix), or is a problem when it vanished.
    #[test]
    fn files_changing_or_vanishing_during_the_load_never_break_it() {
        use std::sync::atomic::{AtomicBool, Ordering};
        // Stops the writer however the test ends, or a failed assertion would hang the scope.
        struct Stop<'a>(&'a AtomicBool);
        impl Drop for Stop<'_> {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let long = format!("{STORY}{}", "More text follows here. ".repeat(2_000));
        let versions = [STORY.to_owned(), long, String::new()];
        for n in 0..4 {
            write(dir.path(), &format!("f{n}.txt"), STORY.as_bytes());
        }
        let stop = AtomicBool::new(false);
        let mut loaded = 0;
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let mut i = 0usize;
                while !stop.load(Ordering::SeqCst) {
                    for n in 0..4 {
                        let path = dir.path().join(format!("f{n}.txt"));
                        if (i + n) % 5 == 4 {
                            let _ = std::fs::remove_file(&path);
                        } else {
                            let _ = std::fs::write(&path, &versions[(i + n) % versions.len()]);
                        }
                    }
                    i += 1;
                }
            });
            let _stop = Stop(&stop);
            for _ in 0..20 {
                let store =
                    load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default()).unwrap();
                for a in store.articles() {
                    assert!(
                        "Leaders agree to hold summit talks".starts_with(a.title()),
                        "{}: {:?}",
                        a.id,
                        a.title()
                    );
                }
                loaded += store.len();
            }
        });
        assert!(loaded > 0, "the loads saw the files");
    }

    #[test]
    fn reads_stop_at_the_cap_whatever_the_size_says() {
        let endless = std::io::repeat(b'a');
        // A file that says it is empty (as /proc files do), or small, is still read to the cap.
        for size_hint in [0, 10, u64::MAX] {
            assert!(matches!(
                read_capped(std::io::repeat(b'a'), 1024, size_hint),
                Err(ReadError::TooLarge)
            ));
        }
        assert!(matches!(
            read_capped(endless, 1024, 1024),
            Err(ReadError::TooLarge)
        ));
        for size_hint in [0, 1024, 5000] {
            assert_eq!(
                read_capped(&[b'a'; 1024][..], 1024, size_hint)
                    .unwrap()
                    .len(),
                1024
            );
        }
        let limits = LoadLimits::default();
        assert_eq!(
            ReadError::TooLarge.message(&limits),
            "larger than 16 MB; raise load.max_file_mb in config.toml to read it"
        );
        // /proc files say they are empty, yet have text.
        let status = read_file(Path::new("/proc/self/status"), 1 << 20).unwrap();
        assert!(status.starts_with(b"Name:"));
        assert!(matches!(
            read_file(Path::new("/proc/self/status"), 16),
            Err(ReadError::TooLarge)
        ));
    }

    #[test]
    fn a_fifo_or_device_swapped_in_after_the_walk_is_refused_on_the_open_file() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("late.txt");
        mkfifo(&fifo);
        // Found by a walk that saw regular files; they were swapped before the read.
        let problems = within(10, move || {
            let mut problems = Vec::new();
            for (path, rel) in [(fifo, "late.txt"), ("/dev/zero".into(), "zero.txt")] {
                let found = Found {
                    path,
                    rel: rel.to_owned(),
                    sidecar: false,
                    key: cache::FileKey::default(),
                    cacheable: false,
                };
                let (article, mut p) = load_one(
                    &found,
                    &OutletAliases::default(),
                    &Lexicon::default(),
                    &LoadLimits::default(),
                    &mut Timings::default(),
                );
                assert!(article.is_none());
                problems.append(&mut p);
            }
            problems
        });
        let p: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            p,
            [
                "late.txt: skipped: not a regular file (a FIFO)",
                "zero.txt: skipped: not a regular file (a device)"
            ]
        );
    }

    #[test]
    fn special_files_and_symlink_loops_are_problems_never_hangs() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "good.txt", STORY.as_bytes());
        mkfifo(&dir.path().join("fifo.txt"));
        symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
        symlink("/proc/self/status", dir.path().join("status.txt")).unwrap();
        symlink("b.txt", dir.path().join("a.txt")).unwrap();
        symlink("a.txt", dir.path().join("b.txt")).unwrap();
        symlink("nowhere.txt", dir.path().join("broken.txt")).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        symlink("..", dir.path().join("sub/up")).unwrap();
        let root = dir.path().to_path_buf();
        let store = within(20, move || {
            load_dir(&root, &OutletAliases::default(), &Lexicon::default()).unwrap()
        });
        assert_eq!(
            messages(&store),
            [
                "a.txt: skipped: cannot be read: Too many levels of symbolic links",
                "b.txt: skipped: cannot be read: Too many levels of symbolic links",
                "broken.txt: skipped: cannot be read: No such file or directory",
                "fifo.txt: skipped: not a regular file (a FIFO)",
                "sub/up: skipped: folder already visited (a symlink loop?)",
                "zero.txt: skipped: not a regular file (a device)",
            ]
        );
        let ids: Vec<&str> = store.articles().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["good", "status"], "/proc/self/status has text");
    }

    #[test]
    fn a_sidecar_is_opened_read_and_decoded_like_an_article() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        for name in ["fifo", "loop", "binary", "folder", "big", "utf16", "latin"] {
            write(dir.path(), &format!("{name}.txt"), STORY.as_bytes());
        }
        mkfifo(&dir.path().join("fifo.toml"));
        symlink("loop.toml", dir.path().join("loop.toml")).unwrap();
        write(dir.path(), "binary.toml", b"date = \"2019\"\0");
        std::fs::create_dir(dir.path().join("folder.toml")).unwrap();
        std::fs::File::create(dir.path().join("big.toml"))
            .unwrap()
            .set_len(2 << 20)
            .unwrap();
        write(
            dir.path(),
            "utf16.toml",
            &utf16("date = \"2021\"\n", false, true),
        );
        write(dir.path(), "latin.toml", b"headline = \"Caf\xe9 talks\"\n");
        let root = dir.path().to_path_buf();
        let store = within(20, move || {
            let limits = LoadLimits {
                max_file_mb: 1,
                max_depth: 16,
                cache: true,
            };
            load_dir_with(
                &root,
                &OutletAliases::default(),
                &Lexicon::default(),
                &limits,
            )
            .unwrap()
        });
        assert_eq!(store.len(), 7, "every article loads from its text");
        assert_eq!(
            messages(&store),
            [
                "big.toml: warning: larger than 1 MB; raise load.max_file_mb in config.toml to read it; metadata ignored",
                "binary.toml: warning: binary file (NUL byte at offset 13); metadata ignored",
                "fifo.toml: warning: not a regular file (a FIFO); metadata ignored",
                "folder.toml: warning: not a regular file (a folder); metadata ignored",
                "latin.toml: warning: not UTF-8: decoded as Windows-1252",
                "loop.toml: warning: cannot be read: Too many levels of symbolic links; metadata ignored",
                "utf16.toml: warning: decoded from UTF-16LE",
            ]
        );
        let get = |id: &str| &store.articles()[store.find(id).unwrap()];
        assert_eq!(get("utf16").date_label(), "2021 (given)");
        assert_eq!(get("latin").title(), "Café talks");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let e = load_dir(
            Path::new("/nonexistent/gisa-articles"),
            &OutletAliases::default(),
            &Lexicon::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("/nonexistent/gisa-articles"), "{e}");
    }
}
