//! Read state and bookmarks: which articles of one articles folder were read or bookmarked, kept
//! in the user's state directory (XDG) as a small TOML file per folder. Plain data plus
//! `load`/`save`; no terminal, no Store. A bad state file is reported and set aside, never fatal.
//!
//! How the reader uses it:
//! ```no_run
//! # use std::path::Path;
//! # let articles = Path::new("articles");
//! let env = |k: &str| std::env::var_os(k);
//! if let Some(path) = gisa::marks::state_path(articles, &env) {
//!     let (mut marks, warning) = gisa::marks::load(&path);
//!     if let Some(w) = warning {
//!         eprintln!("{w}"); // the reader shows it in the status bar instead
//!     }
//!     marks.set_folder(&gisa::marks::canonical_folder(articles));
//!     marks.set_read("003_7b60cf7055b81dea", true);
//!     if let Err(e) = marks.save_if_dirty(&path) {
//!         eprintln!("{e}");
//!     }
//! }
//! ```

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fmt::{self, Write as _};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;

/// The version written into every marks file; a file of another version is set aside.
pub const FILE_VERSION: u32 = 1;

/// A marks file larger than this is not read (it is set aside as corrupt).
const MAX_FILE_BYTES: u64 = 64 << 20;

/// Written at the top of every marks file, for whoever opens it.
const HEADER: &str = "# gisa: read articles and bookmarks for one articles folder.\n\
                      # Written by gisa; edit it only while gisa is not running.\n\n";

/// The read and bookmarked articles of one folder, by article id, plus whether anything changed
/// since it was loaded or saved. Ids the store does not know are kept: the same folder may
/// have held more articles on another run.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    folder: Option<String>,
    read: BTreeSet<String>,
    bookmarks: BTreeSet<String>,
    dirty: bool,
}

impl Marks {
    /// No marks.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record which articles folder these marks belong to (written into the file, for people
    /// reading it). Does not make the marks dirty.
    pub fn set_folder(&mut self, folder: &Path) {
        self.folder = Some(folder.to_string_lossy().into_owned());
    }

    /// The articles folder the file says these marks belong to, when it says so.
    pub fn folder(&self) -> Option<&str> {
        self.folder.as_deref()
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    /// Mark an article read or unread. Returns whether that changed anything.
    pub fn set_read(&mut self, id: &str, read: bool) -> bool {
        let changed = set(&mut self.read, id, read);
        self.dirty |= changed;
        changed
    }

    /// Flip read/unread (`u` in the reader). Returns the new state: `true` = read.
    pub fn toggle_read(&mut self, id: &str) -> bool {
        let read = !self.is_read(id);
        self.set_read(id, read);
        read
    }

    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarks.contains(id)
    }

    /// Bookmark an article or drop its bookmark. Returns whether that changed anything.
    pub fn set_bookmarked(&mut self, id: &str, bookmarked: bool) -> bool {
        let changed = set(&mut self.bookmarks, id, bookmarked);
        self.dirty |= changed;
        changed
    }

    /// Flip the bookmark (`m` in the reader). Returns the new state: `true` = bookmarked.
    pub fn toggle_bookmark(&mut self, id: &str) -> bool {
        let bookmarked = !self.is_bookmarked(id);
        self.set_bookmarked(id, bookmarked);
        bookmarked
    }

    /// The read article ids, sorted.
    pub fn read_ids(&self) -> impl Iterator<Item = &str> {
        self.read.iter().map(String::as_str)
    }

    /// The bookmarked article ids, sorted.
    pub fn bookmarked_ids(&self) -> impl Iterator<Item = &str> {
        self.bookmarks.iter().map(String::as_str)
    }

    /// True when something changed since the marks were loaded or last saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Forget that something changed (after a successful [`save`]).
    pub fn mark_clean(&mut self) {
        self.dirty = false;
    }

    /// [`save`] when dirty, then mark clean. Returns whether it wrote the file.
    pub fn save_if_dirty(&mut self, path: &Path) -> Result<bool, SaveError> {
        if !self.dirty {
            return Ok(false);
        }
        save(path, self)?;
        self.dirty = false;
        Ok(true)
    }
}

fn set(ids: &mut BTreeSet<String>, id: &str, present: bool) -> bool {
    if present {
        !ids.contains(id) && ids.insert(id.to_owned())
    } else {
        ids.remove(id)
    }
}

