//! Page furniture: the lines a pasted web page carries that are not the story. Banners and section
//! labels, share and send-to lines, related-story blocks and their teasers, newsletter pitches,
//! syndication notices, photo captions and credits, reporting credits. Each predicate looks at one
//! trimmed line; none of them knows any particular article.

use std::sync::LazyLock;

use regex::Regex;

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this module, checked by the tests below.
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("furniture pattern compiles")
}

/// Whole lines that are never part of a story.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^(?:
          from | send\s+to | share | share\s+this(?:\s+article|\s+story)? | share\s+on\s+\w+ | tweet | email | e-mail | print
        | facebook | twitter | x | linkedin | whatsapp | telegram | reddit | copy\s+link | link\s+copied | save | saved | bookmark
        | listen | listen\s+to\s+(?:this\s+)?(?:article|story)(?:\s+\d+\s+min)? | \d+\s+min(?:ute)?s?\s+read | font\s+size | a\s*a\s*a | text\s+size
        | advertisement | advertising | sponsored(?:\s+content)? | ad | skip\s+(?:to\s+)?(?:main\s+)?content | skip\s+advertisement
        | (?:header|top|site|page|footer)\s+(?:banner|ad|image|logo) | banner | logo | menu | search | close | home | back\s+to\s+top | top\s+of\s+page
        | subscribe(?:\s+now)? | sign\s+(?:up|in) | log\s+in | register | newsletter | get\s+the\s+app | download\s+the\s+app
        | explore(?:\s+(?:news|more))? | more(?:\s+news)? | show\s+more | load\s+more | view\s+comments? | comments? | \d+\s+comments?
        | all\s+rights\s+reserved\.? | image | photo | video | gallery | file\s+photo | enlarge(?:\s+this\s+image)? | toggle\s+caption | hide\s+caption
        | (?:click|tap)\s+(?:here|to\s+\w+).* | (?:read|see)\s+(?:the\s+)?(?:full|original)\s+(?:article|story).*
        | advertisement\s*-\s*scroll\s+to\s+continue | continue\s+reading.* | story\s+continues(?:\s+below)?(?:\s+advertisement)?
        | (?:follow|like)\s+us\s+on\s+.* | (?:join|subscribe\s+to)\s+(?:us\s+on\s+|our\s+).*(?:channel|newsletter|whatsapp|telegram).*
        | .*(?-u:\b)(?:telegram|whatsapp)\s+channel(?-u:\b).* | sign\s+up\s+(?:for|to)\s+.*newsletter.* | .*(?-u:\b)newsletter(?-u:\b).*(?-u:\b)sign\s+up(?-u:\b).*
        | get\s+(?:them|it|the\s+latest)\s+on\s+our\s+.* | don'?t\s+miss\s+the\s+(?:most\s+important|latest)\s+news.*
        | more\s+stories\s+like\s+this\s+.* | (?:more|the\s+latest)\s+from\s+\S+\.(?:com|net|org).*
        | .*(?-u:\b)syndicated\s+feed(?-u:\b).* | .*(?-u:\b)auto-generated\s+from(?-u:\b).* | this\s+(?:story|article)\s+(?:has\s+been|was)\s+(?:published|generated)\s+from\s+an?\s+(?:wire|agency)\s+feed.*
        | (?:\(?this\s+(?:story|report)\s+has\s+not\s+been\s+edited\s+by\s+.*)
        | trending(?:\s+now)? | most\s+(?:read|popular|viewed) | top\s+stories | latest\s+news | editor'?s\s+picks?
        )[.!:]?$",
    )
});

/// A heading that starts a block of links to other stories.
static RELATED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^(?:
          related(?:\s+(?:stories|story|articles?|news|coverage|content|links|reading|topics))?
        | (?:read|see)\s+(?:more|also|next)(?:\s+on\s+this\s+topic)? | also\s+read | must\s+read | recommended(?:\s+(?:stories|for\s+you|reading))?
        | you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in) | more\s+(?:on\s+this\s+story|stories|from\s+.*|to\s+read|in\s+\w+)
        | what\s+to\s+read\s+next | further\s+reading | in\s+other\s+news | popular\s+(?:stories|now) | top\s+picks
        )\s*[:.]?$",
    )
});

