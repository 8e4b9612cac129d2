//! Messy pasted page text -> clean article fields: headline, outlet, publisher, date, dateline,
//! byline, credits, captions and body. Pure functions: no I/O, no terminal, and no rule that knows
//! any particular article; everything comes from general signals weighed against each other.

pub mod date;
pub mod dateline;
pub mod furniture;
pub mod outlet;
pub mod paragraphs;

use crate::article::PartialDate;
use date::DateLabel;
use furniture::{ends_sentence, more_words_than, word_count};
use outlet::OutletAliases;
use paragraphs::Line;

/// What the text says about itself. `None` where the text says nothing: never guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub headline: Option<String>,
    pub outlet: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    pub dateline: Option<String>,
    pub byline: Option<String>,
    pub credits: Vec<String>,
    pub captions: Vec<String>,
    pub body: Vec<String>,
}

/// How strongly a signal names the outlet or the date; the strongest wins, the earliest on ties.
mod weight {
    pub const SIGNATURE: u8 = 10; // `SEOUL (Reuters) -`, `(Bloomberg) —`
    pub const BY_OUTLET: u8 = 9; // `By Reuters`, `... By Yonhap`, `AP Seoul (South Korea)`
    pub const COPYRIGHT: u8 = 8; // `©2023 Bloomberg L.P.`
    pub const END_TAG: u8 = 7; // `... in the bilateral relations. (Yonhap)`
    pub const OUTLET_LINE: u8 = 6; // a line that is just `Reuters`, below the headline
    pub const CREDIT_STYLE: u8 = 4; // `(Reporting by ...)` is Reuters house style
    pub const PHOTO: u8 = 3; // `(AP Photo/...)`: the photo's agency, often the story's
    pub const SITE: u8 = 2; // a site name at the top: the publisher, the outlet only by default

    pub const PUBLISHED: u8 = 10; // `First Published: Sep 22 2022`
    pub const DATE_LINE: u8 = 8; // `March 31, 2021 - 16:44`
    pub const UPDATED: u8 = 6; // `Updated: ...`
    pub const DATELINE_DAY: u8 = 5; // `NAGOYA, JAPAN, Nov 23:` + `November 23, 2019` elsewhere
    pub const DATELINE_COPYRIGHT: u8 = 4; // `Nov 23` + `© 2019`
    pub const COPYRIGHT_YEAR: u8 = 2; // `©2023 Bloomberg L.P.` alone: year precision
}

/// House styles of credit lines that identify an agency when nothing stronger does.
const CREDIT_STYLES: &[(&str, &str)] = &[
    ("(reporting by", "Reuters"),
    ("with assistance from", "Bloomberg"),
];

/// Candidates collected while reading, in text order.
#[derive(Default)]
struct Signals {
    outlets: Vec<(u8, String)>,
    dates: Vec<(u8, PartialDate)>,
    site: Option<String>,
    dateline: Option<String>,
    dateline_day: Option<(u8, u8)>,
    copyright_year: Option<PartialDate>,
    bylines: Vec<String>,
    reporting: Option<String>,
}

impl Signals {
    fn outlet(&mut self, weight: u8, name: String) {
        self.outlets.push((weight, name));
    }

    /// The strongest candidate, the earliest among equals.
    fn best<T: Clone>(list: &[(u8, T)]) -> Option<T> {
        let top = list.iter().map(|(w, _)| *w).max()?;
        list.iter().find(|(w, _)| *w == top).map(|(_, v)| v.clone())
    }
}

/// Compile the extractor's patterns now, spread over every core. About 15 ms of work that the
/// first article would otherwise do on one thread while the others wait for it; the load starts
/// it with the first file it analyses (a start taken whole from the cache never compiles them).
pub fn warm_up() {
    use rayon::prelude::*;
    [date::WARM_UP, dateline::WARM_UP, furniture::WARM_UP]
        .concat()
        .par_iter()
        .for_each(|force| force());
}

/// [`warm_up`] in the background of the current thread pool, once per process: whatever
/// needs a pattern before it is compiled waits for it, as it would have compiled it itself.
pub fn warm_up_soon() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| rayon::spawn(warm_up));
}

