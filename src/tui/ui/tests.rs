//! Whole-screen tests: insta snapshots on `TestBackend` at fixed sizes, plus checks that hostile
//! text never reaches the terminal, that nothing is drawn outside the area, and that tiny sizes
//! never panic. Fixtures are hand-made articles, analysed with the built-in lexicon where the
//! test is about entities, topics and related stories; no files are read.

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::Path;
use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, draw, guard_split_graphemes, render};
use crate::article::{Article, PartialDate, Sourced};
use crate::config::{Config, DEFAULT_TOML};
use crate::entities::Kind;
use crate::extract::outlet::OutletAliases;
use crate::load::{Problem, Severity};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::state::{AppState, Focus};
use crate::tui::update::update;

const HOSTILE_HEADLINE: &str = "Breaking \x1b[31mRED\x1b[0m alert \u{202E}desrever\x07 ends";

fn base(id: &str, headline: &str, outlet: &str, date: Option<&str>, body: &[&str]) -> Article {
    Article::sample(
        id,
        headline,
        outlet,
        date,
        body.iter().map(|p| (*p).to_owned()).collect(),
    )
}

/// Five articles, newest first: CJK (2023, given), long headline (2022-09), hostile (2021),
/// full metadata (2019-11-23), undated.
fn fixture_store() -> Store {
    let mut rich = base(
        "004_rich",
        "South Korea suspends decision to end intelligence pact with Japan",
        "AP",
        Some("2019-11-23"),
        &[
            "South Korea said on Friday it would conditionally suspend the expiration of an intelligence-sharing pact with Japan, hours before it was due to lapse.",
            "The decision came after weeks of pressure from Washington, which had urged its two allies to set aside a dispute rooted in wartime history.",
            "“We will suspend the termination of the agreement,” a senior official told reporters in Seoul, adding that the move could be reversed at any time.",
            "Japan's trade minister said Tokyo would hold talks with Seoul on export controls, a step both sides described as a first move toward easing tensions.",
            "The pact, known as GSOMIA, allows the two countries to share military secrets, particularly on North Korea's missile and nuclear activities.",
            "Analysts said the reprieve bought time but left the underlying disputes over forced labour and export curbs unresolved.",
        ],
    );
    rich.publisher = Sourced::merge(Some("Business Standard".to_owned()), None);
    rich.dateline = Sourced::merge(Some("SEOUL".to_owned()), None);
    rich.byline = Some("Kim Tong-hyung and Mari Yamaguchi".to_owned());
    rich.credits = vec!["Reporting by Hyonhee Shin; Editing by Ed Davies".to_owned()];
    rich.tags = vec!["korea".to_owned(), "japan".to_owned(), "gsomia".to_owned()];

    let long = base(
        "002_long",
        "Leaders of Japan, South Korea and the United States agree on a sweeping framework for trilateral security cooperation, including real-time missile warning data sharing and annual joint exercises",
        "Bloomberg",
        Some("2022-09"),
        &["A short body."],
    );

    let mut cjk = base(
        "001_cjk",
        "日韓首脳会談、関係改善で一致 (Japan-Korea summit)",
        "Kyodo",
        None,
        &[
            "日本と韓国の首脳は十六日、東京で会談し、元徴用工問題を巡って悪化していた両国関係の改善で一致した。",
            "Mixed text: 尹錫悦大統領 met Prime Minister 岸田文雄 in Tokyo.",
        ],
    );
    cjk.date = Sourced::merge(None, PartialDate::parse_iso("2023-03-16"));
    cjk.dateline = Sourced::merge(Some("東京".to_owned()), None);

    let mut hostile = base(
        "003_hostile",
        HOSTILE_HEADLINE,
        "Evil\x1b]0;title\x07 Wire",
        Some("2021-05-01"),
        &[
            "Before \x1b]0;title\x07 after: the window title must not change.",
            "Colour \x1b[31mred\x1b[0m and \x1b]52;c;Y3VybCB4fGJhc2gK\x07 clipboard and \u{202E}reversed\u{202C} text.",
        ],
    );
    hostile.file = "003_hostile\x1b[?5h\n\u{202E}.txt".to_owned();
    hostile.byline = Some("By \x1b[1mNobody\x1b[0m".to_owned());
    hostile.tags = vec!["\x1b]8;;http://evil\x07link\x1b]8;;\x07".to_owned()];

    let undated = base(
        "005_undated",
        "Undated wire copy about the talks",
        "Yonhap",
        None,
        &["No date anywhere in this one."],
    );

    Store::new(
        vec![rich, long, cjk, hostile, undated],
        vec![],
        OutletAliases::default(),
    )
}

/// The hostile paragraph of the analysed fixture: escape sequences and a tab before mentions,
/// and a place name hidden in a window-title payload.
pub(crate) const HOSTILE_MENTIONS: &str =
    "Colour \x1b[31mred\x1b[0m:\tKishida met Yoon Suk Yeol in \x1b]0;Tokyo\x07Seoul.";

