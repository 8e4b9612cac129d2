//! Discovery of entities the gazetteer does not know, from how news copy introduces them: a title
//! before a name (`Foreign Minister Toshimitsu Motegi`), a role after it (`Lee Sang-ryol, director
//! general`), a verb of speech (`John Smith said`), a Korean name's shape (`Kang Kyung-wha`), an
//! acronym defined in parentheses (`Group of 20 (G20)`), an organisation's or agreement's last word
//! (`Mitsubishi Heavy Industries`, `Paris Agreement`). A capitalized word alone is never enough:
//! headlines, sentence starts, countries and weekdays are not people.

use super::Kind;
use super::gazetteer::Gazetteer;
use super::tokens::Token;
use super::words::{
    AGREEMENT_WORDS, CALENDAR, DEMONYMS, FUNCTION_WORDS, NOT_NAMES, OFFICES, ORG_HEADS,
    ORG_SUFFIXES, PLACE_SUFFIXES, SPEECH, TITLES, is_korean_name_shape,
};

/// An entity introduced in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub kind: Kind,
    /// The name as written (`Kang Kyung-wha`, `Group of 20`).
    pub name: String,
    /// Byte range of the name in the paragraph.
    pub start: usize,
    pub end: usize,
    /// An acronym defined for it in parentheses, with its byte range.
    pub acronym: Option<(String, usize, usize)>,
}

/// Words joining the parts of an organisation's or agreement's name.
const CONNECTORS: &[&str] = &["of", "on", "for", "and", "the", "de", "du", "des"];

/// Lines that credit the people who made the story, not the people in it.
const CREDIT_OPENINGS: &[&str] = &[
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "written by",
    "compiled by",
    "with assistance from",
    "photo:",
    "photo by",
    "photos by",
    "file photo",
    "contact the reporter",
    "by ",
];

/// Is this paragraph a credit line?
pub fn is_credit_line(p: &str) -> bool {
    // The openings are ASCII without a `k`: no other character lowercases to one of their letters
    // (the Kelvin sign lowercases to `k`), so comparing ASCII case-insensitively is the same as
    // lowercasing the opening of the paragraph, without making a string of it.
    let start = p.trim_start_matches(|c: char| !c.is_alphanumeric());
    CREDIT_OPENINGS.iter().any(|c| {
        start
            .get(..c.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(c))
    })
}

/// Is this paragraph a heading (`‘BIG GAP’`, `Related Stories`, a title-cased subhead)? Names in
/// headings are not discovered: every word is capitalized there.
pub fn is_heading(tokens: &[Token<'_>], p: &str) -> bool {
    // Words of 4 characters or more (4 bytes of ASCII are 4 characters; fewer bytes never are).
    let long = tokens
        .iter()
        .filter(|t| t.text.len() >= 4 && (t.text.is_ascii() || t.text.chars().count() >= 4));
    let (mut count, mut caps, mut all_caps) = (0, 0, true);
    for t in long {
        count += 1;
        caps += usize::from(t.is_capitalized());
        all_caps = all_caps && t.is_all_caps();
    }
    if count == 0 {
        return true;
    }
    let ends_sentence = p.trim_end().ends_with(['.', '!', '?', '"', '”', '’', ')']);
    all_caps || (!ends_sentence && caps * 2 >= count)
}

/// Every entity this paragraph introduces.
pub fn discover(p: &str, tokens: &[Token<'_>], gazetteer: &Gazetteer) -> Vec<Discovered> {
    if is_credit_line(p) || is_heading(tokens, p) {
        return Vec::new();
    }
    let mut found = Vec::new();
    people(p, tokens, gazetteer, &mut found);
    bodies(p, tokens, gazetteer, &mut found);
    acronyms(p, tokens, &mut found);
    cities(p, tokens, gazetteer, &mut found);
    found
}

/// The lists whose words are never part of a person's name.
fn name_stoppers() -> [&'static foldhash::HashSet<&'static str>; 9] {
    [
        &FUNCTION_WORDS,
        &TITLES,
        &DEMONYMS,
        &CALENDAR,
        &NOT_NAMES,
        &ORG_SUFFIXES,
        &AGREEMENT_WORDS,
        &PLACE_SUFFIXES,
        &SPEECH,
    ]
}

/// Every word of [`name_stoppers`] in one set: one lookup for a word of a name, not nine.
static NOT_IN_NAMES: std::sync::LazyLock<foldhash::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        name_stoppers()
            .into_iter()
            .flat_map(|list| list.iter().copied())
            .collect()
    });

