//! The screen: lays out the panes and calls each pane's pure render function. Reads `AppState`
//! and the Store and writes only into the buffer it is given: no I/O, no state changes, no
//! caching. Layout math lives here so `update` can size the reader exactly as it is drawn.

pub mod add;
pub mod help;
pub mod list;
pub mod picker;
pub mod reader;
pub mod sidebar;
pub mod status;
pub mod theme;
pub mod view;

use std::borrow::Cow;

use crate::width::char_width;
pub use crate::width::display_width;
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

use self::theme::Theme;
use super::state::{AppState, Focus};
use crate::store::Store;

/// Below this many columns the screen shows only "terminal too small".
pub const MIN_WIDTH: u16 = 30;
/// Below this many rows the screen shows only "terminal too small".
pub const MIN_HEIGHT: u16 = 6;
/// From this width on, the sidebar is shown beside the list and the reader (unless
/// `reader.sidebar_min_columns` in config says otherwise); below it, `s` shows it over the reader.
pub const WIDE_FROM: u16 = 120;
/// From this width on, the list and the reader share the screen; below it one pane shows at a time.
const MEDIUM_FROM: u16 = 70;
/// The sidebar's width: 30 columns at the narrowest wide layout, growing with the screen so
/// related headlines and reasons get room where there is room.
fn sidebar_width(width: u16) -> u16 {
    (width / 4).clamp(30, 48)
}

/// How the panes share the screen at a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// Smaller than [`MIN_WIDTH`] x [`MIN_HEIGHT`]: a one-line message only.
    TooSmall,
    /// One pane at a time, the focused one, full width.
    Narrow,
    /// List and reader; the sidebar is folded away.
    Medium,
    /// List, reader and sidebar side by side.
    Wide,
}

impl Arrangement {
    /// The arrangement for a screen size; the sidebar joins the panes from `wide_from` columns.
    pub fn for_size(width: u16, height: u16, wide_from: u16) -> Self {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            Arrangement::TooSmall
        } else if width < MEDIUM_FROM {
            Arrangement::Narrow
        } else if width < wide_from.max(MEDIUM_FROM) {
            Arrangement::Medium
        } else {
            Arrangement::Wide
        }
    }

    /// The panes that can take the focus, in Tab order.
    pub fn panes(self) -> &'static [Focus] {
        match self {
            Arrangement::Medium => &[Focus::List, Focus::Reader],
            Arrangement::TooSmall | Arrangement::Narrow | Arrangement::Wide => {
                &[Focus::List, Focus::Reader, Focus::Sidebar]
            }
        }
    }
}

/// Where each pane goes; `None` for panes not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub arrangement: Arrangement,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Option<Rect>,
}

