//! The in-memory store: a card per article (what lists, filters and cross-references read),
//! indexes by year, outlet, word, entity and topic, and the problems met while loading. Each
//! whole article (text, captions, mentions) is kept packed (`crate::pack`) and handed out by
//! [`Store::article`]; that is the store's only I/O, when the text is in the analysis cache's
//! file. No terminal here.
//!
//! An article's index (its *slot*) never changes once it is in the store: articles can be added
//! while the reader runs (a load filling in, a file pasted in) without moving anything the reader
//! holds. Every index lists slots ascending. The reading order, newest first and undated last,
//! is kept beside them (`order`, and each slot's `rank` in it); whatever is shown as a list is
//! put in that order. A store built in one go (`Store::build`) gives its articles slots in that
//! order, so there slot and rank agree; a whole load adds chunk by chunk, in the order files are
//! read.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use std::fmt;

use std::sync::Arc;

use crate::article::{Article, Card, PartialDate, Precision};
use crate::entities::Kind;
use crate::entities::gazetteer::name_key;
use crate::extract::outlet::OutletAliases;
use crate::lexicon::Lexicon;
use crate::load::Problem;
use crate::pack::{Packed, Packer, pack_new};
use crate::query::Filter;
use crate::related::Related;
use crate::sanitize;

/// Articles and their indexes.
#[derive(Debug, Default)]
pub struct Store {
    /// By slot: what lists, filters and cross-references read.
    articles: Vec<Card>,
    /// By slot: each whole article (its text, captions, credits and mentions), packed.
    texts: Vec<Packed>,
    /// Packs the articles added next.
    packer: Arc<Packer>,
    /// Slots newest first, undated last (ties by id).
    order: Vec<usize>,
    /// Each slot's position in `order`.
    rank: Vec<u32>,
    /// Article id -> slot.
    by_id: HashMap<String, usize>,
    by_year: BTreeMap<u16, Vec<usize>>,
    undated: Vec<usize>,
    /// Lowercased canonical outlet and publisher names -> (name as shown, articles).
    by_outlet: BTreeMap<String, (String, Vec<usize>)>,
    /// Each lowercase word of a headline or body -> the articles holding it, ascending.
    by_word: BTreeMap<String, Postings>,
    /// Per ASCII letter or digit (see [`initial`]), a bit per slot whose article holds a word
    /// beginning with it: the first letter of a word being typed would otherwise gather the
    /// lists of a tenth of the vocabulary.
    by_initial: Vec<Vec<u64>>,
    problems: Vec<Problem>,
    aliases: OutletAliases,
    lexicon: Lexicon,
    /// Every entity of the corpus, one per kind and name key.
    entities: Vec<EntityInfo>,
    entity_by_key: HashMap<(Kind, std::sync::Arc<str>), usize>,
    /// Per article, the corpus id of each of its entities (parallel to `Article::entities`).
    article_entities: Vec<Vec<usize>>,
    /// Per article, how many times it mentions each of its entities (parallel likewise).
    entity_mentions: Vec<Box<[u32]>>,
    /// Per topic, the articles that carry it (ascending).
    topic_articles: Vec<Vec<usize>>,
    /// Articles dated in a month (ascending).
    by_month: HashMap<(u16, u8), Vec<usize>>,
    /// Articles that refer to a year or a month (ascending).
    referring: HashMap<PartialDate, Vec<usize>>,
    /// A bit per slot whose article was removed (its file deleted, or read again into another
    /// slot). Its card stays in its slot; every index but the word index lets go of it at once,
    /// and the word index's lists skip it when read (see [`Store::remove`]).
    removed: Vec<u64>,
    /// A removed slot -> the slot its file was read again into (see [`Store::replaced`]).
    replaced_by: HashMap<usize, usize>,
}

/// An entity across the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityInfo {
    /// The canonical name (the gazetteer's, or the form first met).
    pub name: std::sync::Arc<str>,
    pub kind: Kind,
    pub key: std::sync::Arc<str>,
    /// The articles that name it (ascending slots).
    pub articles: Vec<usize>,
    /// Mentions across the corpus.
    pub mentions: usize,
}

/// Why a whole article could not be handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// No article has this slot.
    NoSlot(usize),
    /// It does not unpack: its packed bytes or its cache entry are damaged, or the cache file
    /// cannot be read.
    Damaged { id: String, why: String },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::NoSlot(slot) => write!(f, "no article in slot {slot}"),
            TextError::Damaged { id, why } => {
                write!(f, "the text of '{id}' cannot be read: {why}")
            }
        }
    }
}

impl std::error::Error for TextError {}

/// Why an article id could not be looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    NotFound(String),
    Ambiguous {
        prefix: String,
        candidates: Vec<String>,
    },
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::NotFound(id) => write!(
                f,
                "no article '{}' (an id is a file name without .txt, or a unique prefix of it; `gisa list` shows them)",
                crate::sanitize::line(id)
            ),
            LookupError::Ambiguous { prefix, candidates } => write!(
                f,
                "'{}' matches {} articles: {}",
                crate::sanitize::line(prefix),
                candidates.len(),
                crate::sanitize::line(&candidates.join(", "))
            ),
        }
    }
}

impl std::error::Error for LookupError {}

/// A filter part that names something the store does not have. Each message is one line, so the
/// reader can show it in its status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    UnknownOutlet {
        name: String,
        known: Vec<String>,
    },
    /// No configured topic has this id or name; `known` holds the topic ids.
    UnknownTopic {
        name: String,
        known: Vec<String>,
    },
    /// No entity of the corpus has this name or alias.
    UnknownEntity {
        name: String,
    },
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterError::UnknownOutlet { name, known } => write!(
                f,
                "no articles from outlet '{}' (outlets here: {})",
                crate::sanitize::line(name),
                crate::sanitize::line(&known.join(", "))
            ),
            FilterError::UnknownTopic { name, known } if known.is_empty() => write!(
                f,
                "no topic '{}' (no topics are configured; see [topics] in config.toml)",
                crate::sanitize::line(name)
            ),
            FilterError::UnknownTopic { name, known } => write!(
                f,
                "no topic '{}' (topics: {})",
                crate::sanitize::line(name),
                crate::sanitize::line(&known.join(", "))
            ),
            FilterError::UnknownEntity { name } => write!(
                f,
                "no entity '{}' (`gisa entities` lists them)",
                crate::sanitize::line(name)
            ),
        }
    }
}

impl std::error::Error for FilterError {}

/// The slots of the articles holding a word: ascending, each kept as its distance from the one
/// before in a LEB128 varint. A common word is in most articles, a step of one byte, where a
/// `u32` took four: at 100,000 articles the word index went from 120 MB to about 30.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl Postings {
    /// Add a slot after the others; one not above the last is already in (a list is a set).
    pub fn push(&mut self, slot: u32) {
        let mut step = match self.len {
            0 => slot,
            _ if slot <= self.last => return,
            _ => slot - self.last,
        };
        while step >= 0x80 {
            self.bytes.push((step as u8 & 0x7f) | 0x80);
            step >>= 7;
        }
        self.bytes.push(step as u8);
        self.last = slot;
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slots, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut slot: u32 = 0;
        std::iter::from_fn(move || {
            let mut step: u32 = 0;
            let mut shift = 0;
            loop {
                let b = *self.bytes.get(at)?;
                at += 1;
                step |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
            }
            slot = slot.wrapping_add(step);
            Some(slot)
        })
    }

    fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

impl FromIterator<u32> for Postings {
    fn from_iter<I: IntoIterator<Item = u32>>(slots: I) -> Self {
        let mut p = Postings::default();
        for s in slots {
            p.push(s);
        }
        p
    }
}

/// From this many articles, the word index of a batch is built on every core. Smaller batches
/// (those a running reader takes in while the load goes on) are indexed on the calling thread:
/// waiting on the rayon pool from there would wait behind the load's own work on it.
const PARALLEL_INDEX_FROM: usize = 1024;

/// The word index of `articles`, whose first is slot `base`, in runs: each lowercase word of a
/// headline or body -> the slots holding it, ascending; the runs follow each other. A large
/// batch is split in runs built on every core. Words are what `normalize_words` makes of a
/// query (the same `query::words`, lowercased alike), so the two always agree.
fn word_index(articles: &[Article], base: usize) -> Vec<Vec<(String, Vec<u32>)>> {
    use rayon::prelude::*;
    if articles.len() < PARALLEL_INDEX_FROM {
        return vec![sorted(word_run(articles, base))];
    }
    let run = articles
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    articles
        .par_chunks(run)
        .enumerate()
        .map(|(r, chunk)| sorted(word_run(chunk, base + r * run)))
        .collect()
}

