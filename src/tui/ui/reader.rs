//! The reader pane: the open article as pre-wrapped lines, of which only the visible slice is
//! drawn. `wrap_article` builds those lines (sanitized, wrapped by display width) and is called
//! from `update`, never while drawing; `render_reader` only copies lines into the buffer. No
//! `Paragraph::scroll` here: its u16 offset cannot reach the end of a long article.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{
    Block, Padding, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget, Wrap,
};
use textwrap::{Options, WrapAlgorithm};

use super::pane_block;
use super::theme::Theme;
use crate::article::Article;
use crate::sanitize;
use crate::store::Store;
use crate::tui::state::{AppState, Focus, LineKind, ReaderLine};

/// Text wider than this is hard to read; wider panes centre a column of this width.
pub const MAX_TEXT_WIDTH: u16 = 80;
const TITLE: &str = "Reader";
const EMPTY: &str = "Nothing to read yet: there are no articles.";
const NO_BODY: &str = "(no article text was found in this file)";

fn block<'a>(focused: bool, theme: &Theme) -> Block<'a> {
    pane_block(TITLE, focused, theme).padding(Padding::horizontal(1))
}

/// The area the article text goes in: inside the border, at most [`MAX_TEXT_WIDTH`] wide and
/// centred. `update` wraps to this width, so it must match what `render_reader` uses.
pub fn text_area(pane: Rect) -> Rect {
    let inner = block(false, &Theme::plain()).inner(pane);
    let width = inner.width.min(MAX_TEXT_WIDTH);
    Rect {
        x: inner.x + (inner.width - width) / 2,
        width,
        ..inner
    }
}

/// The article as display lines of at most `width` columns: headline, outlet/date/dateline,
/// byline, a blank line, then the paragraphs with a blank line between them.
pub fn wrap_article(article: &Article, width: usize) -> Vec<ReaderLine> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let mut push = |kind: LineKind, text: &str| {
        if kind == LineKind::Blank {
            lines.push(ReaderLine {
                kind,
                text: String::new(),
            });
            return;
        }
        let options = Options::new(width).wrap_algorithm(WrapAlgorithm::FirstFit);
        lines.extend(
            textwrap::wrap(text, options)
                .into_iter()
                .map(|l| ReaderLine {
                    kind,
                    text: l.into_owned(),
                }),
        );
    };
    push(LineKind::Headline, &sanitize::line(article.title()));
    push(LineKind::Meta, &meta_line(article));
    if let Some(byline) = &article.byline {
        push(LineKind::Byline, &format!("By {}", sanitize::line(byline)));
    }
    push(LineKind::Blank, "");
    if article.body.is_empty() {
        push(LineKind::Note, NO_BODY);
    }
    for (i, paragraph) in article.body.iter().enumerate() {
        if i > 0 {
            push(LineKind::Blank, "");
        }
        push(LineKind::Body, &sanitize::text(paragraph));
    }
    lines
}

/// `Reuters (via Business Standard) · 2019-11-23 · SEOUL`, every part sanitized.
fn meta_line(article: &Article) -> String {
    let outlet = article.outlet.get().map(|o| sanitize::line(o));
    let publisher = article.publisher.get().map(|p| sanitize::line(p));
    let source = match (outlet, publisher) {
        (Some(o), Some(p)) if o != p => format!("{o} (via {p})"),
        (Some(o), _) => o.into_owned(),
        (None, Some(p)) => p.into_owned(),
        (None, None) => "outlet unknown".to_owned(),
    };
    let mut parts = vec![source, article.date_label()];
    if let Some(dateline) = article.dateline.get() {
        parts.push(sanitize::line(dateline).into_owned());
    }
    parts.join(" · ")
}

fn style_for(kind: LineKind, theme: &Theme) -> Style {
    match kind {
        LineKind::Headline => theme.headline,
        LineKind::Meta => theme.meta,
        LineKind::Byline => theme.byline,
        LineKind::Body | LineKind::Blank => theme.body,
        LineKind::Note => theme.note,
    }
}

