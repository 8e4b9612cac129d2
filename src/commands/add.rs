//! `gisa add`: take articles into the archive, from files or a paste on standard input. For
//! each: what gisa understood of it (so a wrong date or outlet is seen before it is saved), a
//! duplicate check against the archive, and an atomic write under a name built from its date
//! and headline. See [`crate::intake`] for the parts.

use std::io::{Read, Write};
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};

use super::Failure;
use super::paste::{self, End};
use crate::config::Config;
use crate::intake::{self, Draft, Fields};
use crate::load::{self, ReadError};
use crate::sanitize;
use crate::store::Store;

/// What `gisa add` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Files to add; empty, or `-`, is standard input.
    pub files: Vec<PathBuf>,
    pub fields: Fields,
    pub force: bool,
    pub dry_run: bool,
}

/// Standard input, as `add` reads a paste from it.
pub struct Input<'a> {
    pub reader: &'a mut dyn Read,
    /// Standard input's file descriptor when it is a terminal: a person pastes or types there,
    /// and the paste is read without the terminal's line editing (see [`super::paste`]).
    pub terminal: Option<BorrowedFd<'a>>,
}

/// Add what `request` names to the archive of `config`; `load` gives the archive as it is (run
/// while a paste is being typed). Reports go to `out`, problems to `err`.
pub fn run(
    config: &Config,
    request: &Request,
    load: impl FnOnce() -> Result<Store, Failure> + Send,
    input: &mut Input<'_>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Failure> {
    let sources = sources(&request.files)?;
    if request.fields.headline.is_some() && sources.len() > 1 {
        return Err(Failure::new(
            "--headline names one article; add the files one at a time",
            2,
        ));
    }
    let limit = config.load.max_file_bytes();
    // The archive loads while the paste is typed: a large one is ready by the time it ends.
    let (store, texts) = std::thread::scope(|scope| {
        let loading = scope.spawn(load);
        let texts: Result<Vec<Taken>, Failure> = sources
            .iter()
            .map(|s| read_source(s, limit, input, err))
            .collect();
        let store = loading
            .join()
            .unwrap_or_else(|_| Err(Failure::new("loading the archive failed", 1)));
        (store, texts)
    });
    let texts = texts?;
    let mut store = store?;
    let mut refused = 0;
    for (label, bytes) in texts {
        let added =
            bytes.and_then(|bytes| add_one(config, request, &mut store, &label, bytes, out));
        if let Err(why) = added {
            refused += 1;
            writeln!(err, "gisa: not added: {label}: {why}")?;
        }
    }
    out.flush()?;
    if refused > 0 {
        return Err(Failure::new(String::new(), 1));
    }
    Ok(())
}

/// One input's name as shown, and its bytes or why they could not be read.
type Taken = (String, Result<Vec<u8>, String>);

/// Where one article comes from.
enum Origin {
    Stdin,
    File(PathBuf),
}

/// The inputs named: the files, with `-` (or no file at all) for standard input, which can be
/// read once.
fn sources(files: &[PathBuf]) -> Result<Vec<Origin>, Failure> {
    if files.is_empty() {
        return Ok(vec![Origin::Stdin]);
    }
    let stdin = files.iter().filter(|f| f.as_os_str() == "-").count();
    if stdin > 1 {
        return Err(Failure::new("standard input (-) can be read only once", 2));
    }
    Ok(files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                Origin::Stdin
            } else {
                Origin::File(f.clone())
            }
        })
        .collect())
}

