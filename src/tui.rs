//! The terminal reader: `run` checks the terminal, enters it through [`term::TerminalGuard`] and
//! runs one small synchronous loop (event -> keymap -> Action -> `update` -> draw when dirty).
//! The only module tree that knows ratatui and crossterm; it never changes the Store and never
//! writes article text anywhere but through the sanitizer into widgets.

pub mod action;
pub mod keymap;
pub mod lean;
pub mod state;
pub mod term;
pub mod ui;
pub mod update;
pub mod views;
pub mod watch;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use self::action::Action;
use self::state::{AppState, Focus};
use self::term::{TerminalGuard, Wake};
use self::ui::theme::Theme;
use self::update::update;
use self::watch::{Poke, Refreshed, keep_in_step, watch_folder};
use crate::config::{Config, ReaderConfig};
use crate::load::Progress;
use crate::store::Store;

/// Lines the reader scrolls per wheel step.
const WHEEL_LINES: i32 = 3;

/// The error `run` gives when standard output is not a terminal.
pub const NOT_A_TERMINAL: &str =
    "standard output is not a terminal; use 'gisa list' or 'gisa show ID' for plain output";

/// How the reader is set up: from config.toml and the user's state directory.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub reader: ReaderConfig,
    /// The key table: the defaults with config.toml `[keys]` applied (checked before the
    /// terminal is touched).
    pub keymap: keymap::Keymap,
    /// Where read state and bookmarks are kept; `None` when no state directory can be found
    /// (they then last for this run only).
    pub marks_path: Option<PathBuf>,
    /// The articles folder, where the add pane saves.
    pub articles: PathBuf,
}

/// The key table for a config: the defaults with its `[keys]` applied. A mistake is one line
/// naming the file, line and column of the entry.
pub fn keymap_for(config: &crate::config::Config) -> Result<keymap::Keymap, String> {
    let overrides: Vec<(String, Vec<String>)> = config
        .keys
        .iter()
        .map(|k| (k.action.clone(), k.keys.clone()))
        .collect();
    keymap::Keymap::with_overrides(&overrides).map_err(|e| {
        let place = config
            .keys
            .iter()
            .find(|k| k.action == e.action)
            .map_or_else(String::new, |k| {
                format!(
                    "{}:{}:{}: ",
                    crate::sanitize::line(&k.path.display().to_string()),
                    k.line,
                    k.column
                )
            });
        format!("{place}{}", e.message)
    })
}

/// How often the background load hands its articles over while the reader runs: often enough
/// that the list is seen to fill in, seldom enough that taking them in costs little.
const LOAD_BATCH_EVERY: Duration = Duration::from_millis(150);

/// Batches the load may have sent that the reader has not taken in yet.
const MAX_BATCHES_WAITING: usize = 2;

/// While articles load, the list is redrawn at most this often (unless a key is pressed).
const LOAD_FRAME: Duration = Duration::from_millis(100);

