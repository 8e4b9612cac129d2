//! THE key table: which key does what in which pane, with the help text the footer is built from.
//! Keys become Actions here and nowhere else; no state changes and no drawing here.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::state::Focus;

use Action as A;
use KeyCode as K;
use Mode as M;

/// Where a binding applies: in every pane, or only while one pane has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Any pane; a pane binding for the same key would win, which the tests forbid.
    Global,
    List,
    Reader,
    Sidebar,
}

impl Mode {
    /// The pane mode for a focus.
    pub fn of(focus: Focus) -> Self {
        match focus {
            Focus::List => Mode::List,
            Focus::Reader => Mode::Reader,
            Focus::Sidebar => Mode::Sidebar,
        }
    }
}

/// A key with its modifiers. Shift is folded into the character (`G`, not Shift+g).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// A key pressed on its own.
    pub const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key on its own.
    pub const fn ch(c: char) -> Self {
        Key::plain(KeyCode::Char(c))
    }

    /// A character key with Ctrl.
    pub const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key as a crossterm event reports it, normalised: Shift dropped from characters and
    /// Shift-Tab, so `G` matches however the terminal encodes it.
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut mods = event.modifiers;
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: event.code,
            mods,
        }
    }

    /// A short label for help text: `j`, `Tab`, `C-c`, `PgDn`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "S-Tab".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Up => "Up".to_owned(),
            KeyCode::Down => "Down".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{base}")
        } else {
            base
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
    /// What the key does, in a few words, for help and the footer.
    pub help: &'static str,
}

const fn bind(mode: Mode, key: Key, action: Action, help: &'static str) -> Binding {
    Binding {
        mode,
        key,
        action,
        help,
    }
}

/// Every key binding of the reader. Footer hints are generated from this table.
pub const KEYMAP: &[Binding] = &[
    // Anywhere
    bind(M::Global, Key::ch('q'), A::Quit, "quit"),
    bind(M::Global, Key::ctrl('c'), A::Quit, "quit"),
    bind(M::Global, Key::plain(K::Tab), A::FocusNext, "next pane"),
    bind(
        M::Global,
        Key::plain(K::BackTab),
        A::FocusPrev,
        "previous pane",
    ),
    bind(
        M::Global,
        Key::plain(K::Esc),
        A::FocusList,
        "back to the list",
    ),
    // Article list
    bind(M::List, Key::ch('j'), A::SelectNext, "next article"),
    bind(M::List, Key::plain(K::Down), A::SelectNext, "next article"),
    bind(M::List, Key::ch('k'), A::SelectPrev, "previous article"),
    bind(
        M::List,
        Key::plain(K::Up),
        A::SelectPrev,
        "previous article",
    ),
    bind(
        M::List,
        Key::plain(K::PageDown),
        A::SelectPageDown,
        "page down",
    ),
    bind(M::List, Key::plain(K::PageUp), A::SelectPageUp, "page up"),
    bind(M::List, Key::ch('g'), A::SelectFirst, "first article"),
    bind(
        M::List,
        Key::plain(K::Home),
        A::SelectFirst,
        "first article",
    ),
    bind(M::List, Key::ch('G'), A::SelectLast, "last article"),
    bind(M::List, Key::plain(K::End), A::SelectLast, "last article"),
    bind(M::List, Key::plain(K::Enter), A::OpenArticle, "read"),
    // Reader
    bind(M::Reader, Key::ch('j'), A::ScrollDown, "scroll down"),
    bind(M::Reader, Key::plain(K::Down), A::ScrollDown, "scroll down"),
    bind(M::Reader, Key::ch('k'), A::ScrollUp, "scroll up"),
    bind(M::Reader, Key::plain(K::Up), A::ScrollUp, "scroll up"),
    bind(M::Reader, Key::ch(' '), A::PageDown, "page down"),
    bind(M::Reader, Key::plain(K::PageDown), A::PageDown, "page down"),
    bind(M::Reader, Key::ch('b'), A::PageUp, "page up"),
    bind(M::Reader, Key::plain(K::PageUp), A::PageUp, "page up"),
    bind(M::Reader, Key::ch('g'), A::ScrollTop, "top"),
    bind(M::Reader, Key::plain(K::Home), A::ScrollTop, "top"),
    bind(M::Reader, Key::ch('G'), A::ScrollBottom, "end"),
    bind(M::Reader, Key::plain(K::End), A::ScrollBottom, "end"),
    // Sidebar: it describes the selected article, so it moves the selection like the list.
    bind(M::Sidebar, Key::ch('j'), A::SelectNext, "next article"),
    bind(
        M::Sidebar,
        Key::plain(K::Down),
        A::SelectNext,
        "next article",
    ),
    bind(M::Sidebar, Key::ch('k'), A::SelectPrev, "previous article"),
    bind(
        M::Sidebar,
        Key::plain(K::Up),
        A::SelectPrev,
        "previous article",
    ),
    bind(M::Sidebar, Key::ch('g'), A::SelectFirst, "first article"),
    bind(M::Sidebar, Key::ch('G'), A::SelectLast, "last article"),
];

