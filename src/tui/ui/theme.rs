//! Theme: every style the reader draws with, from the 16-colour ANSI palette only, or with no
//! colour at all when `NO_COLOR` is set; and the symbols of gisa's own chrome (borders,
//! scrollbar, ellipsis, separators), in ASCII when the terminal or locale cannot show more.
//! Styles and symbols only: no drawing and no state here.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::entities::Kind;

/// The styles of one colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// True when the theme must not set any colour (`NO_COLOR`).
    pub plain: bool,
    /// True when gisa's own symbols are ASCII only (`TERM=dumb`, a locale that is not UTF-8).
    pub ascii: bool,
    /// The characters of gisa's chrome: borders, scrollbar, ellipsis, separators.
    pub symbols: Symbols,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    /// The selected list row while the list has the focus.
    pub selected: Style,
    /// The selected list row while another pane has the focus.
    pub selected_unfocused: Style,
    pub list_date: Style,
    pub list_outlet: Style,
    pub list_headline: Style,
    /// Laid over a list row once its article has been read.
    pub list_read: Style,
    /// Laid over the mentions of the entity chosen in the sidebar.
    pub spotlight: Style,
    pub headline: Style,
    pub meta: Style,
    pub byline: Style,
    pub body: Style,
    /// Our own remarks (empty store, no body text).
    pub note: Style,
    /// Field names in the sidebar.
    pub label: Style,
    /// Section headings in the sidebar.
    pub section: Style,
    pub status: Style,
    pub hint_key: Style,
    pub hint: Style,
    pub warning: Style,
    /// The cursor of the query line: reverse video, visible with and without colour.
    pub cursor: Style,
    pub scrollbar: Style,
    /// Entity mentions in the reader and entity names in the sidebar, one style per kind.
    pub person: Style,
    pub organisation: Style,
    pub place: Style,
    pub agreement: Style,
    /// Why a story is related, under its headline in the sidebar.
    pub reason: Style,
}

impl Theme {
    /// The theme the environment asks for: see [`Theme::for_env`].
    pub fn from_env() -> Self {
        Theme::for_env(|name| std::env::var_os(name))
    }

    /// The theme for an environment given as a lookup of variables: [`Theme::plain`] when
    /// `NO_COLOR` is set and not empty (<https://no-color.org>) or `TERM=dumb`, else
    /// [`Theme::colored`]; with ASCII symbols when [`ascii_requested`] says so.
    pub fn for_env(var: impl Fn(&str) -> Option<OsString>) -> Self {
        let theme = if no_color_requested(var("NO_COLOR").as_deref()) || is_dumb(&var) {
            Theme::plain()
        } else {
            Theme::colored()
        };
        theme.with_ascii(ascii_requested(var))
    }

    /// This theme with ASCII symbols (`true`) or Unicode ones (`false`); styles stay.
    #[must_use]
    pub fn with_ascii(self, ascii: bool) -> Self {
        Theme {
            ascii,
            symbols: if ascii {
                Symbols::ASCII
            } else {
                Symbols::UNICODE
            },
            ..self
        }
    }

