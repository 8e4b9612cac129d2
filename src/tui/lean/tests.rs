//! `LeanBackend`'s bytes for small cases, exactly, and the property that matters: whatever it
//! is given, the terminal ends up showing what `CrosstermBackend` would have put there.

use std::num::NonZeroU16;

use proptest::prelude::*;
use proptest::sample::select;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::*;

/// A lean backend that has drawn `first` on a blank `first.area`-sized screen, its bytes taken.
fn after(first: &Buffer) -> LeanBackend<Vec<u8>> {
    let size = Size::new(first.area.width, first.area.height);
    let mut backend = LeanBackend::with_size(Vec::new(), size);
    frame(&mut backend, &Buffer::empty(first.area), first);
    backend.out.clear();
    backend
}

/// Draw `next` over `prev` as ratatui's `Terminal` does: the diff, the cursor hidden, a flush.
fn frame<B: Backend>(backend: &mut B, prev: &Buffer, next: &Buffer) {
    let diff = prev.diff(next);
    backend.draw(diff.into_iter()).ok().unwrap();
    backend.hide_cursor().ok().unwrap();
    backend.flush().ok().unwrap();
}

/// The bytes for `next` drawn after `prev`.
fn bytes_between(prev: &Buffer, next: &Buffer) -> String {
    let mut backend = after(prev);
    frame(&mut backend, prev, next);
    String::from_utf8(backend.out).unwrap()
}

fn line(width: u16, text: &str) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
    buf.set_string(0, 0, text, Style::new());
    buf
}

fn cell(fg: Color, modifier: Modifier) -> Cell {
    let mut c = Cell::new("x");
    c.fg = fg;
    c.modifier = modifier;
    c
}

/// The SGR bytes that take the pen from `from` to the attributes of `to`.
fn sgr(from: Option<&Cell>, to: &Cell) -> String {
    let mut pen = Some(Pen::DEFAULT);
    let mut scratch = Vec::new();
    if let Some(from) = from {
        write_pen(&mut scratch, &mut pen, from);
    }
    let mut bytes = Vec::new();
    write_pen(&mut bytes, &mut pen, to);
    String::from_utf8(bytes).unwrap()
}

#[test]
fn a_short_gap_is_rewritten_instead_of_moved_over() {
    // The cursor ends the first frame after "abcdef": back to the start of the line and over
    // the "a" is shorter than any move, and so is "cde" than `ESC[3C`.
    assert_eq!(
        bytes_between(&line(20, "abcdef"), &line(20, "aXcdeY")),
        "\raXcdeY"
    );
}

