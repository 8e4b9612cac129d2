//! Dossiers: every mention of an entity or a topic across the archive, oldest first, each with
//! the sentence around it. Shared by `gisa dossier` and the reader's dossier view. Reads
//! articles only through the store.

use crate::article::Article;
use crate::entities::Mention;
use crate::entities::tokens::{sentence_around, sentence_starts, tokenize};
use crate::sanitize;
use crate::store::{Store, TextError};

/// What a dossier is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Entities of this name (one per kind that has it).
    Entities(Vec<usize>),
    Topic(usize),
}

/// The characters of context kept on each side of a mention.
pub const CONTEXT: usize = 100;

/// Each article with mentions of the subject, oldest first, given to `each` with its slot and
/// those mentions (in text order); what `each` makes of them, in that order. Articles are read
/// back from the store one at a time on every core and dropped after `each`, so a dossier of a
/// name in most of a large archive holds only what `each` keeps. An error when the text of one
/// of them cannot be read.
pub fn map_mentions<T: Send>(
    store: &Store,
    subject: &Subject,
    each: impl Fn(usize, &Article, &[Mention]) -> T + Sync,
) -> Result<Vec<T>, TextError> {
    use rayon::prelude::*;
    let mut articles: Vec<usize> = match subject {
        Subject::Entities(ids) => ids
            .iter()
            .filter_map(|&e| store.entity(e))
            .flat_map(|e| e.articles.iter().copied())
            .collect(),
        Subject::Topic(t) => store.topic_articles(*t).to_vec(),
    };
    articles.sort_unstable();
    articles.dedup();
    let one = |i: usize| -> Result<Option<T>, TextError> {
        let a = store.article(i)?;
        let mut list: Vec<Mention> = match subject {
            Subject::Entities(ids) => a
                .entities
                .iter()
                .zip(store.entity_ids_of(i))
                .filter(|(_, id)| ids.contains(id))
                .flat_map(|(e, _)| e.mentions.iter().copied())
                .collect(),
            Subject::Topic(t) => a
                .topics
                .iter()
                .filter(|h| h.topic == *t)
                .flat_map(|h| h.mentions.iter().copied())
                .collect(),
        };
        list.sort_unstable();
        Ok((!list.is_empty()).then(|| each(i, &a, &list)))
    };
    let found: Vec<Option<T>> = store
        .oldest_first(articles)
        .into_par_iter()
        .map(one)
        .collect::<Result<_, _>>()?;
    Ok(found.into_iter().flatten().collect())
}

/// How a dossier heads an article's mentions: `2019-11-23  Reuters  Headline`. Sanitized.
pub fn heading(a: &Article) -> String {
    format!(
        "{}  {}  {}",
        a.date_label(),
        sanitize::line(&a.outlet_label()),
        sanitize::line(a.title())
    )
}

/// Each of `found` with the sentence around it in `a`: at most `before` characters before the
/// name and [`CONTEXT`] after it, the name marked (see [`in_context_with`]). A mention outside
/// the text is left out.
pub fn quotes<'a>(
    a: &'a Article,
    found: &'a [Mention],
    before: usize,
) -> impl Iterator<Item = (Mention, String)> + 'a {
    found.iter().filter_map(move |&m| {
        let p = a.body.get(m.paragraph())?;
        let s = sentence(p, m);
        let offset = s.as_ptr() as usize - p.as_ptr() as usize;
        Some((m, in_context_with(s, offset, m, before)))
    })
}

/// The sentence around a mention.
pub fn sentence(p: &str, m: Mention) -> &str {
    let toks = tokenize(p);
    let starts = sentence_starts(p, &toks);
    let (s, e) = sentence_around(p, &starts, m.start());
    // A mention across a sentence break (rare) keeps its whole text.
    p.get(s.min(m.start())..e.max(m.end())).unwrap_or(p)
}

/// The sentence around a mention, with at most `before_chars` characters before it (a narrow
/// pane keeps the name in view by showing less of what precedes it) and [`CONTEXT`] after,
/// `…` where cut and the mention marked `«»`. Sanitized.
pub fn in_context_with(sentence: &str, offset: usize, m: Mention, before_chars: usize) -> String {
    let (before, name, after) = in_context_parts(sentence, offset, m, before_chars);
    format!("{before}«{name}»{after}")
}

/// [`in_context_with`] in its three parts, for a caller that marks the mention its own way:
/// what comes before it, the mention, what comes after. Sanitized.
pub fn in_context_parts(
    sentence: &str,
    offset: usize,
    m: Mention,
    before_chars: usize,
) -> (String, String, String) {
    let (start, end) = (m.start() - offset, m.end() - offset);
    let before = &sentence[..start];
    let after = &sentence[end..];
    let cut_before: String = {
        let n = before.chars().count();
        let kept: String = before
            .chars()
            .skip(n.saturating_sub(before_chars))
            .collect();
        if n > before_chars {
            format!("…{kept}")
        } else {
            kept
        }
    };
    let cut_after: String = {
        let kept: String = after.chars().take(CONTEXT).collect();
        if after.chars().count() > CONTEXT {
            format!("{kept}…")
        } else {
            kept
        }
    };
    (
        sanitize::line(&cut_before).into_owned(),
        sanitize::line(&sentence[start..end]).into_owned(),
        sanitize::line(&cut_after).into_owned(),
    )
}