/// Open the reader on the articles folder of `config`. The first screen is drawn at once; the
/// articles are read in the background and fill the list in as they come, with the progress in
/// the status bar. `open` (an id, or a unique prefix) is selected and shown once it is in.
/// Returns when the user quits (`Ok(None)`) or a signal or hang-up ends the reader
/// (`Ok(Some(n))`, the signal's number); the terminal is restored on every path.
pub fn run(config: &Config, open: Option<String>, options: &Options) -> io::Result<Option<i32>> {
    require_terminal(io::stdout().is_terminal())?;
    let theme = Theme::from_env();
    let mut store = Store::empty(config.outlets.clone(), config.lexicon.clone());
    let mut state = AppState::new(&store, None);
    state.pending_open = open;
    state.loading = Some(state::Loading::default());
    state.osc52 = options.reader.osc52;
    state.text_width = options.reader.width;
    state.wide_from = options.reader.sidebar_min_columns;
    state.keymap = options.keymap.clone();
    state.paste_limit = config.load.max_file_bytes();
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
    let mut guard = TerminalGuard::enter(options.reader.mouse, options.reader.keyboard_protocol)
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot take over the terminal for the reader: {e}"),
            )
        })?;
    let waker = guard.waker();
    let load = config.clone();
    // Changes to the folder's files (from the watch) and `r` both reach the loading thread,
    // which reads what changed once the load is done.
    let (poke, pokes) = mpsc::channel::<Poke>();
    let watch_poke = poke.clone();
    // One token per batch sent and not yet taken in: the load blocks while the reader is
    // `MAX_BATCHES_WAITING` behind, so a key never queues behind more than one batch.
    let (sent, behind) = mpsc::sync_channel::<()>(MAX_BATCHES_WAITING);
    let loader = thread::Builder::new()
        .name("gisa-load".to_owned())
        .spawn(move || {
            // The load runs on threads of its own at a lower priority, so that on a machine
            // whose cores it fills the reader still answers each key at once.
            yield_to_the_reader();
            // Watched from before the folder is listed, so no change after the listing is
            // missed; the changes wait in `pokes` until the load is done.
            let watch = watch_folder(&load.articles, watch_poke);
            if let Err(trouble) = &watch {
                let _ = waker.send(Wake::Refreshed(Refreshed::Trouble(*trouble)));
            }
            let run = move || {
                let seen = crate::load::stream(&load, LOAD_BATCH_EVERY, |news| {
                    // A reader that is gone ends the load (its token finds no receiver).
                    let batch = matches!(news, crate::load::Progress::Batch { .. });
                    (!batch || sent.send(()).is_ok()) && waker.send(Wake::Load(news)).is_ok()
                });
                if let Some(seen) = seen {
                    let refresher = crate::load::refresh::Refresher::new(load, seen);
                    keep_in_step(refresher, &pokes, &waker);
                }
                drop(watch);
            };
            match rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("gisa-load-{i}"))
                .start_handler(|_| yield_to_the_reader())
                .build()
            {
                Ok(pool) => pool.install(run),
                Err(_) => run(),
            }
        });
    let result = match loader {
        Ok(_) => event_loop(
            &mut guard,
            &mut state,
            &mut store,
            &theme,
            options,
            &Channels {
                behind: &behind,
                poke: &poke,
            },
        ),
        Err(e) => Err(e),
    };
    // A terminal that is gone cannot be restored, and that is no error.
    let restored = guard.restore().or_else(|e| {
        if io::stdout().is_terminal() {
            Err(e)
        } else {
            Ok(())
        }
    });
    // The reader is done and the process ends next: the store and the state are left for the
    // exit to reclaim, not freed string by string (half a second at 100,000 articles, between
    // the key that quits and the shell's prompt).
    std::mem::forget(store);
    std::mem::forget(state);
    let ended_by = result?;
    restored.map(|()| ended_by)
}

/// Above this many articles, `e` leaves the related stories out of its export: ranking them
/// takes about a millisecond an article, and the reader would stand still meanwhile.
const EXPORT_RELATED_UP_TO: usize = 500;

/// `e`: write the articles the list shows to a new Markdown file in the current folder, named
/// after the filter and the day (`gisa-year-2019-gsomia-2026-12-07.md`, never over a file).
/// Returns what the status bar says.
fn export_view(state: &AppState, store: &Store) -> io::Result<String> {
    let query = state.filter.to_string();
    let related = state.visible.len() <= EXPORT_RELATED_UP_TO;
    let heading = crate::export::Heading {
        query: query.clone(),
        related,
    };
    let mut text = Vec::new();
    let n = crate::export::write(
        store,
        &state.visible,
        crate::export::Format::Markdown,
        &heading,
        &mut text,
    )?;
    let name = export_name(&query, crate::article::PartialDate::today());
    let dir = std::env::current_dir()?;
    let path = crate::intake::save(&dir, &name, &text)?;
    let mut said = format!(
        "exported {n} article{} to {}",
        if n == 1 { "" } else { "s" },
        crate::sanitize::line(&path.display().to_string())
    );
    if !related {
        said.push_str(" (related stories left out above ");
        said.push_str(&EXPORT_RELATED_UP_TO.to_string());
        said.push_str(" articles; gisa export has them)");
    }
    Ok(said)
}

