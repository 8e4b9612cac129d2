//! The reader pane: the open article as pre-wrapped lines, of which only the visible slice is
//! drawn. `wrap_article` builds those lines (sanitized, wrapped by display width) and is called
//! from `update`, never while drawing; `render_reader` only copies lines into the buffer. No
//! `Paragraph::scroll` here: its u16 offset cannot reach the end of a long article.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
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
use crate::tui::state::{AppState, Focus, LineKind, Mark, ReaderLine};

/// Text wider than this is hard to read; wider panes centre a column of this width.
pub const MAX_TEXT_WIDTH: u16 = 80;
const TITLE: &str = "Reader";
const EMPTY: &str = "Nothing to read yet: there are no articles.";
const LOADING: &str = "Loading articles…";
const NO_BODY: &str = "(no article text was found in this file)";

fn block<'a>(focused: bool, theme: &Theme) -> Block<'a> {
    pane_block(TITLE, focused, theme).padding(Padding::horizontal(1))
}

/// The area the article text goes in: inside the border, at most `max_width` wide (the reader's
/// line length, [`MAX_TEXT_WIDTH`] unless configured or changed) and centred. `update` wraps to
/// this width, so it must match what `render_reader` uses.
pub fn text_area(pane: Rect, max_width: u16) -> Rect {
    let inner = block(false, &Theme::plain()).inner(pane);
    let width = inner.width.min(max_width.max(1));
    Rect {
        x: inner.x + (inner.width - width) / 2,
        width,
        ..inner
    }
}

/// The article as display lines of at most `width` columns: headline, outlet/date/dateline,
/// byline, a blank line, then the paragraphs with a blank line between them. Entity mentions in
/// the body become [`Mark`]s on the lines they land on.
pub fn wrap_article(article: &Article, width: usize) -> Vec<ReaderLine> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let mut push = |kind: LineKind, text: &str| push_wrapped(&mut lines, kind, text, &[], width);
    push(LineKind::Headline, &sanitize::line(article.title()));
    push(LineKind::Meta, &meta_line(article));
    if let Some(byline) = &article.byline {
        push(LineKind::Byline, &format!("By {}", sanitize::line(byline)));
    }
    push(LineKind::Blank, "");
    if article.body.is_empty() {
        push(LineKind::Note, NO_BODY);
    }
    let mentions = mentions_by_paragraph(article);
    for (i, paragraph) in article.body.iter().enumerate() {
        if i > 0 {
            push_wrapped(&mut lines, LineKind::Blank, "", &[], width);
        }
        let raw_marks = mentions.get(i).map_or(&[][..], Vec::as_slice);
        let (text, marks) = marked_paragraph(paragraph, raw_marks);
        push_wrapped(&mut lines, LineKind::Body, &text, &marks, width);
    }
    lines
}

/// Wrap `text` (already sanitized) to `width` columns and append the lines, each with the part
/// of `marks` (byte ranges of `text`) that falls on it.
fn push_wrapped(
    lines: &mut Vec<ReaderLine>,
    kind: LineKind,
    text: &str,
    marks: &[Mark],
    width: usize,
) {
    if kind == LineKind::Blank {
        lines.push(ReaderLine {
            kind,
            text: String::new(),
            marks: Vec::new(),
        });
        return;
    }
    let options = Options::new(width).wrap_algorithm(WrapAlgorithm::FirstFit);
    for piece in textwrap::wrap(text, options) {
        // textwrap hands back slices of `text` unless it had to add something (a hyphen it
        // inserted); only a slice tells where the line starts, so only a slice keeps its marks.
        let marks = match &piece {
            Cow::Borrowed(slice) => offset_in(text, slice)
                .map(|at| marks_within(marks, at, slice.len()))
                .unwrap_or_default(),
            Cow::Owned(_) => Vec::new(),
        };
        lines.push(ReaderLine {
            kind,
            text: piece.into_owned(),
            marks,
        });
    }
}

/// Where `part`, a slice of `whole`, starts in it; `None` when it is not a slice of it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (at + part.len() <= whole.len()).then_some(at)
}

/// The marks overlapping `start..start + len`, cut to that range and made relative to it.
fn marks_within(marks: &[Mark], start: usize, len: usize) -> Vec<Mark> {
    let end = start + len;
    marks
        .iter()
        .filter(|m| m.start < end && m.end > start)
        .map(|m| Mark {
            start: m.start.max(start) - start,
            end: m.end.min(end) - start,
            ..*m
        })
        .filter(|m| m.start < m.end)
        .collect()
}

