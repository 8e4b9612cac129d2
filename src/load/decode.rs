//! File bytes -> text: byte order marks, UTF-16 (with a BOM, or without one when the bytes leave no
//! doubt), Windows-1252 for legacy files, lossy UTF-8 otherwise, and binary detection. Pure: no
//! I/O, no sanitizing (the loader does that next), no Problems (the loader words those).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::config::line_column;

/// What the bytes of a file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Text, with a note for the user when it was not plain UTF-8.
    Text { text: String, note: Option<Note> },
    /// Not text: a NUL byte (or a NUL unit in UTF-16) at this byte offset of the file.
    Binary { offset: usize },
}

/// How the text was decoded, when the user should know: it was not UTF-8, or not all of it could
/// be decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Note {
    pub message: String,
    /// Line and column (in characters) of the first undecodable byte, when known.
    pub at: Option<(usize, usize)>,
}

impl Note {
    fn new(message: impl Into<String>) -> Self {
        Note {
            message: message.into(),
            at: None,
        }
    }
}

/// Decode the bytes of a file.
///
/// In order: a UTF-16 byte order mark transcodes the rest (bad units become U+FFFD); UTF-16
/// without a BOM is taken only when the NULs all fall on one side and the result is clean text.
/// Only then is a NUL byte taken for binary data, since UTF-16 text is full of them. A UTF-8 BOM
/// is dropped; valid UTF-8 is kept as is. Invalid UTF-8 with no multi-byte sequence at all is a
/// legacy 8-bit file, read as Windows-1252 when every high byte is defined there; anything else
/// is decoded lossily, each bad byte a U+FFFD (never a C1 control).
pub fn decode(mut bytes: Vec<u8>) -> Decoded {
    let mut bom = 0;
    match Encoding::for_bom(&bytes) {
        Some((encoding, len)) if encoding == UTF_16LE || encoding == UTF_16BE => {
            return from_utf16(&bytes[len..], len, encoding);
        }
        Some((_, len)) => {
            bytes.drain(..len);
            bom = len;
        }
        None => {
            if let Some(decoded) = bomless_utf16(&bytes) {
                return decoded;
            }
        }
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Decoded::Binary { offset: bom + at };
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Decoded::Text { text, note: None },
        Err(e) => e.into_bytes(),
    };
    if bom == 0 && is_legacy_8_bit(&bytes) {
        let (text, _, _) = WINDOWS_1252.decode(&bytes);
        return Decoded::Text {
            text: text.into_owned(),
            note: Some(Note::new("not UTF-8: decoded as Windows-1252")),
        };
    }
    let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
    let before = String::from_utf8_lossy(&bytes[..valid]);
    Decoded::Text {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        note: Some(Note {
            message: "not valid UTF-8: undecodable bytes are shown as \u{FFFD}".to_owned(),
            at: Some(line_column(&before, before.len())),
        }),
    }
}

/// Transcode UTF-16 after its BOM (`bom` bytes long); a NUL unit means binary data.
fn from_utf16(body: &[u8], bom: usize, encoding: &'static Encoding) -> Decoded {
    if let Some(unit) = body.chunks_exact(2).position(|u| u == [0, 0]) {
        return Decoded::Binary {
            offset: bom + 2 * unit,
        };
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let message = if had_errors {
        format!(
            "decoded from {}; undecodable units are shown as \u{FFFD}",
            encoding.name()
        )
    } else {
        format!("decoded from {}", encoding.name())
    };
    Decoded::Text {
        text: text.into_owned(),
        note: Some(Note::new(message)),
    }
}

/// UTF-16 without a BOM, decoded only when [`sniff_utf16`] finds the pattern and every unit
/// decodes to text (no unpaired surrogate, no control other than tab and line breaks).
fn bomless_utf16(bytes: &[u8]) -> Option<Decoded> {
    let encoding = sniff_utf16(bytes)?;
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return None;
    }
    Some(Decoded::Text {
        text: text.into_owned(),
        note: Some(Note::new(format!(
            "decoded from {} (it has no byte order mark)",
            encoding.name()
        ))),
    })
}