    /// Text of gisa's own (a notice, a reason, the reader's meta line) as the terminal can show
    /// it: unchanged, or in ASCII mode with typographic marks spelled in ASCII (`…` as `...`,
    /// `·` as `|`, dashes as `-`, curly quotes as straight ones). Other characters stay.
    pub fn chrome<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.ascii || text.is_ascii() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\u{2026}' => out.push_str(Symbols::ASCII.ellipsis),
                '\u{b7}' => out.push_str(Symbols::ASCII.separator),
                '\u{2022}' => out.push('*'),
                '\u{2013}' | '\u{2014}' => out.push('-'),
                '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => out.push('"'),
                '\u{2018}' | '\u{2019}' => out.push('\''),
                _ => out.push(c),
            }
        }
        Cow::Owned(out)
    }

    /// Named ANSI colours only, so it reads the same on a 16-colour console and over SSH.
    pub fn colored() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            plain: false,
            ascii: false,
            symbols: Symbols::UNICODE,
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            title: Style::new().fg(Color::Gray),
            title_focused: bold.fg(Color::Cyan),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            list_date: Style::new().fg(Color::DarkGray),
            list_outlet: Style::new().fg(Color::Cyan),
            list_headline: Style::new(),
            headline: bold.fg(Color::Yellow),
            meta: Style::new().fg(Color::Cyan),
            byline: Style::new().add_modifier(Modifier::ITALIC),
            body: Style::new(),
            note: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            label: Style::new().fg(Color::DarkGray),
            section: bold.fg(Color::Cyan),
            status: Style::new(),
            hint_key: bold.fg(Color::Cyan),
            hint: Style::new().fg(Color::DarkGray),
            warning: Style::new().fg(Color::Yellow),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            list_read: Style::new().add_modifier(Modifier::DIM),
            spotlight: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            scrollbar: Style::new().fg(Color::Cyan),
            person: Style::new().fg(Color::Green),
            organisation: Style::new().fg(Color::Magenta),
            place: Style::new().fg(Color::Blue),
            agreement: Style::new().fg(Color::Red),
            reason: Style::new().fg(Color::DarkGray),
        }
    }

    /// No colour anywhere, only modifiers: crossterm's `NO_COLOR` output resets all attributes
    /// whenever a style carries a colour, which would wipe the reverse-video selection.
    pub fn plain() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            plain: true,
            ascii: false,
            symbols: Symbols::UNICODE,
            border: Style::new(),
            border_focused: bold,
            title: Style::new(),
            title_focused: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            list_date: Style::new(),
            list_outlet: Style::new(),
            list_headline: Style::new(),
            headline: bold,
            meta: Style::new(),
            byline: Style::new().add_modifier(Modifier::ITALIC),
            body: Style::new(),
            note: Style::new().add_modifier(Modifier::ITALIC),
            label: Style::new(),
            section: bold,
            status: Style::new(),
            hint_key: bold,
            hint: Style::new(),
            warning: bold,
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            list_read: Style::new().add_modifier(Modifier::DIM),
            spotlight: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            scrollbar: Style::new(),
            // A different attribute per kind, so highlights stay visible and tell kinds apart.
            person: bold,
            organisation: Style::new().add_modifier(Modifier::UNDERLINED),
            place: Style::new().add_modifier(Modifier::ITALIC),
            agreement: bold.add_modifier(Modifier::UNDERLINED),
            reason: Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// The style for entities of one kind.
    pub fn entity(&self, kind: Kind) -> Style {
        match kind {
            Kind::Person => self.person,
            Kind::Organisation => self.organisation,
            Kind::Place => self.place,
            Kind::Agreement => self.agreement,
        }
    }

    /// Every style of the theme, for checks.
    pub fn styles(&self) -> [Style; 29] {
        [
            self.border,
            self.border_focused,
            self.title,
            self.title_focused,
            self.selected,
            self.selected_unfocused,
            self.list_date,
            self.list_outlet,
            self.list_headline,
            self.headline,
            self.meta,
            self.byline,
            self.body,
            self.note,
            self.label,
            self.section,
            self.status,
            self.hint_key,
            self.hint,
            self.warning,
            self.scrollbar,
            self.person,
            self.organisation,
            self.place,
            self.agreement,
            self.reason,
            self.cursor,
            self.list_read,
            self.spotlight,
        ]
    }
}

/// The characters gisa draws itself. Article text is never changed: only the chrome around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    /// The border of a pane without the focus.
    pub border: border::Set<'static>,
    /// The border of the focused pane: it differs from `border` so focus shows without colour.
    pub border_focused: border::Set<'static>,
    /// Ends a cut string.
    pub ellipsis: &'static str,
    /// Between the parts of a title or a status (`Help · Esc closes`).
    pub separator: &'static str,
    /// In front of each reason a story is related.
    pub bullet: &'static str,
    /// The scrollbar's thumb, drawn over the reader's right border.
    pub thumb: &'static str,
}

