//! Many phrases found at once: one Aho-Corasick automaton (leftmost-longest, ASCII case folded),
//! each match on word boundaries and in the case its phrase asks for. Used by the gazetteer and by
//! the topic cues. No I/O.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

/// How a phrase's case must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// `GSOMIA`, `US`: exactly as written, so `us` and `Us` are not the United States.
    Exact,
    /// `Kishida`, `Nippon Steel`: the match starts with a capital (`KISHIDA` in a heading is fine).
    Capital,
    /// `intelligence-sharing pact`: any case.
    Any,
}

impl Case {
    fn of(phrase: &str) -> Case {
        let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !phrase.chars().any(char::is_lowercase) {
            Case::Exact
        } else if phrase.chars().next().is_some_and(char::is_uppercase) {
            Case::Capital
        } else {
            Case::Any
        }
    }

    fn accepts(self, phrase: &str, found: &str) -> bool {
        match self {
            Case::Exact => phrase == found,
            Case::Capital => found.chars().next().is_some_and(char::is_uppercase),
            Case::Any => true,
        }
    }
}

/// Phrases of at most this many bytes in all are searched with a DFA (about 9 MB at most).
const DFA_UP_TO_BYTES: usize = 16 * 1024;

/// A set of phrases and the automaton that finds them.
#[derive(Debug, Clone, Default)]
pub struct PhraseMatcher {
    /// Built on first use: a DFA is fast to search but takes milliseconds to build, and a start
    /// that takes every analysis from the cache never searches.
    automaton: OnceLock<Option<AhoCorasick>>,
    /// Automaton pattern id -> (the caller's index, the phrase, its case rule).
    kept: Vec<(usize, String, Case)>,
}

/// A phrase found in text: byte range and the phrase's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub phrase: usize,
}

impl PhraseMatcher {
    /// Build from phrases; phrase `i` is reported as `i`. Empty phrases never match.
    pub fn new<I, S>(phrases: I) -> PhraseMatcher
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut kept = Vec::new();
        for (i, p) in phrases.into_iter().enumerate() {
            let p = p.as_ref().trim();
            if !p.is_empty() {
                kept.push((i, p.to_owned(), Case::of(p)));
            }
        }
        PhraseMatcher {
            automaton: OnceLock::new(),
            kept,
        }
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                // A DFA makes the whole analysis about 13% faster but takes some 550 bytes per
                // byte of phrase (2 MB for the built-in gazetteer): a user's gazetteer of
                // thousands of names gets the compact NFA instead.
                let bytes: usize = self.kept.iter().map(|(_, p, _)| p.len()).sum();
                let kind = if bytes <= DFA_UP_TO_BYTES {
                    AhoCorasickKind::DFA
                } else {
                    AhoCorasickKind::ContiguousNFA
                };
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Both)
                    .kind(Some(kind))
                    .build(self.kept.iter().map(|(_, p, _)| p))
                    .ok()
                    .filter(|_| !self.kept.is_empty())
            })
            .as_ref()
    }

    /// Every phrase in `text`, leftmost-longest. A match that fails the word-boundary or case
    /// check is retried one character further on, so a shorter phrase inside it is still found.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(ac) = self.automaton() else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let Some(m) = ac.find(Input::new(text).span(at..text.len())) else {
                break;
            };
            let (index, phrase, case) = &self.kept[m.pattern().as_usize()];
            if on_word_boundaries(text, m.start(), m.end())
                && case.accepts(phrase, &text[m.start()..m.end()])
            {
                hits.push(Found {
                    start: m.start(),
                    end: m.end(),
                    phrase: *index,
                });
                at = m.end();
            } else {
                at = next_char(text, m.start());
            }
        }
        hits
    }
}

impl PhraseMatcher {
    /// The longest phrase that starts exactly at byte `at`, if it passes the same checks.
    pub fn find_at(&self, text: &str, at: usize) -> Option<Found> {
        let ac = self.automaton()?;
        let input = Input::new(text)
            .span(at..text.len())
            .anchored(Anchored::Yes);
        let m = ac.try_find(input).ok()??;
        let (index, phrase, case) = &self.kept[m.pattern().as_usize()];
        (on_word_boundaries(text, m.start(), m.end())
            && case.accepts(phrase, &text[m.start()..m.end()]))
        .then_some(Found {
            start: m.start(),
            end: m.end(),
            phrase: *index,
        })
    }
}

