//! Copy to the clipboard with OSC 52, and the citation `c` copies. Builds strings only: the
//! reader writes the sequence to the terminal itself, outside any widget. No terminal I/O here.
//!
//! OSC 52 is the one way to reach the user's clipboard that also works over SSH: the terminal
//! on the user's side does the copy. The copied text is untrusted (it comes from articles), so
//! it is sanitized first: whatever ends up on the clipboard is pasted into shells later.

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::article::Card;

/// The longest OSC 52 sequence we write, in bytes. 100 000 bytes is hterm's limit (Chrome's
/// Secure Shell) and the smallest cap among common terminals that have one; a longer sequence
/// is dropped whole, not truncated, by those terminals.
pub const MAX_SEQUENCE_BYTES: usize = 100_000;

/// The most text (in UTF-8 bytes) one copy carries: its base64 plus the 8 bytes of framing
/// fit in [`MAX_SEQUENCE_BYTES`].
pub const MAX_COPY_BYTES: usize = (MAX_SEQUENCE_BYTES - PREFIX.len() - TERMINATOR.len()) / 4 * 3;

/// OSC 52, selection `c` (the clipboard).
const PREFIX: &str = "\x1b]52;c;";
/// BEL rather than ST (`ESC \`): every terminal that implements OSC 52 accepts BEL (xterm,
/// kitty, `WezTerm`, Alacritty, foot, `iTerm2`, Windows Terminal, tmux), some older ones and
/// tmux/screen passthrough handle ST less reliably, and it is one byte with no ESC to escape.
const TERMINATOR: &str = "\x07";

/// The text as it will be copied: sanitized (escape sequences removed, other control
/// characters but newline replaced, tabs expanded, bidi overrides dropped; see
/// [`crate::sanitize::text`]) and cut at a character boundary to [`MAX_COPY_BYTES`].
/// The flag says whether it was cut, so the reader can say "copied (truncated)".
pub fn clipboard_text(text: &str) -> (Cow<'_, str>, bool) {
    let clean = crate::sanitize::text(text);
    if clean.len() <= MAX_COPY_BYTES {
        return (clean, false);
    }
    let mut end = MAX_COPY_BYTES;
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    let cut = match clean {
        Cow::Borrowed(s) => Cow::Borrowed(&s[..end]),
        Cow::Owned(mut s) => {
            s.truncate(end);
            Cow::Owned(s)
        }
    };
    (cut, true)
}

/// The OSC 52 sequence that puts `text` on the clipboard: `ESC ] 52 ; c ; <base64> BEL`, with
/// the text passed through [`clipboard_text`] first. At most [`MAX_SEQUENCE_BYTES`] long.
pub fn osc52(text: &str) -> String {
    let (clean, _) = clipboard_text(text);
    let mut out = String::with_capacity(PREFIX.len() + clean.len() / 3 * 4 + 8);
    out.push_str(PREFIX);
    STANDARD.encode_string(clean.as_bytes(), &mut out);
    out.push_str(TERMINATOR);
    out
}

