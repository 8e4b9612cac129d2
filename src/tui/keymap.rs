//! THE key table: which key does what in which pane, with the help text the footer is built from.
//! Keys become Actions here and nowhere else; no state changes and no drawing here.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::state::Focus;

use Action as A;
use KeyCode as K;
use Mode as M;

/// Where a binding applies: in every pane, only while one pane has the focus, or while an overlay
/// or the query line takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Any pane; a pane binding for the same key would win, which the tests forbid.
    Global,
    List,
    Reader,
    Sidebar,
    /// The help screen is open: its keys, then only the global quit keys.
    Help,
    /// The query line is open: printable keys type; its keys, then only Ctrl-C.
    Query,
    /// A year or outlet picker is open: its keys, then only the quit keys.
    Picker,
    /// A dossier or timeline view is open: its keys, then only the quit keys.
    View,
    /// The add pane takes text: pasted or typed, or a field being corrected; printable keys
    /// type, then only Ctrl-C.
    AddText,
    /// The add pane shows what was understood: its keys, then only the quit keys.
    AddReview,
}

impl Mode {
    /// The heading of the mode's section on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Anywhere",
            Mode::List => "Article list",
            Mode::Reader => "Reader",
            Mode::Sidebar => "Sidebar",
            Mode::Help => "Help screen",
            Mode::Picker => "Year and outlet pickers",
            Mode::View => "Dossier and timeline views",
            Mode::Query => "Query line: words, year:2019..2021, outlet:, topic:, entity:",
            Mode::AddText => "Add pane: pasting the article, or correcting a field",
            Mode::AddReview => "Add pane: what was understood",
        }
    }

    /// Every mode, in the order the help screen lists them.
    pub const ALL: [Mode; 10] = [
        Mode::Global,
        Mode::List,
        Mode::Reader,
        Mode::Sidebar,
        Mode::Query,
        Mode::Picker,
        Mode::View,
        Mode::AddText,
        Mode::AddReview,
        Mode::Help,
    ];
}

