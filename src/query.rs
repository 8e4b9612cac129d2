//! The one filter used by the CLI and the reader, and its query language:
//! `year:2019`, `year:2019..2021`, `outlet:reuters`, `outlet:"associated press"`, free words.
//! Parsing only: matching against articles lives in `store`.

use std::fmt;

/// A year or an inclusive range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub from: u16,
    pub to: u16,
}

impl YearRange {
    pub fn contains(self, year: u16) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// Parse `2019` or `2019..2021` (also `2019-2021`).
    pub fn parse(s: &str) -> Result<Self, QueryError> {
        let bad = || QueryError::BadYear(s.to_owned());
        let one = |p: &str| -> Result<u16, QueryError> {
            let p = p.trim();
            if p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (from, to) = match s.split_once("..").or_else(|| s.split_once('-')) {
            Some((a, b)) => (one(a)?, one(b)?),
            None => (one(s)?, one(s)?),
        };
        if from > to {
            return Err(QueryError::BadYear(s.to_owned()));
        }
        Ok(YearRange { from, to })
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}..{}", self.from, self.to)
        }
    }
}

/// What to show: every part that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub years: Option<YearRange>,
    /// An outlet or publisher name or alias, as the user typed it.
    pub outlet: Option<String>,
    /// Free words; each must occur in the article (a word matches as a prefix: `korea` finds `Korean`).
    pub words: Vec<String>,
}

/// A query that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    BadYear(String),
    UnknownField(String),
    EmptyValue(String),
    UnclosedQuote,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::BadYear(s) => {
                write!(
                    f,
                    "'{s}' is not a year or year range (use 2019 or 2019..2021)"
                )
            }
            QueryError::UnknownField(s) => {
                write!(
                    f,
                    "unknown filter '{s}:' (use year:, outlet: or plain words)"
                )
            }
            QueryError::EmptyValue(s) => write!(f, "'{s}:' needs a value"),
            QueryError::UnclosedQuote => write!(f, "a quote is not closed"),
        }
    }
}

impl std::error::Error for QueryError {}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.years.is_none() && self.outlet.is_none() && self.words.is_empty()
    }

    /// Parse the query language. Words are lowercased; `field:"two words"` keeps its spaces.
    pub fn parse(query: &str) -> Result<Self, QueryError> {
        let mut filter = Filter::default();
        for token in tokenize(query)? {
            match token {
                Token::Field(field, value) => {
                    if value.is_empty() {
                        return Err(QueryError::EmptyValue(field));
                    }
                    match field.to_lowercase().as_str() {
                        "year" | "years" => filter.years = Some(YearRange::parse(&value)?),
                        "outlet" => filter.outlet = Some(value),
                        _ => return Err(QueryError::UnknownField(field)),
                    }
                }
                Token::Word(w) => filter.words.extend(normalize_words(&w)),
            }
        }
        Ok(filter)
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(y) = self.years {
            parts.push(format!("year:{y}"));
        }
        if let Some(o) = &self.outlet {
            parts.push(if o.contains(' ') {
                format!("outlet:\"{o}\"")
            } else {
                format!("outlet:{o}")
            });
        }
        parts.extend(self.words.iter().cloned());
        f.write_str(&parts.join(" "))
    }
}

/// Split text into lowercase search words: runs of letters and digits.
pub fn normalize_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

enum Token {
    Field(String, String),
    Word(String),
}

fn tokenize(query: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = query.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(tokens);
        }
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != ':') {
            word.push(c);
        }
        if chars.next_if_eq(&':').is_some() {
            let value = if chars.next_if_eq(&'"').is_some() {
                let mut v = String::new();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some(c) => v.push(c),
                        None => return Err(QueryError::UnclosedQuote),
                    }
                }
                v
            } else {
                let mut v = String::new();
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    v.push(c);
                }
                v
            };
            tokens.push(Token::Field(word, value.trim().to_owned()));
        } else {
            tokens.push(Token::Word(word));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_and_words() {
        let f = Filter::parse("year:2019..2021 outlet:reuters GSOMIA talks").unwrap();
        assert_eq!(
            f.years,
            Some(YearRange {
                from: 2019,
                to: 2021
            })
        );
        assert_eq!(f.outlet.as_deref(), Some("reuters"));
        assert_eq!(f.words, ["gsomia", "talks"]);
    }

    #[test]
    fn quoted_values_keep_spaces() {
        let f = Filter::parse("outlet:\"Associated Press\" year:2022").unwrap();
        assert_eq!(f.outlet.as_deref(), Some("Associated Press"));
        assert_eq!(
            f.years,
            Some(YearRange {
                from: 2022,
                to: 2022
            })
        );
        assert_eq!(
            Filter::parse("outlet:\"AP").unwrap_err(),
            QueryError::UnclosedQuote
        );
    }

    #[test]
    fn bad_years_and_fields_are_errors() {
        assert!(matches!(
            Filter::parse("year:20x9"),
            Err(QueryError::BadYear(_))
        ));
        assert!(matches!(
            Filter::parse("year:2021..2019"),
            Err(QueryError::BadYear(_))
        ));
        assert!(matches!(
            Filter::parse("year:"),
            Err(QueryError::EmptyValue(_))
        ));
        assert!(matches!(
            Filter::parse("colour:red"),
            Err(QueryError::UnknownField(_))
        ));
        assert_eq!(
            YearRange::parse("2019-2020").unwrap(),
            YearRange {
                from: 2019,
                to: 2020
            }
        );
    }

    #[test]
    fn empty_query_is_empty_filter() {
        assert!(Filter::parse("   ").unwrap().is_empty());
    }

    #[test]
    fn display_round_trips() {
        let q = "year:2019..2021 outlet:\"associated press\" summit";
        assert_eq!(Filter::parse(q).unwrap().to_string(), q);
    }

    #[test]
    fn words_split_on_punctuation() {
        let f = Filter::parse("Seoul's U.S.-led").unwrap();
        assert_eq!(f.words, ["seoul", "s", "u", "s", "led"]);
    }
}