/// The byte offset of the character after the one at `at`.
fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// Neither end of `start..end` continues a word of the text around it.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let joins = |outside: Option<char>, inside: Option<char>| {
        outside.is_some_and(char::is_alphanumeric) && inside.is_some_and(char::is_alphanumeric)
    };
    !joins(before, first) && !joins(after, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_phrase_list_gets_a_compact_automaton_and_finds_the_same() {
        let small = PhraseMatcher::new(["Kishida", "Yoon Suk Yeol", "GSOMIA"]);
        // 30,000 made-up names of 14 letters each: as a DFA, over 100 MB.
        let mut seed: u64 = 7;
        let names: Vec<String> = (0..30_000)
            .map(|_| {
                let mut letter = || {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    char::from(b'a' + u8::try_from((seed >> 33) % 26).unwrap_or(0))
                };
                let first: String = (0..6).map(|_| letter()).collect();
                let last: String = (0..7).map(|_| letter()).collect();
                format!("{first} {last}")
            })
            .collect();
        let large = PhraseMatcher::new(names.iter().chain(&["Kishida".to_owned()]));
        let memory = |m: &PhraseMatcher| m.automaton().map_or(0, AhoCorasick::memory_usage);
        assert!(memory(&small) < 1 << 20, "{}", memory(&small));
        assert!(memory(&large) < 32 << 20, "{}", memory(&large));
        let text = format!("Kishida met {} and {}.", names[17], names[29_999]);
        assert_eq!(small.find(&text)[0].start, 0);
        let found: Vec<usize> = large.find(&text).iter().map(|f| f.phrase).collect();
        assert_eq!(found, [30_000, 17, 29_999]);
    }

    fn found<'a>(m: &PhraseMatcher, text: &'a str) -> Vec<(&'a str, usize)> {
        m.find(text)
            .into_iter()
            .map(|f| (&text[f.start..f.end], f.phrase))
            .collect()
    }

    #[test]
    fn leftmost_longest_on_word_boundaries_with_case_rules() {
        let m = PhraseMatcher::new(["Japan", "US", "U.S.", "intelligence-sharing pact", "pact"]);
        assert_eq!(
            found(
                &m,
                "Japanese firms told us; the US-led Intelligence-sharing pact, JAPAN, U.S."
            ),
            [
                ("US", 1),
                ("Intelligence-sharing pact", 3),
                ("JAPAN", 0),
                ("U.S.", 2)
            ]
        );
        assert!(found(&m, "japan impact pacts").is_empty());
    }

    #[test]
    fn a_rejected_longer_match_leaves_a_shorter_one_inside() {
        // `Korea` fails the boundary check in `Koreax`; `x Korea` later still matches.
        let m = PhraseMatcher::new(["Korea", "Koreax y"]);
        assert_eq!(found(&m, "aKoreax y Korea"), [("Korea", 0)]);
    }

    #[test]
    fn anchored_search_finds_the_longest_phrase_at_a_position() {
        let m = PhraseMatcher::new(["President Yoon", "Yoon Suk Yeol", "Yoon"]);
        let text = "President Yoon Suk Yeol said";
        assert_eq!(m.find(text)[0].phrase, 0);
        let at = m.find_at(text, 10).unwrap();
        assert_eq!((&text[at.start..at.end], at.phrase), ("Yoon Suk Yeol", 1));
        assert_eq!(m.find_at(text, 11), None);
    }

    #[test]
    fn empty_phrases_are_ignored_and_indexes_kept() {
        let m = PhraseMatcher::new(["", "Seoul"]);
        assert_eq!(found(&m, "in Seoul"), [("Seoul", 1)]);
        let none = PhraseMatcher::new(Vec::<String>::new());
        assert!(none.find("anything").is_empty());
    }
}
