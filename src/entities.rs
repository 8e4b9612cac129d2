//! Named entities of one article: people, organisations, places and agreements, each with its
//! canonical name and every mention (paragraph, byte range) in the body. Known names come from the
//! gazetteer; others are discovered from how the copy introduces them; a later bare surname
//! resolves to the full name met in the same article. Pure: no I/O, no terminal.

pub mod discover;
pub mod gazetteer;
pub mod matcher;
pub mod tokens;
pub mod words;

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use gazetteer::{Gazetteer, name_key};
use tokens::{Token, tokenize};

/// What sort of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organisation,
    Place,
    /// Treaties, pacts, deals: `GSOMIA`, the 1965 treaty.
    Agreement,
}

impl Kind {
    /// The order the groups of an article's entities are shown in (the sidebar, exports): who,
    /// then which bodies and deals, then where (places are the most common and the least
    /// telling).
    pub const SHOWN_ORDER: [Kind; 4] = [
        Kind::Person,
        Kind::Organisation,
        Kind::Agreement,
        Kind::Place,
    ];

    /// Where this kind's group comes in [`SHOWN_ORDER`](Self::SHOWN_ORDER), 0 first.
    pub fn shown_rank(self) -> usize {
        Self::SHOWN_ORDER
            .iter()
            .position(|k| *k == self)
            .unwrap_or(Self::SHOWN_ORDER.len())
    }

    pub const ALL: [Kind; 4] = [
        Kind::Person,
        Kind::Organisation,
        Kind::Place,
        Kind::Agreement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::Place => "place",
            Kind::Agreement => "agreement",
        }
    }

    /// The heading for a group of this kind.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Organisation => "Organisations",
            Kind::Place => "Places",
            Kind::Agreement => "Agreements",
        }
    }

    /// Parse a kind as people type it: `person`, `people`, `org`, `organization`, `places`, ...
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_lowercase().as_str() {
            "person" | "people" | "persons" => Some(Kind::Person),
            "organisation" | "organization" | "organisations" | "organizations" | "org"
            | "orgs" => Some(Kind::Organisation),
            "place" | "places" | "location" | "locations" => Some(Kind::Place),
            "agreement" | "agreements" | "treaty" | "treaties" => Some(Kind::Agreement),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a name occurs: a body paragraph and a byte range in it. Held in `u32`s, since a large
/// archive holds tens of millions of them: a file is at most 1 GiB (`config::MAX_FILE_MBS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mention {
    paragraph: u32,
    start: u32,
    end: u32,
}

impl Mention {
    /// The mention of bytes `start..end` of paragraph `paragraph`. A position past `u32::MAX`
    /// (which no file within the size cap has) becomes `u32::MAX`, whose text is then not found.
    pub fn new(paragraph: usize, start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Mention {
            paragraph: clamp(paragraph),
            start: clamp(start),
            end: clamp(end),
        }
    }

    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte range in the paragraph.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    /// Whether `inner` lies within this span, in the same paragraph.
    pub fn contains(&self, inner: Mention) -> bool {
        inner.paragraph == self.paragraph && inner.start >= self.start && inner.end <= self.end
    }
}

/// One entity of an article with its mentions, in the order first met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundEntity {
    /// Canonical name: the gazetteer's, or the fullest form the article uses. Shared: the same
    /// name in a hundred thousand articles is one string (see [`intern`]).
    #[serde(deserialize_with = "interned")]
    pub name: Arc<str>,
    pub kind: Kind,
    /// The name's comparison key (`name_key`), the same across articles; shared like `name`.
    #[serde(deserialize_with = "interned")]
    pub key: Arc<str>,
    /// From the gazetteer (as opposed to discovered in this article).
    pub known: bool,
    pub mentions: Vec<Mention>,
}

thread_local! {
    /// The names this thread has made shared strings of.
    static NAMES: std::cell::RefCell<foldhash::HashSet<Arc<str>>> =
        std::cell::RefCell::new(foldhash::HashSet::default());
}

