//! Taking a new article in: a paste or a file becomes a file of the articles folder. What the
//! text is and what the extractor makes of it ([`draft`]), the name it gets ([`file_name`]),
//! whether the archive has it already ([`find_duplicate`]), and the one function that writes
//! ([`save`]: atomic, never overwriting). `gisa add` and the reader's add pane both use them.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use foldhash::{HashMap, HashSet, HashSetExt};

use crate::article::{Article, PartialDate};
use crate::extract::outlet::OutletAliases;
use crate::lexicon::Lexicon;
use crate::load::{self, Problem};
use crate::store::Store;

/// Fields the user gives beside the text (`--date`, `--outlet`, `--headline`): they are written
/// as `+++` front matter above it, and win over what the text states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub headline: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<PartialDate>,
}

impl Fields {
    pub fn is_empty(&self) -> bool {
        self.headline.is_none() && self.outlet.is_none() && self.date.is_none()
    }
}

/// Why a text cannot be taken in at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Nothing but white space (or characters that are not shown).
    Empty,
    /// A NUL byte: not text.
    Binary { offset: usize },
    /// Nothing left to read once page furniture (banners, links, credits) is set aside.
    NoText,
    /// Larger than the load would read.
    TooLarge { limit_mb: u64 },
    /// The text has `+++` front matter of its own, fields were given to add to it, and it is not
    /// valid TOML.
    FrontMatter { line: usize, message: String },
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Empty => f.write_str("nothing to add: the text is empty"),
            Refused::Binary { offset } => write!(
                f,
                "not text: a NUL byte at offset {offset} (is it a PDF, an image or a word processor file? paste its text instead)"
            ),
            Refused::NoText => f.write_str(
                "no article text in it: nothing is left once the headline and page furniture (banners, links, credits) are set aside",
            ),
            Refused::TooLarge { limit_mb } => write!(
                f,
                "larger than {limit_mb} MB; raise load.max_file_mb in config.toml to add it"
            ),
            Refused::FrontMatter { line, message } => write!(
                f,
                "its own +++ front matter is not valid TOML (line {line}: {}), so the given fields cannot be added to it",
                crate::sanitize::line(message)
            ),
        }
    }
}

impl std::error::Error for Refused {}

/// A text ready to be saved, and what gisa understood of it.
#[derive(Debug, Clone)]
pub struct Draft {
    /// What would be written: the text as given (as UTF-8), under front matter for the fields
    /// given.
    pub text: String,
    /// What the load will make of that file (its id and file name are placeholders until it is
    /// named).
    pub article: Article,
    /// What the load would warn about: a text that was not UTF-8, no article text found, ...
    pub problems: Vec<Problem>,
}

/// The placeholder file name a draft is analysed under.
const DRAFT_NAME: &str = "new article.txt";

/// Make a draft of `bytes` (a paste, or a file's contents) with the `given` fields: decode it as
/// the load decodes a file, put the fields in front matter, and analyse it.
pub fn draft(
    bytes: Vec<u8>,
    given: &Fields,
    outlets: &OutletAliases,
    lexicon: &Lexicon,
    max_bytes: u64,
) -> Result<Draft, Refused> {
    if bytes.len() as u64 > max_bytes {
        return Err(Refused::TooLarge {
            limit_mb: max_bytes / (1024 * 1024),
        });
    }
    let (text, note) = match load::decode_bytes(bytes, DRAFT_NAME) {
        Ok(decoded) => decoded,
        Err(offset) => return Err(Refused::Binary { offset }),
    };
    if crate::sanitize::text(&text).trim().is_empty() {
        return Err(Refused::Empty);
    }
    let text = with_front_matter(&text, given)?;
    let (article, mut problems) = load::analyze_text(text.clone(), DRAFT_NAME, outlets, lexicon);
    let Some(article) = article else {
        return Err(Refused::Empty);
    };
    if article.body.is_empty() {
        return Err(Refused::NoText);
    }
    if let Some(note) = note {
        problems.insert(0, note);
    }
    Ok(Draft {
        text,
        article,
        problems,
    })
}