/// `+-|` borders.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    /// Box drawing and typographic marks, for UTF-8 terminals.
    pub const UNICODE: Symbols = Symbols {
        border: border::PLAIN,
        border_focused: border::THICK,
        ellipsis: "\u{2026}",
        separator: "\u{b7}",
        bullet: "\u{b7}",
        thumb: "\u{2588}",
    };

    /// ASCII only, for `TERM=dumb` and locales that are not UTF-8: `+-|` borders, `=` along
    /// the focused pane's top and bottom.
    pub const ASCII: Symbols = Symbols {
        border: ASCII_BORDER,
        border_focused: border::Set {
            horizontal_top: "=",
            horizontal_bottom: "=",
            ..ASCII_BORDER
        },
        ellipsis: "...",
        separator: "|",
        bullet: "-",
        thumb: "#",
    };

    /// Cut `s` to at most `width` columns, ending in this ellipsis when something was cut.
    pub fn truncate<'a>(&self, s: &'a str, width: usize) -> Cow<'a, str> {
        crate::width::truncate_with(s, width, self.ellipsis)
    }

    /// `s` cut (ending in this ellipsis) or padded with spaces to exactly `width` columns.
    pub fn fit(&self, s: &str, width: usize) -> String {
        crate::width::fit_with(s, width, self.ellipsis)
    }

    /// Every string of the set, for checks.
    pub fn all(&self) -> Vec<&'static str> {
        let mut out = vec![self.ellipsis, self.separator, self.bullet, self.thumb];
        for set in [self.border, self.border_focused] {
            out.extend([
                set.top_left,
                set.top_right,
                set.bottom_left,
                set.bottom_right,
                set.vertical_left,
                set.vertical_right,
                set.horizontal_top,
                set.horizontal_bottom,
            ]);
        }
        out
    }
}

