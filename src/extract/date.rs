//! Dates in the many forms pasted pages carry them: `Nov 23, 2019`, `23 November 2019`,
//! `2019-11-23`, `Published 5:02 AM EST, Thu March 16, 2023`, a dateline's `Nov 23` and a
//! copyright year. Finding dates in a line and deciding whether a line is a date line; choosing
//! the article's date is the caller's job (see `extract`). Pure functions, no I/O.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::article::PartialDate;

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAYS: &str = r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)";

/// `Nov 23, 2019`, `November 23 2019`, `Sept. 5, 2019`, `Thu March 16, 2023`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?-u:\b)(?:{WEEKDAYS}\.?,?\s+)?(?P<m>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?-u:\b)"
    ))
});
/// `23 November 2019`, `23 Nov. 2019`, `Saturday, 23 November 2019`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?-u:\b)(?:{WEEKDAYS}\.?,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTHS})\.?,?\s+(?P<y>\d{{4}})(?-u:\b)"
    ))
});
/// `2019-11-23`, `2019/11/23`, `2019.11.23` (also with a time after a `T` or a space).
static NUMERIC: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    ["-", "/", r"\."].map(|sep| {
        regex(&format!(
            r"(?-u:\b)(?P<y>(?:19|20)\d{{2}}){sep}(?P<m>\d{{1,2}}){sep}(?P<d>\d{{1,2}})(?:(?-u:\b)|T)"
        ))
    })
});
/// `07/05/2023`, `7.5.2023`: day and month in an order the text does not say.
static DAY_MONTH_AMBIGUOUS: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?-u:\b)(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})[/.-](?P<y>(?:19|20)\d{2})(?-u:\b)")
});
/// `November 2019` (month precision).
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?-u:\b)(?P<m>{MONTHS})\.?,?\s+(?P<y>\d{{4}})(?-u:\b)"
    ))
});
/// `Nov 23`, `March 31` without a year, as in datelines.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)^(?P<m>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?$"
    ))
});
/// `©2023 Bloomberg L.P.`, `© 2023 Reuters`, `Copyright 2023 The Associated Press`, `(c) 2019 Yonhap`.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:©|\(c\)|copyright(?:\s*©)?)\s*(?P<y>(?:19|20)\d{2})(?:\s*[-–]\s*(?:19|20)\d{2})?\s*(?P<owner>.*)$",
    )
});
/// Parts of a date line that are not the date: times, time zones, labels, separators.
static DATE_LINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?ix)
        (?-u:\b)\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s|$|,|\|)
        | (?-u:\b)(?:a\.?m\.?|p\.?m\.?)(?:\s|$)
        | (?-u:\b)(?:first\s+published|last\s+updated|published|updated|posted|modified|created|date|released|issued|on|at|and|local\s+time|time)(?-u:\b)
        | (?-u:\b)(?:gmt|utc|kst|jst|ist|et|pt|ct|est|edt|cst|cdt|pst|pdt|bst|cet|cest|hkt|sgt|aest|aedt)(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?(?-u:\b)
        | (?-u:\b){WEEKDAYS}(?-u:\b)\.?
        | [|:,·•–—\-/()\[\]]
        "
    ))
});
/// A byline inside a date line: `March 31, 2021 - 16:44 By Yonhap`.
static BY_TAIL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)(?-u:\b)by\s+(?P<who>.+)$"));

/// Compile this module's patterns now: `extract::warm_up` does it on every core at start-up.
pub(crate) const WARM_UP: &[fn()] = &[
    || {
        LazyLock::force(&MONTH_DAY_YEAR);
    },
    || {
        LazyLock::force(&DAY_MONTH_YEAR);
    },
    || {
        LazyLock::force(&NUMERIC);
    },
    || {
        LazyLock::force(&DAY_MONTH_AMBIGUOUS);
    },
    || {
        LazyLock::force(&MONTH_YEAR);
    },
    || {
        LazyLock::force(&MONTH_DAY);
    },
    || {
        LazyLock::force(&COPYRIGHT);
    },
    || {
        LazyLock::force(&DATE_LINE_NOISE);
    },
    || {
        LazyLock::force(&BY_TAIL);
    },
];

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this module, checked by the tests below.
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("date pattern compiles")
}

/// A date found in text, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub date: PartialDate,
    pub range: Range<usize>,
}

/// The month number of an English month name or abbreviation.
pub fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    let n = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == key)?;
    u8::try_from(n + 1).ok()
}

