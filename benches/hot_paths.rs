//! The hot paths of issue 7, measured with divan (medians are what to quote):
//! extraction and analysis of one article, loading a folder, filtering, related stories,
//! opening an article and drawing a frame of the reader at 120x40.
//!
//! `cargo bench --bench hot_paths` runs them on 2,000 copies of the five seed articles, made in
//! a temporary folder. `GISA_BENCH_CORPUS=DIR` runs them on a folder of your own instead, such
//! as one written by `cargo run --release --example gencorpus -- DIR`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use gisa::config::Config;
use gisa::query::Filter;
use gisa::store::Store;
use gisa::tui::action::Action;
use gisa::tui::state::AppState;
use gisa::tui::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn main() {
    divan::main();
}

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
const COPIES: usize = 400;

/// The folder the store benches load, and the temporary folder behind it (kept alive).
static CORPUS: LazyLock<(PathBuf, Option<tempfile::TempDir>)> = LazyLock::new(|| {
    if let Some(dir) = std::env::var_os("GISA_BENCH_CORPUS") {
        return (PathBuf::from(dir), None);
    }
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seed_texts();
    for copy in 0..COPIES {
        let dir = tmp.path().join(format!("{:03}", copy / 100));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &seeds {
            // A different first line per copy, so headlines and ids are not all equal.
            std::fs::write(
                dir.join(format!("{copy}-{name}")),
                format!("{text}\nCopy {copy}.\n"),
            )
            .unwrap();
        }
    }
    (tmp.path().to_path_buf(), Some(tmp))
});

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let mut config = Config::load(None).unwrap();
    config.articles.clone_from(&CORPUS.0);
    // The load measured is the whole one (read, extract, analyse, index), and a benchmark
    // leaves nothing in the user's cache: a load from the analysis cache is measured as a
    // whole process (README, Performance).
    config.load.cache = false;
    config
});

static STORE: LazyLock<Store> = LazyLock::new(|| gisa::load::load(&CONFIG).unwrap());

fn seed_texts() -> Vec<(String, String)> {
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(Path::new(SEEDS))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    seeds.sort();
    seeds
}

/// The longest seed, the kind of article the extractor meets every time.
static ARTICLE: LazyLock<String> = LazyLock::new(|| {
    seed_texts()
        .into_iter()
        .map(|(_, t)| t)
        .max_by_key(String::len)
        .unwrap()
});

#[divan::bench]
fn extract_one_article(bencher: divan::Bencher<'_, '_>) {
    let outlets = &CONFIG.outlets;
    bencher
        .counter(divan::counter::BytesCount::of_str(&*ARTICLE))
        .bench(|| gisa::extract::extract(divan::black_box(&ARTICLE), outlets));
}

#[divan::bench]
fn analyse_one_article(bencher: divan::Bencher<'_, '_>) {
    let article = Arc::unwrap_or_clone(STORE.article(0).unwrap());
    let lexicon = &CONFIG.lexicon;
    bencher
        .with_inputs(|| {
            let mut a = article.clone();
            a.entities.clear();
            a.topics.clear();
            a.time_refs.clear();
            a
        })
        .bench_local_refs(|a| lexicon.analyze(a));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_and_index_the_folder() -> Store {
    gisa::load::load(&CONFIG).unwrap()
}

fn filter_of(query: &str) -> Filter {
    Filter::parse(query).unwrap()
}

#[divan::bench(args = ["year:2019", "outlet:reuters", "gsomia", "japan summit", "year:2019-2023 outlet:reuters korea"])]
fn filter(bencher: divan::Bencher<'_, '_>, query: &str) {
    let store = &*STORE;
    let f = filter_of(query);
    bencher.bench(|| store.filter(divan::black_box(&f)));
}

#[divan::bench]
fn related_stories_of_one_article() -> usize {
    STORE.related(divan::black_box(0), 5).len()
}

/// A reader state at 120x40 with the first article open.
fn reader_state() -> AppState {
    let store = &*STORE;
    let mut state = AppState::new(store, Some(0));
    gisa::tui::update::update(&mut state, store, Action::Resize(120, 40));
    state
}

/// Selecting the next article shows it: wrapping it for the reader and ranking its related
/// stories for the sidebar.
#[divan::bench]
fn open_the_next_article(bencher: divan::Bencher<'_, '_>) {
    let store = &*STORE;
    bencher
        .with_inputs(reader_state)
        .bench_local_refs(|state| gisa::tui::update::update(state, store, Action::SelectNext));
}

#[divan::bench]
fn draw_a_frame_120x40(bencher: divan::Bencher<'_, '_>) {
    let store = &*STORE;
    let state = reader_state();
    let theme = Theme::colored();
    let area = Rect::new(0, 0, 120, 40);
    bencher.bench_local(|| {
        let mut buf = Buffer::empty(area);
        gisa::tui::ui::draw(area, &mut buf, &state, store, &theme);
        buf
    });
}
