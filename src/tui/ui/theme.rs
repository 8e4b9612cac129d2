//! Theme: every style the reader draws with, from the 16-colour ANSI palette only, or with no
//! colour at all when `NO_COLOR` is set. Styles only: no drawing and no state here.

use std::ffi::OsStr;

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::entities::Kind;

/// The styles of one colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// True when the theme must not set any colour (`NO_COLOR`).
    pub plain: bool,
    pub border: Style,
    pub border_focused: Style,
    pub border_type: BorderType,
    /// Differs from `border_type` so focus shows without colour too.
    pub border_type_focused: BorderType,
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
    /// The theme the environment asks for: [`Theme::plain`] when `NO_COLOR` is set and not
    /// empty (<https://no-color.org>), else [`Theme::colored`].
    pub fn from_env() -> Self {
        if no_color_requested(std::env::var_os("NO_COLOR").as_deref()) {
            Theme::plain()
        } else {
            Theme::colored()
        }
    }

    /// Named ANSI colours only, so it reads the same on a 16-colour console and over SSH.
    pub fn colored() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            plain: false,
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            border_type: BorderType::Plain,
            border_type_focused: BorderType::Thick,
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
            border: Style::new(),
            border_focused: bold,
            border_type: BorderType::Plain,
            border_type_focused: BorderType::Thick,
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
        let theme = Theme::plain();
        assert_ne!(theme.border_type, theme.border_type_focused);
    }
}
