//! Time references in a body: the periods an article speaks of besides its own date. `December
//! 2019`, `since 2016`, `the 1965 treaty`, `last year`, `next month`, `three years ago`. They
//! point to what happened then, for cross-references. Pure: no I/O.

use crate::article::{Article, MONTH_NAMES, PartialDate, Precision};
use crate::entities::Mention;
use crate::entities::tokens::{Token, sentence_around, sentence_starts, tokenize};

/// A period an article refers to. It holds no text of its own, only where its words and its
/// sentence are in the headline or the body it was found in (a large archive holds millions).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimeRef {
    /// A year, or a month of a year.
    pub period: PartialDate,
    /// The article's own year (`earlier this year`, `in March`): what it reports as news, not
    /// what it recalls.
    pub own: bool,
    /// The body paragraph, or [`HEADLINE`].
    paragraph: u32,
    /// The words as written (`since December 2019`, `next month`, `1965 treaty`): a byte range.
    phrase: (u32, u32),
    /// The sentence around them, to tell what happened then: a byte range.
    sentence: (u32, u32),
    /// Topics cued in that sentence (indexes into the configured topics).
    pub topics: Vec<usize>,
    /// The article's entities named in that sentence (indexes into `Article::entities`), so
    /// that what a period is about is known without the text.
    pub entities: Vec<u32>,
}

/// [`TimeRef::paragraph`] of a reference in the headline.
const HEADLINE: u32 = u32::MAX;

impl TimeRef {
    fn new(
        period: PartialDate,
        own: bool,
        paragraph: Option<usize>,
        phrase: (usize, usize),
        sentence: (usize, usize),
    ) -> Self {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        TimeRef {
            period,
            own,
            paragraph: paragraph.map_or(HEADLINE, |p| small(p).min(HEADLINE - 1)),
            phrase: (small(phrase.0), small(phrase.1)),
            sentence: (small(sentence.0), small(sentence.1)),
            topics: Vec::new(),
            entities: Vec::new(),
        }
    }

    fn paragraph(&self) -> Option<usize> {
        (self.paragraph != HEADLINE).then_some(self.paragraph as usize)
    }

    /// Where the words are in the body; `None` in the headline.
    pub fn at(&self) -> Option<Mention> {
        let (s, e) = self.phrase;
        self.paragraph()
            .map(|p| Mention::new(p, s as usize, e as usize))
    }

    /// Where the sentence is in the body; `None` in the headline.
    pub fn sentence_at(&self) -> Option<Mention> {
        let (s, e) = self.sentence;
        self.paragraph()
            .map(|p| Mention::new(p, s as usize, e as usize))
    }

    /// The words as written, from the headline and body it was found in ("" if they are not
    /// those).
    pub fn phrase_in<'a>(&self, headline: Option<&'a str>, body: &'a [String]) -> &'a str {
        self.text_in(headline, body, self.phrase)
    }

    /// The sentence around the words, from the headline and body it was found in.
    pub fn sentence_in<'a>(&self, headline: Option<&'a str>, body: &'a [String]) -> &'a str {
        self.text_in(headline, body, self.sentence)
    }

    /// The words as written in `article`, whose reference this is.
    pub fn phrase<'a>(&self, article: &'a Article) -> &'a str {
        self.phrase_in(article.headline.get().map(String::as_str), &article.body)
    }

    fn text_in<'a>(
        &self,
        headline: Option<&'a str>,
        body: &'a [String],
        (s, e): (u32, u32),
    ) -> &'a str {
        let text = match self.paragraph() {
            Some(p) => body.get(p).map(String::as_str),
            None => headline,
        };
        text.and_then(|t| t.get(s as usize..e as usize))
            .unwrap_or_default()
    }
}

/// The month of a capitalized month name or its abbreviation (`Dec.`, `Sept`); not `May` alone
/// at a sentence start, which is as often the verb.
fn month(t: &Token<'_>) -> Option<u8> {
    if !t.is_capitalized() {
        return None;
    }
    let w = t.text.trim_end_matches('.');
    // Month names are ASCII, so a word that is not cannot be one (no lowercasing makes it so:
    // month names have no `k`, which the Kelvin sign lowercases to). This runs for every
    // capitalized word: compared without allocating.
    if !w.is_ascii() {
        return None;
    }
    let n = MONTH_NAMES.iter().position(|m| {
        let prefix = m.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w));
        prefix && (w.len() == m.len() || w.len() == 3 || w.eq_ignore_ascii_case("sept"))
    })?;
    u8::try_from(n + 1).ok()
}

