//! The sidebar pane: the selected article's entities grouped by kind, its topics, and its related
//! stories with why they are related. Pure: reads state and store, writes into the buffer. The
//! entity order and the related stories come ready-made from `SidebarState` (worked out in
//! `update`), and every string from an article or the config goes through `sanitize` first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget, Wrap};
use textwrap::{Options, WrapAlgorithm};

use super::theme::Theme;
use super::{display_width, pane_block};
use crate::article::{Article, Card};
use crate::sanitize;
use crate::store::Store;
use crate::tui::state::{AppState, Focus, SidebarState};

/// Related stories worked out and shown per article.
pub const RELATED_LIMIT: usize = crate::related::SHOWN;
/// Lines a reason may wrap onto before it is cut.
const REASON_LINES: usize = 2;

const TITLE: &str = "Details";
const NOTHING: &str = "No article selected.";
const NO_ENTITIES: &str = "No entities found.";
const NO_TOPICS: &str = "No topics found.";
const NO_RELATED: &str = "No related stories.";

/// Lines that stay together: one entity, one topic, one related story, or a heading.
struct Block<'a> {
    lines: Vec<Line<'a>>,
    /// Counts in "… N more": entities, topics and stories do, headings and notes do not.
    item: bool,
    /// Left out first when the section does not fit (the word count and file above the names).
    optional: bool,
    /// Line counts after which the block may be cut cleanly when only its start fits (a story
    /// after its headline and after each whole reason); empty: all or nothing.
    breaks: Vec<usize>,
    /// The sidebar cursor is on this block: it is drawn selected and never cut away.
    cursor: bool,
}

impl<'a> Block<'a> {
    fn item(lines: Vec<Line<'a>>) -> Self {
        Block {
            lines,
            item: true,
            optional: false,
            breaks: Vec::new(),
            cursor: false,
        }
    }

    /// Put the cursor on this block: its first `rows` lines are drawn selected.
    fn with_cursor(mut self, on: bool, rows: usize, theme: &Theme) -> Self {
        if on {
            self.cursor = true;
            for line in self.lines.iter_mut().take(rows) {
                *line = std::mem::take(line).patch_style(theme.selected);
            }
        }
        self
    }

    fn other(line: Line<'a>) -> Self {
        Block {
            lines: vec![line],
            item: false,
            optional: false,
            breaks: Vec::new(),
            cursor: false,
        }
    }

    fn optional(line: Line<'a>) -> Self {
        Block {
            optional: true,
            ..Block::other(line)
        }
    }
}

/// A part of the sidebar that gets its own share of the rows.
struct Section<'a> {
    blocks: Vec<Block<'a>>,
    /// A blank line above the section, dropped first when rows are short.
    gap: bool,
    /// What the items are, one and many, for "… 1 more story", "… 3 more stories".
    noun: (&'static str, &'static str),
    /// The section's claim on rows when not everything fits.
    weight: usize,
}

impl Section<'_> {
    fn lines(&self) -> usize {
        self.blocks.iter().map(|b| b.lines.len()).sum()
    }

    fn need(&self) -> usize {
        self.lines() + usize::from(self.gap)
    }

    fn optional_lines(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.optional)
            .map(|b| b.lines.len())
            .sum()
    }
}

/// Share `height` rows among sections given as `(need, weight)`. A section that needs no more
/// than its share by weight gets what it needs, and what it leaves is shared again among the
/// others; the rows left over from rounding go to the last section still wanting more.
fn allot(height: usize, needs: &[(usize, usize)]) -> Vec<usize> {
    let mut given = vec![0; needs.len()];
    let mut open: Vec<usize> = (0..needs.len()).collect();
    let mut left = height;
    loop {
        let weight: usize = open.iter().map(|&i| needs[i].1).sum();
        if open.is_empty() || weight == 0 {
            return given;
        }
        let (content, wanting): (Vec<usize>, Vec<usize>) = open
            .iter()
            .partition(|&&i| needs[i].0 * weight <= left * needs[i].1);
        if content.is_empty() {
            let mut rest = left;
            for &i in &wanting {
                given[i] = left * needs[i].1 / weight;
                rest -= given[i];
            }
            if let Some(&last) = wanting.last() {
                given[last] += rest;
            }
            return given;
        }
        for &i in &content {
            given[i] = needs[i].0;
            left -= needs[i].0;
        }
        open = wanting;
    }
}

