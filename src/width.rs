//! Display width of terminal text: measure, cut and pad by columns (CJK counts 2). Shared by the
//! CLI tables and the reader; no terminal and no ratatui here.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Columns one character takes on a terminal that measures character by character (CJK and
/// emoji 2, combining marks and joiners 0). Text that went through `sanitize` is laid out by
/// ratatui in exactly these columns too: the sanitizer settles every grapheme whose width the two
/// would disagree on.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Columns a string takes on screen (CJK counts 2, combining marks 0).
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Cut `s` to at most `width` columns, ending in `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    truncate_with(s, width, "…")
}

/// Cut `s` to at most `width` columns, ending in `ellipsis` when something was cut (`...` where
/// the terminal cannot show `…`). When not even the ellipsis fits, as much of it as fits.
pub fn truncate_with<'a>(s: &'a str, width: usize, ellipsis: &str) -> Cow<'a, str> {
    if display_width(s) <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mark = display_width(ellipsis);
    if mark >= width {
        return Cow::Owned(take_columns(ellipsis, width).to_owned());
    }
    let mut out = take_columns(s, width - mark).to_owned();
    out.push_str(ellipsis);
    Cow::Owned(out)
}

/// The longest start of `s` no wider than `width` columns.
fn take_columns(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > width {
            return &s[..at];
        }
        used += w;
    }
    s
}

/// `s` cut or padded with spaces to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    fit_with(s, width, "…")
}

/// `s` cut (ending in `ellipsis`) or padded with spaces to exactly `width` columns.
pub fn fit_with(s: &str, width: usize, ellipsis: &str) -> String {
    let cut = truncate_with(s, width, ellipsis);
    let pad = width.saturating_sub(display_width(&cut));
    let mut out = cut.into_owned();
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_and_pad_by_columns() {
        assert_eq!(display_width("日本 ab"), 7);
        assert_eq!(truncate("headline", 8), "headline");
        assert_eq!(truncate("headline", 5), "head…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("日本語", 0), "");
        assert_eq!(fit("日本", 6), "日本  ");
        assert_eq!(fit("Bloomberg", 8), "Bloombe…");
    }

    #[test]
    fn ascii_ellipsis_takes_three_columns() {
        assert_eq!(truncate_with("headline", 8, "..."), "headline");
        assert_eq!(truncate_with("headline", 6, "..."), "hea...");
        assert_eq!(truncate_with("日本語", 5, "..."), "日...");
        // A wide character that would cross the limit is left out, not split.
        assert_eq!(truncate_with("日本語", 4, "..."), "...");
        assert_eq!(truncate_with("headline", 2, "..."), "..");
        assert_eq!(truncate_with("headline", 0, "..."), "");
        assert_eq!(fit_with("Bloomberg", 8, "..."), "Bloom...");
        assert_eq!(fit_with("日本語", 4, "..."), "... ");
        assert_eq!(truncate_with("headline", 5, "…"), truncate("headline", 5));
    }
}