/// The most names a thread keeps for sharing; past it, it starts over (the strings already
/// given out stay valid, only the sharing of later ones restarts).
const MAX_INTERNED: usize = 1 << 20;

/// `name` as a string shared with every other use of the same name on this thread: entity
/// names and keys repeat across a large archive millions of times (the loader runs on a few
/// threads, so a name is held at most once per thread).
pub fn intern(name: &str) -> Arc<str> {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(shared) = names.get(name) {
            return Arc::clone(shared);
        }
        if names.len() >= MAX_INTERNED {
            names.clear();
        }
        let shared: Arc<str> = Arc::from(name);
        names.insert(Arc::clone(&shared));
        shared
    })
}

/// Deserialize a string into a shared one ([`intern`]).
fn interned<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Arc<str>, D::Error> {
    struct Shared;
    impl serde::de::Visitor<'_> for Shared {
        type Value = Arc<str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a name")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Arc<str>, E> {
            Ok(intern(v))
        }
    }
    de.deserialize_str(Shared)
}

/// What an article offers besides its body to find entities.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The dateline city, a place of the story.
    pub dateline: Option<&'a str>,
    /// Credit lines and the byline: the people named there made the story and are not in it.
    pub credits: &'a [String],
    pub byline: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    Known(usize),
    Local(usize),
}

struct Local {
    name: String,
    kind: Kind,
}

/// The longest name, in words, matched against the article's own names.
const MAX_NAME_WORDS: usize = 8;

/// Find the entities of an article body.
pub fn find(body: &[String], context: Context<'_>, gazetteer: &Gazetteer) -> Vec<FoundEntity> {
    let tokens: Vec<Vec<Token<'_>>> = body.iter().map(|p| tokenize(p)).collect();
    find_in_tokens(body, &tokens, context, gazetteer)
}

