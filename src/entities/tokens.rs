//! Words of a paragraph with their byte ranges, what separates each from the one before, and
//! where sentences start. The unit that entity discovery, time references and keyword-in-context
//! work on. Pure: no I/O.

use std::borrow::Cow;

/// One word of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word without a possessive `'s`: `Kang` for `Kang's`, `U.S.` keeps its dots.
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// The word was followed by `'s` or `’s`.
    pub possessive: bool,
    /// The word starts a sentence (or the paragraph).
    pub sentence_start: bool,
    /// The text between the previous word (or the paragraph start) and this one.
    pub gap: &'a str,
}

impl<'a> Token<'a> {
    /// Starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Two or more letters, all uppercase (`GSOMIA`, `BIG`), digits allowed (`G20`).
    pub fn is_all_caps(&self) -> bool {
        // The lowercase test first: most words fail it at their second letter.
        !self.text.chars().any(char::is_lowercase)
            && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }

    /// Only whitespace (no line break) separates this word from the previous one.
    pub fn joined_by_space(&self) -> bool {
        !self.gap.is_empty() && self.gap.chars().all(|c| c == ' ' || c == '\u{a0}')
    }

    /// Only a hyphen separates this word from the previous one: `Okonjo-Iweala`, `Yoon-Kishida`.
    pub fn joined_by_hyphen(&self) -> bool {
        matches!(self.gap, "-" | "\u{2010}")
    }

    /// This word is separated from the previous one by a comma (and spaces).
    pub fn after_comma(&self) -> bool {
        self.gap.trim() == ","
    }

    /// `f` of the word in lowercase, made on the stack for a short ASCII word (as most are):
    /// word lists are asked about capitalized words at every turn of entity discovery.
    pub fn with_lower<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        const ROOM: usize = 32;
        let b = self.text.as_bytes();
        if b.is_ascii() {
            if !b.iter().any(u8::is_ascii_uppercase) {
                return f(self.text);
            }
            if b.len() <= ROOM {
                let mut buf = [0u8; ROOM];
                let lower = &mut buf[..b.len()];
                lower.copy_from_slice(b);
                lower.make_ascii_lowercase();
                if let Ok(w) = std::str::from_utf8(lower) {
                    return f(w);
                }
            }
        }
        f(&self.text.to_lowercase())
    }

    /// The word, in lowercase, is on `list`.
    pub fn is_in(&self, list: &foldhash::HashSet<&'static str>) -> bool {
        self.with_lower(|w| list.contains(w))
    }

    /// The word in lowercase, for looking up in word lists. Borrowed when it is lowercase
    /// ASCII already, as most words are: this runs several times for every word of every article.
    pub fn lower(&self) -> Cow<'a, str> {
        if self
            .text
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Cow::Borrowed(self.text)
        } else {
            Cow::Owned(self.text.to_lowercase())
        }
    }
}

/// Abbreviations whose final dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm",
    "sen", "rep", "gov", "prof", "rev", "no", "co", "corp", "inc", "ltd", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "approx", "dept",
    "univ",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character starting at byte `at` of `text` (`None` at the end).
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(at..)?.chars().next(),
        None => None,
    }
}

/// Is the character at byte `at` a word character? ASCII without decoding.
fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, at).is_some_and(is_word_char),
        None => false,
    }
}

/// The byte just after the character at `at` (`at` itself at the end).
fn after(text: &str, at: usize) -> usize {
    at + char_at(text, at).map_or(0, char::len_utf8)
}

/// `U`, `U.S`, `S`: single letters joined by dots (what a dot after them may keep).
fn letters_with_dots(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    })
}

fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
    } else {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
}

