//! The one filter used by the CLI and the reader, and its query language:
//! `year:2019`, `year:2019..2021`, `outlet:reuters`, `outlet:"associated press"`, `topic:gsomia`,
//! `entity:"Yoon Suk Yeol"`, free words.
//! Parsing only: matching against articles lives in `store`.

use std::fmt;

use crate::sanitize;

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
    /// Topics by id or name, as the user typed them; an article must carry every one (a query
    /// may repeat `topic:`, and each narrows the list further).
    pub topics: Vec<String>,
    /// Entities by name or alias, as the user typed them; an article must name every one.
    pub entities: Vec<String>,
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
                    "'{}' is not a year or year range (use 2019 or 2019..2021)",
                    sanitize::line(s)
                )
            }
            QueryError::UnknownField(s) => {
                write!(
                    f,
                    "unknown filter '{}:' (use year:, outlet:, topic:, entity: or plain words)",
                    sanitize::line(s)
                )
            }
            QueryError::EmptyValue(s) => write!(f, "'{}:' needs a value", sanitize::line(s)),
            QueryError::UnclosedQuote => write!(f, "a quote is not closed"),
        }
    }
}

impl std::error::Error for QueryError {}

/// The fields a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Outlet,
    Topic,
    Entity,
}

impl Field {
    fn parse(name: &str) -> Option<Field> {
        match name.to_lowercase().as_str() {
            "year" | "years" => Some(Field::Year),
            "outlet" => Some(Field::Outlet),
            "topic" => Some(Field::Topic),
            "entity" => Some(Field::Entity),
            _ => None,
        }
    }
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.years.is_none()
            && self.outlet.is_none()
            && self.topics.is_empty()
            && self.entities.is_empty()
            && self.words.is_empty()
    }

    /// Parse the query language. Words are lowercased; `field:"two words"` keeps its spaces.
    /// A later `year:` or `outlet:` replaces an earlier one; `topic:` and `entity:` add up (all
    /// must match).
    pub fn parse(query: &str) -> Result<Self, QueryError> {
        Self::parse_with(query, false)
    }

    /// Parse a query that is still being typed, as the reader does on each key. The same language
    /// as [`Filter::parse`], but the end of the query may be unfinished:
    /// - a last `field:` with nothing after it yet (`summit topic:`) is ignored;
    /// - a quote left open at the end is taken as closed there (`entity:"Yoon Suk` is
    ///   `entity:"Yoon Suk"`), and ignored while it is still empty (`entity:"`);
    /// - a last `year:` value that can still become a year or range (`year:20`, `year:2019..`,
    ///   `year:2019..20`) is ignored.
    ///
    /// Everything else is an error exactly as in `parse`: an unknown field name (even at the end),
    /// an empty value before more text, a year that can no longer become valid.
    pub fn parse_partial(query: &str) -> Result<Self, QueryError> {
        Self::parse_with(query, true)
    }

    fn parse_with(query: &str, partial: bool) -> Result<Self, QueryError> {
        let mut filter = Filter::default();
        for token in tokenize(query, partial)? {
            match token {
                Token::Field {
                    name,
                    value,
                    unfinished,
                } => {
                    let field =
                        Field::parse(&name).ok_or(QueryError::UnknownField(name.clone()))?;
                    let lenient = partial && unfinished;
                    if value.is_empty() {
                        if lenient {
                            continue;
                        }
                        return Err(QueryError::EmptyValue(name));
                    }
                    match field {
                        Field::Year => match YearRange::parse(&value) {
                            Ok(range) => filter.years = Some(range),
                            Err(_) if lenient && could_become_years(&value) => {}
                            Err(e) => return Err(e),
                        },
                        Field::Outlet => filter.outlet = Some(value),
                        Field::Topic => filter.topics.push(value),
                        Field::Entity => filter.entities.push(value),
                    }
                }
                Token::Word(w) => filter.words.extend(normalize_words(&w)),
            }
        }
        Ok(filter)
    }
}

/// `field:value`, quoted when the value has a space (so `parse` reads it back whole).
fn field_part(field: &str, value: &str) -> String {
    if value.contains(char::is_whitespace) {
        format!("{field}:\"{value}\"")
    } else {
        format!("{field}:{value}")
    }
}