/// `text` under `+++` front matter holding the `given` fields. A text that has front matter of
/// its own keeps it, with the given fields set in it (each replacing the text's own); with no
/// field given, the text is returned as it is.
fn with_front_matter(text: &str, given: &Fields) -> Result<String, Refused> {
    if given.is_empty() {
        return Ok(text.to_owned());
    }
    let (own, rest) = load::front_matter_of(text);
    let mut table = match own {
        None => toml::Table::new(),
        Some(own) => own
            .parse::<toml::Table>()
            .map_err(|e| Refused::FrontMatter {
                line: e
                    .span()
                    .map_or(1, |s| crate::config::line_column(own, s.start).0)
                    + 1,
                message: e.message().trim().to_owned(),
            })?,
    };
    let mut set = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            table.insert(key.to_owned(), toml::Value::String(v));
        }
    };
    set("headline", given.headline.clone());
    set("outlet", given.outlet.clone());
    set("date", given.date.map(|d| d.to_string()));
    // Serializing strings cannot fail: every value is a string.
    let front = toml::to_string(&table).unwrap_or_default();
    Ok(format!("+++\n{front}+++\n{rest}"))
}

/// The file name for an article: its date at the precision known (`2019-11-23`, `2019-11`,
/// `2019`, or `undated`), then the first words of its headline (or of its text), lowercased and
/// joined by hyphens: `2019-11-23-in-bid-to-repair-ties.txt`. Only letters, digits and hyphens:
/// no separator, dot or control character from the text can reach the name.
pub fn file_name(article: &Article) -> String {
    let date = article
        .date
        .get()
        .map_or_else(|| "undated".to_owned(), ToString::to_string);
    let source = article
        .headline
        .get()
        .map(String::as_str)
        .or_else(|| article.body.first().map(String::as_str))
        .unwrap_or("");
    let slug = slug(source);
    if slug.is_empty() {
        format!("{date}-article.txt")
    } else {
        format!("{date}-{slug}.txt")
    }
}

/// At most this many words of a headline make a name...
const SLUG_WORDS: usize = 8;
/// ...and at most this many bytes.
const SLUG_BYTES: usize = 60;