/// The bytes of one input, with its name as shown; a problem reading it, as a sentence. A paste
/// cancelled with Ctrl-C cancels the whole command.
fn read_source(
    source: &Origin,
    limit: u64,
    input: &mut Input<'_>,
    err: &mut impl Write,
) -> Result<Taken, Failure> {
    match source {
        Origin::Stdin => {
            let label = "standard input".to_owned();
            let Some(fd) = input.terminal else {
                let read = load::read_capped(&mut *input.reader, limit, 0)
                    .map_err(|e| unreadable(e, limit));
                return Ok((label, read));
            };
            let prompt = "Paste the article, then press Ctrl-D (Ctrl-C cancels).";
            let keep = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
            match paste::read(fd, &mut *input.reader, err, prompt, keep) {
                Ok((_, End::Cancelled)) => Err(Failure::new("cancelled; nothing was added", 130)),
                Ok((bytes, End::Done)) => Ok((label, Ok(bytes))),
                Err(e) => Ok((label, Err(unreadable(ReadError::Io(e), limit)))),
            }
        }
        Origin::File(path) => {
            let label = sanitize::line(&path.display().to_string()).into_owned();
            Ok((
                label,
                load::read_file(path, limit).map_err(|e| unreadable(e, limit)),
            ))
        }
    }
}

/// Why an input could not be had, as a sentence. (Files are read as the load reads them: never
/// blocking on a FIFO, never more than the limit.)
fn unreadable(e: ReadError, limit: u64) -> String {
    match e {
        ReadError::Io(e) => format!("cannot be read: {}", load::io_message(&e)),
        ReadError::NotRegular(what) => format!("is {what}, not a file"),
        ReadError::TooLarge => intake::Refused::TooLarge {
            limit_mb: limit / (1024 * 1024),
        }
        .to_string(),
    }
}

/// Draft, show, check and save one input; the reason it was not added, as a sentence.
fn add_one(
    config: &Config,
    request: &Request,
    store: &mut Store,
    label: &str,
    bytes: Vec<u8>,
    out: &mut impl Write,
) -> Result<(), String> {
    let draft = intake::draft(
        bytes,
        &request.fields,
        &config.outlets,
        &config.lexicon,
        config.load.max_file_bytes(),
    )
    .map_err(|e| e.to_string())?;
    let io = |e: std::io::Error| format!("cannot write the report: {e}");
    show(label, &draft, store, out).map_err(io)?;
    let duplicate = intake::find_duplicate(store, &draft.article);
    if let Some(d) = &duplicate {
        let what = intake::describe(store, d);
        if !request.force {
            return Err(format!("{what}; --force adds it anyway"));
        }
        let anyway = if request.dry_run {
            "it would be added anyway (--force)"
        } else {
            "added anyway (--force)"
        };
        writeln!(out, "  {:<LABEL$} {what}; {anyway}", "note").map_err(io)?;
    }
    let name = intake::file_name(&draft.article);
    let dir = &config.articles;
    if request.dry_run {
        let free = intake::free_name(dir, &name).unwrap_or(name);
        writeln!(
            out,
            "would be saved as {} (--dry-run: nothing written)\n",
            shown_path(&dir.join(free))
        )
        .map_err(io)?;
        return Ok(());
    }
    let path = intake::save(dir, &name, draft.text.as_bytes()).map_err(|e| {
        format!(
            "cannot write into the articles folder {}: {}",
            shown_path(dir),
            load::io_message(&e)
        )
    })?;
    writeln!(out, "added as {}\n", shown_path(&path)).map_err(io)?;
    // The next input of this run is checked against this one too.
    let mut article = draft.article;
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or(name);
    file.strip_suffix(".txt")
        .unwrap_or(&file)
        .clone_into(&mut article.id);
    article.file = file;
    if !store.has_id(&article.id) {
        store.add(vec![article], Vec::new());
    }
    Ok(())
}

fn shown_path(path: &Path) -> String {
    sanitize::line(&path.display().to_string()).into_owned()
}

/// Width of the labels of the report, `organisations` the longest.
const LABEL: usize = 13;

/// What gisa understood of a draft, field by field, saying which were given.
fn show(label: &str, draft: &Draft, store: &Store, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{label}:")?;
    let how = [
        "give it with --headline TEXT",
        "give it with --outlet NAME",
        "give it with --date 2019-11-23",
    ];
    for (name, value) in intake::understood(draft, &store.lexicon().topics, how) {
        writeln!(out, "  {name:<LABEL$} {value}")?;
    }
    Ok(())
}
