//! `LeanBackend`: a ratatui backend that puts the same screen on the terminal as
//! `CrosstermBackend` in fewer bytes, because over SSH every byte counts. I/O plumbing only: it
//! never decides what is drawn; it sends the cells ratatui's diff hands it, and chooses how.
//!
//! It keeps a copy of what the terminal shows (only cells it is sure of) and, per frame:
//! - gets to each changed cell by the shortest way that is certain to land there: an absolute
//!   move, a relative one (`CR LF`, `ESC[nC`, `ESC[nB`, `ESC[nG`, ...), or, across a short gap,
//!   rewriting the unchanged cells it knows the terminal already shows;
//! - sends only the SGR attributes that differ, or a reset when that is shorter (`ESC[m`), and
//!   the eight dark colours as `3n` instead of `38;5;n` unless the text is bold (where some
//!   terminals would brighten `3n`, so crossterm's form is kept);
//! - erases runs of blank cells with `ESC[nX` (or `ESC[K` up to a blank end of row) when that is
//!   shorter than writing spaces;
//! - leaves the cursor hidden once it is, and the attributes reset at the end of a frame only
//!   when they are not already;
//! - writes each frame with one `write` and one `flush`.
//!
//! Widths: it trusts a printed cell to be one column wide only for characters every terminal
//! draws in one column (ASCII, Latin, Greek, Cyrillic, general punctuation, currency signs, box
//! drawing). After anything else (wide characters, emoji, combining marks) it knows neither
//! where the cursor is nor what the rest of the row shows, and moves absolutely, as crossterm
//! does, until it knows again.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthChar;

/// The longest run of unchanged cells worth rewriting instead of moving over: no move costs
/// more than `ESC[rrr;cccH`, ten bytes, and every rewritten cell costs at least one.
const MAX_FILL: u16 = 10;

/// The SGR state of the terminal: the attributes the next printed character gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    /// The foreground, one of the eight dark colours, was set as `38;5;n`. Needed when the text
    /// is bold: terminals that brighten bold text do it for `3n` and not for `38;5;n`.
    fg_indexed: bool,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
        fg_indexed: false,
    };

    /// Whether printing `cell` with this pen gives it its attributes.
    fn fits(&self, cell: &Cell) -> bool {
        self.fg == cell.fg
            && self.bg == cell.bg
            && self.underline == cell.underline_color
            && self.modifier == cell.modifier
            && (self.fg_indexed || !needs_indexed_fg(cell))
    }
}

/// Bold text in a dark colour: its foreground must be sent as `38;5;n` (see [`Pen::fg_indexed`]).
fn needs_indexed_fg(cell: &Cell) -> bool {
    cell.modifier.contains(Modifier::BOLD) && matches!(palette_index(cell.fg), Some(0..=7))
}

/// The 256-colour palette index of a colour crossterm sends as `38;5;n`.
fn palette_index(color: Color) -> Option<u8> {
    Some(match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Reset | Color::Rgb(..) => return None,
    })
}

/// What a cell is known to show.
type Seen = Option<Cell>;

/// Whether a cell is a space with no colour and no attribute: what an erase leaves behind
/// when the pen is reset, on every terminal.
fn is_plain_blank(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier.is_empty()
}

/// Whether every terminal draws `symbol` in exactly one column, the width ratatui gives it.
/// Terminals disagree about emoji, East Asian wide and ambiguous characters in CJK setups,
/// combining marks and newer characters; not about these blocks, which are what news text and
/// ratatui's borders are made of.
fn is_one_column(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let known = matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{24f}' // Latin-1, Latin Extended (not soft hyphen)
        | '\u{370}'..='\u{3ff}' // Greek
        | '\u{400}'..='\u{4ff}' // Cyrillic
        | '\u{2010}'..='\u{2027}' // dashes, quotes, bullets, ellipsis
        | '\u{2030}'..='\u{203b}' | '\u{203d}'..='\u{2048}' | '\u{204a}'..='\u{205e}'
        | '\u{20a0}'..='\u{20c0}' // currency signs
        | '\u{2500}'..='\u{259f}' // box drawing, block elements
    );
    known && (c.is_ascii() || c.width() == Some(1))
}

/// Where the next character will go, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Cursor {
    x: Option<u16>,
    y: Option<u16>,
}