impl fmt::Display for Filter {
    /// The query that parses back to this filter: `year:2019..2021 outlet:reuters
    /// topic:gsomia entity:"Yoon Suk Yeol" summit`. (A value with both a space and a `"` cannot
    /// be written in the language; no parsed query has one.)
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(y) = self.years {
            parts.push(format!("year:{y}"));
        }
        if let Some(o) = &self.outlet {
            parts.push(field_part("outlet", o));
        }
        parts.extend(self.topics.iter().map(|t| field_part("topic", t)));
        parts.extend(self.entities.iter().map(|e| field_part("entity", e)));
        parts.extend(self.words.iter().cloned());
        f.write_str(&parts.join(" "))
    }
}

/// Whether more typing could make `s` a year or range: `20`, `2019.`, `2019..20`, `2019-`.
fn could_become_years(s: &str) -> bool {
    let digits = |p: &str| p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    let (from, rest) = s.split_at(s.find(['.', '-']).unwrap_or(s.len()));
    if rest.is_empty() {
        return digits(from);
    }
    if from.len() != 4 || !digits(from) {
        return false;
    }
    let to = rest
        .strip_prefix("..")
        .or_else(|| rest.strip_prefix('-'))
        .unwrap_or(if rest == "." { "" } else { rest });
    // Four digits after the separator make a whole range; if it did not parse, it never will.
    to.len() < 4 && digits(to)
}

/// Split text into lowercase search words: runs of letters and digits.
pub fn normalize_words(s: &str) -> impl Iterator<Item = String> + '_ {
    words(s).map(str::to_lowercase)
}

/// The runs of letters and digits in `s`, as written: the words search knows, before lowercasing.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

enum Token {
    /// `name:value`; `unfinished` when the query ends inside or right after the value with no
    /// closing quote (so more typing could still change it).
    Field {
        name: String,
        value: String,
        unfinished: bool,
    },
    Word(String),
}

