//! Untrusted text -> terminal-safe text. Every string from a file, a file name or a config value
//! passes through here before it reaches the terminal or a plain-text CLI output.
//! It never interprets anything: it only removes or makes visible.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

use crate::width::char_width;

/// Columns a tab expands to.
const TAB_WIDTH: usize = 4;
/// An unterminated escape sequence stops being skipped after this many chars, so it cannot eat an article.
const MAX_SEQUENCE: usize = 256;
/// Combining marks from the diacritic blocks kept after one base character (more are a rendering
/// attack on some terminals: "Zalgo" text, xterm CVE-2021-27135).
const MAX_COMBINING: usize = 4;
/// Zero-width characters of any script kept after one base character. Real text stacks a few
/// (Tibetan, Hebrew with cantillation, Hangul jamo); hundreds are an attack.
const MAX_ZERO_WIDTH: usize = 8;

const REPLACEMENT: char = '\u{FFFD}';

/// Make text safe for a terminal, keeping line breaks.
///
/// - ESC sequences (CSI, OSC, DCS, APC, PM, SOS and two-byte escapes) and their 8-bit C1 forms
///   are removed whole, payload included.
/// - Other C0 controls, DEL and C1 controls become U+FFFD; tabs expand to spaces;
///   `\r\n` and lone `\r` become `\n`; U+2028/U+2029 and NEL (U+0085) become `\n`.
/// - Bidirectional overrides and isolates and invisible format characters are removed.
/// - Emoji sequences whose width terminals disagree on are taken apart (see [`settle_widths`]).
/// - Ordinary text (accents, curly quotes, dashes, CJK, emoji) is untouched and borrowed.
pub fn text(s: &str) -> Cow<'_, str> {
    sanitize(s, true)
}

/// Like [`text`], for one line: line breaks become spaces.
pub fn line(s: &str) -> Cow<'_, str> {
    sanitize(s, false)
}

fn sanitize(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let mut plain = true;
    let mut settle = false;
    for c in s.chars() {
        plain &= is_plain(c) && (keep_newlines || c != '\n');
        settle |= may_disagree(c);
    }
    let cleaned = if plain {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean(s, keep_newlines))
    };
    if !settle {
        return cleaned;
    }
    match settle_widths(&cleaned) {
        Some(settled) => Cow::Owned(settled),
        None => cleaned,
    }
}

/// Characters that can make a grapheme's width differ between ratatui (which measures whole
/// graphemes) and a terminal that measures character by character: the zero width joiner, the
/// variation selectors, the emoji skin-tone modifiers and the halfwidth katakana sound marks.
/// Only text holding one of them is segmented into graphemes, so plain text stays fast.
fn may_disagree(c: char) -> bool {
    matches!(
        c,
        '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{FF9E}' | '\u{FF9F}'
    )
}

/// Make every grapheme as wide to ratatui as to the terminal, or `None` when all already are.
///
/// ratatui lays a line out grapheme by grapheme: it counts `👩‍🔬` (woman, ZWJ, microscope) as
/// one cell two columns wide, `❤` + U+FE0F as two columns and `👍🏽` as two. Many terminals (xterm,
/// VTE, tmux, the vt100 crate, and every terminal before Unicode 9) draw them character by
/// character: four, one and four columns. When the two disagree, the terminal's cursor drifts
/// from where ratatui thinks it is and the rest of the row, borders included, is drawn in the
/// wrong cells. No width table suits every terminal (ratatui#75), so a grapheme the two measure
/// differently is taken apart instead: its joiners, variation selectors and skin-tone modifiers
/// are dropped, which leaves emoji that every terminal draws alike (`👩🔬`, `❤`, `👍`). The
/// halfwidth sound marks U+FF9E/FF9F, which ratatui 0.30 counts twice, become their spacing
/// forms U+309B/309C. Anything still in disagreement keeps its first character only.
fn settle_widths(s: &str) -> Option<String> {
    // Allocated at the first grapheme that disagrees, with everything before it.
    let mut out: Option<String> = None;
    for (at, g) in s.grapheme_indices(true) {
        if agrees(g) {
            if let Some(out) = &mut out {
                out.push_str(g);
            }
            continue;
        }
        let out = out.get_or_insert_with(|| {
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..at]);
            out
        });
        let apart: String = g
            .chars()
            .filter(|&c| !is_joiner(c))
            .map(spacing_form)
            .collect();
        for part in apart.graphemes(true) {
            if agrees(part) {
                out.push_str(part);
            } else if let Some(first) = part.chars().next() {
                let first = first.to_string();
                out.push_str(if agrees(&first) { &first } else { "\u{FFFD}" });
            }
        }
    }
    out
}

