//! Walk the articles folder, read and decode files, merge sidecar and front matter metadata, and run
//! the extractor in parallel. Never stops at a bad file: each becomes a [`Problem`].

use std::fmt;

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file was not loaded.
    Skipped,
    /// The article loaded, but something in or beside it was wrong.
    Warning,
}

/// A file that could not be loaded, or loaded with a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The path inside the articles folder (or the folder itself).
    pub file: String,
    pub severity: Severity,
    /// What is wrong, and how to fix it when we know.
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::sanitize::line(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let what = match self.severity {
            Severity::Skipped => "skipped",
            Severity::Warning => "warning",
        };
        write!(f, ": {what}: {}", crate::sanitize::line(&self.message))
    }
}
