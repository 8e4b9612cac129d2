//! A paste read from a terminal for `gisa add`. The terminal's own line editing (canonical mode)
//! keeps at most 4,095 characters of a line on Linux and silently drops the rest, so a long
//! paragraph would lose its end. Here the terminal is put in non-canonical mode, without echo
//! and signals, while the paste is read; [`Editor`] does what the terminal did (echo, Backspace,
//! Ctrl-D to end, Ctrl-C to cancel), and the terminal's mode is restored however reading ends.

use std::io::{self, Read, Write};
use std::os::fd::BorrowedFd;

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};
use unicode_width::UnicodeWidthChar;

/// How a paste ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Ctrl-D, or the terminal closed.
    Done,
    /// Ctrl-C: nothing is to be added.
    Cancelled,
}

/// The keys of a paste turned into its text and its echo, as a terminal's line editing would.
#[derive(Debug)]
pub struct Editor {
    text: Vec<u8>,
    /// Bytes of `text` echoed so far.
    echoed: usize,
    /// At most this many bytes are kept; the rest of the paste is read and dropped, so that
    /// none of it reaches the shell once gisa exits.
    limit: usize,
    end: Option<End>,
}

const CTRL_C: u8 = 0x03;
const CTRL_D: u8 = 0x04;
const BACKSPACE: u8 = 0x08;
const DELETE: u8 = 0x7f;

impl Editor {
    pub fn new(limit: usize) -> Self {
        Editor {
            text: Vec::new(),
            echoed: 0,
            limit,
            end: None,
        }
    }

    /// How the paste ended, once it has.
    pub fn end(&self) -> Option<End> {
        self.end
    }

    /// The text so far (at most `limit` bytes, so a paste over it is seen to be).
    pub fn into_text(self) -> Vec<u8> {
        self.text
    }

    /// Take in bytes from the terminal; what should appear on the screen goes to `echo`. Bytes
    /// after the end are ignored.
    pub fn feed(&mut self, input: &[u8], echo: &mut Vec<u8>) {
        for &b in input {
            if self.end.is_some() {
                break;
            }
            match b {
                CTRL_D => {
                    self.echo(echo);
                    if self.text.last().is_some_and(|&l| l != b'\n') {
                        echo.push(b'\n');
                    }
                    self.end = Some(End::Done);
                }
                CTRL_C => {
                    self.echo(echo);
                    echo.extend_from_slice(b"^C\n");
                    self.end = Some(End::Cancelled);
                }
                BACKSPACE | DELETE => {
                    self.echo(echo);
                    self.erase(echo);
                }
                _ if self.text.len() < self.limit => self.text.push(b),
                _ => {}
            }
        }
        self.echo(echo);
    }

    /// Echo what was taken in since the last echo, up to its last whole character, cleaned for
    /// the terminal: a pasted escape sequence is not sent back to it.
    fn echo(&mut self, echo: &mut Vec<u8>) {
        let pending = &self.text[self.echoed..];
        let upto = match std::str::from_utf8(pending) {
            Ok(_) => pending.len(),
            // An incomplete character at the end waits for its other bytes.
            Err(e) => e.valid_up_to() + e.error_len().unwrap_or(0),
        };
        if upto == 0 {
            return;
        }
        let shown = String::from_utf8_lossy(&pending[..upto]);
        echo.extend_from_slice(crate::sanitize::text(&shown).as_bytes());
        self.echoed += upto;
    }

    /// Backspace: the last character of the current line goes, from the text and the screen.
    fn erase(&mut self, echo: &mut Vec<u8>) {
        let Some(&last) = self.text.last() else {
            return;
        };
        if last == b'\n' {
            return;
        }
        let mut start = self.text.len() - 1;
        while start > 0 && (self.text[start] & 0xC0) == 0x80 {
            start -= 1;
        }
        let width = std::str::from_utf8(&self.text[start..])
            .ok()
            .and_then(|s| s.chars().next())
            .map_or(1, |c| if c == '\t' { 1 } else { c.width().unwrap_or(0) });
        self.text.truncate(start);
        self.echoed = self.echoed.min(self.text.len());
        for _ in 0..width {
            echo.extend_from_slice(b"\x08 \x08");
        }
    }
}

/// Puts the terminal's mode back when dropped.
struct Restore<'a> {
    fd: BorrowedFd<'a>,
    saved: Termios,
}

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        // Nothing more can be done if this fails: the terminal is gone.
        let _ = termios::tcsetattr(self.fd, OptionalActions::Now, &self.saved);
    }
}

/// Stops watching for signals when dropped.
struct SignalWatch(Option<signal_hook::iterator::Handle>);

impl Drop for SignalWatch {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.close();
        }
    }
}

/// Until the watch is dropped, a SIGTERM, SIGHUP or SIGQUIT puts standard input's terminal back
/// in `saved` and ends the process as the signal would have (status 128 + its number).
fn restore_on_signal(saved: Termios) -> SignalWatch {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT]) else {
        return SignalWatch(None);
    };
    let handle = signals.handle();
    let spawned = std::thread::Builder::new()
        .name("gisa-paste-signals".to_owned())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &saved);
                std::process::exit(128 + sig);
            }
        });
    SignalWatch(spawned.is_ok().then_some(handle))
}