impl Cursor {
    fn at(x: u16, y: u16) -> Self {
        Cursor {
            x: Some(x),
            y: Some(y),
        }
    }

    fn is_at(self, x: u16, y: u16) -> bool {
        self.x == Some(x) && self.y == Some(y)
    }
}

/// Where the terminal's size comes from.
#[derive(Debug, Clone, Copy)]
enum SizeSource {
    /// The terminal on standard output (crossterm asks it).
    Terminal,
    /// A fixed size, for tests.
    Fixed(Size),
}

/// A ratatui [`Backend`] writing to `W` (the terminal) with as few bytes as it can for the
/// same screen as `CrosstermBackend`.
#[derive(Debug)]
pub struct LeanBackend<W: Write> {
    out: W,
    /// What this frame writes, sent at [`Backend::flush`].
    buf: Vec<u8>,
    size: SizeSource,
    /// The screen as the terminal shows it, row after row; `None` where it is not known.
    screen: Vec<Seen>,
    width: u16,
    height: u16,
    cursor: Cursor,
    /// Where crossterm would print without moving: just after the last cell printed, when the
    /// cursor itself is not known. Printing there is what crossterm does, width disagreements
    /// and all.
    flow: Option<(u16, u16)>,
    /// `None` when not known (at the start, after a failed write).
    pen: Option<Pen>,
    cursor_shown: Option<bool>,
    /// The row (and the column from which) the last cell of unknown width made unknown, so a
    /// run of such cells does that once.
    unknown_from: Option<(u16, u16)>,
}

impl<W: Write> LeanBackend<W> {
    /// A backend for the terminal `out` writes to, whose size crossterm asks for. Like
    /// ratatui's `Terminal`, which diffs the first frame against an empty buffer, it takes the
    /// screen to be blank at first (the alternate screen starts cleared).
    pub fn new(out: W) -> Self {
        let mut backend = Self::with_source(out, SizeSource::Terminal);
        backend.assume_blank();
        backend
    }

    /// A backend for a terminal of a fixed size, blank at first (for tests).
    pub fn with_size(out: W, size: Size) -> Self {
        let mut backend = Self::with_source(out, SizeSource::Fixed(size));
        backend.assume_blank();
        backend
    }

    fn with_source(out: W, size: SizeSource) -> Self {
        LeanBackend {
            out,
            buf: Vec::new(),
            size,
            screen: Vec::new(),
            width: 0,
            height: 0,
            cursor: Cursor::default(),
            flow: None,
            pen: None,
            cursor_shown: None,
            unknown_from: None,
        }
    }

    /// The writer, for tests.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// Forget everything about the terminal: something else wrote to it (a suspend and
    /// resume). The next frame must start with a clear and a full redraw.
    pub fn forget(&mut self) {
        self.screen.fill(None);
        self.cursor = Cursor::default();
        self.flow = None;
        self.pen = None;
        self.cursor_shown = None;
        self.unknown_from = None;
    }

    /// Take the screen to be blank at the current size. A terminal that changed size may have
    /// moved the cursor (and rewrapped its rows).
    fn assume_blank(&mut self) {
        if let Ok(size) = self.size() {
            if (size.width, size.height) != (self.width, self.height) {
                self.cursor = Cursor::default();
            }
            self.width = size.width;
            self.height = size.height;
        }
        let cells = usize::from(self.width) * usize::from(self.height);
        self.screen = vec![Some(Cell::EMPTY); cells];
    }

    fn seen(&self, x: u16, y: u16) -> Option<&Cell> {
        if x >= self.width || y >= self.height {
            return None;
        }
        self.screen[self.index(x, y)].as_ref()
    }

    fn index(&self, x: u16, y: u16) -> usize {
        usize::from(y) * usize::from(self.width) + usize::from(x)
    }

    /// Mark cells `from..to` of row `y` as unknown (or as `cell`).
    fn set_row(&mut self, y: u16, from: u16, to: u16, cell: &Seen) {
        if y >= self.height {
            return;
        }
        let to = to.min(self.width);
        for x in from..to {
            let i = self.index(x, y);
            self.screen[i].clone_from(cell);
        }
    }

