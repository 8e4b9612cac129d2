//! Datelines and agency signatures at the start of a story: `SEOUL (Reuters) –`,
//! `TOKYO, March 16 (Reuters) -`, `SEOUL, March 31 (Yonhap) --`, `NAGOYA, JAPAN, Nov 23:`,
//! `WASHINGTON (AP) —`, `(Bloomberg) —`, and syndication lines like `AP Seoul (South Korea)`.
//! Pure functions on one paragraph or line.

use std::sync::LazyLock;

use regex::Regex;

use super::date::month_day;
use super::furniture::more_words_than;

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this module, checked by the tests below.
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("dateline pattern compiles")
}

// The lengths of places and outlets are checked by `fits`, not by counted repetitions such as
// `[\p{L}]{1,40}`: the regex crate compiles a Unicode class once per count, and these two took
// 115 ms to compile, longer than `gisa list` may take in all.

/// `PLACE[, PLACE][, Month Day] (Outlet) -` where PLACE may be capitals or title case.
static WITH_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<place>\p{Lu}[\p{L}.'’\x20-]+?(?:,\s*[\p{L}\d.'’\x20]{2,}?){0,3})?\s*\((?P<outlet>\p{Lu}[\p{L}.&'\x20-]+)\)\s*(?:--|[-–—:])\s*",
    )
});
/// `PLACE[, PLACE][, Month Day]:` or `PLACE —`, with the first place in capitals.
static PLACE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<place>\p{Lu}[\p{Lu}.'’\x20-]{2,}?(?:,\s*[\p{L}\d.'’\x20]{2,}?){0,3})\s*(?:--|[-–—:])\s+\S",
    )
});

/// Compile this module's patterns now: `extract::warm_up` does it on every core at start-up.
pub(crate) const WARM_UP: &[fn()] = &[
    || {
        LazyLock::force(&WITH_OUTLET);
    },
    || {
        LazyLock::force(&PLACE_ONLY);
    },
];

/// The most characters in the first place of a dateline, in each later part (`JAPAN`, `Nov 23`)
/// and in an outlet's name.
const MAX_PLACE: usize = 41;
const MAX_PART: usize = 30;
const MAX_OUTLET: usize = 41;

/// A dateline's place is short: a first place of `first` characters, later parts of at most
/// `MAX_PART`.
fn fits(place: &str, first: std::ops::RangeInclusive<usize>) -> bool {
    let mut parts = place.split(',');
    parts
        .next()
        .is_some_and(|p| first.contains(&p.trim().chars().count()))
        && parts.all(|p| p.trim().chars().count() <= MAX_PART)
}

/// What the start of a story says about where and by whom it was written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lead {
    /// The dateline city as written (`SEOUL`, `Nagoya`).
    pub city: Option<String>,
    /// Month and day given in the dateline (`Nov 23`).
    pub month_day: Option<(u8, u8)>,
    /// The outlet named in the signature, as written.
    pub outlet: Option<String>,
}

/// Read a dateline or signature at the start of a paragraph.
pub fn lead(paragraph: &str) -> Option<Lead> {
    let with_outlet = WITH_OUTLET.captures(paragraph).filter(|c| {
        c.name("place")
            .is_none_or(|p| fits(p.as_str(), 2..=MAX_PLACE))
            && c.name("outlet")
                .is_some_and(|o| o.as_str().chars().count() <= MAX_OUTLET)
    });
    if let Some(c) = with_outlet {
        let outlet = c.name("outlet").map(|m| m.as_str().trim().to_owned());
        let mut lead = c
            .name("place")
            .map(|p| parse_place(p.as_str(), false))
            .unwrap_or_default();
        // `The Group of 20 (G20) -` is not a signature: a signature's place is capitals or short.
        if lead.city.is_none()
            && c.name("place")
                .is_some_and(|p| !p.as_str().trim().is_empty())
        {
            return None;
        }
        lead.outlet = outlet;
        return Some(lead);
    }
    let c = PLACE_ONLY.captures(paragraph)?;
    let place = c.name("place")?.as_str();
    if !fits(place, 3..=MAX_PLACE) {
        return None;
    }
    let lead = parse_place(place, true);
    lead.city.is_some().then_some(lead)
}

/// `NAGOYA, JAPAN, Nov 23` -> city NAGOYA, month-day (11, 23).
fn parse_place(place: &str, require_capitals: bool) -> Lead {
    let mut parts = place.split(',').map(str::trim).filter(|p| !p.is_empty());
    let mut lead = Lead::default();
    let Some(city) = parts.next() else {
        return lead;
    };
    let capitals = city
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let short_title = !more_words_than(city, 3)
        && city
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase));
    if city.chars().filter(|c| c.is_alphabetic()).count() < 3
        || !(capitals || (!require_capitals && short_title))
    {
        return lead;
    }
    lead.city = Some(city.to_owned());
    for part in parts {
        if let Some(md) = month_day(part) {
            lead.month_day = Some(md);
        }
    }
    lead
}

