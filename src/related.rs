//! Cross-references: for one article, the related articles ranked by score, each with reasons a
//! person would accept. Shared entities and topics count by how rare they are in the corpus (a
//! name every story carries says nothing); time references link a story to what happened in the
//! period it speaks of. Candidates come from the store's inverted indexes, never from comparing
//! all pairs. No I/O.

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use crate::article::{Article, PartialDate, Precision};
use crate::entities::Kind;
use crate::entities::gazetteer::name_key;
use crate::store::Store;
use crate::timeref::{TimeRef, within};

/// How many related stories are shown with an article: in the sidebar, and in exports.
pub const SHOWN: usize = 5;

/// One related article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// Index of the related article in the store.
    pub article: usize,
    pub score: f64,
    /// Why, strongest first: `both name GSOMIA (“intelligence-sharing deal” here)`.
    pub reasons: Vec<String>,
}

/// Features shared by more articles than this are left out of candidate generation (they still
/// count in the score of candidates found otherwise): their postings are long and say little.
const MAX_POSTINGS: usize = 5_000;
/// Candidates scored in full.
const CANDIDATES: usize = 64;
/// Below this a link is noise (one common place in common).
const MIN_SCORE: f64 = 0.5;
/// Reasons given per related article.
const MAX_REASONS: usize = 4;
/// A reason weaker than this share of the strongest is left unsaid.
const REASON_SHARE: f64 = 0.2;

fn kind_weight(kind: Kind) -> f64 {
    match kind {
        Kind::Agreement => 1.5,
        Kind::Person | Kind::Organisation => 1.0,
        Kind::Place => 0.5,
    }
}

/// A count as a float; counts of articles and mentions stay far below 2^52.
#[allow(clippy::cast_precision_loss)]
fn float(n: usize) -> f64 {
    n as f64
}

/// Inverse document frequency, smoothed: a feature of every article weighs little, never zero.
fn idf(n: usize, df: usize) -> f64 {
    ((float(n) + 1.0) / float(df.max(1))).ln()
}

/// More mentions on both sides count, slowly.
fn salience(a: usize, b: usize) -> f64 {
    1.0 + 0.25 * float(a.min(b).max(1)).ln()
}

/// `December 2019`, `2019`.
pub fn period_label(p: PartialDate) -> String {
    match (p.precision(), p.get_month()) {
        (Precision::Year, _) | (_, None) => p.get_year().to_string(),
        (_, Some(m)) => format!(
            "{} {}",
            crate::article::MONTH_NAMES
                .get(usize::from(m) - 1)
                .copied()
                .unwrap_or("?"),
            p.get_year()
        ),
    }
}

/// The period a date falls in at a reference's precision.
fn period_of(date: PartialDate, precision: Precision) -> Option<PartialDate> {
    match (precision, date.get_month()) {
        (Precision::Year, _) => PartialDate::year(date.get_year()),
        (_, Some(m)) => PartialDate::month(date.get_year(), m),
        (_, None) => None,
    }
}

/// The related articles of article `i`, best first, at most `limit`.
pub fn related(store: &Store, i: usize, limit: usize) -> Vec<Related> {
    let here = store.article(i).ok();
    related_to(store, i, here.as_deref(), limit)
}