/// A run's words in order: the store's ordered word index takes them in a little faster so
/// (each insertion near the one before: 1.8 -> 1.65 ms a batch at 100,000), and the sorting is
/// done on the loading thread.
fn sorted(run: HashMap<String, Vec<u32>>) -> Vec<(String, Vec<u32>)> {
    let mut run: Vec<(String, Vec<u32>)> = run.into_iter().collect();
    run.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    run
}

/// The word index of one run of articles, the first at slot `base`. A word is lowercased into
/// one reused buffer and allocated only the first time the run meets it.
fn word_run(articles: &[Article], base: usize) -> HashMap<String, Vec<u32>> {
    let mut map: HashMap<String, Vec<u32>> = HashMap::new();
    let mut word = String::new();
    for (k, a) in articles.iter().enumerate() {
        // A store never holds 4 billion articles; the index would be the least of it.
        let i = u32::try_from(base + k).unwrap_or(u32::MAX);
        let text = std::iter::once(a.title()).chain(a.body.iter().map(String::as_str));
        for w in text.flat_map(crate::query::words) {
            word.clear();
            if w.is_ascii() {
                word.push_str(w);
                word.make_ascii_lowercase();
            } else {
                word.push_str(&w.to_lowercase());
            }
            match map.get_mut(word.as_str()) {
                Some(list) if list.last() == Some(&i) => {}
                Some(list) => list.push(i),
                None => {
                    map.insert(word.clone(), vec![i]);
                }
            }
        }
    }
    map
}

/// Articles made ready for a store away from it, on a loading thread: their cards, packed
/// texts, word index (slots counted from the batch's first) and entities. What is left for
/// [`Store::take`] is merging them in.
#[derive(Debug, Default)]
pub struct Prepared {
    cards: Vec<Card>,
    texts: Vec<Packed>,
    words: Vec<Vec<(String, Vec<u32>)>>,
    entities: Vec<Vec<EntityRef>>,
    dictionary: bool,
}

/// One entity of an article, as the store's indexes need it.
#[derive(Debug, Clone)]
struct EntityRef {
    kind: Kind,
    key: Arc<str>,
    name: Arc<str>,
    mentions: u32,
}