    /// Print `cell` where the cursor is (ratatui's position `x`, `y`), and note what that does.
    fn put(&mut self, x: u16, y: u16, cell: &Cell) {
        write_pen(&mut self.buf, &mut self.pen, cell);
        self.buf.extend_from_slice(cell.symbol().as_bytes());
        let certain = self.cursor.is_at(x, y)
            && x < self.width
            && y < self.height
            && is_one_column(cell.symbol());
        if certain {
            let i = self.index(x, y);
            self.screen[i] = Some(cell.clone());
            // In the last column the cursor waits there for the next character; where it goes
            // from there differs between terminals.
            self.cursor.x = (x + 1 < self.width).then_some(x + 1);
        } else {
            // The terminal may have drawn this wider or narrower than ratatui thinks: the rest
            // of the row, and the next row (the text may have wrapped onto it), are unknown.
            if !matches!(self.unknown_from, Some((uy, ux)) if uy == y && ux <= x) {
                self.set_row(y, x, self.width, &None);
                self.set_row(y.saturating_add(1), 0, self.width, &None);
                self.unknown_from = Some((y, x));
            }
            self.cursor = Cursor::default();
        }
        self.flow = Some((x.saturating_add(1), y));
    }

    /// Move the cursor to `x`, `y` by the shortest certain way, counting the attributes `next`
    /// (the cell to be printed there) needs.
    fn go_to(&mut self, x: u16, y: u16, next: Option<&Cell>) {
        let pen = self.pen;
        let mut best = Route::new(cup(x, y), pen);
        let mut consider = |route: Route| {
            if route.cost(next) < best.cost(next) {
                best = route;
            }
        };
        if let Some(cy) = self.cursor.y {
            let from_x = self.cursor.x;
            match y.cmp(&cy) {
                std::cmp::Ordering::Equal => {
                    self.horizontal(&[], from_x, x, y, &mut consider);
                }
                std::cmp::Ordering::Greater => {
                    let down = y - cy;
                    let mut crlf = vec![b'\r'];
                    crlf.extend(std::iter::repeat_n(b'\n', usize::from(down)));
                    self.horizontal(&crlf, Some(0), x, y, &mut consider);
                    self.horizontal(&csi(down, b'B'), from_x, x, y, &mut consider);
                }
                std::cmp::Ordering::Less => {
                    self.horizontal(&csi(cy - y, b'A'), from_x, x, y, &mut consider);
                }
            }
        }
        self.buf.extend_from_slice(&best.bytes);
        self.pen = best.pen;
        self.cursor = Cursor::at(x, y);
        self.flow = None;
    }

    /// The ways along row `y` from column `from` (when known) to `to`, each after `prefix`.
    fn horizontal(
        &self,
        prefix: &[u8],
        from: Option<u16>,
        to: u16,
        y: u16,
        consider: &mut impl FnMut(Route),
    ) {
        let with = |tail: &[u8]| {
            let mut bytes = prefix.to_vec();
            bytes.extend_from_slice(tail);
            Route::new(bytes, self.pen)
        };
        if to == 0 {
            consider(with(if from == Some(0) { b"" } else { b"\r" }));
            return;
        }
        consider(with(&csi(to + 1, b'G')));
        if from != Some(0) {
            let mut cr = prefix.to_vec();
            cr.push(b'\r');
            consider(with(b"\r").then(&csi(to, b'C')));
            if let Some(fill) = self.fill(cr, 0, to, y) {
                consider(fill);
            }
        }
        match from {
            Some(from) if from == to => consider(with(b"")),
            Some(from) if from < to => {
                consider(with(&csi(to - from, b'C')));
                if let Some(fill) = self.fill(prefix.to_vec(), from, to, y) {
                    consider(fill);
                }
            }
            Some(from) => consider(with(&csi(from - to, b'D'))),
            None => {}
        }
    }

    /// Rewrite the cells `from..to` of row `y` after `prefix`, when they are few and all known
    /// to be one column wide.
    fn fill(&self, prefix: Vec<u8>, from: u16, to: u16, y: u16) -> Option<Route> {
        if to - from > MAX_FILL {
            return None;
        }
        let mut route = Route::new(prefix, self.pen);
        for x in from..to {
            let cell = self.seen(x, y).filter(|c| is_one_column(c.symbol()))?;
            write_pen(&mut route.bytes, &mut route.pen, cell);
            route.bytes.extend_from_slice(cell.symbol().as_bytes());
        }
        Some(route)
    }