/// Every entity mention of the body as a mark into its raw paragraph, per paragraph: only ranges
/// that exist in the paragraph, sorted, without overlaps (the first of two overlapping wins).
fn mentions_by_paragraph(article: &Article) -> Vec<Vec<Mark>> {
    let mut by_paragraph = vec![Vec::new(); article.body.len()];
    for (index, entity) in article.entities.iter().enumerate() {
        for m in &entity.mentions {
            let exists = article
                .body
                .get(m.paragraph())
                .is_some_and(|p| m.start() < m.end() && p.get(m.start()..m.end()).is_some());
            if let Some(list) = by_paragraph.get_mut(m.paragraph()).filter(|_| exists) {
                list.push(Mark {
                    start: m.start(),
                    end: m.end(),
                    kind: entity.kind,
                    entity: index,
                });
            }
        }
    }
    for list in &mut by_paragraph {
        list.sort_by_key(|m| (m.start, m.end));
        let mut end = 0;
        list.retain(|m| {
            let keep = m.start >= end;
            if keep {
                end = m.end;
            }
            keep
        });
    }
    by_paragraph
}

/// Above this much work (paragraph bytes times mentions), a paragraph that needed sanitizing is
/// shown without highlights rather than mapped mention by mention.
const MAP_BUDGET: usize = 1 << 22;

