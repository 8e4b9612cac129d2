//! Properties of the hostile-input path, checked on generated input through the public library
//! API: the sanitizer, the reader's wrapping and the loader. `PROPTEST_CASES=N cargo test --test
//! properties` runs every property N times instead of the modest defaults below.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;

use gisa::article::{Article, Sourced};
use gisa::extract::outlet::OutletAliases;
use gisa::lexicon::Lexicon;
use gisa::sanitize::{line, text};
use gisa::tui::state::LineKind;
use gisa::tui::ui::reader::wrap_article;
use proptest::prelude::*;
use proptest::sample::select;
use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Cases per property: `PROPTEST_CASES` when set, else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // A failure is minimised, then kept as a unit test next to the code it found wrong.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A char sanitized text must never contain. `\n` is allowed only where `newlines` is true.
fn is_forbidden(c: char, newlines: bool) -> bool {
    (c < ' ' && !(newlines && c == '\n'))
        || matches!(
            c,
            '\u{7f}'..='\u{9f}' // DEL, C1 (ESC is C0)
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{200E}' | '\u{200F}' | '\u{061C}' // LRM, RLM, ALM
            | '\u{200B}' | '\u{2060}' | '\u{FEFF}' // zero-width
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
        )
}

fn first_forbidden(s: &str, newlines: bool) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| is_forbidden(c, newlines))
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Chars that are dangerous, or that escape sequences are made of, so that random strings often
/// form (broken) sequences.
const HOSTILE_CHARS: &[char] = &[
    '\0',
    '\x07',
    '\x08',
    '\t',
    '\n',
    '\x0b',
    '\x0c',
    '\r',
    '\x18',
    '\x1a',
    '\x1b',
    '\x1b',
    '\x1b',
    '\x7f',
    '\u{80}',
    '\u{85}',
    '\u{90}',
    '\u{98}',
    '\u{9b}',
    '\u{9c}',
    '\u{9d}',
    '\u{9e}',
    '\u{9f}',
    '\u{61c}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202e}',
    '\u{2028}',
    '\u{2029}',
    '\u{2060}',
    '\u{2066}',
    '\u{2069}',
    '\u{feff}',
    '\u{fe0f}',
    '\u{301}',
    '\u{308}',
    '\u{20dd}',
    '\u{ad}',
    '\u{fe0e}',
    '\u{fe01}',
    '\u{1f3fd}',
    '\u{ff9e}',
    '👩',
    '❤',
    '🔬',
    '🇫',
    '👍',
    '[',
    ']',
    '\\',
    ';',
    '?',
    '(',
    '#',
    ' ',
    'P',
    'X',
    '^',
    '_',
    'c',
    '7',
    'm',
    '0',
    '2',
    '5',
];

/// Any char, weighted towards the hostile ones.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => select(HOSTILE_CHARS),
        2 => proptest::char::range(' ', '~'),
        1 => any::<char>(),
    ]
}

/// Pieces of escape sequences and runs of combining marks, to be strung together at random.
const FRAGMENTS: &[&str] = &[
    "\x1b[",
    "\x1b]",
    "\x1bP",
    "\x1b_",
    "\x1b(",
    "\x1b\\",
    "\u{9b}",
    "\u{9d}",
    "\u{9c}",
    "\x1b]52;c;",
    "\x1b]8;;",
    "31;1m",
    "\r\n",
    "\u{301}\u{301}\u{301}",
    "e\u{308}\u{308}",
];

/// Random text, weighted towards what breaks sanitizers: controls, C1, bidi and zero-width
/// characters, (broken) escape sequences and stacked combining marks.
fn hostile_string() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => hostile_char().prop_map(String::from),
        1 => select(FRAGMENTS).prop_map(str::to_owned),
    ];
    proptest::collection::vec(part, 0..150).prop_map(|v| v.concat())
}

/// Text with no control, format or combining character: letters, digits, punctuation, curly
/// quotes, dashes, accented letters, no-break space, CJK, Hangul and emoji.
const PLAIN_CHARS: &[char] = &[
    ' ', '.', ',', ';', ':', '!', '?', '\'', '"', '(', ')', '[', ']', '/', '\\', '-', '&', '%',
    '$', '#', '@', '*', '+', '=', '<', '>', '|', '~', '`', '^', '_', '{', '}', '‘', '’', '“', '”',
    '«', '»', '–', '—', '…', '·', '€', '£', '©', 'é', 'è', 'à', 'ü', 'ö', 'ñ', 'ç', 'ø', 'Å', 'ß',
    'œ', 'ł', 'ı', '\u{a0}', '日', '本', '語', '漢', '字', '한', '국', '어', 'ソ', 'ウ', 'ル',
    '、', '。', '😀', '🇰', '🇷', '👍', '🔬',
];