/// The file as read. Unknown keys are an error, so a typo in a hand edit sets the file aside
/// instead of losing the misspelled list on the next save.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarksFile {
    version: u32,
    #[serde(default)]
    folder: Option<String>,
    #[serde(default)]
    read: Vec<String>,
    #[serde(default)]
    bookmarks: Vec<String>,
}

/// `$XDG_STATE_HOME/gisa`, else `$HOME/.local/state/gisa`; `None` when neither is usable.
/// A relative or empty `XDG_STATE_HOME` is ignored, as the XDG spec says.
pub fn state_dir(env: &impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let absolute = |key: &str| {
        env(key)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute("XDG_STATE_HOME")
        .or_else(|| absolute("HOME").map(|h| h.join(".local").join("state")))
        .map(|d| d.join("gisa"))
}

/// The folder as marks know it: canonical (symlinks and `..` resolved) when it exists, else
/// made absolute, else as given.
pub fn canonical_folder(articles_dir: &Path) -> PathBuf {
    fs::canonicalize(articles_dir)
        .or_else(|_| std::path::absolute(articles_dir))
        .unwrap_or_else(|_| articles_dir.to_path_buf())
}

/// The marks file for an articles folder: `<state dir>/marks/<name>-<hash>.toml`, where `name`
/// is the folder's last component (letters, digits, `-`, `_`; at most 32) and `hash` a stable
/// 64-bit FNV-1a of its canonical path, so each folder has its own file and two folders with
/// the same name do not share one. `env` reads the environment (tests pass their own).
pub fn state_path(articles_dir: &Path, env: &impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let dir = state_dir(env)?;
    Some(
        dir.join("marks")
            .join(file_name(&canonical_folder(articles_dir))),
    )
}

fn file_name(folder: &Path) -> String {
    let name: String = folder
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(32)
        .collect();
    let name = if name.is_empty() { "articles" } else { &name };
    format!(
        "{name}-{:016x}.toml",
        fnv1a(folder.as_os_str().as_encoded_bytes())
    )
}

/// FNV-1a, 64 bits. Written out because std's hashers may change between Rust releases, and a
/// changed hash would lose everyone's marks.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Why a marks file was not used. Shown as one line; the marks start empty.
#[derive(Debug)]
pub struct LoadWarning {
    /// The marks file.
    pub path: PathBuf,
    /// What is wrong, with `line:column:` first when the parser gave a place.
    pub problem: String,
    /// Where the bad file was moved, or what became of it instead (a clause for the message).
    pub set_aside: Result<PathBuf, String>,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let aside = match &self.set_aside {
            Ok(to) => format!(
                "set aside as '{}'",
                to.file_name().unwrap_or_default().to_string_lossy()
            ),
            Err(why) => why.clone(),
        };
        let text = format!(
            "marks file '{}': {}; {aside}; starting with no marks",
            self.path.display(),
            self.problem
        );
        f.write_str(&crate::sanitize::line(&text))
    }
}

/// Read a marks file. A missing file gives empty marks and no warning. An unreadable or
/// corrupt one gives empty marks and a warning, and is renamed aside
/// (`<name>.corrupt-<unix seconds>`), never deleted. Something that is not a regular file (a
/// folder, a FIFO) is reported and left alone: only a file gisa could have written is ever
/// moved. Never fails, never panics.
pub fn load(path: &Path) -> (Marks, Option<LoadWarning>) {
    let warning = |problem: String, set_aside| {
        let w = LoadWarning {
            path: path.to_path_buf(),
            problem,
            set_aside,
        };
        (Marks::new(), Some(w))
    };
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (Marks::new(), None),
        Err(e) => {
            let left = "left in place".to_owned();
            return warning(format!("cannot read it: {e}"), Err(left));
        }
        Ok(m) if !m.is_file() => {
            let left = "left in place, so marks cannot be saved until it is moved".to_owned();
            return warning("is not a regular file".to_owned(), Err(left));
        }
        Ok(_) => {}
    }
    let problem = match read(path) {
        Ok(None) => return (Marks::new(), None),
        Ok(Some(text)) => match parse(&text) {
            Ok(marks) => return (marks, None),
            Err(problem) => problem,
        },
        Err(e) => format!("cannot read it: {e}"),
    };
    let set_aside = set_aside(path)
        .map_err(|e| format!("could not set it aside ({e}); the next save replaces it"));
    warning(problem, set_aside)
}