fn number<T: std::str::FromStr>(caps: &regex::Captures<'_>, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

/// Every full date (day precision) in the text, left to right, without overlaps.
pub fn full_dates(text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for re in [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR] {
        for caps in re.captures_iter(text) {
            let date = (|| {
                let m = month_number(caps.name("m")?.as_str())?;
                PartialDate::day(number(&caps, "y")?, m, number(&caps, "d")?)
            })();
            if let (Some(date), Some(whole)) = (date, caps.get(0)) {
                push_unless_overlapping(
                    &mut found,
                    Found {
                        date,
                        range: whole.range(),
                    },
                );
            }
        }
    }
    for caps in NUMERIC.iter().flat_map(|re| re.captures_iter(text)) {
        let date = (|| {
            PartialDate::day(
                number(&caps, "y")?,
                number(&caps, "m")?,
                number(&caps, "d")?,
            )
        })();
        if let (Some(date), Some(whole)) = (date, caps.get(0)) {
            push_unless_overlapping(
                &mut found,
                Found {
                    date,
                    range: whole.start()..whole.end(),
                },
            );
        }
    }
    found.sort_by_key(|f| f.range.start);
    found
}

/// Every month-and-year date (`November 2019`) not part of a full date.
fn month_dates(text: &str, full: &[Found]) -> Vec<Found> {
    let mut found = Vec::new();
    for caps in MONTH_YEAR.captures_iter(text) {
        let date =
            (|| PartialDate::month(number(&caps, "y")?, month_number(caps.name("m")?.as_str())?))();
        if let (Some(date), Some(whole)) = (date, caps.get(0))
            && !full.iter().any(|f| overlaps(&f.range, &whole.range()))
        {
            found.push(Found {
                date,
                range: whole.range(),
            });
        }
    }
    found
}

/// Numeric dates with the year last (`07/05/2023`). Europe writes day first, the US month first;
/// only a number above 12 settles which is which. Otherwise only the year is certain, and only the
/// year is kept.
fn numeric_year_last(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    for caps in DAY_MONTH_AMBIGUOUS.captures_iter(text) {
        let date = (|| {
            let (a, b, y): (u8, u8, u16) = (
                number(&caps, "a")?,
                number(&caps, "b")?,
                number(&caps, "y")?,
            );
            match (a > 12, b > 12) {
                (true, false) => PartialDate::day(y, b, a),
                (false, true) => PartialDate::day(y, a, b),
                (false, false) if a >= 1 && b >= 1 => PartialDate::year(y),
                _ => None,
            }
        })();
        if let (Some(date), Some(whole)) = (date, caps.get(0)) {
            found.push(Found {
                date,
                range: whole.range(),
            });
        }
    }
    found
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn push_unless_overlapping(found: &mut Vec<Found>, f: Found) {
    if !found.iter().any(|g| overlaps(&g.range, &f.range)) {
        found.push(f);
    }
}

/// How a date line labels its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateLabel {
    /// `Updated`, `Last updated`, `Modified`: the story existed before this.
    Updated,
    /// No label: a date on its own line, perhaps with a time and a byline.
    Plain,
    /// `Published`, `First Published`, `Posted`: the date the story came out.
    Published,
}

/// A line that states when the article was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    pub date: PartialDate,
    pub label: DateLabel,
    /// A byline after the date (`... By Yonhap`), as written.
    pub by: Option<String>,
}

/// Whether a line is a date line (the date and little else: a time, a zone, a label, a byline),
/// and what it says. A sentence that mentions a date is not a date line.
pub fn date_line(line: &str) -> Option<DateLine> {
    // Every date read has a year of four ASCII digits (each pattern's year is four digits, and
    // `number` parses only ASCII ones): a line without four in a row is no date line, and most
    // lines of an article are passed over without a pattern run.
    if !has_four_ascii_digits(line) || line.split_whitespace().nth(16).is_some() {
        return None;
    }
    let (head, by) = match BY_TAIL.captures(line) {
        Some(c) => (
            &line[..c.get(0)?.start()],
            c.name("who").map(|w| w.as_str().trim().to_owned()),
        ),
        None => (line, None),
    };
    let full = full_dates(head);
    let months = if full.is_empty() {
        month_dates(head, &full)
    } else {
        Vec::new()
    };
    let numeric = if full.is_empty() && months.is_empty() {
        numeric_year_last(head)
    } else {
        Vec::new()
    };
    let first = full.first().or(months.first()).or(numeric.first())?;
    // Everything that is not a date, a time or a label must be (almost) nothing.
    let mut rest = head.to_owned();
    for f in full.iter().chain(&months).chain(&numeric).rev() {
        rest.replace_range(f.range.clone(), " ");
    }
    let rest = DATE_LINE_NOISE.replace_all(&rest, " ");
    if rest.split_whitespace().next().is_some() {
        return None;
    }
    let lower = head.to_lowercase();
    let label = if lower.contains("updated") || lower.contains("modified") {
        DateLabel::Updated
    } else if lower.contains("published")
        || lower.contains("posted")
        || lower.contains("released")
        || lower.contains("issued")
    {
        DateLabel::Published
    } else {
        DateLabel::Plain
    };
    Some(DateLine {
        date: first.date,
        label,
        by,
    })
}