/// Credit lines: reporting, writing, editing, assistance.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^[\s(\[—–-]*(?:
          (?:additional\s+)?reporting\s+by | writing\s+by | written\s+by | editing\s+by | edited\s+by | compiled\s+by
        | with\s+assistance\s+from | with\s+reporting\s+by | contributing\s+reporters?:? | (?:to\s+)?contact\s+the\s+(?:reporters?|editors?)(?-u:\b)
        | (?:this\s+story\s+)?(?:was\s+)?(?:reported|written|edited)\s+by
        )(?-u:\b)",
    )
});

/// The end of a photo caption: a photo credit naming an agency or photographer. Every
/// alternative ends the line, so the pattern is searched backwards from the end: a line of
/// prose is given up within its last few characters, not read from the start.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)
          (?:
            \(\s*(?:[^()]*(?-u:\b)(?:Photo|PHOTO|photo|Pool|POOL|Getty\s+Images|File|FILE)(?-u:\b)[^()]*|(?:AFP|Reuters|REUTERS|EPA|Yonhap|YONHAP|Kyodo|AP|Xinhua)\s*/[^()]*)\)\s*\.?
          | (?:/\s*(?:Pool\s+)?(?:via\s+)?(?:REUTERS|Reuters|AFP|AP|EPA|Yonhap|Kyodo|Getty\s+Images)|(?:REUTERS|AFP|EPA|YONHAP)\s*/\s*[\p{Lu}][\p{L}.'’\x20-]+)\s*\.?
          | (?-u:\b)(?:via|VIA)\s+(?:REUTERS|Reuters|AFP|AP|EPA|Getty\s+Images)\s*\.?
          | (?-u:\b)(?:Photo|PHOTO)\s*(?:credit)?\s*:\s*[\p{Lu}][\p{L}.'’\x20/-]*
          | \[(?:YONHAP|Yonhap|AFP|REUTERS|AP|EPA|NEWS1|Newsis|NEWSIS|JOONGANG|[\p{Lu}]+\s+PHOTO)[^\]]*\]\s*
          )$
        ",
    )
});

/// The start of a photo caption: `Photo:`, `Image credit/`.
static PHOTO_LABEL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:Photo|PHOTO|Image|IMAGE|Picture)\s*(?:credit)?\s*[:/]"));

/// A caption ending in a copyright holder after its last sentence (`... in Seoul. © Yonhap`).
/// The holder's length (2 to 61 characters) is checked in code: a counted repetition of a
/// Unicode class compiles once per count, slowly.
static COPYRIGHT_HOLDER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[.!?]\s*©\s*(\p{Lu}[\p{L}.'’\x20,/-]+)$"));

/// `(Yonhap)`-style source tag at the end of a short caption line (2 to 41 characters, checked
/// in code as above).
static SOURCE_TAG: LazyLock<Regex> = LazyLock::new(|| regex(r"\(([\p{Lu}][\p{L}.’' -]+)\)\s*$"));

/// Compile this module's patterns now: `extract::warm_up` does it on every core at start-up.
pub(crate) const WARM_UP: &[fn()] = &[
    || {
        LazyLock::force(&FURNITURE);
    },
    || {
        LazyLock::force(&RELATED_HEADER);
    },
    || {
        LazyLock::force(&CREDIT);
    },
    || {
        LazyLock::force(&PHOTO_CREDIT);
        LazyLock::force(&PHOTO_LABEL);
    },
    || {
        LazyLock::force(&COPYRIGHT_HOLDER);
    },
    || {
        LazyLock::force(&SOURCE_TAG);
    },
];

/// The text of capture group 1, if it has `len` characters.
fn group_of_length<'a>(
    c: &regex::Captures<'a>,
    len: std::ops::RangeInclusive<usize>,
) -> Option<&'a str> {
    let text = c.get(1)?.as_str();
    len.contains(&text.chars().count()).then_some(text)
}