/// Four related stories and one hostile one, analysed with the built-in lexicon as the loader
/// does, newest first: 2023-03-16 summit (Bloomberg), 2022-09-22 New York talks (AP),
/// 2021-05-01 hostile (Evil Wire), 2021-03-31 working-level talks (Yonhap), 2019-11-23 Nagoya
/// (Reuters).
pub(crate) fn analysed_store() -> Store {
    let config = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("")).unwrap();
    let lexicon = config.lexicon;
    let mut nagoya = base(
        "010_nagoya",
        "In bid to repair ties, Japan and South Korea agree to summit next month",
        "Reuters",
        Some("2019-11-23"),
        &[
            "Japan and South Korea agreed on Saturday to hold a summit next month, a day after Seoul stepped back from scrapping an intelligence-sharing pact with Tokyo.",
            "South Korean Foreign Minister Kang Kyung-wha and Japanese Foreign Minister Toshimitsu Motegi met in Nagoya on the sidelines of a Group of 20 meeting.",
            "Kang told reporters the General Security of Military Information Agreement, or GSOMIA, would stay in force while the two sides talked about export controls.",
            "Motegi said Tokyo still wanted Seoul to resolve the dispute over compensation for forced labour during the war, a ruling that angered Japan.",
            "Washington had pressed both allies to keep the intelligence-sharing pact, which it sees as vital to trilateral security cooperation against North Korea.",
            "Kang and Motegi agreed to keep talking. Nippon Steel, one of the firms ordered to pay compensation, declined to comment.",
        ],
    );
    nagoya.dateline = Sourced::merge(Some("NAGOYA".to_owned()), None);
    let mut new_york = base(
        "011_newyork",
        "Leaders of South Korea, Japan agree to work towards improving partnerships",
        "AP",
        Some("2022-09-22"),
        &[
            "South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida met in New York on the sidelines of the UN General Assembly, the first summit between the neighbours since December 2019.",
            "Yoon and Kishida agreed to improve relations strained by disputes over wartime forced labour and the 1965 treaty that normalised ties.",
            "Seoul restored the intelligence-sharing deal with Tokyo this year. Kishida said the two countries must work together against North Korea's ballistic missile launches.",
        ],
    );
    new_york.dateline = Sourced::merge(Some("NEW YORK".to_owned()), None);
    let summit = base(
        "012_summit",
        "Japan, South Korea Seek to Mend Ties at Rare Summit",
        "Bloomberg",
        Some("2023-03-16"),
        &[
            "Yoon Suk Yeol flew to Tokyo for a summit with Fumio Kishida, the first such visit in 12 years, after Seoul offered a plan to compensate forced labour victims.",
            "Kishida said Japan would lift export controls on materials vital to chipmakers. Yoon said the 1965 agreement settled claims between the states.",
            "Joe Biden welcomed the talks, saying the allies must stand together as North Korea fired a ballistic missile hours before Yoon landed.",
        ],
    );
    let working = base(
        "013_working",
        "S. Korea, Japan to have working-level talks amid protracted row over history",
        "Yonhap",
        Some("2021-03-31"),
        &[
            "Foreign Minister Chung Eui-yong spoke with Japanese Foreign Minister Toshimitsu Motegi about the release of treated water from Fukushima.",
            "Chung also raised the comfort women ruling and Japan's claims to Dokdo, and said Seoul would work with Joe Biden's administration on trilateral ties.",
        ],
    );
    let hostile = base(
        "014_hostile",
        "Hostile copy that names names",
        "Evil Wire",
        Some("2021-05-01"),
        &[HOSTILE_MENTIONS],
    );
    let mut articles = vec![nagoya, new_york, summit, working, hostile];
    for a in &mut articles {
        lexicon.analyze(a);
    }
    Store::build(articles, vec![], OutletAliases::default(), lexicon)
}

/// The first place in `area` where a row reads `word`, as (x, y) of its first cell.
fn find_word(buf: &Buffer, word: &str, area: Rect) -> Option<(u16, u16)> {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        if let Some(at) = row.find(word) {
            // Columns, not bytes: the rows searched here hold one column per char.
            let x = row[..at].chars().count() as u16;
            return Some((area.x + x, y));
        }
    }
    None
}

/// Start the reader state at a size and apply actions.
fn state_after(store: &Store, w: u16, h: u16, actions: &[Action]) -> AppState {
    let mut state = AppState::new(store, None);
    update(&mut state, store, Action::Resize(w, h));
    for a in actions {
        update(&mut state, store, *a);
    }
    state
}

pub(crate) fn screen(store: &Store, state: &AppState, theme: &Theme) -> Terminal<TestBackend> {
    let (w, h) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| render(f, state, store, theme)).unwrap();
    terminal
}

fn snapshot_of(store: &Store, w: u16, h: u16, actions: &[Action]) -> Terminal<TestBackend> {
    let state = state_after(store, w, h, actions);
    screen(store, &state, &Theme::colored())
}

pub(crate) fn buffer_text(buf: &Buffer) -> String {
    buf.content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

fn select(n: usize) -> Vec<Action> {
    vec![Action::SelectNext; n]
}

#[test]
fn wide_120x40_full_metadata() {
    let store = fixture_store();
    let mut actions = select(3);
    actions.push(Action::OpenArticle);
    let terminal = snapshot_of(&store, 120, 40, &actions);
    insta::assert_snapshot!("wide_full_metadata_120x40", terminal.backend());
}

#[test]
fn wide_120x40_undated_sidebar_focused() {
    let store = fixture_store();
    let mut actions = select(4);
    actions.push(Action::FocusPrev);
    let terminal = snapshot_of(&store, 120, 40, &actions);
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("date unknown"));
    assert!(text.contains("No entities found."));
    insta::assert_snapshot!("wide_undated_sidebar_120x40", terminal.backend());
}

#[test]
fn hostile_article_shows_no_escape_payload() {
    let store = fixture_store();
    let terminal = snapshot_of(&store, 120, 40, &select(2));
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("Breaking RED alert desrever"), "{text}");
    for bad in [
        "\x1b",
        "\x07",
        "\u{202E}",
        "\u{202C}",
        "]0;",
        "[31m",
        "[0m",
        "]52",
        "Y3Vy",
        "[?5h",
        "]8;",
        "http://evil",
    ] {
        assert!(!text.contains(bad), "{bad:?} reached the screen");
    }
    insta::assert_snapshot!("hostile_120x40", terminal.backend());
}

#[test]
fn medium_80x24_cjk_reader() {
    let store = fixture_store();
    let terminal = snapshot_of(&store, 80, 24, &[Action::OpenArticle]);
    insta::assert_snapshot!("cjk_reader_80x24", terminal.backend());
}

#[test]
fn medium_80x24_scrolled_to_the_end() {
    let store = fixture_store();
    let mut actions = select(3);
    actions.extend([Action::OpenArticle, Action::ScrollBottom]);
    let state = state_after(&store, 80, 24, &actions);
    assert!(state.reader.scroll > 0, "fixture must scroll at 80x24");
    let terminal = screen(&store, &state, &Theme::colored());
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("100%"));
    insta::assert_snapshot!("scrolled_end_80x24", terminal.backend());
}

