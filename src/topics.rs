//! Story threads: named topics with cue phrases from config.toml (`[topics.gsomia]`). An article
//! carries each topic whose cues it contains, with where. Pure: no I/O.

use foldhash::{HashMap, HashMapExt};

use crate::entities::Mention;
use crate::entities::matcher::PhraseMatcher;

/// One thread, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Short id used in queries and on the command line: `gsomia`, `forced-labour`.
    pub id: String,
    /// As shown: `GSOMIA / intelligence sharing`.
    pub name: String,
    pub cues: Vec<String>,
}

/// A topic found in an article: which, every cue mention in the body, and cues in the headline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TopicHit {
    /// Index into [`Topics::list`].
    pub topic: usize,
    pub mentions: Vec<Mention>,
    pub in_headline: usize,
}

impl TopicHit {
    /// How many times the article cues the topic, headline included.
    pub fn count(&self) -> usize {
        self.mentions.len() + self.in_headline
    }
}

/// The configured topics and the automaton over all their cues.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    list: Vec<Topic>,
    matcher: PhraseMatcher,
    /// Phrase index -> the topics that cue belongs to.
    cue_owners: Vec<Vec<usize>>,
}

impl Topics {
    pub fn new(list: Vec<Topic>) -> Topics {
        let mut phrases: Vec<String> = Vec::new();
        let mut cue_owners: Vec<Vec<usize>> = Vec::new();
        let mut by_phrase: HashMap<String, usize> = HashMap::new();
        for (t, topic) in list.iter().enumerate() {
            for cue in &topic.cues {
                // The same cue in two topics counts for both; it is one phrase to the automaton.
                let key = cue.trim().to_owned();
                let i = *by_phrase.entry(key.clone()).or_insert_with(|| {
                    phrases.push(key);
                    cue_owners.push(Vec::new());
                    phrases.len() - 1
                });
                if !cue_owners[i].contains(&t) {
                    cue_owners[i].push(t);
                }
            }
        }
        Topics {
            matcher: PhraseMatcher::new(&phrases),
            list,
            cue_owners,
        }
    }

    pub fn list(&self) -> &[Topic] {
        &self.list
    }

    pub fn get(&self, i: usize) -> Option<&Topic> {
        self.list.get(i)
    }

    /// A topic by its id or name, in any case: `gsomia`, `GSOMIA / intelligence sharing`.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        // `forced labour`, `Forced-Labour` and `forced-labour` are the same topic.
        let key = |s: &str| crate::entities::gazetteer::name_key(s);
        let wanted = key(name);
        self.list
            .iter()
            .position(|t| key(&t.id) == wanted || key(&t.name) == wanted)
    }

    /// The topics cued in a piece of text, each once, in configured order.
    pub fn cued_in(&self, text: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for f in self.matcher.find(text) {
            for &t in self.cue_owners.get(f.phrase).into_iter().flatten() {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The topics of an article, in configured order, each with its cue mentions.
    pub fn find(&self, headline: Option<&str>, body: &[String]) -> Vec<TopicHit> {
        let mut in_headline = vec![0; self.list.len()];
        for f in headline.map(|h| self.matcher.find(h)).unwrap_or_default() {
            for &t in self.cue_owners.get(f.phrase).into_iter().flatten() {
                in_headline[t] += 1;
            }
        }
        let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); self.list.len()];
        for (paragraph, p) in body.iter().enumerate() {
            for f in self.matcher.find(p) {
                for &t in self.cue_owners.get(f.phrase).into_iter().flatten() {
                    mentions[t].push(Mention::new(paragraph, f.start, f.end));
                }
            }
        }
        mentions
            .into_iter()
            .zip(in_headline)
            .enumerate()
            .filter(|(_, (m, h))| !m.is_empty() || *h > 0)
            .map(|(topic, (mentions, in_headline))| TopicHit {
                topic,
                mentions,
                in_headline,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Topics {
        Topics::new(vec![
            Topic {
                id: "gsomia".into(),
                name: "GSOMIA / intelligence sharing".into(),
                cues: vec!["GSOMIA".into(), "intelligence-sharing".into()],
            },
            Topic {
                id: "export-controls".into(),
                name: "Export controls".into(),
                cues: vec![
                    "export curbs".into(),
                    "white list".into(),
                    "trade status".into(),
                ],
            },
            Topic {
                id: "trade".into(),
                name: "Trade".into(),
                cues: vec!["trade status".into()],
            },
        ])
    }

    #[test]
    fn counts_cues_per_topic_with_positions() {
        let body = vec![
            "Seoul kept the GSOMIA intelligence-sharing pact.".to_owned(),
            "Tokyo lifted export curbs and restored its White List and trade status.".to_owned(),
        ];
        let hits = topics().find(Some("GSOMIA survives"), &body);
        let counts: Vec<(usize, usize)> = hits.iter().map(|h| (h.topic, h.count())).collect();
        assert_eq!(counts, [(0, 3), (1, 3), (2, 1)]);
        assert_eq!(hits[0].in_headline, 1);
        let m = hits[0].mentions[1];
        assert_eq!(
            &body[m.paragraph()][m.start()..m.end()],
            "intelligence-sharing"
        );
    }

    #[test]
    fn no_cue_inside_another_word() {
        let body = vec!["The white listing and GSOMIAs".to_owned()];
        assert!(topics().find(None, &body).is_empty());
        let t = topics();
        assert_eq!(
            t.cued_in("trade status, Export curbs and GSOMIA, GSOMIA"),
            [0, 1, 2]
        );
        assert!(t.cued_in("GSOMIAs and trade statuses").is_empty());
    }

    #[test]
    fn lookup_by_id_or_name() {
        let t = topics();
        assert_eq!(t.lookup("GSOMIA"), Some(0));
        assert_eq!(t.lookup("export controls"), Some(1));
        assert_eq!(t.lookup("fukushima"), None);
        assert_eq!(t.lookup("Export-Controls"), Some(1));
        assert_eq!(t.lookup("export controls"), Some(1));
    }
}