/// Like [`find`], with each paragraph already tokenized (`tokens[i]` is `tokenize(&body[i])`),
/// so the other analyses can share the work.
pub fn find_in_tokens(
    body: &[String],
    tokens: &[Vec<Token<'_>>],
    context: Context<'_>,
    gazetteer: &Gazetteer,
) -> Vec<FoundEntity> {
    // 1. What the copy introduces, and the dateline.
    let (mut names, single_people) = introduced(body, tokens, context, gazetteer);
    // 2. Gazetteer hits; a person's full name there lets their surname stand alone later.
    let mut candidates = known(body, gazetteer, &mut names);
    names.settle(single_people, gazetteer);
    // 3. The article's own names, wherever they occur.
    for (pi, (p, toks)) in body.iter().zip(tokens).enumerate() {
        names.scan(pi, p, toks, &mut candidates);
    }
    // 4. Longest first; on the same span the article's own reading wins over the gazetteer.
    let taken = select(candidates, &names);
    // 5. Group by entity, in the order first met.
    group(taken, &names, gazetteer)
}

/// The names the copy introduces, and the people introduced by one word only (`President
/// Macron`), who may turn out to be someone named in full elsewhere in the article.
fn introduced(
    body: &[String],
    tokens: &[Vec<Token<'_>>],
    context: Context<'_>,
    gazetteer: &Gazetteer,
) -> (Names, Vec<discover::Discovered>) {
    let credited = credited_names(context);
    let mut names = Names::default();
    let mut single_people = Vec::new();
    for (p, toks) in body.iter().zip(tokens) {
        for d in discover::discover(p, toks, gazetteer) {
            let key = name_key(&d.name);
            if d.kind == Kind::Person && credited.contains(&key) {
                continue;
            }
            if d.kind == Kind::Person && !key.contains(' ') {
                single_people.push(d);
                continue;
            }
            let target = names.target(&d.name, d.kind, gazetteer);
            if let Some((acronym, _, _)) = &d.acronym {
                let t = gazetteer.lookup(acronym).map_or(target, Target::Known);
                names.add(acronym, t);
            }
        }
    }
    if let Some(dateline) = context.dateline {
        let city = title_case(dateline);
        if !city.is_empty() {
            names.target(&city, Kind::Place, gazetteer);
        }
    }
    (names, single_people)
}

/// Gazetteer names in the body, as candidate mentions.
fn known(body: &[String], gazetteer: &Gazetteer, names: &mut Names) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    for (pi, p) in body.iter().enumerate() {
        for h in gazetteer.find(p) {
            let Some(entry) = gazetteer.entry(h.entry) else {
                continue;
            };
            let h = if entry.kind == Kind::Person {
                without_title(p, h, gazetteer)
            } else {
                h
            };
            if entry.kind == Kind::Person && p[h.start..h.end].contains(' ') {
                names.add_surname(&entry.name, Target::Known(h.entry));
            }
            candidates.push(Candidate {
                paragraph: pi,
                start: h.start,
                end: h.end,
                target: Some(Target::Known(h.entry)),
                rank: Rank::Known,
                surname: None,
            });
        }
    }
    candidates
}

/// Keep the longest candidates that do not overlap, then resolve bare surnames. Taken spans are
/// kept per paragraph in an ordered map, so a huge article costs n log n, not n².
fn select(mut candidates: Vec<Candidate>, names: &Names) -> Vec<Candidate> {
    candidates.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.end - c.start),
            c.rank,
            c.paragraph,
            c.start,
        )
    });
    let mut spans: BTreeMap<(usize, usize), usize> = BTreeMap::new(); // (paragraph, start) -> end
    let mut taken: Vec<Candidate> = Vec::new();
    for c in candidates {
        let before = spans
            .range(..=(c.paragraph, c.start))
            .next_back()
            .is_some_and(|(&(p, _), &end)| p == c.paragraph && end > c.start);
        let after = spans
            .range((c.paragraph, c.start)..)
            .next()
            .is_some_and(|(&(p, start), _)| p == c.paragraph && start < c.end);
        if !before && !after {
            spans.insert((c.paragraph, c.start), c.end);
            taken.push(c);
        }
    }
    taken.sort_by_key(|c| (c.paragraph, c.start));
    resolve_surnames(&mut taken, names);
    taken
}

/// One entity per target, with its mentions, in the order first met.
fn group(taken: Vec<Candidate>, names: &Names, gazetteer: &Gazetteer) -> Vec<FoundEntity> {
    let mut order: Vec<Target> = Vec::new();
    let mut mentions: HashMap<Target, Vec<Mention>> = HashMap::new();
    for c in taken {
        let Some(t) = c.target else { continue };
        let list = mentions.entry(t).or_insert_with(|| {
            order.push(t);
            Vec::new()
        });
        list.push(Mention::new(c.paragraph, c.start, c.end));
    }
    order
        .into_iter()
        .filter_map(|t| {
            let (name, kind, known) = match t {
                Target::Known(i) => {
                    let e = gazetteer.entry(i)?;
                    (e.name.clone(), e.kind, true)
                }
                Target::Local(i) => {
                    let l = names.locals.get(i)?;
                    (l.name.clone(), l.kind, false)
                }
            };
            Some(FoundEntity {
                key: intern(&name_key(&name)),
                name: intern(&name),
                kind,
                known,
                mentions: mentions.remove(&t)?,
            })
        })
        .collect()
}

/// A person's mention is their name, not their title: `President Yoon` (an alias) marks `Yoon`, and
/// in `President Yoon Suk Yeol` the full name.
fn without_title(p: &str, h: gazetteer::Hit, gazetteer: &Gazetteer) -> gazetteer::Hit {
    let toks = tokenize(&p[h.start..h.end]);
    let Some(first_name) = toks
        .iter()
        .position(|t| !words::TITLES.contains(t.lower().as_ref()))
        .filter(|&i| i > 0)
    else {
        return h;
    };
    let start = h.start + toks[first_name].start;
    match gazetteer.find_at(p, start) {
        Some(longer) if longer.entry == h.entry && longer.end >= h.end => longer,
        _ => gazetteer::Hit { start, ..h },
    }
}

