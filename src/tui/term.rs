//! `TerminalGuard`: enters raw mode and the alternate screen (and mouse capture and the kitty
//! keyboard protocol, when asked), and restores the terminal exactly once, whichever way the
//! reader ends (normal exit, error, panic, SIGTERM/SIGINT/SIGHUP/SIGQUIT, hang-up).
//!
//! It also gathers everything that can wake the reader into one channel, so the loop blocks on
//! [`TerminalGuard::wait`] and uses no CPU while nothing happens. Three threads feed it, each
//! blocked in the kernel until there is something to say: crossterm's `event::read` (keys,
//! mouse, resizes), signal-hook's signal iterator, and a hang-up watcher blocked in `poll(2)`
//! on the terminal with no events asked for, which returns only on POLLHUP/POLLERR. The
//! background load sends its batches the same way ([`TerminalGuard::waker`]). A signal or a
//! hang-up not acted on within [`GRACE`] ends the process from that thread, since crossterm can
//! spin once the tty is gone (crossterm#793). It draws nothing and holds no reader state.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::os::fd::AsFd;
use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, mpsc};
use std::thread;
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use rustix::event::{PollFd, PollFlags};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use super::lean::LeanBackend;

/// True while the terminal is in raw mode / the alternate screen and not yet restored.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// True from just before mouse capture is asked for until it is turned off again, so a restore
/// undoes a capture even when enabling it failed halfway through writing.
static MOUSE: AtomicBool = AtomicBool::new(false);
/// The same for the kitty keyboard protocol flags pushed at start.
static KEYBOARD: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// The signals that end the reader (with the terminal restored). In raw mode Ctrl-C and Ctrl-\
/// are keys, so SIGINT and SIGQUIT only come from `kill`.
const ENDING_SIGNALS: [i32; 4] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT];
/// How long the loop gets to leave by itself after a signal or a hang-up before the process is
/// ended from the thread that saw it.
const GRACE: Duration = Duration::from_secs(1);
/// How long a forced exit waits for the restore before exiting anyway.
const RESTORE_TIMEOUT: Duration = Duration::from_millis(500);
/// Where `poll(2)` cannot watch the terminal (it reports POLLNVAL for ttys on some systems),
/// how often the hang-up watcher looks instead.
const FALLBACK_CHECK: Duration = Duration::from_secs(1);

/// What woke the reader.
#[derive(Debug)]
pub enum Wake {
    /// A terminal event, or the error reading one from a terminal that is still there.
    Input(io::Result<Event>),
    /// One of [`ENDING_SIGNALS`].
    Signal(i32),
    /// The terminal went away.
    Hangup,
    /// The background load has news (articles read, or done).
    Load(crate::load::Progress),
    /// The watch on the articles folder has news (files read again, or a trouble).
    Refreshed(crate::tui::watch::Refreshed),
}

/// The terminal in reader mode. Restores it when dropped.
pub struct TerminalGuard {
    /// Never dropped: ratatui's `Terminal` shows the cursor when dropped and `eprintln!`s if that
    /// fails, which panics when the terminal (and with it standard error) is gone. [`restore`]
    /// shows the cursor instead; the buffers are given back when the process ends.
    terminal: ManuallyDrop<Terminal<LeanBackend<File>>>,
    wakes: mpsc::Receiver<Wake>,
    /// For other threads that need to wake the loop (the background load).
    waker: mpsc::Sender<Wake>,
    signals: Handle,
    mouse: bool,
    keyboard: bool,
}

impl TerminalGuard {
    /// Install the panic hook and the signal thread, then enter raw mode and the alternate
    /// screen; capture the mouse when `mouse` is true (`reader.mouse`; nothing about the mouse
    /// is written otherwise) and push the kitty keyboard flags when `keyboard` is true
    /// (`reader.keyboard_protocol`). On failure the terminal is left as it was found.
    pub fn enter(mouse: bool, keyboard: bool) -> io::Result<Self> {
        install_panic_hook();
        let (send, wakes) = mpsc::channel();
        let for_others = send.clone();
        let signals = Signals::new(ENDING_SIGNALS)?;
        let handle = signals.handle();
        let entered = spawn("gisa-signals", {
            let send = send.clone();
            move || forward_signals(signals, &send)
        })
        .and_then(|()| enter_modes(mouse, keyboard))
        .and_then(|()| Terminal::new(LeanBackend::new(frame_writer()?)))
        .and_then(|terminal| {
            spawn("gisa-hangup-watch", {
                let send = send.clone();
                move || watch_hangup(&send)
            })?;
            // crossterm starts listening for SIGWINCH on its first poll or read. Do that here,
            // before the first frame, not whenever the input thread gets to run: a resize in
            // between would otherwise be lost, and the layout would keep the old size.
            event::poll(Duration::ZERO)?;
            spawn("gisa-input", move || read_input(&send))?;
            Ok(terminal)
        });
        match entered {
            Ok(terminal) => Ok(TerminalGuard {
                terminal: ManuallyDrop::new(terminal),
                wakes,
                waker: for_others,
                signals: handle,
                mouse,
                keyboard,
            }),
            Err(e) => {
                let _ = restore();
                handle.close();
                Err(e)
            }
        }
    }