/// The first words of `headline` (or any text) as a file name: lowercase, joined by hyphens, up
/// to its first clause break (a comma, colon, semicolon or dash) when that leaves at least four
/// words, else up to eight words, within 60 bytes. Apostrophes vanish (`Japan's` is `japans`);
/// anything else that is not a letter or digit separates words. Empty when it has no word.
pub fn slug(headline: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut clause_end = None;
    for c in headline.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        if matches!(c, '\'' | '’' | '‘') {
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if clause_end.is_none() && matches!(c, ',' | ':' | ';' | '—' | '–') {
            clause_end = Some(words.len());
        }
        if words.len() >= SLUG_WORDS && clause_end.is_some() {
            break;
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let take = match clause_end {
        Some(n) if n >= 4 => n.min(SLUG_WORDS),
        _ => SLUG_WORDS,
    };
    let mut out = String::new();
    for w in words.iter().take(take) {
        let extra = w.len() + usize::from(!out.is_empty());
        if out.len() + extra > SLUG_BYTES {
            if out.is_empty() {
                // One very long word: cut it at a character boundary.
                let mut end = SLUG_BYTES;
                while !w.is_char_boundary(end) {
                    end -= 1;
                }
                out.push_str(&w[..end]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    out
}

/// At most this many names of one kind are listed; the rest are counted.
const NAMES_SHOWN: usize = 8;

/// What gisa understood of a draft, as (label, value) rows: headline, outlet, date (each saying
/// when it was given, or, when it was not found, `how` to give it: for the headline, outlet
/// and date), dateline, byline, size, entities by kind, topics, warnings.
/// Terminal-safe.
pub fn understood(
    draft: &Draft,
    topics: &crate::topics::Topics,
    how: [&str; 3],
) -> Vec<(String, String)> {
    use crate::article::Source;
    use crate::entities::Kind;
    use crate::sanitize;
    let a = &draft.article;
    let field = |value: Option<String>, source: Source, how: &str| match value {
        Some(v) if source == Source::Given => format!("{} (given)", sanitize::line(&v)),
        Some(v) => sanitize::line(&v).into_owned(),
        None => format!("not found; {how}"),
    };
    let mut rows = vec![
        (
            "headline".to_owned(),
            field(a.headline.get().cloned(), a.headline.source, how[0]),
        ),
        (
            "outlet".to_owned(),
            field(
                a.outlet.get().map(|_| a.outlet_label()),
                a.outlet.source,
                how[1],
            ),
        ),
        (
            "date".to_owned(),
            field(a.date.get().map(ToString::to_string), a.date.source, how[2]),
        ),
    ];
    if let Some(dateline) = a.dateline.get() {
        rows.push(("dateline".to_owned(), sanitize::line(dateline).into_owned()));
    }
    if let Some(by) = &a.byline {
        rows.push(("byline".to_owned(), sanitize::line(by).into_owned()));
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    rows.push((
        "text".to_owned(),
        format!(
            "{} in {}",
            plural(a.words, "word", "words"),
            plural(a.body.len(), "paragraph", "paragraphs")
        ),
    ));
    for kind in Kind::ALL {
        let names: Vec<&str> = a
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| &*e.name)
            .collect();
        if names.is_empty() {
            continue;
        }
        let mut line = names
            .iter()
            .take(NAMES_SHOWN)
            .map(|n| sanitize::line(n))
            .collect::<Vec<_>>()
            .join(", ");
        if names.len() > NAMES_SHOWN {
            line.push_str(" and ");
            line.push_str(&(names.len() - NAMES_SHOWN).to_string());
            line.push_str(" more");
        }
        rows.push((kind.plural().to_lowercase(), line));
    }
    let named: Vec<String> = a
        .topics
        .iter()
        .filter_map(|h| topics.get(h.topic))
        .map(|t| sanitize::line(&t.name).into_owned())
        .collect();
    if !named.is_empty() {
        rows.push(("topics".to_owned(), named.join(", ")));
    }
    for p in &draft.problems {
        rows.push((
            "warning".to_owned(),
            sanitize::line(&p.message).into_owned(),
        ));
    }
    rows
}

/// A duplicate as a sentence: `the archive has this article already: FILE (OUTLET, DATE:
/// HEADLINE)`. Terminal-safe.
pub fn describe(store: &Store, d: &Duplicate) -> String {
    use crate::sanitize;
    let what = match d.sameness {
        Sameness::SameText => "the archive has this article already".to_owned(),
        Sameness::SameStory => format!(
            "the archive has this story from the same outlet already ({:.0}% of the text in common)",
            d.shared * 100.0
        ),
    };
    let Some(card) = store.get(d.slot) else {
        return what;
    };
    format!(
        "{what}: {} ({}, {}: {})",
        sanitize::line(&card.file),
        sanitize::line(&card.outlet_label()),
        card.date_label(),
        sanitize::line(card.title())
    )
}

/// How an article already in the archive is the same as the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sameness {
    /// The same text (pasted twice, or the same agency copy run by two sites).
    SameText,
    /// The same story from the same outlet: another version of it, or the same headline on the
    /// same days.
    SameStory,
}

/// An article of the archive that the new one duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// Its slot in the store.
    pub slot: usize,
    pub sameness: Sameness,
    /// The share of the shorter text's five-word runs found in the other, 0 to 1.
    pub shared: f64,
}

/// Texts sharing at least this share of their runs of words, both ways, are the same text.
const SAME_TEXT: f64 = 0.9;
/// Texts of one outlet sharing at least this share of the shorter one's runs are one story.
const SAME_STORY: f64 = 0.5;
/// Words of the new article looked up to find candidates: its rarest in the archive.
const PROBE_WORDS: usize = 12;
/// Candidates compared text to text, the most likely first.
const MAX_CANDIDATES: usize = 16;
/// Run length, in words, of the text comparison.
const SHINGLE: usize = 5;

/// The article of `store` that `new` duplicates, if any: the same text, or the same story from
/// the same outlet. Candidates come from the word index (articles holding most of the new
/// article's rarest words) and from the outlet's articles with the same headline; each is then
/// compared text to text, read back from the store.
pub fn find_duplicate(store: &Store, new: &Article) -> Option<Duplicate> {
    let mut votes: HashMap<usize, usize> = HashMap::default();
    let probes = rarest_words(store, new);
    for word in &probes {
        if let Some(postings) = store.articles_with_word(word) {
            for slot in postings.iter() {
                *votes.entry(slot as usize).or_default() += 1;
            }
        }
    }
    let needed = probes.len().div_ceil(2).max(1);
    let mut candidates: Vec<(usize, usize)> = votes
        .into_iter()
        .filter(|&(_, v)| v >= needed)
        .map(|(slot, v)| (v, slot))
        .collect();
    // Same outlet and headline: a story whose text was rewritten may share few rare words.
    if let (Some(outlet), Some(headline)) = (new.outlet.get(), new.headline.get()) {
        let filter = crate::query::Filter {
            outlet: Some(outlet.clone()),
            ..Default::default()
        };
        let key = text_key(headline);
        for slot in store.filter(&filter) {
            let same = store
                .get(slot)
                .and_then(|c| c.headline.get())
                .is_some_and(|h| text_key(h) == key);
            if same {
                candidates.push((usize::MAX, slot));
            }
        }
    }
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    candidates.dedup_by_key(|c| c.1);
    let runs = shingles(&new.body);
    let mut best: Option<Duplicate> = None;
    for &(_, slot) in candidates.iter().take(MAX_CANDIDATES) {
        let Ok(old) = store.article(slot) else {
            continue;
        };
        let Some(found) = compare(new, &runs, &old, slot) else {
            continue;
        };
        let better = best.as_ref().is_none_or(|b| {
            (found.sameness == Sameness::SameText && b.sameness != Sameness::SameText)
                || (found.sameness == b.sameness && found.shared > b.shared)
        });
        if better {
            best = Some(found);
        }
    }
    best
}

/// The words of `new` that the fewest articles of `store` hold (and at least one does), at most
/// [`PROBE_WORDS`], rarest first; ties by the word, so the choice is the same every time.
fn rarest_words(store: &Store, new: &Article) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut counted: Vec<(usize, String)> = Vec::new();
    let text = std::iter::once(new.title()).chain(new.body.iter().map(String::as_str));
    for word in text.flat_map(crate::query::normalize_words) {
        if word.chars().count() < 4 || !seen.insert(word.clone()) {
            continue;
        }
        let n = store
            .articles_with_word(&word)
            .map_or(0, crate::store::Postings::len);
        if n > 0 {
            counted.push((n, word));
        }
    }
    counted.sort_unstable();
    counted
        .into_iter()
        .take(PROBE_WORDS)
        .map(|(_, w)| w)
        .collect()
}

/// How `old` (in `slot`) duplicates `new` (whose runs of words are `runs`), if it does.
fn compare(new: &Article, runs: &HashSet<u64>, old: &Article, slot: usize) -> Option<Duplicate> {
    let theirs = shingles(&old.body);
    let common = runs.intersection(&theirs).count();
    let (small, large) = if runs.len() <= theirs.len() {
        (runs.len(), theirs.len())
    } else {
        (theirs.len(), runs.len())
    };
    let contained = share(common, small);
    let both_ways = share(common, large);
    if both_ways >= SAME_TEXT {
        return Some(Duplicate {
            slot,
            sameness: Sameness::SameText,
            shared: contained,
        });
    }
    let same_outlet = match (new.outlet.get(), old.outlet.get()) {
        (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
        _ => false,
    };
    if !same_outlet {
        return None;
    }
    let same_headline = match (new.headline.get(), old.headline.get()) {
        (Some(a), Some(b)) => text_key(a) == text_key(b) && days_apart(new, old) <= 3,
        _ => false,
    };
    (contained >= SAME_STORY || same_headline).then_some(Duplicate {
        slot,
        sameness: Sameness::SameStory,
        shared: contained,
    })
}

/// `part` of `whole` as a fraction, 0 for nothing of nothing. (Counts of runs of words are far
/// below 2^52: the conversion is exact.)
#[allow(clippy::cast_precision_loss)]
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Days between two articles' dates; 0 when either is unknown or not known to the day.
fn days_apart(a: &Article, b: &Article) -> i64 {
    let day = |x: &Article| {
        let d = x.date.get()?;
        Some(days_from_epoch(d.get_year(), d.get_month()?, d.get_day()?))
    };
    match (day(a), day(b)) {
        (Some(x), Some(y)) => (x - y).abs(),
        _ => 0,
    }
}

/// Days since 1970-01-01 of a date of the Gregorian calendar (Howard Hinnant's algorithm).
fn days_from_epoch(year: u16, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A headline as compared: its words, lowercased, one space apart.
fn text_key(s: &str) -> String {
    crate::query::normalize_words(s)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The hashes of every run of [`SHINGLE`] words of a body (lowercased; punctuation and spacing
/// do not count). A body shorter than that is one run.
fn shingles(body: &[String]) -> HashSet<u64> {
    use std::hash::BuildHasher;
    let words: Vec<String> = body
        .iter()
        .flat_map(|p| crate::query::normalize_words(p))
        .collect();
    let hasher = foldhash::fast::FixedState::with_seed(0x9e37_79b9);
    let mut out = HashSet::with_capacity(words.len());
    if words.is_empty() {
        return out;
    }
    for run in words.windows(SHINGLE.min(words.len())) {
        out.insert(hasher.hash_one(run));
    }
    out
}

/// Write `text` into `dir` as `name`, or, when a file of that name exists, as `name-2.txt`,
/// `name-3.txt`, ...: never over a file. Atomic: the text goes to a hidden temporary file in
/// the same folder, is flushed to disk, and is then given its name in one step that fails if
/// the name was taken meanwhile, so a reader or watcher never sees half a file. Returns the path
/// written.
pub fn save(dir: &Path, name: &str, text: &[u8]) -> io::Result<PathBuf> {
    let temp = temporary_file(dir)?;
    let result = write_and_name(dir, name, text, &temp);
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// A new hidden file in `dir` (the load skips names that start with a dot).
fn temporary_file(dir: &Path) -> io::Result<PathBuf> {
    let pid = std::process::id();
    for n in 0..1000u32 {
        let path = dir.join(format!(".gisa-add-{pid}-{n}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free name for a temporary file",
    ))
}

fn write_and_name(dir: &Path, name: &str, text: &[u8], temp: &Path) -> io::Result<PathBuf> {
    let mut file = std::fs::OpenOptions::new().write(true).open(temp)?;
    file.write_all(text)?;
    file.sync_all()?;
    drop(file);
    for candidate in names_for(name) {
        let target = dir.join(candidate);
        match rename_no_replace(temp, &target) {
            Ok(()) => {
                // The new name on disk too, not only the file's bytes.
                if let Ok(d) = std::fs::File::open(dir) {
                    let _ = d.sync_all();
                }
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("every name from {name} to {} is taken", last_name(name)),
    ))
}

/// The names [`save`] tries for `name`, in order: `name`, then with `-2` to `-9999` before its
/// extension (`a.txt`, `a-2.txt`, ...; `b.md`, `b-2.md`, ...).
fn names_for(name: &str) -> impl Iterator<Item = String> + '_ {
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    std::iter::once(name.to_owned())
        .chain((2..10_000u32).map(move |n| format!("{stem}-{n}{extension}")))
}

fn last_name(name: &str) -> String {
    names_for(name).last().unwrap_or_default()
}

/// The name [`save`] would give `name` in `dir` now: the first of its names that is free.
pub fn free_name(dir: &Path, name: &str) -> Option<String> {
    names_for(name).find(|n| std::fs::symlink_metadata(dir.join(n)).is_err())
}

/// Give `from` the name `to` unless `to` exists (then `AlreadyExists`), in one step.
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            // A file system without that kind of rename: a hard link does the same.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    std::fs::hard_link(from, to)?;
    std::fs::remove_file(from)
}

#[cfg(test)]
mod tests;