/// The file's text; `None` when there is no file (it went away since `load` looked). Too large
/// or not UTF-8 is an error.
fn read(path: &Path) -> io::Result<Option<String>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::other(format!(
            "larger than {} MiB",
            MAX_FILE_BYTES >> 20
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| io::Error::other(format!("not UTF-8 text ({})", e.utf8_error())))
}

fn parse(text: &str) -> Result<Marks, String> {
    let file: MarksFile = toml::from_str(text).map_err(|e| {
        let message = e.message().trim();
        match e.span() {
            Some(span) => {
                let (line, column) = crate::config::line_column(text, span.start);
                format!("{line}:{column}: {message}")
            }
            None => message.to_owned(),
        }
    })?;
    if file.version != FILE_VERSION {
        return Err(format!(
            "version {} is not one this gisa reads (it reads {FILE_VERSION})",
            file.version
        ));
    }
    Ok(Marks {
        folder: file.folder,
        read: file.read.into_iter().collect(),
        bookmarks: file.bookmarks.into_iter().collect(),
        dirty: false,
    })
}

/// Rename a bad file to `<name>.corrupt-<unix seconds>` (`-2`, `-3`... when taken).
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".corrupt-{secs}"));
    let first = path.with_file_name(&name);
    let mut to = first.clone();
    let mut n = 1;
    while fs::symlink_metadata(&to).is_ok() {
        n += 1;
        if n > 100 {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("'{}' and 99 more names are taken", first.display()),
            ));
        }
        let mut numbered = name.clone();
        numbered.push(format!("-{n}"));
        to = path.with_file_name(numbered);
    }
    fs::rename(path, &to)?;
    Ok(to)
}

