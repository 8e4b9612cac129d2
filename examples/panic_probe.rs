//! Enters reader mode exactly as `gisa` does (raw mode, alternate screen, hidden cursor, mouse
//! capture, kitty keyboard flags), draws a line, then panics. The pty tests run it to check that
//! the panic hook restores the terminal before the report is printed, so the report is readable.
//! Not part of gisa itself.

use gisa::tui::term::TerminalGuard;
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut guard = TerminalGuard::enter(true, true)?;
    guard
        .terminal()
        .draw(|f| f.render_widget(Paragraph::new("drawn before the panic"), f.area()))?;
    panic!("deliberate panic to test the restore\nsecond line of the report");
}