#[test]
fn narrow_40x12_list_and_reader() {
    let store = fixture_store();
    let list = snapshot_of(&store, 40, 12, &[Action::SelectNext]);
    insta::assert_snapshot!("list_long_headline_40x12", list.backend());
    let reader = snapshot_of(&store, 40, 12, &[Action::SelectNext, Action::OpenArticle]);
    insta::assert_snapshot!("reader_long_headline_40x12", reader.backend());
}

#[test]
fn tiny_10x3_says_too_small() {
    let store = fixture_store();
    let terminal = snapshot_of(&store, 10, 3, &[]);
    insta::assert_snapshot!("too_small_10x3", terminal.backend());
    let wider = snapshot_of(&store, MIN_WIDTH - 1, MIN_HEIGHT + 10, &[]);
    let text = buffer_text(wider.backend().buffer());
    assert!(text.contains("terminal too small"), "{text}");
}

#[test]
fn empty_store_is_friendly() {
    let store = Store::new(vec![], vec![], OutletAliases::default());
    let terminal = snapshot_of(&store, 80, 24, &[]);
    insta::assert_snapshot!("empty_store_80x24", terminal.backend());
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("No articles here yet"));
    assert!(text.contains("no articles"));
}

/// The first screen, drawn before any article is in: the panes say they are loading, and the
/// status bar how far the load is; then the list fills in with the progress beside it.
#[test]
fn loading_screens() {
    let empty = Store::new(vec![], vec![], OutletAliases::default());
    let mut state = state_after(&empty, 80, 24, &[]);
    state.loading = Some(crate::tui::state::Loading::default());
    let terminal = screen(&empty, &state, &Theme::colored());
    insta::assert_snapshot!("loading_listing_80x24", terminal.backend());
    let text = buffer_text(terminal.backend().buffer());
    assert_eq!(text.matches("Loading articles…").count(), 2, "{text}");
    assert!(text.contains(" no articles  loading…"), "{text}");
    assert!(!text.contains("No articles here yet"), "{text}");
    // Without Unicode, in ASCII.
    let ascii = screen(&empty, &state, &Theme::colored().with_ascii(true));
    let text = buffer_text(ascii.backend().buffer());
    assert!(
        text.contains("Loading articles...") && text.contains("loading..."),
        "{text}"
    );

    let store = fixture_store();
    let mut state = state_after(&store, 80, 24, &[Action::SelectNext]);
    state.loading = Some(crate::tui::state::Loading {
        done: 5,
        files: 120,
    });
    let terminal = screen(&store, &state, &Theme::colored());
    insta::assert_snapshot!("loading_filling_in_80x24", terminal.backend());
    let text = buffer_text(terminal.backend().buffer());
    assert!(
        text.contains(" 2 of 5 articles  100%  loading 5 of 120 files"),
        "{text}"
    );
}

#[test]
fn skipped_files_show_in_the_status_bar() {
    let problem = Problem {
        file: "bad\x1b[2J.txt".to_owned(),
        severity: Severity::Skipped,
        message: "not UTF-8".to_owned(),
        line: None,
        column: None,
    };
    let store = Store::new(vec![], vec![problem], OutletAliases::default());
    let terminal = snapshot_of(&store, 80, 24, &[]);
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("1 file skipped (! shows why)"), "{text}");
}

/// `!` lists every file that did not load and every warning, file by file, skipped ones first;
/// file names and messages are sanitized; Enter on a file that loaded opens it.
#[test]
fn problems_view_at_each_size() {
    let problem = |file: &str, severity, message: &str, at: Option<(usize, usize)>| Problem {
        file: file.to_owned(),
        severity,
        message: message.to_owned(),
        line: at.map(|a| a.0),
        column: at.map(|a| a.1),
    };
    let fixture = fixture_store();
    let mut articles = fixture.whole_articles().unwrap();
    articles[0].file = "2023/cjk.txt".to_owned();
    let problems = vec![
        problem(
            "2023/cjk.txt",
            Severity::Warning,
            "metadata ignored: invalid date \"2023-13-01\"",
            Some((3, 8)),
        ),
        problem(
            "evil\x1b]0;pwned\x07\u{202e}txt.exe.txt",
            Severity::Skipped,
            "binary file (NUL byte at offset 3)",
            None,
        ),
        problem("empty.txt", Severity::Skipped, "empty file", None),
    ];
    let store = Store::new(articles, problems, OutletAliases::default());
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let state = state_after(&store, w, h, &[Action::OpenProblems]);
        let terminal = screen(&store, &state, &Theme::colored());
        let text = buffer_text(terminal.backend().buffer());
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text}"
        );
        insta::assert_snapshot!(format!("problems_{w}x{h}"), terminal.backend());
    }
    // Skipped files first, then the warning; Enter on the loaded file opens it.
    let mut state = state_after(&store, 120, 40, &[Action::OpenProblems]);
    let view = state.view.clone().unwrap();
    assert!(
        view.title.contains("2 files not loaded, 1 warning"),
        "{}",
        view.title
    );
    assert!(
        view.rows[0].text.starts_with("empty.txt"),
        "{:?}",
        view.rows
    );
    let loaded = view
        .rows
        .iter()
        .position(|r| r.text == "2023/cjk.txt")
        .unwrap();
    for _ in 0..loaded {
        update(&mut state, &store, Action::ViewDown);
    }
    update(&mut state, &store, Action::ViewOpen);
    assert!(state.view.is_none());
    assert_eq!(state.selected_article(), Some(0));
    // With no problems, `!` says so and opens nothing.
    let clean = fixture_store();
    let state = state_after(&clean, 120, 40, &[Action::OpenProblems]);
    assert!(state.view.is_none());
    assert_eq!(
        state.notice.as_deref(),
        Some("no problems: every file loaded cleanly")
    );
}