#[test]
fn a_long_gap_is_moved_over() {
    let prev = line(40, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    let next = line(40, "baaaaaaaaaaaaaaaaaaaaaaaaaaaab");
    // `ESC[30G` (to column 30) ties with `ESC[28C`; the first found is kept.
    assert_eq!(bytes_between(&prev, &next), "\rb\x1b[30Gb");
}

#[test]
fn a_gap_in_another_colour_is_moved_over_when_its_colours_cost_more() {
    let mut prev = line(20, "a   b");
    prev.set_style(Rect::new(1, 0, 3, 1), Style::new().fg(Color::Red));
    let mut next = prev.clone();
    next[(0, 0)].set_symbol("x");
    next[(4, 0)].set_symbol("y");
    // Rewriting the red gap costs `ESC[31m   ESC[39m`; `ESC[5G` is shorter.
    assert_eq!(bytes_between(&prev, &next), "\rx\x1b[5Gy");
}

#[test]
fn moves_to_the_next_row_are_relative_when_shorter() {
    let mut prev = Buffer::empty(Rect::new(0, 0, 20, 3));
    prev.set_string(0, 0, "one", Style::new());
    let mut next = prev.clone();
    next.set_string(0, 1, "two", Style::new());
    next.set_string(5, 2, "three", Style::new());
    // After "one" (the first frame) the cursor is at column 3 of row 0: CR LF to the next
    // row, then down one and over two known blanks.
    assert_eq!(bytes_between(&prev, &next), "\r\ntwo\x1b[B  three");
}

#[test]
fn blank_runs_are_erased_when_that_is_shorter() {
    let mut prev = line(30, "some words here");
    let mut next = line(30, "some");
    prev[(29, 0)].set_symbol("#");
    next[(29, 0)].set_symbol("#");
    // "words here" becomes blank: one `ESC[10X` (over the blank between the words too), not
    // nine spaces and a move. The first frame ended in the last column, where the cursor's
    // place is not trusted: an absolute column.
    assert_eq!(bytes_between(&prev, &next), "\x1b[6G\x1b[10X");
    // Up to a blank end of the row: `ESC[K`.
    assert_eq!(
        bytes_between(&line(30, "some words here"), &line(30, "some")),
        "\x1b[6G\x1b[K"
    );
    // Two blanks are cheaper as spaces.
    assert_eq!(
        bytes_between(&line(30, "ab cd|"), &line(30, "ab   |")),
        "\x1b[4G  "
    );
}

#[test]
fn the_pen_changes_only_what_differs() {
    let plain = cell(Color::Reset, Modifier::empty());
    let red = cell(Color::Red, Modifier::empty());
    let bold_red = cell(Color::Red, Modifier::BOLD);
    let italic_under = cell(Color::Reset, Modifier::ITALIC | Modifier::UNDERLINED);
    let italic = cell(Color::Reset, Modifier::ITALIC);
    let reverse_bold = cell(Color::Reset, Modifier::REVERSED | Modifier::BOLD);
    let reverse_dim = cell(Color::Reset, Modifier::REVERSED | Modifier::DIM);
    assert_eq!(sgr(None, &plain), "");
    assert_eq!(sgr(None, &red), "\x1b[31m");
    assert_eq!(
        sgr(None, &cell(Color::LightCyan, Modifier::empty())),
        "\x1b[96m"
    );
    assert_eq!(
        sgr(None, &cell(Color::Indexed(200), Modifier::empty())),
        "\x1b[38;5;200m"
    );
    assert_eq!(
        sgr(None, &cell(Color::Rgb(1, 2, 3), Modifier::empty())),
        "\x1b[38;2;1;2;3m"
    );
    // Bold in a dark colour keeps crossterm's `38;5;n`: `1;31` may be drawn bright.
    assert_eq!(sgr(Some(&red), &bold_red), "\x1b[1;38;5;1m");
    assert_eq!(sgr(None, &bold_red), "\x1b[1;38;5;1m");
    // Once sent that way, dropping the bold need not resend the colour.
    assert_eq!(sgr(Some(&bold_red), &red), "\x1b[22m");
    // Back to nothing: a reset is shortest.
    assert_eq!(sgr(Some(&bold_red), &plain), "\x1b[m");
    assert_eq!(sgr(Some(&italic_under), &italic), "\x1b[24m");
    // 22 ends bold and dim together; what stays is set again.
    assert_eq!(sgr(Some(&reverse_bold), &reverse_dim), "\x1b[22;2m");
    // A reset and the new attributes, when that is shorter than undoing the old ones.
    let many = cell(
        Color::Red,
        Modifier::ITALIC | Modifier::UNDERLINED | Modifier::CROSSED_OUT,
    );
    assert_eq!(sgr(Some(&many), &bold_red), "\x1b[0;1;38;5;1m");
    let mut on_blue = plain.clone();
    on_blue.bg = Color::Blue;
    assert_eq!(sgr(Some(&red), &on_blue), "\x1b[0;44m");
}

#[test]
fn a_frame_resets_the_pen_once_and_hides_the_cursor_once() {
    let mut prev = line(10, "a");
    prev[(0, 0)].fg = Color::Green;
    let mut backend = after(&prev);
    let mut next = prev.clone();
    next[(0, 0)].fg = Color::Blue;
    frame(&mut backend, &prev, &next);
    // Back over the cell, the colour, the cell, the reset; the cursor was hidden last frame.
    assert_eq!(
        String::from_utf8(std::mem::take(&mut backend.out)).unwrap(),
        "\r\x1b[34ma\x1b[m"
    );
    frame(&mut backend, &next, &next);
    assert!(backend.out.is_empty(), "nothing changed, nothing sent");
}

#[test]
fn after_a_wide_character_the_next_move_is_absolute() {
    let area = Rect::new(0, 0, 20, 1);
    let prev = Buffer::empty(area);
    let mut next = Buffer::empty(area);
    next.set_string(0, 0, "漢", Style::new());
    next.set_string(3, 0, "a", Style::new());
    next.set_string(5, 0, "’b", Style::new());
    // After "漢" the terminal may be anywhere: `ESC[1;4H`, not a relative move. What the rest
    // of the row shows is not known either, so the blank after "a" is moved over, not
    // rewritten. "’" is one column everywhere, so no move before "b".
    assert_eq!(bytes_between(&prev, &next), "\x1b[H漢\x1b[1;4Ha\x1b[C’b");
}

/// A writer that fails, like a terminal that went away.
struct Broken;
impl Write for Broken {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("EIO"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_clear_makes_the_screen_blank_and_a_failed_write_forgets_it() {
    let mut backend = after(&line(10, "abc"));
    backend.clear_region(ClearType::All).unwrap();
    assert_eq!(String::from_utf8(backend.out.clone()).unwrap(), "\x1b[2J");
    assert!(
        backend
            .screen
            .iter()
            .all(|c| c.as_ref().is_some_and(is_plain_blank))
    );

    let mut broken = LeanBackend::with_size(Broken, Size::new(4, 1));
    let buf = line(4, "ab");
    broken
        .draw(Buffer::empty(buf.area).diff(&buf).into_iter())
        .unwrap();
    assert!(Backend::flush(&mut broken).is_err());
    assert!(broken.screen.iter().all(Option::is_none));
    assert_eq!((broken.cursor, broken.pen), (Cursor::default(), None));
}

#[test]
fn only_single_column_characters_are_trusted() {
    for s in ["a", " ", "~", "é", "’", "—", "…", "€", "│", "█", "Ж", "λ"] {
        assert!(is_one_column(s), "{s:?}");
    }
    for s in [
        "漢",
        "😀",
        "❤\u{fe0f}",
        "e\u{301}",
        "\u{ad}",
        "ab",
        "",
        "\u{200b}",
    ] {
        assert!(!is_one_column(s), "{s:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Same screen as crossterm

/// Cases: `PROPTEST_CASES` when set, else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text pieces of one-column characters: ASCII, blanks, punctuation, box drawing, letters.
const PIECES: &[&str] = &[
    "a",
    "bc",
    "word",
    "longer words",
    " ",
    "   ",
    "’",
    "—",
    "│",
    "█",
    "é",
    "Ж",
    "—ok—",
];

/// Pieces the backend does not trust to be one column: wide characters, emoji (one that came
/// with VS16), a combining mark. They go through the sanitizer, as all article text does: it
/// takes apart the emoji sequences terminals draw at different widths (`❤` + VS16 is two
/// columns to ratatui and to vt100 only once the selector arrives, which can scroll the last
/// row), and there no backend can put the intended screen on the terminal.
const WIDE_PIECES: &[&str] = &["漢", "字a", "x漢y", "😀", "❤\u{fe0f}", "e\u{301}"];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => select(PIECES).prop_map(str::to_owned),
        1 => select(WIDE_PIECES).prop_map(|p| crate::sanitize::text(p).into_owned()),
    ]
}

const COLORS: &[Color] = &[
    Color::Reset,
    Color::Red,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightBlue,
    Color::Indexed(3),
    Color::Indexed(200),
    Color::Rgb(10, 20, 30),
];

/// Modifiers, never both blinks at once: crossterm ends both with one `25` and sets back
/// neither (vt100 shows no blink anyway).
const MODIFIERS: &[Modifier] = &[
    Modifier::BOLD,
    Modifier::DIM,
    Modifier::ITALIC,
    Modifier::UNDERLINED,
    Modifier::SLOW_BLINK,
    Modifier::REVERSED,
    Modifier::HIDDEN,
    Modifier::CROSSED_OUT,
];

/// Half the time no style at all, as most text is.
fn style() -> impl Strategy<Value = Style> {
    let styled = (
        select(COLORS),
        select(COLORS),
        proptest::collection::vec(select(MODIFIERS), 0..3),
    )
        .prop_map(|(fg, bg, mods)| {
            let modifier = mods.into_iter().fold(Modifier::empty(), |a, m| a | m);
            Style::new().fg(fg).bg(bg).add_modifier(modifier)
        });
    prop_oneof![Just(Style::new()), styled]
}

/// What one frame draws: strings at places, styled areas, cells ratatui must skip.
#[derive(Debug, Clone)]
enum Op {
    Text(u16, u16, String, Style),
    Area(u16, u16, u16, u16, Style),
    /// Cells back to plain blanks (text going away as a page scrolls).
    Blank(u16, u16, u16, u16),
    Skip(u16, u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u16..30, 0u16..8, proptest::collection::vec(piece(), 1..6), style())
            .prop_map(|(x, y, pieces, s)| Op::Text(x, y, pieces.concat(), s)),
        2 => (0u16..30, 0u16..8, 1u16..12, 1u16..4, style())
            .prop_map(|(x, y, w, h, s)| Op::Area(x, y, w, h, s)),
        3 => (0u16..30, 0u16..8, 1u16..30, 1u16..4)
            .prop_map(|(x, y, w, h)| Op::Blank(x, y, w, h)),
        1 => (0u16..30, 0u16..8).prop_map(|(x, y)| Op::Skip(x, y)),
    ]
}

/// A frame: an optional new size, what is drawn, and where the cursor shows (if it does).
#[derive(Debug, Clone)]
struct Frame {
    resize: Option<(u16, u16)>,
    ops: Vec<Op>,
    cursor: Option<(u16, u16)>,
    /// Draw over the previous frame (as when a page scrolls) instead of from blank.
    keep: bool,
}

fn frame_plan() -> impl Strategy<Value = Frame> {
    (
        proptest::option::weighted(0.15, (1u16..30, 1u16..8)),
        proptest::collection::vec(op(), 0..16),
        proptest::option::weighted(0.2, (0u16..30, 0u16..8)),
        proptest::bool::weighted(0.7),
    )
        .prop_map(|(resize, ops, cursor, keep)| Frame {
            resize,
            ops,
            cursor,
            keep,
        })
}

fn render(buf: &mut Buffer, ops: &[Op]) {
    let area = buf.area;
    for op in ops {
        match op {
            Op::Text(x, y, text, style) => {
                if *x < area.width && *y < area.height {
                    buf.set_stringn(*x, *y, text, usize::from(area.width - x), *style);
                }
            }
            Op::Area(x, y, w, h, style) => {
                buf.set_style(Rect::new(*x, *y, *w, *h).intersection(area), *style);
            }
            Op::Blank(x, y, w, h) => {
                let blank = Rect::new(*x, *y, *w, *h).intersection(area);
                for p in blank.positions() {
                    buf[p].reset();
                }
            }
            Op::Skip(x, y) => {
                if let Some(c) = buf.cell_mut((*x, *y)) {
                    c.set_diff_option(CellDiffOption::Skip);
                }
            }
        }
    }
}

/// A writer whose bytes can be taken while a backend owns it.
#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn parser(w: u16, h: u16) -> vt100::Parser {
    vt100::Parser::new(NonZeroU16::new(h).unwrap(), NonZeroU16::new(w).unwrap(), 0)
}

/// Every cell of two screens, contents and attributes, compared; an erased cell ("") and a
/// printed space are the same blank. Where `shown` (the cells sent so far) has bold and dim
/// together, the intensity is not compared: vt100 keeps only the last one set, and which that
/// is in crossterm's output depends on the cells drawn before.
fn same_screen(
    lean: &vt100::Screen,
    reference: &vt100::Screen,
    shown: &Buffer,
) -> Result<(), String> {
    let (width, height) = (shown.area.width, shown.area.height);
    for row in 0..height {
        for col in 0..width {
            let (Some(ours), Some(theirs)) = (lean.cell(row, col), reference.cell(row, col)) else {
                return Err(format!("no cell at {row},{col}"));
            };
            let text = |c: &vt100::Cell| {
                let shown = c.contents();
                if shown.is_empty() {
                    " ".to_owned()
                } else {
                    shown.to_owned()
                }
            };
            let look = |c: &vt100::Cell| {
                (
                    text(c),
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.dim(),
                    c.italic(),
                    c.underline(),
                    c.inverse(),
                    c.is_wide(),
                    c.is_wide_continuation(),
                )
            };
            let both = Modifier::BOLD | Modifier::DIM;
            let loose = shown
                .cell((col, row))
                .is_some_and(|c| c.modifier.contains(both));
            let seen = |c: &vt100::Cell| {
                let mut looks = look(c);
                if loose {
                    (looks.3, looks.4) = (false, false);
                }
                looks
            };
            if seen(ours) != seen(theirs) {
                return Err(format!(
                    "row {row} col {col}: lean {:?}, crossterm {:?}\nlean:\n{}\ncrossterm:\n{}",
                    look(ours),
                    look(theirs),
                    lean.contents(),
                    reference.contents()
                ));
            }
        }
    }
    if reference.hide_cursor() != lean.hide_cursor() {
        return Err("cursor visibility differs".to_owned());
    }
    if !reference.hide_cursor() && reference.cursor_position() != lean.cursor_position() {
        return Err(format!(
            "cursor at {:?}, crossterm {:?}",
            lean.cursor_position(),
            reference.cursor_position()
        ));
    }
    Ok(())
}

/// Draw the frames through both backends, as `Terminal` would, and compare the screens after
/// each.
fn check(w: u16, h: u16, frames: &[Frame]) -> Result<(), String> {
    let (mut w, mut h) = (w, h);
    let mut lean = LeanBackend::with_size(Vec::new(), Size::new(w, h));
    let sink = Sink::default();
    let mut reference = CrosstermBackend::new(sink.clone());
    let (mut lean_term, mut reference_term) = (parser(w, h), parser(w, h));
    let mut prev = Buffer::empty(Rect::new(0, 0, w, h));
    // The last cell sent to each place: a skipped cell keeps what an earlier frame put there.
    let mut shown = prev.clone();
    for (n, plan) in frames.iter().enumerate() {
        if let Some((nw, nh)) = plan.resize {
            (w, h) = (nw, nh);
            lean.size = SizeSource::Fixed(Size::new(w, h));
            lean.clear_region(ClearType::All).unwrap();
            reference.clear_region(ClearType::All).unwrap();
            let (rows, cols) = (NonZeroU16::new(h).unwrap(), NonZeroU16::new(w).unwrap());
            lean_term.screen_mut().set_size(rows, cols);
            reference_term.screen_mut().set_size(rows, cols);
            prev = Buffer::empty(Rect::new(0, 0, w, h));
            shown = prev.clone();
        }
        let mut next = if plan.keep {
            prev.clone()
        } else {
            Buffer::empty(prev.area)
        };
        for c in &mut next.content {
            c.set_diff_option(CellDiffOption::None);
        }
        render(&mut next, &plan.ops);
        let diff = prev.diff(&next);
        for &(x, y, cell) in &diff {
            shown[(x, y)] = cell.clone();
        }
        lean.draw(diff.iter().copied()).unwrap();
        reference.draw(diff.into_iter()).unwrap();
        match plan.cursor.filter(|&(x, y)| x < w && y < h) {
            None => {
                lean.hide_cursor().unwrap();
                reference.hide_cursor().unwrap();
            }
            Some(at) => {
                lean.show_cursor().unwrap();
                lean.set_cursor_position(at).unwrap();
                reference.show_cursor().unwrap();
                reference.set_cursor_position(at).unwrap();
            }
        }
        Backend::flush(&mut lean).unwrap();
        Backend::flush(&mut reference).unwrap();
        lean_term.process(&std::mem::take(&mut lean.out));
        reference_term.process(&std::mem::take(&mut *sink.0.borrow_mut()));
        same_screen(lean_term.screen(), reference_term.screen(), &shown)
            .map_err(|e| format!("after frame {n}: {e}"))?;
        prev = next;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn shows_what_crossterm_shows(
        w in 1u16..30,
        h in 1u16..8,
        frames in proptest::collection::vec(frame_plan(), 1..6),
    ) {
        if let Err(e) = check(w, h, &frames) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn shows_what_crossterm_shows_for_pages_of_text() {
    // Pages of words scrolling by, the case the backend is for.
    let words = "the quick brown fox jumps over a lazy dog while it’s raining — again and again";
    let lines: Vec<String> = (0..40)
        .map(|i| {
            let start = (i * 7) % 30;
            words
                .chars()
                .cycle()
                .skip(start)
                .take(10 + (i * 13) % 25)
                .collect()
        })
        .collect();
    let frames: Vec<Frame> = (0..6)
        .map(|page| Frame {
            resize: None,
            ops: lines
                .iter()
                .skip(page * 6)
                .take(8)
                .enumerate()
                .map(|(y, l)| Op::Text(2, y as u16, l.clone(), Style::new()))
                .chain([Op::Text(
                    28,
                    (page % 8) as u16,
                    "█".into(),
                    Style::new().fg(Color::Cyan),
                )])
                .collect(),
            cursor: None,
            keep: false,
        })
        .collect();
    check(30, 8, &frames).unwrap();
}