/// A section cut to `height` rows. When it does not fit, the gap and the optional blocks go
/// first, then whole blocks from the end (a story may keep its headline and first reasons), and
/// the last row says how many items are not shown, so nothing is cut silently.
fn fit<'a>(mut section: Section<'a>, height: usize, theme: &Theme) -> Vec<Line<'a>> {
    let above = scroll_to_cursor(&mut section, height);
    if above > 0 {
        let noun = if above == 1 {
            section.noun.0
        } else {
            section.noun.1
        };
        let more = theme.symbols.ellipsis;
        let mut out = vec![Line::styled(
            format!("{more} {above} {noun} above"),
            theme.note,
        )];
        out.extend(fit(section, height - 1, theme));
        return out;
    }
    let lines = section.lines();
    let core = lines - section.optional_lines();
    if core <= height {
        let gap = section.gap && section.need() <= height;
        let optional = lines + usize::from(gap) <= height;
        let mut out = Vec::with_capacity(height);
        if gap {
            out.push(Line::default());
        }
        for block in section
            .blocks
            .into_iter()
            .filter(|b| optional || !b.optional)
        {
            out.extend(block.lines);
        }
        return out;
    }
    if height == 0 {
        return Vec::new();
    }
    let room = height - 1;
    // (lines taken, was an item) per block taken, so dangling headings can be taken back.
    let mut taken: Vec<(usize, bool)> = Vec::new();
    let mut out: Vec<Line<'a>> = Vec::new();
    let (mut shown, mut hidden, mut cut) = (0, 0, false);
    for block in section.blocks.into_iter().filter(|b| !b.optional) {
        let free = room - out.len();
        if cut {
            hidden += usize::from(block.item);
        } else if block.lines.len() <= free {
            taken.push((block.lines.len(), block.item));
            shown += usize::from(block.item);
            out.extend(block.lines);
        } else if let Some(&at) = block.breaks.iter().rev().find(|&&b| b <= free) {
            taken.push((at, block.item));
            shown += usize::from(block.item);
            out.extend(block.lines.into_iter().take(at));
            cut = true;
        } else {
            hidden += usize::from(block.item);
            cut = true;
        }
    }
    while let Some(&(n, false)) = taken.last() {
        out.truncate(out.len() - n);
        taken.pop();
    }
    let noun = if hidden == 1 {
        section.noun.0
    } else {
        section.noun.1
    };
    let dots = theme.symbols.ellipsis;
    let more = match (hidden, shown) {
        (0, _) => dots.to_owned(),
        (n, 0) => format!("{dots} {n} {noun}"),
        (n, _) => format!("{dots} {n} more {noun}"),
    };
    out.push(Line::styled(more, theme.note));
    out
}

/// When the cursor's block would fall below the rows a section gets, drop blocks from the top of
/// the section until it fits (with a row for "… N above" and one for "… N more"). Returns how
/// many items were dropped.
fn scroll_to_cursor(section: &mut Section<'_>, height: usize) -> usize {
    let Some(mut cursor) = section.blocks.iter().position(|b| b.cursor) else {
        return 0;
    };
    let through = |blocks: &[Block<'_>], c: usize| -> usize {
        blocks[..=c].iter().map(|b| b.lines.len()).sum()
    };
    if through(&section.blocks, cursor) + usize::from(section.gap) <= height.saturating_sub(1) {
        return 0;
    }
    section.blocks.retain(|b| !b.optional || b.cursor);
    section.gap = false;
    cursor = section.blocks.iter().position(|b| b.cursor).unwrap_or(0);
    let room = height.saturating_sub(2);
    let mut above = 0;
    while cursor > 0 && through(&section.blocks, cursor) > room {
        let dropped = section.blocks.remove(0);
        above += usize::from(dropped.item);
        cursor -= 1;
    }
    above
}

/// `name      12`: the name in `style`, cut to leave room for the count at the right edge.
fn counted<'a>(name: &str, count: usize, style: Style, width: usize, theme: &Theme) -> Line<'a> {
    let count = count.to_string();
    let room = width.saturating_sub(display_width(&count) + 1);
    let name = theme.symbols.truncate(name, room).into_owned();
    let pad = width.saturating_sub(display_width(&name) + display_width(&count));
    Line::from(vec![
        Span::styled(name, style),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, theme.label),
    ])
}