/// As [`related`], for a caller that holds article `i` whole already (`here`; `None` when its
/// text could not be had: the reasons then leave out the words they would quote from it).
pub fn related_to(store: &Store, i: usize, here: Option<&Article>, limit: usize) -> Vec<Related> {
    let Some(a) = store.get(i) else {
        return Vec::new();
    };
    let n = store.len();
    // The posting lists that make candidates, with their weights, in the order they add up.
    let mut lists: Vec<(&[usize], f64)> = Vec::new();
    for &e in store.entity_ids_of(i) {
        if let Some(info) = store.entity(e) {
            lists.push((
                &info.articles,
                idf(n, info.articles.len()) * kind_weight(info.kind),
            ));
        }
    }
    for hit in &a.topics {
        let list = store.topic_articles(hit.topic);
        lists.push((list, idf(n, list.len())));
    }
    for r in &a.time_refs {
        lists.push((store.dated_in(r.period), 1.0));
        lists.push((store.referring_to(r.period), 1.0));
    }
    if let Some(d) = a.date.get() {
        for p in [
            period_of(*d, Precision::Month),
            period_of(*d, Precision::Year),
        ]
        .into_iter()
        .flatten()
        {
            lists.push((store.referring_to(p), 1.0));
        }
    }
    lists.retain(|(list, _)| list.len() <= MAX_POSTINGS);
    // Sized once for the most it can hold, so it never grows (and rehashes) on the way.
    let most = lists
        .iter()
        .map(|(list, _)| list.len())
        .sum::<usize>()
        .min(n);
    let mut partial: HashMap<usize, f64> = HashMap::with_capacity(most);
    for (list, w) in lists {
        for &b in list {
            if b != i {
                *partial.entry(b).or_default() += w;
            }
        }
    }
    // The best CANDIDATES, best first: the order is total (no two articles share a rank), so
    // selecting them before sorting gives what sorting every candidate would, for less.
    let mut candidates: Vec<(usize, f64)> = partial.into_iter().collect();
    let best_first = |x: &(usize, f64), y: &(usize, f64)| {
        y.1.total_cmp(&x.1)
            .then(store.rank(x.0).cmp(&store.rank(y.0)))
    };
    if candidates.len() > CANDIDATES {
        candidates.select_nth_unstable_by(CANDIDATES, best_first);
        candidates.truncate(CANDIDATES);
    }
    candidates.sort_by(best_first);

    let mut out: Vec<Scored> = candidates
        .into_iter()
        .filter_map(|(b, _)| score(store, i, b))
        .filter(|r| r.score >= MIN_SCORE)
        .collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| store.rank(x.article).cmp(&store.rank(y.article)))
    });
    out.truncate(limit);
    // Only now are texts read, for the words the reasons quote: of the few related stories
    // shown, not of every candidate.
    out.into_iter()
        .map(|r| {
            let there = store.article(r.article).ok();
            r.said(here, there.as_deref())
        })
        .collect()
}

/// A related article scored, its reasons not yet put in words.
struct Scored {
    article: usize,
    score: f64,
    parts: Vec<Contribution>,
}

/// One reason with its weight.
struct Contribution {
    weight: f64,
    reason: Reason,
}

/// A reason, to be said once the articles' text is at hand.
enum Reason {
    /// `both name GSOMIA`, with how this story first writes the name when it differs.
    Name { name: Arc<str>, entity: usize },
    /// Words with quotes from the texts between them.
    Quote(Vec<Piece>),
}

enum Piece {
    Said(String),
    /// The words of this article's time reference (an index into its `time_refs`).
    Here(usize),
    /// The words of the other article's time reference.
    There(usize),
}

impl Reason {
    fn said(&self, here: Option<&Article>, there: Option<&Article>) -> String {
        let words = |a: Option<&Article>, r: usize| {
            a.and_then(|a| Some(a.time_refs.get(r)?.phrase(a).to_owned()))
                .unwrap_or_default()
        };
        match self {
            Reason::Name { name, entity } => {
                let surface = here
                    .and_then(|a| {
                        let m = a.entities.get(*entity)?.mentions.first()?;
                        a.body.get(m.paragraph())?.get(m.start()..m.end())
                    })
                    .filter(|s| name_key(s) != name_key(name));
                match surface {
                    Some(s) => format!("both name {name} (“{s}” here)"),
                    None => format!("both name {name}"),
                }
            }
            Reason::Quote(pieces) => pieces
                .iter()
                .map(|p| match p {
                    Piece::Said(s) => s.clone(),
                    Piece::Here(r) => words(here, *r),
                    Piece::There(r) => words(there, *r),
                })
                .collect(),
        }
    }
}

impl Scored {
    /// The related article with its strongest reasons in words.
    fn said(self, here: Option<&Article>, there: Option<&Article>) -> Related {
        let mut parts: Vec<(f64, String)> = self
            .parts
            .into_iter()
            .map(|c| (c.weight, c.reason.said(here, there)))
            .collect();
        parts.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
        let top = parts.first().map_or(0.0, |c| c.0);
        Related {
            article: self.article,
            score: self.score,
            reasons: parts
                .into_iter()
                .take_while(|c| c.0 >= top * REASON_SHARE)
                .take(MAX_REASONS)
                .map(|c| c.1)
                .collect(),
        }
    }
}