impl Mode {
    /// The pane mode for a focus.
    pub fn of(focus: Focus) -> Self {
        // (The help screen and the query line are modes of their own, chosen by `Input`.)
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
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Left => "Left".to_owned(),
            KeyCode::Right => "Right".to_owned(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("M-{base}")
        } else {
            base
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    bind(
        M::Global,
        Key::ctrl('z'),
        A::Suspend,
        "suspend to the shell (fg comes back)",
    ),
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
        A::Back,
        "back: close, return to the list, clear the filter",
    ),
    bind(M::Global, Key::ch('?'), A::ToggleHelp, "help: every key"),
    bind(
        M::Global,
        Key::ch('s'),
        A::ToggleSidebar,
        "sidebar (over the reader when folded)",
    ),
    bind(M::Global, Key::ch('/'), A::StartQuery, "filter the list"),
    bind(
        M::Global,
        Key::ch('d'),
        A::OpenDossier,
        "dossier of the name",
    ),
    bind(
        M::Global,
        Key::ch('t'),
        A::OpenTimeline,
        "timeline of the topics",
    ),
    bind(
        M::Global,
        Key::ch('!'),
        A::OpenProblems,
        "files that did not load, and warnings",
    ),
    bind(
        M::Global,
        Key::ch('r'),
        A::Reload,
        "read the articles folder again (it is also watched)",
    ),
    bind(
        M::Global,
        Key::ch('e'),
        A::ExportView,
        "export the listed articles to a Markdown file",
    ),
    bind(
        M::Global,
        Key::ch('a'),
        A::OpenAdd,
        "add an article: paste it, check it, save it",
    ),
    bind(M::Global, Key::ch('y'), A::OpenYearPicker, "choose a year"),
    bind(
        M::Global,
        Key::ch('o'),
        A::OpenOutletPicker,
        "choose an outlet",
    ),
    bind(M::Global, Key::ch('u'), A::ToggleRead, "mark read / unread"),
    bind(
        M::Global,
        Key::ch('m'),
        A::ToggleBookmark,
        "bookmark / unbookmark",
    ),
    bind(
        M::Global,
        Key::ch('c'),
        A::CopyCitation,
        "copy the citation (OSC 52)",
    ),
    bind(M::Global, Key::ch('+'), A::WiderText, "wider reader lines"),
    bind(
        M::Global,
        Key::ch('-'),
        A::NarrowerText,
        "narrower reader lines",
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
    // Sidebar: a cursor over the names and the related stories.
    bind(
        M::Sidebar,
        Key::ch('j'),
        A::SidebarDown,
        "next name or story",
    ),
    bind(
        M::Sidebar,
        Key::plain(K::Down),
        A::SidebarDown,
        "next name or story",
    ),
    bind(
        M::Sidebar,
        Key::ch('k'),
        A::SidebarUp,
        "previous name or story",
    ),
    bind(
        M::Sidebar,
        Key::plain(K::Up),
        A::SidebarUp,
        "previous name or story",
    ),
    bind(M::Sidebar, Key::ch('g'), A::SidebarFirst, "first item"),
    bind(M::Sidebar, Key::ch('G'), A::SidebarLast, "last item"),
    bind(
        M::Sidebar,
        Key::plain(K::Enter),
        A::FollowLink,
        "open the story / show the name's mentions",
    ),
    bind(
        M::Global,
        Key::ch('n'),
        A::NextMention,
        "next mention of the name",
    ),
    bind(
        M::Global,
        Key::ch('N'),
        A::PrevMention,
        "previous mention of the name",
    ),
    // History of followed links
    bind(
        M::Global,
        Key::plain(K::Backspace),
        A::HistoryBack,
        "back to where the link was followed",
    ),
    bind(
        M::Global,
        Key::ctrl('o'),
        A::HistoryBack,
        "back to where the link was followed",
    ),
    bind(
        M::Global,
        Key::ctrl('i'),
        A::HistoryForward,
        "forward again (where the terminal tells Ctrl-I from Tab)",
    ),
    bind(
        M::Global,
        Key {
            code: K::Right,
            mods: KeyModifiers::ALT,
        },
        A::HistoryForward,
        "forward again",
    ),
    // Help screen
    bind(M::Help, Key::plain(K::Esc), A::ToggleHelp, "close help"),
    bind(M::Help, Key::ch('?'), A::ToggleHelp, "close help"),
    bind(M::Help, Key::ch('j'), A::HelpDown, "scroll down"),
    bind(M::Help, Key::plain(K::Down), A::HelpDown, "scroll down"),
    bind(M::Help, Key::ch('k'), A::HelpUp, "scroll up"),
    bind(M::Help, Key::plain(K::Up), A::HelpUp, "scroll up"),
    // Dossier and timeline views
    bind(M::View, Key::ch('j'), A::ViewDown, "next"),
    bind(M::View, Key::plain(K::Down), A::ViewDown, "next"),
    bind(M::View, Key::ch('k'), A::ViewUp, "previous"),
    bind(M::View, Key::plain(K::Up), A::ViewUp, "previous"),
    bind(M::View, Key::plain(K::Enter), A::ViewOpen, "go there"),
    bind(M::View, Key::plain(K::Esc), A::ViewClose, "close"),
    // Pickers
    bind(M::Picker, Key::ch('j'), A::PickerDown, "next"),
    bind(M::Picker, Key::plain(K::Down), A::PickerDown, "next"),
    bind(M::Picker, Key::ch('k'), A::PickerUp, "previous"),
    bind(M::Picker, Key::plain(K::Up), A::PickerUp, "previous"),
    bind(M::Picker, Key::plain(K::Enter), A::PickerChoose, "choose"),
    bind(
        M::Picker,
        Key::plain(K::Esc),
        A::PickerClose,
        "close, filter unchanged",
    ),
    // Query line
    bind(
        M::Query,
        Key::plain(K::Enter),
        A::QueryAccept,
        "keep the filter",
    ),
    bind(
        M::Query,
        Key::plain(K::Esc),
        A::QueryCancel,
        "clear the filter",
    ),
    bind(
        M::Query,
        Key::plain(K::Backspace),
        A::QueryBackspace,
        "delete a character",
    ),
    bind(M::Query, Key::ctrl('u'), A::QueryClear, "clear the line"),
    // Add pane
    bind(
        M::AddText,
        Key::ctrl('d'),
        A::AddCheck,
        "done: show what was understood (or accept the field)",
    ),
    bind(
        M::AddText,
        Key::plain(K::Enter),
        A::AddNewline,
        "new line (accepts a field)",
    ),
    bind(
        M::AddText,
        Key::plain(K::Backspace),
        A::AddBackspace,
        "delete a character",
    ),
    bind(
        M::AddText,
        Key::plain(K::Esc),
        A::AddBack,
        "cancel the field, or close the pane",
    ),
    bind(M::AddReview, Key::plain(K::Enter), A::AddSave, "save"),
    bind(M::AddReview, Key::ch('s'), A::AddSave, "save"),
    bind(
        M::AddReview,
        Key::ch('f'),
        A::AddSaveAnyway,
        "save even if the archive has it",
    ),
    bind(
        M::AddReview,
        Key::ch('h'),
        A::AddEditHeadline,
        "correct the headline",
    ),
    bind(
        M::AddReview,
        Key::ch('o'),
        A::AddEditOutlet,
        "correct the outlet",
    ),
    bind(
        M::AddReview,
        Key::ch('d'),
        A::AddEditDate,
        "correct the date",
    ),
    bind(
        M::AddReview,
        Key::plain(K::Esc),
        A::AddBack,
        "back to the text",
    ),
];

/// What takes the keys: a pane, or the help screen or the query line above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Pane(Focus),
    Help,
    Query,
    Picker,
    View,
    AddText,
    AddReview,
}

/// The footer hints per pane: which actions to name, and the word for them. Keys come from
/// [`KEYMAP`], so the footer cannot drift from the bindings.
const HINTS: &[(Mode, &[Action], &str)] = &[
    (M::List, &[A::SelectNext, A::SelectPrev], "move"),
    (M::List, &[A::OpenArticle], "read"),
    (M::Reader, &[A::ScrollDown, A::ScrollUp], "scroll"),
    (M::Reader, &[A::PageDown], "page"),
    (M::Reader, &[A::Back], "list"),
    (M::Sidebar, &[A::SidebarDown, A::SidebarUp], "move"),
    (M::Sidebar, &[A::FollowLink], "open"),
    (M::View, &[A::ViewDown, A::ViewUp], "move"),
    (M::View, &[A::ViewOpen], "go"),
    (M::View, &[A::ViewClose], "close"),
    (M::Picker, &[A::PickerChoose], "choose"),
    (M::Picker, &[A::PickerClose], "close"),
    (M::Global, &[A::StartQuery], "filter"),
    (M::Global, &[A::ToggleHelp], "help"),
    // A narrow status bar drops hints from the front: the add pane's most needed go last.
    (M::AddText, &[A::AddBack], "back"),
    (M::AddText, &[A::AddCheck], "done"),
    (M::AddReview, &[A::AddEditHeadline], "headline"),
    (M::AddReview, &[A::AddEditOutlet], "outlet"),
    (M::AddReview, &[A::AddEditDate], "date"),
    (M::AddReview, &[A::AddBack], "text"),
    (M::AddReview, &[A::AddSave], "save"),
    (M::Query, &[A::QueryAccept], "keep"),
    (M::Query, &[A::QueryCancel], "clear"),
    (M::Global, &[A::FocusNext], "pane"),
    (M::Global, &[A::Quit], "quit"),
];

/// The key table in effect: [`KEYMAP`] with the user's `[keys]` from config.toml applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: KEYMAP.to_vec(),
        }
    }
}