/// Split a query into fields and words. With `lenient`, a quote left open at the end closes there.
fn tokenize(query: &str, lenient: bool) -> Result<Vec<Token>, QueryError> {
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
            let mut value = String::new();
            let unfinished = if chars.next_if_eq(&'"').is_some() {
                loop {
                    match chars.next() {
                        Some('"') => break false,
                        Some(c) => value.push(c),
                        None if lenient => break true,
                        None => return Err(QueryError::UnclosedQuote),
                    }
                }
            } else {
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    value.push(c);
                }
                chars.peek().is_none()
            };
            tokens.push(Token::Field {
                name: word,
                value: value.trim().to_owned(),
                unfinished,
            });
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
    fn topics_and_entities_add_up_and_keep_quoted_spaces() {
        let f = Filter::parse(
            "Topic:\"comfort women\" entity:\"Yoon Suk Yeol\" ENTITY:Kishida topic:gsomia talks",
        )
        .unwrap();
        assert_eq!(f.topics, ["comfort women", "gsomia"]);
        assert_eq!(f.entities, ["Yoon Suk Yeol", "Kishida"]);
        assert_eq!(f.words, ["talks"]);
        assert!(!f.is_empty());
        assert!(!Filter::parse("entity:Motegi").unwrap().is_empty());
        assert!(!Filter::parse("topic:gsomia").unwrap().is_empty());
        // A quoted value is trimmed; case is kept for display (matching ignores it).
        assert_eq!(
            Filter::parse("entity:\" Yoon Suk-yeol \"")
                .unwrap()
                .entities,
            ["Yoon Suk-yeol"]
        );
    }

    #[test]
    fn topic_and_entity_errors() {
        assert_eq!(
            Filter::parse("entity:"),
            Err(QueryError::EmptyValue("entity".into()))
        );
        assert_eq!(
            Filter::parse("topic:\"\" x"),
            Err(QueryError::EmptyValue("topic".into()))
        );
        assert_eq!(
            Filter::parse("entity:\"Yoon Suk"),
            Err(QueryError::UnclosedQuote)
        );
        let e = Filter::parse("person:Kishida").unwrap_err();
        assert_eq!(e, QueryError::UnknownField("person".into()));
        assert_eq!(
            e.to_string(),
            "unknown filter 'person:' (use year:, outlet:, topic:, entity: or plain words)"
        );
        // An unknown field is named even when it has no value.
        assert_eq!(
            Filter::parse("colour:"),
            Err(QueryError::UnknownField("colour".into()))
        );
    }

    #[test]
    fn display_round_trips_every_field_quoting_spaces() {
        let q = "year:2023 outlet:reuters topic:gsomia topic:\"comfort women\" \
                 entity:\"Yoon Suk Yeol\" entity:Kishida summit";
        let f = Filter::parse(q).unwrap();
        assert_eq!(f.to_string(), q);
        assert_eq!(Filter::parse(&f.to_string()).unwrap(), f);
        let built = Filter {
            years: Some(YearRange {
                from: 2019,
                to: 2021,
            }),
            outlet: Some("associated press".into()),
            topics: vec!["Export controls and the white list".into()],
            entities: vec!["Lee\tJae-myung".into(), "O'Brien".into()],
            words: vec!["talks".into()],
        };
        assert_eq!(
            built.to_string(),
            "year:2019..2021 outlet:\"associated press\" \
             topic:\"Export controls and the white list\" entity:\"Lee\tJae-myung\" \
             entity:O'Brien talks"
        );
        assert_eq!(Filter::parse(&built.to_string()).unwrap(), built);
        assert_eq!(Filter::default().to_string(), "");
    }

    #[test]
    fn partial_ignores_a_trailing_field_without_value() {
        let f = Filter::parse_partial("summit topic:").unwrap();
        assert_eq!(f, Filter::parse("summit").unwrap());
        assert!(Filter::parse_partial("entity:").unwrap().is_empty());
        assert!(Filter::parse_partial("year:").unwrap().is_empty());
        // Only at the very end: a space after the colon means the user moved on.
        assert_eq!(
            Filter::parse_partial("entity: summit"),
            Err(QueryError::EmptyValue("entity".into()))
        );
        assert_eq!(
            Filter::parse_partial("entity: "),
            Err(QueryError::EmptyValue("entity".into()))
        );
        // An unknown field is still an error, so a typo shows at once.
        assert_eq!(
            Filter::parse_partial("topci:"),
            Err(QueryError::UnknownField("topci".into()))
        );
    }

    #[test]
    fn partial_closes_an_open_quote_at_the_end() {
        let f = Filter::parse_partial("year:2023 entity:\"Yoon Suk").unwrap();
        assert_eq!(f.entities, ["Yoon Suk"]);
        assert_eq!(
            f.years,
            Some(YearRange {
                from: 2023,
                to: 2023
            })
        );
        assert_eq!(
            Filter::parse_partial("topic:\"comfort ").unwrap().topics,
            ["comfort"]
        );
        // Still empty: ignored.
        assert!(Filter::parse_partial("entity:\"").unwrap().is_empty());
        assert!(
            Filter::parse_partial("talks outlet:\"  ")
                .unwrap()
                .outlet
                .is_none()
        );
        // A finished query parses as `parse` does.
        let q = "year:2019..2021 outlet:\"associated press\" topic:gsomia entity:Motegi summit";
        assert_eq!(Filter::parse_partial(q), Filter::parse(q));
    }

    #[test]
    fn partial_ignores_a_year_still_being_typed() {
        for q in [
            "year:2",
            "year:20",
            "year:201",
            "year:2019.",
            "year:2019..",
            "year:2019..2",
            "year:2019..202",
            "year:2019-",
            "year:2019-20",
        ] {
            let f = Filter::parse_partial(&format!("summit {q}")).unwrap();
            assert_eq!(f, Filter::parse("summit").unwrap(), "{q}");
            assert!(
                matches!(Filter::parse(q), Err(QueryError::BadYear(_))),
                "{q}"
            );
        }
        assert_eq!(
            Filter::parse_partial("year:2019..2021").unwrap().years,
            Some(YearRange {
                from: 2019,
                to: 2021
            })
        );
        // Values no typing can fix, or that are not at the end, are errors.
        for q in [
            "year:20x",
            "year:20190",
            "year:2019..2018",
            "year:2019..20211",
            "year:201.",
            "year:2019.2",
            "year:20 summit",
            "year:\"20\"",
        ] {
            assert!(
                matches!(Filter::parse_partial(q), Err(QueryError::BadYear(_))),
                "{q}"
            );
        }
    }

    #[test]
    fn words_split_on_punctuation() {
        let f = Filter::parse("Seoul's U.S.-led").unwrap();
        assert_eq!(f.words, ["seoul", "s", "u", "s", "led"]);
    }
}
