//! Keeping a loaded store in step with its folder while the reader runs: which article files
//! are new, changed or gone since they were last read ([`Refresher`]), read as the load reads
//! them, and put into the store in place of what was there ([`apply`]). Only those files are
//! read, and the store's indexes take them in and let the old versions go one by one: nothing
//! is loaded again whole.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use foldhash::HashSet;

use super::{Found, LoadError, Problem, cache, display_name, load_one, walk};
use crate::article::Article;
use crate::config::{Config, LoadLimits};
use crate::extract::outlet::OutletAliases;
use crate::lexicon::Lexicon;
use crate::store::Store;

/// What a load saw of each article file: its path inside the folder (as shown) -> the file
/// (and sidecar) as they were then.
pub type Seen = BTreeMap<String, cache::FileKey>;

/// A file to take in again.
#[derive(Debug)]
pub enum Changed {
    /// New or changed: what it reads as now (no article when it cannot be loaded any more),
    /// with its problems.
    Read {
        rel: String,
        article: Option<Box<Article>>,
        problems: Vec<Problem>,
    },
    /// Deleted, or not an article file any more.
    Gone { rel: String },
}

/// Finds the article files that changed since the load (or the last refresh) and reads them.
pub struct Refresher {
    root: PathBuf,
    /// The folder as the file system names it, to make paths from a watcher relative.
    canonical: Option<PathBuf>,
    outlets: OutletAliases,
    lexicon: Lexicon,
    limits: LoadLimits,
    seen: Seen,
}

impl Refresher {
    /// A refresher for the folder of `config` (taken, not copied: its lexicon is large), whose
    /// files were last seen as `seen`.
    pub fn new(config: Config, seen: Seen) -> Self {
        Refresher {
            canonical: std::fs::canonicalize(&config.articles).ok(),
            root: config.articles,
            outlets: config.outlets,
            lexicon: config.lexicon,
            limits: config.load,
            seen,
        }
    }

    /// List the whole folder again and read every file that is new or changed; files no longer
    /// there are gone. Costs a listing of the folder and the reading of what changed.
    pub fn rescan(&mut self) -> Result<Vec<Changed>, LoadError> {
        let mut problems = Vec::new();
        let files = walk(&self.root, &self.limits, &mut problems)?;
        let listed: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        let gone: Vec<String> = self
            .seen
            .keys()
            .filter(|rel| !listed.contains(rel.as_str()))
            .cloned()
            .collect();
        let fresh: Vec<&Found> = files
            .iter()
            .filter(|f| self.seen.get(&f.rel) != Some(&f.key))
            .collect();
        // The walk's own problems (a file that cannot be opened, a folder too deep) matter for
        // the files that changed; the others were said when they were first met.
        let mut changes = self.read(&fresh, &problems);
        for rel in gone {
            self.seen.remove(&rel);
            changes.push(Changed::Gone { rel });
        }
        Ok(changes)
    }

    /// Read again the files at `paths` (as a watcher names them: anywhere under the folder, a
    /// sidecar for its article) when they changed. Returns `None` when a path is not a file the
    /// refresher can judge alone (a folder made, moved or deleted): then [`rescan`] is needed.
    pub fn paths(&mut self, paths: &[PathBuf]) -> Option<Vec<Changed>> {
        let mut rels: BTreeMap<String, PathBuf> = BTreeMap::new();
        for path in paths {
            let Some((parts, rest)) = self.inside(path) else {
                continue; // not under the folder, or hidden: none of ours
            };
            let is = |ext: &str| {
                rest.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(ext))
            };
            let article = if is("txt") {
                rest.clone()
            } else if is("toml") {
                rest.with_extension("txt")
            } else if self.root.join(&rest).is_dir() || self.holds_folder(&parts) {
                return None;
            } else {
                continue;
            };
            if parts.len() > self.limits.max_depth + 1 {
                continue;
            }
            let folders = parts.iter().take(parts.len() - 1).map(String::as_str);
            let name = article.file_name().map(display_name)?;
            let rel = folders
                .chain(std::iter::once(name.as_str()))
                .collect::<Vec<_>>()
                .join("/");
            rels.insert(rel, self.root.join(article));
        }
        let mut found = Vec::new();
        let mut changes = Vec::new();
        for (rel, path) in rels {
            match found_at(&path, rel.clone()) {
                Some(f) if f.path.is_file() => {
                    if self.seen.get(&rel) != Some(&f.key) {
                        found.push(f);
                    }
                }
                // Gone, or no longer a file: reported as the load would, by a rescan.
                Some(_) => return None,
                None => {
                    if self.seen.remove(&rel).is_some() {
                        changes.push(Changed::Gone { rel });
                    }
                }
            }
        }
        let fresh: Vec<&Found> = found.iter().collect();
        let mut read = self.read(&fresh, &[]);
        read.append(&mut changes);
        Some(read)
    }

    /// Load `files` as the load does (on every core), and remember them as seen. Each file's
    /// problems from the listing (`listed`) come with its own.
    fn read(&mut self, files: &[&Found], listed: &[Problem]) -> Vec<Changed> {
        use rayon::prelude::*;
        crate::extract::warm_up_soon();
        let (outlets, lexicon, limits) = (&self.outlets, &self.lexicon, &self.limits);
        let loaded: Vec<_> = files
            .par_iter()
            .map(|f| {
                let mut time = super::Timings::default();
                load_one(f, outlets, lexicon, limits, &mut time)
            })
            .collect();
        let mut out = Vec::with_capacity(files.len());
        for (f, (article, mut own)) in files.iter().zip(loaded) {
            self.seen.insert(f.rel.clone(), f.key);
            let mut all: Vec<Problem> =
                listed.iter().filter(|p| p.file == f.rel).cloned().collect();
            all.append(&mut own);
            out.push(Changed::Read {
                rel: f.rel.clone(),
                article: article.map(Box::new),
                problems: all,
            });
        }
        out
    }

    /// The components of `path` inside the folder, as shown, and the path inside the folder;
    /// `None` when it is outside the folder or inside a hidden entry.
    fn inside(&self, path: &Path) -> Option<(Vec<String>, PathBuf)> {
        let rest = strip(path, self.canonical.as_deref())
            .or_else(|| path.strip_prefix(&self.root).ok().map(Path::to_path_buf))?;
        let mut parts = Vec::new();
        for c in rest.components() {
            let Component::Normal(name) = c else {
                return None;
            };
            if name.as_encoded_bytes().starts_with(b".") {
                return None;
            }
            parts.push(display_name(name));
        }
        (!parts.is_empty()).then_some((parts, rest))
    }

    /// Whether articles were seen inside the folder `parts` names (it may have been deleted or
    /// moved away, taking them with it).
    fn holds_folder(&self, parts: &[String]) -> bool {
        let prefix = format!("{}/", parts.join("/"));
        self.seen
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(rel, _)| rel.starts_with(&prefix))
    }
}

