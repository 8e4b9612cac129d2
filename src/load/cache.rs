//! The analysis cache: what the loader made of each file (the article and its problems), kept
//! between runs so an unchanged file is not read, extracted and analysed again.
//!
//! One file per articles folder, in `$GISA_CACHE_DIR`, else `$XDG_CACHE_HOME/gisa`, else
//! `~/.cache/gisa` (folder mode 0700, files 0600). A file's entry is used only when its size,
//! modification and change times and inode are the ones recorded (and its sidecar's too), the
//! cache was written by this very build of gisa with the same configuration, and the entry's
//! checksum holds; anything else is analysed afresh. A cache that cannot be read or written is
//! never an error: the load goes on without it and `gisa check --timings` says why.
//!
//! Layout: the entries' bytes one after another, then the index (postcard), then a fixed
//! trailer: index offset, index length, index checksum, key, magic.

use std::fs::{File, Metadata};
use std::hash::BuildHasher;
use std::io::{BufWriter, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};

use super::Loaded;
use crate::article::Article;
use std::sync::Arc;

#[cfg(test)]
mod tests;

const MAGIC: &[u8; 8] = b"GISAC002";
const TRAILER: usize = 8 * 5;
/// A file changed less than this long before the load began is not kept: a later change within
/// the same tick of the file system's clock would leave its times as they were.
pub const SETTLE: Duration = Duration::from_secs(2);
/// A cache file nobody has used for this long (an archive since moved or deleted) is removed
/// when another one is written.
const UNUSED: Duration = Duration::from_secs(30 * 24 * 3600);

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    /// Modification and change (inode) times, nanoseconds since the epoch.
    mtime: i64,
    ctime: i64,
    ino: u64,
    dev: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            mtime: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
            ctime: meta.ctime().saturating_mul(1_000_000_000) + meta.ctime_nsec(),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.len
    }

    /// Neither time is after `cutoff` (nanoseconds since the epoch).
    fn settled(&self, cutoff: i64) -> bool {
        self.mtime <= cutoff && self.ctime <= cutoff
    }
}

/// An article file and its sidecar, as the walk saw them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    pub file: Stamp,
    pub sidecar: Option<Stamp>,
}

impl FileKey {
    fn settled(&self, cutoff: i64) -> bool {
        self.file.settled(cutoff) && self.sidecar.is_none_or(|s| s.settled(cutoff))
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    rel: String,
    key: FileKey,
    offset: u64,
    len: u64,
    sum: u64,
}

/// A file found in the cache: its analysis, the entry's bytes (for the new cache) and where
/// they are.
pub type Hit = (Loaded, Vec<u8>, Stored);

/// Where a file's analysis is in a cache file that this process holds open: the store keeps
/// this instead of the article's text, and reads it back when the article is opened. The file
/// stays readable through the open handle even when a newer cache replaces it.
#[derive(Debug, Clone)]
pub struct Stored {
    file: Arc<File>,
    offset: u64,
    len: u32,
    sum: u64,
}

impl Stored {
    /// The entry's bytes, checked against its checksum.
    fn bytes(&self) -> Result<Vec<u8>, String> {
        let mut bytes = vec![0; self.len as usize];
        self.file
            .read_exact_at(&mut bytes, self.offset)
            .map_err(|e| format!("the cache file cannot be read: {e}"))?;
        if checksum(&bytes) != self.sum {
            return Err("its entry in the cache file is damaged".to_owned());
        }
        Ok(bytes)
    }

    /// The article kept in the entry.
    pub fn article(&self) -> Result<Article, String> {
        let bytes = self.bytes()?;
        let (article, _): Loaded = postcard::from_bytes(&bytes)
            .map_err(|_| "its entry in the cache file is damaged".to_owned())?;
        article.ok_or_else(|| "the cache file holds no article for it".to_owned())
    }
}

/// Checksums of entries and of the index: quick, and only meant to catch a damaged file (the key
/// ties a cache to one build, so the hash need not be stable across versions).
fn checksum(bytes: &[u8]) -> u64 {
    foldhash::quality::FixedState::with_seed(0x6769_7361).hash_one(bytes)
}

/// A 64-bit FNV-1a hash: stable across builds, for the cache file's name and key.
pub fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part
            .iter()
            .copied()
            .chain((part.len() as u64).to_le_bytes())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// What one load did with the cache, for `gisa check --timings`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The cache file, when caching is on and a place for it was found.
    pub path: Option<PathBuf>,
    /// The cache's size when this load wrote it.
    pub written: Option<u64>,
    /// Why the cache was not used or not written, when it was not.
    pub note: Option<String>,
}