/// The footer hints per pane: which actions to name, and the word for them. Keys come from
/// [`KEYMAP`], so the footer cannot drift from the bindings.
const HINTS: &[(Mode, &[Action], &str)] = &[
    (M::List, &[A::SelectNext, A::SelectPrev], "move"),
    (M::List, &[A::OpenArticle], "read"),
    (M::Reader, &[A::ScrollDown, A::ScrollUp], "scroll"),
    (M::Reader, &[A::PageDown], "page"),
    (M::Reader, &[A::FocusList], "list"),
    (M::Sidebar, &[A::SelectNext, A::SelectPrev], "move"),
    (M::Global, &[A::FocusNext], "pane"),
    (M::Global, &[A::Quit], "quit"),
];

/// The Action a key press means while `focus` has the focus: the pane's own bindings first, then
/// the global ones. Key releases mean nothing.
pub fn action_for_key(focus: Focus, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(event);
    let mode = Mode::of(focus);
    [mode, Mode::Global].into_iter().find_map(|m| {
        KEYMAP
            .iter()
            .find(|b| b.mode == m && b.key == key)
            .map(|b| b.action)
    })
}

/// The first key bound to `action` in `mode` or globally.
fn first_key(mode: Mode, action: Action) -> Option<Key> {
    KEYMAP
        .iter()
        .find(|b| (b.mode == mode || b.mode == Mode::Global) && b.action == action)
        .map(|b| b.key)
}