impl Prepared {
    /// Prepare `articles`, packing those not `kept` already (parallel to them) with `packer`.
    pub fn new(articles: Vec<Article>, kept: Vec<Option<Packed>>, packer: &Arc<Packer>) -> Self {
        let words = word_index(&articles, 0);
        let cards = articles.iter().map(Card::of).collect();
        let entities = articles
            .iter()
            .map(|a| {
                a.entities
                    .iter()
                    .map(|e| EntityRef {
                        kind: e.kind,
                        key: Arc::clone(&e.key),
                        name: Arc::clone(&e.name),
                        mentions: u32::try_from(e.mentions.len()).unwrap_or(u32::MAX),
                    })
                    .collect()
            })
            .collect();
        let texts = pack_new(packer, articles, kept);
        Prepared {
            cards,
            texts,
            words,
            entities,
            dictionary: packer.has_dictionary(),
        }
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Their cards, in the order given.
    pub fn cards(&self) -> &[Card] {
        &self.cards
    }

    /// Whether the packer had a dictionary.
    pub fn packed_with_dictionary(&self) -> bool {
        self.dictionary
    }
}

/// Newest first, undated last; the id breaks ties, so the order never depends on load order.
fn reading_order(a: &Card, b: &Card) -> std::cmp::Ordering {
    order_of(a.date.get(), &a.id, b.date.get(), &b.id)
}

fn order_of(
    a_date: Option<&PartialDate>,
    a_id: &str,
    b_date: Option<&PartialDate>,
    b_id: &str,
) -> std::cmp::Ordering {
    match (a_date, b_date) {
        (Some(x), Some(y)) => y.cmp(x).then_with(|| a_id.cmp(b_id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a_id.cmp(b_id),
    }
}

impl Store {
    /// Sort the articles and build the indexes, without a lexicon (entities and topics as the
    /// articles carry them).
    pub fn new(articles: Vec<Article>, problems: Vec<Problem>, aliases: OutletAliases) -> Self {
        Self::build(articles, problems, aliases, Lexicon::default())
    }

    /// A store with no articles yet, to [`add`](Self::add) them to.
    pub fn empty(aliases: OutletAliases, lexicon: Lexicon) -> Self {
        Store {
            aliases,
            topic_articles: vec![Vec::new(); lexicon.topics.list().len()],
            lexicon,
            ..Store::default()
        }
    }

    /// Make room for `articles` more articles in the per-article tables at once, as a load does
    /// when it knows how many files it found: a table that grows batch by batch would now and
    /// then move everything it holds (and rehash the ids) in the middle of a key's frame.
    pub fn reserve(&mut self, articles: usize) {
        self.articles.reserve(articles);
        self.texts.reserve(articles);
        self.order.reserve(articles);
        self.rank.reserve(articles);
        self.by_id.reserve(articles);
        self.article_entities.reserve(articles);
        self.entity_mentions.reserve(articles);
    }

    /// Sort the articles and build every index; slots are given in reading order.
    pub fn build(
        mut articles: Vec<Article>,
        problems: Vec<Problem>,
        aliases: OutletAliases,
        lexicon: Lexicon,
    ) -> Self {
        articles.sort_by(|a, b| order_of(a.date.get(), &a.id, b.date.get(), &b.id));
        let mut store = Self::empty(aliases, lexicon);
        store.add(articles, problems);
        store.settle();
        store
    }

    /// Pack the articles added from now on with `packer` (one trained on this archive's
    /// articles packs them smaller); those added before keep theirs.
    pub fn use_packer(&mut self, packer: Arc<Packer>) {
        self.packer = packer;
    }

    /// Whether the articles added next are packed with a dictionary.
    pub fn packs_with_dictionary(&self) -> bool {
        self.packer.has_dictionary()
    }

    /// A whole load is in: give back what the index lists' doubling left over. (A reader still
    /// loading leaves this out: its small batches would only grow them again.)
    pub fn settle(&mut self) {
        self.by_word.values_mut().for_each(Postings::shrink_to_fit);
        self.articles.shrink_to_fit();
        self.texts.shrink_to_fit();
    }

    /// Take in more articles (their ids must be new to the store; see [`Store::has_id`]) and
    /// problems, and index them. Slots already given do not change; the new articles get the
    /// next ones, in the order given. Costs about what indexing the new articles alone costs,
    /// plus one pass over the reading order.
    pub fn add(&mut self, articles: Vec<Article>, problems: Vec<Problem>) {
        let n = articles.len();
        self.add_kept(articles, vec![None; n], problems);
    }

    /// [`add`](Self::add), where `kept` (parallel to `articles`) says where an article's text
    /// is kept already, so that it need not be packed.
    pub fn add_kept(
        &mut self,
        articles: Vec<Article>,
        kept: Vec<Option<Packed>>,
        problems: Vec<Problem>,
    ) {
        let ready = Prepared::new(articles, kept, &self.packer);
        self.take(ready, problems);
    }

    /// Take in articles prepared elsewhere (see [`Prepared`]), as [`add`](Self::add) does:
    /// only what needs the store is done here, which costs a few milliseconds per thousand.
    pub fn take(&mut self, ready: Prepared, mut problems: Vec<Problem>) {
        let base = self.articles.len();
        let shift = u32::try_from(base).unwrap_or(u32::MAX);
        if self.by_initial.is_empty() {
            self.by_initial = vec![Vec::new(); INITIALS];
        }
        for run in ready.words {
            for (w, ids) in run {
                let mut bits = initial(&w).and_then(|k| self.by_initial.get_mut(k));
                let list = self.by_word.entry(w).or_default();
                for i in ids {
                    let slot = i.saturating_add(shift);
                    list.push(slot);
                    if let Some(bits) = bits.as_deref_mut() {
                        let at = slot as usize / 64;
                        if bits.len() <= at {
                            bits.resize(at + 1, 0);
                        }
                        bits[at] |= 1 << (slot % 64);
                    }
                }
            }
        }
        self.index_analysis(base, &ready.cards, &ready.entities);
        self.articles.extend(ready.cards);
        self.texts.extend(ready.texts);
        let new = base..self.articles.len();

        // The reading order: the new slots sorted, merged into the old order.
        let mut fresh: Vec<usize> = new.clone().collect();
        let all = &self.articles;
        let before = |x: usize, y: usize| reading_order(&all[x], &all[y]);
        fresh.sort_by(|&x, &y| before(x, y));
        // Each new slot's place among the old ones is found by binary search, and the order is
        // merged in place from the back: a batch costs its size times log n comparisons and
        // one pass over what moves, and no new order is allocated.
        let mut places = Vec::with_capacity(fresh.len());
        let mut at = 0;
        for &f in &fresh {
            at += self.order[at..].partition_point(|&o| !before(f, o).is_lt());
            places.push(at);
        }
        let old_len = self.order.len();
        self.order.resize(old_len + fresh.len(), 0);
        let mut end = old_len;
        for (k, (&f, &place)) in fresh.iter().zip(&places).enumerate().rev() {
            self.order.copy_within(place..end, place + k + 1);
            self.order[place + k] = f;
            end = place;
        }
        // Only the ranks from the first new place on have changed.
        self.rank.resize(self.articles.len(), 0);
        let first = places.first().copied().unwrap_or(old_len);
        for (r, &slot) in self.order.iter().enumerate().skip(first) {
            self.rank[slot] = u32::try_from(r).unwrap_or(u32::MAX);
        }

        for i in new {
            let a = &self.articles[i];
            self.by_id.insert(a.id.clone(), i);
            match a.year() {
                Some(y) => self.by_year.entry(y).or_default().push(i),
                None => self.undated.push(i),
            }
            for name in [a.outlet.get(), a.publisher.get()].into_iter().flatten() {
                let (_, list) = self
                    .by_outlet
                    .entry(name.to_lowercase())
                    .or_insert_with(|| (name.clone(), Vec::new()));
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }

        // By file, so `gisa check` prints the same report for the same folder; a file's own
        // problems stay in the order met (the sort is stable).
        self.problems.append(&mut problems);
        self.problems.sort_by(|a, b| a.file.cmp(&b.file));
    }

    /// Take the article in `slot` out of the store: out of the reading order, the id, year,
    /// month, outlet, topic, entity and time-reference indexes, with its file's problems. Its
    /// slot is not reused, so every other slot keeps its meaning. The word index keeps the slot
    /// in its lists (rewriting them would cost a pass over every word of the article's text) and
    /// [`filter`](Self::filter) drops it from what they give. Costs one pass over the reading
    /// order and over the lists the article is in. A slot already removed, or none, is left.
    pub fn remove(&mut self, slot: usize) {
        if !self.is_live(slot) {
            return;
        }
        let at = self.rank(slot);
        if at < self.order.len() {
            self.order.remove(at);
            for (r, &s) in self.order.iter().enumerate().skip(at) {
                self.rank[s] = u32::try_from(r).unwrap_or(u32::MAX);
            }
        }
        self.rank[slot] = u32::MAX;
        let at = slot / 64;
        if self.removed.len() <= at {
            self.removed.resize(at + 1, 0);
        }
        self.removed[at] |= 1 << (slot % 64);
        let card = &self.articles[slot];
        if self.by_id.get(&card.id) == Some(&slot) {
            self.by_id.remove(&card.id);
        }
        let drop_from = |list: &mut Vec<usize>| list.retain(|&s| s != slot);
        match card.year() {
            Some(y) => {
                if let Some(list) = self.by_year.get_mut(&y) {
                    drop_from(list);
                    if list.is_empty() {
                        self.by_year.remove(&y);
                    }
                }
            }
            None => drop_from(&mut self.undated),
        }
        if let Some(d) = card.date.get()
            && let Some(m) = d.get_month()
            && let Some(list) = self.by_month.get_mut(&(d.get_year(), m))
        {
            drop_from(list);
        }
        for name in [card.outlet.get(), card.publisher.get()]
            .into_iter()
            .flatten()
        {
            let key = name.to_lowercase();
            if let Some((_, list)) = self.by_outlet.get_mut(&key) {
                drop_from(list);
                if list.is_empty() {
                    self.by_outlet.remove(&key);
                }
            }
        }
        for t in &card.topics {
            if let Some(list) = self.topic_articles.get_mut(t.topic) {
                drop_from(list);
            }
        }
        for r in &card.time_refs {
            if let Some(list) = self.referring.get_mut(&r.period) {
                drop_from(list);
            }
        }
        let ids = std::mem::take(&mut self.article_entities[slot]);
        let mentions = std::mem::take(&mut self.entity_mentions[slot]);
        for (k, id) in ids.into_iter().enumerate() {
            if let Some(info) = self.entities.get_mut(id) {
                drop_from(&mut info.articles);
                info.mentions = info
                    .mentions
                    .saturating_sub(mentions.get(k).copied().unwrap_or(0) as usize);
            }
        }
        let file = card.file.clone();
        self.forget_problems(&file);
    }

    /// Drop the problems reported for `file` (it is about to be read again, or is gone).
    pub fn forget_problems(&mut self, file: &str) {
        self.problems.retain(|p| p.file != file);
    }

    /// Say that the removed article in `old` is the one now in `new` (its file read again): a
    /// reader showing `old` can follow it with [`successor`](Self::successor).
    pub fn replaced(&mut self, old: usize, new: usize) {
        if old != new && !self.is_live(old) {
            self.replaced_by.insert(old, new);
        }
    }

    /// Where the article once in `slot` is now: `slot` itself while it is in the store, the
    /// slot it was read again into after a change to its file, or `None` once its file is gone.
    pub fn successor(&self, slot: usize) -> Option<usize> {
        let mut at = slot;
        // Each step goes to a newer slot, so the walk ends; the bound is for safety alone.
        for _ in 0..=self.replaced_by.len() {
            if self.is_live(at) {
                return Some(at);
            }
            at = *self.replaced_by.get(&at)?;
        }
        None
    }

    /// Whether `slot` holds an article that is in the store (not removed).
    pub fn is_live(&self, slot: usize) -> bool {
        slot < self.articles.len()
            && self
                .removed
                .get(slot / 64)
                .is_none_or(|w| w & (1 << (slot % 64)) == 0)
    }

    /// The slot of the article read from `file` (a path inside the articles folder, as shown).
    pub fn slot_of_file(&self, file: &str) -> Option<usize> {
        let stem = file.strip_suffix(".txt").unwrap_or(file);
        if let Some(&slot) = self.by_id.get(stem)
            && self.articles[slot].file == file
        {
            return Some(slot);
        }
        // An id changed to stay unique (`a~2`), or an extension in capitals: look at them all.
        self.order
            .iter()
            .copied()
            .find(|&s| self.articles[s].file == file)
    }

    /// Whether an article with this id is in the store.
    pub fn has_id(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The slot of the article with exactly this id.
    pub fn slot_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The position of a slot in the reading order (newest first); `usize::MAX` for no slot.
    pub fn rank(&self, slot: usize) -> usize {
        self.rank.get(slot).map_or(usize::MAX, |&r| r as usize)
    }

    /// Every slot in reading order: newest first, undated last.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// `slots` (distinct) put in reading order.
    pub fn in_reading_order(&self, mut slots: Vec<usize>) -> Vec<usize> {
        if !self.removed.is_empty() {
            slots.retain(|&s| self.is_live(s));
        }
        let n = self.articles.len();
        // A sort for a few; for many, one pass over a bit per rank is cheaper than a sort.
        if slots.len() < 1024 || slots.len() < n / 64 {
            slots.sort_unstable_by_key(|&s| self.rank(s));
            return slots;
        }
        let bits = bits_of(n, slots.iter().map(|&s| self.rank(s)));
        slots.clear();
        slots.extend(set_bits(&bits).filter_map(|r| self.order.get(r).copied()));
        slots
    }

    /// Index the entities, topics and time references of `articles`, the first at slot `base`.
    fn index_analysis(&mut self, base: usize, cards: &[Card], entities: &[Vec<EntityRef>]) {
        self.article_entities.reserve(cards.len());
        self.entity_mentions.reserve(cards.len());
        for ((i, a), found) in (base..).zip(cards).zip(entities) {
            let mut ids = Vec::with_capacity(found.len());
            for e in found {
                let next = self.entities.len();
                let id = *self
                    .entity_by_key
                    .entry((e.kind, e.key.clone()))
                    .or_insert(next);
                if id == next {
                    self.entities.push(EntityInfo {
                        name: e.name.clone(),
                        kind: e.kind,
                        key: e.key.clone(),
                        articles: Vec::new(),
                        mentions: 0,
                    });
                }
                let info = &mut self.entities[id];
                if info.articles.last() != Some(&i) {
                    info.articles.push(i);
                }
                info.mentions += e.mentions as usize;
                ids.push(id);
            }
            self.article_entities.push(ids);
            self.entity_mentions
                .push(found.iter().map(|e| e.mentions).collect());
            for t in &a.topics {
                if let Some(list) = self.topic_articles.get_mut(t.topic) {
                    list.push(i);
                }
            }
            if let Some(d) = a.date.get()
                && let Some(m) = d.get_month()
            {
                self.by_month.entry((d.get_year(), m)).or_default().push(i);
            }
            for r in &a.time_refs {
                let list = self.referring.entry(r.period).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
    }

    /// The outlets and their aliases the store was analysed with.
    pub fn aliases(&self) -> &OutletAliases {
        &self.aliases
    }

    /// The gazetteer and topics the store was analysed with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every entity of the corpus.
    pub fn entities(&self) -> &[EntityInfo] {
        &self.entities
    }

    pub fn entity(&self, id: usize) -> Option<&EntityInfo> {
        self.entities.get(id)
    }

    /// The corpus ids of an article's entities, parallel to `Article::entities`.
    pub fn entity_ids_of(&self, article: usize) -> &[usize] {
        self.article_entities
            .get(article)
            .map_or(&[], Vec::as_slice)
    }

    /// How many times an article mentions each of its entities, parallel to
    /// [`entity_ids_of`](Self::entity_ids_of).
    pub fn entity_mentions_of(&self, article: usize) -> &[u32] {
        self.entity_mentions.get(article).map_or(&[], |m| &m[..])
    }

    /// Entities by name or alias, in any case and hyphenation (one per kind that has the name).
    pub fn find_entities(&self, name: &str) -> Vec<usize> {
        let gazetteer = &self.lexicon.gazetteer;
        let canonical = gazetteer
            .lookup(name)
            .and_then(|i| gazetteer.entry(i))
            .map(|e| (e.kind, std::sync::Arc::from(name_key(&e.name))));
        let key: std::sync::Arc<str> = std::sync::Arc::from(name_key(name));
        let mut out: Vec<usize> = Kind::ALL
            .iter()
            .filter_map(|k| self.entity_by_key.get(&(*k, key.clone())).copied())
            .collect();
        if let Some(id) = canonical.and_then(|c| self.entity_by_key.get(&c))
            && !out.contains(id)
        {
            out.push(*id);
        }
        out
    }

    /// The articles carrying a topic (ascending slots).
    pub fn topic_articles(&self, topic: usize) -> &[usize] {
        self.topic_articles.get(topic).map_or(&[], Vec::as_slice)
    }

    /// The articles dated within a year or a month.
    pub fn dated_in(&self, period: PartialDate) -> &[usize] {
        let list = match (period.precision(), period.get_month()) {
            (Precision::Year, _) | (_, None) => self.by_year.get(&period.get_year()),
            (_, Some(m)) => self.by_month.get(&(period.get_year(), m)),
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// The articles that refer to exactly this year or month.
    pub fn referring_to(&self, period: PartialDate) -> &[usize] {
        self.referring.get(&period).map_or(&[], Vec::as_slice)
    }

    /// Slots oldest first, undated last (reading order is newest first).
    pub fn oldest_first(&self, mut indexes: Vec<usize>) -> Vec<usize> {
        let key = |i: usize| {
            let date = self.get(i).and_then(|a| a.date.get().copied());
            (date.is_none(), date)
        };
        indexes.sort_by(|&x, &y| key(x).cmp(&key(y)).then(self.rank(x).cmp(&self.rank(y))));
        indexes
    }

    /// The articles related to article `i`, best first.
    pub fn related(&self, i: usize, limit: usize) -> Vec<Related> {
        crate::related::related(self, i, limit)
    }

    /// As [`related`](Self::related), with article `i` already at hand whole.
    pub fn related_to(&self, i: usize, whole: &Article, limit: usize) -> Vec<Related> {
        crate::related::related_to(self, i, Some(whole), limit)
    }

    /// All articles, by slot ([`order`](Self::order) gives the reading order), removed ones
    /// included (see [`is_live`](Self::is_live)).
    pub fn articles(&self) -> &[Card] {
        &self.articles
    }

    /// The card of the article in a slot.
    pub fn get(&self, index: usize) -> Option<&Card> {
        self.articles.get(index)
    }

    /// The whole article in a slot: its text, captions, credits and every mention.
    pub fn article(&self, index: usize) -> Result<Arc<Article>, TextError> {
        let (Some(text), Some(card)) = (self.texts.get(index), self.articles.get(index)) else {
            return Err(TextError::NoSlot(index));
        };
        let mut whole = text.unpack().map_err(|why| TextError::Damaged {
            id: sanitize::line(&card.id).into_owned(),
            why,
        })?;
        if whole.id != card.id {
            // Kept before the load gave it another id (`a~2` beside `a`): the store's id holds.
            Arc::make_mut(&mut whole).id.clone_from(&card.id);
        }
        Ok(whole)
    }

    /// The bytes the articles' packed texts take.
    pub fn packed_bytes(&self) -> usize {
        self.texts.iter().map(Packed::size).sum()
    }

    /// Every whole article in the store, by slot.
    pub fn whole_articles(&self) -> Result<Vec<Article>, TextError> {
        (0..self.articles.len())
            .filter(|&i| self.is_live(i))
            .map(|i| self.article(i).map(Arc::unwrap_or_clone))
            .collect()
    }

    /// How many articles the store holds (removed ones not counted: slots go up to
    /// `articles().len()`).
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Files that could not be loaded, or loaded with a warning.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Years with articles, and how many each has, oldest first.
    pub fn years(&self) -> impl Iterator<Item = (u16, usize)> + '_ {
        self.by_year.iter().map(|(y, v)| (*y, v.len()))
    }

    /// Outlet and publisher names with how many articles each has, as displayed (canonical case).
    pub fn outlets(&self) -> Vec<(String, usize)> {
        self.by_outlet
            .values()
            .map(|(name, ids)| (name.clone(), ids.len()))
            .collect()
    }

    /// Find an article by its id or a unique prefix of it. An exact id always wins.
    pub fn find(&self, id: &str) -> Result<usize, LookupError> {
        if let Some(i) = self.slot_of(id) {
            return Ok(i);
        }
        let hits: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&i| !id.is_empty() && self.articles[i].id.starts_with(id))
            .collect();
        match hits.as_slice() {
            [one] => Ok(*one),
            [] => Err(LookupError::NotFound(id.to_owned())),
            many => Err(LookupError::Ambiguous {
                prefix: id.to_owned(),
                candidates: many.iter().map(|&i| self.articles[i].id.clone()).collect(),
            }),
        }
    }

    /// Check that the filter names things the store knows (an outlet with no articles is a typo more
    /// often than a question).
    pub fn validate(&self, filter: &Filter) -> Result<(), FilterError> {
        if let Some(name) = &filter.outlet
            && self.outlet_key(name).is_none()
        {
            return Err(FilterError::UnknownOutlet {
                name: name.clone(),
                known: self.outlets().into_iter().map(|(n, _)| n).collect(),
            });
        }
        let topics = &self.lexicon.topics;
        if let Some(name) = filter.topics.iter().find(|t| topics.lookup(t).is_none()) {
            return Err(FilterError::UnknownTopic {
                name: name.clone(),
                known: topics.list().iter().map(|t| t.id.clone()).collect(),
            });
        }
        if let Some(name) = filter
            .entities
            .iter()
            .find(|e| self.find_entities(e).is_empty())
        {
            return Err(FilterError::UnknownEntity { name: name.clone() });
        }
        Ok(())
    }

    /// The slots of the articles whose headline or text has this word (lowercased, as
    /// [`crate::query::normalize_words`] gives it), ascending; `None` when none has.
    pub fn articles_with_word(&self, word: &str) -> Option<&Postings> {
        self.by_word.get(word)
    }

    /// The slots of the articles that match, in reading order (newest first). Every part comes
    /// from an index (no body is scanned); a part naming something unknown matches nothing.
    pub fn filter(&self, filter: &Filter) -> Vec<usize> {
        let mut sets: Vec<Vec<usize>> = Vec::new();
        if let Some(range) = filter.years {
            let years: Vec<&[usize]> = self
                .by_year
                .range(range.from..=range.to)
                .map(|(_, ids)| ids.as_slice())
                .collect();
            sets.push(self.union_of_slots(&years));
        }
        if let Some(name) = &filter.outlet {
            sets.push(
                self.outlet_key(name)
                    .and_then(|k| self.by_outlet.get(&k))
                    .map(|(_, ids)| ids.clone())
                    .unwrap_or_default(),
            );
        }
        for name in &filter.topics {
            sets.push(
                self.lexicon
                    .topics
                    .lookup(name)
                    .map(|t| self.topic_articles(t).to_vec())
                    .unwrap_or_default(),
            );
        }
        for name in &filter.entities {
            sets.push(self.entity_articles(name));
        }
        for word in &filter.words {
            if let Some(bits) = initial(word)
                .filter(|_| word.len() == 1)
                .and_then(|k| self.by_initial.get(k))
            {
                sets.push(set_bits(bits).collect());
                continue;
            }
            let lists: Vec<&Postings> = self
                .by_word
                .range(word.clone()..)
                .take_while(|(k, _)| k.starts_with(word.as_str()))
                .map(|(_, ids)| ids)
                .collect();
            sets.push(self.union(&lists));
        }
        let Some(first) = sets.pop() else {
            return self.order.clone();
        };
        self.in_reading_order(sets.iter().fold(first, |acc, s| intersect(&acc, s)))
    }

    /// The slots in any of `lists` (each ascending), ascending and once each. A short prefix
    /// (`j` while `japan` is being typed) gathers thousands of words' lists: they are merged
    /// through a bit per slot rather than sorted.
    fn union(&self, lists: &[&Postings]) -> Vec<usize> {
        match lists {
            [] => Vec::new(),
            [one] => one.iter().map(|i| i as usize).collect(),
            many => {
                let all = many.iter().flat_map(|l| l.iter().map(|i| i as usize));
                set_bits(&bits_of(self.articles.len(), all)).collect()
            }
        }
    }

    /// The slots in any of `lists` (each ascending), ascending and once each: through a bit per
    /// slot, as a year range's lists hold slots in the order files were read, not sorted
    /// against each other.
    fn union_of_slots(&self, lists: &[&[usize]]) -> Vec<usize> {
        match lists {
            [] => Vec::new(),
            [one] => one.to_vec(),
            many => {
                let all = many.iter().flat_map(|l| l.iter().copied());
                set_bits(&bits_of(self.articles.len(), all)).collect()
            }
        }
    }

    /// The articles naming an entity (by name or alias, any kind), ascending; empty when unknown.
    fn entity_articles(&self, name: &str) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .find_entities(name)
            .into_iter()
            .filter_map(|e| self.entity(e))
            .flat_map(|e| e.articles.iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The index key of an outlet name or alias, when the store has articles from it.
    fn outlet_key(&self, name: &str) -> Option<String> {
        let canonical = self.aliases.canonical(name).unwrap_or(name).to_lowercase();
        if self.by_outlet.contains_key(&canonical) {
            return Some(canonical);
        }
        let lower = name.trim().to_lowercase();
        self.by_outlet.contains_key(&lower).then_some(lower)
    }
}

/// How many initials [`initial`] tells apart: the ASCII letters and digits.
const INITIALS: usize = 36;

/// The index of a word's first character among [`INITIALS`], when it is an ASCII lowercase
/// letter or a digit (words in the index are lowercase).
fn initial(word: &str) -> Option<usize> {
    match *word.as_bytes().first()? {
        c @ b'a'..=b'z' => Some(usize::from(c - b'a')),
        c @ b'0'..=b'9' => Some(26 + usize::from(c - b'0')),
        _ => None,
    }
}

/// A bit for each of `values` (below `n`; others are left out).
fn bits_of(n: usize, values: impl Iterator<Item = usize>) -> Vec<u64> {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for v in values {
        if let Some(word) = bits.get_mut(v / 64) {
            *word |= 1 << (v % 64);
        }
    }
    bits
}

/// The values whose bits are set, ascending.
fn set_bits(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                w * 64 + bit
            })
        })
    })
}

/// Intersection of two ascending lists.
fn intersect(a: &[usize], b: &[usize]) -> Vec<usize> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Sourced;
    use crate::query::normalize_words;

    fn article(
        id: &str,
        date: Option<&str>,
        outlet: &str,
        publisher: Option<&str>,
        body: &str,
    ) -> Article {
        let mut a = Article::sample(
            id,
            &format!("Headline {id}"),
            outlet,
            date,
            vec![body.to_owned()],
        );
        a.publisher = Sourced::merge(publisher.map(str::to_owned), None);
        a
    }

    fn store() -> Store {
        let mut aliases = OutletAliases::default();
        aliases.insert("AP", ["Associated Press", "The Associated Press"]);
        Store::new(
            vec![
                article(
                    "a",
                    Some("2019-11-23"),
                    "Reuters",
                    None,
                    "GSOMIA pact survives",
                ),
                article("b", Some("2023"), "Bloomberg", None, "Summit in Seoul"),
                article("c", None, "Reuters", None, "Undated wire"),
                article(
                    "d",
                    Some("2022-09-22"),
                    "AP",
                    Some("Business Standard"),
                    "Korean summit talks",
                ),
                article("e", Some("2023-03-16"), "Reuters", None, "Tokyo summit"),
            ],
            vec![],
            aliases,
        )
    }

    fn ids(s: &Store, f: &Filter) -> Vec<String> {
        s.filter(f)
            .into_iter()
            .map(|i| s.articles()[i].id.clone())
            .collect()
    }

    /// Articles analysed with the built-in gazetteer and topics: entities, topics, time
    /// references and all.
    fn analysed_five() -> (Vec<Article>, OutletAliases, Lexicon) {
        let config = crate::config::Config::load(None).unwrap();
        let texts = [
            (
                "a",
                "2019-11-22",
                "Reuters",
                "South Korea decided on Friday to keep GSOMIA, its intelligence-sharing pact with Japan, hours before it was due to expire. Moon Jae-in spoke in Seoul.",
            ),
            (
                "b",
                "2019-11-23",
                "AP",
                "Japan welcomed the decision on GSOMIA. Foreign Minister Toshimitsu Motegi said in Tokyo that talks on export controls would follow next month.",
            ),
            (
                "c",
                "2023-03-16",
                "Reuters",
                "Yoon Suk Yeol met Fumio Kishida in Tokyo, the first summit in 12 years, and the two restored GSOMIA in full, four years after the 2019 dispute.",
            ),
            (
                "d",
                "2023-03-17",
                "Yonhap",
                "Yoon Suk Yeol returned to Seoul from the Tokyo summit with Fumio Kishida as protesters rallied over forced labour compensation.",
            ),
            (
                "e",
                "2021-07-01",
                "Kyodo",
                "Tokyo Olympics organisers said on Thursday that the Games would be held without spectators in the capital.",
            ),
        ];
        let articles = texts
            .iter()
            .map(|(id, date, outlet, body)| {
                let mut a = Article::sample(
                    id,
                    &format!("Story {id}"),
                    outlet,
                    Some(date),
                    vec![(*body).to_owned()],
                );
                config.lexicon.analyze(&mut a);
                a
            })
            .collect();
        (articles, config.outlets.clone(), config.lexicon.clone())
    }

    /// What can be asked of a store, by id: the reading order, filters, years, outlets, the
    /// articles of each entity and topic, and each article's related stories.
    fn answers(s: &Store) -> Vec<String> {
        let id = |i: usize| s.articles()[i].id.clone();
        // Index lists hold slots, which differ between the two stores: compare their ids.
        let sorted_ids = |slots: &[usize]| {
            let mut v: Vec<String> = slots.iter().map(|&i| id(i)).collect();
            v.sort();
            v
        };
        let mut out = vec![format!(
            "order {:?}",
            s.order().iter().map(|&i| id(i)).collect::<Vec<_>>()
        )];
        out.push(format!("len {}", s.len()));
        for q in [
            "",
            "gsomia",
            "tokyo",
            "year:2019",
            "year:2023",
            "outlet:reuters",
            "outlet:ap",
            "t",
            "summit seoul",
        ] {
            let f = Filter::parse(q).unwrap();
            out.push(format!(
                "{q:?} {:?}",
                s.filter(&f).into_iter().map(id).collect::<Vec<_>>()
            ));
        }
        out.push(format!("years {:?}", s.years().collect::<Vec<_>>()));
        out.push(format!("outlets {:?}", s.outlets()));
        let mut entities: Vec<String> = s
            .entities()
            .iter()
            .filter(|e| !e.articles.is_empty())
            .map(|e| format!("{} {:?} {}", e.name, sorted_ids(&e.articles), e.mentions))
            .collect();
        entities.sort();
        out.extend(entities);
        for t in 0..s.lexicon().topics.list().len() {
            out.push(format!("topic {t} {:?}", sorted_ids(s.topic_articles(t))));
        }
        for &i in s.order() {
            let related: Vec<(String, Vec<String>)> = s
                .related(i, 10)
                .into_iter()
                .map(|r| (id(r.article), r.reasons))
                .collect();
            out.push(format!("related {} {related:?}", id(i)));
        }
        out
    }

    #[test]
    fn a_removed_article_is_gone_from_every_answer_as_if_never_added() {
        let (articles, aliases, lexicon) = analysed_five();
        for gone in ["a", "c", "e"] {
            let mut s = Store::build(articles.clone(), vec![], aliases.clone(), lexicon.clone());
            let slot = s.slot_of(gone).unwrap();
            s.remove(slot);
            s.remove(slot); // twice is once
            assert!(!s.is_live(slot));
            assert!(!s.has_id(gone));
            let without: Vec<Article> = articles.iter().filter(|a| a.id != gone).cloned().collect();
            let fresh = Store::build(without, vec![], aliases.clone(), lexicon.clone());
            assert_eq!(answers(&s), answers(&fresh), "without {gone}");
            assert_eq!(s.whole_articles().unwrap().len(), 4);
        }
    }

    #[test]
    fn an_article_read_again_into_a_new_slot_answers_as_the_new_version() {
        let (articles, aliases, lexicon) = analysed_five();
        let mut s = Store::build(articles.clone(), vec![], aliases.clone(), lexicon.clone());
        let config = crate::config::Config::load(None).unwrap();
        let mut changed = Article::sample(
            "a",
            "Story a",
            "Kyodo",
            Some("2020-01-05"),
            vec![
                "Fumio Kishida said in Tokyo that talks with Seoul on GSOMIA would resume."
                    .to_owned(),
            ],
        );
        config.lexicon.analyze(&mut changed);
        let old = s.slot_of("a").unwrap();
        s.remove(old);
        s.add(vec![changed.clone()], vec![]);
        let new = s.slot_of("a").unwrap();
        assert_ne!(new, old);
        assert_eq!(s.slot_of_file("a.txt"), Some(new));
        let mut all: Vec<Article> = articles.into_iter().filter(|a| a.id != "a").collect();
        all.push(changed);
        let fresh = Store::build(all, vec![], aliases, lexicon);
        assert_eq!(answers(&s), answers(&fresh));
    }

    #[test]
    fn sorted_newest_first_undated_last() {
        let s = store();
        let order: Vec<&str> = s.articles().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(order, ["e", "b", "d", "a", "c"]);
    }

    #[test]
    fn filters_by_year_and_range() {
        let s = store();
        assert_eq!(ids(&s, &Filter::parse("year:2019").unwrap()), ["a"]);
        assert_eq!(ids(&s, &Filter::parse("year:2023").unwrap()), ["e", "b"]);
        assert_eq!(
            ids(&s, &Filter::parse("year:2020").unwrap()),
            Vec::<String>::new()
        );
        assert_eq!(
            ids(&s, &Filter::parse("year:2019..2022").unwrap()),
            ["d", "a"]
        );
    }

    #[test]
    fn filters_by_outlet_alias_and_publisher() {
        let s = store();
        assert_eq!(
            ids(&s, &Filter::parse("outlet:reuters").unwrap()),
            ["e", "a", "c"]
        );
        assert_eq!(
            ids(
                &s,
                &Filter::parse("outlet:\"the associated press\"").unwrap()
            ),
            ["d"]
        );
        assert_eq!(
            ids(&s, &Filter::parse("outlet:\"business standard\"").unwrap()),
            ["d"]
        );
        let bad = Filter::parse("outlet:reutres").unwrap();
        assert!(matches!(
            s.validate(&bad),
            Err(FilterError::UnknownOutlet { .. })
        ));
        assert!(s.filter(&bad).is_empty());
    }

    #[test]
    fn filters_give_reading_order_whatever_order_the_articles_came_in() {
        // Added in batches with years and outlets interleaved, as a chunked load adds them.
        let articles: Vec<Article> = (0..3000)
            .map(|n| {
                let date = format!(
                    "{}-{:02}-{:02}",
                    2015 + (n * 7) % 10,
                    1 + n % 12,
                    1 + n % 28
                );
                let outlet = ["AP", "Reuters", "Yonhap"][n % 3];
                let body = if n % 4 == 0 {
                    "Korea summit"
                } else {
                    "Japan talks"
                };
                article(&format!("{n:04}"), Some(&date), outlet, None, body)
            })
            .collect();
        let store = in_batches(&articles, 700);
        for query in [
            "year:2017-2021",
            "year:2019",
            "year:2016-2022 outlet:reuters korea",
            "talks",
        ] {
            let (got, want) = found_and_scanned(&store, &articles, query, |a| {
                let y = a.year().unwrap();
                match query {
                    "year:2017-2021" => (2017..=2021).contains(&y),
                    "year:2019" => y == 2019,
                    "talks" => a.body[0].contains("talks"),
                    _ => {
                        (2016..=2022).contains(&y)
                            && a.outlet.get().unwrap() == "Reuters"
                            && a.body[0].contains("Korea")
                    }
                }
            });
            assert!(!want.is_empty(), "{query}");
            assert_eq!(got, want, "{query}");
        }
    }

    #[test]
    fn batches_merge_into_the_order_a_whole_sort_gives_with_ranks_to_match() {
        // Few dates, so many ties; batches of uneven sizes, some empty, out of reading order.
        let articles: Vec<Article> = (0..900)
            .map(|n| {
                let date = format!("20{:02}-0{}-1{}", 10 + (n * 7) % 5, 1 + n % 3, n % 2);
                let date = (n % 11 != 0).then_some(date);
                article(
                    &format!("{:03}", (n * 37) % 900),
                    date.as_deref(),
                    "AP",
                    None,
                    "x",
                )
            })
            .collect();
        let mut store = Store::empty(OutletAliases::default(), Lexicon::default());
        let mut rest = articles.as_slice();
        for size in [1, 0, 50, 3, 200, 0, 7, 400, 1].iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (now, later) = rest.split_at((*size).min(rest.len()));
            store.add(now.to_vec(), Vec::new());
            rest = later;
        }
        let all = store.articles();
        let mut want: Vec<usize> = (0..all.len()).collect();
        want.sort_by(|&x, &y| reading_order(&all[x], &all[y]));
        assert_eq!(store.order(), want.as_slice());
        for (rank, &slot) in store.order().iter().enumerate() {
            assert_eq!(store.rank(slot), rank);
        }
    }

