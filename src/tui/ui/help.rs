//! The help screen: every binding of the keymap, by mode, drawn over the panes. Made from the key
//! table in effect (`Keymap::help_rows`), so it lists exactly the keys in effect. Pure: no state
//! changes, no I/O.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{centred, display_width, overlay_box, put_lines};
use crate::tui::keymap::{self, Keymap, Mode};

/// The help text, one entry per line: a section heading or `(keys, what they do)`.
enum Row {
    Heading(&'static str),
    Binding(String, &'static str),
    Blank,
}

fn rows(keys: &Keymap) -> Vec<Row> {
    let mut out = Vec::new();
    for mode in Mode::ALL {
        let bindings = keys.help_rows(mode);
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Row::Blank);
        }
        out.push(Row::Heading(mode.title()));
        for (keys, help) in bindings {
            out.push(Row::Binding(keys.join(", "), help));
        }
        if mode == Mode::Global {
            out.push(Row::Binding(
                keymap::COUNT_HELP.0.to_owned(),
                keymap::COUNT_HELP.1,
            ));
        }
    }
    out
}

/// The box the help screen takes: most of the screen, centred.
pub fn area(screen: Rect) -> Rect {
    let width = screen
        .width
        .saturating_sub(4)
        .min(78)
        .max(screen.width.min(20));
    let height = screen.height.saturating_sub(2).max(screen.height.min(3));
    centred(screen, width, height)
}

/// How far the help can scroll on this screen.
pub fn max_scroll(screen: Rect, keys: &Keymap) -> usize {
    let inner = usize::from(area(screen).height.saturating_sub(2));
    rows(keys).len().saturating_sub(inner)
}

/// Draw the help screen over whatever is in `screen`, scrolled by `scroll` lines.
pub fn render_help(screen: Rect, buf: &mut Buffer, scroll: usize, keys: &Keymap, theme: &Theme) {
    let area = area(screen).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let rows = rows(keys);
    let more = rows.len() > usize::from(area.height.saturating_sub(2));
    let sep = theme.symbols.separator;
    let title = if more {
        format!("Help {sep} j/k scroll {sep} Esc closes")
    } else {
        format!("Help {sep} Esc closes")
    };
    let inner = overlay_box(area, buf, &title, theme);
    let key_width = rows
        .iter()
        .map(|r| match r {
            Row::Binding(keys, _) => display_width(keys),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width) / 2);
    let width = usize::from(inner.width);
    let lines = rows
        .iter()
        .skip(scroll.min(rows.len()))
        .map(|row| match row {
            Row::Heading(title) => Line::styled(
                theme.symbols.truncate(title, width).into_owned(),
                theme.section,
            ),
            Row::Binding(keys, help) => {
                let keys = theme.symbols.fit(keys, key_width);
                let rest = width.saturating_sub(key_width + 3);
                Line::from(vec![
                    Span::raw(" "),
                    Span::styled(keys, theme.hint_key),
                    Span::raw("  "),
                    Span::raw(theme.symbols.truncate(help, rest).into_owned()),
                ])
            }
            Row::Blank => Line::default(),
        });
    put_lines(inner, buf, lines);
}