/// What the reader header does not already say: length, file and tags.
fn about<'a>(article: &Article, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let file = sanitize::line(&article.file);
    let mut lines = vec![Line::styled(
        theme
            .symbols
            .truncate(
                &format!("{} words {} {file}", article.words, theme.symbols.separator),
                width,
            )
            .into_owned(),
        theme.label,
    )];
    if !article.tags.is_empty() {
        let tags: Vec<String> = article
            .tags
            .iter()
            .map(|t| sanitize::line(t).into_owned())
            .collect();
        lines.push(Line::styled(
            theme
                .symbols
                .truncate(&format!("tags: {}", tags.join(", ")), width)
                .into_owned(),
            theme.label,
        ));
    }
    lines
}

/// The article's entities by kind, in the order `SidebarState` worked out.
fn entities_section<'a>(
    article: &Article,
    sidebar: &SidebarState,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Section<'a> {
    let mut blocks: Vec<Block<'a>> = about(article, width, theme)
        .into_iter()
        .map(Block::optional)
        .collect();
    blocks.push(Block::optional(Line::default()));
    let mut kind = None;
    for (position, entity) in sidebar
        .entities
        .iter()
        .filter_map(|&i| article.entities.get(i))
        .enumerate()
    {
        if kind != Some(entity.kind) {
            kind = Some(entity.kind);
            blocks.push(Block::other(Line::styled(
                entity.kind.plural(),
                theme.section,
            )));
        }
        let name = sanitize::line(&entity.name);
        let on = focused && sidebar.cursor == position;
        blocks.push(
            Block::item(vec![counted(
                &name,
                entity.mentions.len(),
                theme.entity(entity.kind),
                width,
                theme,
            )])
            .with_cursor(on, 1, theme),
        );
    }
    if kind.is_none() {
        blocks.push(Block::other(Line::styled(NO_ENTITIES, theme.note)));
    }
    Section {
        blocks,
        gap: false,
        noun: ("name", "names"),
        weight: 2,
    }
}

fn topics_section<'a>(
    article: &Article,
    store: &Store,
    width: usize,
    theme: &Theme,
) -> Section<'a> {
    let mut blocks = vec![Block::other(Line::styled("Topics", theme.section))];
    let topics = &store.lexicon().topics;
    for hit in &article.topics {
        let Some(topic) = topics.get(hit.topic) else {
            continue;
        };
        let name = sanitize::line(&topic.name);
        blocks.push(Block::item(vec![counted(
            &name,
            hit.count(),
            theme.body,
            width,
            theme,
        )]));
    }
    if blocks.len() == 1 {
        blocks.push(Block::other(Line::styled(NO_TOPICS, theme.note)));
    }
    Section {
        blocks,
        gap: true,
        noun: ("topic", "topics"),
        weight: 1,
    }
}

/// `2022-09-22 AP`, cut to the width.
fn date_and_outlet<'a>(article: &Card, width: usize, theme: &Theme) -> Line<'a> {
    let date = theme
        .symbols
        .truncate(&article.date_label(), width)
        .into_owned();
    let outlet = article
        .outlet
        .get()
        .or(article.publisher.get())
        .map(|o| sanitize::line(o).into_owned())
        .unwrap_or_default();
    let rest = width.saturating_sub(display_width(&date) + 1);
    let mut spans = vec![Span::styled(date, theme.list_date)];
    if rest > 0 && !outlet.is_empty() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            theme.symbols.truncate(&outlet, rest).into_owned(),
            theme.list_outlet,
        ));
    }
    Line::from(spans)
}

/// One reason, indented under its story, on at most [`REASON_LINES`] lines.
fn reason_lines<'a>(reason: &str, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let bullet = format!("{} ", theme.symbols.bullet);
    let inner = width.saturating_sub(display_width(&bullet)).max(1);
    let reason = sanitize::line(reason);
    let reason = theme.chrome(&reason);
    let options = Options::new(inner).wrap_algorithm(WrapAlgorithm::FirstFit);
    let wrapped = textwrap::wrap(&reason, options);
    let cut = wrapped.len() > REASON_LINES;
    wrapped
        .iter()
        .take(REASON_LINES)
        .enumerate()
        .map(|(i, text)| {
            let text = if cut && i + 1 == REASON_LINES {
                let dots = theme.symbols.ellipsis;
                theme
                    .symbols
                    .truncate(&format!("{text}{dots}"), inner)
                    .into_owned()
            } else {
                text.to_string()
            };
            Line::from(vec![
                Span::styled(
                    if i == 0 {
                        bullet.clone()
                    } else {
                        " ".repeat(display_width(&bullet))
                    },
                    theme.reason,
                ),
                Span::styled(text, theme.reason),
            ])
        })
        .collect()
}

