//! The terminal reader: `run` checks the terminal, enters it through [`term::TerminalGuard`] and
//! runs one small synchronous loop (event -> keymap -> Action -> `update` -> draw when dirty).
//! The only module tree that knows ratatui and crossterm; it never changes the Store and never
//! writes article text anywhere but through the sanitizer into widgets.

pub mod action;
pub mod keymap;
pub mod state;
pub mod term;
pub mod ui;
pub mod update;
pub mod views;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{self, Event};

use self::action::Action;
use self::state::AppState;
use self::term::TerminalGuard;
use self::ui::theme::Theme;
use self::update::update;
use crate::config::ReaderConfig;
use crate::store::Store;

/// How long the loop waits for an event before checking the signal flag again.
const TICK: Duration = Duration::from_millis(250);

/// The error `run` gives when standard output is not a terminal.
pub const NOT_A_TERMINAL: &str =
    "standard output is not a terminal; use 'gisa list' or 'gisa show ID' for plain output";

/// How the reader is set up: from config.toml and the user's state directory.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub reader: ReaderConfig,
    /// Where read state and bookmarks are kept; `None` when no state directory can be found
    /// (they then last for this run only).
    pub marks_path: Option<PathBuf>,
}

/// Open the reader on `store`, with the article at store index `open` selected and shown.
/// Returns when the user quits or SIGTERM/SIGHUP arrives; the terminal is restored on every path.
pub fn run(store: &Store, open: Option<usize>, options: &Options) -> io::Result<()> {
    require_terminal(io::stdout().is_terminal())?;
    let theme = Theme::from_env();
    let mut state = AppState::new(store, open);
    state.osc52 = options.reader.osc52;
    state.text_width = options.reader.width;
    state.wide_from = options.reader.sidebar_min_columns;
    if let Some(path) = &options.marks_path {
        let (marks, warning) = crate::marks::load(path);
        state.marks = marks;
        state.notice = warning.map(|w| w.to_string());
    } else {
        state.notice = Some(
            "no state directory (XDG_STATE_HOME, HOME): read marks last for this run only"
                .to_owned(),
        );
    }
    let mut guard = TerminalGuard::enter()?;
    let result = event_loop(&mut guard, &mut state, store, &theme, options);
    let restored = guard.restore();
    result.and(restored)
}

/// Do what `update` asked of the outside world: save changed marks, write a clipboard sequence.
/// A failure becomes a notice in the status bar; the reader goes on.
fn effects(guard: &mut TerminalGuard, state: &mut AppState, options: &Options) -> io::Result<()> {
    if let Some(path) = &options.marks_path {
        if let Err(e) = state.marks.save_if_dirty(path) {
            // Tried once per change; the next change tries again.
            state.marks.mark_clean();
            state.notice = Some(e.to_string());
        }
    }
    if let Some(sequence) = state.to_terminal.take() {
        let out = guard.terminal().backend_mut();
        out.write_all(sequence.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

/// Refuse before touching the terminal when output goes to a pipe or a file.
fn require_terminal(stdout_is_terminal: bool) -> io::Result<()> {
    if stdout_is_terminal {
        Ok(())
    } else {
        Err(io::Error::other(NOT_A_TERMINAL))
    }
}

fn event_loop(
    guard: &mut TerminalGuard,
    state: &mut AppState,
    store: &Store,
    theme: &Theme,
    options: &Options,
) -> io::Result<()> {
    let size = guard.terminal().size()?;
    update(state, store, Action::Resize(size.width, size.height));
    let mut dirty = true;
    loop {
        if guard.signalled() {
            update(state, store, Action::Quit);
        }
        effects(guard, state, options)?;
        if state.quit {
            return Ok(());
        }
        if dirty {
            guard
                .terminal()
                .draw(|frame| ui::render(frame, state, store, theme))?;
            dirty = false;
        }
        if event::poll(TICK)? {
            // Take everything already queued (a resize storm, held keys), then draw once.
            loop {
                if let Some(action) = action_for_event(&event::read()?, state.input()) {
                    dirty |= update(state, store, action);
                }
                if state.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
    }
}

/// The Action an event means: keys through the keymap, resizes as they are.
fn action_for_event(event: &Event, input: keymap::Input) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for_key(input, key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::state::Focus;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn refuses_when_stdout_is_not_a_terminal() {
        let err = require_terminal(false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other);
        assert_eq!(
            err.to_string(),
            "standard output is not a terminal; use 'gisa list' or 'gisa show ID' for plain output"
        );
        assert!(require_terminal(true).is_ok());
    }

    #[test]
    fn events_become_actions() {
        let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        let list = keymap::Input::Pane(Focus::List);
        assert_eq!(action_for_event(&j, list), Some(Action::SelectNext));
        assert_eq!(
            action_for_event(&Event::Resize(80, 24), keymap::Input::Pane(Focus::Reader)),
            Some(Action::Resize(80, 24))
        );
        assert_eq!(action_for_event(&Event::FocusGained, list), None);
        assert_eq!(
            action_for_event(&j, keymap::Input::Query),
            Some(Action::QueryInput('j'))
        );
    }
}
