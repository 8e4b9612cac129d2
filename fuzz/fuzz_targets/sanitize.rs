//! Any bytes, decoded lossily, through `sanitize::text` and `sanitize::line`: no control, bidi or
//! zero-width char comes out, a second pass changes nothing, the output stays within 4x, and
//! every grapheme is as wide to ratatui as the sum of its characters (what a terminal draws).
#![no_main]

use gisa::sanitize::{line, text};
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// The same list as tests/properties.rs: what sanitized text must never contain.
fn is_forbidden(c: char, newlines: bool) -> bool {
    (c < ' ' && !(newlines && c == '\n'))
        || matches!(
            c,
            '\u{7f}'..='\u{9f}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{200B}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

fn check(input: &str, out: &str, newlines: bool, again: &str) {
    if let Some(c) = out.chars().find(|&c| is_forbidden(c, newlines)) {
        panic!("{c:?} in {out:?} from {input:?}");
    }
    assert_eq!(again, out, "not idempotent on {input:?}");
    assert!(
        out.chars().count() <= 4 * input.chars().count(),
        "{input:?} -> {out:?}"
    );
    for g in out.graphemes(true).filter(|&g| g != "\n") {
        assert_eq!(
            usize::from(g.cell_width()),
            gisa::width::display_width(g),
            "{g:?} in {out:?} from {input:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let t = text(&input);
    check(&input, &t, true, &text(&t));
    let l = line(&input);
    check(&input, &l, false, &line(&l));
});
