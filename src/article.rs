//! The article model: what one file becomes after extraction and metadata merge.
//! Plain data only: no I/O, no terminal, no parsing (that is `extract` and `load`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::entities::FoundEntity;
use crate::timeref::TimeRef;
use crate::topics::TopicHit;

/// Where a field's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Found in the article's own text.
    Stated,
    /// Given beside the text: a sidecar `NAME.toml` or `+++` front matter.
    Given,
    /// Neither stated nor given.
    Missing,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Stated => "stated",
            Source::Given => "given",
            Source::Missing => "missing",
        })
    }
}

/// A value together with where it came from. `value` is `None` exactly when `source` is `Missing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sourced<T> {
    pub value: Option<T>,
    pub source: Source,
}

impl<T> Sourced<T> {
    /// Nothing known.
    pub fn missing() -> Self {
        Sourced {
            value: None,
            source: Source::Missing,
        }
    }

    /// Given metadata wins over what the text states; either wins over nothing.
    pub fn merge(stated: Option<T>, given: Option<T>) -> Self {
        match (given, stated) {
            (Some(v), _) => Sourced {
                value: Some(v),
                source: Source::Given,
            },
            (None, Some(v)) => Sourced {
                value: Some(v),
                source: Source::Stated,
            },
            (None, None) => Self::missing(),
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        })
    }
}