/// A marks file that could not be written. The old file, if any, is unchanged.
#[derive(Debug)]
pub struct SaveError {
    /// The marks file.
    pub path: PathBuf,
    /// The step that failed: "create the folder", "write a temporary file", ...
    pub step: &'static str,
    pub error: io::Error,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!(
            "cannot save marks to '{}': cannot {}: {}",
            self.path.display(),
            self.step,
            self.error
        );
        f.write_str(&crate::sanitize::line(&text))
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Write the marks atomically: create the folder (mode 0700 on Unix), write a temporary file
/// beside the target (unique per process and call), fsync it, rename it over the target, fsync
/// the folder. Readers see the old file or the new one, never half of one.
pub fn save(path: &Path, marks: &Marks) -> Result<(), SaveError> {
    let fail = |step: &'static str| {
        move |error: io::Error| SaveError {
            path: path.to_path_buf(),
            step,
            error,
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_private_dir(dir).map_err(fail("create the folder"))?;
    let text = to_text(marks);
    let (temp, mut file) = create_temp(dir, path).map_err(fail("create a temporary file"))?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(fail("write a temporary file"))
        .and_then(|()| {
            drop(file);
            fs::rename(&temp, path).map_err(fail("rename the temporary file over it"))
        });
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    sync_dir(dir);
    Ok(())
}

/// The file's text. Written by hand rather than by `toml::to_string`: TOML lets C1 controls
/// and bidi overrides stand raw in a string, and ids come from file names, so anything a
/// terminal might act on is escaped and the file stays safe to `cat`. `load` parses it with
/// the toml crate, so the two cannot drift without the round-trip tests failing.
fn to_text(marks: &Marks) -> String {
    let mut out = String::from(HEADER);
    let _ = writeln!(out, "version = {FILE_VERSION}");
    if let Some(folder) = &marks.folder {
        let _ = writeln!(out, "folder = {}", toml_string(folder));
    }
    for (key, ids) in [("read", &marks.read), ("bookmarks", &marks.bookmarks)] {
        out.push_str(key);
        out.push_str(" = [");
        for id in ids {
            out.push_str("\n    ");
            out.push_str(&toml_string(id));
            out.push(',');
        }
        out.push_str(if ids.is_empty() { "]\n" } else { "\n]\n" });
    }
    out
}

/// A TOML basic string: `"..."` with quotes, backslashes, control characters and invisible or
/// direction-changing format characters escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{061C}'
                        | '\u{200B}'..='\u{200F}'
                        | '\u{2028}'..='\u{202E}'
                        | '\u{2060}'..='\u{206F}'
                        | '\u{FEFF}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// A new file `.<name>.<pid>.<n>.tmp` in `dir`, created exclusively so two writers (threads or
/// processes) never share one.
fn create_temp(dir: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            // Left behind by a crashed run with our pid: take the next number.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Make the rename durable. Best effort: some filesystems refuse to sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + use<> {
        let map: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn sample() -> Marks {
        let mut m = Marks::new();
        m.set_read("003_7b60cf7055b81dea", true);
        m.set_read("2019/summit", true);
        m.toggle_bookmark("2019/summit");
        m.set_folder(Path::new("/srv/news/articles"));
        m
    }

    fn ids(it: impl Iterator<Item = impl Into<String>>) -> Vec<String> {
        it.map(Into::into).collect()
    }

    #[test]
    fn toggles_change_state_and_dirty() {
        let mut m = Marks::new();
        assert!(!m.is_dirty());
        assert!(!m.is_read("a"));
        assert!(m.set_read("a", true));
        assert!(m.is_read("a") && m.is_dirty());
        m.mark_clean();
        assert!(!m.set_read("a", true), "already read: no change");
        assert!(!m.is_dirty());
        assert!(!m.toggle_read("a"));
        assert!(!m.is_read("a") && m.is_dirty());
        assert!(m.toggle_read("a"));
        m.mark_clean();
        assert!(m.toggle_bookmark("b"));
        assert!(m.is_bookmarked("b") && !m.is_read("b") && m.is_dirty());
        assert!(!m.toggle_bookmark("b"));
        assert!(!m.is_bookmarked("b"));
        m.mark_clean();
        assert!(!m.set_bookmarked("b", false));
        assert!(!m.is_dirty());
        m.set_folder(Path::new("/x"));
        assert!(!m.is_dirty(), "the folder is not a change to save");
        assert_eq!(ids(m.read_ids()), ["a"]);
    }

    #[test]
    fn state_dir_follows_xdg_then_home() {
        let env = env_of(&[("XDG_STATE_HOME", "/xdg/state"), ("HOME", "/home/u")]);
        assert_eq!(state_dir(&env), Some(PathBuf::from("/xdg/state/gisa")));
        let env = env_of(&[("HOME", "/home/u")]);
        assert_eq!(
            state_dir(&env),
            Some(PathBuf::from("/home/u/.local/state/gisa"))
        );
        // The XDG spec: relative or empty values are ignored.
        for xdg in ["", "relative/state"] {
            let env = env_of(&[("XDG_STATE_HOME", xdg), ("HOME", "/home/u")]);
            assert_eq!(
                state_dir(&env),
                Some(PathBuf::from("/home/u/.local/state/gisa")),
                "{xdg:?}"
            );
        }
        assert_eq!(state_dir(&env_of(&[])), None);
        assert_eq!(state_dir(&env_of(&[("HOME", "")])), None);
    }

    #[test]
    fn each_folder_has_its_own_stable_file() {
        let root = tempfile::tempdir().unwrap();
        let one = root.path().join("articles");
        let other = root.path().join("elsewhere").join("articles");
        fs::create_dir_all(&one).unwrap();
        fs::create_dir_all(&other).unwrap();
        let env = env_of(&[("XDG_STATE_HOME", "/state")]);
        let p1 = state_path(&one, &env).unwrap();
        let p2 = state_path(&other, &env).unwrap();
        assert_ne!(p1, p2, "same folder name, different folders");
        assert_eq!(p1.parent(), Some(Path::new("/state/gisa/marks")));
        let name = p1.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("articles-") && Path::new(name).extension() == Some("toml".as_ref()),
            "{name}"
        );
        // Another spelling of the same folder is the same file.
        let spelled = root.path().join("elsewhere").join("..").join("articles");
        assert_eq!(state_path(&spelled, &env), Some(p1.clone()));
        #[cfg(unix)]
        {
            let link = root.path().join("link");
            std::os::unix::fs::symlink(&one, &link).unwrap();
            assert_eq!(state_path(&link, &env), Some(p1));
        }
        // The hash must never change between builds: known FNV-1a vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(
            file_name(Path::new("/srv/News Archive!")),
            format!("NewsArchive-{:016x}.toml", fnv1a(b"/srv/News Archive!"))
        );
        assert!(file_name(Path::new("/")).starts_with("articles-"));
        assert_eq!(state_path(&one, &env_of(&[])), None);
    }