/// Read a paste from the terminal `fd` (read through `reader`), echoing it to `screen`; at most
/// `limit` bytes are kept. `prompt` is shown once the terminal is ready: nothing pasted after
/// it can meet the terminal's line editing.
pub fn read(
    fd: BorrowedFd<'_>,
    reader: &mut dyn Read,
    screen: &mut dyn Write,
    prompt: &str,
    limit: usize,
) -> io::Result<(Vec<u8>, End)> {
    let saved = termios::tcgetattr(fd)?;
    let mut mode = saved.clone();
    mode.local_modes
        .remove(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG | LocalModes::IEXTEN);
    mode.special_codes[SpecialCodeIndex::VMIN] = 1;
    mode.special_codes[SpecialCodeIndex::VTIME] = 0;
    // A signal that ends the process meanwhile (a hang-up, a kill) puts the terminal back
    // first, as the drop below would.
    let watch = restore_on_signal(saved.clone());
    termios::tcsetattr(fd, OptionalActions::Now, &mode)?;
    let _restore = Restore { fd, saved };
    let _watch = watch;
    // Best effort: a screen that cannot be written must not stop a paste.
    let _ = writeln!(screen, "{prompt}").and_then(|()| screen.flush());
    let mut editor = Editor::new(limit);
    let mut buf = [0u8; 8192];
    let mut echo = Vec::new();
    loop {
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        editor.feed(&buf[..n], &mut echo);
        // The echo is a courtesy: a screen that cannot be written must not lose the paste.
        let _ = screen.write_all(&echo).and_then(|()| screen.flush());
        echo.clear();
        if editor.end().is_some() {
            break;
        }
    }
    let end = editor.end().unwrap_or(End::Done);
    Ok((editor.into_text(), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fed(chunks: &[&[u8]], limit: usize) -> (String, String, Option<End>) {
        let mut e = Editor::new(limit);
        let mut echo = Vec::new();
        for c in chunks {
            e.feed(c, &mut echo);
        }
        let end = e.end();
        (
            String::from_utf8(e.into_text()).unwrap(),
            String::from_utf8(echo).unwrap(),
            end,
        )
    }

    #[test]
    fn a_line_longer_than_a_terminal_keeps_is_kept_whole() {
        let line = "word ".repeat(2000);
        let input = format!("Headline\n{line}\n\x04");
        let (text, echo, end) = fed(&[input.as_bytes()], 1 << 20);
        assert_eq!(text, format!("Headline\n{line}\n"));
        assert_eq!(echo, text);
        assert_eq!(end, Some(End::Done));
    }

    #[test]
    fn ctrl_d_ends_and_what_follows_is_ignored_ctrl_c_cancels() {
        assert_eq!(
            fed(&[b"abc\x04def"], 100),
            ("abc".into(), "abc\n".into(), Some(End::Done))
        );
        assert_eq!(
            fed(&[b"ab", b"c\x03def"], 100),
            ("abc".into(), "abc^C\n".into(), Some(End::Cancelled))
        );
        assert_eq!(fed(&[b"abc"], 100).2, None, "not over yet");
    }

    #[test]
    fn backspace_erases_one_character_of_the_current_line_on_screen_too() {
        let (text, echo, _) = fed(
            &["Seoul\u{7f}\u{7f}l\n한국\u{8}x\n\u{7f}\u{4}".as_bytes()],
            100,
        );
        assert_eq!(text, "Seol\n한x\n");
        // A wide character takes two cells back; Backspace at a line's start does nothing.
        assert_eq!(
            echo,
            "Seoul\u{8} \u{8}\u{8} \u{8}l\n한국\u{8} \u{8}\u{8} \u{8}x\n"
        );
    }

    #[test]
    fn a_character_split_across_reads_is_echoed_once_whole() {
        let bytes = "é".as_bytes();
        let (text, echo, _) = fed(&[&bytes[..1], &bytes[1..], b"\x04"], 100);
        assert_eq!(text, "é");
        assert_eq!(echo, "é\n");
    }

    #[test]
    fn escape_sequences_in_a_paste_are_kept_in_the_text_but_never_echoed() {
        let (text, echo, _) = fed(&[b"a\x1b]52;c;eA==\x07b\x1b[2Jc\x04"], 100);
        assert_eq!(text, "a\x1b]52;c;eA==\x07b\x1b[2Jc");
        assert!(!echo.contains('\x1b') && !echo.contains('\x07'), "{echo:?}");
    }

    #[test]
    fn past_the_limit_the_paste_is_read_and_dropped() {
        let (text, _, end) = fed(&[b"0123456789", b"abc\x04"], 4);
        assert_eq!(text, "0123");
        assert_eq!(end, Some(End::Done));
    }
}