fn related_section<'a>(
    sidebar: &SidebarState,
    focused: bool,
    store: &Store,
    width: usize,
    theme: &Theme,
) -> Section<'a> {
    let mut blocks = vec![Block::other(Line::styled("Related stories", theme.section))];
    for (position, r) in sidebar.related.iter().enumerate() {
        let Some(other) = store.get(r.article) else {
            continue;
        };
        let mut lines = vec![
            date_and_outlet(other, width, theme),
            Line::styled(
                theme
                    .symbols
                    .truncate(&sanitize::line(other.title()), width)
                    .into_owned(),
                theme.list_headline,
            ),
        ];
        let mut breaks = vec![lines.len()];
        for reason in &r.reasons {
            lines.extend(reason_lines(reason, width, theme));
            breaks.push(lines.len());
        }
        let on = focused && sidebar.cursor == sidebar.entities.len() + position;
        blocks.push(
            Block {
                breaks,
                ..Block::item(lines)
            }
            .with_cursor(on, 2, theme),
        );
    }
    if blocks.len() == 1 {
        blocks.push(Block::other(Line::styled(NO_RELATED, theme.note)));
    }
    Section {
        blocks,
        gap: true,
        noun: ("story", "stories"),
        weight: 3,
    }
}

/// Every line of the sidebar for one article, cut to `height` rows so that each section keeps
/// a share of them: a long list of names never pushes the related stories off the pane.
fn lines<'a>(
    article: &Article,
    sidebar: &SidebarState,
    focused: bool,
    store: &Store,
    width: usize,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let sections = [
        entities_section(article, sidebar, focused, width, theme),
        topics_section(article, store, width, theme),
        related_section(sidebar, focused, store, width, theme),
    ];
    let needs: Vec<(usize, usize)> = sections.iter().map(|s| (s.need(), s.weight)).collect();
    let rows = allot(height, &needs);
    // Whole blocks rarely fill a share exactly; fitting from the bottom up hands the rows a
    // section leaves to the one above it.
    let mut spare = 0;
    let mut fitted: Vec<Vec<Line<'a>>> = sections
        .into_iter()
        .zip(rows)
        .rev()
        .map(|(section, rows)| {
            let lines = fit(section, rows + spare, theme);
            spare = (rows + spare).saturating_sub(lines.len());
            lines
        })
        .collect();
    fitted.reverse();
    fitted.into_iter().flatten().collect()
}