/// A line that is page furniture and never part of the story.
pub fn is_furniture(line: &str) -> bool {
    FURNITURE.is_match(line.trim())
}

/// A heading that starts a related-stories block.
pub fn is_related_header(line: &str) -> bool {
    RELATED_HEADER.is_match(line.trim())
}

/// A teaser: a truncated headline (`Top diplomat visits South Korea after fou...`).
pub fn is_teaser(line: &str) -> bool {
    let line = line.trim();
    (line.ends_with("...") || line.ends_with('…'))
        && !line.ends_with("....")
        && !more_words_than(line, 20)
}

/// A reporting, writing, editing or assistance credit line.
pub fn is_credit(line: &str) -> bool {
    CREDIT.is_match(line) && !more_words_than(line, 60)
}

/// A photo caption: text ending in a photo credit (`... Eugene Hoshiko/Pool via REUTERS`,
/// `(AP Photo/Ahn Young-joon)`, `(Photo: AP)`), or a short line tagged with a known source
/// (`Ministry of Foreign Affairs (Yonhap)`).
pub fn is_caption(line: &str, is_known_outlet: impl Fn(&str) -> bool) -> bool {
    let line = line.trim();
    // (The copyright holder follows a `©`; a source tag ends the line with `)`, and `line` is
    // trimmed of the whitespace the pattern allows after it: lines without are not searched.)
    if PHOTO_CREDIT.is_match(line)
        || PHOTO_LABEL.is_match(line)
        || line.contains('©')
            && COPYRIGHT_HOLDER
                .captures(line)
                .is_some_and(|c| group_of_length(&c, 2..=61).is_some())
    {
        return true;
    }
    // A short label ending in a source tag, without a sentence before it.
    if line.ends_with(')')
        && let Some(c) = SOURCE_TAG.captures(line)
    {
        let before = line[..c.get(0).map_or(0, |m| m.start())].trim();
        let Some(tag) = group_of_length(&c, 2..=41) else {
            return false;
        };
        return is_known_outlet(tag)
            && !more_words_than(before, 8)
            && !before.ends_with(['.', '!', '?', '"', '”']);
    }
    false
}

/// A section label: a short all-capitals line (`WORLD`, `ASIA PACIFIC`, `NORTH KOREA`).
/// Quoted capitals (`‘BIG GAP’`) are subheads of the story, not labels.
pub fn is_section_label(line: &str) -> bool {
    let line = line.trim();
    // The capitals first: a line of prose fails at its first lowercase letter, unread beyond.
    line.chars()
        .all(|c| c.is_uppercase() || c.is_whitespace() || matches!(c, '&' | '-' | '/' | ',' | '.'))
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !more_words_than(line, 4)
}