/// Split a paragraph into words.
///
/// A hyphen joins a word to a lowercase or numeric continuation (`Kyung-wha`, `30-minute`) and
/// splits it from a capitalized one (`Yoon-Kishida`, `Seoul-Tokyo`). Single letters with dots
/// stay one word (`U.S.`, `S.`), as do known abbreviations (`Mr.`, `Nov.`).
///
/// It walks the text byte by byte and decodes only characters that are not ASCII: it runs on
/// every paragraph of every article a load analyses.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(text.len() / 6 + 1);
    let mut prev_end = 0;
    let mut i = 0;
    while i < text.len() {
        if !word_char_at(text, i) {
            i = after(text, i).max(i + 1);
            continue;
        }
        let start = i;
        let mut possessive = false;
        let mut j = i;
        loop {
            while word_char_at(text, j) {
                j = after(text, j);
            }
            let Some(c) = char_at(text, j) else { break };
            let j1 = after(text, j);
            let next = char_at(text, j1);
            match (c, next) {
                ('-' | '\u{2010}', Some(n)) if n.is_lowercase() || n.is_numeric() => j = j1,
                ('\'' | '’', Some('s' | 'S')) if !word_char_at(text, after(text, j1)) => {
                    possessive = true;
                    break;
                }
                ('\'' | '’', Some(n)) if n.is_alphabetic() => j = j1,
                ('.', next) => {
                    let word = &text[start..j];
                    let dotted = letters_with_dots(word);
                    if dotted
                        && next.is_some_and(char::is_alphabetic)
                        && char_at(text, after(text, j1)) == Some('.')
                    {
                        // `U.S` so far, more letters follow: `U.S.A.`
                        j = j1;
                    } else {
                        if dotted && word.chars().next().is_some_and(char::is_uppercase)
                            || is_abbreviation(word)
                        {
                            j = j1; // keep the dot: `U.S.`, `S.`, `Mr.`
                        }
                        break;
                    }
                }
                _ => break,
            }
        }
        let gap = &text[prev_end..start];
        let sentence_start = tokens.is_empty() || ends_sentence(gap);
        tokens.push(Token {
            text: &text[start..j],
            start,
            end: j,
            possessive,
            sentence_start,
            gap,
        });
        if possessive {
            // Past the apostrophe and the `s`.
            prev_end = after(text, after(text, j));
            i = prev_end;
        } else {
            prev_end = j;
            i = j.max(after(text, i));
        }
    }
    tokens
}

/// Does this gap (after `prev`) end a sentence? A full stop, question or exclamation mark, a
/// colon, or a line break does; a dot kept inside an abbreviation does not.
///
/// `in the U.S. The talks` cannot be told apart from `U.S. officials` without grammar: a dotted
/// abbreviation keeps its dot, so the sentence goes on there.
fn ends_sentence(gap: &str) -> bool {
    gap.contains(['.', '!', '?', '…', ':', '\n'])
}