    #[test]
    fn marks_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("marks").join("a.toml");
        let mut m = sample();
        assert!(m.save_if_dirty(&path).unwrap());
        assert!(!m.is_dirty());
        assert!(!m.save_if_dirty(&path).unwrap(), "clean: nothing written");
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# gisa"), "{text}");
        assert!(text.contains("version = 1"), "{text}");
        assert!(text.contains("\"2019/summit\""), "{text}");
        let (back, warning) = load(&path);
        assert!(warning.is_none(), "{warning:?}");
        assert!(!back.is_dirty());
        assert_eq!(back.folder(), Some("/srv/news/articles"));
        assert_eq!(
            ids(back.read_ids()),
            ["003_7b60cf7055b81dea", "2019/summit"]
        );
        assert_eq!(ids(back.bookmarked_ids()), ["2019/summit"]);
        // Saving again replaces the file and leaves no temporary file behind.
        let mut back = back;
        back.toggle_read("2019/summit");
        save(&path, &back).unwrap();
        assert_eq!(ids(load(&path).0.read_ids()), ["003_7b60cf7055b81dea"]);
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [OsString::from("a.toml")]);
    }

    #[cfg(unix)]
    #[test]
    fn the_created_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gisa").join("marks").join("a.toml");
        save(&path, &sample()).unwrap();
        for d in [dir.path().join("gisa"), dir.path().join("gisa/marks")] {
            let mode = fs::metadata(&d).unwrap().permissions().mode() & 0o777;
            // The umask can only take bits away.
            assert_eq!(mode & !0o700, 0, "{}: {mode:o}", d.display());
        }
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & !0o600, 0, "{mode:o}");
    }

    #[test]
    fn a_missing_file_is_no_marks_and_no_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (m, warning) = load(&dir.path().join("nope").join("a.toml"));
        assert!(warning.is_none());
        assert_eq!(m.read_ids().count() + m.bookmarked_ids().count(), 0);
    }

    #[test]
    fn a_corrupt_file_is_reported_and_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let broken = "version = 1\nread = [\"x\",\n  oops\n";
        fs::write(&path, broken).unwrap();
        let (m, warning) = load(&path);
        let w = warning.expect("a warning");
        assert_eq!(m.read_ids().count(), 0);
        assert!(
            w.problem.starts_with("3:7: unclosed array"),
            "{}",
            w.problem
        );
        let aside = w.set_aside.as_ref().unwrap();
        let aside_name = aside.file_name().unwrap().to_str().unwrap();
        assert!(aside_name.starts_with("a.toml.corrupt-"), "{aside_name}");
        assert!(
            aside_name["a.toml.corrupt-".len()..]
                .bytes()
                .all(|b| b.is_ascii_digit())
        );
        assert_eq!(fs::read_to_string(aside).unwrap(), broken, "kept as it was");
        assert!(!path.exists());
        let msg = w.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(msg.contains(": 3:7: ") && msg.contains(aside_name), "{msg}");
        assert!(!msg.contains('\n'), "one line: {msg}");
        // A second bad file in the same second does not replace the first one set aside.
        fs::write(&path, "read = 5").unwrap();
        let (_, w2) = load(&path);
        let aside2 = w2.unwrap().set_aside.unwrap();
        assert_ne!(&aside2, aside);
        assert!(aside.exists() && aside2.exists());
        // The next save starts a fresh file.
        save(&path, &sample()).unwrap();
        assert!(load(&path).1.is_none());
    }

    #[test]
    fn every_kind_of_bad_file_is_a_warning_not_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], &str); 5] = [
            ("utf8", b"version = 1\nread = [\"\xff\"]\n", "not UTF-8"),
            ("version", b"version = 7\n", "version 7"),
            ("noversion", b"read = [\"a\"]\n", "version"),
            ("typo", b"version = 1\nbookmark = [\"a\"]\n", "2:1: "),
            ("type", b"version = 1\nread = \"a\"\n", "2:8: "),
        ];
        for (name, bytes, expect) in cases {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            let (m, w) = load(&path);
            let w = w.unwrap_or_else(|| panic!("{name}: no warning"));
            assert!(w.problem.contains(expect), "{name}: {}", w.problem);
            assert!(w.set_aside.is_ok(), "{name}");
            assert_eq!(m.read_ids().count(), 0);
        }
        // A folder where the file should be: reported and never moved (only files gisa could
        // have written are set aside), and a later save fails instead of replacing it.
        let path = dir.path().join("dir.toml");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep"), "x").unwrap();
        let (_, w) = load(&path);
        let w = w.unwrap();
        assert_eq!(w.problem, "is not a regular file");
        assert!(w.set_aside.is_err());
        assert!(w.to_string().contains("left in place"), "{w}");
        assert!(path.join("keep").is_file(), "the folder is untouched");
        assert!(save(&path, &sample()).is_err());
        assert!(path.join("keep").is_file());
        #[cfg(unix)]
        {
            // A FIFO is not opened (opening one would block until a writer comes).
            let fifo = dir.path().join("fifo.toml");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let (_, w) = load(&fifo);
                assert_eq!(w.unwrap().problem, "is not a regular file");
                assert!(fs::symlink_metadata(&fifo).is_ok(), "left in place");
            }
        }
    }

    #[test]
    fn an_unwritable_place_is_an_error_with_the_path() {
        // A regular file as the parent folder fails for every user, root included (a chmod
        // 0555 folder would not stop root, and CI runs as root).
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("blocker");
        fs::write(&blocker, "not a folder").unwrap();
        let path = blocker.join("marks").join("a.toml");
        let e = save(&path, &sample()).unwrap_err();
        assert_eq!(e.step, "create the folder");
        let msg = e.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(std::error::Error::source(&e).is_some());
        let mut m = sample();
        assert!(m.save_if_dirty(&path).is_err());
        assert!(m.is_dirty(), "still to be saved after a failure");
        // A folder where the file should be: the rename fails, the temporary file is removed.
        let path = dir.path().join("taken");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "x").unwrap();
        let e = save(&path, &sample()).unwrap_err();
        assert_eq!(e.step, "rename the temporary file over it");
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn concurrent_saves_never_share_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::thread::scope(|s| {
            for t in 0..8 {
                let path = &path;
                s.spawn(move || {
                    for i in 0..25 {
                        let mut m = Marks::new();
                        m.set_read(&format!("t{t}"), true);
                        m.set_read(&format!("i{i}"), true);
                        save(path, &m).unwrap();
                    }
                });
            }
        });
        let (m, w) = load(&path);
        assert!(w.is_none(), "{w:?}");
        assert_eq!(m.read_ids().count(), 2, "one whole writer's file");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [OsString::from("a.toml")]);
    }

    #[test]
    fn hostile_ids_round_trip_exactly() {
        let long = "x".repeat(100_000);
        let hostile = [
            "line\nbreak",
            "cr\rlf\r\n",
            "quote\"s and 'single' and '''",
            "back\\slash \\u0041",
            "nul\0bel\x07esc\x1b[31mdel\x7f",
            "c1\u{85}\u{9b}\u{9d}",
            "sep\u{2028}\u{2029}bidi\u{202E}bom\u{FEFF}",
            "]]\n[read]\nversion = 2",
            "# not a comment",
            "",
            " ",
            "日本 한국 🇰🇷",
            &long,
        ];
        let mut m = Marks::new();
        for id in hostile {
            m.set_read(id, true);
            m.toggle_bookmark(id);
        }
        m.set_folder(Path::new("/srv/\"odd\"\nfolder"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        save(&path, &m).unwrap();
        let (back, w) = load(&path);
        assert!(w.is_none(), "{w:?}");
        let mut expected: Vec<String> = hostile.iter().map(|s| (*s).to_owned()).collect();
        expected.sort();
        assert_eq!(ids(back.read_ids()), expected);
        assert_eq!(ids(back.bookmarked_ids()), expected);
        assert_eq!(back.folder(), Some("/srv/\"odd\"\nfolder"));
        for id in hostile {
            assert!(back.is_read(id) && back.is_bookmarked(id));
        }
        // No raw control characters reach the file (it stays readable in a terminal).
        let text = fs::read_to_string(&path).unwrap();
        let raw: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(
            raw.is_empty(),
            "raw control characters in the file: {raw:?}"
        );
        assert!(!text.contains('\u{202E}') && !text.contains('\u{FEFF}'));
        assert!(
            text.contains(r#""c1\u0085\u009B\u009D""#),
            "{}",
            text.chars().take(2000).collect::<String>()
        );
    }
}