#[test]
fn selection_is_reverse_video_in_both_themes() {
    use ratatui::style::Modifier;
    let store = fixture_store();
    for theme in [Theme::colored(), Theme::plain()] {
        let state = state_after(&store, 120, 40, &[Action::SelectNext]);
        let terminal = screen(&store, &state, &theme);
        let buf = terminal.backend().buffer();
        // Row 2 is the second article (row 0 is the border).
        let cell = &buf[(5, 2)];
        assert!(cell.modifier.contains(Modifier::REVERSED));
        if theme.plain {
            assert_eq!(
                (cell.fg, cell.bg),
                (ratatui::style::Color::Reset, ratatui::style::Color::Reset)
            );
        }
        assert!(!buf[(5, 1)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn no_size_panics_or_draws_outside_its_area() {
    let store = fixture_store();
    let empty = Store::new(vec![], vec![], OutletAliases::default());
    let analysed = analysed_store();
    let troubled = Store::new(
        store.whole_articles().unwrap(),
        vec![Problem {
            file: "bad\x1b[2J.txt".to_owned(),
            severity: Severity::Skipped,
            message: "binary file (NUL byte at offset 0)".to_owned(),
            line: None,
            column: None,
        }],
        OutletAliases::default(),
    );
    let sizes = [
        (0, 0),
        (1, 0),
        (0, 5),
        (1, 1),
        (2, 1),
        (10, 3),
        (19, 4),
        (29, 5),
        (30, 6),
        (31, 7),
        (59, 20),
        (60, 20),
        (109, 30),
        (110, 30),
        (1000, 300),
    ];
    // Each pane focused, and each overlay open (matrix row 24: shrinking with an overlay open).
    let overlays: [&[Action]; 9] = [
        &[],
        &[Action::FocusNext],
        &[Action::FocusNext, Action::FocusNext],
        &[Action::ToggleHelp],
        &[Action::StartQuery, Action::QueryInput('x')],
        &[Action::OpenYearPicker],
        &[Action::OpenTimeline],
        &[Action::OpenProblems],
        &[Action::ToggleSidebar],
    ];
    for s in [&store, &empty, &analysed, &troubled] {
        for (w, h) in sizes {
            for opened in overlays {
                let mut actions = vec![Action::SelectLast, Action::ScrollBottom];
                actions.extend_from_slice(opened);
                // Open it big, then shrink to the size under test.
                let mut state = state_after(s, 120, 40, &actions);
                update(&mut state, s, Action::Resize(w, h));
                // Draw into an area offset inside a bigger buffer filled with a sentinel.
                let area = Rect::new(3, 2, w, h);
                let outer = Rect::new(0, 0, w + 6, h + 4);
                let mut buf = Buffer::filled(outer, ratatui::buffer::Cell::new("#"));
                draw(area, &mut buf, &state, s, &Theme::colored());
                for y in outer.top()..outer.bottom() {
                    for x in outer.left()..outer.right() {
                        let inside = x >= area.left()
                            && x < area.right()
                            && y >= area.top()
                            && y < area.bottom();
                        if !inside {
                            assert_eq!(buf[(x, y)].symbol(), "#", "{w}x{h} drew at {x},{y}");
                        }
                    }
                }
            }
        }
    }
}

/// A writer the backend can own while the test keeps reading what was written.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The parameter lists of every SGR sequence (`ESC [ ... m`) in terminal output.
fn sgr_params(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("\x1b[") {
        let rest = &text[i + 2..];
        let end = rest
            .find(|c: char| ('@'..='~').contains(&c))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            out.push(rest[..end].split(';').map(str::to_owned).collect());
        }
    }
    out
}

/// The bytes crossterm would send to the terminal for one full frame.
fn frame_bytes(store: &Store, state: &AppState, theme: &Theme) -> Vec<u8> {
    let (w, h) = state.size;
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    draw(area, &mut buf, state, store, theme);
    let sink = Sink::default();
    let mut backend = CrosstermBackend::new(sink.clone());
    let cells = buf.content.iter().enumerate().map(|(i, c)| {
        let (x, y) = buf.pos_of(i);
        (x, y, c)
    });
    backend.draw(cells).unwrap();
    Backend::flush(&mut backend).unwrap();
    sink.0.borrow().clone()
}

#[test]
fn terminal_bytes_hold_only_our_own_csi_sequences() {
    let store = fixture_store();
    for theme in [Theme::colored(), Theme::plain()] {
        for focus in [0, 1, 2] {
            let mut actions = select(2);
            actions.extend(vec![Action::FocusNext; focus]);
            let state = state_after(&store, 120, 40, &actions);
            let bytes = frame_bytes(&store, &state, &theme);
            let text = String::from_utf8(bytes).unwrap();
            for (i, _) in text.match_indices('\x1b') {
                assert_eq!(
                    text.as_bytes().get(i + 1),
                    Some(&b'['),
                    "non-CSI escape at {i}"
                );
            }
            assert!(
                !text.contains('\x07') && !text.contains('\u{202E}') && !text.contains('\u{9b}')
            );
            assert!(!text.contains("]0;") && !text.contains("]52"));
        }
    }
}

#[test]
fn colours_stay_in_the_16_colour_palette() {
    let store = fixture_store();
    let state = state_after(&store, 120, 40, &select(3));
    let text = String::from_utf8(frame_bytes(&store, &state, &Theme::colored())).unwrap();
    let sgrs = sgr_params(&text);
    assert!(
        sgrs.iter().any(|p| p.first().is_some_and(|p| p == "38")),
        "no colour at all?"
    );
    for params in sgrs {
        if let [kind, mode, rest @ ..] = params.as_slice()
            && (kind == "38" || kind == "48")
        {
            assert_eq!(mode, "5", "truecolor or other colour form: {params:?}");
            assert!(
                rest[0].parse::<u8>().unwrap() < 16,
                "not one of the 16: {params:?}"
            );
        }
    }
}

#[test]
fn no_color_output_keeps_the_selection_inverse() {
    let store = fixture_store();
    let state = state_after(&store, 120, 40, &[Action::SelectNext]);
    let bytes = frame_bytes(&store, &state, &Theme::plain());
    for params in sgr_params(&String::from_utf8_lossy(&bytes)) {
        assert!(
            !params
                .iter()
                .any(|p| matches!(p.as_str(), "38" | "48" | "58"))
                && !params
                    .iter()
                    .any(|p| (30..=37).contains(&p.parse::<u16>().unwrap_or(0)))
                && !params
                    .iter()
                    .any(|p| (40..=47).contains(&p.parse::<u16>().unwrap_or(0))),
            "colour SGR {params:?} under NO_COLOR"
        );
    }
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(40).unwrap(),
        std::num::NonZeroU16::new(120).unwrap(),
        0,
    );
    parser.process(&bytes);
    let screen = parser.screen();
    assert!(
        screen.cell(2, 5).unwrap().inverse(),
        "selected row lost reverse video"
    );
    assert!(!screen.cell(1, 5).unwrap().inverse());
}

#[test]
fn focused_pane_border_differs_without_colour() {
    let store = fixture_store();
    let list = state_after(&store, 120, 40, &[]);
    let reader = state_after(&store, 120, 40, &[Action::OpenArticle]);
    let a = screen(&store, &list, &Theme::plain());
    let b = screen(&store, &reader, &Theme::plain());
    let corner = |t: &Terminal<TestBackend>| t.backend().buffer()[(0, 0)].symbol().to_owned();
    assert_ne!(corner(&a), corner(&b));
    assert_eq!(corner(&a), "┏");
    assert_eq!(Focus::Reader, reader.focus);
}

/// The columns ratatui writes to go from `before` to `after`, both guarded as `draw` guards them.
fn written_columns(before: &str, after: &str) -> Vec<u16> {
    let area = Rect::new(0, 0, 12, 1);
    let frame = |text: &str| {
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, text, ratatui::style::Style::default());
        guard_split_graphemes(area, &mut buf);
        buf
    };
    frame(before)
        .diff(&frame(after))
        .iter()
        .map(|&(x, _, _)| x)
        .collect()
}

#[test]
fn a_grapheme_drawn_in_several_cells_is_cleared_whole_when_it_goes_away() {
    // A flag, a Thai syllable with SARA AM and a Devanagari consonant with a spacing vowel sign
    // are one ratatui cell two columns wide, but two cells on a terminal that draws character by
    // character: the second one must be written (blank) when they go away.
    assert_eq!(written_columns("🇫🇷", "a"), [0, 1]);
    assert_eq!(written_columns("xกำ", "xa"), [1, 2]);
    assert_eq!(written_columns("का", "a"), [0, 1]);
    // A wide character is erased whole by the terminal: no extra byte for it.
    assert_eq!(written_columns("漢", "a"), [0]);
    // Nothing changed, nothing written.
    assert!(written_columns("🇫🇷 กำ का 漢", "🇫🇷 กำ का 漢").is_empty());
}

#[test]
fn no_module_writes_cells_directly_or_sets_the_title() {
    // Cell::set_symbol bypasses ratatui's control-character filter, and crossterm's SetTitle
    // writes its argument raw: neither may ever see article text, so neither is used at all.
    // Every source file of the reader, found on disk so a new module cannot be forgotten.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("tui.rs")];
    let mut dirs = vec![root.join("tui")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 15, "{files:?}");
    let sources: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for source in &sources {
        for banned in ["set_symbol(", "set_char(", "SetTitle"] {
            assert!(!source.contains(banned), "{banned} used in src/tui");
        }
    }
}

#[test]
fn wide_120x40_sidebar_lists_entities_topics_and_related() {
    let store = analysed_store();
    // Newest first: the summit, New York, hostile, working-level, Nagoya.
    let mut actions = select(4);
    actions.push(Action::OpenArticle);
    let state = state_after(&store, 120, 40, &actions);
    assert_eq!(
        store.get(state.selected_article().unwrap()).unwrap().id,
        "010_nagoya"
    );
    let terminal = screen(&store, &state, &Theme::colored());
    let text = buffer_text(terminal.backend().buffer());
    for expected in [
        "People",
        "Kang Kyung-wha",
        "Agreements",
        "GSOMIA",
        "Topics",
        "GSOMIA / intelligence",
        "Related stories",
        "2022-09-22 AP",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    insta::assert_snapshot!("sidebar_entities_related_120x40", terminal.backend());
}

#[test]
fn narrow_40x12_sidebar_keeps_a_share_for_related_stories() {
    let store = analysed_store();
    let mut actions = select(4);
    actions.push(Action::FocusPrev);
    let state = state_after(&store, 40, 12, &actions);
    assert_eq!(state.focus, Focus::Sidebar);
    let terminal = screen(&store, &state, &Theme::colored());
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("Related stories"), "{text}");
    assert!(text.contains("more names"), "a cut list says so: {text}");
    insta::assert_snapshot!("sidebar_narrow_40x12", terminal.backend());
}

#[test]
fn every_sidebar_row_fits_the_pane_at_any_height() {
    let store = analysed_store();
    for h in MIN_HEIGHT..45 {
        let mut actions = select(4);
        actions.push(Action::FocusPrev);
        for w in [40, 120, 200] {
            let state = state_after(&store, w, h, &actions);
            let terminal = screen(&store, &state, &Theme::plain());
            let text = buffer_text(terminal.backend().buffer());
            // Every section keeps a row: nothing is pushed off by the names above it.
            if h >= 12 {
                assert!(text.contains("Related"), "{w}x{h}:\n{text}");
            }
            assert!(!text.contains('\x1b'));
        }
    }
}

#[test]
fn mentions_are_drawn_in_their_kind_style() {
    use ratatui::style::Modifier;
    let store = analysed_store();
    let mut actions = select(4);
    actions.push(Action::OpenArticle);
    let state = state_after(&store, 120, 40, &actions);
    for theme in [Theme::colored(), Theme::plain()] {
        let terminal = screen(&store, &state, &theme);
        let buf = terminal.backend().buffer();
        let reader = super::layout(buf.area, state.focus, crate::tui::ui::WIDE_FROM)
            .reader
            .unwrap();
        let in_reader = |word: &str| {
            find_word(buf, word, reader).unwrap_or_else(|| panic!("{word} not in the reader"))
        };
        for (word, kind) in [
            ("Kang Kyung-wha", Kind::Person),
            ("Nagoya", Kind::Place),
            ("GSOMIA", Kind::Agreement),
            ("Group of 20", Kind::Organisation),
        ] {
            let (x, y) = in_reader(word);
            let style = theme.entity(kind);
            for dx in 0..word.len() as u16 {
                let cell = &buf[(x + dx, y)];
                if let Some(fg) = style.fg {
                    assert_eq!(cell.fg, fg, "{word} at +{dx}");
                }
                assert!(
                    cell.modifier.contains(style.add_modifier),
                    "{word} at +{dx}"
                );
            }
            let after = &buf[(x + word.len() as u16, y)];
            assert!(
                after.fg != style.fg.unwrap_or(after.fg) || style.fg.is_none(),
                "the highlight ends with the name"
            );
        }
        // Plain words are not highlighted.
        let (x, y) = in_reader("agreed on Saturday");
        assert!(!buf[(x, y)].modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn a_hostile_paragraph_keeps_its_highlights_on_the_names() {
    let store = analysed_store();
    let hostile = store.find("014_hostile").unwrap();
    let position = store
        .filter(&crate::query::Filter::default())
        .iter()
        .position(|&i| i == hostile)
        .unwrap();
    let mut actions = select(position);
    actions.push(Action::OpenArticle);
    let state = state_after(&store, 120, 40, &actions);
    let theme = Theme::colored();
    let terminal = screen(&store, &state, &theme);
    let buf = terminal.backend().buffer();
    let text = buffer_text(buf);
    assert!(!text.contains('\x1b') && !text.contains('\x07') && !text.contains("]0;"));
    // The tab after "Colour red:" (11 columns) reaches column 12.
    assert!(
        text.contains("Colour red: Kishida met Yoon Suk Yeol in Seoul."),
        "{text}"
    );
    let reader = super::layout(buf.area, state.focus, crate::tui::ui::WIDE_FROM)
        .reader
        .unwrap();
    let (x, y) = find_word(buf, "Kishida met", reader).unwrap();
    for dx in 0..7 {
        assert_eq!(
            buf[(x + dx, y)].fg,
            theme.person.fg.unwrap(),
            "Kishida +{dx}"
        );
    }
    assert_ne!(
        buf[(x + 8, y)].fg,
        theme.person.fg.unwrap(),
        "'met' is not a name"
    );
    let (x, y) = find_word(buf, "Yoon Suk Yeol in", reader).unwrap();
    for dx in 0..13 {
        assert_eq!(buf[(x + dx, y)].fg, theme.person.fg.unwrap(), "Yoon +{dx}");
    }
    let (x, y) = find_word(buf, "Seoul.", reader).unwrap();
    assert_eq!(buf[(x, y)].fg, theme.place.fg.unwrap(), "Seoul is a place");
    // The bytes sent to a terminal hold no escape but our own colour sequences.
    let bytes = String::from_utf8(frame_bytes(&store, &state, &theme)).unwrap();
    for (i, _) in bytes.match_indices('\x1b') {
        assert_eq!(bytes.as_bytes().get(i + 1), Some(&b'['));
    }
    assert!(!bytes.contains("]0;") && !bytes.contains('\x07'));
}

/// Type a query into the query line.
fn typed(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::StartQuery];
    actions.extend(text.chars().map(Action::QueryInput));
    actions
}

#[test]
fn help_overlay_at_each_size() {
    let store = analysed_store();
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let terminal = snapshot_of(&store, w, h, &[Action::ToggleHelp]);
        insta::assert_snapshot!(format!("help_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn help_lists_every_binding_of_the_keymap() {
    let store = analysed_store();
    // Tall enough for the whole help text: every help phrase of the table must appear.
    let mut state = state_after(&store, 120, 110, &[Action::ToggleHelp]);
    let text = buffer_text(screen(&store, &state, &Theme::plain()).backend().buffer());
    for b in crate::tui::keymap::KEYMAP {
        assert!(text.contains(b.help), "{:?} missing: {}", b.key, b.help);
        assert!(text.contains(&b.key.label()), "{} missing", b.key.label());
    }
    // Small screens scroll it, and it never scrolls past its end.
    update(&mut state, &store, Action::Resize(40, 12));
    for _ in 0..200 {
        update(&mut state, &store, Action::HelpDown);
    }
    let end = state.help.unwrap();
    assert!(end > 0);
    let last = buffer_text(screen(&store, &state, &Theme::plain()).backend().buffer());
    assert!(last.contains("scroll up"), "the last rows show: {last}");
    update(&mut state, &store, Action::ToggleHelp);
    assert_eq!(state.help, None);
}

#[test]
fn query_line_filters_while_typing_at_80x24() {
    let store = analysed_store();
    let terminal = snapshot_of(&store, 80, 24, &typed("year:2019..2021"));
    insta::assert_snapshot!("query_typing_80x24", terminal.backend());
    let terminal = snapshot_of(&store, 80, 24, &typed("outlet:nowhere"));
    insta::assert_snapshot!("query_error_80x24", terminal.backend());
}

#[test]
fn the_sidebar_cursor_is_always_in_view() {
    let store = analysed_store();
    let nagoya = store.find("010_nagoya").unwrap();
    let mut state = state_after(&store, 120, 24, &[]);
    let row = state.visible.iter().position(|&v| v == nagoya).unwrap();
    state.selected = row;
    update(&mut state, &store, Action::FocusPrev); // the sidebar
    assert_eq!(state.focus, crate::tui::state::Focus::Sidebar);
    for steps in 0..state.sidebar.items() {
        let buf = screen(&store, &state, &Theme::plain());
        let text = buffer_text(buf.backend().buffer());
        let want = match state.sidebar.item().unwrap() {
            crate::tui::state::SidebarItem::Entity(e) => {
                store.article(nagoya).unwrap().entities[e].name.to_string()
            }
            crate::tui::state::SidebarItem::Related(r) => {
                let other = store.get(state.sidebar.related[r].article).unwrap();
                other.date_label()
            }
        };
        assert!(
            text.contains(&want),
            "step {steps}: {want} not on screen:\n{text}"
        );
        update(&mut state, &store, Action::SidebarDown);
    }
    let terminal = screen(&store, &state, &Theme::colored());
    insta::assert_snapshot!("sidebar_cursor_on_last_story_120x24", terminal.backend());
}

#[test]
fn the_spotlighted_name_is_drawn_in_reverse_video_in_both_themes() {
    let store = analysed_store();
    let nagoya = store.find("010_nagoya").unwrap();
    for theme in [Theme::colored(), Theme::plain()] {
        let mut state = state_after(&store, 120, 40, &[]);
        state.selected = state.visible.iter().position(|&v| v == nagoya).unwrap();
        update(&mut state, &store, Action::FocusPrev);
        let crate::tui::state::SidebarItem::Entity(e) = state.sidebar.item().unwrap() else {
            panic!("a name first");
        };
        update(&mut state, &store, Action::FollowLink);
        let name = store.article(nagoya).unwrap().entities[e].name.clone();
        let terminal = screen(&store, &state, &theme);
        let buf = terminal.backend().buffer();
        let reader = crate::tui::ui::layout(buf.area, state.focus, crate::tui::ui::WIDE_FROM)
            .reader
            .unwrap();
        let (x, y) = find_word(buf, &name, reader).expect("the name in the reader");
        assert!(
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED),
            "{name} at {x},{y} is not reversed"
        );
    }
}

#[test]
fn pickers_at_each_size() {
    let store = analysed_store();
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let terminal = snapshot_of(&store, w, h, &[Action::OpenYearPicker, Action::PickerDown]);
        insta::assert_snapshot!(format!("year_picker_{w}x{h}"), terminal.backend());
    }
    let terminal = snapshot_of(&store, 80, 24, &[Action::OpenOutletPicker]);
    insta::assert_snapshot!("outlet_picker_80x24", terminal.backend());
}

#[test]
fn the_folded_sidebar_over_the_reader_at_100x30() {
    let store = analysed_store();
    let terminal = snapshot_of(&store, 100, 30, &[Action::ToggleSidebar]);
    insta::assert_snapshot!("sidebar_overlay_100x30", terminal.backend());
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("Related stories"), "{text}");
}

#[test]
fn dossier_and_timeline_views_at_80x24() {
    let store = analysed_store();
    let nagoya = store.find("010_nagoya").unwrap();
    let mut state = state_after(&store, 80, 24, &[]);
    state.selected = state.visible.iter().position(|&v| v == nagoya).unwrap();
    update(&mut state, &store, Action::OpenTimeline);
    insta::assert_snapshot!(
        "timeline_80x24",
        screen(&store, &state, &Theme::colored()).backend()
    );
    update(&mut state, &store, Action::ViewClose);
    state.reader.spotlight = Some(0);
    update(&mut state, &store, Action::OpenDossier);
    assert!(state.view.is_some());
    insta::assert_snapshot!(
        "dossier_80x24",
        screen(&store, &state, &Theme::colored()).backend()
    );
}

/// The cells of `buf` that are not ASCII, as (x, y, symbol).
fn non_ascii_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let area = buf.area;
    (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .filter(|&(x, y)| !buf[(x, y)].symbol().is_ascii())
        .map(|(x, y)| (x, y, buf[(x, y)].symbol().to_owned()))
        .collect()
}

#[test]
fn ascii_mode_draws_only_ascii_around_ascii_articles() {
    let store = analysed_store();
    // The articles are ASCII once sanitized, so any other cell is gisa's own chrome.
    for i in 0..store.len() {
        let a = store.article(i).unwrap();
        let texts = [a.title(), a.outlet.get().map_or("", String::as_str)];
        for text in texts
            .iter()
            .copied()
            .chain(a.body.iter().map(String::as_str))
        {
            assert!(crate::sanitize::text(text).is_ascii(), "{text:?}");
        }
    }
    let theme = Theme::colored().with_ascii(true);
    // The Nagoya story, last in the list, is longer than the reader: a scrollbar shows.
    let mut open = vec![Action::SelectLast, Action::OpenArticle];
    open.extend(vec![Action::ScrollDown; 3]);
    let state = state_after(&store, 80, 24, &open);
    let terminal = screen(&store, &state, &theme);
    let buf = terminal.backend().buffer();
    assert_eq!(non_ascii_cells(buf), [], "80x24 in ASCII mode");
    let text = buffer_text(buf);
    assert!(text.contains("..."), "cut headlines end in ...:\n{text}");
    assert!(text.contains('#'), "the scrollbar thumb is #:\n{text}");
    insta::assert_snapshot!("ascii_main_80x24", terminal.backend());

    // Every other screen too: sidebar, overlays, pickers, the query line, small sizes.
    let screens: Vec<(u16, u16, Vec<Action>)> = vec![
        (120, 40, vec![Action::FocusPrev, Action::SidebarLast]),
        (120, 24, vec![Action::FocusPrev]),
        (100, 30, vec![Action::ToggleSidebar]),
        (80, 24, vec![Action::ToggleHelp]),
        (40, 12, vec![Action::ToggleHelp]),
        (80, 24, vec![Action::OpenYearPicker]),
        (80, 24, vec![Action::OpenOutletPicker]),
        (80, 24, typed("year:2019..2021")),
        (
            80,
            24,
            vec![
                Action::StartQuery,
                Action::QueryInput('x'),
                Action::QueryAccept,
            ],
        ),
        (80, 24, vec![Action::OpenArticle, Action::CopyCitation]),
        (40, 12, vec![Action::OpenArticle]),
        (40, 12, vec![]),
        (20, 5, vec![]),
    ];
    for (w, h, actions) in screens {
        for theme in [Theme::colored(), Theme::plain()] {
            let theme = theme.with_ascii(true);
            let state = state_after(&store, w, h, &actions);
            let terminal = screen(&store, &state, &theme);
            let buf = terminal.backend().buffer();
            assert_eq!(
                non_ascii_cells(buf),
                [],
                "{w}x{h} after {actions:?}:\n{}",
                buffer_text(buf)
            );
        }
    }
}

#[test]
fn ascii_mode_marks_the_focused_pane_with_equals_signs() {
    let store = analysed_store();
    let theme = Theme::plain().with_ascii(true);
    let list = screen(&store, &state_after(&store, 80, 24, &[]), &theme);
    let reader = screen(
        &store,
        &state_after(&store, 80, 24, &[Action::OpenArticle]),
        &theme,
    );
    let cell = |t: &Terminal<TestBackend>, x: u16| t.backend().buffer()[(x, 0)].symbol().to_owned();
    // At 80x24 the list takes the first 32 columns, the reader the rest.
    assert_eq!(
        (cell(&list, 0), cell(&list, 20)),
        ("+".to_owned(), "=".to_owned())
    );
    assert_eq!(cell(&list, 60), "-");
    assert_eq!(cell(&reader, 20), "-");
    assert_eq!(cell(&reader, 60), "=");
}

/// The five seed articles in `articles/`, loaded and analysed as the reader loads them.
fn seeds() -> Store {
    let config = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("")).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    crate::load::load_dir(&dir, &config.outlets, &config.lexicon).unwrap()
}

#[test]
fn every_pane_and_overlay_on_the_seeds_at_each_size() {
    let store = seeds();
    let nagoya = store.find("003").unwrap();
    let open_003 = |w: u16, h: u16| {
        let mut state = state_after(&store, w, h, &[]);
        state.selected = state.visible.iter().position(|&v| v == nagoya).unwrap();
        update(&mut state, &store, Action::OpenArticle);
        state
    };
    let screens: [(&str, &[Action]); 9] = [
        ("seeds_003_open", &[]),
        ("seeds_sidebar", &[Action::ToggleSidebar]),
        ("seeds_help", &[Action::ToggleHelp]),
        (
            "seeds_query",
            &[
                Action::StartQuery,
                Action::QueryInput('2'),
                Action::QueryInput('0'),
            ],
        ),
        ("seeds_year_picker", &[Action::OpenYearPicker]),
        ("seeds_outlet_picker", &[Action::OpenOutletPicker]),
        ("seeds_timeline", &[Action::OpenTimeline]),
        (
            "seeds_dossier",
            &[
                Action::ToggleSidebar,
                Action::SidebarDown,
                Action::OpenDossier,
            ],
        ),
        (
            "seeds_spotlight",
            &[
                Action::ToggleSidebar,
                Action::SidebarDown,
                Action::FollowLink,
            ],
        ),
    ];
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        for (name, actions) in &screens {
            let mut state = open_003(w, h);
            for a in *actions {
                update(&mut state, &store, *a);
            }
            let terminal = screen(&store, &state, &Theme::colored());
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }
}

/// A short agency story, typed into the add pane as a paste arrives: a key per character.
const PASTED: &str = "Rival parties agree on budget after marathon talks\nBy Jane Doe\nMarch 5, 2024\nTOKYO (Reuters) - Japan's ruling coalition and the main opposition party agreed on Tuesday on a budget for the next fiscal year, ending three weeks of talks.\nPrime Minister Fumio Kishida told reporters the deal showed that parliament still works.\n";

fn pasted(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::OpenAdd];
    actions.extend(text.chars().map(|c| {
        if c == '\n' {
            Action::AddNewline
        } else {
            Action::AddChar(c)
        }
    }));
    actions
}