    /// Erase the blank cells at the start of `cells` (with any blank cells between them) when
    /// that is shorter than printing them; how many of `cells` that took care of.
    fn erase(&mut self, cells: &[(u16, u16, &Cell)]) -> Option<usize> {
        let &(x, y, first) = cells.first()?;
        if !is_plain_blank(first) || !self.cursor.is_at(x, y) || y >= self.height {
            return None;
        }
        let mut end = x + 1;
        let mut taken = 1;
        for &(nx, ny, cell) in &cells[1..] {
            let bridged = ny == y
                && nx >= end
                && is_plain_blank(cell)
                && (end..nx).all(|gx| self.seen(gx, y).is_some_and(is_plain_blank));
            if !bridged {
                break;
            }
            end = nx + 1;
            taken += 1;
        }
        // Erasing part of a wide character differs between terminals: every erased cell must be
        // known to hold a one-column character.
        if !(x..end).all(|gx| self.seen(gx, y).is_some_and(|c| is_one_column(c.symbol()))) {
            return None;
        }
        let to_end = (end..self.width).all(|gx| self.seen(gx, y).is_some_and(is_plain_blank));
        let sequence = if to_end {
            b"\x1b[K".to_vec()
        } else {
            csi(end - x, b'X')
        };
        // Erasing leaves the cursor at `x`: what getting on along the row from there costs
        // more than from `end`.
        let extra = match cells.get(taken) {
            Some(&(nx, ny, _)) if ny == y => {
                let from_end = if nx == end {
                    0
                } else {
                    csi(nx.saturating_sub(end), b'C').len()
                };
                csi(nx.saturating_sub(x), b'C')
                    .len()
                    .saturating_sub(from_end)
            }
            _ => 0,
        };
        if sequence.len() + extra >= usize::from(end - x) {
            return None;
        }
        write_pen(&mut self.buf, &mut self.pen, &Cell::EMPTY);
        self.buf.extend_from_slice(&sequence);
        let erased_to = if to_end { self.width } else { end };
        self.set_row(y, x, erased_to, &Some(Cell::EMPTY));
        self.flow = None;
        Some(taken)
    }

    /// Reset the attributes (before an erase, whose cells take the background colour, and at
    /// the end of a frame, so nothing else written to the terminal inherits them).
    fn reset_pen(&mut self) {
        if self.pen != Some(Pen::DEFAULT) {
            self.buf.extend_from_slice(b"\x1b[m");
            self.pen = Some(Pen::DEFAULT);
        }
    }
}

/// A way to move the cursor: its bytes and the pen after them.
struct Route {
    bytes: Vec<u8>,
    pen: Option<Pen>,
}

impl Route {
    fn new(bytes: Vec<u8>, pen: Option<Pen>) -> Self {
        Route { bytes, pen }
    }

    fn then(mut self, more: &[u8]) -> Self {
        self.bytes.extend_from_slice(more);
        self
    }

    /// Its bytes, and those that setting the pen for `next` costs after it.
    fn cost(&self, next: Option<&Cell>) -> usize {
        let pen = next.map_or(0, |cell| {
            let mut bytes = Vec::new();
            let mut pen = self.pen;
            write_pen(&mut bytes, &mut pen, cell);
            bytes.len()
        });
        self.bytes.len() + pen
    }
}

/// `ESC [ n <final>`, with `n` left out when it is 1 (the default of every move).
fn csi(n: u16, final_byte: u8) -> Vec<u8> {
    let mut bytes = b"\x1b[".to_vec();
    if n != 1 {
        push_number(&mut bytes, n);
    }
    bytes.push(final_byte);
    bytes
}

/// The absolute move to column `x`, row `y` (counted from 0): `ESC[r;cH`, shortened where the
/// defaults allow.
fn cup(x: u16, y: u16) -> Vec<u8> {
    let mut bytes = b"\x1b[".to_vec();
    if (x, y) != (0, 0) {
        push_number(&mut bytes, y + 1);
        if x != 0 {
            bytes.push(b';');
            push_number(&mut bytes, x + 1);
        }
    }
    bytes.push(b'H');
    bytes
}

fn push_number(bytes: &mut Vec<u8>, n: impl Into<u32>) {
    let n: u32 = n.into();
    if n >= 10 {
        push_number(bytes, n / 10);
    }
    bytes.push(b'0' + (n % 10) as u8);
}