/// A word that may be part of a person's name.
fn name_word(t: &Token<'_>, gazetteer: &Gazetteer) -> bool {
    let initial = t.text.chars().count() == 2 && t.text.ends_with('.') && t.is_capitalized();
    let shaped = initial
        || t.is_capitalized()
            && !t.is_all_caps()
            && !t.text.ends_with('.')
            && !t.text.chars().any(|c| c.is_ascii_digit());
    shaped
        && !t.is_in(&NOT_IN_NAMES)
        && gazetteer
            .lookup(t.text)
            .and_then(|i| gazetteer.entry(i))
            .is_none_or(|e| e.kind == Kind::Person)
}

/// Maximal runs of capitalized words separated only by spaces (or a hyphen: `Okonjo-Iweala`); a
/// possessive ends its run.
fn capitalized_runs(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].is_capitalized() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len()
            && !tokens[j - 1].possessive
            && (tokens[j].joined_by_space() || tokens[j].joined_by_hyphen())
            && tokens[j].is_capitalized()
        {
            j += 1;
        }
        runs.push((i, j));
        i = j;
    }
    runs
}

fn is_office(t: &Token<'_>) -> bool {
    t.is_in(&OFFICES)
}

/// Does a title or role stand before tokens[start] (`counterpart, Toshimitsu Motegi`,
/// `Secretary of State John Sullivan`, `president-elect Yoon`)?
fn title_before(tokens: &[Token<'_>], start: usize) -> bool {
    let first = &tokens[start];
    if !(first.joined_by_space() || first.after_comma()) {
        return false;
    }
    let mut k = start;
    for _ in 0..3 {
        let Some(prev) = k.checked_sub(1).map(|p| &tokens[p]) else {
            return false;
        };
        if is_office(prev) {
            return true;
        }
        let qualifier = prev.with_lower(|w| TITLES.contains(w) || matches!(w, "of" | "the"));
        if !qualifier || !tokens[k].joined_by_space() && k != start {
            return false;
        }
        k -= 1;
    }
    false
}

/// Does a role follow the name ending before tokens[end] (`, director general for`)?
fn role_after(tokens: &[Token<'_>], end: usize) -> bool {
    let Some(next) = tokens.get(end) else {
        return false;
    };
    if !next.after_comma() {
        return false;
    }
    tokens[end..]
        .iter()
        .take(4)
        .take_while(|t| t.start == next.start || t.joined_by_space())
        .any(|t| t.with_lower(|w| OFFICES.contains(w) || matches!(w, "deputy" | "vice" | "former")))
}

/// Is the name at tokens[start..end] the subject or object of a verb of speech?
fn speaks(tokens: &[Token<'_>], start: usize, end: usize) -> bool {
    let after = tokens
        .get(end)
        .is_some_and(|t| t.joined_by_space() && t.is_in(&SPEECH));
    let before = start > 0
        && tokens[start - 1].is_in(&SPEECH)
        && (tokens[start].joined_by_space() || tokens[start].after_comma());
    after || before
}

fn people(p: &str, tokens: &[Token<'_>], gazetteer: &Gazetteer, found: &mut Vec<Discovered>) {
    let mut carried = false; // `Foreign Ministers Chung Eui-yong and Toshimitsu Motegi`
    for (i, j) in capitalized_runs(tokens) {
        // `Senate Majority Leader Chuck Schumer`: the name follows the last office in the run.
        let mut k = (i..j)
            .rev()
            .find(|&x| is_office(&tokens[x]) && x + 1 < j)
            .map_or(i, |x| x + 1);
        let mut titled = k > i;
        while k < j {
            let (listed, office) = tokens[k].with_lower(|w| {
                (
                    FUNCTION_WORDS.contains(w) || TITLES.contains(w) || DEMONYMS.contains(w),
                    OFFICES.contains(w),
                )
            });
            let strip = listed
                || gazetteer
                    .lookup(tokens[k].text)
                    .and_then(|e| gazetteer.entry(e))
                    .is_some_and(|e| e.kind != Kind::Person);
            if !strip {
                break;
            }
            titled |= office;
            k += 1;
        }
        let mut end = j;
        while end > k && tokens[end - 1].is_in(&CALENDAR) {
            end -= 1;
        }
        let name = &tokens[k..end];
        let after_and = carried
            && k == i
            && k > 0
            && tokens[k - 1].with_lower(|w| w == "and")
            && tokens[k].joined_by_space();
        carried = false;
        if name.is_empty() || name.len() > 4 || !name.iter().all(|t| name_word(t, gazetteer)) {
            continue;
        }
        // Only the last word may be possessive: `Kishida's`, not `Japan's Kishida`.
        if name[..name.len() - 1].iter().any(|t| t.possessive) {
            continue;
        }
        let texts: Vec<&str> = name.iter().map(|t| t.text).collect();
        let titled = titled || title_before(tokens, k);
        let cued = titled
            || after_and
            || role_after(tokens, end)
            || speaks(tokens, k, end)
            || is_korean_name_shape(&texts);
        // One word after `General` is more often a company (`General Electric`) than a general.
        let after_general = k > 0 && tokens[k - 1].with_lower(|w| w == "general");
        let accepted = if name.len() == 1 {
            titled && !after_general
        } else {
            cued
        };
        if !accepted {
            continue;
        }
        let (start, stop) = (name[0].start, name[name.len() - 1].end);
        found.push(Discovered {
            kind: Kind::Person,
            name: p[start..stop].to_owned(),
            start,
            end: stop,
            acronym: None,
        });
        carried = titled && name.len() > 1;
    }
}

/// A word that says which organisation or agreement is meant, not just what sort it is.
fn qualifies(t: &Token<'_>) -> bool {
    t.with_lower(|w| {
        !(FUNCTION_WORDS.contains(w)
            || TITLES.contains(w) && !DEMONYMS.contains(w)
            || ORG_SUFFIXES.contains(w)
            || AGREEMENT_WORDS.contains(w)
            || PLACE_SUFFIXES.contains(w)
            || CALENDAR.contains(w)
            || CONNECTORS.contains(&w)
            || NOT_NAMES.contains(w) && !DEMONYMS.contains(w))
    })
}

/// Runs of capitalized words that may include connectors between capitalized words (`Ministry of
/// Foreign Affairs`, `Group of 20`).
fn connected_runs(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].is_capitalized() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut after_of = false;
        loop {
            if j >= tokens.len() || tokens[j - 1].possessive || !tokens[j].joined_by_space() {
                break;
            }
            if tokens[j].is_capitalized() {
                j += 1;
                continue;
            }
            // A connector continues the run when a capitalized word or a number follows it.
            let w = tokens[j].lower();
            let next = tokens.get(j + 1);
            // `and` joins parts of one name only after `of` (`Ministry of Trade and Industry`);
            // elsewhere it joins two names (`Nippon Steel and Mitsubishi`).
            let continues = CONNECTORS.contains(&&*w)
                && (w != "and" || after_of)
                && next.is_some_and(|n| {
                    n.joined_by_space()
                        && (n.is_capitalized()
                            || w == "of" && n.text.chars().all(|c| c.is_ascii_digit()))
                });
            if !continues {
                break;
            }
            after_of |= w == "of";
            j += 2;
        }
        runs.push((i, j));
        i = j;
    }
    runs
}

/// Organisations, agreements and places named by their last word or their head.
fn bodies(p: &str, tokens: &[Token<'_>], gazetteer: &Gazetteer, found: &mut Vec<Discovered>) {
    for (i, j) in connected_runs(tokens) {
        let mut k = i;
        while k < j && tokens[k].is_in(&FUNCTION_WORDS) {
            k += 1;
        }
        // A run led by a person's title is a person, not a body: `Prime Minister Fumio Kishida`.
        if k >= j || j - k < 2 || tokens[k..j].iter().any(is_office) && !ends_as_body(tokens, j) {
            continue;
        }
        let span = &tokens[k..j];
        let last = span[span.len() - 1].lower();
        let first = span[0].lower();
        let head_of = span.len() >= 3 && matches!(span[1].lower().as_ref(), "of" | "on");
        let kind =
            if AGREEMENT_WORDS.contains(&*last) || head_of && AGREEMENT_WORDS.contains(&*first) {
                Kind::Agreement
            } else if ORG_SUFFIXES.contains(&*last) || head_of && ORG_HEADS.contains(&*first) {
                Kind::Organisation
            } else if PLACE_SUFFIXES.contains(&*last) {
                Kind::Place
            } else {
                continue;
            };
        if span.len() == 2 && !span.iter().any(qualifies) {
            continue; // `Foreign Ministry`, `Supreme Court`: whose?
        }
        let (start, end) = (span[0].start, span[span.len() - 1].end);
        let name = &p[start..end];
        if gazetteer.lookup(name).is_some() {
            continue; // the gazetteer finds it, under its canonical name
        }
        found.push(Discovered {
            kind,
            name: name.to_owned(),
            start,
            end,
            acronym: None,
        });
    }
}

fn ends_as_body(tokens: &[Token<'_>], j: usize) -> bool {
    tokens[j - 1].with_lower(|last| {
        ORG_SUFFIXES.contains(last) && !OFFICES.contains(last) || AGREEMENT_WORDS.contains(last)
    })
}

/// `Group of 20 (G20)`, `General Security of Military Information Agreement (GSOMIA)`.
fn acronyms(p: &str, tokens: &[Token<'_>], found: &mut Vec<Discovered>) {
    // Run end -> run start, to find the run just before an acronym at once; made at the first
    // word in brackets (most paragraphs have none).
    let mut runs: Option<foldhash::HashMap<usize, usize>> = None;
    for (t, tok) in tokens.iter().enumerate() {
        let in_parens = tok.gap.trim_start().starts_with('(')
            && tok.gap.trim() == "("
            && tokens
                .get(t + 1)
                .map_or(&p[tok.end..], |n| n.gap)
                .trim_start()
                .starts_with(')');
        if t == 0 || !in_parens {
            continue;
        }
        let letters = tok.text.chars().filter(|c| c.is_alphanumeric()).count();
        let acronym_like = (2..=8).contains(&letters)
            && tok
                .text
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
            && tok.text.chars().filter(|c| c.is_uppercase()).count() >= 1;
        if !acronym_like {
            continue;
        }
        let runs = runs.get_or_insert_with(|| {
            connected_runs(tokens)
                .into_iter()
                .map(|(i, j)| (j, i))
                .collect()
        });
        let Some(&i) = runs.get(&t) else {
            continue;
        };
        let initial = tok.text.chars().next().map(|c| c.to_ascii_lowercase());
        // Trim the run from the left until it starts with the acronym's first letter.
        let Some(k) = (i..t).find(|&k| {
            tokens[k]
                .text
                .chars()
                .next()
                .map(|c| c.to_ascii_lowercase())
                == initial
                && !tokens[k].is_in(&FUNCTION_WORDS)
        }) else {
            continue;
        };
        if t - k < 2 {
            continue;
        }
        let last = tokens[t - 1].lower();
        let kind = if AGREEMENT_WORDS.contains(&*last) {
            Kind::Agreement
        } else if PLACE_SUFFIXES.contains(&*last) {
            Kind::Place
        } else {
            Kind::Organisation
        };
        let (start, end) = (tokens[k].start, tokens[t - 1].end);
        found.push(Discovered {
            kind,
            name: p[start..end].to_owned(),
            start,
            end,
            acronym: Some((tok.text.to_owned(), tok.start, tok.end)),
        });
    }
}

/// `the central Japanese city of Nagoya`, `the port city of Busan`.
fn cities(p: &str, tokens: &[Token<'_>], gazetteer: &Gazetteer, found: &mut Vec<Discovered>) {
    for first in 2..tokens.len() {
        let (city, of, name) = (&tokens[first - 2], &tokens[first - 1], &tokens[first]);
        if !city
            .with_lower(|w| matches!(w, "city" | "town" | "village" | "province" | "prefecture"))
            || !of.with_lower(|w| w == "of")
            || !name.is_capitalized()
            || !name.joined_by_space()
        {
            continue;
        }
        let mut end = first + 1;
        while end < tokens.len()
            && end - first < 3
            && tokens[end].joined_by_space()
            && tokens[end].is_capitalized()
            && !tokens[end - 1].possessive
        {
            end += 1;
        }
        let (s, e) = (tokens[first].start, tokens[end - 1].end);
        if gazetteer.lookup(&p[s..e]).is_some() || !tokens[first..end].iter().all(qualifies) {
            continue;
        }
        found.push(Discovered {
            kind: Kind::Place,
            name: p[s..e].to_owned(),
            start: s,
            end: e,
            acronym: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_set_of_name_stoppers_is_the_nine_lists() {
        let listed: Vec<&str> = name_stoppers()
            .iter()
            .flat_map(|list| list.iter().copied())
            .chain(["kim", "seoul", "minister", "said", "the", "of", ""])
            .collect();
        for w in listed {
            let any = name_stoppers().iter().any(|list| list.contains(w));
            assert_eq!(NOT_IN_NAMES.contains(w), any, "{w}");
        }
    }

    #[test]
    fn credit_openings_can_be_compared_ignoring_ascii_case() {
        // What `is_credit_line` relies on.
        for c in CREDIT_OPENINGS {
            assert!(
                c.is_ascii() && !c.contains('k') && *c == c.to_lowercase(),
                "{c}"
            );
        }
        assert!(is_credit_line(
            "(REPORTING BY Hyonhee Shin; Editing by Ed Davies)"
        ));
        assert!(is_credit_line("— Photo: Yonhap"));
        assert!(!is_credit_line("Reportedly, the talks went on."));
        assert!(!is_credit_line("İ"));
    }
}