/// Four ASCII digits in a row somewhere in `text`.
fn has_four_ascii_digits(text: &str) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// A month and day without a year, as in a dateline (`Nov 23`, `March 31`).
pub fn month_day(text: &str) -> Option<(u8, u8)> {
    let caps = MONTH_DAY.captures(text.trim())?;
    let m = month_number(caps.name("m")?.as_str())?;
    let d: u8 = number(&caps, "d")?;
    (1..=31).contains(&d).then_some((m, d))
}

/// A copyright line: its year and the owner as written (`Bloomberg L.P.`).
pub fn copyright(line: &str) -> Option<(PartialDate, String)> {
    let line = line.trim();
    // The pattern starts with `©`, `(c)` or `copyright` in any case (`c` folds only to `C`):
    // other lines are not searched.
    if !line.starts_with(['©', '(', 'c', 'C']) {
        return None;
    }
    let caps = COPYRIGHT.captures(line)?;
    let year = PartialDate::year(number(&caps, "y")?)?;
    let owner = caps.name("owner").map_or("", |o| o.as_str());
    // `The Associated Press. All rights reserved.` -> `The Associated Press`; `L.P.` keeps its dots.
    let owner = owner
        .split(". ")
        .next()
        .unwrap_or(owner)
        .split([',', ';'])
        .next()
        .unwrap_or(owner)
        .trim();
    let owner = if owner.ends_with("L.P.") {
        owner
    } else {
        owner.trim_end_matches('.')
    };
    Some((year, owner.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> PartialDate {
        PartialDate::parse_iso(s).unwrap()
    }

    fn first_full(s: &str) -> Option<PartialDate> {
        full_dates(s).first().map(|f| f.date)
    }

    #[test]
    fn a_line_without_ascii_digits_is_no_date_line() {
        for line in [
            "Published November",
            "Updated Saturday, November",
            "Nov. twenty-third, two thousand nineteen",
            "November ٢٣, ٢٠١٩",
            "２０１９年１１月２３日",
        ] {
            assert!(date_line(line).is_none(), "{line}");
        }
        assert!(date_line("Published November 23, 2019").is_some());
    }

    #[test]
    fn a_line_without_four_ascii_digits_in_a_row_is_no_date_line() {
        for line in [
            "Updated 12:30 p.m.",
            "Nov 23, 201",
            "Nov 23, 2０19",
            "07/05/23",
            "Posted 5:02 AM EST, Thu March 16",
        ] {
            assert!(date_line(line).is_none(), "{line}");
        }
        for line in ["2019-11-23", "Nov 23, 2019 12:30", "7.5.2023", "March 2023"] {
            assert!(date_line(line).is_some(), "{line}");
        }
        assert!(has_four_ascii_digits("x 2019") && has_four_ascii_digits("12345"));
        assert!(!has_four_ascii_digits("201 9") && !has_four_ascii_digits(""));
    }

    #[test]
    fn full_dates_in_every_common_form() {
        let cases = [
            ("Nov 23, 2019", "2019-11-23"),
            ("November 23, 2019", "2019-11-23"),
            ("Nov. 23, 2019", "2019-11-23"),
            ("Sept. 5, 2019", "2019-09-05"),
            ("23 November 2019", "2019-11-23"),
            ("23 Nov. 2019", "2019-11-23"),
            ("Saturday, 23 November 2019", "2019-11-23"),
            ("March 31, 2021 - 16:44", "2021-03-31"),
            ("Sep 22 2022 | 10:13 AM IST", "2022-09-22"),
            ("2019-11-23", "2019-11-23"),
            ("2019-11-23T08:15:00Z", "2019-11-23"),
            ("2023/03/16 10:30", "2023-03-16"),
            ("2021.03.31 16:44", "2021-03-31"),
            ("Thu March 16, 2023", "2023-03-16"),
            ("December 1st, 2020", "2020-12-01"),
            ("in Nagoya, Japan November 23, 2019. Photo", "2019-11-23"),
        ];
        for (text, want) in cases {
            assert_eq!(first_full(text), Some(day(want)), "{text}");
        }
    }

    #[test]
    fn impossible_or_partial_dates_are_not_full_dates() {
        for text in [
            "Feb 30, 2019",
            "2019-13-01",
            "in 2019",
            "December 2019",
            "Nov 23",
            "the 1910-1945 occupation",
            "13/11/2019",
        ] {
            assert_eq!(first_full(text), None, "{text}");
        }
    }

    #[test]
    fn date_lines_carry_their_label() {
        let cases = [
            (
                "First Published: Sep 22 2022 | 10:13 AM IST",
                "2022-09-22",
                DateLabel::Published,
            ),
            (
                "Published 5:02 AM EST, Thu March 16, 2023",
                "2023-03-16",
                DateLabel::Published,
            ),
            (
                "Updated: 2023-03-17 09:00 KST",
                "2023-03-17",
                DateLabel::Updated,
            ),
            (
                "Posted : 2019-11-23 17:10",
                "2019-11-23",
                DateLabel::Published,
            ),
            ("November 23, 2019", "2019-11-23", DateLabel::Plain),
            ("Nov 23, 2019 10:14 a.m. ET", "2019-11-23", DateLabel::Plain),
            (
                "Saturday 23 November 2019 07.55 GMT",
                "2019-11-23",
                DateLabel::Plain,
            ),
            (
                "Last updated on March 16, 2023 at 4:00 pm",
                "2023-03-16",
                DateLabel::Updated,
            ),
        ];
        for (text, want, label) in cases {
            let got = date_line(text).unwrap_or_else(|| panic!("not a date line: {text}"));
            assert_eq!((got.date, got.label), (day(want), label), "{text}");
        }
    }

    #[test]
    fn date_line_with_byline() {
        let got = date_line("March 31, 2021 - 16:44 By Yonhap").unwrap();
        assert_eq!(got.date, day("2021-03-31"));
        assert_eq!(got.by.as_deref(), Some("Yonhap"));
    }

    #[test]
    fn numeric_day_month_order_is_only_trusted_when_it_is_certain() {
        let got = |s: &str| date_line(s).map(|d| (d.date.to_string(), d.label));
        assert_eq!(
            got("Issued on: 07/05/2023 - 04:12"),
            Some(("2023".into(), DateLabel::Published))
        );
        assert_eq!(
            got("Modified: 23/11/2019 - 06:30"),
            Some(("2019-11-23".into(), DateLabel::Updated))
        );
        assert_eq!(
            got("11/23/2019 10:00 AM"),
            Some(("2019-11-23".into(), DateLabel::Plain))
        );
        assert_eq!(got("31/31/2019"), None);
    }

    #[test]
    fn month_precision_date_line() {
        let got = date_line("Published: November 2019").unwrap();
        assert_eq!(got.date.to_string(), "2019-11");
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        for text in [
            "Japan and South Korea agreed on Nov 23, 2019 to hold talks.",
            "Foreign ministers met in Nagoya, Japan November 23, 2019.",
            "The Yoon-Kishida meeting was the first summit since December 2019, officials said.",
            "South Korea's president-elect attends a ceremony in Seoul on March 10, 2022.",
        ] {
            assert_eq!(date_line(text), None, "{text}");
        }
    }

    #[test]
    fn dateline_month_day() {
        assert_eq!(month_day("Nov 23"), Some((11, 23)));
        assert_eq!(month_day("March 31"), Some((3, 31)));
        assert_eq!(month_day("Sept. 5"), Some((9, 5)));
        assert_eq!(month_day("Nov 32"), None);
        assert_eq!(month_day("Japan"), None);
    }

    #[test]
    fn copyright_lines_start_with_a_c_in_either_case_or_a_sign() {
        // What `copyright` skips on: no other character folds to `c` in the pattern's case
        // rules, so any other first character cannot start a match.
        let c = regex(r"(?i)^c$");
        for ch in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(
                c.is_match(&ch.to_string()),
                matches!(ch, 'c' | 'C'),
                "{ch:?}"
            );
        }
        assert!(copyright("  COPYRIGHT 2019 Yonhap").is_some());
        assert!(copyright("The copyright 2019 line").is_none());
    }

    #[test]
    fn copyright_lines() {
        let (y, owner) = copyright("©2023 Bloomberg L.P.").unwrap();
        assert_eq!(
            (y.to_string().as_str(), owner.as_str()),
            ("2023", "Bloomberg L.P.")
        );
        let (y, owner) =
            copyright("Copyright 2019 The Associated Press. All rights reserved.").unwrap();
        assert_eq!(
            (y.to_string().as_str(), owner.as_str()),
            ("2019", "The Associated Press")
        );
        let (y, owner) = copyright("© 2021 Reuters").unwrap();
        assert_eq!(
            (y.to_string().as_str(), owner.as_str()),
            ("2021", "Reuters")
        );
        let (y, owner) = copyright("(c) 2020 Yonhap News Agency. All rights reserved.").unwrap();
        assert_eq!(
            (y.to_string().as_str(), owner.as_str()),
            ("2020", "Yonhap News Agency")
        );
        assert_eq!(copyright("The copyright dispute of 2019"), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("DECEMBER"), Some(12));
        assert_eq!(month_number("Ma"), None);
    }
}