/// Extract article fields from page text (front matter already removed).
pub fn extract(text: &str, outlets: &OutletAliases) -> Extracted {
    let is_known = |name: &str| outlets.is_known(name);
    let mut out = Extracted::default();
    let mut sig = Signals::default();
    let mut content: Vec<Line> = Vec::new();
    let mut started = false; // past the headline (or the story began without one)
    let mut in_related = false;

    for line in paragraphs::lines(text) {
        let t = line.text.as_str();
        if in_related {
            if is_related_member(t) {
                continue;
            }
            in_related = false;
        }
        if furniture::is_related_header(t) {
            in_related = true;
            continue;
        }
        if furniture::is_furniture(t) || furniture::is_teaser(t) {
            continue;
        }
        if read_meta_line(t, &mut sig, &mut out, outlets) {
            continue;
        }
        if is_known(t) || is_domain(t) {
            if started {
                sig.outlet(weight::OUTLET_LINE, outlets.normalize(t));
            } else {
                sig.site.get_or_insert_with(|| outlets.normalize(t));
            }
            continue;
        }
        if !started {
            if furniture::is_section_label(t) || !more_words_than(t, 2) {
                continue; // banners, section labels and other short lines above the headline
            }
            if looks_like_headline(t) {
                out.headline = Some(t.to_owned());
                started = true;
                continue;
            }
            started = true; // the story starts without a headline
        } else if furniture::is_section_label(t) && !line.gap_before && content.is_empty() {
            continue; // a label right under the headline
        }
        content.push(line);
    }

    let mut body = paragraphs::dedupe(paragraphs::join_wrapped(content));
    if let Some(lead) = read_lead(&body, &mut sig) {
        // Above the dateline, a line tagged with an agency (`... on Thursday. (Yonhap)`) is a caption.
        let above: Vec<String> = body.drain(..lead).collect();
        let (captions, kept): (Vec<String>, Vec<String>) = above
            .into_iter()
            .partition(|p| end_tag(p).is_some_and(is_known));
        out.captions.extend(captions);
        body.splice(0..0, kept);
    }
    if let Some(last) = body.last()
        && let Some(tag) = end_tag(last).filter(|t| is_known(t))
    {
        sig.outlet(weight::END_TAG, outlets.normalize(tag));
    }
    out.date = choose_date(&mut sig, text);
    let site = sig.site.clone();
    if let Some(site) = &site {
        sig.outlet(weight::SITE, site.clone());
    }
    out.outlet = Signals::best(&sig.outlets).map(|o| outlets.normalize(&o));
    out.publisher = site.filter(|s| out.outlet.as_deref() != Some(s.as_str()));
    out.dateline = sig.dateline;
    out.byline = (!sig.bylines.is_empty())
        .then(|| sig.bylines.join(", "))
        .or(sig.reporting);
    out.body = body;
    out
}

/// Read a line that is about the article rather than part of it (copyright, date line, credit,
/// caption, byline, syndication line) into the signals. Returns whether the line was one.
fn read_meta_line(
    t: &str,
    sig: &mut Signals,
    out: &mut Extracted,
    outlets: &OutletAliases,
) -> bool {
    if let Some((year, owner)) = date::copyright(t) {
        sig.copyright_year = Some(year);
        sig.dates.push((weight::COPYRIGHT_YEAR, year));
        if !owner.is_empty() && !more_words_than(&owner, 6) {
            sig.outlet(
                if outlets.is_known(&owner) {
                    weight::COPYRIGHT
                } else {
                    weight::SITE
                },
                owner,
            );
        }
        return true;
    }
    if let Some(dl) = date::date_line(t) {
        let w = match dl.label {
            DateLabel::Published => weight::PUBLISHED,
            DateLabel::Plain => weight::DATE_LINE,
            DateLabel::Updated => weight::UPDATED,
        };
        sig.dates.push((w, dl.date));
        if let Some(by) = dl.by {
            read_byline(&by, sig, outlets);
        }
        return true;
    }
    if furniture::is_credit(t) {
        let lower = t.to_lowercase();
        for (cue, agency) in CREDIT_STYLES {
            if lower
                .trim_start_matches(['—', '–', '-', ' '])
                .starts_with(cue)
            {
                sig.outlet(weight::CREDIT_STYLE, (*agency).to_owned());
            }
        }
        if sig.reporting.is_none() {
            sig.reporting = reporters(t);
        }
        out.credits.push(t.to_owned());
        return true;
    }
    if furniture::is_caption(t, |n| outlets.is_known(n)) {
        if let Some(agency) = photo_agency(t, outlets) {
            sig.outlet(weight::PHOTO, outlets.normalize(agency));
        }
        out.captions.push(t.to_owned());
        return true;
    }
    if let Some(by) = byline_line(t) {
        read_byline(by, sig, outlets);
        return true;
    }
    if let Some((agency, city)) = dateline::syndication_line(t, |n| outlets.is_known(n)) {
        sig.outlet(weight::BY_OUTLET, outlets.normalize(agency));
        sig.dateline.get_or_insert(city);
        return true;
    }
    false
}

/// A line that belongs to a related-stories block: a teaser, a label, a short headline-like line.
fn is_related_member(t: &str) -> bool {
    furniture::is_teaser(t)
        || furniture::is_section_label(t)
        || furniture::is_furniture(t)
        || date::date_line(t).is_some()
        || (!more_words_than(t, 16) && !ends_sentence(t))
}

/// A headline: a few words to a long line, not a sentence that runs on like a lead paragraph.
fn looks_like_headline(t: &str) -> bool {
    let words = word_count(t);
    (3..=30).contains(&words) && dateline::lead(t).is_none() && !(ends_sentence(t) && words > 20)
}