/// The full score of `b` as related to `a`, with its reasons; from the cards alone.
fn score(store: &Store, ai: usize, bi: usize) -> Option<Scored> {
    let (a, b) = (store.get(ai)?, store.get(bi)?);
    let n = store.len();
    let mut parts: Vec<Contribution> = Vec::new();

    // Shared entities.
    let b_entities: HashMap<usize, u32> = store
        .entity_ids_of(bi)
        .iter()
        .copied()
        .zip(store.entity_mentions_of(bi).iter().copied())
        .collect();
    let a_entities = store
        .entity_ids_of(ai)
        .iter()
        .zip(store.entity_mentions_of(ai));
    for (entity, (&id, &count)) in a_entities.enumerate() {
        let (Some(&b_count), Some(info)) = (b_entities.get(&id), store.entity(id)) else {
            continue;
        };
        let weight = idf(n, info.articles.len())
            * kind_weight(info.kind)
            * salience(count as usize, b_count as usize);
        parts.push(Contribution {
            weight,
            reason: Reason::Name {
                name: Arc::clone(&info.name),
                entity,
            },
        });
    }

    // Shared threads.
    for ta in &a.topics {
        let Some(tb) = b.topics.iter().find(|t| t.topic == ta.topic) else {
            continue;
        };
        let weight = idf(n, store.topic_articles(ta.topic).len()) * salience(ta.count, tb.count);
        let name = store
            .lexicon()
            .topics
            .get(ta.topic)
            .map_or("?", |t| t.name.as_str());
        parts.push(Contribution {
            weight,
            reason: Reason::Quote(vec![Piece::Said(format!("same thread: {name}"))]),
        });
    }

    parts.extend(time_links(store, ai, bi));

    let total: f64 = parts.iter().map(|c| c.weight).sum();
    Some(Scored {
        article: bi,
        score: (total * 100.0).round() / 100.0,
        parts,
    })
}

/// Links through time: both stories point to one period, or one recalls the other's time. The
/// best link per period (per period and subject for a story's own year).
fn time_links(store: &Store, ai: usize, bi: usize) -> Vec<Contribution> {
    let (Some(a), Some(b)) = (store.get(ai), store.get(bi)) else {
        return Vec::new();
    };
    let n = store.len();
    let mut best: HashMap<(PartialDate, String), Contribution> = HashMap::new();
    let period_weight = |period: PartialDate| {
        let df = store.dated_in(period).len() + store.referring_to(period).len();
        let precision = if period.precision() == Precision::Year {
            0.75
        } else {
            1.5
        };
        precision * idf(n, df)
    };
    let mut offer = |period: PartialDate, subject: Option<&Subject>, reason: Vec<Piece>| {
        let weight = period_weight(period) * if subject.is_some() { 1.5 } else { 1.0 };
        // One link per period; only the news of a story's own year may link twice (a compensation
        // plan and export controls, both of 2023).
        let key = (
            period,
            subject
                .filter(|s| s.own)
                .map(|s| s.label.clone())
                .unwrap_or_default(),
        );
        if best.get(&key).is_none_or(|old| old.weight < weight) {
            let reason = Reason::Quote(reason);
            best.insert(key, Contribution { weight, reason });
        }
    };
    let with = |s: Option<&Subject>| s.map(|s| format!(" ({})", s.label)).unwrap_or_default();
    for (ri, r) in a.time_refs.iter().enumerate() {
        let label = period_label(r.period);
        let here = Side::of(store, ai, r);
        if !r.own && b.date.get().is_some_and(|d| within(*d, r.period)) {
            let subject = here.shared_with(store, bi);
            if subject.is_some() || r.period.precision() != Precision::Year {
                let opening = format!(
                    "from {label}, which this story recalls{}: “",
                    with(subject.as_ref())
                );
                offer(r.period, subject.as_ref(), quoted(opening, Piece::Here(ri)));
            }
        }
        for (si, s) in b.time_refs.iter().enumerate() {
            if s.period != r.period {
                continue;
            }
            let there = Side::of(store, bi, s);
            let own = r.own || s.own;
            let subject = here
                .common(store, &there)
                .map(|sub| Subject { own, ..sub })
                .or_else(|| {
                    if r.own || s.own {
                        None
                    } else {
                        here.shared_with(store, bi)
                            .or_else(|| there.shared_with(store, ai))
                    }
                });
            if (r.own || s.own) && subject.is_none() {
                continue; // `this year` in two stories of a year says nothing by itself
            }
            let opening = match &subject {
                Some(sub) => format!("{} in {label}: “", sub.label),
                None => format!("both point to {label}: “"),
            };
            let reason = vec![
                Piece::Said(opening),
                Piece::Here(ri),
                Piece::Said("” here, “".to_owned()),
                Piece::There(si),
                Piece::Said("” there".to_owned()),
            ];
            offer(r.period, subject.as_ref(), reason);
        }
    }
    if let Some(d) = a.date.get() {
        for (si, s) in b.time_refs.iter().enumerate() {
            if s.own || !within(*d, s.period) {
                continue;
            }
            let subject = Side::of(store, bi, s).shared_with(store, ai);
            if subject.is_none() && s.period.precision() == Precision::Year {
                continue;
            }
            let opening = format!(
                "looks back to {}{}: “",
                period_label(s.period),
                with(subject.as_ref())
            );
            offer(
                s.period,
                subject.as_ref(),
                quoted(opening, Piece::There(si)),
            );
        }
    }
    best.into_values().collect()
}

