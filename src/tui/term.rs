//! `TerminalGuard`: enters raw mode and the alternate screen (and mouse capture, when asked), and
//! restores the terminal exactly once, whichever way the reader ends (normal exit, error, panic,
//! SIGTERM/SIGHUP, hang-up).
//! It turns SIGTERM and SIGHUP into a flag the loop checks. It draws nothing and holds no
//! reader state.

use std::io::{self, IsTerminal, Stdout, Write};
use std::panic;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once, mpsc};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::SigId;
use signal_hook::consts::{SIGHUP, SIGTERM};

/// True while the terminal is in raw mode / the alternate screen and not yet restored.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// True from just before mouse capture is asked for until it is turned off again, so a restore
/// undoes a capture even when enabling it failed halfway through writing.
static MOUSE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// How often the watchdog looks at the signal flag and the terminal.
const WATCH_EVERY: Duration = Duration::from_millis(50);
/// How long the loop gets to leave by itself after SIGTERM/SIGHUP before the watchdog ends the
/// process. crossterm 0.29 can spin inside `event::poll` once the tty is gone, so the flag alone
/// is not enough.
const GRACE: Duration = Duration::from_secs(1);
/// How long the watchdog waits for the restore before exiting anyway.
const RESTORE_TIMEOUT: Duration = Duration::from_millis(500);

/// The terminal in reader mode. Restores it when dropped.
pub struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    signal: Arc<AtomicUsize>,
    signal_ids: Vec<SigId>,
    stop_watchdog: Arc<AtomicBool>,
    watchdog: Option<JoinHandle<()>>,
}

impl TerminalGuard {
    /// Install the panic hook and signal flags, then enter raw mode and the alternate screen,
    /// and capture the mouse when `mouse` is true (`reader.mouse` in config; nothing about the
    /// mouse is written otherwise). On failure the terminal is left as it was found.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        install_panic_hook();
        let signal = Arc::new(AtomicUsize::new(0));
        let mut signal_ids = Vec::new();
        for sig in [SIGTERM, SIGHUP] {
            let id =
                signal_hook::flag::register_usize(sig, Arc::clone(&signal), signal_number(sig))
                    .inspect_err(|_| unregister(&signal_ids))?;
            signal_ids.push(id);
        }
        let entered = enable_raw_mode().and_then(|()| {
            ACTIVE.store(true, Ordering::SeqCst);
            execute!(io::stdout(), EnterAlternateScreen, Hide)?;
            if mouse {
                MOUSE.store(true, Ordering::SeqCst);
                execute!(io::stdout(), EnableMouseCapture)?;
            }
            Terminal::new(CrosstermBackend::new(io::stdout()))
        });
        let terminal = match entered {
            Ok(t) => t,
            Err(e) => {
                let _ = restore();
                unregister(&signal_ids);
                return Err(e);
            }
        };
        let stop_watchdog = Arc::new(AtomicBool::new(false));
        let watchdog = {
            let signal = Arc::clone(&signal);
            let stop = Arc::clone(&stop_watchdog);
            thread::Builder::new()
                .name("gisa-hangup-watch".into())
                .spawn(move || watch(&signal, &stop))
                .ok()
        };
        Ok(TerminalGuard {
            terminal,
            signal,
            signal_ids,
            stop_watchdog,
            watchdog,
        })
    }

    pub fn terminal(&mut self) -> &mut Terminal<CrosstermBackend<Stdout>> {
        &mut self.terminal
    }

    /// True once SIGTERM or SIGHUP arrived (or the terminal went away).
    pub fn signalled(&self) -> bool {
        self.signal.load(Ordering::SeqCst) != 0
    }

    /// Leave reader mode now (the normal exit path). Later calls, and the drop, do nothing.
    pub fn restore(&mut self) -> io::Result<()> {
        self.stop_watchdog();
        restore()
    }

    fn stop_watchdog(&mut self) {
        self.stop_watchdog.store(true, Ordering::SeqCst);
        if let Some(handle) = self.watchdog.take() {
            let _ = handle.join();
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        self.stop_watchdog();
        let _ = restore();
        unregister(&self.signal_ids);
    }
}

fn signal_number(sig: i32) -> usize {
    usize::try_from(sig).unwrap_or(usize::MAX)
}

fn unregister(ids: &[SigId]) {
    for id in ids {
        signal_hook::low_level::unregister(*id);
    }
}

/// Restore the terminal, first of all, then let the previous hook print the message on a sane
/// screen. Installed once, after any hook set before the reader starts.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// Leave raw mode, then stop mouse capture (if it was started), leave the alternate screen and
/// show the cursor, if that has not been done yet. Every step is tried even when an earlier one
/// fails (a dead tty fails them all).
pub fn restore() -> io::Result<()> {
    restore_once(&ACTIVE, disable_raw_mode, || {
        leave_screen(&mut io::stdout(), &MOUSE)
    })
}

