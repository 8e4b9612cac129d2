//! The year and outlet pickers: a small list over the panes, each item with its number of
//! articles, the cursor's row in reverse video. Pure: no state changes, no I/O.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{centred, display_width, overlay_box, put_lines};
use crate::sanitize;
use crate::tui::state::{Picker, PickerKind};

/// The box: wide enough for the longest item, at most the screen, centred.
fn area(screen: Rect, picker: &Picker) -> Rect {
    let longest = picker
        .items
        .iter()
        .map(|(label, n, _)| display_width(&sanitize::line(label)) + 2 + n.to_string().len())
        .max()
        .unwrap_or(0);
    let want_w = u16::try_from(longest + 4).unwrap_or(u16::MAX).max(34);
    let want_h = u16::try_from(picker.items.len() + 2).unwrap_or(u16::MAX);
    centred(screen, want_w, want_h)
}

/// Draw the picker over `screen`.
pub fn render_picker(screen: Rect, buf: &mut Buffer, picker: &Picker, theme: &Theme) {
    let area = area(screen, picker).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let what = match picker.kind {
        PickerKind::Year => "Year",
        PickerKind::Outlet => "Outlet",
    };
    let sep = theme.symbols.separator;
    let title = format!("{what} {sep} Enter {sep} Esc");
    let inner = overlay_box(area, buf, &title, theme);
    let rows = usize::from(inner.height);
    if rows == 0 || inner.width == 0 {
        return;
    }
    // Keep the cursor on screen: the window ends at the cursor when it would fall below.
    let offset = picker.cursor.saturating_sub(rows - 1);
    let width = usize::from(inner.width);
    let lines =
        picker
            .items
            .iter()
            .enumerate()
            .skip(offset)
            .map(|(position, (label, count, _))| {
                let count = count.to_string();
                let label = theme
                    .symbols
                    .truncate(
                        &sanitize::line(label),
                        width.saturating_sub(count.len() + 2),
                    )
                    .into_owned();
                let gap = width.saturating_sub(display_width(&label) + count.len() + 1);
                let mut line = Line::from(vec![
                    Span::raw(format!(" {label}")),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(count, theme.hint),
                ]);
                if position == picker.cursor {
                    line = line.style(theme.selected);
                }
                line
            });
    put_lines(inner, buf, lines);
}