/// A `[keys]` entry that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// The action name as written in `[keys]`.
    pub action: String,
    pub message: String,
}

/// The name of a bindable action in `[keys]`: its variant in snake case (`FocusNext` ->
/// `focus_next`).
pub fn action_name(action: Action) -> String {
    let debug = format!("{action:?}");
    let mut out = String::with_capacity(debug.len() + 4);
    for (i, c) in debug
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .enumerate()
    {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A key as written in `[keys]`: a character (`j`, `?`), a name (`Enter`, `Esc`, `Tab`, `S-Tab`,
/// `Backspace`, `Space`, `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`), or
/// either with `C-` (Ctrl) or `M-` (Alt) in front.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let bad = || {
        format!(
            "'{}' is not a key (use a character, a name such as Enter, Esc, Tab, S-Tab, \
             Backspace, Space, Up, PgDn, Home, or C- / M- in front of one)",
            crate::sanitize::line(text)
        )
    };
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("M-").filter(|r| !r.is_empty()) {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "S-Tab" => KeyCode::BackTab,
        "Backspace" => KeyCode::Backspace,
        "Space" => KeyCode::Char(' '),
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PgUp" => KeyCode::PageUp,
        "PgDn" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        one => {
            let mut chars = one.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() && !c.is_whitespace() => {
                    KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    })
                }
                _ => return Err(bad()),
            }
        }
    };
    Ok(Key { code, mods })
}