/// Split `area` into panes for the given focus (the focus matters only when one pane shows at a
/// time); the sidebar is a pane from `wide_from` columns on.
pub fn layout(area: Rect, focus: Focus, wide_from: u16) -> Panes {
    let arrangement = Arrangement::for_size(area.width, area.height, wide_from);
    let mut panes = Panes {
        arrangement,
        list: None,
        reader: None,
        sidebar: None,
        status: None,
    };
    if arrangement == Arrangement::TooSmall {
        return panes;
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    panes.status = Some(status);
    let w = area.width;
    match arrangement {
        Arrangement::Wide => {
            let list_w = (w * 3 / 10).clamp(30, 56);
            let [list, reader, sidebar] = Layout::horizontal([
                Constraint::Length(list_w),
                Constraint::Min(20),
                Constraint::Length(sidebar_width(w)),
            ])
            .areas(body);
            panes.list = Some(list);
            panes.reader = Some(reader);
            panes.sidebar = Some(sidebar);
        }
        Arrangement::Medium => {
            let list_w = (w * 2 / 5).clamp(26, 44);
            let [list, reader] =
                Layout::horizontal([Constraint::Length(list_w), Constraint::Min(20)]).areas(body);
            panes.list = Some(list);
            panes.reader = Some(reader);
        }
        Arrangement::Narrow | Arrangement::TooSmall => match focus {
            Focus::List => panes.list = Some(body),
            Focus::Reader => panes.reader = Some(body),
            Focus::Sidebar => panes.sidebar = Some(body),
        },
    }
    panes
}

/// Draw the whole screen into a frame.
pub fn render(frame: &mut Frame<'_>, state: &AppState, store: &Store, theme: &Theme) {
    let area = frame.area();
    draw(area, frame.buffer_mut(), state, store, theme);
}

/// Draw the whole screen into `area` of `buf`, never outside it.
pub fn draw(area: Rect, buf: &mut Buffer, state: &AppState, store: &Store, theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    draw_panes(area, buf, state, store, theme);
    guard_split_graphemes(area, buf);
}

fn draw_panes(area: Rect, buf: &mut Buffer, state: &AppState, store: &Store, theme: &Theme) {
    let panes = layout(area, state.focus, state.wide_from);
    if panes.arrangement == Arrangement::TooSmall {
        render_too_small(area, buf, theme);
        return;
    }
    if let Some(r) = panes.list {
        list::render_list(r, buf, state, store, theme);
    }
    if let Some(r) = panes.reader {
        reader::render_reader(r, buf, state, store, theme);
    }
    if let Some(r) = panes.sidebar {
        sidebar::render_sidebar(r, buf, state, store, theme);
    }
    if let Some(r) = panes.status {
        status::render_status(r, buf, state, store, theme);
    }
    if state.sidebar_overlay && panes.sidebar.is_none() {
        let side = sidebar_overlay_area(area);
        Clear.render(side, buf);
        sidebar::render_sidebar(side, buf, state, store, theme);
    }
    if let Some(scroll) = state.help {
        help::render_help(overlay_area(area), buf, scroll, &state.keymap, theme);
    }
    if let Some(v) = &state.view {
        view::render_view(overlay_area(area), buf, v, theme);
    }
    if let Some(p) = &state.picker {
        picker::render_picker(overlay_area(area), buf, p, theme);
    }
    if let Some(a) = &state.add {
        add::render_add(overlay_area(area), buf, a, theme);
    }
}

/// Make the cells behind a grapheme that many terminals draw in several cells get cleared when
/// it goes away.
///
/// ratatui keeps a grapheme in one cell and leaves the cells its width covers blank. That suits a
/// wide character (`漢`): a terminal erases all of it when any part is overwritten. But a flag
/// (two regional indicators), a Thai syllable with SARA AM or a Devanagari consonant with a
/// spacing vowel sign is drawn by xterm, VTE, tmux and vt100 one character per cell. When such
/// a grapheme moves away, ratatui rewrites its first cell only (the covered cell was blank before
/// and is blank now), and the terminal keeps showing its second half there. Marking the covered
/// cells `Skip` (never written, which they are not anyway) makes them differ from the plain blank
/// that replaces them in the next frame, so that frame writes the blank and clears them.
fn guard_split_graphemes(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let (width, split) = buf.cell(Position::new(x, y)).map_or((1, false), |cell| {
                let symbol = cell.symbol();
                let split = symbol.len() > 1
                    && symbol
                        .chars()
                        .filter(|&c| char_width(c) > 0)
                        .nth(1)
                        .is_some();
                (symbol.cell_width().max(1), split)
            });
            if split {
                for covered in x.saturating_add(1)..x.saturating_add(width).min(area.right()) {
                    if let Some(cell) = buf.cell_mut(Position::new(covered, y))
                        && cell.symbol() == " "
                        && cell.diff_option == CellDiffOption::None
                    {
                        cell.set_diff_option(CellDiffOption::Skip);
                    }
                }
            }
            x = x.saturating_add(width);
        }
    }
}

/// A box of `width` x `height` centred in `screen`, never larger than it.
pub fn centred(screen: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(screen.width), height.min(screen.height));
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

/// Clear `area` and draw a focused box titled `title` over it (help, pickers, views); returns
/// the area inside the border.
pub fn overlay_box(area: Rect, buf: &mut Buffer, title: &str, theme: &Theme) -> Rect {
    Clear.render(area, buf);
    let block = pane_block(title, true, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Draw one line per row from the top of `inner`, as many as fit.
pub fn put_lines<'a>(inner: Rect, buf: &mut Buffer, lines: impl IntoIterator<Item = Line<'a>>) {
    for (y, line) in (inner.y..inner.bottom()).zip(lines) {
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

/// Where overlays go: over the panes, not the status bar, which keeps saying where you are.
pub fn overlay_area(area: Rect) -> Rect {
    layout(area, Focus::List, WIDE_FROM)
        .status
        .map_or(area, |s| Rect {
            height: s.y.saturating_sub(area.y),
            ..area
        })
}

/// Where the folded sidebar goes when `s` shows it: at the right, over the reader.
pub fn sidebar_overlay_area(area: Rect) -> Rect {
    let over = overlay_area(area);
    let width = over.width.min(48);
    Rect {
        x: over.right() - width,
        width,
        ..over
    }
}

/// The one-line message shown below the minimum size: the longest wording that fits.
fn render_too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let long = format!(
        "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
        area.width, area.height
    );
    let candidates = [long.as_str(), "terminal too small", "too small"];
    let width = usize::from(area.width);
    let text = candidates
        .iter()
        .find(|c| display_width(c) <= width)
        .map_or_else(
            || theme.symbols.truncate("too small", width),
            |c| Cow::Borrowed(*c),
        );
    let row = Rect { height: 1, ..area };
    Line::styled(text, theme.warning).render(row, buf);
}

/// The bordered block around a pane; the focused pane gets a heavier, highlighted border (`=`
/// along its top and bottom in ASCII mode).
pub fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    let (border, border_set, title_style) = if focused {
        (
            theme.border_focused,
            theme.symbols.border_focused,
            theme.title_focused,
        )
    } else {
        (theme.border, theme.symbols.border, theme.title)
    };
    Block::bordered()
        .border_set(border_set)
        .border_style(border)
        .title(Line::styled(format!(" {title} "), title_style))
}

#[cfg(test)]
pub(crate) mod tests;