/// `opening`, the words of one time reference, and a closing quote.
fn quoted(opening: String, words: Piece) -> Vec<Piece> {
    vec![Piece::Said(opening), words, Piece::Said("”".to_owned())]
}

/// What a time reference is about: the topics cued in its sentence and the entities named there.
struct Side {
    topics: Vec<usize>,
    entities: Vec<usize>,
}

/// A topic or entity two stories share around a time reference, named for the reason.
struct Subject {
    label: String,
    /// Found around references to the stories' own year.
    own: bool,
}

impl Side {
    fn of(store: &Store, article: usize, r: &TimeRef) -> Side {
        let topics = r.topics.clone();
        let ids = store.entity_ids_of(article);
        let entities = r
            .entities
            .iter()
            .filter_map(|&e| ids.get(e as usize).copied())
            .collect();
        Side { topics, entities }
    }

    /// The strongest subject of both sides.
    fn common(&self, store: &Store, other: &Side) -> Option<Subject> {
        let topics = self.topics.iter().filter(|t| other.topics.contains(t));
        let entities = self.entities.iter().filter(|e| other.entities.contains(e));
        strongest(store, topics.copied(), entities.copied())
    }

    /// The strongest subject of this side that article `other` also carries.
    fn shared_with(&self, store: &Store, other: usize) -> Option<Subject> {
        let theirs = store.entity_ids_of(other);
        let topics = self
            .topics
            .iter()
            .filter(|t| store.topic_articles(**t).binary_search(&other).is_ok());
        let entities = self.entities.iter().filter(|e| theirs.contains(e));
        strongest(store, topics.copied(), entities.copied())
    }
}