/// Footer hints for a pane, most useful first: `("j/k", "move")`, `("Tab", "pane")`, ...
pub fn hints(focus: Focus) -> Vec<(String, &'static str)> {
    let mode = Mode::of(focus);
    HINTS
        .iter()
        .filter(|(m, _, _)| *m == mode || *m == Mode::Global)
        .filter_map(|(_, actions, word)| {
            let keys: Option<Vec<String>> = actions
                .iter()
                .map(|a| first_key(mode, *a).map(Key::label))
                .collect();
            keys.map(|k| (k.join("/"), *word))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every user-facing Action, in declaration order. `ordinal` is an exhaustive match, so a new
    /// variant fails to compile until it is listed here (and so must be bound or excused).
    const USER_ACTIONS: &[Action] = &[
        A::Quit,
        A::FocusNext,
        A::FocusPrev,
        A::FocusList,
        A::SelectNext,
        A::SelectPrev,
        A::SelectPageDown,
        A::SelectPageUp,
        A::SelectFirst,
        A::SelectLast,
        A::OpenArticle,
        A::ScrollDown,
        A::ScrollUp,
        A::PageDown,
        A::PageUp,
        A::ScrollTop,
        A::ScrollBottom,
    ];

    /// `None` for actions that do not come from keys.
    fn ordinal(action: Action) -> Option<usize> {
        Some(match action {
            A::Quit => 0,
            A::FocusNext => 1,
            A::FocusPrev => 2,
            A::FocusList => 3,
            A::SelectNext => 4,
            A::SelectPrev => 5,
            A::SelectPageDown => 6,
            A::SelectPageUp => 7,
            A::SelectFirst => 8,
            A::SelectLast => 9,
            A::OpenArticle => 10,
            A::ScrollDown => 11,
            A::ScrollUp => 12,
            A::PageDown => 13,
            A::PageUp => 14,
            A::ScrollTop => 15,
            A::ScrollBottom => 16,
            A::Resize(..) => return None,
        })
    }

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn user_action_list_is_complete() {
        for (i, a) in USER_ACTIONS.iter().enumerate() {
            assert_eq!(ordinal(*a), Some(i), "{a:?} out of order");
        }
        assert_eq!(ordinal(A::Resize(1, 1)), None);
        assert_eq!(ordinal(A::ScrollBottom), Some(USER_ACTIONS.len() - 1));
    }

    #[test]
    fn every_user_action_is_bound_with_help() {
        for action in USER_ACTIONS {
            assert!(
                KEYMAP.iter().any(|b| b.action == *action),
                "{action:?} has no key"
            );
        }
        for b in KEYMAP {
            assert!(!b.help.trim().is_empty(), "{:?} has no help text", b.key);
            assert!(
                ordinal(b.action).is_some(),
                "{:?} is not user-facing",
                b.action
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.key == b.key),
                    "{:?} bound twice in {:?}",
                    a.key,
                    a.mode
                );
            }
        }
    }

    #[test]
    fn pane_bindings_never_shadow_global_keys() {
        for g in KEYMAP.iter().filter(|b| b.mode == Mode::Global) {
            for p in KEYMAP.iter().filter(|b| b.mode != Mode::Global) {
                assert_ne!(
                    g.key, p.key,
                    "{:?} in {:?} hides a global key",
                    p.key, p.mode
                );
            }
        }
    }

    #[test]
    fn q_and_ctrl_c_quit_in_every_pane() {
        for focus in [Focus::List, Focus::Reader, Focus::Sidebar] {
            let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
            let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(action_for_key(focus, &q), Some(A::Quit));
            assert_eq!(action_for_key(focus, &ctrl_c), Some(A::Quit));
        }
        // A plain `c` is not Ctrl-C.
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for_key(Focus::List, &c), None);
    }

    #[test]
    fn keys_mean_different_things_per_pane() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for_key(Focus::List, &j), Some(A::SelectNext));
        assert_eq!(action_for_key(Focus::Reader, &j), Some(A::ScrollDown));
        assert_eq!(action_for_key(Focus::Sidebar, &j), Some(A::SelectNext));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for_key(Focus::List, &enter), Some(A::OpenArticle));
        assert_eq!(action_for_key(Focus::Reader, &enter), None);
    }

    #[test]
    fn shift_is_folded_into_characters_and_back_tab() {
        let shifted_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let bare_g = press(KeyCode::Char('G'), KeyModifiers::NONE);
        assert_eq!(action_for_key(Focus::List, &shifted_g), Some(A::SelectLast));
        assert_eq!(action_for_key(Focus::List, &bare_g), Some(A::SelectLast));
        assert_eq!(
            action_for_key(Focus::Reader, &shifted_g),
            Some(A::ScrollBottom)
        );
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for_key(Focus::Reader, &back_tab), Some(A::FocusPrev));
    }

    #[test]
    fn releases_are_ignored() {
        let mut q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        q.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(Focus::List, &q), None);
    }

    #[test]
    fn footer_hints_come_from_the_table() {
        let list = hints(Focus::List);
        assert_eq!(
            list,
            [
                ("j/k".to_owned(), "move"),
                ("Enter".to_owned(), "read"),
                ("Tab".to_owned(), "pane"),
                ("q".to_owned(), "quit"),
            ]
        );
        let reader = hints(Focus::Reader);
        assert_eq!(reader[0], ("j/k".to_owned(), "scroll"));
        assert_eq!(reader[1], ("Space".to_owned(), "page"));
        assert_eq!(reader[2], ("Esc".to_owned(), "list"));
    }
}