/// The key of this build of gisa with a configuration (`fingerprint`: its sources; `limits`: the
/// load's limits, as their debug text): a cache written under another key is not used. `None`
/// when the program's own file cannot be found.
pub fn key(fingerprint: u64, limits: &str) -> Option<u64> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let exe = Stamp::of(&exe);
    Some(fnv(&[
        MAGIC,
        env!("CARGO_PKG_VERSION").as_bytes(),
        &exe.len.to_le_bytes(),
        &exe.mtime.to_le_bytes(),
        &exe.ino.to_le_bytes(),
        &fingerprint.to_le_bytes(),
        limits.as_bytes(),
    ]))
}

#[cfg(test)]
thread_local! {
    /// Where this thread's loads keep their cache in unit tests (nowhere unless a test says),
    /// and how long a file must have been left alone to be kept (files a test has just written
    /// are kept with a zero wait; a test of the wait itself gives one).
    pub static TEST_DIR: std::cell::RefCell<Option<(PathBuf, Duration)>> = const { std::cell::RefCell::new(None) };
}

/// How long a file must have been left alone to be kept: [`SETTLE`].
fn settle() -> Duration {
    #[cfg(test)]
    {
        TEST_DIR.with(|d| d.borrow().as_ref().map_or(SETTLE, |(_, s)| *s))
    }
    #[cfg(not(test))]
    {
        SETTLE
    }
}

/// Where the cache files live, from the environment; `None` when there is no home to put it in.
/// (In unit tests, [`TEST_DIR`]: they never touch the user's cache.)
pub fn dir() -> Option<PathBuf> {
    #[cfg(test)]
    {
        TEST_DIR.with(|d| d.borrow().as_ref().map(|(dir, _)| dir.clone()))
    }
    #[cfg(not(test))]
    {
        from_env()
    }
}

#[cfg_attr(test, allow(dead_code))]
fn from_env() -> Option<PathBuf> {
    let env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    env("GISA_CACHE_DIR")
        .or_else(|| env("XDG_CACHE_HOME").map(|p| p.join("gisa")))
        .or_else(|| env("HOME").map(|p| p.join(".cache").join("gisa")))
}

/// The cache of one load: the one found (if any) to read from, and the one being written.
pub struct Cache {
    key: u64,
    old: Option<Old>,
    new: Option<New>,
    /// Entries are kept only for files whose times are at most this (ns since the epoch).
    cutoff: i64,
    pub report: Report,
}

struct Old {
    /// Shared with the store, which reads an article's text from here when it is opened.
    file: Arc<File>,
    entries: HashMap<String, Entry>,
}

struct New {
    out: BufWriter<File>,
    tmp: PathBuf,
    path: PathBuf,
    offset: u64,
    entries: Vec<Entry>,
    failed: Option<std::io::Error>,
}