fn plain_string() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        3 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('0', '9'),
        3 => select(PLAIN_CHARS),
    ];
    proptest::collection::vec(c, 0..200).prop_map(String::from_iter)
}

/// Emoji and the characters that build sequences of them: ZWJ, variation selectors, skin tones,
/// regional indicators, keycaps, tags; with letters, CJK, combining marks and halfwidth katakana.
const EMOJI_CHARS: &[char] = &[
    '👩',
    '👨',
    '👧',
    '🔬',
    '🌈',
    '🏳',
    '❤',
    '☺',
    '✌',
    '👍',
    '😀',
    '⌚',
    '©',
    '#',
    '1',
    '🅰',
    '🇫',
    '🇷',
    '🇰',
    '\u{200d}',
    '\u{200d}',
    '\u{200d}',
    '\u{fe0f}',
    '\u{fe0f}',
    '\u{fe0e}',
    '\u{fe00}',
    '\u{fe01}',
    '\u{1f3fb}',
    '\u{1f3fd}',
    '\u{1f3ff}',
    '\u{20e3}',
    '\u{e0067}',
    '\u{e007f}',
    '\u{e0100}',
    '\u{301}',
    '\u{94d}',
    'क',
    'ष',
    'ｶ',
    '\u{ff9e}',
    '\u{ff9f}',
    '“',
    '漢',
    '가',
    '\u{1100}',
    '\u{1161}',
    '\u{11a8}',
    'a',
    ' ',
];

fn emoji_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(select(EMOJI_CHARS), 0..40).prop_map(String::from_iter)
}

/// One piece of a hostile article. Words are lowercase ASCII; every payload is upper case, digits
/// and punctuation, so a leaked payload is told apart from the words around it.
#[derive(Debug, Clone)]
enum Piece {
    Word(String),
    Newline,
    /// A complete sequence with its payload (checked absent from the output).
    Sequence(String, String),
    /// `ESC ] 0 ;` and a payload, never terminated: it swallows what follows up to the next
    /// escape sequence, C1 introducer or line break.
    Unterminated(String),
}

impl Piece {
    fn raw(&self) -> String {
        match self {
            Piece::Word(w) => w.clone(),
            Piece::Newline => "\n".to_owned(),
            Piece::Sequence(raw, _) => raw.clone(),
            Piece::Unterminated(payload) => format!("\x1b]0;{payload}"),
        }
    }

    /// Whether this piece ends a runaway (unterminated) string, as a terminal's parser would:
    /// a line break, or the start of a new escape sequence.
    fn ends_runaway(&self) -> bool {
        match self {
            Piece::Word(_) => false,
            Piece::Newline | Piece::Unterminated(_) => true,
            Piece::Sequence(raw, _) => raw.starts_with(['\x1b', '\u{9b}', '\u{9d}', '\u{90}']),
        }
    }
}

fn word() -> impl Strategy<Value = String> {
    "[a-z]{1,8}"
}

/// Upper case, digits and base64 punctuation: a payload.
fn payload() -> impl Strategy<Value = String> {
    "[A-Z0-9+/=]{6,24}"
}

fn csi_params() -> impl Strategy<Value = String> {
    "[?>]?[0-9]{0,3}(;[0-9]{1,3}){0,3}"
}