impl Keymap {
    /// The defaults with `overrides` applied: each names an action and the keys that replace its
    /// keys in every mode it is bound in. Ctrl-C always quits (in raw mode it is the only way
    /// out that every terminal sends). The result must bind no key twice in a mode, and no pane
    /// key may hide a global one.
    pub fn with_overrides(overrides: &[(String, Vec<String>)]) -> Result<Keymap, KeyError> {
        let mut bindings = KEYMAP.to_vec();
        let names: Vec<(String, Action)> = {
            let mut v: Vec<(String, Action)> = Vec::new();
            for b in KEYMAP {
                if !v.iter().any(|(_, a)| *a == b.action) {
                    v.push((action_name(b.action), b.action));
                }
            }
            v
        };
        for (name, keys) in overrides {
            let error = |message: String| KeyError {
                action: name.clone(),
                message,
            };
            let Some(&(_, action)) = names.iter().find(|(n, _)| n == name) else {
                let known: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
                return Err(error(format!(
                    "unknown action '{}' in [keys] (actions: {})",
                    crate::sanitize::line(name),
                    known.join(", ")
                )));
            };
            let mut parsed = keys
                .iter()
                .map(|k| parse_key(k.trim()))
                .collect::<Result<Vec<Key>, String>>()
                .map_err(error)?;
            if action == Action::Quit && !parsed.contains(&Key::ctrl('c')) {
                parsed.push(Key::ctrl('c'));
            }
            if parsed.is_empty() {
                return Err(error(format!("'{name}' needs at least one key")));
            }
            let template: Vec<Binding> = bindings
                .iter()
                .filter(|b| b.action == action)
                .copied()
                .collect();
            let mut modes: Vec<(Mode, &'static str)> = Vec::new();
            for b in &template {
                if !modes.iter().any(|(m, _)| *m == b.mode) {
                    modes.push((b.mode, b.help));
                }
            }
            // Keep the action's place in the table: its new keys go where its first key was.
            let at = bindings
                .iter()
                .position(|b| b.action == action)
                .unwrap_or(0);
            bindings.retain(|b| b.action != action);
            let fresh: Vec<Binding> = modes
                .iter()
                .flat_map(|&(mode, help)| {
                    parsed.iter().map(move |&key| bind(mode, key, action, help))
                })
                .collect();
            bindings.splice(at.min(bindings.len())..at.min(bindings.len()), fresh);
        }
        check(&bindings)?;
        Ok(Keymap { bindings })
    }

    /// The label of the first key bound to `action` (in any mode), if it has one.
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.key.label())
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The Action a key press means for what takes the keys: the mode's own bindings first,
    /// then the global ones a mode lets through. Key releases mean nothing.
    pub fn action(&self, input: Input, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(event);
        let find = |mode: Mode| {
            self.bindings
                .iter()
                .find(|b| b.mode == mode && b.key == key)
                .map(|b| b.action)
        };
        let quit_only =
            |mode: Mode| find(mode).or_else(|| find(Mode::Global).filter(|a| *a == Action::Quit));
        match input {
            Input::Pane(focus) => find(Mode::of(focus))
                .or_else(|| find(Mode::Global))
                .or_else(|| count_digit(key)),
            // Over the help screen, a picker or a view only its keys and the quit keys work.
            Input::Help => quit_only(Mode::Help),
            Input::Picker => quit_only(Mode::Picker),
            Input::View => quit_only(Mode::View),
            Input::AddReview => quit_only(Mode::AddReview),
            // Pasting or typing: every printable key types; only Ctrl-C still quits.
            Input::AddText => find(Mode::AddText).or_else(|| match (key.code, key.mods) {
                (KeyCode::Char(c), m)
                    if !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::AddChar(c))
                }
                (KeyCode::Tab, _) => Some(Action::AddChar('\t')),
                _ if key == Key::ctrl('c') => Some(Action::Quit),
                _ => None,
            }),
            // In the query line `q` types a `q`: only Ctrl-C still quits.
            Input::Query => find(Mode::Query).or_else(|| match (key.code, key.mods) {
                (KeyCode::Char(c), m)
                    if !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::QueryInput(c))
                }
                _ if key == Key::ctrl('c') => Some(Action::Quit),
                _ => None,
            }),
        }
    }

    /// Every binding of a mode with all its keys, in table order:
    /// `(["j", "Down"], "next article")`. The help screen is made from this, so it lists exactly
    /// the keymap in effect.
    pub fn help_rows(&self, mode: Mode) -> Vec<(Vec<String>, &'static str)> {
        let mut rows: Vec<(Action, Vec<String>, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            match rows.iter_mut().find(|(a, _, _)| *a == b.action) {
                Some((_, keys, _)) => keys.push(b.key.label()),
                None => rows.push((b.action, vec![b.key.label()], b.help)),
            }
        }
        rows.into_iter().map(|(_, k, h)| (k, h)).collect()
    }

    /// The first key bound to `action` in `mode` or globally.
    fn first_key(&self, mode: Mode, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| (b.mode == mode || b.mode == Mode::Global) && b.action == action)
            .map(|b| b.key)
    }

    /// Footer hints for what takes the keys, most useful first: `("j/k", "move")`.
    pub fn hints(&self, input: Input) -> Vec<(String, &'static str)> {
        let mode = match input {
            Input::Pane(focus) => Mode::of(focus),
            Input::Help => Mode::Help,
            Input::Query => Mode::Query,
            Input::Picker => Mode::Picker,
            Input::View => Mode::View,
            Input::AddText => Mode::AddText,
            Input::AddReview => Mode::AddReview,
        };
        if mode == Mode::Help {
            return Vec::new(); // the help screen's own title says how to leave it
        }
        HINTS
            .iter()
            .filter(|(m, _, _)| {
                *m == mode
                    || *m == Mode::Global
                        && !matches!(
                            mode,
                            Mode::Query
                                | Mode::Picker
                                | Mode::View
                                | Mode::AddText
                                | Mode::AddReview
                        )
            })
            .filter_map(|(_, actions, word)| {
                let keys: Option<Vec<String>> = actions
                    .iter()
                    .map(|a| self.first_key(mode, *a).map(Key::label))
                    .collect();
                keys.map(|k| (k.join("/"), *word))
            })
            .collect()
    }
}

