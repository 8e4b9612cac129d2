//! The year and outlet pickers: a small list over the panes, each item with its number of
//! articles, the cursor's row in reverse video. Pure: no state changes, no I/O.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::theme::Theme;
use super::{display_width, pane_block};
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
    let width = want_w.min(screen.width);
    let height = want_h.min(screen.height);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

/// Draw the picker over `screen`.
pub fn render_picker(screen: Rect, buf: &mut Buffer, picker: &Picker, theme: &Theme) {
    let area = area(screen, picker).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let what = match picker.kind {
        PickerKind::Year => "Year",
        PickerKind::Outlet => "Outlet",
    };
    let sep = theme.symbols.separator;
    let title = format!("{what} {sep} Enter {sep} Esc");
    let block = pane_block(&title, true, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = usize::from(inner.height);
    if rows == 0 || inner.width == 0 {
        return;
    }
    // Keep the cursor on screen: the window ends at the cursor when it would fall below.
    let offset = picker.cursor.saturating_sub(rows - 1);
    let width = usize::from(inner.width);
    for (i, (position, (label, count, _))) in picker
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .enumerate()
    {
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
        let y = inner.y + u16::try_from(i).unwrap_or(u16::MAX);
        line.render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}
