//! The gazetteer: known entities with their canonical names, kinds and aliases, from config.toml
//! (or a file it names), matched in text with one Aho-Corasick automaton (leftmost-longest, on
//! word boundaries). No I/O here: config builds it, `entities` uses it.

use foldhash::{HashMap, HashMapExt};
use std::fmt;

use super::Kind;
use super::matcher::PhraseMatcher;

/// One known entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
}

/// Two entries claim the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError {
    pub alias: String,
    pub first: String,
    pub second: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the name '{}' is given to both '{}' and '{}'; keep it under one of them",
            crate::sanitize::line(&self.alias),
            crate::sanitize::line(&self.first),
            crate::sanitize::line(&self.second)
        )
    }
}

impl std::error::Error for GazetteerError {}

/// Known entities and the automaton that finds them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    matcher: PhraseMatcher,
    /// Phrase index of the matcher -> entry.
    phrase_entry: Vec<usize>,
    /// Normalised name or alias -> entry.
    by_key: HashMap<String, usize>,
}

/// A gazetteer name found in text: byte range and entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// The form names are compared in: lowercase, hyphens and dots as spaces, one space between words,
/// curly apostrophes straight. `Yoon Suk-yeol` and `Yoon Suk Yeol` are the same name.
pub fn name_key(name: &str) -> String {
    if name.is_ascii() {
        ascii_name_key(name)
    } else {
        unicode_name_key(name)
    }
}

fn unicode_name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‐' || c == '.')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(if c == '’' {
                '\''.to_lowercase()
            } else {
                c.to_lowercase()
            });
        }
    }
    out
}

/// [`name_key`] of an ASCII name, as most are, byte by byte: lowercasing an ASCII letter is the
/// same byte arithmetic as Unicode's rule, and no ASCII character but these is whitespace.
fn ascii_name_key(name: &str) -> String {
    let mut out = vec![0; name.len()];
    let n = ascii_name_key_into(name.as_bytes(), &mut out);
    out.truncate(n);
    // Only ASCII bytes were written.
    String::from_utf8(out).unwrap_or_default()
}