impl Drop for New {
    fn drop(&mut self) {
        // Not finished (a failure, or a load given up): the temporary file goes.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

impl Cache {
    /// No cache: every file is analysed, nothing is written.
    pub fn off(note: &str) -> Cache {
        Cache {
            key: 0,
            old: None,
            new: None,
            cutoff: i64::MIN,
            report: Report {
                note: Some(note.to_owned()),
                ..Report::default()
            },
        }
    }

    /// Open the cache of `root` in `dir` for a load of `files` (relative path and key each);
    /// `key` is this build and configuration. The new cache is started only when some file is
    /// not in the old one as it is now, or the old one holds files that are gone.
    pub fn open(dir: &Path, root: &Path, key: u64, files: &[(&str, FileKey)]) -> Cache {
        let started = SystemTime::now();
        let cutoff = started
            .checked_sub(settle())
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(i64::MIN, |d| {
                i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
            });
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let name = format!("{:016x}.cache", fnv(&[root.as_os_str().as_encoded_bytes()]));
        let path = dir.join(name);
        let mut report = Report {
            path: Some(path.clone()),
            ..Report::default()
        };
        let old = match Old::open(&path, key) {
            Ok(old) => old,
            Err(why) => {
                report.note = Some(why);
                None
            }
        };
        let current = old.as_ref().is_some_and(|o| {
            o.entries.len() == files.len()
                && files
                    .iter()
                    .all(|(rel, k)| o.entries.get(*rel).is_some_and(|e| e.key == *k))
        });
        let new = if current {
            touch(&path);
            None
        } else {
            match New::create(dir, &path) {
                Ok(new) => Some(new),
                Err(e) => {
                    report.note = Some(format!("cannot be written: {e}"));
                    None
                }
            }
        };
        Cache {
            key,
            old,
            new,
            cutoff,
            report,
        }
    }

    /// Whether results should be encoded for [`Cache::put`].
    pub fn writing(&self) -> bool {
        self.new.is_some()
    }

    /// The cached analysis of a file with its bytes (for the new cache), when the cache holds
    /// this very file as it is now; `Some(Err(()))` when it does but the entry is damaged.
    pub fn get(&self, rel: &str, key: &FileKey) -> Option<Result<Hit, ()>> {
        let old = self.old.as_ref()?;
        let e = old.entries.get(rel).filter(|e| e.key == *key)?;
        let stored = Stored {
            file: Arc::clone(&old.file),
            offset: e.offset,
            len: u32::try_from(e.len).ok()?,
            sum: e.sum,
        };
        let read = || -> Option<(Loaded, Vec<u8>)> {
            let bytes = stored.bytes().ok()?;
            let loaded = postcard::from_bytes(&bytes).ok()?;
            Some((loaded, bytes))
        };
        Some(read().map(|(l, b)| (l, b, stored)).ok_or(()))
    }

    /// The bytes to keep for a freshly analysed file, when it is to be kept.
    pub fn encode(&self, key: &FileKey, loaded: &Loaded) -> Option<Vec<u8>> {
        (self.writing() && key.settled(self.cutoff))
            .then(|| postcard::to_stdvec(loaded).ok())
            .flatten()
    }

    /// Keep a file's bytes in the new cache (in the walk's order).
    pub fn put(&mut self, rel: &str, key: FileKey, bytes: &[u8]) {
        let Some(new) = &mut self.new else {
            return;
        };
        if new.failed.is_some() {
            return;
        }
        match new.out.write_all(bytes) {
            Ok(()) => {
                new.entries.push(Entry {
                    rel: rel.to_owned(),
                    key,
                    offset: new.offset,
                    len: bytes.len() as u64,
                    sum: checksum(bytes),
                });
                new.offset += bytes.len() as u64;
            }
            Err(e) => new.failed = Some(e),
        }
    }

    /// A cached entry turned out damaged: the old cache cannot be trusted to stay, so if no new
    /// one is being written it is removed (the next load writes a whole new one).
    pub fn damaged(&mut self) {
        if self.new.is_none() {
            if let Some(path) = &self.report.path {
                let _ = std::fs::remove_file(path);
            }
            self.report.note = Some("a damaged entry was found; the cache was removed".into());
        }
    }

    /// Write the new cache's index and put it in place of the old one.
    pub fn finish(&mut self) {
        let Some(new) = self.new.take() else {
            return;
        };
        match new.finish(self.key) {
            Ok(size) => self.report.written = Some(size),
            Err(e) => self.report.note = Some(format!("not written: {e}")),
        }
    }
}

impl Old {
    /// The cache at `path` if it is ours, whole and for `key`; `Ok(None)` when there is none.
    fn open(path: &Path, key: u64) -> Result<Option<Old>, String> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot be read: {e}")),
        };
        let meta = file
            .metadata()
            .map_err(|e| format!("cannot be read: {e}"))?;
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return Err("belongs to another user; not used".into());
        }
        let len = meta.len();
        if len < TRAILER as u64 {
            return Err("damaged (too short); rebuilt".into());
        }
        let mut trailer = [0u8; TRAILER];
        file.read_exact_at(&mut trailer, len - TRAILER as u64)
            .map_err(|e| format!("cannot be read: {e}"))?;
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&trailer[i * 8..i * 8 + 8]);
            w
        };
        if &word(4) != MAGIC {
            return Err("not a cache of this version; rebuilt".into());
        }
        if u64::from_le_bytes(word(3)) != key {
            return Ok(None); // another build or configuration: silently replaced
        }
        let (at, size, sum) = (
            u64::from_le_bytes(word(0)),
            u64::from_le_bytes(word(1)),
            u64::from_le_bytes(word(2)),
        );
        if at.checked_add(size) != Some(len - TRAILER as u64) {
            return Err("damaged (index out of place); rebuilt".into());
        }
        let mut index = vec![0; usize::try_from(size).map_err(|_| "damaged; rebuilt")?];
        file.read_exact_at(&mut index, at)
            .map_err(|e| format!("cannot be read: {e}"))?;
        if checksum(&index) != sum {
            return Err("damaged (index checksum); rebuilt".into());
        }
        let list: Vec<Entry> =
            postcard::from_bytes(&index).map_err(|_| "damaged (index); rebuilt".to_owned())?;
        let mut entries = HashMap::with_capacity(list.len());
        for e in list {
            if e.offset.checked_add(e.len).is_none_or(|end| end > at) {
                return Err("damaged (entry out of place); rebuilt".into());
            }
            entries.insert(e.rel.clone(), e);
        }
        Ok(Some(Old {
            file: Arc::new(file),
            entries,
        }))
    }
}

