//! The article list pane: one row per article (date, outlet, headline), cut to fit, never
//! wrapped. Pure: reads state and store, writes into the buffer; every article string goes
//! through `sanitize::line` first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::pane_block;
use super::theme::Theme;
use crate::article::Card;
use crate::sanitize;
use crate::store::Store;
use crate::tui::state::{AppState, Focus};

const TITLE: &str = "Articles";
const EMPTY: &str = "No articles here yet. Add .txt files to the articles folder; `gisa check` explains files that could not be read.";
const LOADING: &str = "Loading articles…";
const NO_MATCH: &str = "No articles match the filter. Esc clears it; / changes it.";

/// The rows area inside the list pane's border.
pub fn rows_area(pane: Rect) -> Rect {
    pane_block(TITLE, false, &Theme::plain()).inner(pane)
}

/// Column widths of a list row for an inner width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    date: usize,
    outlet: usize,
}

impl Columns {
    fn for_width(width: usize) -> Self {
        Columns {
            date: if width >= 44 { 10 } else { 4 },
            outlet: match width {
                0..30 => 0,
                30..44 => 9,
                _ => 12,
            },
        }
    }
}

/// The date as short as the column allows: `2019-11-23`, `2019-11`, `2019`, or `----`.
fn short_date(article: &Card, width: usize) -> String {
    match article.date.get() {
        Some(d) if width >= 10 => d.to_string(),
        Some(d) => d.get_year().to_string(),
        None => "----".to_owned(),
    }
}

/// How a row is drawn besides its article.
#[derive(Debug, Clone, Copy, Default)]
struct RowLook {
    /// Drop the column colours, so the selected row is one reverse-video bar.
    uniform: bool,
    read: bool,
    bookmarked: bool,
}

/// One list row: a bookmark mark, then date, outlet and headline; read articles are dimmed.
fn row(article: &Card, width: usize, look: RowLook, theme: &Theme) -> Line<'static> {
    let cols = Columns::for_width(width);
    let mut spans = Vec::with_capacity(6);
    let mut used = 0;
    let mut push = |text: String, style| {
        used += super::display_width(&text);
        spans.push(Span::styled(text, style));
    };
    let pick = |s: Style| {
        if look.uniform {
            Style::new()
        } else if look.read {
            s.patch(theme.list_read)
        } else {
            s
        }
    };
    push(
        if look.bookmarked { "*" } else { " " }.to_owned(),
        pick(theme.hint_key),
    );
    push(
        theme
            .symbols
            .fit(&short_date(article, cols.date), cols.date),
        pick(theme.list_date),
    );
    push(" ".to_owned(), pick(theme.list_headline));
    if cols.outlet > 0 {
        let outlet = article
            .outlet
            .get()
            .or(article.publisher.get())
            .map_or("", String::as_str);
        push(
            theme.symbols.fit(&sanitize::line(outlet), cols.outlet),
            pick(theme.list_outlet),
        );
        push(" ".to_owned(), pick(theme.list_headline));
    }
    let rest = width.saturating_sub(used);
    let headline = theme
        .symbols
        .truncate(&sanitize::line(article.title()), rest)
        .into_owned();
    spans.push(Span::styled(headline, pick(theme.list_headline)));
    Line::from(spans)
}

/// Draw the list pane.
pub fn render_list(area: Rect, buf: &mut Buffer, state: &AppState, store: &Store, theme: &Theme) {
    let focused = state.focus == Focus::List;
    let block = pane_block(TITLE, focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    if state.visible.is_empty() {
        let note = match (store.is_empty(), state.loading.is_some()) {
            (true, true) => LOADING,
            (true, false) => EMPTY,
            (false, _) => NO_MATCH,
        };
        Paragraph::new(theme.chrome(note))
            .style(theme.note)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let width = usize::from(inner.width);
    let rows = state
        .visible
        .iter()
        .enumerate()
        .skip(state.list_offset)
        .take(usize::from(inner.height));
    for (y, (position, &index)) in (inner.y..inner.bottom()).zip(rows) {
        let Some(article) = store.get(index) else {
            continue;
        };
        let selected = position == state.selected;
        let look = RowLook {
            uniform: selected,
            read: state.marks.is_read(&article.id),
            bookmarked: state.marks.is_bookmarked(&article.id),
        };
        let mut line = row(article, width, look, theme);
        if selected {
            line = line.style(if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            });
        }
        line.render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}