/// Write the key of the ASCII bytes `name` into `out` (at least as long: a key is never longer
/// than its name) and return its length.
fn ascii_name_key_into(name: &[u8], out: &mut [u8]) -> usize {
    let mut n = 0;
    let mut gap = false;
    for &b in name {
        if b.is_ascii_whitespace() || b == b'-' || b == b'.' || b == 0x0b {
            gap = n > 0;
        } else {
            if gap {
                out[n] = b' ';
                n += 1;
                gap = false;
            }
            out[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    n
}

/// `f` of [`name_key`]`(name)`, built on the stack for a short ASCII name: a lookup by key then
/// allocates nothing (the article's names are looked up at every capitalized word).
pub fn with_name_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    const ROOM: usize = 64;
    if name.is_ascii() && name.len() <= ROOM {
        let mut buf = [0u8; ROOM];
        let n = ascii_name_key_into(name.as_bytes(), &mut buf);
        if let Ok(key) = std::str::from_utf8(&buf[..n]) {
            return f(key);
        }
    }
    f(&name_key(name))
}

impl Gazetteer {
    /// Build from entries. A name or alias given to two different entries is an error; the same
    /// entry listed twice (a user's file repeating the default) is merged.
    pub fn new(entries: Vec<Entry>) -> Result<Gazetteer, GazetteerError> {
        let mut merged: Vec<Entry> = Vec::new();
        let mut by_name: HashMap<(Kind, String), usize> = HashMap::new();
        for e in entries {
            if let Some(&i) = by_name.get(&(e.kind, name_key(&e.name))) {
                for a in e.aliases {
                    if !merged[i].aliases.contains(&a) {
                        merged[i].aliases.push(a);
                    }
                }
            } else {
                by_name.insert((e.kind, name_key(&e.name)), merged.len());
                merged.push(e);
            }
        }
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut phrases = Vec::new();
        let mut phrase_entry = Vec::new();
        for (i, e) in merged.iter().enumerate() {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                if let Some(&other) = by_key.get(&key)
                    && other != i
                {
                    return Err(GazetteerError {
                        alias: name.clone(),
                        first: merged[other].name.clone(),
                        second: e.name.clone(),
                    });
                }
                by_key.insert(key, i);
                phrases.push(name.clone());
                phrase_entry.push(i);
            }
        }
        Ok(Gazetteer {
            entries: merged,
            matcher: PhraseMatcher::new(&phrases),
            phrase_entry,
            by_key,
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    /// The entry a name or alias belongs to, in any case and hyphenation.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        with_name_key(name, |key| self.by_key.get(key).copied())
    }

    /// The longest gazetteer name starting exactly at byte `at`.
    pub fn find_at(&self, text: &str, at: usize) -> Option<Hit> {
        let f = self.matcher.find_at(text, at)?;
        Some(Hit {
            start: f.start,
            end: f.end,
            entry: *self.phrase_entry.get(f.phrase)?,
        })
    }

    /// Every gazetteer name in `text`, leftmost-longest, on word boundaries.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.matcher
            .find(text)
            .into_iter()
            .filter_map(|f| {
                Some(Hit {
                    start: f.start,
                    end: f.end,
                    entry: *self.phrase_entry.get(f.phrase)?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_name_key_equals_the_unicode_one() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let samples = [
            every_ascii.as_str(),
            "Yoon Suk-yeol",
            "  U.S.  Trade\tRepresentative\x0b-Office. ",
            "O'Brien\r\n\x0c..--",
            "",
            "-",
            "a\x1fb\x7fc",
        ];
        for s in samples {
            assert_eq!(ascii_name_key(s), unicode_name_key(s), "{s:?}");
        }
        for i in 0..every_ascii.len() {
            let s = &every_ascii[i..];
            assert_eq!(ascii_name_key(s), unicode_name_key(s), "{s:?}");
        }
        // The stack-built key is the same, for short, long (past its 64 bytes) and other names.
        let long = "The Ministry of Trade, Industry and Energy of the Republic of Korea.";
        for s in samples
            .into_iter()
            .chain([long, &long[4..], "Moon Jae-in’s", "İstanbul"])
        {
            assert_eq!(with_name_key(s, str::to_owned), name_key(s), "{s:?}");
        }
    }

    fn gaz() -> Gazetteer {
        Gazetteer::new(vec![
            Entry {
                name: "Yoon Suk Yeol".into(),
                kind: Kind::Person,
                aliases: vec!["President Yoon".into(), "Yoon".into()],
            },
            Entry {
                name: "GSOMIA".into(),
                kind: Kind::Agreement,
                aliases: vec![
                    "General Security of Military Information Agreement".into(),
                    "intelligence-sharing pact".into(),
                    "intelligence-sharing deal".into(),
                ],
            },
            Entry {
                name: "United States".into(),
                kind: Kind::Place,
                aliases: vec!["US".into(), "U.S.".into()],
            },
            Entry {
                name: "Japan".into(),
                kind: Kind::Place,
                aliases: vec![],
            },
        ])
        .unwrap()
    }

    fn found<'a>(g: &Gazetteer, text: &'a str) -> Vec<(&'a str, String)> {
        g.find(text)
            .into_iter()
            .map(|h| (&text[h.start..h.end], g.entries()[h.entry].name.clone()))
            .collect()
    }

    #[test]
    fn longest_alias_wins_and_hyphenation_does_not_matter_for_lookup() {
        let g = gaz();
        assert_eq!(
            found(
                &g,
                "President Yoon met Yoon's aides over the Intelligence-sharing pact."
            ),
            [
                ("President Yoon", "Yoon Suk Yeol".to_owned()),
                ("Yoon", "Yoon Suk Yeol".to_owned()),
                ("Intelligence-sharing pact", "GSOMIA".to_owned())
            ]
        );
        assert_eq!(g.lookup("yoon suk-yeol"), g.lookup("Yoon Suk Yeol"));
        assert!(g.lookup("Yoon Suk Yeol").is_some());
        assert_eq!(g.lookup("Kishida"), None);
    }

    #[test]
    fn word_boundaries_and_case_rules() {
        let g = gaz();
        // `Japanese` is not `Japan`; `us` is not the US; `japan` in lowercase is not a name.
        assert!(found(&g, "Japanese firms told us about japan").is_empty());
        assert_eq!(
            found(&g, "the US-led talks, U.S. officials, JAPAN"),
            [
                ("US", "United States".to_owned()),
                ("U.S.", "United States".to_owned()),
                ("JAPAN", "Japan".to_owned())
            ]
        );
        assert_eq!(found(&g, "Yoon-Kishida talks")[0].0, "Yoon");
    }

    #[test]
    fn a_name_given_to_two_entries_is_an_error_and_repeats_merge() {
        let e = Gazetteer::new(vec![
            Entry {
                name: "Dokdo".into(),
                kind: Kind::Place,
                aliases: vec!["Takeshima".into()],
            },
            Entry {
                name: "Takeshima Island".into(),
                kind: Kind::Place,
                aliases: vec!["takeshima".into()],
            },
        ])
        .unwrap_err();
        assert_eq!(e.alias, "takeshima");
        let g = Gazetteer::new(vec![
            Entry {
                name: "Dokdo".into(),
                kind: Kind::Place,
                aliases: vec!["Takeshima".into()],
            },
            Entry {
                name: "Dokdo".into(),
                kind: Kind::Place,
                aliases: vec!["Liancourt Rocks".into()],
            },
        ])
        .unwrap();
        assert_eq!(g.entries().len(), 1);
        assert_eq!(g.lookup("liancourt rocks"), Some(0));
    }

    #[test]
    fn name_keys() {
        assert_eq!(name_key("Yoon  Suk-yeol"), "yoon suk yeol");
        assert_eq!(name_key("U.S."), "u s");
        assert_eq!(name_key("O’Brien"), "o'brien");
        assert_eq!(name_key(" - "), "");
    }
}
