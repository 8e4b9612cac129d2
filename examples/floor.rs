//! What any load of a folder costs before gisa does its own work, on all cores:
//! `cargo run --release --example floor -- FOLDER [ROUNDS]`. Over every `.txt` file under FOLDER,
//! in parallel as the loader reads them, it times three ever longer passes:
//!
//! - `read`: read each file and check that it is UTF-8;
//! - `tokenize`: and split its text into words once, with gisa's tokenizer;
//! - `one lookup a word`: and put each word, in lowercase, into a hash set of the file's words
//!   (the least that a word index, or any word list asked about each word, costs).
//!
//! It prints the median wall time of each over ROUNDS rounds (3 unless told). Compare them with
//! `find FOLDER -name '*.txt' -print0 | xargs -0 cat | wc -w` run alternately with it, as the
//! README's Performance section does: what is left between the last pass and twice that
//! reference is what extraction, entities, time references, topics and every index may take.
//! Not part of gisa.

use std::borrow::Cow;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use foldhash::{HashSet, HashSetExt};
use rayon::prelude::*;

use gisa::entities::tokens::tokenize;

#[derive(Clone, Copy)]
enum Pass {
    Read,
    Tokenize,
    Lookup,
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let dir = args
        .next()
        .map(PathBuf::from)
        .ok_or("usage: floor FOLDER [ROUNDS]")?;
    let rounds: usize = match args.next() {
        Some(r) => r
            .to_str()
            .and_then(|r| r.parse().ok())
            .ok_or("ROUNDS: a number")?,
        None => 3,
    };
    let files = txt_files(&dir)?;
    println!(
        "{} files, {} threads",
        files.len(),
        rayon::current_num_threads()
    );
    for (name, pass) in [
        ("read", Pass::Read),
        ("tokenize", Pass::Tokenize),
        ("one lookup a word", Pass::Lookup),
    ] {
        let mut times = Vec::with_capacity(rounds);
        let mut count = 0;
        for _ in 0..rounds.max(1) {
            let start = Instant::now();
            count = files
                .par_iter()
                .map(|p| run(p, pass))
                .try_reduce(|| 0, |a, b| Ok(a + b))?;
            times.push(start.elapsed());
        }
        times.sort();
        let median = times[times.len() / 2];
        let all: Vec<String> = times.iter().map(|t| format!("{:.2}", secs(*t))).collect();
        println!(
            "  {name:<18} {:>6.2} s  (median; rounds: {}; {count} {})",
            secs(median),
            all.join(", "),
            match pass {
                Pass::Read => "bytes",
                Pass::Tokenize => "words",
                Pass::Lookup => "distinct words, summed over files",
            }
        );
    }
    Ok(())
}

/// One file through `pass`: what it counted.
fn run(path: &Path, pass: Pass) -> Result<usize, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let tokens = match pass {
        Pass::Read => return Ok(text.len()),
        Pass::Tokenize => return Ok(tokenize(text).len()),
        Pass::Lookup => tokenize(text),
    };
    let mut words: HashSet<Cow<'_, str>> = HashSet::with_capacity(tokens.len());
    for t in &tokens {
        words.insert(t.lower());
    }
    Ok(words.len())
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The `.txt` files under `dir`.
fn txt_files(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(txt_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(out)
}