    /// A store of `articles` added `batch` at a time, as a chunked load adds them.
    fn in_batches(articles: &[Article], batch: usize) -> Store {
        let mut store = Store::empty(OutletAliases::default(), Lexicon::default());
        for chunk in articles.chunks(batch) {
            store.add(chunk.to_vec(), Vec::new());
        }
        store
    }

    /// The ids `query` finds, and the ids of the articles `keep` holds for, both in reading
    /// order. Ids are the articles' positions in `articles`.
    fn found_and_scanned<'a>(
        store: &'a Store,
        articles: &'a [Article],
        query: &str,
        keep: impl Fn(&Article) -> bool,
    ) -> (Vec<&'a str>, Vec<&'a str>) {
        let id = |i: usize| store.articles()[i].id.as_str();
        let found = store
            .filter(&Filter::parse(query).unwrap())
            .into_iter()
            .map(id)
            .collect();
        let scanned = store
            .order()
            .iter()
            .map(|&i| &articles[id(i).parse::<usize>().unwrap()])
            .filter(|a| keep(a))
            .map(|a| a.id.as_str())
            .collect();
        (found, scanned)
    }

    #[test]
    fn a_single_letter_finds_every_article_with_a_word_beginning_with_it() {
        let words = [
            "Seoul",
            "summit",
            "Kishida",
            "2019",
            "ΟΔΥΣΣΕΥΣ",
            "x-ray",
            "Japan",
            "été",
        ];
        let articles: Vec<Article> = (0..500)
            .map(|n| {
                let body: Vec<&str> = (0..3)
                    .map(|k| words[(n * 3 + k * 5) % words.len()])
                    .collect();
                article(
                    &format!("{n:03}"),
                    Some("2020-01-01"),
                    "AP",
                    None,
                    &body.join(" "),
                )
            })
            .collect();
        let store = in_batches(&articles, 70);
        let holds = |a: &Article, c: char| {
            std::iter::once(a.title())
                .chain(a.body.iter().map(String::as_str))
                .flat_map(normalize_words)
                .any(|w| w.starts_with(c))
        };
        for c in ('a'..='z').chain('0'..='9') {
            let (got, want) = found_and_scanned(&store, &articles, &c.to_string(), |a| holds(a, c));
            assert_eq!(got, want, "{c}");
        }
        // Answered from the bits per initial, not from the word lists.
        assert!(
            store.by_initial[initial("s").unwrap()]
                .iter()
                .any(|&w| w != 0)
        );
        // Headlines count too (`Headline NNN`), and a letter no word begins with finds none.
        assert_eq!(store.filter(&Filter::parse("h").unwrap()).len(), 500);
        assert!(store.filter(&Filter::parse("q").unwrap()).is_empty());
    }

    #[test]
    fn the_word_index_is_what_queries_make_of_every_article() {
        // One batch large enough to be indexed in runs on every core, then small ones indexed
        // on this thread: runs and batches are joined alike.
        let bodies = [
            "Seoul’s SUMMIT, the summit of 2023",
            "ΟΔΥΣΣΕΥΣ met Ödön in Köln",
            "",
            "x-ray x ray; 漢字 and 한국어",
            "Summit summit SUMMIT",
        ];
        let articles: Vec<Article> = (0..PARALLEL_INDEX_FROM + 40)
            .map(|n| {
                article(
                    &format!("{n:02}"),
                    None,
                    "AP",
                    None,
                    bodies[n % bodies.len()],
                )
            })
            .collect();
        let mut store = Store::empty(OutletAliases::default(), Lexicon::default());
        let (large, small) = articles.split_at(PARALLEL_INDEX_FROM + 5);
        store.add(large.to_vec(), Vec::new());
        for batch in small.chunks(7) {
            store.add(batch.to_vec(), Vec::new());
        }
        let index: BTreeMap<String, Vec<u32>> = store
            .by_word
            .iter()
            .map(|(w, p)| (w.clone(), p.iter().collect()))
            .collect();
        let mut want: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, a) in articles.iter().enumerate() {
            let text = std::iter::once(a.title()).chain(a.body.iter().map(String::as_str));
            for w in text.flat_map(normalize_words) {
                let list = want.entry(w).or_default();
                let i = u32::try_from(i).unwrap();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        assert_eq!(index, want);
        assert!(index.contains_key("οδυσσευς"), "{:?}", index.keys());
        let with_summit = articles
            .iter()
            .filter(|a| a.body.iter().any(|p| p.to_lowercase().contains("summit")))
            .count();
        assert_eq!(index["summit"].len(), with_summit);
        assert!(with_summit > PARALLEL_INDEX_FROM / 4);
    }

    #[test]
    fn postings_give_back_their_slots_in_a_quarter_of_the_space() {
        let slots: Vec<u32> = vec![
            0,
            1,
            2,
            127,
            128,
            129,
            16_383,
            16_384,
            1 << 21,
            1 << 28,
            u32::MAX,
        ];
        let p: Postings = slots.iter().copied().collect();
        assert_eq!(p.iter().collect::<Vec<_>>(), slots);
        assert_eq!(p.len(), slots.len());
        // A slot not above the last is already in: the list stays a set.
        let mut q: Postings = [5, 9].into_iter().collect();
        q.push(9);
        q.push(3);
        q.push(10);
        assert_eq!(q.iter().collect::<Vec<_>>(), vec![5, 9, 10]);
        assert!(Postings::default().is_empty());
        assert_eq!(Postings::default().iter().count(), 0);
        // Dense lists, as of common words: a byte a slot.
        let dense: Postings = (0..10_000).step_by(3).collect();
        assert_eq!(dense.bytes.len(), dense.len());
        assert!(dense.iter().eq((0..10_000).step_by(3)));
    }

    #[test]
    fn filters_by_words_as_prefixes_and_combines() {
        let s = store();
        assert_eq!(ids(&s, &Filter::parse("summit").unwrap()), ["e", "b", "d"]);
        assert_eq!(ids(&s, &Filter::parse("korea").unwrap()), ["d"]);
        assert_eq!(
            ids(
                &s,
                &Filter::parse("summit year:2023 outlet:reuters").unwrap()
            ),
            ["e"]
        );
        assert_eq!(ids(&s, &Filter::parse("").unwrap()).len(), 5);
    }

    /// A store analysed with a small gazetteer and three topics.
    fn analysed() -> Store {
        let (articles, lexicon) = analysed_articles();
        Store::build(articles, vec![], OutletAliases::default(), lexicon)
    }

    /// Five analysed articles (out of reading order) and the lexicon they were analysed with.
    fn analysed_articles() -> (Vec<Article>, Lexicon) {
        use crate::entities::gazetteer::{Entry, Gazetteer};
        use crate::topics::{Topic, Topics};
        let entry = |name: &str, kind, aliases: &[&str]| Entry {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|&a| a.to_owned()).collect(),
        };
        let topic = |id: &str, name: &str, cues: &[&str]| Topic {
            id: id.into(),
            name: name.into(),
            cues: cues.iter().map(|&c| c.to_owned()).collect(),
        };
        let lexicon = Lexicon {
            gazetteer: Gazetteer::new(vec![
                entry("Yoon Suk Yeol", Kind::Person, &["President Yoon", "Yoon"]),
                entry("Toshimitsu Motegi", Kind::Person, &["Motegi"]),
                entry("GSOMIA", Kind::Agreement, &["intelligence-sharing deal"]),
            ])
            .unwrap(),
            topics: Topics::new(vec![
                topic("gsomia", "GSOMIA / intelligence sharing", &["GSOMIA"]),
                topic("summits", "Summits", &["summit"]),
                topic("comfort-women", "Comfort women", &["comfort women"]),
            ]),
        };
        let articles = [
            (
                "p",
                Some("2019-11-23"),
                "Reuters",
                "Foreign Minister Toshimitsu Motegi said the GSOMIA pact would survive. \
                 Motegi spoke in Nagoya.",
            ),
            (
                "q",
                Some("2022-09-22"),
                "AP",
                "President Yoon Suk-yeol held a summit in New York. The GSOMIA came up.",
            ),
            (
                "r",
                Some("2023-03-16"),
                "Reuters",
                "Yoon Suk Yeol went to a summit in Tokyo and spoke of comfort women.",
            ),
            (
                "s",
                Some("2021-03-31"),
                "Yonhap",
                "Motegi talked about comfort women with his counterpart.",
            ),
            ("t", None, "Reuters", "Wheat prices rose as rains failed."),
        ]
        .into_iter()
        .map(|(id, date, outlet, body)| {
            let mut a = article(id, date, outlet, None, body);
            lexicon.analyze(&mut a);
            a
        })
        .collect();
        (articles, lexicon)
    }

    /// What a store shows: the ids in reading order, and those of each query.
    fn shown(s: &Store, queries: &[&str]) -> Vec<Vec<String>> {
        let names = |slots: &[usize]| -> Vec<String> {
            slots.iter().map(|&i| s.articles()[i].id.clone()).collect()
        };
        let mut out = vec![names(s.order())];
        for q in queries {
            out.push(names(&s.filter(&Filter::parse(q).unwrap())));
        }
        out
    }

    #[test]
    fn adding_in_batches_shows_what_building_at_once_shows() {
        let (articles, lexicon) = analysed_articles();
        let built = Store::build(
            articles.clone(),
            vec![Problem::warning("z.txt", "late")],
            OutletAliases::default(),
            lexicon.clone(),
        );
        let queries = [
            "",
            "summit",
            "year:2019..2022",
            "outlet:reuters",
            "topic:gsomia",
            "entity:motegi",
            "entity:yoon summit",
        ];
        // Batches in another order than the reading order, of different sizes.
        let mut grown = Store::empty(OutletAliases::default(), lexicon);
        let mut rest = articles;
        rest.reverse();
        grown.add(rest.split_off(3), vec![Problem::warning("z.txt", "late")]);
        grown.add(rest.split_off(2), vec![]);
        grown.add(vec![], vec![]);
        grown.add(rest, vec![]);
        assert_eq!(shown(&grown, &queries), shown(&built, &queries));
        assert_eq!(shown(&built, &queries)[0], ["r", "q", "s", "p", "t"]);
        // Slots stay where they were given; the reading order is beside them.
        assert_ne!(grown.articles()[0].id, built.articles()[0].id);
        for (rank, &slot) in grown.order().iter().enumerate() {
            assert_eq!(grown.rank(slot), rank);
        }
        for id in ["p", "q", "r", "s", "t"] {
            let (g, b) = (grown.slot_of(id).unwrap(), built.slot_of(id).unwrap());
            assert_eq!(grown.articles()[g].id, id);
            let related = |s: &Store, i| -> Vec<String> {
                s.related(i, 5)
                    .into_iter()
                    .map(|r| s.articles()[r.article].id.clone())
                    .collect()
            };
            assert_eq!(related(&grown, g), related(&built, b), "{id}");
        }
        assert_eq!(
            grown.years().collect::<Vec<_>>(),
            built.years().collect::<Vec<_>>()
        );
        assert_eq!(grown.outlets(), built.outlets());
        assert_eq!(grown.entities().len(), built.entities().len());
        assert_eq!(grown.problems().len(), 1);
        assert!(grown.has_id("t") && !grown.has_id("u"));
    }

    #[test]
    fn many_matches_come_out_in_reading_order() {
        // Enough articles that filters take the bit-per-rank path, added in a shuffled order.
        let dates = ["2019-11-23", "2023-03-16", "2021", "2022-09-22", "2020-02"];
        let make = |n: usize| {
            let date = (!n.is_multiple_of(7)).then(|| dates[(n * 7) % dates.len()]);
            // Prefix `summit` gathers two words' lists, which overlap.
            let body = ["summit talks summits", "summits", "summit"][n % 3];
            article(&format!("{:04}", (n * 7919) % 5000), date, "AP", None, body)
        };
        let articles: Vec<Article> = (0..5000).map(make).collect();
        let built = Store::new(articles.clone(), vec![], OutletAliases::default());
        let mut grown = Store::empty(OutletAliases::default(), Lexicon::default());
        for batch in articles.chunks(777) {
            grown.add(batch.to_vec(), vec![]);
        }
        let queries = [
            "summit",
            "talks",
            "summits",
            "summit year:2019..2022",
            "outlet:ap",
        ];
        let want = shown(&built, &queries);
        assert_eq!(want[1].len(), 5000);
        assert_eq!(want[2].len(), 1667);
        // Against a scan of every body, in reading order.
        let scan = |prefix: &str| -> Vec<String> {
            built
                .order()
                .iter()
                .map(|&i| built.article(i).unwrap())
                .filter(|a| a.body[0].split(' ').any(|w| w.starts_with(prefix)))
                .map(|a| a.id.clone())
                .collect()
        };
        assert_eq!(want[1], scan("summit"));
        assert_eq!(want[3], scan("summits"));
        assert_eq!(want[3].len(), 3334);
        assert_eq!(shown(&grown, &queries), want);
    }

    fn query(s: &Store, q: &str) -> Vec<String> {
        let f = Filter::parse(q).unwrap();
        s.validate(&f).unwrap();
        ids(s, &f)
    }

    #[test]
    fn filters_by_topic_id_or_name_newest_first() {
        let s = analysed();
        assert_eq!(query(&s, "topic:gsomia"), ["q", "p"]);
        assert_eq!(query(&s, "topic:SUMMITS"), ["r", "q"]);
        assert_eq!(query(&s, "topic:\"comfort women\""), ["r", "s"]);
        assert_eq!(
            query(&s, "topic:\"GSOMIA / intelligence sharing\""),
            ["q", "p"]
        );
        // Several topics: all of them.
        assert_eq!(query(&s, "topic:gsomia topic:summits"), ["q"]);
        assert_eq!(
            query(&s, "topic:gsomia topic:comfort-women"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn filters_by_entity_name_alias_any_case_or_hyphenation() {
        let s = analysed();
        for name in [
            "\"Yoon Suk Yeol\"",
            "\"yoon suk-yeol\"",
            "\"YOON SUK-YEOL\"",
            "\"President Yoon\"",
            "yoon",
        ] {
            assert_eq!(query(&s, &format!("entity:{name}")), ["r", "q"], "{name}");
        }
        assert_eq!(query(&s, "entity:motegi"), ["s", "p"]);
        assert_eq!(query(&s, "entity:\"Toshimitsu Motegi\""), ["s", "p"]);
        // Several entities: all of them.
        assert_eq!(query(&s, "entity:motegi entity:yoon"), Vec::<String>::new());
        assert_eq!(query(&s, "entity:motegi entity:gsomia"), ["p"]);
    }

    #[test]
    fn topic_and_entity_intersect_with_year_outlet_and_words() {
        let s = analysed();
        assert_eq!(query(&s, "entity:yoon year:2023"), ["r"]);
        assert_eq!(query(&s, "entity:yoon outlet:reuters"), ["r"]);
        assert_eq!(
            query(&s, "topic:summits entity:yoon year:2022..2023"),
            ["r", "q"]
        );
        assert_eq!(query(&s, "topic:\"comfort women\" entity:motegi"), ["s"]);
        assert_eq!(query(&s, "topic:gsomia nagoya"), ["p"]);
        assert_eq!(
            query(&s, "entity:motegi year:2021..2023 counterpart"),
            ["s"]
        );
        assert_eq!(
            query(&s, "topic:gsomia outlet:yonhap"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unknown_topic_or_entity_is_a_one_line_error_and_matches_nothing() {
        let s = analysed();
        let f = Filter::parse("topic:weather year:2023").unwrap();
        let err = s.validate(&f).unwrap_err();
        assert_eq!(
            err,
            FilterError::UnknownTopic {
                name: "weather".into(),
                known: vec!["gsomia".into(), "summits".into(), "comfort-women".into()],
            }
        );
        assert_eq!(
            err.to_string(),
            "no topic 'weather' (topics: gsomia, summits, comfort-women)"
        );
        assert!(s.filter(&f).is_empty());

        let f = Filter::parse("entity:motegi entity:\"Kim\u{1b}[2J Jong\"").unwrap();
        let err = s.validate(&f).unwrap_err();
        assert!(matches!(&err, FilterError::UnknownEntity { name } if name.starts_with("Kim")));
        let msg = err.to_string();
        assert!(msg.starts_with("no entity 'Kim"), "{msg}");
        assert!(msg.ends_with("Jong' (`gisa entities` lists them)"), "{msg}");
        assert!(!msg.contains('\u{1b}') && !msg.contains('\n'), "{msg}");
        assert!(s.filter(&f).is_empty());

        // A store analysed without topics says so.
        let plain = store();
        let err = plain
            .validate(&Filter::parse("topic:gsomia").unwrap())
            .unwrap_err();
        assert!(
            err.to_string().contains("no topics are configured"),
            "{err}"
        );
        assert!(plain.validate(&Filter::parse("summit").unwrap()).is_ok());
    }

    #[test]
    fn finds_by_id_or_unique_prefix() {
        let mut a1 = article("003_7b60", Some("2019"), "Reuters", None, "x");
        a1.id = "003_7b60".into();
        let a2 = article("003_8c11", Some("2019"), "Reuters", None, "x");
        let a3 = article("003", Some("2019"), "Reuters", None, "x");
        let s = Store::new(vec![a1, a2, a3], vec![], OutletAliases::default());
        assert_eq!(s.articles()[s.find("003_7").unwrap()].id, "003_7b60");
        assert_eq!(s.articles()[s.find("003").unwrap()].id, "003");
        assert!(matches!(s.find("003_"), Err(LookupError::Ambiguous { .. })));
        assert!(matches!(s.find("999"), Err(LookupError::NotFound(_))));
        assert!(matches!(s.find(""), Err(LookupError::NotFound(_))));
    }

    #[test]
    fn lists_years_and_outlets_with_counts() {
        let s = store();
        assert_eq!(
            s.years().collect::<Vec<_>>(),
            [(2019, 1), (2022, 1), (2023, 2)]
        );
        let outlets = s.outlets();
        assert!(outlets.contains(&("Reuters".to_owned(), 3)));
        assert!(outlets.contains(&("Business Standard".to_owned(), 1)));
    }
}
