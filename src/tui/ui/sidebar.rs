//! The sidebar pane: the selected article's metadata (outlet, publisher, date and where it came
//! from, dateline, byline, words, file, credits, tags). Pure: reads state and store, writes into
//! the buffer; every article string goes through `sanitize::line` first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget, Wrap};

use super::pane_block;
use super::theme::Theme;
use crate::article::Article;
use crate::sanitize;
use crate::store::Store;
use crate::tui::state::{AppState, Focus};

const TITLE: &str = "Details";
const NOTHING: &str = "No article selected.";
/// Shown for a field the article does not have.
const NONE: &str = "—";

/// `2019-11-23 (stated)`, `2023 (given)`, or `unknown`.
fn date_with_source(article: &Article) -> String {
    match article.date.get() {
        Some(d) => format!("{d} ({})", article.date.source),
        None => "unknown".to_owned(),
    }
}

fn field<'a>(label: &'static str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.label),
        Span::raw(value),
    ])
}

fn or_none(value: Option<&String>) -> String {
    value.map_or_else(|| NONE.to_owned(), |v| sanitize::line(v).into_owned())
}

/// The sidebar's lines for one article.
fn lines<'a>(article: &Article, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![
        field("outlet", or_none(article.outlet.get()), theme),
        field("publisher", or_none(article.publisher.get()), theme),
        field("date", date_with_source(article), theme),
        field("dateline", or_none(article.dateline.get()), theme),
        field("byline", or_none(article.byline.as_ref()), theme),
        field("words", article.words.to_string(), theme),
        field("file", sanitize::line(&article.file).into_owned(), theme),
        Line::default(),
        Line::styled("Credits", theme.section),
    ];
    if article.credits.is_empty() {
        lines.push(Line::styled(NONE, theme.note));
    }
    lines.extend(
        article
            .credits
            .iter()
            .map(|c| Line::raw(sanitize::line(c).into_owned())),
    );
    lines.push(Line::default());
    lines.push(Line::styled("Tags", theme.section));
    if article.tags.is_empty() {
        lines.push(Line::styled(NONE, theme.note));
    } else {
        let tags: Vec<String> = article
            .tags
            .iter()
            .map(|t| sanitize::line(t).into_owned())
            .collect();
        lines.push(Line::raw(tags.join(", ")));
    }
    lines
}

/// Draw the sidebar pane. Long values wrap; what does not fit the height is cut.
pub fn render_sidebar(
    area: Rect,
    buf: &mut Buffer,
    state: &AppState,
    store: &Store,
    theme: &Theme,
) {
    let block =
        pane_block(TITLE, state.focus == Focus::Sidebar, theme).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let paragraph = match state.selected_article().and_then(|i| store.get(i)) {
        Some(article) => Paragraph::new(lines(article, theme)),
        None => Paragraph::new(NOTHING).style(theme.note),
    };
    paragraph.wrap(Wrap { trim: false }).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{PartialDate, Sourced};

    #[test]
    fn date_shows_where_it_came_from() {
        let mut a = Article::sample("x", "", "", Some("2019-11-23"), vec![]);
        a.headline = Sourced::missing();
        a.outlet = Sourced::missing();
        assert_eq!(date_with_source(&a), "2019-11-23 (stated)");
        a.date = Sourced::merge(None, PartialDate::parse_iso("2023"));
        assert_eq!(date_with_source(&a), "2023 (given)");
        a.date = Sourced::missing();
        assert_eq!(date_with_source(&a), "unknown");
    }
}
