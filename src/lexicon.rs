//! What gisa knows about the field: the gazetteer of entities and the story threads, as configured.
//! `analyze` finds an article's entities, topics and time references once, at load time.

use crate::article::Article;
use crate::entities::tokens::{Token, tokenize};
use crate::entities::{self, Context, gazetteer::Gazetteer};
use crate::timeref;
use crate::topics::Topics;

/// The gazetteer and the topics.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub gazetteer: Gazetteer,
    pub topics: Topics,
}

impl Lexicon {
    /// Fill in the article's entities, topics and time references from its body.
    pub fn analyze(&self, article: &mut Article) {
        let context = Context {
            dateline: article.dateline.get().map(String::as_str),
            credits: &article.credits,
            byline: article.byline.as_deref(),
        };
        // Each paragraph is tokenized once, for the entities and the time references.
        let tokens: Vec<Vec<Token<'_>>> = article.body.iter().map(|p| tokenize(p)).collect();
        let entities = entities::find_in_tokens(&article.body, &tokens, context, &self.gazetteer);
        let headline = article.headline.get().map(String::as_str);
        let topics = self.topics.find(headline, &article.body);
        let time_refs = timeref::find_in_tokens(
            headline,
            &article.body,
            &tokens,
            article.date.get().copied(),
        );
        drop(tokens);
        article.entities = entities;
        article.topics = topics;
        article.time_refs = time_refs;
        for r in &mut article.time_refs {
            r.topics = self.topics.cued_in(r.sentence_in(headline, &article.body));
            if let Some(span) = r.sentence_at() {
                r.entities = (0..)
                    .zip(&article.entities)
                    .filter(|(_, e)| e.mentions.iter().any(|m| span.contains(*m)))
                    .map(|(i, _)| i)
                    .collect();
            }
        }
    }
}