/// The rarest of some topics and entities, as a subject. Places are left out: `Japan in December
/// 2019` says less than `both point to December 2019`.
fn strongest(
    store: &Store,
    topics: impl Iterator<Item = usize>,
    entities: impl Iterator<Item = usize>,
) -> Option<Subject> {
    let n = store.len();
    let topics = topics.filter_map(|t| {
        let name = store.lexicon().topics.get(t)?.name.clone();
        Some((idf(n, store.topic_articles(t).len()), name))
    });
    let entities = entities.filter_map(|e| {
        let info = store.entity(e).filter(|i| i.kind != Kind::Place)?;
        Some((
            idf(n, info.articles.len()) * kind_weight(info.kind),
            info.name.to_string(),
        ))
    });
    topics
        .chain(entities)
        .max_by(|x, y| x.0.total_cmp(&y.0).then_with(|| y.1.cmp(&x.1)))
        .map(|(_, label)| Subject { label, own: false })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::article::Article;
    use crate::config::{Config, DEFAULT_TOML};
    use crate::extract::outlet::OutletAliases;

    fn store(articles: &[(&str, &str, &str)]) -> Store {
        let lexicon = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new(""))
            .unwrap()
            .lexicon;
        let articles = articles
            .iter()
            .map(|(id, date, text)| {
                let body = text.split("\n\n").map(str::to_owned).collect();
                let mut a = Article::sample(id, &format!("Story {id}"), "Wire", Some(date), body);
                lexicon.analyze(&mut a);
                a
            })
            .collect();
        Store::build(articles, vec![], OutletAliases::default(), lexicon)
    }

    fn ids(s: &Store, id: &str) -> Vec<(String, Vec<String>)> {
        let i = s.find(id).unwrap();
        s.related(i, 10)
            .into_iter()
            .map(|r| (s.articles()[r.article].id.clone(), r.reasons))
            .collect()
    }

    fn sample() -> Store {
        store(&[
            (
                "agree",
                "2019-11-23",
                "Japan and Malaysia agreed on Saturday to hold a summit next month.\n\n\
                 Kuala Lumpur will keep its intelligence-sharing pact, the General Security of \
                 Military Information Agreement (GSOMIA), with Tokyo.",
            ),
            (
                "meet",
                "2022-09-22",
                "It was the first summit between the countries since December 2019, when they \
                 met in Beijing.\n\nKuala Lumpur had threatened to abandon the GSOMIA deal.",
            ),
            (
                "wheat",
                "2022-05-01",
                "Wheat prices rose in Kenya as rains failed, traders in Nairobi said.",
            ),
        ])
    }

    #[test]
    fn shared_agreement_and_period_link_two_stories_both_ways() {
        let s = sample();
        let from_agree = ids(&s, "agree");
        assert_eq!(from_agree.len(), 1, "{from_agree:?}");
        assert_eq!(from_agree[0].0, "meet");
        let reasons = from_agree[0].1.join(" | ");
        assert!(reasons.contains("December 2019"), "{reasons}");
        assert!(reasons.contains("“next month” here"), "{reasons}");
        assert!(reasons.contains("both name GSOMIA"), "{reasons}");
        let from_meet = ids(&s, "meet");
        assert_eq!(from_meet[0].0, "agree");
        assert!(
            from_meet[0]
                .1
                .join(" | ")
                .contains("“since December 2019” here")
        );
    }

    #[test]
    fn an_unrelated_story_is_not_listed() {
        let s = sample();
        assert!(ids(&s, "wheat").is_empty());
        for id in ["agree", "meet"] {
            assert!(ids(&s, id).iter().all(|(other, _)| other != "wheat"));
        }
    }

    #[test]
    fn a_story_from_the_period_another_recalls_is_linked() {
        let s = store(&[
            (
                "then",
                "2016-12-28",
                "Japan and South Korea reached a deal on comfort women, the two foreign \
                 ministers announced.",
            ),
            (
                "later",
                "2021-01-08",
                "A Seoul court ordered Japan to compensate comfort women, in a blow to the deal \
                 struck in December 2016.",
            ),
        ]);
        let later = ids(&s, "later");
        assert_eq!(later[0].0, "then");
        assert!(
            later[0]
                .1
                .iter()
                .any(|r| r.starts_with("from December 2016, which this story recalls")),
            "{later:?}"
        );
        let then = ids(&s, "then");
        assert!(
            then[0]
                .1
                .iter()
                .any(|r| r.starts_with("looks back to December 2016")),
            "{then:?}"
        );
    }

    #[test]
    fn rare_shared_names_outweigh_common_ones() {
        // Everyone names Japan; only two stories name Nippon Steel.
        let s = store(&[
            (
                "a",
                "2020-01-01",
                "Japan said Nippon Steel must pay. Japan objected.",
            ),
            ("b", "2020-02-01", "Nippon Steel appealed in Japan."),
            (
                "c",
                "2020-03-01",
                "Japan held talks. Japan and Japan again.",
            ),
            ("d", "2020-04-01", "Japan exported cars."),
        ]);
        let from_a = ids(&s, "a");
        assert_eq!(from_a[0].0, "b", "{from_a:?}");
        assert_eq!(from_a[0].1[0], "both name Nippon Steel");
    }
}