/// Set the attributes of `cell` on the terminal, given the current `pen`, with the shorter of
/// two sequences: the changes alone, or a reset and every attribute `cell` has.
fn write_pen(bytes: &mut Vec<u8>, pen: &mut Option<Pen>, cell: &Cell) {
    if pen.is_some_and(|p| p.fits(cell)) {
        return;
    }
    let indexed = needs_indexed_fg(cell);
    let mut reset = vec![b'0'];
    push_modifiers(&mut reset, Modifier::empty(), cell.modifier);
    for (layer, color) in [
        (Layer::Fg, cell.fg),
        (Layer::Bg, cell.bg),
        (Layer::Underline, cell.underline_color),
    ] {
        if color != Color::Reset {
            push_color(
                &mut reset,
                layer,
                color,
                indexed && matches!(layer, Layer::Fg),
            );
        }
    }
    if reset == b"0" {
        reset.clear();
    }
    let mut after = Pen {
        fg: cell.fg,
        bg: cell.bg,
        underline: cell.underline_color,
        modifier: cell.modifier,
        fg_indexed: indexed,
    };
    let params = match pen {
        Some(from) => {
            let mut change = Vec::new();
            push_modifiers(&mut change, from.modifier, cell.modifier);
            if from.fg != cell.fg || (indexed && !from.fg_indexed) {
                push_color(&mut change, Layer::Fg, cell.fg, indexed);
            } else {
                after.fg_indexed = from.fg_indexed;
            }
            if from.bg != cell.bg {
                push_color(&mut change, Layer::Bg, cell.bg, false);
            }
            if from.underline != cell.underline_color {
                push_color(&mut change, Layer::Underline, cell.underline_color, false);
            }
            if change.len() <= reset.len() {
                change
            } else {
                after.fg_indexed = indexed;
                reset
            }
        }
        None => reset,
    };
    bytes.extend_from_slice(b"\x1b[");
    bytes.extend_from_slice(&params);
    bytes.push(b'm');
    *pen = Some(after);
}

/// Append `;`-separated SGR parameters.
fn push_param(params: &mut Vec<u8>, p: &[u8]) {
    if !params.is_empty() {
        params.push(b';');
    }
    params.extend_from_slice(p);
}

