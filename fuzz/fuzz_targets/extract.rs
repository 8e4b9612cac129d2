//! Any bytes (at most 64 KiB), decoded lossily, through the extractor and the analysis with the
//! built-in config, as the loader runs them; then into a store and the reader's wrapping, whose
//! lines must fit the width and be free of controls.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use gisa::article::{Article, Sourced, count_words};
use gisa::config::{Config, DEFAULT_TOML};
use gisa::extract::extract;
use gisa::store::Store;
use gisa::tui::ui::reader::wrap_article;
use gisa::width::display_width;
use libfuzzer_sys::fuzz_target;

const MAX_INPUT: usize = 64 * 1024;

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("."))
        .expect("the built-in config parses")
});

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT || data.is_empty() {
        return;
    }
    // The first byte picks the reader's width (1..=256), the rest is the page.
    let width = usize::from(data[0]) + 1;
    let text = String::from_utf8_lossy(&data[1..]);
    let config = &*CONFIG;
    let ex = extract(&text, &config.outlets);
    let mut article = Article {
        id: "fuzz".to_owned(),
        file: "fuzz.txt".to_owned(),
        headline: Sourced::merge(ex.headline, None),
        outlet: Sourced::merge(ex.outlet, None),
        publisher: Sourced::merge(ex.publisher, None),
        date: Sourced::merge(ex.date, None),
        dateline: Sourced::merge(ex.dateline, None),
        byline: ex.byline,
        credits: ex.credits,
        captions: ex.captions,
        tags: Vec::new(),
        words: count_words(&ex.body),
        body: ex.body,
        entities: Vec::new(),
        topics: Vec::new(),
        time_refs: Vec::new(),
    };
    config.lexicon.analyze(&mut article);
    let store = Store::build(
        vec![article],
        Vec::new(),
        config.outlets.clone(),
        config.lexicon.clone(),
    );
    let _ = store.related(0, 5);
    let article = store.article(0).expect("one article");
    for l in wrap_article(&article, width) {
        let columns = display_width(&l.text);
        // A wide char alone on a line is the one thing that cannot fit a width of 1.
        let visible = l
            .text
            .chars()
            .filter(|c| display_width(c.encode_utf8(&mut [0; 4])) > 0)
            .count();
        assert!(
            columns <= width || (width == 1 && visible == 1),
            "{columns} > {width}: {:?}",
            l.text
        );
        assert!(
            !l.text.chars().any(|c| c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}')),
            "control in {:?}",
            l.text
        );
    }
});