/// The file name `e` gives an export: `gisa-`, the query's first words as a file name from a
/// headline takes them (see [`crate::intake::slug`]; `all` for none), then the day:
/// `gisa-year-2019-gsomia-2026-12-07.md`.
fn export_name(query: &str, day: Option<crate::article::PartialDate>) -> String {
    let words = crate::intake::slug(query);
    let what = if words.is_empty() { "all" } else { &words };
    match day {
        Some(day) => format!("gisa-{what}-{day}.md"),
        None => format!("gisa-{what}.md"),
    }
}

/// What the loop hears from, and says to, the loading thread.
struct Channels<'a> {
    /// A token per batch of the load not taken in yet.
    behind: &'a mpsc::Receiver<()>,
    /// Asks for the folder to be read again.
    poke: &'a mpsc::Sender<Poke>,
}

/// Do what `update` asked of the outside world: save changed marks, write a clipboard sequence,
/// ask for the folder to be read again. A failure becomes a notice in the status bar; the
/// reader goes on.
fn effects(
    guard: &mut TerminalGuard,
    state: &mut AppState,
    store: &Store,
    options: &Options,
    poke: &mpsc::Sender<Poke>,
) -> io::Result<()> {
    if std::mem::take(&mut state.export) {
        state.notice = Some(match export_view(state, store) {
            Ok(said) => said,
            Err(e) => format!("cannot export: {e}"),
        });
    }
    if let Some((name, text)) = state.add_save.take() {
        match crate::intake::save(&options.articles, &name, text.as_bytes()) {
            Ok(path) => {
                state.add = None;
                state.notice = Some(format!(
                    "added as {}",
                    crate::sanitize::line(&path.display().to_string())
                ));
                // Read at once, whether or not the folder is watched.
                let _ = poke.send(Poke::Paths(vec![path]));
            }
            Err(e) => {
                if let Some(add) = &mut state.add {
                    add.error = Some(format!(
                        "cannot write into {}: {e}",
                        crate::sanitize::line(&options.articles.display().to_string())
                    ));
                }
            }
        }
    }
    if std::mem::take(&mut state.reload) {
        // The loading thread is gone only when the load failed, which ends the reader.
        let _ = poke.send(Poke::Reload);
    }
    if let Some(path) = &options.marks_path
        && let Err(e) = state.marks.save_if_dirty(path)
    {
        // Tried once per change; the next change tries again.
        state.marks.mark_clean();
        state.notice = Some(e.to_string());
    }
    if std::mem::take(&mut state.suspend) {
        guard.suspend()?;
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

/// The loop: do what `update` asked of the outside world, draw if anything changed, then block
/// until something happens; everything that happened meanwhile is taken before the next draw
/// (a resize storm, held keys). Returns the signal that ended it, if one did.
fn event_loop(
    guard: &mut TerminalGuard,
    state: &mut AppState,
    store: &mut Store,
    theme: &Theme,
    options: &Options,
    channels: &Channels<'_>,
) -> io::Result<Option<i32>> {
    let size = guard.terminal().size()?;
    update(state, store, Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut ended_by = None;
    // Load news met after a key, kept for after the key's frame is drawn.
    let mut held: Option<Wake> = None;
    // Articles taken in but not drawn yet: drawn at most once per `LOAD_FRAME` (a key's frame
    // shows them at once), so a load sends the terminal a few frames a second, not one a batch.
    let mut grown = false;
    let mut drawn = Instant::now();
    loop {
        effects(guard, state, store, options, channels.poke)?;
        if state.quit {
            return Ok(ended_by);
        }
        if dirty || (grown && drawn.elapsed() >= LOAD_FRAME) {
            // ratatui resizes its buffers to the terminal on every draw; the layout in `state`
            // follows here too, so a resize whose event was lost cannot leave them apart.
            let size = guard.terminal().size()?;
            if (size.width, size.height) != state.size {
                update(state, store, Action::Resize(size.width, size.height));
            }
            guard
                .terminal()
                .draw(|frame| ui::render(frame, state, store, theme))?;
            dirty = false;
            grown = false;
            drawn = Instant::now();
        }
        let next = match held.take() {
            Some(w) => Some(w),
            None if grown => guard.wait_for(LOAD_FRAME.saturating_sub(drawn.elapsed()))?,
            None => Some(guard.wait()?),
        };
        let Some(next) = next else {
            continue; // time to draw what the load brought
        };
        let mut wake = Some(next);
        let mut keyed = false;
        while let Some(w) = wake {
            let frame_due = keyed || (grown && drawn.elapsed() >= LOAD_FRAME);
            if frame_due && matches!(w, Wake::Load(_)) {
                // A frame first (a key's, or the load's now due): more articles can wait.
                held = Some(w);
                break;
            }
            let ending = match w {
                Wake::Input(event) => {
                    for action in actions_for_event(&event?, state) {
                        dirty |= update(state, store, action);
                        keyed = true;
                    }
                    None
                }
                Wake::Signal(sig) => Some(sig),
                Wake::Hangup => Some(signal_hook::consts::SIGHUP),
                Wake::Refreshed(news) => {
                    grown |= take_changes(state, store, news);
                    None
                }
                Wake::Load(news) => {
                    let batch = matches!(news, Progress::Batch { .. });
                    grown |= take_in(state, store, news)?;
                    if batch {
                        // Its token: the load may send another.
                        let _ = channels.behind.try_recv();
                    }
                    None
                }
            };
            if ending.is_some() {
                ended_by = ending;
                update(state, store, Action::Quit);
            }
            if state.quit {
                break;
            }
            wake = guard.pending();
        }
    }
}

/// Lower the calling thread's priority (nice 10) for the load's threads; where that is not
/// allowed, they run as they are. (Linux sets a thread's niceness by its id; elsewhere the
/// whole process would follow, so the load keeps the reader's priority there.)
fn yield_to_the_reader() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), LOAD_NICE);
}