    pub fn terminal(&mut self) -> &mut Terminal<LeanBackend<File>> {
        &mut self.terminal
    }

    /// Block until something happens. Only fails if every source has stopped, which the signal
    /// thread never does while the guard lives.
    pub fn wait(&self) -> io::Result<Wake> {
        self.wakes
            .recv()
            .map_err(|_| io::Error::other("the terminal's input ended"))
    }

    /// As [`wait`](Self::wait), for at most `timeout`: `None` when nothing happened by then.
    pub fn wait_for(&self, timeout: std::time::Duration) -> io::Result<Option<Wake>> {
        match self.wakes.recv_timeout(timeout) {
            Ok(w) => Ok(Some(w)),
            Err(mpsc::RecvTimeoutError::Timeout) => Ok(None),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(io::Error::other("the terminal's input ended"))
            }
        }
    }

    /// A sender for threads that wake the loop with news of their own.
    pub fn waker(&self) -> mpsc::Sender<Wake> {
        self.waker.clone()
    }

    /// What else has already happened, without waiting (to draw once after a burst).
    pub fn pending(&self) -> Option<Wake> {
        self.wakes.try_recv().ok()
    }

    /// Hand the terminal back to the shell and stop the process (SIGSTOP: a SIGTSTP sent to
    /// itself is discarded in an orphaned process group); once continued (`fg`), enter reader
    /// mode again and make the next draw repaint the whole screen.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore()?;
        rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::STOP)?;
        enter_modes(self.mouse, self.keyboard)?;
        // Not `Terminal::clear`: it asks the terminal where the cursor is, and the answer would
        // go to the input thread. Clear the screen and forget the last frame instead, so the
        // next draw paints every cell.
        let backend = self.terminal.backend_mut();
        backend.forget();
        backend.clear_region(ClearType::All)?;
        self.terminal.swap_buffers();
        Ok(())
    }

    /// Leave reader mode now (the normal exit path). Later calls, and the drop, do nothing.
    pub fn restore(&mut self) -> io::Result<()> {
        restore()
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = restore();
        self.signals.close();
    }
}

