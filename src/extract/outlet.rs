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
    /// The longest key, in bytes.
    longest: usize,
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
        let keys = std::iter::once(canonical.to_lowercase()).chain(
            aliases
                .into_iter()
                .map(|a| a.as_ref().trim().to_lowercase()),
        );
        for key in keys {
            self.longest = self.longest.max(key.len());
            self.lookup.insert(key, canonical.clone());
        }
    }

    /// The canonical name for a known name or alias.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        // Every line of every article is asked about. Lowercasing never leaves fewer bytes than
        // a quarter (a character of up to 4 bytes becomes at least one of at least 1), so a name
        // over four times the longest key is none, and is not lowercased to find out.
        if name.len() > self.longest.saturating_mul(4) {
            return None;
        }
        self.lookup.get(&name.to_lowercase()).map(String::as_str)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_in_any_case_and_long_lines_are_none() {
        let mut o = OutletAliases::default();
        o.insert("Yonhap", ["Yonhap News Agency", "kkkk"]);
        assert_eq!(o.canonical("  YONHAP news agency "), Some("Yonhap"));
        // Lowercasing can shrink a name to a third (the Kelvin sign is 3 bytes, `k` one):
        // the length cut-off must not turn such a name away.
        assert_eq!(o.canonical(&"\u{212a}".repeat(4)), Some("Yonhap"));
        assert_eq!(o.canonical(&"Yonhap ".repeat(20)), None);
        assert!(!o.is_known(""));
    }
}
