//! The status bar: `n of N articles`, how far through the article the reader is, skipped files,
//! and key hints generated from the keymap. Pure: reads state and store, writes one row.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::display_width;
use super::theme::Theme;
use crate::load::Severity;
use crate::sanitize;
use crate::store::Store;
use crate::tui::state::{AppState, QueryLine};

/// The query line while it is open: `/` and the text with a cursor, then why it does not parse.
fn query_line<'a>(q: &QueryLine, count: usize, theme: &Theme) -> Line<'a> {
    let mut spans = vec![
        Span::styled(" /", theme.hint_key),
        Span::styled(sanitize::line(&q.text).into_owned(), theme.status),
        Span::styled(" ", theme.cursor),
    ];
    match &q.error {
        Some(e) => spans.push(Span::styled(
            format!("  {}", sanitize::line(e)),
            theme.warning,
        )),
        None => spans.push(Span::styled(
            format!(
                "  {count} {}",
                if count == 1 { "article" } else { "articles" }
            ),
            theme.hint,
        )),
    }
    Line::from(spans)
}

/// The left part: the filter, position in the list, position in the article, skipped files.
fn left<'a>(state: &AppState, store: &Store, theme: &Theme) -> Line<'a> {
    if let Some(q) = &state.query {
        return query_line(q, state.visible.len(), theme);
    }
    let mut spans = Vec::new();
    if !state.filter.is_empty() {
        spans.push(Span::styled(
            format!(
                " {}  {}",
                sanitize::line(&state.filter.to_string()),
                theme.symbols.separator
            ),
            theme.hint_key,
        ));
    }
    let count = state.visible.len();
    let noun = if count == 1 { "article" } else { "articles" };
    spans.push(Span::styled(
        if count == 0 {
            " no articles".to_owned()
        } else {
            format!(" {} of {count} {noun}", state.selected + 1)
        },
        theme.status,
    ));
    if state.selected_article().is_some() && !state.reader.lines.is_empty() {
        spans.push(Span::styled(
            format!("  {}%", state.reader.percent()),
            theme.status,
        ));
    }
    if let Some(l) = state.loading {
        spans.push(Span::styled(
            if l.files == 0 {
                theme.chrome("  loading…").into_owned()
            } else {
                format!("  loading {} of {} files", l.done, l.files)
            },
            theme.hint_key,
        ));
    }
    let skipped = store
        .problems()
        .iter()
        .filter(|p| p.severity == Severity::Skipped)
        .count();
    if let Some(n) = state.count {
        spans.push(Span::styled(format!("  {n}"), theme.hint_key));
    }
    if let Some(notice) = &state.notice {
        spans.push(Span::styled(
            format!("  {}", theme.chrome(&sanitize::line(notice))),
            theme.hint_key,
        ));
    }
    if skipped > 0 {
        let files = if skipped == 1 { "file" } else { "files" };
        let why = state
            .keymap
            .key_for(crate::tui::action::Action::OpenProblems)
            .map_or_else(|| "gisa check".to_owned(), |k| format!("{k} shows why"));
        spans.push(Span::styled(
            format!("  {skipped} {files} skipped ({why})"),
            theme.warning,
        ));
    }
    Line::from(spans)
}

/// Key hints that fit in `room` columns, dropping the first ones (quit stays longest).
fn hints<'a>(state: &AppState, room: usize, theme: &Theme) -> Line<'a> {
    let all = state.keymap.hints(state.input());
    let width = |hs: &[(String, &str)]| -> usize {
        hs.iter()
            .map(|(k, w)| display_width(k) + 1 + display_width(w) + 2)
            .sum()
    };
    let mut start = 0;
    while start < all.len() && width(&all[start..]) > room {
        start += 1;
    }
    let mut spans = Vec::new();
    for (key, word) in &all[start..] {
        spans.push(Span::styled(key.clone(), theme.hint_key));
        spans.push(Span::styled(format!(" {word}  "), theme.hint));
    }
    Line::from(spans).alignment(Alignment::Right)
}

/// Draw the status bar in `area` (one row).
pub fn render_status(area: Rect, buf: &mut Buffer, state: &AppState, store: &Store, theme: &Theme) {
    let row = Rect {
        height: area.height.min(1),
        ..area
    };
    if row.is_empty() {
        return;
    }
    buf.set_style(row, theme.status);
    let left = left(state, store, theme);
    let used = left.width();
    left.render(row, buf);
    let room = usize::from(row.width).saturating_sub(used + 2);
    hints(state, room, theme).render(row, buf);
}