/// ratatui's columns for a grapheme equal the sum of its characters' columns. A one-byte
/// grapheme always does (and a line break is not laid out at all).
fn agrees(g: &str) -> bool {
    g.len() == 1 || usize::from(g.cell_width()) == g.chars().map(char_width).sum::<usize>()
}

/// Characters that only join or restyle their neighbours: dropping them keeps every glyph.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

fn spacing_form(c: char) -> char {
    match c {
        '\u{FF9E}' => '\u{309B}',
        '\u{FF9F}' => '\u{309C}',
        c => c,
    }
}

fn is_plain(c: char) -> bool {
    // Printable ASCII, most of any text, without a width lookup: each takes one column.
    if c.is_ascii() {
        return c == '\n' || matches!(c, ' '..='~');
    }
    c >= ' ' && !is_control_like(c) && char_width(c) > 0
}

/// DEL, C1, and the invisible format characters we drop.
fn is_control_like(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}')
        || is_invisible_format(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidi controls, zero-width characters and other format characters that change nothing visible
/// (or change it deceptively). ZWJ is kept: emoji sequences need it.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'            // soft hyphen
        | '\u{061C}'          // Arabic letter mark
        | '\u{180E}'          // Mongolian vowel separator
        | '\u{200B}'          // zero width space
        | '\u{200C}'          // zero width non-joiner
        | '\u{200E}' | '\u{200F}' // LRM, RLM
        | '\u{202A}'..='\u{202E}' // embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // isolates
        | '\u{206A}'..='\u{206F}' // deprecated format chars
        | '\u{FEFF}'          // BOM / ZWNBSP
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
        | '\u{3164}' | '\u{FFA0}' | '\u{115F}' | '\u{1160}' // Hangul fillers: blank, used to spoof
        | '\u{E0000}'..='\u{E007F}' // tag characters: hide ASCII text ("ASCII smuggling")
    )
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn clean(s: &str, keep_newlines: bool) -> String {
    let newline = if keep_newlines { '\n' } else { ' ' };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut column = 0usize;
    let mut combining = 0usize;
    let mut zero_width = 0usize;
    while let Some(c) = chars.next() {
        if is_combining(c) {
            combining += 1;
            zero_width += 1;
            if combining <= MAX_COMBINING && zero_width <= MAX_ZERO_WIDTH {
                out.push(c);
            }
            continue;
        }
        let shown = out.len();
        match c {
            // NEL (U+0085) is the C1 line break; EBCDIC-born text and some pastes carry it.
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(newline);
                column = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push(newline);
                    column = 0;
                }
            }
            '\t' => {
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            '\u{1b}' => skip_escape(&mut chars),
            // 8-bit introducers: CSI, OSC, DCS, SOS, PM, APC.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            // Printable ASCII: one column, no lookup.
            ' '..='~' => {
                out.push(c);
                column += 1;
            }
            c if c < ' ' || matches!(c, '\u{7f}'..='\u{9f}') => {
                out.push(REPLACEMENT);
                column += 1;
            }
            c if is_invisible_format(c) => {}
            c => {
                // Tab stops count display columns: a CJK character or an emoji takes two.
                let width = char_width(c);
                if width == 0 {
                    zero_width += 1;
                    if zero_width <= MAX_ZERO_WIDTH {
                        out.push(c);
                    }
                    continue;
                }
                out.push(c);
                column += width;
            }
        }
        // Only a char that shows starts a new base: marks on both sides of a removed sequence
        // or format char end up on one base, so they share one cap (and a second pass keeps them).
        if out.len() > shown {
            combining = 0;
            zero_width = 0;
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: skip the whole sequence.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes then one final byte (ESC ( B, ESC # 8). Anything else after the
        // intermediates (ESC, a line break, a letter outside ASCII) is not part of the sequence.
        Some(' '..='/') => {
            for _ in 0..MAX_SEQUENCE {
                if !matches!(chars.peek(), Some(' '..='/')) {
                    break;
                }
                chars.next();
            }
            if matches!(chars.peek(), Some('0'..='~')) {
                chars.next();
            }
        }
        // Two-character escape: ESC 7, ESC M, ESC c ...
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes up to one final byte in 0x40..=0x7E.
fn skip_csi(chars: &mut Chars<'_>) {
    for _ in 0..MAX_SEQUENCE {
        match chars.peek().copied() {
            Some('@'..='~') => {
                chars.next();
                return;
            }
            Some(' '..='?') => {
                chars.next();
            }
            _ => return,
        }
    }
}

/// OSC/DCS/APC/PM/SOS: a string up to BEL, ST (`ESC \`) or 8-bit ST (U+009C), or up to the start
/// of another sequence or a line break (left for the caller).
fn skip_string(chars: &mut Chars<'_>) {
    for _ in 0..MAX_SEQUENCE {
        match chars.peek().copied() {
            Some('\u{7}' | '\u{9c}') => {
                chars.next();
                return;
            }
            // ST ends the string. Any other ESC ends it too, and starts a sequence of its own
            // (as in a terminal), which the caller removes whole.
            Some('\u{1b}') => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    chars.next();
                    chars.next();
                }
                return;
            }
            // So does an 8-bit introducer; and a newline ends a runaway string, so the next
            // paragraph stays visible.
            None | Some('\n' | '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}' | '\u{9e}' | '\u{9f}') => {
                return;
            }
            Some(_) => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcuts_agree_with_the_width_table() {
        for c in (0u8..128).map(char::from) {
            let general = c == '\n' || (c >= ' ' && !is_control_like(c) && char_width(c) > 0);
            assert_eq!(is_plain(c), general, "{c:?}");
            if matches!(c, ' '..='~') {
                assert_eq!(char_width(c), 1, "{c:?}");
                assert!(!is_invisible_format(c) && !is_combining(c), "{c:?}");
            }
        }
    }

    #[test]
    fn plain_text_is_borrowed_untouched() {
        let s = "Seoul’s “white list” — Dokdo/Takeshima, 日本 한국 🇰🇷 café";
        assert!(matches!(text(s), Cow::Borrowed(_)));
        assert_eq!(text(s), s);
    }

    #[test]
    fn csi_and_osc_are_removed_whole() {
        assert_eq!(text("A\x1b[31mB\x1b[0m"), "AB");
        assert_eq!(text("x\x1b]0;pwned\x07y"), "xy");
        assert_eq!(text("x\x1b]52;c;Y3VybA==\x1b\\y"), "xy");
        assert_eq!(text("x\x1b]8;;http://evil\x07link\x1b]8;;\x07"), "xlink");
        assert_eq!(text("a\x1bPq#0;1\x1b\\b"), "ab");
        assert_eq!(text("a\x1b_apc\x1b\\b\x1b^pm\x07c"), "abc");
        assert_eq!(text("a\x1bcb\x1b7c"), "abc");
    }

    #[test]
    fn eight_bit_c1_forms_are_removed() {
        assert_eq!(text("a\u{9b}31mb"), "ab");
        assert_eq!(text("a\u{9d}0;t\u{9c}b"), "ab");
        assert_eq!(
            text("a\u{90}q\u{9c}b\u{98}sos\u{9c}c\u{9e}pm\u{9c}d"),
            "abcd"
        );
        assert_eq!(text("a\u{80}b\u{9a}c"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn tabs_stop_at_display_columns_after_wide_characters() {
        // 日本 is four columns wide: the tab goes to column 8, not to column 4.
        assert_eq!(text("日本\tx"), "日本    x");
        assert_eq!(text("a日\tx"), "a日 x");
        assert_eq!(text("line\n\tx"), "line\n    x");
    }

    #[test]
    fn line_breaks_of_every_kind_become_newlines() {
        assert_eq!(text("a\u{85}b\u{2028}c\u{2029}d"), "a\nb\nc\nd");
        assert_eq!(line("a\u{85}b\u{2028}c"), "a b c");
    }

    #[test]
    fn backspace_and_query_sequences_never_act() {
        // A backspace would let text overwrite what was shown; a query makes the terminal type.
        assert_eq!(text("abc\x08\x08X"), "abc\u{FFFD}\u{FFFD}X");
        for query in ["\x1b[6n", "\x1b[21t", "\x1b[>0q", "\x1bZ", "\x1b[c"] {
            assert_eq!(text(&format!("a{query}b")), "ab", "{query:?}");
        }
    }

    #[test]
    fn controls_become_visible_and_tabs_expand() {
        assert_eq!(text("a\0b\x07c\x7f"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(text("ab\tc"), "ab  c");
        assert_eq!(text("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(line("a\nb"), "a b");
    }

    #[test]
    fn bidi_and_invisible_format_are_removed() {
        assert_eq!(
            text("abc\u{202E}fed\u{2066}x\u{2069}\u{200B}\u{FEFF}"),
            "abcfedx"
        );
    }

    #[test]
    fn hidden_text_and_blank_fillers_are_removed() {
        // Tag characters spell invisible ASCII; Hangul fillers draw nothing.
        assert_eq!(text("a\u{E0041}\u{E0042}\u{E007F}b"), "ab");
        assert_eq!(text("x\u{3164}y\u{FFA0}z\u{115F}\u{1160}"), "xyz");
        // Korean text itself is untouched.
        assert_eq!(text("한국과 일본"), "한국과 일본");
    }

    #[test]
    fn unterminated_sequences_do_not_eat_the_article() {
        let long = format!("\x1b]0;{}", "x".repeat(10_000));
        assert!(text(&long).len() > 9_000);
        assert_eq!(text("a\x1b]0;title\nnext"), "a\nnext");
    }

    #[test]
    fn an_escape_inside_a_string_ends_it_and_is_removed_whole() {
        // Found by tests/properties.rs: the CSI after an unterminated OSC showed as `[m`.
        assert_eq!(text("\x1b]0;AAA=++ \x1b[m"), "");
        assert_eq!(text("a\x1b]0;x\x1b[31mb"), "ab");
        assert_eq!(text("a\x1b]52;c;eA==\x1b]0;t\x07b"), "ab");
        assert_eq!(text("a\x1b]0;x\u{9b}31m b\nc"), "a b\nc");
        assert_eq!(text("a\x1bPq\u{9d}0;t\u{9c}b"), "ab");
        assert_eq!(text("a\x1b]0;x\x1b"), "a");
    }

    #[test]
    fn an_unfinished_escape_keeps_what_follows() {
        assert_eq!(text("a\x1b(\x1b[31mb"), "ab");
        assert_eq!(text("a\x1b(\nb"), "a\nb");
        assert_eq!(text("a\x1b(é"), "aé");
        assert_eq!(text("a\x1b(Bb\x1b#8c"), "abc");
    }

    #[test]
    fn marks_around_removed_text_share_one_cap() {
        // Found by tests/properties.rs: the second pass removed the marks the first one kept.
        let input = "\x1b]\x1b[\u{301}\u{301}\u{301}\x1b\u{301}\u{301}\u{301}";
        assert_eq!(text(input).chars().count(), MAX_COMBINING);
        let stacked = "e\u{301}\u{301}\u{301}\x1b[m\u{200B}\u{301}\u{301}\u{301}";
        assert_eq!(text(stacked), "e\u{301}\u{301}\u{301}\u{301}");
        assert_eq!(text(&text(stacked)), text(stacked));
    }

    /// Columns of `s` as ratatui lays it out (grapheme by grapheme) and as a terminal that
    /// measures character by character draws it.
    fn both_widths(s: &str) -> (usize, usize) {
        let ratatui = s.graphemes(true).map(|g| usize::from(g.cell_width())).sum();
        (ratatui, crate::width::display_width(s))
    }

    #[test]
    fn emoji_sequences_terminals_draw_differently_are_taken_apart() {
        // ZWJ sequences: each emoji stays, side by side.
        assert_eq!(text("a👩\u{200D}🔬b"), "a👩🔬b");
        assert_eq!(text("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        // Presentation selectors on emoji whose width they change.
        assert_eq!(text("I ❤\u{FE0F} Seoul"), "I ❤ Seoul");
        assert_eq!(text("1\u{FE0F}\u{20E3}"), "1\u{20E3}");
        assert_eq!(text("⌚\u{FE0E}"), "⌚");
        // Skin tones.
        assert_eq!(text("👍🏽 ✌🏿"), "👍 ✌");
        // Flags are two regional indicators that everyone draws two columns wide: kept.
        assert_eq!(text("🇫🇷 🇰🇷"), "🇫🇷 🇰🇷");
        assert!(matches!(text("🇫🇷 🇰🇷 漢字 😀"), Cow::Borrowed(_)));
        // Halfwidth sound marks, which ratatui counts twice, become their spacing forms.
        assert_eq!(text("ｶﾞｲﾑｼｮｳ ﾊﾟ"), "ｶ\u{309B}ｲﾑｼｮｳ ﾊ\u{309C}");
        for s in [
            "a👩\u{200D}🔬b",
            "🏳\u{FE0F}\u{200D}🌈",
            "❤\u{FE0F}",
            "👍🏽",
            "ｶﾞ",
            "“\u{FE01}quoted”",
        ] {
            let (ratatui, terminal) = both_widths(&text(s));
            assert_eq!(ratatui, terminal, "{s:?} -> {:?}", text(s));
        }
    }

    #[test]
    fn joiners_and_selectors_that_change_no_width_stay() {
        // Devanagari conjunct with ZWJ, an emoji already two columns wide with VS16, and a
        // Japanese ideographic variation sequence: every terminal agrees on these.
        for s in ["क्\u{200D}ष", "👍\u{FE0F}", "葛\u{E0100}飾区"] {
            assert_eq!(text(s), s);
        }
    }

    #[test]
    fn combining_marks_are_capped() {
        let zalgo = format!("e{}", "\u{0301}".repeat(50));
        assert_eq!(text(&zalgo).chars().count(), 1 + MAX_COMBINING);
        assert_eq!(text("e\u{0301}"), "e\u{0301}");
        // Marks of other scripts, and other zero-width characters, are capped too.
        let thai = format!("ก{}", "\u{0E49}".repeat(50));
        assert_eq!(text(&thai).chars().count(), 1 + MAX_ZERO_WIDTH);
        let mixed = format!("a{}", "\u{0591}\u{05B4}\u{034F}\u{180B}".repeat(20));
        assert_eq!(text(&mixed).chars().count(), 1 + MAX_ZERO_WIDTH);
        // Real stacks stay whole: Vietnamese, Hebrew with points and a cantillation mark,
        // Hangul jamo, a Tibetan stack.
        for s in [
            "Nguyễn Phú Trọng",
            "בְּרֵאשִׁ֖ית",
            "\u{1100}\u{1161}\u{11A8}",
            "བསྒྲུབས",
        ] {
            assert_eq!(text(s), s);
        }
    }
}
