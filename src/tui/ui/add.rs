//! The add pane over the panes: the text being pasted (its end, as it arrives), then what gisa
//! understood of it, the name it will be saved under, and whether the archive has it already.
//! Pure: no state changes, no I/O.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{centred, overlay_box, put_lines};
use crate::sanitize;
use crate::tui::state::{AddField, AddPane, AddReview};
use crate::width::truncate_with;

/// Width of the labels of the review, `organisations` the longest.
const LABEL: usize = 13;

/// Draw the add pane over `screen`.
pub fn render_add(screen: Rect, buf: &mut Buffer, add: &AddPane, theme: &Theme) {
    let width = screen.width.saturating_sub(4).max(screen.width.min(20));
    let height = screen.height.saturating_sub(2).max(screen.height.min(3));
    let area = centred(screen, width, height).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let title = if add.review.is_some() {
        "Add an article: what was understood"
    } else {
        "Add an article: paste it, then Ctrl-D"
    };
    let ellipsis = theme.symbols.ellipsis;
    let title = truncate_with(title, usize::from(area.width.saturating_sub(4)), ellipsis);
    let inner = overlay_box(area, buf, &title, theme);
    let rows = usize::from(inner.height);
    let cols = usize::from(inner.width);
    if rows == 0 || cols == 0 {
        return;
    }
    let cut = |s: &str| truncate_with(s, cols, ellipsis).into_owned();
    // The last lines: the state of things (an error, a correction being typed).
    let mut footer: Vec<Line<'static>> = Vec::new();
    if let Some((field, typed)) = &add.editing {
        let what = match field {
            AddField::Headline => "headline",
            AddField::Outlet => "outlet",
            AddField::Date => "date (2019-11-23, 2019-11 or 2019)",
        };
        let label = format!("{what}: ");
        let room = cols.saturating_sub(crate::width::display_width(&label) + 1);
        footer.push(Line::from(vec![
            Span::styled(label, theme.label),
            Span::raw(tail(&sanitize::line(typed), room)),
            Span::styled(" ", theme.cursor),
        ]));
    }
    if let Some(e) = &add.error {
        footer.push(Line::from(Span::styled(
            cut(&sanitize::line(e)),
            theme.warning,
        )));
    }
    let room = rows.saturating_sub(footer.len());
    let mut lines = match &add.review {
        None => paste_lines(&add.text, room, &cut, theme),
        Some(review) => review_lines(review, cols, theme),
    };
    lines.truncate(room);
    while lines.len() < room {
        lines.push(Line::from(""));
    }
    lines.extend(footer);
    put_lines(inner, buf, lines);
}

/// The paste so far: a count and what to do, then its last lines as they arrive.
fn paste_lines(
    text: &str,
    room: usize,
    cut: &dyn Fn(&str) -> String,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let text = sanitize::text(text);
    let all: Vec<&str> = text.lines().collect();
    let words = crate::query::words(&text).count();
    let mut lines = vec![Line::from(Span::styled(
        cut(&format!(
            "{} lines, {words} words. Ctrl-D when it is all in; Esc closes.",
            all.len()
        )),
        theme.hint,
    ))];
    let shown = room.saturating_sub(1);
    let skip = all.len().saturating_sub(shown);
    lines.extend(all.iter().skip(skip).map(|l| Line::from(cut(l))));
    lines
}

/// The archive's copy when it has one, then what was understood, row by row (each cut to the
/// width after its label), and the name it will be saved under.
fn review_lines(review: &AddReview, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    let ellipsis = theme.symbols.ellipsis;
    let row = |label: &str, value: &str, style| {
        let label = format!("{label:<LABEL$} ");
        let room = cols.saturating_sub(crate::width::display_width(&label));
        Line::from(vec![
            Span::styled(label, theme.label),
            Span::styled(truncate_with(value, room, ellipsis).into_owned(), style),
        ])
    };
    let mut lines: Vec<Line<'static>> = review
        .rows
        .iter()
        .map(|(label, value)| row(label, value, ratatui::style::Style::default()))
        .collect();
    lines.push(Line::from(""));
    lines.push(row(
        "saved as",
        &sanitize::line(&review.name),
        ratatui::style::Style::default(),
    ));
    // First, so that even a small screen shows it.
    if let Some(d) = &review.duplicate {
        lines.insert(0, row("already in", d, theme.warning));
    }
    lines
}

/// The end of `s` that fits in `width` columns: what is being typed stays in view.
fn tail(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        used += crate::width::char_width(c);
        if used > width {
            break;
        }
        start = i;
    }
    s[start..].to_owned()
}
