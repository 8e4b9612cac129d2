//! Display width of terminal text: measure, cut and pad by columns (CJK counts 2). Shared by the
//! CLI tables and the reader; no terminal and no ratatui here.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Columns a string takes on screen (CJK counts 2, combining marks 0).
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cut `s` to at most `width` columns, ending in `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    if display_width(s) <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` cut or padded with spaces to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    let cut = truncate(s, width);
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
}