/// Byte offsets where sentences start (the first is always 0), including any opening quote.
pub fn sentence_starts(p: &str, tokens: &[Token<'_>]) -> Vec<usize> {
    let mut starts = vec![0];
    for t in tokens.iter().skip(1).filter(|t| t.sentence_start) {
        // Back over opening quotes and brackets that belong to the new sentence.
        let lead = t.gap.len()
            - t.gap
                .trim_end_matches(['“', '"', '‘', '\'', '(', '[', '«', '「'])
                .len();
        let s = t.start - lead;
        if s > 0 && p.is_char_boundary(s) {
            starts.push(s);
        }
    }
    starts.dedup();
    starts
}

/// The sentence of `p` that contains byte `at`, trimmed.
pub fn sentence_around(p: &str, starts: &[usize], at: usize) -> (usize, usize) {
    let i = starts.partition_point(|&s| s <= at).saturating_sub(1);
    let s = starts.get(i).copied().unwrap_or(0);
    let e = starts.get(i + 1).copied().unwrap_or(p.len());
    let text = &p[s..e];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    (s + lead, e - trail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokenizer as first written, over a vector of every character: the byte-level one must
    /// give the same tokens.
    fn reference_tokenize(text: &str) -> Vec<Token<'_>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |i: usize| chars.get(i).map(|&(_, c)| c);
        let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
        let mut tokens: Vec<Token<'_>> = Vec::new();
        let mut prev_end = 0;
        let mut i = 0;
        while i < chars.len() {
            if !at(i).is_some_and(is_word_char) {
                i += 1;
                continue;
            }
            let start = i;
            let mut possessive = false;
            let mut j = i;
            loop {
                while at(j).is_some_and(is_word_char) {
                    j += 1;
                }
                match (at(j), at(j + 1)) {
                    (Some('-' | '\u{2010}'), Some(c)) if c.is_lowercase() || c.is_numeric() => {
                        j += 1;
                    }
                    (Some('\'' | '’'), Some('s' | 'S')) if !at(j + 2).is_some_and(is_word_char) =>
                    {
                        possessive = true;
                        break;
                    }
                    (Some('\'' | '’'), Some(c)) if c.is_alphabetic() => j += 1,
                    (Some('.'), next) => {
                        let word: String = chars[start..j].iter().map(|&(_, c)| c).collect();
                        let letters_with_dots = word.split('.').all(|part| {
                            part.chars().count() == 1 && part.chars().all(char::is_alphabetic)
                        });
                        if letters_with_dots
                            && next.is_some_and(char::is_alphabetic)
                            && at(j + 2) == Some('.')
                        {
                            // `U.S` so far, more letters follow: `U.S.A.`
                            j += 1;
                        } else {
                            if letters_with_dots
                                && word.chars().next().is_some_and(char::is_uppercase)
                                || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                            {
                                j += 1; // keep the dot: `U.S.`, `S.`, `Mr.`
                            }
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let (first_byte, end_byte) = (offset(start), offset(j));
            let gap = &text[prev_end..first_byte];
            let sentence_start = tokens.is_empty() || ends_sentence(gap);
            tokens.push(Token {
                text: &text[first_byte..end_byte],
                start: first_byte,
                end: end_byte,
                possessive,
                sentence_start,
                gap,
            });
            prev_end = if possessive { offset(j + 2) } else { end_byte };
            i = if possessive { j + 2 } else { j.max(i + 1) };
        }
        tokens
    }

    fn text_of_word_parts() -> impl Strategy<Value = String> {
        let part = prop_oneof![
            4 => "[a-zA-Z0-9]{1,6}",
            2 => proptest::sample::select(vec![
                " ", "  ", ". ", ".", "-", "\u{2010}", "'", "’", "'s", "’s", "'S", ", ", ":", "\n",
                "U.S.", "Mr.", "mr.", "Nov.", "e.g.", "S.", "(", ")", "“", "”", "é", "É", "İ",
                "ß", "中国", "\u{212a}", "x-", "-y", "3-", "a.b.c", "A.B.", "Dr", "ST.",
            ]).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(part, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn with_lower_sees_the_lowercase_word(word in "[a-zA-Z]{0,40}|\\PC{0,12}") {
            let t = Token { text: &word, start: 0, end: word.len(), possessive: false, sentence_start: false, gap: "" };
            prop_assert_eq!(t.with_lower(str::to_owned), word.to_lowercase());
            prop_assert_eq!(t.lower(), word.to_lowercase());
        }

        #[test]
        fn the_byte_level_tokenizer_equals_the_reference(text in text_of_word_parts()) {
            prop_assert_eq!(tokenize(&text), reference_tokenize(&text));
        }
    }

    fn words(p: &str) -> Vec<&str> {
        tokenize(p).iter().map(|t| t.text).collect()
    }

    #[test]
    fn hyphens_join_lowercase_and_split_capitalized_parts() {
        assert_eq!(
            words("Kang Kyung-wha met the Yoon-Kishida 30-minute Seoul-Tokyo-Washington axis"),
            [
                "Kang",
                "Kyung-wha",
                "met",
                "the",
                "Yoon",
                "Kishida",
                "30-minute",
                "Seoul",
                "Tokyo",
                "Washington",
                "axis"
            ]
        );
    }

    #[test]
    fn possessives_are_flagged_and_dropped() {
        let t = tokenize("Kishida's office and Seoul’s ministry, O'Brien's don't");
        assert_eq!(
            t.iter().map(|t| t.text).collect::<Vec<_>>(),
            [
                "Kishida", "office", "and", "Seoul", "ministry", "O'Brien", "don't"
            ]
        );
        assert!(t[0].possessive && t[3].possessive && t[5].possessive);
        assert!(!t[1].possessive && !t[6].possessive);
        assert_eq!(t[1].gap, " ");
    }

    #[test]
    fn dotted_abbreviations_stay_whole_and_do_not_end_sentences() {
        let t = tokenize("U.S. Deputy Secretary met Mr. Kim in S. Korea. Then he left.");
        assert_eq!(
            t.iter().map(|t| t.text).collect::<Vec<_>>(),
            [
                "U.S.",
                "Deputy",
                "Secretary",
                "met",
                "Mr.",
                "Kim",
                "in",
                "S.",
                "Korea",
                "Then",
                "he",
                "left"
            ]
        );
        let starts: Vec<&str> = t
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text)
            .collect();
        assert_eq!(starts, ["U.S.", "Then"]);
    }

    #[test]
    fn sentences_start_after_stops_colons_and_include_quotes() {
        let p = "He said: “We bought time.” Kang left. NAGOYA, JAPAN, Nov 23: Japan agreed";
        let t = tokenize(p);
        let starts = sentence_starts(p, &t);
        let firsts: Vec<String> = starts
            .iter()
            .map(|&s| p[s..].chars().take(4).collect())
            .collect();
        assert_eq!(firsts, ["He s", "“We ", "Kang", "NAGO", "Japa"]);
        let at = p.find("bought").unwrap();
        let (s, e) = sentence_around(p, &starts, at);
        assert_eq!(&p[s..e], "“We bought time.”");
    }

    #[test]
    fn handles_odd_text_without_panicking() {
        for p in [
            "",
            "-",
            "'s",
            "a'",
            "A.",
            "...",
            "’s Kim",
            "é-É",
            "中国 日本",
            "x-",
        ] {
            let t = tokenize(p);
            for w in &t {
                assert!(w.start <= w.end && w.end <= p.len(), "{p:?}");
            }
            let _ = sentence_starts(p, &t);
        }
        assert_eq!(words("中国 日本"), ["中国", "日本"]);
    }
}