/// True when gisa must draw its chrome in ASCII: `TERM=dumb`, or a locale that is not UTF-8.
///
/// The locale is the first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set and not empty, as
/// `setlocale` picks it. It counts as UTF-8 unless it is `C` or `POSIX` (ASCII by definition)
/// or names another character set (`en_US.ISO-8859-1`, `ja_JP.eucJP`); a locale without a
/// character set (`en_US`), or none at all, is taken as UTF-8, which nearly every terminal
/// speaks today. `var` looks a variable up, so tests can inject the environment.
pub fn ascii_requested(var: impl Fn(&str) -> Option<OsString>) -> bool {
    if is_dumb(&var) {
        return true;
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .filter_map(&var)
        .find(|v| !v.is_empty());
    locale.is_some_and(|l| !locale_is_utf8(&l.to_string_lossy()))
}

/// `TERM=dumb`: a terminal that can show no more than plain text.
fn is_dumb(var: impl Fn(&str) -> Option<OsString>) -> bool {
    var("TERM").is_some_and(|t| t == "dumb")
}

/// Whether a locale name (`language[_territory][.codeset][@modifier]`) means UTF-8.
fn locale_is_utf8(locale: &str) -> bool {
    let name = locale.split('@').next().unwrap_or_default();
    if name == "C" || name == "POSIX" {
        return false;
    }
    match name.split_once('.') {
        Some((_, codeset)) => {
            let norm: String = codeset
                .chars()
                .filter(|c| !matches!(c, '-' | '_'))
                .collect();
            norm.eq_ignore_ascii_case("utf8")
        }
        None => true,
    }
}

/// `NO_COLOR` counts when it is present and not empty.
fn no_color_requested(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// True for the 16 named ANSI colours (and the terminal default); false for indexed and RGB.
fn is_ansi16(color: Color) -> bool {
    !matches!(color, Color::Rgb(..) | Color::Indexed(_))
}

/// True when every colour of the theme is one of the 16 ANSI colours.
pub fn uses_only_ansi16(theme: &Theme) -> bool {
    theme
        .styles()
        .iter()
        .flat_map(|s| [s.fg, s.bg])
        .flatten()
        .all(is_ansi16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_present_and_not_empty() {
        assert!(no_color_requested(Some(OsStr::new("1"))));
        assert!(no_color_requested(Some(OsStr::new("0"))));
        assert!(!no_color_requested(Some(OsStr::new(""))));
        assert!(!no_color_requested(None));
    }

    #[test]
    fn plain_theme_sets_no_colour_at_all() {
        let theme = Theme::plain();
        for style in theme.styles() {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(
            theme
                .selected_unfocused
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn colored_theme_stays_in_the_16_colour_palette() {
        assert!(uses_only_ansi16(&Theme::colored()));
        assert!(!is_ansi16(Color::Rgb(1, 2, 3)));
        assert!(!is_ansi16(Color::Indexed(200)));
        // The selection never depends on colour.
        let theme = Theme::colored();
        assert_eq!((theme.selected.fg, theme.selected.bg), (None, None));
        assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn each_entity_kind_has_its_own_visible_style_in_both_themes() {
        for theme in [Theme::colored(), Theme::plain()] {
            let styles: Vec<Style> = Kind::ALL.iter().map(|k| theme.entity(*k)).collect();
            for (i, a) in styles.iter().enumerate() {
                assert_ne!(*a, theme.body, "{:?} looks like plain text", Kind::ALL[i]);
                for b in &styles[i + 1..] {
                    assert_ne!(a, b, "two kinds share a style");
                }
            }
        }
    }

    #[test]
    fn focus_shows_without_colour() {
        for theme in [Theme::plain(), Theme::plain().with_ascii(true)] {
            assert_ne!(theme.symbols.border, theme.symbols.border_focused);
        }
    }

    /// A lookup over fixed variables, as `ascii_requested` and `Theme::for_env` take it.
    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn dumb_terminals_and_non_utf8_locales_get_ascii() {
        let ascii = |vars: &[(&str, &str)]| ascii_requested(env(vars));
        assert!(ascii(&[("TERM", "dumb"), ("LANG", "en_US.UTF-8")]));
        assert!(!ascii(&[
            ("TERM", "xterm-256color"),
            ("LANG", "en_US.UTF-8")
        ]));
        for locale in [
            "C",
            "POSIX",
            "en_US.ISO-8859-1",
            "ja_JP.eucJP",
            "C@euro",
            "ru_RU.KOI8-R",
        ] {
            assert!(ascii(&[("LANG", locale)]), "{locale}");
        }
        for locale in [
            "en_US.UTF-8",
            "de_DE.utf8",
            "C.UTF-8",
            "C.utf8",
            "sr_RS.UTF-8@latin",
            "en_US",
        ] {
            assert!(!ascii(&[("LANG", locale)]), "{locale}");
        }
        // Nothing set: UTF-8 is assumed.
        assert!(!ascii(&[]));
    }

    #[test]
    fn the_first_locale_variable_set_wins() {
        let ascii = |vars: &[(&str, &str)]| ascii_requested(env(vars));
        assert!(ascii(&[
            ("LC_ALL", "C"),
            ("LC_CTYPE", "en_US.UTF-8"),
            ("LANG", "en_US.UTF-8")
        ]));
        assert!(!ascii(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "C")]));
        assert!(ascii(&[("LC_CTYPE", "POSIX"), ("LANG", "en_US.UTF-8")]));
        assert!(!ascii(&[("LC_CTYPE", "C.UTF-8"), ("LANG", "C")]));
        // Empty counts as unset, as for setlocale.
        assert!(ascii(&[("LC_ALL", ""), ("LC_CTYPE", ""), ("LANG", "C")]));
        assert!(!ascii(&[("LC_ALL", ""), ("LANG", "en_GB.UTF-8")]));
    }

    #[test]
    fn the_environment_picks_colour_and_symbols() {
        let utf8 = Theme::for_env(env(&[("TERM", "xterm"), ("LANG", "en_US.UTF-8")]));
        assert_eq!(utf8, Theme::colored());
        let c = Theme::for_env(env(&[("TERM", "xterm"), ("LC_ALL", "C")]));
        assert_eq!(c, Theme::colored().with_ascii(true));
        let dumb = Theme::for_env(env(&[("TERM", "dumb")]));
        assert_eq!(dumb, Theme::plain().with_ascii(true));
        let no_color = Theme::for_env(env(&[("NO_COLOR", "1"), ("LANG", "C.UTF-8")]));
        assert_eq!(no_color, Theme::plain());
    }

    #[test]
    fn ascii_symbols_are_ascii_and_unicode_ones_are_not() {
        let theme = Theme::colored().with_ascii(true);
        assert!(theme.ascii);
        assert!(
            theme.symbols.all().iter().all(|s| s.is_ascii()),
            "{:?}",
            theme.symbols
        );
        assert!(!Symbols::UNICODE.all().iter().all(|s| s.is_ascii()));
        assert_eq!(Theme::colored().with_ascii(false), Theme::colored());
        assert_eq!(theme.symbols.truncate("headline", 6), "hea...");
        assert_eq!(
            Theme::colored().symbols.truncate("headline", 6),
            "headl\u{2026}"
        );
    }

    #[test]
    fn chrome_text_is_spelled_in_ascii_only_in_ascii_mode() {
        let text = "Seoul \u{b7} 2019 \u{2014} \u{201c}yes\u{201d} \u{2018}no\u{2019}\u{2026} \u{ab}x\u{bb} \u{2022} \u{65e5}";
        let ascii = Theme::plain().with_ascii(true);
        assert_eq!(
            ascii.chrome(text),
            "Seoul | 2019 - \"yes\" 'no'... \"x\" * \u{65e5}"
        );
        assert_eq!(Theme::plain().chrome(text), text);
    }
}