/// The open article's citation, one line: `Headline — Outlet via Publisher, date`, with the
/// date as the reader shows it (`2019-11-23`, `2023 (given)`, `date unknown`) and the file name
/// when there is no headline. Sanitized.
pub fn citation(article: &Card) -> String {
    let text = format!(
        "{} — {}, {}",
        article.title(),
        article.outlet_label(),
        article.date_label()
    );
    crate::sanitize::line(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, PartialDate, Sourced};

    /// The decoded payload of an OSC 52 sequence, after checking its framing.
    fn payload(seq: &str) -> String {
        let b64 = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap_or_else(|| panic!("not an OSC 52 sequence: {seq:?}"));
        String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap()
    }

    #[test]
    fn known_strings_give_exact_bytes() {
        assert_eq!(osc52("hello"), "\x1b]52;c;aGVsbG8=\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
        assert_eq!(osc52("a\nb"), "\x1b]52;c;YQpi\x07");
        assert_eq!(
            osc52("Seoul’s “white list”"),
            "\x1b]52;c;U2VvdWzigJlzIOKAnHdoaXRlIGxpc3TigJ0=\x07"
        );
        assert_eq!(
            osc52("Seoul’s “white list”").as_bytes()[..8],
            [0x1b, b']', b'5', b'2', b';', b'c', b';', b'U']
        );
    }

    #[test]
    fn hostile_text_never_reaches_the_sequence_raw() {
        let hostile = "rm -rf ~\x07\x1b]52;c;ZXZpbA==\x07 \x1b[31mred\x1b\\ \u{9b}2J\u{9d}0;t\u{9c} \
                       nul\0 del\x7f nel\u{85} cr\r tab\t rlo\u{202E} end\nok";
        let seq = osc52(hostile);
        // The framing is the only ESC and the only BEL; no C1 anywhere.
        assert_eq!(seq.matches('\x1b').count(), 1, "{seq:?}");
        assert_eq!(seq.matches('\x07').count(), 1, "{seq:?}");
        assert!(seq.ends_with('\x07'));
        assert!(!seq.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)));
        // And the copied text itself carries no control character but newline.
        let copied = payload(&seq);
        assert!(
            !copied.chars().any(|c| c.is_control() && c != '\n'),
            "{copied:?}"
        );
        assert!(!copied.contains('\u{202E}'));
        assert!(copied.starts_with("rm -rf ~"), "{copied:?}");
        assert!(
            copied.contains(" red ") && copied.ends_with("end\nok"),
            "{copied:?}"
        );
    }

    #[test]
    fn long_text_is_cut_to_fit_the_terminals_cap() {
        assert_eq!(MAX_COPY_BYTES, 74_994);
        let (small, cut) = clipboard_text("short");
        assert!(!cut && matches!(small, Cow::Borrowed("short")));
        let at_cap = "a".repeat(MAX_COPY_BYTES);
        assert_eq!(osc52(&at_cap).len(), MAX_SEQUENCE_BYTES);
        assert!(!clipboard_text(&at_cap).1);
        let big = "b".repeat(1_000_000);
        let seq = osc52(&big);
        assert_eq!(seq.len(), MAX_SEQUENCE_BYTES);
        assert_eq!(payload(&seq), big[..MAX_COPY_BYTES]);
        assert!(clipboard_text(&big).1);
        // Two-byte and four-byte characters are never split.
        for unit in ["é", "🇰", "日"] {
            let text = unit.repeat(MAX_COPY_BYTES);
            let seq = osc52(&text);
            assert!(seq.len() <= MAX_SEQUENCE_BYTES, "{unit}");
            let copied = payload(&seq);
            assert!(copied.chars().all(|c| c.to_string() == unit), "{unit}");
            assert!(
                copied.len() > MAX_COPY_BYTES - 4,
                "{unit}: {}",
                copied.len()
            );
        }
        // Sanitizing happens before the cut: an escape-filled text is cut on its clean form.
        let noisy = "\x1b[0m".repeat(100_000) + "tail";
        assert_eq!(payload(&osc52(&noisy)), "tail");
    }

    #[test]
    fn citation_names_headline_outlet_and_date() {
        let mut a = Article::sample(
            "003_7b60cf7055b81dea",
            "Japan, South Korea agree to keep intelligence pact",
            "AP",
            Some("2019-11-23"),
            vec![],
        );
        assert_eq!(
            citation(&Card::of(&a)),
            "Japan, South Korea agree to keep intelligence pact — AP, 2019-11-23"
        );
        a.publisher = Sourced::merge(Some("Business Standard".to_owned()), None);
        a.date = Sourced::merge(None, PartialDate::parse_iso("2023"));
        assert_eq!(
            citation(&Card::of(&a)),
            "Japan, South Korea agree to keep intelligence pact — AP via Business Standard, 2023 (given)"
        );
        a.headline = Sourced::missing();
        a.outlet = Sourced::missing();
        a.publisher = Sourced::missing();
        a.date = Sourced::missing();
        assert_eq!(
            citation(&Card::of(&a)),
            "003_7b60cf7055b81dea.txt — outlet unknown, date unknown"
        );
        a.headline = Sourced::merge(Some("Evil\x1b]0;t\x07\nTitle\u{202E}".to_owned()), None);
        assert_eq!(
            citation(&Card::of(&a)),
            "Evil Title — outlet unknown, date unknown"
        );
    }
}