/// A four-digit year from 1800 to 2100.
fn year(t: &Token<'_>) -> Option<u16> {
    (t.text.len() == 4 && t.text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.text.parse().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

/// Words before a year that make it a reference to that year.
const YEAR_LEADS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "before",
    "after",
    "of",
    "through",
    "throughout",
    "around",
    "circa",
    "early",
    "late",
    "mid",
    "the",
    "a",
    "its",
    "their",
    "his",
    "her",
    "between",
    "and",
    "to",
];

const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Every time reference of the headline and body of an article dated `date`. References to the
/// article's own year are kept at year precision and marked `own`: alone they say nothing about
/// other stories, but two stories of a year reporting one development both make them.
pub fn find(headline: Option<&str>, body: &[String], date: Option<PartialDate>) -> Vec<TimeRef> {
    let tokens: Vec<Vec<Token<'_>>> = body.iter().map(|p| tokenize(p)).collect();
    find_in_tokens(headline, body, &tokens, date)
}

/// Like [`find`], with each paragraph of `body` already tokenized (`tokens[i]` is
/// `tokenize(&body[i])`).
pub fn find_in_tokens(
    headline: Option<&str>,
    body: &[String],
    tokens: &[Vec<Token<'_>>],
    date: Option<PartialDate>,
) -> Vec<TimeRef> {
    let mut out = Vec::new();
    let headline_tokens = headline.map(tokenize);
    let texts = headline
        .zip(headline_tokens.as_deref())
        .map(|(h, t)| (None, h, t))
        .into_iter()
        .chain(
            body.iter()
                .zip(tokens)
                .enumerate()
                .map(|(i, (p, t))| (Some(i), p.as_str(), t.as_slice())),
        );
    for (paragraph, p, toks) in texts {
        let starts = sentence_starts(p, toks);
        let mut i = 0;
        while i < toks.len() {
            let Some((period, first, last)) = reference_at(toks, i, date) else {
                i += 1;
                continue;
            };
            i = last + 1;
            // Not to be told apart from the article's own time: the same year, and the same month
            // where both know it.
            let own = date.is_some_and(|d| {
                d.get_year() == period.get_year()
                    && (period.precision() == Precision::Year
                        || d.get_month().is_none()
                        || d.get_month() == period.get_month())
            });
            let period = match date {
                Some(d) if own => PartialDate::year(d.get_year()).unwrap_or(period),
                _ => period,
            };
            let (start, end) = (toks[first].start, toks[last].end);
            let (s, e) = sentence_around(p, &starts, start);
            out.push(TimeRef::new(period, own, paragraph, (start, end), (s, e)));
        }
    }
    out
}

/// Does `date` fall within `period`?
pub fn within(date: PartialDate, period: PartialDate) -> bool {
    date.get_year() == period.get_year()
        && (period.precision() == Precision::Year || date.get_month() == period.get_month())
}

/// The reference starting at token `at`: its period and its first and last token.
fn reference_at(
    toks: &[Token<'_>],
    at: usize,
    date: Option<PartialDate>,
) -> Option<(PartialDate, usize, usize)> {
    if let Some(m) = month(&toks[at]) {
        month_reference(toks, at, m, date)
    } else if let Some(y) = year(&toks[at]) {
        year_reference(toks, at, y)
    } else {
        relative_reference(toks, at, date?)
    }
}

/// The word after `at`, when only a space separates them.
fn next_word<'t, 'a>(toks: &'t [Token<'a>], at: usize) -> Option<&'t Token<'a>> {
    toks.get(at + 1).filter(|n| n.joined_by_space())
}

/// `at`, or the preposition before it that belongs to the phrase (`since December 2019`).
fn with_preposition(toks: &[Token<'_>], at: usize) -> usize {
    let leads = at > 0
        && matches!(
            toks[at - 1].lower().as_ref(),
            "in" | "since" | "until" | "by" | "from" | "during" | "before" | "after"
        )
        && toks[at].joined_by_space();
    if leads { at - 1 } else { at }
}

/// `December 2019`, `Dec. 24, 2019`, `December of 2019`, and `in March` (this year's).
fn month_reference(
    toks: &[Token<'_>],
    at: usize,
    month: u8,
    date: Option<PartialDate>,
) -> Option<(PartialDate, usize, usize)> {
    if toks[at].text == "May" && toks[at].sentence_start {
        return None;
    }
    let mut last = at + 1;
    if next_word(toks, at)
        .is_some_and(|n| n.text.len() <= 2 && n.text.bytes().all(|b| b.is_ascii_digit()))
    {
        last += 1;
    }
    if toks.get(last).is_some_and(|n| n.lower() == "of") {
        last += 1;
    }
    let y = toks
        .get(last)
        .filter(|n| n.gap.trim().is_empty() || n.gap.trim() == ",")
        .and_then(year);
    let first = with_preposition(toks, at);
    match y {
        Some(y) => Some((PartialDate::month(y, month)?, first, last)),
        // `in March`: this year's March, as far as a reader can tell.
        None if first < at => Some((PartialDate::month(date?.get_year(), month)?, first, at)),
        None => None,
    }
}

/// `in 2019`, `the 1965 treaty`, `2019's summit`.
fn year_reference(toks: &[Token<'_>], at: usize, y: u16) -> Option<(PartialDate, usize, usize)> {
    let before = at.checked_sub(1).map(|b| toks[b].lower());
    let led = before.as_deref().is_some_and(|w| YEAR_LEADS.contains(&w));
    if !led && !toks[at].possessive {
        return None;
    }
    if matches!(
        before.as_deref(),
        Some("the" | "a" | "its" | "their" | "his" | "her")
    ) {
        // `the 1965 treaty`: the year with the noun it dates.
        next_word(toks, at)
            .filter(|n| !n.is_capitalized() && n.text.chars().all(char::is_alphabetic))?;
        return Some((PartialDate::year(y)?, at, at + 1));
    }
    Some((PartialDate::year(y)?, with_preposition(toks, at), at))
}

/// `last year`, `next month`, `three years ago`, `this year`, placed from the article's date.
fn relative_reference(
    toks: &[Token<'_>],
    at: usize,
    date: PartialDate,
) -> Option<(PartialDate, usize, usize)> {
    // Only these words start a relative reference; every word of every article is asked, so
    // the others are turned away without lowercasing them into a string.
    let opens = toks[at].with_lower(|w| {
        matches!(w, "this" | "last" | "next" | "previous" | "following")
            || NUMBERS.contains(&w)
            || w.parse::<usize>().is_ok_and(|n| (1..=50).contains(&n))
    });
    if !opens {
        return None;
    }
    let word = toks[at].lower();
    let unit = next_word(toks, at)?.lower();
    if word == "this" && unit == "year" {
        return Some((PartialDate::year(date.get_year())?, at, at + 1));
    }
    if matches!(&*word, "last" | "next" | "previous" | "following") {
        let forward = matches!(&*word, "next" | "following");
        let period = match &*unit {
            "year" => PartialDate::year(shift_year(date.get_year(), forward, 1)?),
            "month" => {
                let (y, m) = shift_month(date.get_year(), date.get_month()?, forward)?;
                PartialDate::month(y, m)
            }
            _ => None,
        }?;
        return Some((period, at, at + 1));
    }
    let count = NUMBERS
        .iter()
        .position(|x| *x == word)
        .map(|n| n + 1)
        .or_else(|| word.parse::<usize>().ok().filter(|n| (1..=50).contains(n)))?;
    let ago = next_word(toks, at + 1)?.lower();
    if ago != "ago" || !matches!(&*unit, "years" | "year") {
        return None;
    }
    let y = shift_year(date.get_year(), false, u16::try_from(count).ok()?)?;
    Some((PartialDate::year(y)?, at, at + 2))
}

fn shift_year(y: u16, forward: bool, by: u16) -> Option<u16> {
    if forward {
        y.checked_add(by)
    } else {
        y.checked_sub(by)
    }
}

fn shift_month(y: u16, m: u8, forward: bool) -> Option<(u16, u8)> {
    match (forward, m) {
        (true, 12) => Some((y.checked_add(1)?, 1)),
        (true, m) => Some((y, m + 1)),
        (false, 1) => Some((y.checked_sub(1)?, 12)),
        (false, m) => Some((y, m - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, date: &str, own: bool) -> Vec<(String, String)> {
        let body = [text.to_owned()];
        find(None, &body, PartialDate::parse_iso(date))
            .into_iter()
            .filter(|r| r.own == own)
            .map(|r| (r.phrase_in(None, &body).to_owned(), r.period.to_string()))
            .collect()
    }

    fn refs(text: &str, date: &str) -> Vec<(String, String)> {
        found(text, date, false)
    }

    fn own(text: &str, date: &str) -> Vec<(String, String)> {
        found(text, date, true)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn months_years_and_dated_nouns() {
        assert_eq!(
            refs(
                "It was the first summit since December 2019, when leaders met. The talks began in \
                 1999 and stalled after Dec. 24, 2016, under a 1965 treaty, not 2,000 troops.",
                "2022-09-22"
            ),
            pairs(&[
                ("since December 2019", "2019-12"),
                ("in 1999", "1999"),
                ("after Dec. 24, 2016", "2016-12"),
                ("1965 treaty", "1965")
            ])
        );
    }

    #[test]
    fn relative_references_need_the_article_date() {
        let text = "They agreed to hold a summit next month, a year after talks collapsed last year; \
                    the pact was signed three years ago.";
        assert_eq!(
            refs(text, "2019-11-23"),
            pairs(&[
                ("next month", "2019-12"),
                ("last year", "2018"),
                ("three years ago", "2016")
            ])
        );
        assert!(refs(text, "").is_empty());
        // Only the year known: `next month` cannot be placed, `last year` can.
        assert_eq!(
            refs(text, "2019"),
            pairs(&[("last year", "2018"), ("three years ago", "2016")])
        );
    }

    #[test]
    fn references_to_the_articles_own_year_are_marked_own_at_year_precision() {
        let text = "Earlier this year, in March 2023 and in 2023, talks resumed. In July they met.";
        assert_eq!(
            own(text, "2023"),
            pairs(&[
                ("this year", "2023"),
                ("in March 2023", "2023"),
                ("in 2023", "2023"),
                ("In July", "2023")
            ])
        );
        assert!(refs(text, "2023").is_empty());
        // Known to the day, a May story's March is another month: a reference to it.
        assert_eq!(
            own(text, "2023-05-01"),
            pairs(&[("this year", "2023"), ("in 2023", "2023")])
        );
        assert_eq!(
            refs(text, "2023-05-01"),
            pairs(&[("in March 2023", "2023-03"), ("In July", "2023-07")])
        );
        // A month without a year is only placed when the article's year is known.
        assert!(own("In July they met.", "").is_empty());
    }

    #[test]
    fn not_years_and_not_months() {
        assert_eq!(
            refs(
                "The 1910-45 occupation; 80,000 troops; May 2019 talks; room 2019.",
                "2022"
            ),
            pairs(&[("May 2019", "2019-05")])
        );
        assert!(refs("May 2019 was hard.", "2022").is_empty());
        assert!(refs("It may march on. He fought in 3000 battles.", "2022").is_empty());
        assert_eq!(
            refs("the treaty of 1965", "2022"),
            pairs(&[("1965", "1965")])
        );
    }

    #[test]
    fn the_sentence_around_a_reference() {
        let body = vec![
            "Talks stalled. It was the first summit since December 2019, when they met. Then"
                .to_owned(),
        ];
        let r = &find(None, &body, PartialDate::parse_iso("2022"))[0];
        assert_eq!(
            r.sentence_in(None, &body),
            "It was the first summit since December 2019, when they met."
        );
        assert_eq!(r.phrase_in(None, &body), "since December 2019");
        assert_eq!(r.at(), Some(Mention::new(0, 39, 58)));
        assert_eq!(&body[0][39..58], "since December 2019");
        assert_eq!(r.sentence_at(), Some(Mention::new(0, 15, 74)));
        let title = "Leaders agree to summit next month";
        let headline = Some(title);
        let h = find(headline, &[], PartialDate::parse_iso("2019-11-23"));
        assert_eq!(h[0].phrase_in(headline, &[]), "next month");
        assert_eq!((h[0].at(), h[0].sentence_at()), (None, None));
        assert_eq!(h[0].sentence_in(headline, &[]), title);
    }
}
