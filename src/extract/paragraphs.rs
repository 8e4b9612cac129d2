//! Lines -> paragraphs: normalise line endings and blank lines, rejoin hard-wrapped lines, and show
//! a repeated standfirst or lead once. Pure functions.

use std::borrow::Cow;

use foldhash::{HashMap, HashSet, HashSetExt};

use super::furniture::ends_sentence;

/// One non-blank line of the page, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// A blank line came before it.
    pub gap_before: bool,
}

/// Split text into trimmed non-blank lines. CRLF and lone CR end lines; a line of only
/// whitespace (including no-break spaces) is blank; runs of spaces inside a line become one.
pub fn lines(text: &str) -> Vec<Line> {
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let mut out = Vec::new();
    let mut gap = false;
    for raw in text.split('\n') {
        let text = if spaced_once(raw) {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(raw.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        let text = text.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        if text.is_empty() {
            gap = true;
        } else {
            out.push(Line {
                text: text.to_owned(),
                gap_before: gap && !out.is_empty(),
            });
            gap = false;
        }
    }
    out
}

/// Words separated by single ASCII spaces, none at either end: what joining the line's words
/// with one space would give back unchanged. Most lines are so; they need no new string.
fn spaced_once(line: &str) -> bool {
    let mut after_space = true; // a space at the very start is one too many
    for c in line.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || line.is_empty()
}

/// Zero-width and byte-order characters that make a blank line look non-blank.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Join lines that were hard-wrapped inside one paragraph: the next line continues the previous one
/// when there is no blank line between, the previous does not end a sentence and the next starts
/// in lower case (or the previous ends with a hyphen inside a word).
pub fn join_wrapped(lines: Vec<Line>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last_joinable = false;
    for line in lines {
        let continues = !line.gap_before
            && last_joinable
            && out.last().is_some_and(|prev: &String| {
                !ends_sentence(prev)
                    && (line.text.starts_with(char::is_lowercase) || prev.ends_with('-'))
            });
        if continues {
            if let Some(prev) = out.last_mut() {
                if !prev.ends_with('-') {
                    prev.push(' ');
                }
                prev.push_str(&line.text);
            }
        } else {
            out.push(line.text);
        }
        last_joinable = true;
    }
    out
}

/// Words of a paragraph for comparison: lowercase letters and digits only.
/// A paragraph's words, lower case, one space apart: what "the same paragraph" compares.
fn key(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut gap = false;
    for c in p.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    out
}

/// How many paragraphs at the top may repeat each other (standfirst, lead, the lead again after a
/// photo and byline).
const LEAD_WINDOW: usize = 6;
/// A paragraph this much contained in a fuller one near the top is a repeat.
const CONTAINED: f64 = 0.9;
/// Short paragraphs (a quote, a subhead) are never dropped as near-repeats.
const MIN_WORDS: usize = 8;

/// Show each paragraph once. Exact repeats (ignoring case, spacing and punctuation) are dropped
/// anywhere; near the top, a paragraph whose words are almost all contained in a longer one
/// (a standfirst that the lead repeats and extends) is dropped too. The first of equals is kept.
pub fn dedupe(paragraphs: Vec<String>) -> Vec<String> {
    let keys: Vec<String> = paragraphs.iter().map(|p| key(p)).collect();
    let mut drop = vec![false; paragraphs.len()];
    let mut seen: HashSet<&str> = HashSet::with_capacity(keys.len());
    for (i, k) in keys.iter().enumerate() {
        if !k.is_empty() && !seen.insert(k.as_str()) {
            drop[i] = true;
        }
    }
    let top: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| !drop[i])
        .take(LEAD_WINDOW)
        .collect();
    // Word lists, sorted, only for the few paragraphs near the top.
    let top_words: HashMap<usize, Vec<&str>> = top
        .iter()
        .map(|&i| {
            let mut words: Vec<&str> = keys[i].split(' ').filter(|w| !w.is_empty()).collect();
            words.sort_unstable();
            (i, words)
        })
        .collect();
    let words_of = |i: usize| top_words.get(&i).map_or(&[][..], Vec::as_slice);
    for &i in &top {
        let words = words_of(i);
        if words.len() < MIN_WORDS {
            continue;
        }
        let contained_in_longer = top.iter().any(|&j| {
            j != i
                && !drop[j]
                && words_of(j).len() > words.len()
                && containment(words, words_of(j)) >= CONTAINED
        });
        if contained_in_longer {
            drop[i] = true;
        }
    }
    paragraphs
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(p, _)| p)
        .collect()
}