fn sequence() -> impl Strategy<Value = Piece> {
    let finals = select(
        &[
            'm', 'H', 'J', 'K', 'A', 'n', 't', 'q', 'h', 'l', 'c', '@', '~',
        ][..],
    );
    prop_oneof![
        // CSI, 7-bit and 8-bit.
        (csi_params(), finals.clone()).prop_map(|(p, f)| seq(&format!("\x1b[{p}{f}"), &p)),
        (csi_params(), finals).prop_map(|(p, f)| seq(&format!("\u{9b}{p}{f}"), &p)),
        // OSC 52 (clipboard) ended by BEL and by ST.
        payload().prop_map(|b| seq(&format!("\x1b]52;c;{b}\x07"), &b)),
        payload().prop_map(|b| seq(&format!("\x1b]52;c;{b}\x1b\\"), &b)),
        // 8-bit OSC ended by the 8-bit ST, and by BEL.
        payload().prop_map(|b| seq(&format!("\u{9d}0;{b}\u{9c}"), &b)),
        payload().prop_map(|b| seq(&format!("\u{9d}2;{b}\x07"), &b)),
        // DCS, SOS, PM, APC, ended by ST; an 8-bit DCS.
        payload().prop_map(|b| seq(&format!("\x1bPq#0;2;{b}\x1b\\"), &b)),
        payload().prop_map(|b| seq(&format!("\x1bX{b}\x1b\\"), &b)),
        payload().prop_map(|b| seq(&format!("\x1b^{b}\x1b\\"), &b)),
        payload().prop_map(|b| seq(&format!("\x1b_{b}\x1b\\"), &b)),
        payload().prop_map(|b| seq(&format!("\u{90}1$r{b}\u{9c}"), &b)),
        // Two- and three-character escapes.
        select(
            &[
                "\x1bc", "\x1b7", "\x1b8", "\x1bM", "\x1b=", "\x1b>", "\x1b(B", "\x1b#8"
            ][..]
        )
        .prop_map(|s| seq(s, "")),
        // Bidi override and isolates: removed, no payload.
        select(&["\u{202e}", "\u{2066}", "\u{2069}", "\u{200f}"][..]).prop_map(|s| seq(s, "")),
    ]
}

fn seq(raw: &str, payload: &str) -> Piece {
    Piece::Sequence(raw.to_owned(), payload.to_owned())
}

/// An OSC 8 link: the link text is a word that must survive, the URL must not.
fn link() -> impl Strategy<Value = Vec<Piece>> {
    (payload(), word()).prop_map(|(url, text)| {
        vec![
            seq(&format!("\x1b]8;;HTTPS://EVIL/{url}\x1b\\"), &url),
            Piece::Word(text),
            seq("\x1b]8;;\x1b\\", ""),
        ]
    })
}

/// Ends of input in the middle of a sequence: a lone ESC, an escape, CSI or OSC cut short.
const TAILS: &[&str] = &[
    "", "\x1b", "\x1b(", "\x1b[12;", "\x1b]0;", "\u{9b}", "\u{9d}2;",
];

/// A hostile article: pieces joined by spaces, and a tail (often none).
fn hostile_article() -> impl Strategy<Value = (Vec<Piece>, &'static str)> {
    let piece = prop_oneof![
        6 => word().prop_map(|w| vec![Piece::Word(w)]),
        1 => Just(vec![Piece::Newline]),
        5 => sequence().prop_map(|p| vec![p]),
        1 => link(),
        1 => payload().prop_map(|p| vec![Piece::Unterminated(p)]),
    ];
    (
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat()),
        prop_oneof![2 => Just(""), 1 => select(TAILS)],
    )
}

fn render(pieces: &[Piece], tail: &str) -> String {
    let mut s = pieces.iter().map(Piece::raw).collect::<Vec<_>>().join(" ");
    s.push_str(tail);
    s
}

/// The words a terminal would show: those not swallowed by an unterminated string.
fn visible_words(pieces: &[Piece]) -> Vec<&str> {
    let mut runaway = false;
    let mut words = Vec::new();
    for p in pieces {
        if p.ends_runaway() {
            runaway = false;
        }
        match p {
            Piece::Word(w) if !runaway => words.push(w.as_str()),
            Piece::Unterminated(_) => runaway = true,
            _ => {}
        }
    }
    words
}

// ---------------------------------------------------------------------------------------------
// Sanitizer