/// Draw the reader pane: the slice of pre-wrapped lines from the scroll offset, and a scrollbar
/// on the right border when the article is longer than the pane.
pub fn render_reader(area: Rect, buf: &mut Buffer, state: &AppState, store: &Store, theme: &Theme) {
    let block = block(state.focus == Focus::Reader, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    if store.is_empty() || state.selected_article().is_none() {
        Paragraph::new(EMPTY)
            .style(theme.note)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let text = text_area(area);
    let reader = &state.reader;
    let visible = reader
        .lines
        .iter()
        .skip(reader.scroll)
        .take(usize::from(text.height));
    for (y, line) in (text.y..text.bottom()).zip(visible) {
        Line::styled(line.text.as_str(), style_for(line.kind, theme))
            .render(Rect::new(text.x, y, text.width, 1), buf);
    }
    let max = reader.max_scroll();
    if max > 0 {
        let mut bar = ScrollbarState::new(max + 1)
            .position(reader.scroll.min(max))
            .viewport_content_length(usize::from(text.height));
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(None)
            .thumb_symbol("█")
            .thumb_style(theme.scrollbar)
            .render(
                area.inner(Margin {
                    horizontal: 0,
                    vertical: 1,
                }),
                buf,
                &mut bar,
            );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{PartialDate, Sourced};

    fn article(body: &[&str]) -> Article {
        let body: Vec<String> = body.iter().map(|s| (*s).to_owned()).collect();
        let mut a = Article::sample("x", "A headline", "AP", None, body);
        a.publisher = Sourced::merge(Some("Business Standard".into()), None);
        a.date = Sourced::merge(None, PartialDate::parse_iso("2023"));
        a.dateline = Sourced::merge(Some("SEOUL".into()), None);
        a.byline = Some("Kim Tong-hyung".into());
        a
    }

    #[test]
    fn lines_follow_the_article_shape() {
        let lines = wrap_article(&article(&["One.", "Two."]), 60);
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Headline,
                LineKind::Meta,
                LineKind::Byline,
                LineKind::Blank,
                LineKind::Body,
                LineKind::Blank,
                LineKind::Body
            ]
        );
        assert_eq!(
            lines[1].text,
            "AP (via Business Standard) · 2023 (given) · SEOUL"
        );
    }

    #[test]
    fn wraps_by_display_width_and_cjk_counts_two() {
        let cjk = "日本と韓国の首脳会談がソウルで開かれ、両国は関係改善で合意した。";
        let lines = wrap_article(&article(&[cjk]), 10);
        let body: Vec<&ReaderLine> = lines.iter().filter(|l| l.kind == LineKind::Body).collect();
        assert!(body.len() >= 6, "{body:?}");
        for line in &body {
            assert!(super::super::display_width(&line.text) <= 10, "{line:?}");
        }
        let joined: String = body.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, cjk);
    }

    #[test]
    fn long_words_are_broken_and_nothing_is_wider_than_asked() {
        let a = article(&[&"x".repeat(500), "short words here"]);
        for width in [1, 2, 7, 80] {
            for line in wrap_article(&a, width) {
                assert!(
                    super::super::display_width(&line.text) <= width,
                    "{width} {line:?}"
                );
            }
        }
        assert!(wrap_article(&a, 0).is_empty());
    }

    #[test]
    fn hostile_text_is_sanitized_before_it_is_stored() {
        let mut a = article(&["a\x1b[31mred\x1b]0;title\x07 \u{202E}txet"]);
        a.headline = Sourced::merge(Some("bad\x1b]52;c;eA==\x07 title".into()), None);
        for line in wrap_article(&a, 40) {
            assert!(
                !line.text.contains(['\x1b', '\x07', '\u{202E}']),
                "{line:?}"
            );
            assert!(!line.text.contains("]0;") && !line.text.contains("[31m"));
        }
    }

    #[test]
    fn an_article_without_body_says_so() {
        let lines = wrap_article(&article(&[]), 60);
        assert_eq!(lines.last().map(|l| l.kind), Some(LineKind::Note));
    }

    #[test]
    fn text_is_capped_at_80_columns_and_centred() {
        let pane = Rect::new(0, 0, 120, 10);
        let text = text_area(pane);
        assert_eq!(text.width, 80);
        assert_eq!(text.x, 2 + (116 - 80) / 2);
        let narrow = text_area(Rect::new(5, 0, 30, 10));
        assert_eq!((narrow.x, narrow.width), (7, 26));
        assert!(text_area(Rect::new(0, 0, 1, 1)).is_empty());
    }
}