/// Attributes and the SGR parameter for them.
type Code = (Modifier, &'static [u8]);

/// The SGR parameters that turn the attributes `from` into `to`.
fn push_modifiers(params: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let removed = from - to;
    let added = to - from;
    // 22 ends bold and dim at once, 25 both blinks: what stays is set again. Some terminals
    // keep one intensity only, the last set: bold and dim together are always sent in the
    // same order (dim last, as crossterm does when it adds both), whichever was there before.
    let groups: [(Code, [Code; 2]); 2] = [
        (
            (Modifier::BOLD | Modifier::DIM, b"22"),
            [(Modifier::BOLD, b"1"), (Modifier::DIM, b"2")],
        ),
        (
            (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, b"25"),
            [(Modifier::SLOW_BLINK, b"5"), (Modifier::RAPID_BLINK, b"6")],
        ),
    ];
    for ((group, off), members) in groups {
        let again = if removed.intersects(group) {
            push_param(params, off);
            to
        } else if to.contains(group) && added.intersects(group) {
            to
        } else {
            added
        };
        for (m, on) in members {
            if again.contains(m) {
                push_param(params, on);
            }
        }
    }
    let single: [(Modifier, &[u8], &[u8]); 5] = [
        (Modifier::ITALIC, b"3", b"23"),
        (Modifier::UNDERLINED, b"4", b"24"),
        (Modifier::REVERSED, b"7", b"27"),
        (Modifier::HIDDEN, b"8", b"28"),
        (Modifier::CROSSED_OUT, b"9", b"29"),
    ];
    for (m, on, off) in single {
        if removed.contains(m) {
            push_param(params, off);
        } else if added.contains(m) {
            push_param(params, on);
        }
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
    Underline,
}

/// The SGR parameter for `color` on `layer`: the short forms (`3n`, `9n`, `4n`, `10n`) for the
/// sixteen colours unless `indexed` asks for `38;5;n`; `38;5;n` and `38;2;r;g;b` otherwise, as
/// crossterm sends them.
fn push_color(params: &mut Vec<u8>, layer: Layer, color: Color, indexed: bool) {
    let (base, bright, extended): (u32, u32, u32) = match layer {
        Layer::Fg => (30, 90, 38),
        Layer::Bg => (40, 100, 48),
        Layer::Underline => (0, 0, 58),
    };
    let mut p = Vec::new();
    match (color, palette_index(color)) {
        (Color::Reset, _) => push_number(&mut p, extended + 1),
        (_, Some(i)) if i < 8 && base != 0 && !indexed => push_number(&mut p, base + u32::from(i)),
        (_, Some(i)) if (8..16).contains(&i) && base != 0 => {
            push_number(&mut p, bright + u32::from(i) - 8);
        }
        (_, Some(i)) => {
            push_number(&mut p, extended);
            p.extend_from_slice(b";5;");
            push_number(&mut p, i);
        }
        (Color::Rgb(r, g, b), None) => {
            push_number(&mut p, extended);
            p.extend_from_slice(b";2;");
            for (k, v) in [r, g, b].into_iter().enumerate() {
                if k > 0 {
                    p.push(b';');
                }
                push_number(&mut p, v);
            }
        }
        (_, None) => return,
    }
    push_param(params, &p);
}

impl<W: Write> Write for LeanBackend<W> {
    /// Bytes for the terminal that are not cells (a clipboard sequence): sent with the next
    /// flush, in order. They must not move the cursor or change the attributes.
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(self)
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        self.flow = None;
        let mut i = 0;
        while let Some(&(x, y, cell)) = cells.get(i) {
            let here = match (self.cursor.x, self.cursor.y) {
                (Some(_), Some(_)) => self.cursor.is_at(x, y),
                _ => self.flow == Some((x, y)),
            };
            if !here {
                self.go_to(x, y, Some(cell));
            }
            if let Some(taken) = self.erase(&cells[i..]) {
                i += taken;
                continue;
            }
            self.put(x, y, cell);
            i += 1;
        }
        self.reset_pen();
        self.unknown_from = None;
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.buf.extend(std::iter::repeat_n(b'\n', usize::from(n)));
        // The screen may have scrolled.
        self.forget();
        Backend::flush(self)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            self.buf.extend_from_slice(b"\x1b[?25l");
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            self.buf.extend_from_slice(b"\x1b[?25h");
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        match (self.size, self.cursor.x, self.cursor.y) {
            (SizeSource::Fixed(_), Some(x), Some(y)) => Ok(Position { x, y }),
            (SizeSource::Fixed(_), _, _) => Ok(Position::ORIGIN),
            (SizeSource::Terminal, _, _) => crossterm::cursor::position()
                .map(|(x, y)| Position { x, y })
                .map_err(io::Error::other),
        }
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        if !self.cursor.is_at(x, y) {
            self.go_to(x, y, None);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erased cells take the background colour.
        self.reset_pen();
        let sequence: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.buf.extend_from_slice(sequence);
        if matches!(clear_type, ClearType::All) {
            self.assume_blank();
        } else {
            self.screen.fill(None);
        }
        Backend::flush(self)
    }

    fn size(&self) -> io::Result<Size> {
        match self.size {
            SizeSource::Fixed(size) => Ok(size),
            SizeSource::Terminal => {
                let (width, height) = crossterm::terminal::size()?;
                Ok(Size { width, height })
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.size {
            SizeSource::Fixed(size) => Ok(WindowSize {
                columns_rows: size,
                pixels: Size::ZERO,
            }),
            SizeSource::Terminal => {
                let crossterm::terminal::WindowSize {
                    columns,
                    rows,
                    width,
                    height,
                } = crossterm::terminal::window_size()?;
                Ok(WindowSize {
                    columns_rows: Size {
                        width: columns,
                        height: rows,
                    },
                    pixels: Size { width, height },
                })
            }
        }
    }

    /// Send the frame: one write, one flush. When that fails, what the terminal shows is no
    /// longer known.
    fn flush(&mut self) -> io::Result<()> {
        let sent = if self.buf.is_empty() {
            Ok(())
        } else {
            self.out.write_all(&self.buf)
        }
        .and_then(|()| self.out.flush());
        self.buf.clear();
        if sent.is_err() {
            self.forget();
        }
        sent
    }
}

#[cfg(test)]
mod tests;