/// UTF-16 without a BOM, when the byte pattern leaves no doubt: an even length, a NUL byte in at
/// least three units out of four and always on the same side (Latin-script text), hardly ever on
/// the other. Binary data has NULs on both sides, or few. The caller still checks that the
/// result is clean text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut first, mut second) = (0, 0);
    for unit in bytes.chunks_exact(2) {
        first += usize::from(unit[0] == 0);
        second += usize::from(unit[1] == 0);
    }
    let most = |n: usize| n * 4 >= units * 3;
    let hardly_any = |n: usize| n * 16 <= units;
    if most(second) && hardly_any(first) {
        Some(UTF_16LE)
    } else if most(first) && hardly_any(second) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Invalid UTF-8 that looks like an 8-bit legacy file: not one valid multi-byte UTF-8 sequence,
/// and every high byte defined in Windows-1252 (its five undefined bytes would decode to C1
/// controls).
fn is_legacy_8_bit(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().all(|c| c.valid().is_ascii())
        && !bytes
            .iter()
            .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<String>) {
        match decode(bytes.to_vec()) {
            Decoded::Text { text, note } => (text, note.map(|n| n.message)),
            Decoded::Binary { offset } => panic!("binary at {offset}: {bytes:?}"),
        }
    }

    /// `s` as UTF-16 bytes, big- or little-endian, with or without a byte order mark.
    pub(in crate::load) fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in s.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    const SENTENCE: &str = "Café owners — “quoted” — 漢字 🇰🇷\r\nSecond line.\n";

    #[test]
    fn utf8_passes_and_its_bom_is_dropped() {
        assert_eq!(text(SENTENCE.as_bytes()), (SENTENCE.to_owned(), None));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), SENTENCE.as_bytes()].concat();
        assert_eq!(text(&with_bom), (SENTENCE.to_owned(), None));
        assert_eq!(text(b"\xEF\xBB\xBF"), (String::new(), None));
    }

    #[test]
    fn utf16_with_a_bom_is_transcoded_and_noted() {
        let (t, note) = text(&utf16(SENTENCE, false, true));
        assert_eq!(t, SENTENCE);
        assert_eq!(note.as_deref(), Some("decoded from UTF-16LE"));
        let (t, note) = text(&utf16(SENTENCE, true, true));
        assert_eq!(t, SENTENCE);
        assert_eq!(note.as_deref(), Some("decoded from UTF-16BE"));
        // Just the BOM: empty text, which the loader reports as an empty file.
        assert_eq!(text(b"\xFF\xFE").0, "");
    }

    #[test]
    fn bad_utf16_units_and_an_odd_length_become_replacement_characters() {
        let mut odd = utf16("Hi", false, true);
        odd.push(b'x');
        let (t, note) = text(&odd);
        assert_eq!(t, "Hi\u{FFFD}");
        assert!(note.unwrap().contains("shown as \u{FFFD}"));
        // A lone high surrogate in the middle.
        let mut lone = utf16("ab", true, true);
        lone.extend([0xD8, 0x00]);
        lone.extend(utf16("cd", true, false));
        assert_eq!(text(&lone).0, "ab\u{FFFD}cd");
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_when_unambiguous() {
        let plain = "Leaders agree to hold summit talks\nSEOUL (Reuters) - The leaders met.\n";
        for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let (t, note) = text(&utf16(plain, big_endian, false));
            assert_eq!(t, plain);
            assert_eq!(
                note.as_deref(),
                Some(format!("decoded from {name} (it has no byte order mark)").as_str())
            );
        }
        // Accents and a few CJK characters mixed in still read.
        let mixed = "Café talks in Tokyo (東京) went well, officials said on Monday.";
        assert_eq!(text(&utf16(mixed, false, false)).0, mixed);
    }

    #[test]
    fn a_nul_byte_is_binary_but_only_after_utf16_is_ruled_out() {
        let png =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x1f\x15\xc4\x89";
        assert_eq!(decode(png.to_vec()), Decoded::Binary { offset: 8 });
        assert_eq!(decode(b"abc\0def".to_vec()), Decoded::Binary { offset: 3 });
        assert_eq!(decode(b"abc\0".to_vec()), Decoded::Binary { offset: 3 });
        assert_eq!(decode(vec![0; 64]), Decoded::Binary { offset: 0 });
        // An ELF header; little-endian 16-bit counters (NULs on one side, but controls).
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0";
        assert!(matches!(decode(elf.to_vec()), Decoded::Binary { .. }));
        let counters: Vec<u8> = (0u16..200).flat_map(u16::to_le_bytes).collect();
        assert!(matches!(decode(counters), Decoded::Binary { .. }));
        // Pseudo-random bytes with NULs sprinkled in: never taken for UTF-16.
        let mut x: u32 = 2_463_534_242;
        let noise: Vec<u8> = (0..4096)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                if i % 3 == 1 { 0 } else { x.to_le_bytes()[0] }
            })
            .collect();
        assert!(matches!(decode(noise), Decoded::Binary { .. }));
        // A NUL unit in UTF-16 with a BOM is binary too (offset counts the BOM).
        let mut with_nul = utf16("ab", false, true);
        with_nul.extend([0, 0]);
        assert_eq!(decode(with_nul), Decoded::Binary { offset: 6 });
        // The UTF-8 BOM counts in the offset.
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\0".to_vec()),
            Decoded::Binary { offset: 5 }
        );
    }

    #[test]
    fn legacy_8_bit_text_is_read_as_windows_1252() {
        let note = Some("not UTF-8: decoded as Windows-1252".to_owned());
        assert_eq!(
            text(b"Caf\xe9 owners"),
            ("Café owners".to_owned(), note.clone())
        );
        assert_eq!(
            text(b"\x93quoted\x94 \x96 dash"),
            ("“quoted” – dash".to_owned(), note.clone())
        );
        // A raw CSI byte is the Windows-1252 character, never the C1 control U+009B.
        assert_eq!(text(b"a\x9b31mb"), ("a›31mb".to_owned(), note));
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_stays_utf8_and_names_the_place() {
        let (t, note) = decode_note(b"Caf\xc3\xa9 talks\nsecond \xe9 line \x9b31m");
        assert_eq!(t, "Café talks\nsecond \u{FFFD} line \u{FFFD}31m");
        assert_eq!(
            note,
            Note {
                message: "not valid UTF-8: undecodable bytes are shown as \u{FFFD}".to_owned(),
                at: Some((2, 8)),
            }
        );
        // A byte Windows-1252 leaves undefined (it would be a C1 control): lossy UTF-8.
        let (t, note) = decode_note(b"x \x81 y \xe9");
        assert_eq!(t, "x \u{FFFD} y \u{FFFD}");
        assert_eq!(note.at, Some((1, 3)));
        // A UTF-8 BOM says UTF-8: no Windows-1252 guess.
        let (t, _) = decode_note(b"\xEF\xBB\xBFCaf\xe9");
        assert_eq!(t, "Caf\u{FFFD}");
        // The reliability matrix's case: never an error, nothing lost.
        let (t, _) = decode_note(b"ok \xff\xfe bad \xc3 \xc3\xa9");
        assert_eq!(t, "ok \u{FFFD}\u{FFFD} bad \u{FFFD} é");
        assert!(!t.chars().any(|c| matches!(c, '\u{80}'..='\u{9f}')));
    }

    fn decode_note(bytes: &[u8]) -> (String, Note) {
        match decode(bytes.to_vec()) {
            Decoded::Text {
                text,
                note: Some(note),
            } => (text, note),
            other => panic!("{other:?}"),
        }
    }
}