/// A calendar date known to the year, the month or the day. A day is only present with a month.
/// Ordering is chronological, with a less precise date sorting before the more precise ones it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: u16) -> Option<Self> {
        (1000..=9999).contains(&year).then_some(PartialDate {
            year,
            month: None,
            day: None,
        })
    }

    /// A date known to the month.
    pub fn month(year: u16, month: u8) -> Option<Self> {
        let mut d = Self::year(year)?;
        (1..=12).contains(&month).then(|| {
            d.month = Some(month);
            d
        })
    }

    /// A date known to the day; `None` for a day that does not exist (Feb 30, Nov 31).
    pub fn day(year: u16, month: u8, day: u8) -> Option<Self> {
        let mut d = Self::month(year, month)?;
        (day >= 1 && day <= days_in_month(year, month)).then(|| {
            d.day = Some(day);
            d
        })
    }

    /// Parse `2019-11-23`, `2019-11` or `2019` (the formats metadata uses).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let mut parts = s.trim().split('-');
        let y = parse_digits(parts.next()?, 4)?;
        let m = parts.next().map(|p| parse_digits(p, 2));
        let d = parts.next().map(|p| parse_digits(p, 2));
        if parts.next().is_some() {
            return None;
        }
        match (m, d) {
            (None, None) => Self::year(y),
            (Some(m), None) => Self::month(y, u8::try_from(m?).ok()?),
            (Some(m), Some(d)) => Self::day(y, u8::try_from(m?).ok()?, u8::try_from(d?).ok()?),
            (None, Some(_)) => None,
        }
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`); `None` outside
    /// the years 1000 to 9999.
    pub fn from_unix_days(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::day(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Today, in UTC, by the system clock.
    pub fn today() -> Option<Self> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        Self::from_unix_days(i64::try_from(secs / 86_400).ok()?)
    }

    pub fn get_year(self) -> u16 {
        self.year
    }

    pub fn get_month(self) -> Option<u8> {
        self.month
    }

    pub fn get_day(self) -> Option<u8> {
        self.day
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

/// ISO form at the date's precision: `2019-11-23`, `2019-11`, `2019`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn parse_digits(s: &str, len: usize) -> Option<u16> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The months' English names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// One article, ready to show. Built by `load` from the text and any given metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The file stem, unique within the store: `003_7b60cf7055b81dea`.
    pub id: String,
    /// The path inside the articles folder, `/`-separated, as shown: a name that is not UTF-8 is
    /// decoded lossily and control characters are cleaned out (the loader reads the real path).
    pub file: String,
    pub headline: Sourced<String>,
    /// The agency or paper that wrote the story, canonical name.
    pub outlet: Sourced<String>,
    /// The site it was pasted from, when different from the outlet.
    pub publisher: Sourced<String>,
    pub date: Sourced<PartialDate>,
    /// The dateline city as written (`SEOUL`, `Seoul`).
    pub dateline: Sourced<String>,
    /// The reporters named in a byline, or the reporting credit when there is no byline.
    pub byline: Option<String>,
    /// Credit lines (reporting, editing, assistance), as written.
    pub credits: Vec<String>,
    /// Photo captions, kept out of the body.
    pub captions: Vec<String>,
    pub tags: Vec<String>,
    /// Clean paragraphs, page furniture removed, repeated lead shown once.
    pub body: Vec<String>,
    /// Words in the body.
    pub words: usize,
    /// Named entities of the body, in the order first met (filled in by `Lexicon::analyze`).
    pub entities: Vec<FoundEntity>,
    /// Story threads whose cues the body contains.
    pub topics: Vec<TopicHit>,
    /// Other periods the body speaks of.
    pub time_refs: Vec<TimeRef>,
}

impl Article {
    /// The year, when the date is known.
    pub fn year(&self) -> Option<u16> {
        year_of(&self.date)
    }

    /// The headline, or the file name when none could be found.
    pub fn title(&self) -> &str {
        title_of(&self.headline, &self.file)
    }

    /// The outlet as shown in lists and citations: `AP via Business Standard`, `Reuters`, or
    /// what is known of it.
    pub fn outlet_label(&self) -> String {
        outlet_label_of(&self.outlet, &self.publisher)
    }

    /// Date as shown to people: `2019-11-23`, `2023 (given)`, `date unknown`.
    pub fn date_label(&self) -> String {
        date_label_of(&self.date)
    }
}

/// What the store keeps of an article in memory: what lists, filters and cross-references read.
/// The text, the captions and credits and where each name is mentioned are in the whole
/// [`Article`], which the store hands out when one is opened (see `Store::article`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: String,
    pub file: String,
    pub headline: Sourced<String>,
    pub outlet: Sourced<String>,
    pub publisher: Sourced<String>,
    pub date: Sourced<PartialDate>,
    pub dateline: Sourced<String>,
    pub byline: Option<String>,
    pub tags: Vec<String>,
    pub words: usize,
    /// The article's story threads with how often each is cued (headline included).
    pub topics: Vec<TopicCount>,
    /// Other periods the body speaks of (their words are in the whole article).
    pub time_refs: Vec<TimeRef>,
}

/// A story thread of an article and how many times the article cues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicCount {
    /// Index into the configured topics.
    pub topic: usize,
    pub count: usize,
}

impl Card {
    /// The card of an article.
    pub fn of(a: &Article) -> Card {
        Card {
            id: a.id.clone(),
            file: a.file.clone(),
            headline: a.headline.clone(),
            outlet: a.outlet.clone(),
            publisher: a.publisher.clone(),
            date: a.date.clone(),
            dateline: a.dateline.clone(),
            byline: a.byline.clone(),
            tags: a.tags.clone(),
            words: a.words,
            topics: a
                .topics
                .iter()
                .map(|t| TopicCount {
                    topic: t.topic,
                    count: t.count(),
                })
                .collect(),
            time_refs: a.time_refs.clone(),
        }
    }

    /// The year, when the date is known.
    pub fn year(&self) -> Option<u16> {
        year_of(&self.date)
    }

    /// The headline, or the file name when none could be found.
    pub fn title(&self) -> &str {
        title_of(&self.headline, &self.file)
    }

    /// The outlet as shown in lists and citations (see [`Article::outlet_label`]).
    pub fn outlet_label(&self) -> String {
        outlet_label_of(&self.outlet, &self.publisher)
    }

    /// Date as shown to people (see [`Article::date_label`]).
    pub fn date_label(&self) -> String {
        date_label_of(&self.date)
    }
}

fn year_of(date: &Sourced<PartialDate>) -> Option<u16> {
    date.get().map(|d| d.get_year())
}

fn title_of<'a>(headline: &'a Sourced<String>, file: &'a str) -> &'a str {
    headline.get().map_or(file, String::as_str)
}

fn outlet_label_of(outlet: &Sourced<String>, publisher: &Sourced<String>) -> String {
    match (outlet.get(), publisher.get()) {
        (Some(o), Some(p)) => format!("{o} via {p}"),
        (Some(o), None) => o.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "outlet unknown".to_owned(),
    }
}

fn date_label_of(date: &Sourced<PartialDate>) -> String {
    match (date.get(), date.source) {
        (Some(d), Source::Given) => format!("{d} (given)"),
        (Some(d), _) => d.to_string(),
        (None, _) => "date unknown".to_owned(),
    }
}

#[cfg(test)]
impl Article {
    /// A stated article for tests: the given fields, everything else missing or empty.
    pub(crate) fn sample(
        id: &str,
        headline: &str,
        outlet: &str,
        date: Option<&str>,
        body: Vec<String>,
    ) -> Article {
        Article {
            id: id.to_owned(),
            file: format!("{id}.txt"),
            headline: Sourced::merge(Some(headline.to_owned()), None),
            outlet: Sourced::merge(Some(outlet.to_owned()), None),
            publisher: Sourced::missing(),
            date: Sourced::merge(date.and_then(PartialDate::parse_iso), None),
            dateline: Sourced::missing(),
            byline: None,
            credits: vec![],
            captions: vec![],
            tags: vec![],
            words: count_words(&body),
            body,
            entities: vec![],
            topics: vec![],
            time_refs: vec![],
        }
    }
}

/// Count words: whitespace-separated tokens holding at least one letter or digit.
pub fn count_words<'a>(paragraphs: impl IntoIterator<Item = &'a String>) -> usize {
    paragraphs
        .into_iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_become_calendar_days() {
        let d = |y, m, day| PartialDate::day(y, m, day);
        assert_eq!(PartialDate::from_unix_days(0), d(1970, 1, 1));
        assert_eq!(PartialDate::from_unix_days(18_223), d(2019, 11, 23));
        assert_eq!(PartialDate::from_unix_days(19_782), d(2024, 2, 29));
        assert_eq!(PartialDate::from_unix_days(-1), d(1969, 12, 31));
        assert_eq!(PartialDate::from_unix_days(i64::from(i32::MAX)), None);
        assert!(PartialDate::today().is_some_and(|t| t.get_year() >= 2024));
    }

    #[test]
    fn iso_dates_parse_at_their_precision() {
        assert_eq!(
            PartialDate::parse_iso("2019-11-23").unwrap().precision(),
            Precision::Day
        );
        assert_eq!(
            PartialDate::parse_iso("2019-11").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse_iso("2019").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse_iso("2019-11-23").unwrap().to_string(),
            "2019-11-23"
        );
        assert_eq!(PartialDate::parse_iso("2023").unwrap().to_string(), "2023");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in [
            "2019-02-30",
            "2019-13",
            "19-11-23",
            "2019-1-2",
            "",
            "2019-11-23-1",
            "abcd",
            "2019--01",
        ] {
            assert_eq!(PartialDate::parse_iso(bad), None, "{bad}");
        }
        assert!(PartialDate::parse_iso("2020-02-29").is_some());
        assert!(PartialDate::parse_iso("2100-02-29").is_none());
    }

    #[test]
    fn dates_order_chronologically() {
        let a = PartialDate::parse_iso("2019").unwrap();
        let b = PartialDate::parse_iso("2019-11-23").unwrap();
        let c = PartialDate::parse_iso("2021-03").unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn given_overrides_stated() {
        let s = Sourced::merge(Some(1), Some(2));
        assert_eq!((s.value, s.source), (Some(2), Source::Given));
        let s = Sourced::merge(Some(1), None);
        assert_eq!((s.value, s.source), (Some(1), Source::Stated));
        let s: Sourced<i32> = Sourced::merge(None, None);
        assert_eq!((s.value, s.source), (None, Source::Missing));
    }

    #[test]
    fn words_ignore_punctuation_tokens() {
        let body = vec!["Seoul — said “yes” .".to_owned(), "2019 talks".to_owned()];
        assert_eq!(count_words(&body), 5);
    }
}