fn assert_clean(s: &str, newlines: bool, input: &str) -> Result<(), TestCaseError> {
    if let Some((at, c)) = first_forbidden(s, newlines) {
        return Err(TestCaseError::fail(format!(
            "forbidden {c:?} at byte {at} of {s:?} (input {input:?})"
        )));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn sanitized_text_has_no_controls(s in hostile_string()) {
        assert_clean(&text(&s), true, &s)?;
    }

    #[test]
    fn sanitized_line_has_no_controls_and_no_newline(s in hostile_string()) {
        assert_clean(&line(&s), false, &s)?;
    }

    #[test]
    fn sanitize_is_idempotent(s in hostile_string()) {
        let once = text(&s);
        prop_assert_eq!(&*text(&once), &*once, "text, input {:?}", s);
        let once = line(&s);
        prop_assert_eq!(&*line(&once), &*once, "line, input {:?}", s);
    }

    /// ratatui lays text out grapheme by grapheme, a terminal draws it char by char: after the
    /// sanitizer the two agree on every grapheme, so the terminal's cursor never drifts from
    /// ratatui's and no border or neighbour is overwritten (matrix row 14).
    #[test]
    fn ratatui_and_the_terminal_agree_on_every_width(s in emoji_string()) {
        for out in [text(&s), line(&s)] {
            for g in out.graphemes(true).filter(|&g| g != "\n") {
                let terminal = gisa::width::display_width(g);
                prop_assert_eq!(
                    usize::from(g.cell_width()), terminal,
                    "{:?} in {:?} (input {:?})", g, out, s
                );
            }
            prop_assert_eq!(&*text(&out), &*out, "not idempotent, input {:?}", s);
        }
    }

    #[test]
    fn plain_text_comes_back_unchanged(s in plain_string()) {
        prop_assert!(matches!(line(&s), Cow::Borrowed(x) if x == s));
        // `text` keeps line breaks: the same text with some.
        let with_breaks = s.replace(';', "\n");
        prop_assert!(matches!(text(&with_breaks), Cow::Borrowed(x) if x == with_breaks));
    }

    /// At most 4 chars and 4 bytes out per char or byte in: a tab becomes up to 4 spaces, a
    /// 1-byte control a 3-byte U+FFFD, and nothing else grows.
    #[test]
    fn sanitized_output_is_bounded(s in hostile_string()) {
        for out in [text(&s), line(&s)] {
            prop_assert!(out.chars().count() <= 4 * s.chars().count(), "{:?} -> {:?}", s, out);
            prop_assert!(out.len() <= 4 * s.len(), "{:?} -> {:?}", s, out);
        }
    }

    #[test]
    fn hostile_pieces_are_removed_and_words_survive((pieces, tail) in hostile_article()) {
        let input = render(&pieces, tail);
        let want = visible_words(&pieces);
        let runaway = pieces.iter().any(|p| matches!(p, Piece::Unterminated(_)));
        for (out, newlines) in [(text(&input), true), (line(&input), false)] {
            assert_clean(&out, newlines, &input)?;
            // Nothing of any sequence is left: only the words' letters and blanks.
            let stray = out.chars().find(|&c| !(c.is_ascii_lowercase() || c == ' ' || c == '\n'));
            prop_assert!(stray.is_none(), "{:?} left in {:?} (input {:?})", stray, out, input);
            for p in &pieces {
                if let Piece::Sequence(_, payload) | Piece::Unterminated(payload) = p {
                    prop_assert!(
                        payload.is_empty() || !out.contains(payload.as_str()),
                        "payload {:?} in {:?}", payload, out
                    );
                }
            }
            let got: Vec<&str> = out.split_whitespace().collect();
            if runaway {
                // A runaway string is cut after a while, so some swallowed words may come back.
                let mut rest = got.iter();
                for w in &want {
                    prop_assert!(
                        rest.any(|g| g == w),
                        "{:?} lost from {:?} (input {:?})", w, out, input
                    );
                }
            } else {
                prop_assert_eq!(&got, &want, "input {:?}", input);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Wrapping (the reader's `wrap_article`)

/// Paragraph text as it comes out of the extractor: no line breaks, single spaces, but any mix
/// of wide, zero-width and combining characters.
fn paragraph() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        6 => proptest::char::range('a', 'z'),
        3 => Just(' '),
        3 => select(&['日', '本', '語', '漢', '한', '국', 'ソ', 'ウ', '。', '、', '\u{3000}'][..]),
        2 => select(&['😀', '👍', '🏽', '🇰', '🇷', '❤', '\u{200d}', '🔬', '👩', '\u{fe0f}', '\u{ff9e}'][..]),
        2 => select(&['\u{301}', '\u{308}', '\u{20dd}', '\u{1dc0}', '\u{e9}', '\u{a0}'][..]),
        1 => select(&['-', '—', '/', '.'][..]),
        1 => select(&['\x1b', '[', 'm', '\t', '\u{202e}', '\u{200b}', '\u{2028}', '\u{7}'][..]),
    ];
    proptest::collection::vec(c, 0..120).prop_map(String::from_iter)
}

fn article(headline: String, body: Vec<String>) -> Article {
    Article {
        id: "x".to_owned(),
        file: "x.txt".to_owned(),
        headline: Sourced::merge(Some(headline), None),
        outlet: Sourced::merge(Some("AP".to_owned()), None),
        publisher: Sourced::missing(),
        date: Sourced::missing(),
        dateline: Sourced::missing(),
        byline: None,
        credits: Vec::new(),
        captions: Vec::new(),
        tags: Vec::new(),
        words: 0,
        body,
        entities: Vec::new(),
        topics: Vec::new(),
        time_refs: Vec::new(),
    }
}

/// The non-blank chars of `s`, in order.
fn ink(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '\n')).collect()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn wrapped_lines_fit_and_keep_every_char(
        headline in paragraph(),
        body in proptest::collection::vec(paragraph(), 0..4),
        width in 1usize..=200,
    ) {
        let a = article(headline, body);
        let lines = wrap_article(&a, width);
        for l in &lines {
            // The one exception: a wide char cannot fit a width of 1, so it gets a line of its own.
            let visible = l.text.chars().filter(|&c| c.width().unwrap_or(0) > 0).count();
            let alone = width == 1 && visible == 1;
            let columns = gisa::width::display_width(&l.text);
            prop_assert!(columns <= width || alone, "{} > {}: {:?}", columns, width, l.text);
            // As ratatui lays the line out: grapheme by grapheme.
            let columns: usize = l.text.graphemes(true).map(|g| usize::from(g.cell_width())).sum();
            prop_assert!(
                columns <= width || alone,
                "{} > {} columns (ratatui): {:?}", columns, width, l.text
            );
            assert_clean(&l.text, false, &l.text)?;
        }
        let shown: String = lines
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .map(|l| ink(&l.text))
            .collect();
        let want: String = a.body.iter().map(|p| ink(&text(p))).collect();
        prop_assert_eq!(shown, want);
    }
}

// ---------------------------------------------------------------------------------------------
// Loader

/// File contents: random bytes, hostile text, the same behind a UTF-8 or UTF-16 BOM, front matter.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let interesting = select(
        &[
            0x00, 0x0d, 0x0a, 0x1b, 0x07, 0x9b, 0x9d, 0xc2, 0xef, 0xbb, 0xbf, 0xff, 0xfe, b'+',
        ][..],
    );
    let byte = prop_oneof![2 => any::<u8>(), 1 => interesting];
    prop_oneof![
        proptest::collection::vec(byte, 0..2048),
        hostile_string().prop_map(String::into_bytes),
        hostile_string().prop_map(|s| [&b"\xef\xbb\xbf"[..], s.as_bytes()].concat()),
        hostile_string().prop_map(|s| {
            let mut b = vec![0xff, 0xfe];
            b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
        (hostile_string(), hostile_string())
            .prop_map(|(m, s)| format!("+++\nheadline = \"{m}\"\n+++\n{s}").into_bytes()),
        (hostile_article(), hostile_article()).prop_map(|((h, e1), (b, e2))| {
            format!("{}\r\n\r\n{}", render(&h, e1), render(&b, e2)).into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_file_loads_and_shows_clean(
        bytes in file_bytes(),
        sidecar in proptest::option::of(file_bytes()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), &bytes).unwrap();
        if let Some(side) = &sidecar {
            std::fs::write(dir.path().join("a.toml"), side).unwrap();
        }
        let store = gisa::load::load_dir(dir.path(), &OutletAliases::default(), &Lexicon::default())
            .expect("a readable folder loads");
        prop_assert!(store.len() <= 1);
        for p in store.problems() {
            assert_clean(&p.to_string(), false, &p.to_string())?;
        }
        for a in store.whole_articles().expect("every article of the store can be had") {
            assert_clean(&line(a.title()), false, a.title())?;
            for p in &a.body {
                assert_clean(&text(p), true, p)?;
            }
            for l in wrap_article(&a, 60) {
                assert_clean(&l.text, false, &l.text)?;
            }
        }
    }
}