/// Write what undoes our screen setup to `out`: mouse capture off (only when `mouse` says it was
/// turned on), then the alternate screen left and the cursor shown. Both are tried.
fn leave_screen(out: &mut impl Write, mouse: &AtomicBool) -> io::Result<()> {
    let mouse = if mouse.swap(false, Ordering::SeqCst) {
        execute!(out, DisableMouseCapture)
    } else {
        Ok(())
    };
    let screen = execute!(out, LeaveAlternateScreen, Show);
    mouse.and(screen)
}

fn restore_once(
    active: &AtomicBool,
    leave_raw_mode: impl FnOnce() -> io::Result<()>,
    leave_screen: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    if !active.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let raw = leave_raw_mode();
    let screen = leave_screen();
    raw.and(screen)
}

/// The watchdog thread. When the terminal is gone (an SSH hang-up: stdout stops being a tty), or
/// a signal was not acted on within [`GRACE`] because the loop is stuck in crossterm, restore
/// what can be restored and exit with 128 + the signal number.
fn watch(signal: &AtomicUsize, stop: &AtomicBool) {
    let mut since: Option<Instant> = None;
    while !stop.load(Ordering::SeqCst) {
        thread::sleep(WATCH_EVERY);
        let hung_up = !io::stdout().is_terminal();
        if hung_up {
            let _ = signal.compare_exchange(
                0,
                signal_number(SIGHUP),
                Ordering::SeqCst,
                Ordering::SeqCst,
            );
        }
        let sig = signal.load(Ordering::SeqCst);
        if sig == 0 {
            continue;
        }
        let first = *since.get_or_insert_with(Instant::now);
        if hung_up || first.elapsed() >= GRACE {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            restore_then_exit(i32::try_from(128 + sig).unwrap_or(1));
        }
    }
}

/// Restore from a helper thread and exit even if it does not finish: a stuck main thread may
/// hold the stdout lock (blocked writing to a stalled terminal), and exiting matters more.
fn restore_then_exit(code: i32) -> ! {
    let (done, finished) = mpsc::channel();
    let _ = thread::Builder::new()
        .name("gisa-restore".into())
        .spawn(move || {
            let _ = restore();
            let _ = done.send(());
        });
    let _ = finished.recv_timeout(RESTORE_TIMEOUT);
    std::process::exit(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn restores_once_and_tries_every_step() {
        let active = AtomicBool::new(true);
        let calls = Cell::new(0);
        let failing = || {
            calls.set(calls.get() + 1);
            Err(io::Error::other("EIO"))
        };
        let ok = || {
            calls.set(calls.get() + 10);
            Ok(())
        };
        assert!(restore_once(&active, failing, ok).is_err());
        assert_eq!(
            calls.get(),
            11,
            "the screen is left even when raw mode fails"
        );
        assert!(restore_once(&active, failing, ok).is_ok());
        assert_eq!(calls.get(), 11, "the second restore does nothing");
    }

    #[test]
    fn restore_sequence_turns_mouse_capture_off_only_when_it_was_on() {
        let on = AtomicBool::new(true);
        let mut out = Vec::new();
        leave_screen(&mut out, &on).unwrap();
        let text = String::from_utf8(out).unwrap();
        for off in ["\x1b[?1000l", "\x1b[?1002l", "\x1b[?1003l", "\x1b[?1006l"] {
            assert!(text.contains(off), "{off:?} missing from {text:?}");
        }
        assert!(
            text.contains("\x1b[?1049l") && text.contains("\x1b[?25h"),
            "{text:?}"
        );
        assert!(!on.load(Ordering::SeqCst), "mouse capture is undone once");

        let mut again = Vec::new();
        leave_screen(&mut again, &on).unwrap();
        let text = String::from_utf8(again).unwrap();
        assert!(
            !text.contains("?100"),
            "no mouse sequence when it is off: {text:?}"
        );
        assert!(text.contains("\x1b[?1049l"));
    }

    /// A writer that fails every write, like a tty that went away.
    struct Broken;

    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("EIO"))
        }

        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::other("EIO"))
        }
    }

    #[test]
    fn a_failing_terminal_still_clears_the_mouse_flag() {
        let on = AtomicBool::new(true);
        assert!(leave_screen(&mut Broken, &on).is_err());
        assert!(!on.load(Ordering::SeqCst));
    }

    #[test]
    fn nothing_to_restore_when_never_entered() {
        let active = AtomicBool::new(false);
        let touched = Cell::new(false);
        let step = || {
            touched.set(true);
            Ok(())
        };
        assert!(restore_once(&active, step, step).is_ok());
        assert!(!touched.get());
    }
}