impl New {
    fn create(dir: &Path, path: &Path) -> std::io::Result<New> {
        {
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        prune(dir);
        let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        Ok(New {
            out: BufWriter::with_capacity(1 << 20, file),
            tmp,
            path: path.to_path_buf(),
            offset: 0,
            entries: Vec::new(),
            failed: None,
        })
    }

    fn finish(mut self, key: u64) -> std::io::Result<u64> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let index = postcard::to_stdvec(&self.entries).map_err(std::io::Error::other)?;
        let mut trailer = Vec::with_capacity(TRAILER);
        for word in [self.offset, index.len() as u64, checksum(&index), key] {
            trailer.extend_from_slice(&word.to_le_bytes());
        }
        trailer.extend_from_slice(MAGIC);
        self.out.write_all(&index)?;
        self.out.write_all(&trailer)?;
        self.out.flush()?;
        std::fs::rename(&self.tmp, &self.path)?;
        Ok(self.offset + index.len() as u64 + TRAILER as u64)
    }
}

/// Mark a cache as used (its modification time), at most once a day, so that [`prune`] keeps it.
fn touch(path: &Path) {
    let Ok(file) = File::options().write(true).open(path) else {
        return;
    };
    let old = file
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok());
    if old.is_some_and(|age| age > Duration::from_secs(24 * 3600)) {
        let _ = file.set_modified(SystemTime::now());
    }
}

/// Which of gisa's own files a name in the cache folder is: a cache (`<16 hex>.cache`) or a
/// temporary one (`<16 hex>.tmp.<pid>`). Anything else there is not ours, and never touched
/// (`GISA_CACHE_DIR` may name a folder that other programs use too).
fn ours(name: &str) -> Option<Duration> {
    let (stem, rest) = name.split_at_checked(16)?;
    if !stem.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match rest.strip_prefix(".tmp.") {
        Some(pid) if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) => {
            Some(Duration::from_secs(24 * 3600))
        }
        _ => (rest == ".cache").then_some(UNUSED),
    }
}

/// Remove gisa's cache files unused for [`UNUSED`], and temporary files left by a load that was
/// killed more than a day ago.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(limit) = ours(&name.to_string_lossy()) else {
            continue;
        };
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if age.is_some_and(|a| a > limit) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
