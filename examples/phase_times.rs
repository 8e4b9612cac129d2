//! Where a first start's CPU goes, on one thread and without the cache:
//! `cargo run --release --example phase_times -- FOLDER`. Over every `.txt` file of FOLDER it
//! times each of the extractor's line checks run over every line, the whole extraction, and each
//! part of the analysis (tokenizing, name discovery, the gazetteer, the entities, topics, time
//! references). Files are read as plain UTF-8 text for the line checks and the extraction (no
//! front matter, sidecar or other encoding, as the loader would handle); the analysis runs on
//! the articles as the loader made them. The README's Performance section quotes it. Not part
//! of gisa.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gisa::config::Config;
use gisa::entities::{self, discover, tokens::tokenize};
use gisa::extract::outlet::OutletAliases;
use gisa::extract::{date, dateline, furniture, paragraphs};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: phase_times FOLDER")?;
    let config = Config::load(None)?;
    let mut texts = Vec::new();
    for path in txt_files(&dir)? {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        texts.push(gisa::sanitize::text(&text).into_owned());
    }
    println!("{} files", texts.len());
    line_checks(&texts, &config.outlets);
    extraction(&texts, &config.outlets);
    analysis(&dir, &config)
}

/// A check of one line, by name.
type Check<'a> = (&'static str, &'a dyn Fn(&str) -> bool);

fn line_checks(texts: &[String], outlets: &OutletAliases) {
    let lines: Vec<String> = texts
        .iter()
        .flat_map(|t| paragraphs::lines(t).into_iter().map(|l| l.text))
        .collect();
    println!("\nEach line check over all {} lines:", lines.len());
    let caption = |l: &str| furniture::is_caption(l, |n| outlets.is_known(n));
    let syndication = |l: &str| dateline::syndication_line(l, |n| outlets.is_known(n)).is_some();
    let checks: [Check<'_>; 10] = [
        ("related header", &furniture::is_related_header),
        ("furniture", &furniture::is_furniture),
        ("teaser", &furniture::is_teaser),
        ("copyright", &|l| date::copyright(l).is_some()),
        ("date line", &|l| date::date_line(l).is_some()),
        ("credit", &furniture::is_credit),
        ("caption", &caption),
        ("syndication", &syndication),
        ("outlet name", &|l| outlets.is_known(l)),
        ("section label", &furniture::is_section_label),
    ];
    let mut all = Duration::ZERO;
    for (name, check) in checks {
        let start = Instant::now();
        let hits = lines.iter().filter(|l| check(l)).count();
        let took = start.elapsed();
        all += took;
        println!("  {name:<16} {:>8.1} ms  ({hits} lines)", ms(took));
    }
    println!("  {:<16} {:>8.1} ms", "all of them", ms(all));
}

fn extraction(texts: &[String], outlets: &OutletAliases) {
    let start = Instant::now();
    for t in texts {
        std::hint::black_box(gisa::extract::extract(t, outlets));
    }
    let took = start.elapsed();
    println!(
        "\nExtraction: {:.1} ms, {:.0} µs an article",
        ms(took),
        per_item(took, texts.len())
    );
}

/// Each part of the analysis of every article as the load made it (its body, dateline and
/// credits), and the whole analysis timed on its own.
fn analysis(dir: &Path, config: &Config) -> Result<(), Box<dyn Error>> {
    let lexicon = &config.lexicon;
    let store = gisa::load::load_dir(dir, &config.outlets, lexicon)?;
    let articles = store.whole_articles()?;
    let mut times = [Duration::ZERO; 7];
    for a in &articles {
        let mut lap = Instant::now();
        let mut mark = |i: usize| {
            times[i] += lap.elapsed();
            lap = Instant::now();
        };
        let toks: Vec<Vec<_>> = a.body.iter().map(|p| tokenize(p)).collect();
        mark(0);
        for (p, t) in a.body.iter().zip(&toks) {
            std::hint::black_box(discover::discover(p, t, &lexicon.gazetteer));
        }
        mark(1);
        for p in &a.body {
            std::hint::black_box(lexicon.gazetteer.find(p));
        }
        mark(2);
        let context = entities::Context {
            dateline: a.dateline.get().map(String::as_str),
            credits: &a.credits,
            byline: a.byline.as_deref(),
        };
        let found = entities::find_in_tokens(&a.body, &toks, context, &lexicon.gazetteer);
        std::hint::black_box(found);
        mark(3);
        let headline = a.headline.get().map(String::as_str);
        std::hint::black_box(lexicon.topics.find(headline, &a.body));
        mark(4);
        let date = a.date.get().copied();
        std::hint::black_box(gisa::timeref::find_in_tokens(
            headline, &a.body, &toks, date,
        ));
        mark(5);
        let mut whole = a.clone();
        let start = Instant::now();
        lexicon.analyze(&mut whole);
        times[6] += start.elapsed();
    }
    println!("\nAnalysis of {} articles, µs an article:", articles.len());
    let names = [
        "tokenizing",
        "name discovery (part of the entities)",
        "the gazetteer's automaton (part of the entities)",
        "the entities, all",
        "topics",
        "time references",
        "the whole analysis, timed on its own",
    ];
    for (name, d) in names.iter().zip(times) {
        println!("  {:>6.0}  {name}", per_item(d, articles.len()));
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Microseconds per item of `d` spent on `n` items.
fn per_item(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e6 / f64::from(u32::try_from(n.max(1)).unwrap_or(u32::MAX))
}

/// The `.txt` files under `dir`, in name order.
fn txt_files(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        if path.is_dir() {
            out.extend(txt_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(out)
}