/// A raw paragraph as shown (sanitized), with its mentions (`raw_marks`: sorted, not overlapping,
/// byte ranges of `raw` on char boundaries) moved onto the shown text. Sanitizing removes escape sequences and expands tabs, so offsets
/// into the raw text do not fit the shown one. The shown text is always exactly
/// `sanitize::text(raw)`: a mention's place in it is the length of the sanitized text before it,
/// and a mention hidden inside an escape sequence shrinks to nothing and is dropped.
fn marked_paragraph<'a>(raw: &'a str, raw_marks: &[Mark]) -> (Cow<'a, str>, Vec<Mark>) {
    let shown = sanitize::text(raw);
    let marks = if matches!(shown, Cow::Borrowed(_)) {
        // Nothing was changed, so raw offsets are shown offsets.
        raw_marks.to_vec()
    } else if raw.len().saturating_mul(raw_marks.len()) <= MAP_BUDGET {
        let shown_at = |b: usize| {
            let before = sanitize::text(raw.get(..b)?);
            shown.starts_with(&*before).then_some(before.len())
        };
        raw_marks
            .iter()
            .filter_map(|m| {
                let (start, end) = (shown_at(m.start)?, shown_at(m.end)?);
                (start < end).then_some(Mark { start, end, ..*m })
            })
            .collect()
    } else {
        Vec::new()
    };
    (shown, marks)
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

/// A reader line as spans: the line's own style, with each mark in its entity kind's style.
/// A reader line with its names in their kind's style; the spotlighted entity's names stand out
/// (reverse video, so they show without colour too).
fn styled_line<'a>(line: &'a ReaderLine, spotlight: Option<usize>, theme: &Theme) -> Line<'a> {
    let base = style_for(line.kind, theme);
    if line.kind == LineKind::Meta {
        // Our separators between outlet, date and dateline; one column either way, so the
        // line still fits the width it was wrapped to.
        return Line::styled(theme.chrome(&line.text), base);
    }
    if line.marks.is_empty() {
        return Line::styled(line.text.as_str(), base);
    }
    let mut spans = Vec::with_capacity(line.marks.len() * 2 + 1);
    let mut at = 0;
    for m in &line.marks {
        let (Some(before), Some(name)) =
            (line.text.get(at..m.start), line.text.get(m.start..m.end))
        else {
            continue;
        };
        if !before.is_empty() {
            spans.push(Span::raw(before));
        }
        let style = if spotlight == Some(m.entity) {
            theme.entity(m.kind).patch(theme.spotlight)
        } else {
            theme.entity(m.kind)
        };
        spans.push(Span::styled(name, style));
        at = m.end;
    }
    if let Some(rest) = line.text.get(at..).filter(|r| !r.is_empty()) {
        spans.push(Span::raw(rest));
    }
    Line::from(spans).style(base)
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
        let note = if state.loading.is_some() && store.is_empty() {
            LOADING
        } else {
            EMPTY
        };
        Paragraph::new(theme.chrome(note))
            .style(theme.note)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let text = text_area(area, state.text_width);
    let reader = &state.reader;
    let visible = reader
        .lines
        .iter()
        .skip(reader.scroll)
        .take(usize::from(text.height));
    for (y, line) in (text.y..text.bottom()).zip(visible) {
        styled_line(line, state.reader.spotlight, theme)
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
            .thumb_symbol(theme.symbols.thumb)
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
    use crate::entities::{FoundEntity, Kind, Mention};

    /// An entity of `kind` mentioned wherever `name` occurs in the raw paragraphs.
    fn entity(body: &[String], name: &str, kind: Kind) -> FoundEntity {
        let mentions = body
            .iter()
            .enumerate()
            .flat_map(|(paragraph, p)| {
                p.match_indices(name)
                    .map(move |(start, _)| Mention::new(paragraph, start, start + name.len()))
            })
            .collect();
        FoundEntity {
            name: name.into(),
            kind,
            key: name.to_lowercase().into(),
            known: true,
            mentions,
        }
    }

    /// The marked words of the body lines, with their kinds.
    fn marked(lines: &[ReaderLine]) -> Vec<(String, Kind)> {
        lines
            .iter()
            .flat_map(|l| {
                l.marks
                    .iter()
                    .map(|m| (l.text[m.start..m.end].to_owned(), m.kind))
            })
            .collect()
    }

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
    fn mentions_are_marked_with_their_kind() {
        let mut a = article(&["Yoon Suk Yeol met Kishida in Tokyo.", "Tokyo again."]);
        a.entities = vec![
            entity(&a.body, "Yoon Suk Yeol", Kind::Person),
            entity(&a.body, "Tokyo", Kind::Place),
            entity(&a.body, "Kishida", Kind::Person),
        ];
        let lines = wrap_article(&a, 60);
        assert_eq!(
            marked(&lines),
            [
                ("Yoon Suk Yeol".to_owned(), Kind::Person),
                ("Kishida".to_owned(), Kind::Person),
                ("Tokyo".to_owned(), Kind::Place),
                ("Tokyo".to_owned(), Kind::Place),
            ]
        );
    }

    #[test]
    fn a_mention_cut_by_wrapping_is_marked_on_both_lines() {
        let mut a = article(&["Talks with Yoon Suk Yeol went on."]);
        a.entities = vec![entity(&a.body, "Yoon Suk Yeol", Kind::Person)];
        let lines = wrap_article(&a, 16);
        let body: Vec<&ReaderLine> = lines.iter().filter(|l| l.kind == LineKind::Body).collect();
        assert_eq!(body[0].text, "Talks with Yoon");
        assert_eq!(body[1].text, "Suk Yeol went");
        assert_eq!(marked(&lines)[0], ("Yoon".to_owned(), Kind::Person));
        assert_eq!(marked(&lines)[1], ("Suk Yeol".to_owned(), Kind::Person));
    }

    #[test]
    fn hostile_text_before_a_mention_does_not_move_its_highlight() {
        // Raw offsets count the escape sequences and the tab; the shown text has neither.
        let raw =
            "\x1b]0;owned\x07Colour \x1b[31mred\x1b[0m,\tthen Kishida and \x1b[1mGSOMIA\x1b[0m.";
        let mut a = article(&[raw]);
        a.entities = vec![
            entity(&a.body, "Kishida", Kind::Person),
            entity(&a.body, "GSOMIA", Kind::Agreement),
            // A "name" inside an escape sequence's payload is never shown, so never marked.
            entity(&a.body, "owned", Kind::Organisation),
        ];
        let lines = wrap_article(&a, 80);
        let body = lines.iter().find(|l| l.kind == LineKind::Body).unwrap();
        assert_eq!(body.text, sanitize::text(raw));
        assert!(!body.text.contains('\x1b') && !body.text.contains("owned"));
        assert_eq!(
            marked(&lines),
            [
                ("Kishida".to_owned(), Kind::Person),
                ("GSOMIA".to_owned(), Kind::Agreement)
            ]
        );
    }

    #[test]
    fn mentions_after_cjk_land_on_the_name() {
        let mut a = article(&["日本と韓国の首脳は東京で会談し、岸田文雄首相と会った。"]);
        a.entities = vec![
            entity(&a.body, "東京", Kind::Place),
            entity(&a.body, "岸田文雄", Kind::Person),
        ];
        let marks = |width| {
            let lines = wrap_article(&a, width);
            marked(&lines)
        };
        assert_eq!(
            marks(60),
            [
                ("東京".to_owned(), Kind::Place),
                ("岸田文雄".to_owned(), Kind::Person)
            ]
        );
        // At 12 columns the name is cut between two lines; each piece keeps the mark.
        assert_eq!(
            marks(12),
            [
                ("東京".to_owned(), Kind::Place),
                ("岸田".to_owned(), Kind::Person),
                ("文雄".to_owned(), Kind::Person)
            ]
        );
    }

    #[test]
    fn bad_mention_offsets_are_ignored() {
        let mut a = article(&["Séoul and Tokyo."]);
        let mut bad = entity(&a.body, "Tokyo", Kind::Place);
        // Inside the two-byte é, past the end, and in a paragraph that does not exist.
        for (paragraph, start, end) in [(0, 2, 4), (0, 10, 99), (5, 0, 2)] {
            bad.mentions.push(Mention::new(paragraph, start, end));
        }
        a.entities = vec![bad];
        let lines = wrap_article(&a, 40);
        assert_eq!(marked(&lines), [("Tokyo".to_owned(), Kind::Place)]);
    }

    #[test]
    fn an_article_without_body_says_so() {
        let lines = wrap_article(&article(&[]), 60);
        assert_eq!(lines.last().map(|l| l.kind), Some(LineKind::Note));
    }

    #[test]
    fn text_is_capped_at_80_columns_and_centred() {
        let pane = Rect::new(0, 0, 120, 10);
        let text = text_area(pane, MAX_TEXT_WIDTH);
        assert_eq!(text.width, 80);
        assert_eq!(text.x, 2 + (116 - 80) / 2);
        let narrow = text_area(Rect::new(5, 0, 30, 10), MAX_TEXT_WIDTH);
        assert_eq!((narrow.x, narrow.width), (7, 26));
        assert!(text_area(Rect::new(0, 0, 1, 1), MAX_TEXT_WIDTH).is_empty());
    }
}
