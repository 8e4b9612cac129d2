//! The dossier and timeline views: a list over the panes, headings and items, the cursor's row
//! in reverse video, bars for the timeline. Pure: no state changes, no I/O.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{centred, display_width, overlay_box, put_lines};
use crate::sanitize;
use crate::tui::state::{View, ViewRowKind};
use crate::width::{fit_with, truncate_with};

/// The widest bar, in columns.
const BAR: usize = 24;

/// The box: the screen less a margin.
fn area(screen: Rect) -> Rect {
    let width = screen.width.saturating_sub(4).max(screen.width.min(20));
    let height = screen.height.saturating_sub(2).max(screen.height.min(3));
    centred(screen, width, height)
}

/// Draw the view over `screen`.
pub fn render_view(screen: Rect, buf: &mut Buffer, view: &View, theme: &Theme) {
    let area = area(screen).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let ellipsis = theme.symbols.ellipsis;
    let title = truncate_with(
        &theme.chrome(&sanitize::line(&view.title)),
        usize::from(area.width.saturating_sub(4)),
        ellipsis,
    )
    .into_owned();
    let inner = overlay_box(area, buf, &title, theme);
    let rows = usize::from(inner.height);
    let width = usize::from(inner.width);
    if rows == 0 || width == 0 {
        return;
    }
    let offset = view.cursor.saturating_sub(rows - 1);
    let lines = view
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .map(|(position, row)| {
            let mut spans = Vec::new();
            match row.kind {
                ViewRowKind::Heading => spans.push(Span::styled(
                    truncate_with(&theme.chrome(&sanitize::line(&row.text)), width, ellipsis)
                        .into_owned(),
                    theme.section,
                )),
                ViewRowKind::Item => {
                    let text = format!("  {}", theme.chrome(&sanitize::line(&row.text)));
                    match row.bar {
                        Some((n, most)) => {
                            let label = fit_with(&text, 10, ellipsis);
                            let room = width
                                .saturating_sub(display_width(&label) + 2 + n.to_string().len());
                            let len = (n * BAR.min(room)).checked_div(most).unwrap_or(0).max(1);
                            spans.push(Span::raw(label));
                            spans.push(Span::styled(
                                theme.symbols.thumb.repeat(len.min(room)),
                                theme.hint_key,
                            ));
                            spans.push(Span::styled(format!(" {n}"), theme.hint));
                        }
                        None => spans.push(Span::raw(
                            truncate_with(&text, width, ellipsis).into_owned(),
                        )),
                    }
                }
            }
            let mut line = Line::from(spans);
            if position == view.cursor {
                line = line.style(theme.selected);
            }
            line
        });
    put_lines(inner, buf, lines);
}