/// The niceness of the load's threads.
#[cfg(target_os = "linux")]
const LOAD_NICE: i32 = 10;

/// Take in the background load's news: articles go into the store (the one place outside
/// `update` that changes it), and `update` is told. A folder that cannot be read ends the
/// reader with the error.
fn take_in(state: &mut AppState, store: &mut Store, news: Progress) -> io::Result<bool> {
    let action = match news {
        Progress::Listed { files } => {
            store.reserve(files);
            Action::LoadListed(files)
        }
        Progress::Batch {
            ready,
            problems,
            done,
        } => {
            store.take(ready, problems);
            Action::LoadGrew(done)
        }
        Progress::Finished(t) => {
            Action::LoadFinished(u64::try_from(t.total.as_millis()).unwrap_or(u64::MAX))
        }
        Progress::Failed(e) => return Err(io::Error::other(e.to_string())),
    };
    Ok(update(state, store, action))
}

/// Take in what the watch on the folder brought: changed files into the store (the other
/// place outside `update` that changes it), and `update` told.
fn take_changes(state: &mut AppState, store: &mut Store, news: Refreshed) -> bool {
    let action = match news {
        Refreshed::Changes { changes, asked } => Action::ArchiveChanged {
            applied: crate::load::refresh::apply(store, changes),
            asked,
        },
        Refreshed::Trouble(t) => Action::Trouble(t),
    };
    update(state, store, action)
}

/// The Actions an event means: a paste is a character at a time where text is being typed
/// (the add pane keeps its lines; the query line takes them as spaces), and nothing but a
/// notice elsewhere; any other event is at most one Action.
fn actions_for_event(event: &Event, state: &AppState) -> Vec<Action> {
    let Event::Paste(text) = event else {
        return action_for_event(event, state).into_iter().collect();
    };
    // One line break however the terminal sent it.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match state.input() {
        keymap::Input::AddText => text
            .chars()
            .map(|c| match c {
                '\n' => Action::AddNewline,
                c => Action::AddChar(c),
            })
            .collect(),
        keymap::Input::Query => text
            .chars()
            .map(|c| Action::QueryInput(if c.is_whitespace() { ' ' } else { c }))
            .collect(),
        _ => vec![Action::PasteIgnored],
    }
}