/// Words in a line (whitespace-separated tokens with a letter or digit).
pub fn word_count(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `word_count(line) > n`, reading no further than the word that decides it: most lines are
/// prose, far longer than any limit asked about.
pub fn more_words_than(line: &str, n: usize) -> bool {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(n)
        .is_some()
}

/// Whether a line ends like a sentence.
pub fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_words_than_agrees_with_the_count() {
        for line in [
            "",
            "  ",
            "a",
            "a b",
            "— a — b c",
            "1 2 3 4 5",
            "x - y - z",
            "é ü\u{a0}ß",
        ] {
            for n in 0..7 {
                assert_eq!(
                    more_words_than(line, n),
                    word_count(line) > n,
                    "{line:?} {n}"
                );
            }
        }
    }

    fn known(name: &str) -> bool {
        ["Yonhap", "AP", "Reuters", "AFP", "Kyodo"].contains(&name)
    }

    #[test]
    fn furniture_lines() {
        for line in [
            "From",
            "Send to",
            "Share",
            "Share this article",
            "header banner",
            "Advertisement",
            "Listen to this article 3 min",
            "Explore News",
            "Don't miss the most important news and views of the day. Get them on our Telegram channel",
            "More stories like this are available on bloomberg.com",
            "Sign up for our morning newsletter",
            "(Only the headline and picture of this report may have been reworked by the Business Standard staff; the rest of the content is auto-generated from a syndicated feed.)",
            "Follow us on Twitter",
            "Story continues below advertisement",
            "Click here to subscribe",
            "All rights reserved.",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn story_lines_are_not_furniture() {
        for line in [
            "From Seoul, the minister flew to Tokyo for talks.",
            "Share prices of Samsung Electronics rose 2%.",
            "The newsletter editor said the pact would survive.",
            "Print media in Japan reported the summit widely.",
            "More than 80,000 troops are deployed in the region.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn related_headers_and_teasers() {
        for line in [
            "Related Stories",
            "Related story",
            "RELATED:",
            "Read more",
            "Also read",
            "You may also like",
            "More from Asia",
        ] {
            assert!(is_related_header(line), "{line}");
        }
        assert!(!is_related_header(
            "Related issues remain unresolved, Kang said."
        ));
        assert!(is_teaser(
            "Top diplomat in China's government visits South Korea after fou..."
        ));
        assert!(is_teaser("North Korea fires missile…"));
        assert!(!is_teaser(
            "The talks will continue next month, officials said."
        ));
        assert!(is_teaser("Trade row deepens..."));
        assert!(!is_teaser(&format!("{} and then...", "word ".repeat(30))));
    }

    #[test]
    fn credits() {
        for line in [
            "(Reporting by Hyunsu Yim; Editing by Ed Davies and Jacqueline Wong)",
            "—With assistance from Takashi Hirokawa, Shinhye Kang, Seyoon Kim and Hooyeon Kim.",
            "Additional reporting by Kiyoshi Takenaka in Tokyo",
            "Writing by Josh Smith; Editing by Lincoln Feast.",
            "To contact the reporter on this story: Jon Herskovitz in Seoul at jherskovitz@bloomberg.net",
        ] {
            assert!(is_credit(line), "{line}");
        }
        assert!(!is_credit("Reporting for duty, the soldiers lined up."));
        assert!(!is_credit("The report was edited heavily, officials said."));
    }

    #[test]
    fn captions() {
        for line in [
            "Japan's Foreign Minister shakes hands with his counterpart in Nagoya, Japan November 23, 2019. Eugene Hoshiko/Pool via REUTERS",
            "South Korea’s President Yoon Suk-yeol (Photo: AP)",
            "President Moon Jae-in speaks in Seoul. (Song Kyung-seok/Pool Photo via AP)",
            "Protesters rally outside the embassy. REUTERS/Kim Hong-Ji",
            "Ministry of Foreign Affairs (Yonhap)",
            "Defense ministers meet in Singapore (AP Photo/Vincent Thian)",
            "This photo shows the Dokdo islets. [YONHAP]",
            "Photo: Kyodo",
            "Leaders shake hands in Tokyo on March 16, 2023. © Kiyoshi Ota, AFP",
        ] {
            assert!(is_caption(line, known), "{line}");
        }
        for line in [
            "Relations remain frayed, the foreign ministry said Wednesday.",
            "Other agenda items may include the plan to discharge water. (Yonhap)",
            "Japan and South Korea will hold talks (Reuters reported).",
            "The Group of 20 (G20)",
        ] {
            assert!(!is_caption(line, known), "{line}");
        }
    }

    #[test]
    fn section_labels() {
        for line in [
            "WORLD",
            "ASIA PACIFIC",
            "NORTH KOREA",
            "POLITICS & DIPLOMACY",
        ] {
            assert!(is_section_label(line), "{line}");
        }
        for line in [
            "‘BIG GAP’",
            "World",
            "Japan, South Korea agree to talks",
            "A",
        ] {
            assert!(!is_section_label(line), "{line}");
        }
    }
}
