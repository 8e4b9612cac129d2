//! Outlet names: the alias table from config (`AP` = `Associated Press` = `The Associated Press`)
//! and the signatures in the text that name the agency or paper. Pure functions, no I/O.

use foldhash::HashMap;

/// Canonical outlet names and their aliases, matched case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct OutletAliases {
    /// Lowercased name or alias -> canonical name.
    lookup: HashMap<String, String>,
    /// Canonical names in the order they were given.
    canonical: Vec<String>,
}

impl OutletAliases {
    /// Add a canonical name and its aliases. A later entry for the same alias wins.
    pub fn insert<I, S>(&mut self, canonical: &str, aliases: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let canonical = canonical.trim().to_owned();
        if !self.canonical.contains(&canonical) {
            self.canonical.push(canonical.clone());
        }
        self.lookup
            .insert(canonical.to_lowercase(), canonical.clone());
        for alias in aliases {
            self.lookup
                .insert(alias.as_ref().trim().to_lowercase(), canonical.clone());
        }
    }

    /// The canonical name for a known name or alias.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.lookup
            .get(&name.trim().to_lowercase())
            .map(String::as_str)
    }

    /// The canonical name when known, else the name as written, trimmed.
    pub fn normalize(&self, name: &str) -> String {
        self.canonical(name)
            .map_or_else(|| name.trim().to_owned(), str::to_owned)
    }

    pub fn is_known(&self, name: &str) -> bool {
        self.canonical(name).is_some()
    }
}