/// Raw mode, the alternate screen, the cursor hidden; mouse capture and the kitty keyboard flags
/// when asked. Each flag is set before its sequence is written, so a restore undoes even a
/// half-done step.
fn enter_modes(mouse: bool, keyboard: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // Bracketed paste: a paste comes as one event, so text pasted outside the add pane is not
    // taken for a run of keys (a `q` in it would quit).
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Hide,
        EnableBracketedPaste
    )?;
    if mouse {
        MOUSE.store(true, Ordering::SeqCst);
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    if keyboard {
        KEYBOARD.store(true, Ordering::SeqCst);
        execute!(
            io::stdout(),
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
    }
    Ok(())
}

/// Where frames go: standard output's terminal, unbuffered, so that a frame (gathered by
/// [`LeanBackend`]) leaves in one `write`, not cut at its line feeds as `Stdout`'s line buffer
/// would.
fn frame_writer() -> io::Result<File> {
    Ok(File::from(io::stdout().as_fd().try_clone_to_owned()?))
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> io::Result<()> {
    thread::Builder::new()
        .name(name.to_owned())
        .spawn(work)
        .map(drop)
}

/// The input thread: crossterm's blocking `read`, one event at a time, until the reader is
/// gone or reading fails. A failed read on a terminal that is gone is a hang-up; any other
/// error is passed on, and the loop ends on it.
fn read_input(send: &mpsc::Sender<Wake>) {
    loop {
        let wake = match event::read() {
            Err(_) if !io::stdout().is_terminal() => Wake::Hangup,
            event => Wake::Input(event),
        };
        let last = !matches!(wake, Wake::Input(Ok(_)));
        if send.send(wake).is_err() || last {
            return;
        }
    }
}

/// The signal thread: pass the first ending signal on and see that the process ends.
fn forward_signals(mut signals: Signals, send: &mpsc::Sender<Wake>) {
    if let Some(sig) = signals.forever().next() {
        tell_then_end(send, Wake::Signal(sig), 128 + sig);
    }
}

/// Tell the loop that the reader must end, give it [`GRACE`] to restore the terminal and
/// leave, and end the process with `code` if it has not (crossterm can spin on a dead tty).
fn tell_then_end(send: &mpsc::Sender<Wake>, wake: Wake, code: i32) {
    let _ = send.send(wake);
    thread::sleep(GRACE);
    if ACTIVE.load(Ordering::SeqCst) {
        restore_then_exit(code);
    }
}

/// The hang-up watcher: block in `poll(2)` on standard output (the terminal drawn on) asking
/// for no events, so it returns only when the terminal hangs up or fails; then see that the
/// process ends.
fn watch_hangup(send: &mpsc::Sender<Wake>) {
    let out = io::stdout();
    let fd = out.as_fd();
    loop {
        let mut fds = [PollFd::new(&fd, PollFlags::empty())];
        match rustix::event::poll(&mut fds, None) {
            Ok(_) if hung_up(fds[0].revents()) => break,
            Ok(_) if fds[0].revents().contains(PollFlags::NVAL) => {
                poll_terminal_slowly();
                break;
            }
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(_) => {
                poll_terminal_slowly();
                break;
            }
        }
    }
    tell_then_end(send, Wake::Hangup, 128 + SIGHUP);
}

/// Whether `poll(2)` said the terminal is gone.
fn hung_up(revents: PollFlags) -> bool {
    revents.intersects(PollFlags::HUP | PollFlags::ERR)
}

/// Where `poll(2)` does not work on the terminal: look every [`FALLBACK_CHECK`] until standard
/// output stops being a terminal (`tcgetattr` fails with EIO once the line is hung up).
fn poll_terminal_slowly() {
    while io::stdout().is_terminal() {
        thread::sleep(FALLBACK_CHECK);
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

/// Leave raw mode, then stop mouse capture and pop the keyboard flags (if they were set), leave
/// the alternate screen and show the cursor, if that has not been done yet. Every step is tried
/// even when an earlier one fails (a dead tty fails them all).
pub fn restore() -> io::Result<()> {
    restore_once(&ACTIVE, disable_raw_mode, || {
        leave_screen(&mut io::stdout(), &MOUSE, &KEYBOARD)
    })
}

/// Write what undoes our screen setup to `out`: mouse capture off and the keyboard flags popped
/// (each only when its flag says it was turned on), then the alternate screen left and the
/// cursor shown. All are tried.
fn leave_screen(out: &mut impl Write, mouse: &AtomicBool, keyboard: &AtomicBool) -> io::Result<()> {
    let mouse = if mouse.swap(false, Ordering::SeqCst) {
        execute!(out, DisableMouseCapture)
    } else {
        Ok(())
    };
    let keyboard = if keyboard.swap(false, Ordering::SeqCst) {
        execute!(out, PopKeyboardEnhancementFlags)
    } else {
        Ok(())
    };
    let screen = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    mouse.and(keyboard).and(screen)
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
        leave_screen(&mut out, &on, &AtomicBool::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        for off in ["\x1b[?1000l", "\x1b[?1002l", "\x1b[?1003l", "\x1b[?1006l"] {
            assert!(text.contains(off), "{off:?} missing from {text:?}");
        }
        assert!(
            text.contains("\x1b[?1049l")
                && text.contains("\x1b[?25h")
                && text.contains("\x1b[?2004l"),
            "{text:?}"
        );
        assert!(!on.load(Ordering::SeqCst), "mouse capture is undone once");

        let mut again = Vec::new();
        leave_screen(&mut again, &on, &AtomicBool::new(false)).unwrap();
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
        let keyboard = AtomicBool::new(true);
        assert!(leave_screen(&mut Broken, &on, &keyboard).is_err());
        assert!(!keyboard.load(Ordering::SeqCst));
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