/// The rules a key table keeps: no key twice in one mode, no pane key hiding a global one.
fn check(bindings: &[Binding]) -> Result<(), KeyError> {
    let pane = |m: Mode| matches!(m, Mode::List | Mode::Reader | Mode::Sidebar);
    for (i, a) in bindings.iter().enumerate() {
        for b in &bindings[i + 1..] {
            let clash = a.key == b.key
                && a.action != b.action
                && (a.mode == b.mode
                    || a.mode == Mode::Global && pane(b.mode)
                    || b.mode == Mode::Global && pane(a.mode));
            if clash {
                return Err(KeyError {
                    action: action_name(b.action),
                    message: format!(
                        "key '{}' would mean both '{}' and '{}' ({})",
                        a.key.label(),
                        action_name(a.action),
                        action_name(b.action),
                        if a.mode == b.mode {
                            a.mode.title()
                        } else {
                            "a pane hides a global key"
                        }
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Digits make counts (`5j`); they are not in the table, so the help screen adds this row.
pub const COUNT_HELP: (&str, &str) = ("1-9, 0", "count: repeat the next move (5j, 10k)");

/// A digit key as a count digit.
fn count_digit(key: Key) -> Option<Action> {
    match (key.code, key.mods) {
        (KeyCode::Char(c @ '0'..='9'), KeyModifiers::NONE) => c
            .to_digit(10)
            .and_then(|d| u8::try_from(d).ok())
            .map(Action::Count),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Footer hints of the default key table (see [`Keymap::hints`]).
    pub fn hints(input: Input) -> Vec<(String, &'static str)> {
        Keymap::default().hints(input)
    }

    /// Help rows of the default key table (see [`Keymap::help_rows`]).
    pub fn help_rows(mode: Mode) -> Vec<(Vec<String>, &'static str)> {
        Keymap::default().help_rows(mode)
    }

    /// The Action a key press means with the default key table (see [`Keymap::action`]).
    pub fn action_for_key(input: Input, event: &KeyEvent) -> Option<Action> {
        Keymap::default().action(input, event)
    }

    /// Every user-facing Action, in declaration order. `ordinal` is an exhaustive match, so a new
    /// variant fails to compile until it is listed here (and so must be bound or excused).
    const USER_ACTIONS: &[Action] = &[
        A::Quit,
        A::Suspend,
        A::FocusNext,
        A::FocusPrev,
        A::Back,
        A::ToggleSidebar,
        A::ToggleHelp,
        A::StartQuery,
        A::ToggleRead,
        A::ToggleBookmark,
        A::CopyCitation,
        A::WiderText,
        A::NarrowerText,
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
        A::SidebarDown,
        A::SidebarUp,
        A::SidebarFirst,
        A::SidebarLast,
        A::FollowLink,
        A::NextMention,
        A::PrevMention,
        A::HistoryBack,
        A::HistoryForward,
        A::OpenYearPicker,
        A::OpenOutletPicker,
        A::PickerDown,
        A::PickerUp,
        A::PickerChoose,
        A::PickerClose,
        A::OpenDossier,
        A::OpenTimeline,
        A::OpenProblems,
        A::ViewDown,
        A::ViewUp,
        A::ViewOpen,
        A::ViewClose,
        A::HelpDown,
        A::HelpUp,
        A::QueryBackspace,
        A::QueryClear,
        A::QueryAccept,
        A::QueryCancel,
        A::Reload,
        A::ExportView,
        A::OpenAdd,
        A::AddNewline,
        A::AddBackspace,
        A::AddCheck,
        A::AddBack,
        A::AddEditHeadline,
        A::AddEditOutlet,
        A::AddEditDate,
        A::AddSave,
        A::AddSaveAnyway,
    ];

    /// `None` for actions that do not come from keys.
    fn ordinal(action: Action) -> Option<usize> {
        Some(match action {
            A::Quit => 0,
            A::Suspend => 1,
            A::FocusNext => 2,
            A::FocusPrev => 3,
            A::Back => 4,
            A::ToggleSidebar => 5,
            A::ToggleHelp => 6,
            A::StartQuery => 7,
            A::ToggleRead => 8,
            A::ToggleBookmark => 9,
            A::CopyCitation => 10,
            A::WiderText => 11,
            A::NarrowerText => 12,
            A::SelectNext => 13,
            A::SelectPrev => 14,
            A::SelectPageDown => 15,
            A::SelectPageUp => 16,
            A::SelectFirst => 17,
            A::SelectLast => 18,
            A::OpenArticle => 19,
            A::ScrollDown => 20,
            A::ScrollUp => 21,
            A::PageDown => 22,
            A::PageUp => 23,
            A::ScrollTop => 24,
            A::ScrollBottom => 25,
            A::SidebarDown => 26,
            A::SidebarUp => 27,
            A::SidebarFirst => 28,
            A::SidebarLast => 29,
            A::FollowLink => 30,
            A::NextMention => 31,
            A::PrevMention => 32,
            A::HistoryBack => 33,
            A::HistoryForward => 34,
            A::OpenYearPicker => 35,
            A::OpenOutletPicker => 36,
            A::PickerDown => 37,
            A::PickerUp => 38,
            A::PickerChoose => 39,
            A::PickerClose => 40,
            A::OpenDossier => 41,
            A::OpenTimeline => 42,
            A::OpenProblems => 43,
            A::ViewDown => 44,
            A::ViewUp => 45,
            A::ViewOpen => 46,
            A::ViewClose => 47,
            A::HelpDown => 48,
            A::HelpUp => 49,
            A::QueryBackspace => 50,
            A::QueryClear => 51,
            A::QueryAccept => 52,
            A::QueryCancel => 53,
            A::Reload => 54,
            A::ExportView => 55,
            A::OpenAdd => 56,
            A::AddNewline => 57,
            A::AddBackspace => 58,
            A::AddCheck => 59,
            A::AddBack => 60,
            A::AddEditHeadline => 61,
            A::AddEditOutlet => 62,
            A::AddEditDate => 63,
            A::AddSave => 64,
            A::AddSaveAnyway => 65,
            // Typed characters are not bound one by one; resizes and mouse actions come from
            // the terminal, the load's news from the load.
            A::QueryInput(_)
            | A::AddChar(_)
            | A::PasteIgnored
            | A::Count(_)
            | A::Resize(..)
            | A::LoadListed(_)
            | A::LoadGrew(_)
            | A::LoadFinished(_)
            | A::ArchiveChanged { .. }
            | A::Trouble(_)
            | A::SelectRow(_)
            | A::ScrollBy(_)
            | A::FocusPane(_) => return None,
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
        assert_eq!(ordinal(A::AddSaveAnyway), Some(USER_ACTIONS.len() - 1));
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
        // The help screen and the query line take over the keys on purpose; panes never do.
        let pane = |m: Mode| matches!(m, Mode::List | Mode::Reader | Mode::Sidebar);
        // (Pickers, like help, take over the keys on purpose.)
        for g in KEYMAP.iter().filter(|b| b.mode == Mode::Global) {
            for p in KEYMAP.iter().filter(|b| pane(b.mode)) {
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
            assert_eq!(action_for_key(Input::Pane(focus), &q), Some(A::Quit));
            assert_eq!(action_for_key(Input::Pane(focus), &ctrl_c), Some(A::Quit));
        }
        // A plain `c` is not Ctrl-C: it copies.
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(
            action_for_key(Input::Pane(Focus::List), &c),
            Some(A::CopyCitation)
        );
    }

    #[test]
    fn keys_mean_different_things_per_pane() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            action_for_key(Input::Pane(Focus::List), &j),
            Some(A::SelectNext)
        );
        assert_eq!(
            action_for_key(Input::Pane(Focus::Reader), &j),
            Some(A::ScrollDown)
        );
        assert_eq!(
            action_for_key(Input::Pane(Focus::Sidebar), &j),
            Some(A::SidebarDown)
        );
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            action_for_key(Input::Pane(Focus::List), &enter),
            Some(A::OpenArticle)
        );
        assert_eq!(action_for_key(Input::Pane(Focus::Reader), &enter), None);
    }

    #[test]
    fn shift_is_folded_into_characters_and_back_tab() {
        let shifted_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let bare_g = press(KeyCode::Char('G'), KeyModifiers::NONE);
        assert_eq!(
            action_for_key(Input::Pane(Focus::List), &shifted_g),
            Some(A::SelectLast)
        );
        assert_eq!(
            action_for_key(Input::Pane(Focus::List), &bare_g),
            Some(A::SelectLast)
        );
        assert_eq!(
            action_for_key(Input::Pane(Focus::Reader), &shifted_g),
            Some(A::ScrollBottom)
        );
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            action_for_key(Input::Pane(Focus::Reader), &back_tab),
            Some(A::FocusPrev)
        );
    }

    /// Legacy terminals send Ctrl-I as the Tab byte, so it switches panes there; with the kitty
    /// keyboard protocol it arrives as Ctrl + `i` and goes forward, in every pane.
    #[test]
    fn ctrl_i_goes_forward_and_tab_still_switches_panes() {
        let ctrl_i = press(KeyCode::Char('i'), KeyModifiers::CONTROL);
        let tab = press(KeyCode::Tab, KeyModifiers::NONE);
        for focus in [Focus::List, Focus::Reader, Focus::Sidebar] {
            assert_eq!(
                action_for_key(Input::Pane(focus), &ctrl_i),
                Some(A::HistoryForward),
                "{focus:?}"
            );
            assert_eq!(
                action_for_key(Input::Pane(focus), &tab),
                Some(A::FocusNext),
                "{focus:?}"
            );
        }
    }

    #[test]
    fn releases_are_ignored() {
        let mut q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        q.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(Input::Pane(Focus::List), &q), None);
    }

    #[test]
    fn footer_hints_come_from_the_table() {
        let list = hints(Input::Pane(Focus::List));
        assert_eq!(
            list,
            [
                ("j/k".to_owned(), "move"),
                ("Enter".to_owned(), "read"),
                ("/".to_owned(), "filter"),
                ("?".to_owned(), "help"),
                ("Tab".to_owned(), "pane"),
                ("q".to_owned(), "quit"),
            ]
        );
        assert_eq!(
            hints(Input::Query),
            [("Enter".to_owned(), "keep"), ("Esc".to_owned(), "clear")]
        );
        assert!(hints(Input::Help).is_empty());
        let reader = hints(Input::Pane(Focus::Reader));
        assert_eq!(reader[0], ("j/k".to_owned(), "scroll"));
        assert_eq!(reader[1], ("Space".to_owned(), "page"));
        assert_eq!(reader[2], ("Esc".to_owned(), "list"));
    }

    #[test]
    fn the_query_line_types_printable_keys_and_only_ctrl_c_quits() {
        let key = |c: char| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            action_for_key(Input::Query, &key('q')),
            Some(A::QueryInput('q'))
        );
        assert_eq!(
            action_for_key(Input::Query, &key('/')),
            Some(A::QueryInput('/'))
        );
        assert_eq!(
            action_for_key(
                Input::Query,
                &press(KeyCode::Char(':'), KeyModifiers::SHIFT)
            ),
            Some(A::QueryInput(':'))
        );
        assert_eq!(
            action_for_key(
                Input::Query,
                &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(A::Quit)
        );
        assert_eq!(
            action_for_key(Input::Query, &press(KeyCode::Enter, KeyModifiers::NONE)),
            Some(A::QueryAccept)
        );
        assert_eq!(
            action_for_key(Input::Query, &press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(A::QueryCancel)
        );
        assert_eq!(
            action_for_key(Input::Query, &press(KeyCode::Tab, KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn the_help_screen_takes_its_keys_and_lets_quit_through() {
        let key = |c: char| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for_key(Input::Help, &key('j')), Some(A::HelpDown));
        assert_eq!(action_for_key(Input::Help, &key('?')), Some(A::ToggleHelp));
        assert_eq!(action_for_key(Input::Help, &key('q')), Some(A::Quit));
        assert_eq!(action_for_key(Input::Help, &key('/')), None);
        assert_eq!(
            action_for_key(Input::Help, &press(KeyCode::Tab, KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn digits_make_counts_in_panes_only() {
        let five = press(KeyCode::Char('5'), KeyModifiers::NONE);
        assert_eq!(
            action_for_key(Input::Pane(Focus::List), &five),
            Some(A::Count(5))
        );
        assert_eq!(
            action_for_key(Input::Query, &five),
            Some(A::QueryInput('5'))
        );
        assert_eq!(action_for_key(Input::Help, &five), None);
    }

    #[test]
    fn help_rows_list_every_binding_once_with_all_its_keys() {
        let list = help_rows(Mode::List);
        assert_eq!(
            list[0],
            (vec!["j".to_owned(), "Down".to_owned()], "next article")
        );
        let total: usize = Mode::ALL
            .iter()
            .flat_map(|m| help_rows(*m))
            .map(|(keys, _)| keys.len())
            .sum();
        assert_eq!(total, KEYMAP.len(), "every binding appears exactly once");
    }

    fn overrides(list: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        list.iter()
            .map(|(a, ks)| {
                (
                    (*a).to_owned(),
                    ks.iter().map(|k| (*k).to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn the_default_table_keeps_its_own_rules() {
        assert_eq!(Keymap::with_overrides(&[]).unwrap(), Keymap::default());
        assert_eq!(action_name(A::FocusNext), "focus_next");
        assert_eq!(action_name(A::Quit), "quit");
        assert_eq!(action_name(A::OpenYearPicker), "open_year_picker");
    }

    #[test]
    fn keys_parse_as_people_write_them() {
        assert_eq!(parse_key("j"), Ok(Key::ch('j')));
        assert_eq!(parse_key("C-o"), Ok(Key::ctrl('o')));
        assert_eq!(parse_key("PgDn"), Ok(Key::plain(K::PageDown)));
        assert_eq!(parse_key("S-Tab"), Ok(Key::plain(K::BackTab)));
        assert_eq!(parse_key("Space"), Ok(Key::ch(' ')));
        assert_eq!(
            parse_key("M-Right"),
            Ok(Key {
                code: K::Right,
                mods: KeyModifiers::ALT
            })
        );
        for bad in ["", "jj", "C-", "Ctrl-x", "F13", "\u{1b}", " "] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_override_replaces_the_actions_keys_in_every_mode() {
        let map = Keymap::with_overrides(&overrides(&[
            ("select_next", &["n", "Down"]),
            ("next_mention", &["C-n"]),
            ("quit", &["x"]),
        ]))
        .unwrap();
        let key = |c: char| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            map.action(Input::Pane(Focus::List), &key('n')),
            Some(A::SelectNext)
        );
        assert_eq!(map.action(Input::Pane(Focus::List), &key('j')), None);
        assert_eq!(
            map.action(Input::Pane(Focus::Reader), &key('j')),
            Some(A::ScrollDown)
        );
        // Ctrl-C always quits, whatever quit is given.
        assert_eq!(
            map.action(Input::Pane(Focus::List), &key('x')),
            Some(A::Quit)
        );
        assert_eq!(map.action(Input::Pane(Focus::List), &key('q')), None);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(Input::Pane(Focus::List), &ctrl_c), Some(A::Quit));
        // Help and hints follow the table in effect.
        let list = map.help_rows(Mode::List);
        assert_eq!(
            list[0],
            (vec!["n".to_owned(), "Down".to_owned()], "next article")
        );
        assert_eq!(map.hints(Input::Pane(Focus::List))[0].0, "n/k");
    }

    #[test]
    fn bad_overrides_are_refused_with_the_action_named() {
        let e = Keymap::with_overrides(&overrides(&[("jump_around", &["j"])])).unwrap_err();
        assert_eq!(e.action, "jump_around");
        assert!(
            e.message
                .starts_with("unknown action 'jump_around' in [keys] (actions: quit,")
        );
        let e = Keymap::with_overrides(&overrides(&[("quit", &["Ctrl-q"])])).unwrap_err();
        assert!(e.message.contains("'Ctrl-q' is not a key"), "{}", e.message);
        // `k` in the list is `select_prev`: giving it to `select_next` too would mean both.
        let e = Keymap::with_overrides(&overrides(&[("select_next", &["k"])])).unwrap_err();
        assert!(
            e.message.contains("key 'k' would mean both"),
            "{}",
            e.message
        );
        // A pane key hiding a global one.
        let e = Keymap::with_overrides(&overrides(&[("scroll_down", &["q"])])).unwrap_err();
        assert!(e.message.contains("hides a global key"), "{}", e.message);
    }
}