/// Draw the sidebar pane: one pre-cut line per row, nothing wrapped by the widget.
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
    let selected = state.selected_article();
    // `update` keeps the sidebar state on the selection; should it ever lag, show nothing
    // stale rather than another article's names.
    let sidebar = Some(&state.sidebar).filter(|s| s.article == selected && selected.is_some());
    let Some((sidebar, article)) = sidebar.and_then(|s| Some((s, s.text.as_deref()?))) else {
        let note = state
            .sidebar
            .error
            .as_deref()
            .filter(|_| state.sidebar.article == selected)
            .unwrap_or(NOTHING);
        Paragraph::new(sanitize::line(note))
            .style(theme.note)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    };
    let lines = lines(
        article,
        sidebar,
        state.focus == Focus::Sidebar,
        store,
        usize::from(inner.width),
        usize::from(inner.height),
        theme,
    );
    for (y, line) in (inner.y..inner.bottom()).zip(lines) {
        line.render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<Block<'static>> {
        (0..n)
            .map(|i| Block::item(vec![Line::raw(format!("item {i}"))]))
            .collect()
    }

    fn section(blocks: Vec<Block<'static>>, gap: bool) -> Section<'static> {
        Section {
            blocks,
            gap,
            noun: ("thing", "things"),
            weight: 1,
        }
    }

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn allot_gives_small_sections_what_they_need_and_shares_the_rest_by_weight() {
        assert_eq!(allot(38, &[(10, 2), (5, 1), (20, 3)]), [10, 5, 20]);
        // Names want 24, topics 6, related 40: topics fit their share, the rest is split 2:3.
        assert_eq!(allot(38, &[(24, 2), (6, 1), (40, 3)]), [12, 6, 20]);
        // Related needs little, so the names get the rest.
        assert_eq!(allot(38, &[(60, 2), (6, 1), (4, 3)]), [28, 6, 4]);
        assert_eq!(allot(9, &[(24, 2), (6, 1), (40, 3)]), [3, 1, 5]);
        assert_eq!(allot(0, &[(24, 2), (6, 1), (40, 3)]), [0, 0, 0]);
        for h in 0..60 {
            let rows = allot(h, &[(24, 2), (6, 1), (40, 3)]);
            assert_eq!(rows.iter().sum::<usize>(), h.min(70), "{h}: {rows:?}");
        }
    }

    #[test]
    fn a_section_that_fits_is_shown_whole_with_its_gap() {
        let lines = fit(section(items(3), true), 4, &Theme::plain());
        assert_eq!(texts(&lines), ["", "item 0", "item 1", "item 2"]);
    }

    #[test]
    fn a_cut_section_says_how_many_items_are_not_shown() {
        let mut blocks = vec![Block::other(Line::raw("Heading"))];
        blocks.extend(items(5));
        let lines = fit(section(blocks, true), 4, &Theme::plain());
        assert_eq!(
            texts(&lines),
            ["Heading", "item 0", "item 1", "… 3 more things"]
        );
    }

    #[test]
    fn a_section_that_fits_without_its_gap_needs_no_more_line() {
        let mut blocks = vec![Block::other(Line::raw("Topics"))];
        blocks.extend(items(3));
        let lines = fit(section(blocks, true), 4, &Theme::plain());
        assert_eq!(texts(&lines), ["Topics", "item 0", "item 1", "item 2"]);
    }

    #[test]
    fn optional_blocks_make_room_for_items_first() {
        let mut blocks = vec![
            Block::optional(Line::raw("137 words")),
            Block::optional(Line::default()),
            Block::other(Line::raw("People")),
        ];
        blocks.extend(items(4));
        let lines = fit(section(blocks, false), 3, &Theme::plain());
        assert_eq!(texts(&lines), ["People", "item 0", "… 3 more things"]);
    }

    #[test]
    fn a_heading_without_items_under_it_is_taken_back() {
        let mut blocks = items(2);
        blocks.push(Block::other(Line::raw("Second kind")));
        blocks.extend(items(2));
        let lines = fit(section(blocks, false), 4, &Theme::plain());
        assert_eq!(texts(&lines), ["item 0", "item 1", "… 2 more things"]);
    }

    #[test]
    fn a_long_story_keeps_its_first_lines_when_nothing_else_fits() {
        let story = |n: usize| Block {
            breaks: vec![2, 4, 6],
            ..Block::item(
                (0..6)
                    .map(|i| Line::raw(format!("story {n} line {i}")))
                    .collect(),
            )
        };
        let blocks = vec![Block::other(Line::raw("Related")), story(0), story(1)];
        let lines = fit(section(blocks, true), 4, &Theme::plain());
        assert_eq!(
            texts(&lines),
            [
                "Related",
                "story 0 line 0",
                "story 0 line 1",
                "… 1 more thing"
            ]
        );
        let one_row = fit(section(vec![story(0), story(1)], false), 1, &Theme::plain());
        assert_eq!(texts(&one_row), ["… 2 things"]);
        // A story is cut after its headline or a whole reason, never inside a reason.
        let cut = fit(section(vec![story(0), story(1)], false), 6, &Theme::plain());
        assert_eq!(cut.len(), 5);
        assert_eq!(texts(&cut).last().unwrap(), "… 1 more thing");
        assert!(fit(section(items(3), false), 0, &Theme::plain()).is_empty());
    }

    #[test]
    fn counts_sit_at_the_right_edge_and_long_names_are_cut() {
        let theme = Theme::plain();
        let line = counted("Kang Kyung-wha", 5, theme.person, 20, &theme);
        assert_eq!(line.to_string(), "Kang Kyung-wha     5");
        let long = counted(
            "Japanese Ministry of Foreign Affairs",
            12,
            theme.person,
            20,
            &theme,
        );
        assert_eq!(long.to_string(), "Japanese Ministr… 12");
        assert_eq!(display_width(&long.to_string()), 20);
    }

    #[test]
    fn long_reasons_wrap_onto_two_lines_then_end_in_an_ellipsis() {
        let theme = Theme::plain();
        let short = reason_lines("both name Kishida", 28, &theme);
        assert_eq!(texts(&short), ["· both name Kishida"]);
        let long = reason_lines(
            "Summits in December 2019: “since December 2019” here, “next month” there",
            28,
            &theme,
        );
        assert_eq!(long.len(), 2);
        assert!(long[1].to_string().ends_with('…'), "{long:?}");
        for line in &long {
            assert!(display_width(&line.to_string()) <= 28);
        }
    }
}