/// A syndication line: a known outlet, a city and perhaps a country, nothing else
/// (`AP Seoul (South Korea)`, `Reuters Tokyo`, `PTI New Delhi`). Returns (outlet as written, city).
pub fn syndication_line(line: &str, is_known: impl Fn(&str) -> bool) -> Option<(&str, String)> {
    let line = line.trim();
    if line.ends_with(['.', '!', '?', ':']) || more_words_than(line, 7) {
        return None;
    }
    // The longest known name that ends at a space.
    let name_len = line
        .match_indices(' ')
        .map(|(i, _)| i)
        .filter(|&i| is_known(&line[..i]))
        .last()?;
    let (outlet, rest) = line.split_at(name_len);
    let place = rest.split('(').next().unwrap_or("").trim();
    let title_case = !place.is_empty()
        && !more_words_than(place, 3)
        && place.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        });
    let tail_ok = rest
        .find('(')
        .is_none_or(|i| rest.trim_end().ends_with(')') && rest[i..].matches('(').count() == 1);
    (title_case && tail_ok).then(|| (outlet, place.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead_of(s: &str) -> (Option<String>, Option<(u8, u8)>, Option<String>) {
        let l = lead(s).unwrap_or_else(|| panic!("no lead: {s}"));
        (l.city, l.month_day, l.outlet)
    }

    #[test]
    fn agency_datelines() {
        assert_eq!(
            lead_of("SEOUL (Reuters) – South Korea and Japan will hold talks."),
            (Some("SEOUL".into()), None, Some("Reuters".into()))
        );
        assert_eq!(
            lead_of("TOKYO, March 16 (Reuters) - Japan said on Thursday."),
            (Some("TOKYO".into()), Some((3, 16)), Some("Reuters".into()))
        );
        assert_eq!(
            lead_of("SEOUL, March 31 (Yonhap) -- South Korea and Japan will hold talks."),
            (Some("SEOUL".into()), Some((3, 31)), Some("Yonhap".into()))
        );
        assert_eq!(
            lead_of("WASHINGTON (AP) — President Joe Biden said."),
            (Some("WASHINGTON".into()), None, Some("AP".into()))
        );
        assert_eq!(
            lead_of("(Bloomberg) — The leaders of South Korea met."),
            (None, None, Some("Bloomberg".into()))
        );
        assert_eq!(
            lead_of("BEIJING, Nov. 5 (Xinhua) -- China said on Tuesday."),
            (Some("BEIJING".into()), Some((11, 5)), Some("Xinhua".into()))
        );
        assert_eq!(
            lead_of("NEW DELHI (AP) — India's government said."),
            (Some("NEW DELHI".into()), None, Some("AP".into()))
        );
    }

    #[test]
    fn datelines_without_outlet() {
        assert_eq!(
            lead_of("NAGOYA, JAPAN, Nov 23: Japan and South Korea agreed on Saturday."),
            (Some("NAGOYA".into()), Some((11, 23)), None)
        );
        assert_eq!(
            lead_of("KYIV — Ukraine said on Monday."),
            (Some("KYIV".into()), None, None)
        );
        assert_eq!(
            lead_of("HONG KONG, Jan 3 - Shares fell."),
            (Some("HONG KONG".into()), Some((1, 3)), None)
        );
    }

    #[test]
    fn ordinary_sentences_have_no_lead() {
        for s in [
            "Japan and South Korea agreed on Saturday to hold formal talks.",
            "South Korea and Japan will hold working-level talks this week.",
            "She met officials at the Group of 20 (G20) - a forum of economies.",
            "‘BIG GAP’",
            "Seoul has seized local assets: the court ordered it.",
            "U.S. - China trade talks resumed on Monday.",
        ] {
            assert_eq!(lead(s), None, "{s}");
        }
    }

    #[test]
    fn syndication_lines() {
        let known = |n: &str| {
            ["ap", "associated press", "reuters", "pti"].contains(&n.to_lowercase().as_str())
        };
        assert_eq!(
            syndication_line("AP Seoul (South Korea)", known),
            Some(("AP", "Seoul".into()))
        );
        assert_eq!(
            syndication_line("PTI New Delhi", known),
            Some(("PTI", "New Delhi".into()))
        );
        assert_eq!(
            syndication_line("Associated Press Tokyo", known),
            Some(("Associated Press", "Tokyo".into()))
        );
        assert_eq!(syndication_line("AP reported the summit.", known), None);
        assert_eq!(syndication_line("Reuters", known), None);
        assert_eq!(syndication_line("APEC Summit", known), None);
        assert_eq!(
            syndication_line("İİİ Ankara", known),
            None,
            "case folding that changes lengths"
        );
        assert_eq!(
            syndication_line("Reuters said the talks would go on", known),
            None
        );
    }
}