/// `NAGOYA` -> `Nagoya`; names already in mixed case stay as they are.
fn title_case(s: &str) -> String {
    let s = s.trim();
    if s.chars().any(char::is_lowercase) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

/// Name keys of the people in credit lines and the byline.
fn credited_names(context: Context<'_>) -> HashSet<String> {
    let mut out = HashSet::new();
    for line in context
        .credits
        .iter()
        .map(String::as_str)
        .chain(context.byline)
    {
        let toks = tokenize(line);
        let mut i = 0;
        while i < toks.len() {
            let mut j = i;
            while j < toks.len()
                && toks[j].is_capitalized()
                && (j == i || toks[j].joined_by_space())
            {
                j += 1;
            }
            if j > i + 1 {
                out.insert(name_key(&line[toks[i].start..toks[j - 1].end]));
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// How a candidate mention was found; lower wins on the same span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// A bare surname of a person named in full in this article.
    Surname,
    /// A name this article introduced.
    Local,
    /// A gazetteer name or alias.
    Known,
}

#[derive(Debug, Clone)]
struct Candidate {
    paragraph: usize,
    start: usize,
    end: usize,
    target: Option<Target>,
    rank: Rank,
    /// For a bare surname: its key, resolved once all mentions are known.
    surname: Option<String>,
}

/// The article's own names: full names, acronyms, surnames.
#[derive(Default)]
struct Names {
    locals: Vec<Local>,
    /// Name key -> target, for names of one or more words.
    full: HashMap<String, Target>,
    /// Surname (or other single name) key -> the people who have it.
    surnames: HashMap<String, Vec<Target>>,
    /// Keys that are someone's surname: they never stand for someone's first name.
    surname_keys: HashSet<String>,
    /// Every word-prefix of the keys above, so a scan stops extending a span at once when no
    /// name can start that way.
    prefixes: HashSet<String>,
}

impl Names {
    /// The target for a name: the gazetteer's entry, an existing local, or a new local.
    fn target(&mut self, name: &str, kind: Kind, gazetteer: &Gazetteer) -> Target {
        let key = name_key(name);
        if let Some(t) = self.full.get(&key) {
            return *t;
        }
        self.add_prefixes(&key);
        let t = gazetteer.lookup(name).map_or_else(
            || {
                self.locals.push(Local {
                    name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                    kind,
                });
                Target::Local(self.locals.len() - 1)
            },
            Target::Known,
        );
        self.full.insert(key, t);
        t
    }

    /// Once every full name is known: surnames for the article's own people, and one-word people
    /// who are not someone's surname become people of their own.
    fn settle(&mut self, single_people: Vec<discover::Discovered>, gazetteer: &Gazetteer) {
        let full_people: Vec<(String, Target)> = self
            .locals
            .iter()
            .enumerate()
            .filter(|(_, l)| l.kind == Kind::Person && l.name.contains(' '))
            .map(|(i, l)| (l.name.clone(), Target::Local(i)))
            .collect();
        for (name, t) in full_people {
            self.add_surname(&name, t);
        }
        for d in single_people {
            if !self.surnames.contains_key(&name_key(&d.name)) {
                self.target(&d.name, Kind::Person, gazetteer);
            }
        }
    }

    fn add(&mut self, name: &str, t: Target) {
        let key = name_key(name);
        self.add_prefixes(&key);
        self.full.entry(key).or_insert(t);
    }

    fn add_prefixes(&mut self, key: &str) {
        for (i, c) in key.char_indices() {
            if c == ' ' {
                self.prefixes.insert(key[..i].to_owned());
            }
        }
        self.prefixes.insert(key.to_owned());
    }

    /// Let a person's surname stand alone for them, and their other names too (`Anwar` for
    /// `Anwar Ibrahim`, `Prabowo` for `Prabowo Subianto`: not every name has a surname), except
    /// where a word is someone's surname already.
    fn add_surname(&mut self, full_name: &str, t: Target) {
        let words: Vec<&str> = full_name.split_whitespace().collect();
        if words.len() < 2 {
            return;
        }
        let surname = words::surname_index(&words);
        let mut add = |key: String, surname: bool| {
            for (i, c) in key.char_indices() {
                if c == ' ' {
                    self.prefixes.insert(key[..i].to_owned());
                }
            }
            self.prefixes.insert(key.clone());
            let list = self.surnames.entry(key.clone()).or_default();
            if list.contains(&t) {
                return;
            }
            if surname {
                self.surname_keys.insert(key);
                list.push(t);
            } else if !self.surname_keys.contains(&key) {
                list.push(t);
            }
        };
        add(name_key(words[surname]), true);
        for (i, w) in words.iter().enumerate() {
            // Initials and short particles stand for nobody.
            if i != surname && w.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                add(name_key(w), false);
            }
        }
    }

    /// Candidates for every local name and surname in one paragraph.
    fn scan(&self, paragraph: usize, p: &str, toks: &[Token<'_>], out: &mut Vec<Candidate>) {
        for i in 0..toks.len() {
            if !toks[i].is_capitalized() {
                continue;
            }
            let mut j = i;
            while j < toks.len()
                && j - i < MAX_NAME_WORDS
                && (j == i || toks[j].joined_by_space() || toks[j].joined_by_hyphen())
            {
                let (start, end) = (toks[i].start, toks[j].end);
                let name_starts = gazetteer::with_name_key(&p[start..end], |key| {
                    if !self.prefixes.contains(key) {
                        return false;
                    }
                    if let Some(t) = self.full.get(key) {
                        out.push(Candidate {
                            paragraph,
                            start,
                            end,
                            target: Some(*t),
                            rank: Rank::Local,
                            surname: None,
                        });
                    }
                    if self.surnames.contains_key(key) {
                        out.push(Candidate {
                            paragraph,
                            start,
                            end,
                            target: None,
                            rank: Rank::Surname,
                            surname: Some(key.to_owned()),
                        });
                    }
                    true
                });
                if !name_starts {
                    break;
                }
                if toks[j].possessive {
                    break;
                }
                j += 1;
            }
        }
    }
}

/// A bare surname means the person of that surname named most recently before it, or else the
/// first one named after it. One pass each way over the mentions (in text order).
fn resolve_surnames(mentions: &mut [Candidate], names: &Names) {
    let pick = |seen: &HashMap<Target, usize>, people: &[Target], latest: bool| {
        let known = people
            .iter()
            .filter_map(|t| seen.get(t).map(|&at| (at, *t)));
        if latest { known.max() } else { known.min() }.map(|(_, t)| t)
    };
    // Backwards: the first full mention of each person after each point.
    let mut next_full: HashMap<Target, usize> = HashMap::new();
    let mut after: Vec<Option<Target>> = vec![None; mentions.len()];
    for (i, c) in mentions.iter().enumerate().rev() {
        match (&c.surname, c.target) {
            (None, Some(t)) => {
                next_full.insert(t, i);
            }
            (Some(key), _) => {
                let people = names.surnames.get(key).map_or(&[][..], Vec::as_slice);
                after[i] = pick(&next_full, people, false);
            }
            _ => {}
        }
    }
    // Forwards: the latest full mention before, else the first after, else the first registered.
    let mut last_full: HashMap<Target, usize> = HashMap::new();
    for (i, c) in mentions.iter_mut().enumerate() {
        match (&c.surname, c.target) {
            (None, Some(t)) => {
                last_full.insert(t, i);
            }
            (Some(key), _) => {
                let people = names.surnames.get(key).map_or(&[][..], Vec::as_slice);
                c.target = pick(&last_full, people, true)
                    .or(after[i])
                    .or(people.first().copied());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
