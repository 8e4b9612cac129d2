//! What gisa knows about the field: the gazetteer of entities and the story threads, as configured.
//! `analyze` finds an article's entities, topics and time references once, at load time.

use crate::article::Article;
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
        article.entities = entities::find(&article.body, context, &self.gazetteer);
        let headline = article.headline.get().map(String::as_str);
        article.topics = self.topics.find(headline, &article.body);
        article.time_refs = timeref::find(headline, &article.body, article.date.get().copied());
        for r in &mut article.time_refs {
            r.topics = self.topics.cued_in(&r.sentence);
        }
    }
}