/// The Action an event means: keys through the keymap, mouse events by where they happen,
/// resizes as they are.
fn action_for_event(event: &Event, state: &AppState) -> Option<Action> {
    match event {
        Event::Key(key) => state.keymap.action(state.input(), key),
        Event::Mouse(mouse) => action_for_mouse(*mouse, state),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// The Action a mouse event means (mouse capture is on only with `reader.mouse = true`). The
/// wheel moves the selection over the list, scrolls the reader over the reader and moves the
/// cursor over the sidebar, the help screen and the pickers; a left click on a list row selects
/// it, and one anywhere else in a pane focuses that pane. Where the panes are comes from the
/// same `ui::layout` the screen is drawn with, at the size of the last resize.
fn action_for_mouse(mouse: MouseEvent, state: &AppState) -> Option<Action> {
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(true),
        MouseEventKind::ScrollUp => Some(false),
        MouseEventKind::Down(MouseButton::Left) => None,
        _ => return None,
    };
    match state.input() {
        keymap::Input::Help => {
            return wheel.map(|down| {
                if down {
                    Action::HelpDown
                } else {
                    Action::HelpUp
                }
            });
        }
        keymap::Input::Picker => {
            return wheel.map(|down| {
                if down {
                    Action::PickerDown
                } else {
                    Action::PickerUp
                }
            });
        }
        keymap::Input::View => {
            return wheel.map(|down| {
                if down {
                    Action::ViewDown
                } else {
                    Action::ViewUp
                }
            });
        }
        keymap::Input::Query | keymap::Input::AddText | keymap::Input::AddReview => return None,
        keymap::Input::Pane(_) => {}
    }
    let at = Position::new(mouse.column, mouse.row);
    let (w, h) = state.size;
    let area = Rect::new(0, 0, w, h);
    let panes = ui::layout(area, state.focus, state.wide_from);
    let overlay =
        (state.sidebar_overlay && panes.sidebar.is_none()).then(|| ui::sidebar_overlay_area(area));
    let pane = if overlay.is_some_and(|r| r.contains(at)) {
        Focus::Sidebar
    } else if panes.list.is_some_and(|r| r.contains(at)) {
        Focus::List
    } else if panes.reader.is_some_and(|r| r.contains(at)) {
        Focus::Reader
    } else if panes.sidebar.is_some_and(|r| r.contains(at)) {
        Focus::Sidebar
    } else {
        return None;
    };
    Some(match (pane, wheel) {
        (Focus::List, Some(down)) => {
            if down {
                Action::SelectNext
            } else {
                Action::SelectPrev
            }
        }
        (Focus::Reader, Some(down)) => {
            Action::ScrollBy(if down { WHEEL_LINES } else { -WHEEL_LINES })
        }
        (Focus::Sidebar, Some(down)) => {
            if down {
                Action::SidebarDown
            } else {
                Action::SidebarUp
            }
        }
        (Focus::List, None) => panes
            .list
            .map(ui::list::rows_area)
            .filter(|rows| rows.contains(at))
            .map(|rows| state.list_offset + usize::from(at.y - rows.y))
            .filter(|&row| row < state.visible.len())
            .map_or(Action::FocusPane(Focus::List), Action::SelectRow),
        (pane, None) => Action::FocusPane(pane),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_named_after_its_query_and_day_within_a_bound() {
        let day = crate::article::PartialDate::day(2026, 12, 7);
        assert_eq!(
            export_name("year:2019..2021 outlet:reuters gsomia", day),
            "gisa-year-2019-2021-outlet-reuters-gsomia-2026-12-07.md"
        );
        assert_eq!(export_name("", day), "gisa-all-2026-12-07.md");
        assert_eq!(export_name("\"//..\"", None), "gisa-all.md");
        assert_eq!(
            export_name("entity:\"Yoon Suk\" 한국", day),
            "gisa-entity-yoon-suk-한국-2026-12-07.md"
        );
        let long = export_name(&"x".repeat(1000), day);
        assert!(long.len() < 100, "{long}");
        let wide = export_name(&"한".repeat(100), None);
        assert!(wide.len() < 100 && wide.starts_with("gisa-한"), "{wide}");
    }

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

    use crate::tui::ui::tests::analysed_store;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// The reader on the five analysed articles at `w`x`h`, after `actions`.
    fn started(store: &Store, w: u16, h: u16, actions: &[Action]) -> AppState {
        let mut state = AppState::new(store, None);
        update(&mut state, store, Action::Resize(w, h));
        for a in actions {
            update(&mut state, store, *a);
        }
        state
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    const WHEEL_DOWN: MouseEventKind = MouseEventKind::ScrollDown;
    const WHEEL_UP: MouseEventKind = MouseEventKind::ScrollUp;
    const CLICK: MouseEventKind = MouseEventKind::Down(MouseButton::Left);

    #[test]
    fn events_become_actions() {
        let store = analysed_store();
        let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        let list = started(&store, 120, 40, &[]);
        assert_eq!(action_for_event(&j, &list), Some(Action::SelectNext));
        assert_eq!(
            action_for_event(&Event::Resize(80, 24), &list),
            Some(Action::Resize(80, 24))
        );
        assert_eq!(action_for_event(&Event::FocusGained, &list), None);
        let query = started(&store, 120, 40, &[Action::StartQuery]);
        assert_eq!(action_for_event(&j, &query), Some(Action::QueryInput('j')));
    }

    #[test]
    fn the_wheel_acts_on_the_pane_under_the_pointer() {
        let store = analysed_store();
        // 120x40: the list is columns 0..36, the reader 36..90, the sidebar 90..120.
        let state = started(&store, 120, 40, &[]);
        let at = |kind, x, y| action_for_event(&mouse(kind, x, y), &state);
        assert_eq!(at(WHEEL_DOWN, 10, 5), Some(Action::SelectNext));
        assert_eq!(at(WHEEL_UP, 10, 5), Some(Action::SelectPrev));
        assert_eq!(at(WHEEL_DOWN, 59, 9), Some(Action::ScrollBy(3)));
        assert_eq!(at(WHEEL_UP, 59, 9), Some(Action::ScrollBy(-3)));
        assert_eq!(at(WHEEL_DOWN, 100, 9), Some(Action::SidebarDown));
        assert_eq!(at(WHEEL_UP, 100, 9), Some(Action::SidebarUp));
        // The status bar is no pane; moves, drags and other buttons mean nothing.
        assert_eq!(at(WHEEL_DOWN, 10, 39), None);
        assert_eq!(at(MouseEventKind::Moved, 59, 9), None);
        assert_eq!(at(MouseEventKind::Drag(MouseButton::Left), 59, 9), None);
        assert_eq!(at(MouseEventKind::Down(MouseButton::Right), 59, 9), None);
        assert_eq!(at(MouseEventKind::Up(MouseButton::Left), 59, 9), None);
    }

    #[test]
    fn a_click_selects_a_list_row_or_focuses_a_pane() {
        let store = analysed_store();
        let state = started(&store, 120, 40, &[]);
        let at = |kind, x, y| action_for_event(&mouse(kind, x, y), &state);
        // Row 1 is the first article (inside the border), row 3 the third.
        assert_eq!(at(CLICK, 5, 1), Some(Action::SelectRow(0)));
        assert_eq!(at(CLICK, 20, 3), Some(Action::SelectRow(2)));
        // Below the last article, or on the border: the list only takes the focus.
        assert_eq!(at(CLICK, 5, 20), Some(Action::FocusPane(Focus::List)));
        assert_eq!(at(CLICK, 0, 3), Some(Action::FocusPane(Focus::List)));
        assert_eq!(at(CLICK, 59, 9), Some(Action::FocusPane(Focus::Reader)));
        assert_eq!(at(CLICK, 100, 9), Some(Action::FocusPane(Focus::Sidebar)));
        assert_eq!(at(CLICK, 5, 39), None);
    }

    #[test]
    fn clicked_rows_count_from_the_list_offset() {
        let store = analysed_store();
        // 80x6: the list shows 3 rows (6 minus borders and status bar); the last article is
        // selected, so the first two are scrolled away.
        let mut state = started(&store, 80, 6, &[Action::SelectLast]);
        assert_eq!(state.list_offset, 2);
        let click = mouse(CLICK, 5, 1);
        let action = action_for_event(&click, &state);
        assert_eq!(action, Some(Action::SelectRow(2)));
        update(&mut state, &store, Action::OpenArticle);
        assert!(update(&mut state, &store, action.unwrap()));
        assert_eq!((state.selected, state.focus), (2, Focus::List));
    }

    #[test]
    fn overlays_take_the_wheel_and_the_query_line_ignores_the_mouse() {
        let store = analysed_store();
        let help = started(&store, 120, 40, &[Action::ToggleHelp]);
        assert_eq!(
            action_for_event(&mouse(WHEEL_DOWN, 59, 9), &help),
            Some(Action::HelpDown)
        );
        assert_eq!(action_for_event(&mouse(CLICK, 5, 1), &help), None);
        let picker = started(&store, 120, 40, &[Action::OpenYearPicker]);
        assert_eq!(
            action_for_event(&mouse(WHEEL_UP, 5, 1), &picker),
            Some(Action::PickerUp)
        );
        let query = started(&store, 120, 40, &[Action::StartQuery]);
        assert_eq!(action_for_event(&mouse(CLICK, 5, 1), &query), None);
        assert_eq!(action_for_event(&mouse(WHEEL_DOWN, 59, 9), &query), None);
        // The folded sidebar shown over the reader (100 columns) takes the clicks over it.
        let overlay = started(&store, 100, 30, &[Action::ToggleSidebar]);
        assert_eq!(
            action_for_event(&mouse(CLICK, 90, 10), &overlay),
            Some(Action::FocusPane(Focus::Sidebar))
        );
        assert_eq!(
            action_for_event(&mouse(CLICK, 45, 10), &overlay),
            Some(Action::FocusPane(Focus::Reader))
        );
        // Too small to draw panes: nothing is under the pointer.
        let tiny = started(&store, 20, 5, &[]);
        assert_eq!(action_for_event(&mouse(CLICK, 1, 1), &tiny), None);
    }

    #[test]
    fn mouse_actions_move_the_state() {
        let store = analysed_store();
        let nagoya = store.find("010_nagoya").unwrap();
        let mut state = started(&store, 120, 40, &[]);
        let row = state.visible.iter().position(|&v| v == nagoya).unwrap();
        assert!(update(&mut state, &store, Action::SelectRow(row)));
        assert_eq!(state.selected_article(), Some(nagoya));
        // Past the end: the last row.
        update(&mut state, &store, Action::SelectRow(999));
        assert_eq!(state.selected, state.visible.len() - 1);
        update(&mut state, &store, Action::SelectRow(row));

        // 12 rows: the reader is shorter than the article, so it can scroll.
        update(&mut state, &store, Action::Resize(120, 12));
        assert!(
            state.reader.max_scroll() > 3,
            "{}",
            state.reader.max_scroll()
        );
        assert!(update(&mut state, &store, Action::ScrollBy(3)));
        assert_eq!(state.reader.scroll, 3);
        update(&mut state, &store, Action::ScrollBy(-2));
        assert_eq!(state.reader.scroll, 1);
        update(&mut state, &store, Action::ScrollBy(-10));
        assert_eq!(state.reader.scroll, 0);
        update(&mut state, &store, Action::ScrollBy(i32::MAX));
        assert_eq!(state.reader.scroll, state.reader.max_scroll());

        assert!(update(
            &mut state,
            &store,
            Action::FocusPane(Focus::Sidebar)
        ));
        assert_eq!(state.focus, Focus::Sidebar);
        update(&mut state, &store, Action::FocusPane(Focus::Reader));
        assert_eq!(state.focus, Focus::Reader);
        // A pane not shown at this size cannot take the focus: at 80 columns the sidebar is
        // folded.
        update(&mut state, &store, Action::Resize(80, 24));
        update(&mut state, &store, Action::FocusPane(Focus::Sidebar));
        assert_eq!(state.focus, Focus::List);
    }
}