/// `path` made relative to `canonical`, the folder as the file system names it.
fn strip(path: &Path, canonical: Option<&Path>) -> Option<PathBuf> {
    let canonical = canonical?;
    if let Ok(rest) = path.strip_prefix(canonical) {
        return Some(rest.to_path_buf());
    }
    // A path under a symlink to the folder: resolve its parent (the file may be gone).
    let parent = std::fs::canonicalize(path.parent()?).ok()?;
    let rest = parent.strip_prefix(canonical).ok()?;
    Some(rest.join(path.file_name()?))
}

/// The article file at `path` as the walk would have found it; `None` when there is none.
fn found_at(path: &Path, rel: String) -> Option<Found> {
    let meta = std::fs::metadata(path).ok()?;
    let side = path.with_extension("toml");
    let side_meta = std::fs::metadata(&side).ok();
    let key = cache::FileKey {
        file: cache::Stamp::of(&meta),
        sidecar: side_meta.as_ref().map(cache::Stamp::of),
    };
    Some(Found {
        path: path.to_path_buf(),
        rel,
        sidecar: side_meta.is_some(),
        key,
        cacheable: true,
    })
}

/// What [`apply`] did, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Articles new to the store.
    pub added: usize,
    /// Articles read again after a change to their file.
    pub updated: usize,
    /// Articles whose file is gone, or cannot be loaded any more.
    pub removed: usize,
}

/// Put `changes` into `store`: an article whose file changed is removed and its new version
/// added (the store remembers which slot replaced which), a new one added under an id no
/// other article has, a gone one removed; each file's problems replace those it had.
pub fn apply(store: &mut Store, changes: Vec<Changed>) -> Applied {
    let mut applied = Applied::default();
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    let mut replacing = Vec::new();
    let mut taken: HashSet<String> = HashSet::default();
    for change in changes {
        match change {
            Changed::Gone { rel } => {
                store.forget_problems(&rel);
                if let Some(slot) = store.slot_of_file(&rel) {
                    store.remove(slot);
                    applied.removed += 1;
                }
            }
            Changed::Read {
                rel,
                article,
                problems: mut own,
            } => {
                store.forget_problems(&rel);
                problems.append(&mut own);
                let old = store.slot_of_file(&rel);
                if let Some(slot) = old {
                    store.remove(slot);
                }
                match (article, old) {
                    (Some(mut a), old) => {
                        a.id = unique_id(store, &taken, &a.id);
                        taken.insert(a.id.clone());
                        if let Some(old) = old {
                            replacing.push((old, a.id.clone()));
                            applied.updated += 1;
                        } else {
                            applied.added += 1;
                        }
                        articles.push(*a);
                    }
                    (None, Some(_)) => applied.removed += 1,
                    (None, None) => {}
                }
            }
        }
    }
    store.add(articles, problems);
    for (old, id) in replacing {
        if let Some(new) = store.slot_of(&id) {
            store.replaced(old, new);
        }
    }
    applied
}

/// `id`, or `id~2`, `id~3`, ... : the first that neither the store nor `taken` has.
fn unique_id(store: &Store, taken: &HashSet<String>, id: &str) -> String {
    let free = |c: &str| !store.has_id(c) && !taken.contains(c);
    if free(id) {
        return id.to_owned();
    }
    (2..=u32::MAX)
        .map(|n| format!("{id}~{n}"))
        .find(|c| free(c))
        .unwrap_or_else(|| id.to_owned())
}

#[cfg(test)]
mod tests;