#[test]
fn add_pane_while_pasting_and_reviewing_at_each_size() {
    let store = analysed_store();
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let actions = pasted(PASTED);
        let terminal = snapshot_of(&store, w, h, &actions);
        insta::assert_snapshot!(format!("add_pasting_{w}x{h}"), terminal.backend());
        let mut reviewed = actions.clone();
        reviewed.push(Action::AddCheck);
        let terminal = snapshot_of(&store, w, h, &reviewed);
        insta::assert_snapshot!(format!("add_review_{w}x{h}"), terminal.backend());
        reviewed.push(Action::AddEditDate);
        reviewed.extend("2024-03-0".chars().map(Action::AddChar));
        let terminal = snapshot_of(&store, w, h, &reviewed);
        insta::assert_snapshot!(format!("add_correcting_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn add_pane_shows_no_control_character_of_a_hostile_paste() {
    let store = analysed_store();
    let hostile = "Title \u{1b}]52;c;eA==\u{7} with \u{1b}[2J escapes\u{9b}31m\nSEOUL (AP) - Body text \u{202e}reversed\u{202c} here, long enough to be an article.\n";
    for review in [false, true] {
        let mut actions = pasted(hostile);
        if review {
            actions.push(Action::AddCheck);
        }
        let state = state_after(&store, 100, 30, &actions);
        let text = buffer_text(screen(&store, &state, &Theme::plain()).backend().buffer());
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{text:?}"
        );
    }
}

#[test]
fn add_pane_puts_a_duplicate_first_where_a_small_screen_shows_it() {
    let store = analysed_store();
    let a = store.article(store.order()[0]).unwrap();
    // One of the store's own articles pasted again, as a text with its headline.
    let text = format!("{}\n{}\n", a.title(), a.body.join("\n"));
    let mut actions = pasted(&text);
    actions.push(Action::AddCheck);
    let state = state_after(&store, 40, 12, &actions);
    assert!(
        state
            .add
            .as_ref()
            .unwrap()
            .review
            .as_ref()
            .unwrap()
            .duplicate
            .is_some()
    );
    let text = buffer_text(screen(&store, &state, &Theme::plain()).backend().buffer());
    assert!(text.contains("already in"), "{text}");
}