/// The share of `a`'s words (with multiplicity) that also occur in `b`.
/// Both lists sorted.
fn containment(a: &[&str], b: &[&str]) -> f64 {
    // The size of the multiset intersection, by walking the two sorted lists together.
    let (mut i, mut j, mut hit) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                hit += 1;
                i += 1;
                j += 1;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let share = hit as f64 / a.len().max(1) as f64;
    share
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_taken_as_it_is_is_one_that_joining_its_words_leaves_unchanged() {
        let pieces = [
            "a", "Seoul", " ", "  ", "\t", "\u{a0}", "\u{2003}", "\u{200b}", "é", "",
        ];
        // Every line of up to four pieces: the fast path must agree with the joined words.
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let line = [a, b, c, d].concat();
                        let joined = line.split_whitespace().collect::<Vec<_>>().join(" ");
                        assert_eq!(spaced_once(&line), joined == line, "{line:?}");
                        checked += usize::from(spaced_once(&line));
                    }
                }
            }
        }
        assert!(checked > 100);
    }

    fn texts(ls: &[Line]) -> Vec<&str> {
        ls.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn containment_counts_each_word_as_often_as_both_have_it() {
        let share = |a: &[&str], b: &[&str]| {
            let (mut a, mut b) = (a.to_vec(), b.to_vec());
            a.sort_unstable();
            b.sort_unstable();
            containment(&a, &b)
        };
        assert!((share(&["a", "a", "b"], &["c", "b", "a"]) - 2.0 / 3.0).abs() < 1e-9);
        assert!((share(&["x", "y"], &["y", "x", "x"]) - 1.0).abs() < 1e-9);
        assert!(share(&["p"], &["q"]).abs() < 1e-9);
        assert!(share(&[], &["q"]).abs() < 1e-9);
    }

    #[test]
    fn lines_handle_crlf_cr_and_nbsp_blank_lines() {
        let ls = lines("Head\r\n\r\nFirst\rSecond\n\u{a0}\n  Third  line \n");
        assert_eq!(texts(&ls), ["Head", "First", "Second", "Third line"]);
        assert_eq!(
            ls.iter().map(|l| l.gap_before).collect::<Vec<_>>(),
            [false, true, false, true]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let ls = lines(
            "SEOUL (Reuters) - South Korea and Japan will hold\ntalks on Thursday, the ministry said.\nA second paragraph.\n\nA third\nparagraph.",
        );
        assert_eq!(
            join_wrapped(ls),
            [
                "SEOUL (Reuters) - South Korea and Japan will hold talks on Thursday, the ministry said.",
                "A second paragraph.",
                "A third paragraph."
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_stays_apart() {
        let ls = lines(
            "The leaders met on Wednesday.\nKishida's office confirmed the meeting.\nYoon said more",
        );
        assert_eq!(join_wrapped(ls).len(), 3);
    }

    #[test]
    fn exact_repeats_are_shown_once() {
        let lead = "NAGOYA, JAPAN, Nov 23: Japan and South Korea agreed on Saturday to hold formal talks next month.";
        let ps = vec![
            lead.to_owned(),
            "Second.".to_owned(),
            lead.to_owned(),
            "Third.".to_owned(),
        ];
        assert_eq!(dedupe(ps), [lead, "Second.", "Third."]);
    }

    #[test]
    fn standfirst_repeated_by_a_fuller_lead_is_dropped() {
        let standfirst = "The leaders of South Korea and Japan said they planned to discuss cooperation on global issues";
        let lead = "(Bloomberg) — The leaders of South Korea and Japan said they planned to discuss cooperation on global issues.";
        let ps = vec![standfirst.to_owned(), lead.to_owned(), "More.".to_owned()];
        assert_eq!(dedupe(ps), [lead, "More."]);
    }

    #[test]
    fn distinct_paragraphs_survive() {
        let ps = vec![
            "Japan and South Korea agreed on Saturday to hold formal talks next month in Seoul."
                .to_owned(),
            "South Korea and Japan disagreed on Friday about the talks planned for next month."
                .to_owned(),
            "“Yes,” he said.".to_owned(),
            "“Yes,” he said.".to_owned(),
        ];
        let out = dedupe(ps);
        assert_eq!(out.len(), 3, "{out:?}");
    }

    #[test]
    fn repeats_differing_only_in_case_spacing_and_punctuation_are_dropped() {
        let ps = vec![
            "Kim said: the talks will resume.".to_owned(),
            "Other news.".to_owned(),
            "KIM SAID the talks   will resume".to_owned(),
            "--".to_owned(),
            "...".to_owned(),
        ];
        // Paragraphs without a word are never repeats of each other.
        assert_eq!(
            dedupe(ps),
            [
                "Kim said: the talks will resume.",
                "Other news.",
                "--",
                "..."
            ]
        );
    }
}