/// `By Reuters`, `By Kim Tong-hyung and Mari Yamaguchi, The Associated Press` -> the text after `By`.
fn byline_line(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY "))?;
    let name_like = rest
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(
                    w,
                    "and"
                        | "&"
                        | "of"
                        | "the"
                        | "de"
                        | "van"
                        | "von"
                        | "bin"
                        | "al"
                        | "|"
                        | "-"
                        | "—"
                )
        });
    (!more_words_than(rest, 12) && name_like).then_some(rest)
}

/// Names after `By`: an outlet is a signature, people are the byline.
fn read_byline(by: &str, sig: &mut Signals, outlets: &OutletAliases) {
    // `Shin Ji-hye (shinjh@example.com)`: the address is contact detail, not a name.
    let words: Vec<&str> = by.split_whitespace().filter(|w| !w.contains('@')).collect();
    let by = words.join(" ");
    let by = by.trim().trim_end_matches('.');
    if outlets.is_known(by) {
        sig.outlet(weight::BY_OUTLET, outlets.normalize(by));
        return;
    }
    // `Name, Associated Press`, `Name | Reuters`, `Name - AFP`
    let mut people = by;
    if let Some((head, tail)) = by.rsplit_once([',', '|', '-', '–', '—'])
        && outlets.is_known(tail)
    {
        sig.outlet(weight::BY_OUTLET, outlets.normalize(tail));
        people = head.trim();
    }
    if !people.is_empty() {
        sig.bylines.push(people.to_owned());
    }
}

/// The reporters of a `(Reporting by A and B; Editing by C)` credit.
fn reporters(credit: &str) -> Option<String> {
    let start = ["reporting by ", "writing by ", "written by "]
        .iter()
        .find_map(|cue| find_ascii_case_insensitive(credit, cue).map(|i| i + cue.len()))?;
    let rest = credit.get(start..)?;
    let end = rest.find([';', ')']).unwrap_or(rest.len());
    let names = rest[..end].split(" in ").next().unwrap_or("").trim();
    (!names.is_empty()).then(|| names.to_owned())
}

/// Byte offset of an ASCII `needle` in `hay`, ignoring ASCII case. Offsets are into `hay` itself
/// (lowercasing the whole text first can change byte lengths).
fn find_ascii_case_insensitive(hay: &str, needle: &str) -> Option<usize> {
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(needle))
    })
}

/// The agency in a photo credit (`(AP Photo/...)`, `Pool via REUTERS`, `(Photo: AP)`).
fn photo_agency<'a>(caption: &'a str, outlets: &OutletAliases) -> Option<&'a str> {
    let tail_start = caption
        .rfind(['(', '['])
        .or_else(|| caption.rfind(". ").map(|i| i + 2))
        .unwrap_or(0);
    let tail = &caption[tail_start..];
    tail.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
        .filter(|w| !w.is_empty())
        .find(|w| outlets.is_known(w))
}

/// `(Yonhap)` at the very end of a paragraph.
fn end_tag(p: &str) -> Option<&str> {
    let p = p.trim_end().strip_suffix(')')?;
    let open = p.rfind('(')?;
    Some(p[open + 1..].trim())
}

/// A bare domain name on its own line (`koreaherald.com`).
fn is_domain(t: &str) -> bool {
    let t = t.strip_prefix("www.").unwrap_or(t);
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && parts
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

/// The dateline and signature of the story's first paragraphs; returns the lead's index.
fn read_lead(body: &[String], sig: &mut Signals) -> Option<usize> {
    let (index, lead) = body
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(i, p)| Some((i, dateline::lead(p)?)))?;
    if let Some(o) = lead.outlet {
        sig.outlet(weight::SIGNATURE, o);
    }
    if let Some(city) = lead.city {
        sig.dateline = Some(city);
    }
    sig.dateline_day = sig.dateline_day.or(lead.month_day);
    Some(index)
}

/// The publication date: the strongest dated signal. A dateline's month and day take their year from
/// a full date with the same month and day elsewhere in the text (a caption, say), or from a
/// copyright line. Nothing else: an unsupported date stays unknown.
fn choose_date(sig: &mut Signals, text: &str) -> Option<PartialDate> {
    if let Some((m, d)) = sig.dateline_day {
        let same_day = date::full_dates(text)
            .into_iter()
            .map(|f| f.date)
            .find(|f| f.get_month() == Some(m) && f.get_day() == Some(d));
        if let Some(day) = same_day {
            sig.dates.push((weight::DATELINE_DAY, day));
        } else if let Some(day) = sig
            .copyright_year
            .and_then(|y| PartialDate::day(y.get_year(), m, d))
        {
            sig.dates.push((weight::DATELINE_COPYRIGHT, day));
        }
    }
    Signals::best(&sig.dates)
}

#[cfg(test)]
mod tests;
