//! `gisa add`, run as a user runs it: a paste on standard input or files, into a temporary
//! articles folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The analysis cache of these runs: never the user's own.
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-add");

/// Agency copy as pasted from a page (our own text, in the style of wire copy).
const BUDGET: &str = "Skip to main content
Rival parties agree on budget after marathon talks
By Jane Doe
March 5, 2024 10:32 AM GMT+9
TOKYO (Reuters) - Japan's ruling coalition and the main opposition party agreed on Tuesday on a 110 trillion yen budget for the next fiscal year, ending three weeks of talks that had threatened to delay spending on defence and child care.
Prime Minister Fumio Kishida told reporters the deal showed that parliament could still work across party lines, a claim the opposition leader disputed.
The agreement must still pass a vote in the upper house, which is expected on Friday.
Related Stories
Yen slips as traders await central bank decision
(Reporting by Jane Doe; Editing by John Smith)
";

const FLOODS: &str = "Floods force thousands from homes in southern Japan
March 8, 2024
KUMAMOTO, Japan (Reuters) - Heavy rain flooded rivers across the southern island of Kyushu on Friday, forcing more than 12,000 people to leave their homes as officials warned of landslides in the hills above the city.
Television footage showed cars swept along streets turned into brown torrents, and rescue teams in boats taking elderly residents from the upper floors of a care home.
(Reporting by Kim Lee; Editing by John Smith)
";

/// Run `gisa --articles DIR ARGS...` with `stdin` as its standard input.
fn gisa(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gisa"))
        .arg("--articles")
        .arg(dir)
        .args(args)
        .env("GISA_CACHE_DIR", CACHE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gisa");
    let mut input = child.stdin.take().unwrap();
    // A command that does not read its input closes it early: that is not a failure here.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A folder holding `FLOODS` as an article already.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("floods.txt"), FLOODS).unwrap();
    dir
}

const BUDGET_NAME: &str = "2024-03-05-rival-parties-agree-on-budget-after-marathon-talks.txt";

#[test]
fn a_paste_is_shown_as_understood_and_saved_as_pasted_under_its_date_and_headline() {
    let dir = archive();
    let o = gisa(dir.path(), &["add"], BUDGET.as_bytes());
    assert!(o.status.success(), "{}", err(&o));
    let report = out(&o);
    for line in [
        "standard input:",
        "  headline      Rival parties agree on budget after marathon talks",
        "  outlet        Reuters",
        "  date          2024-03-05",
        "  dateline      TOKYO",
        "  byline        Jane Doe",
        "  people        Fumio Kishida",
    ] {
        assert!(report.contains(line), "{line:?} not in\n{report}");
    }
    assert!(report.contains(&format!(
        "added as {}",
        dir.path().join(BUDGET_NAME).display()
    )));
    assert_eq!(names(dir.path()), [BUDGET_NAME, "floods.txt"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(BUDGET_NAME)).unwrap(),
        BUDGET
    );
    // The archive has it now, as the extractor read it.
    let list = gisa(dir.path(), &["list"], b"");
    assert!(
        out(&list).contains("Rival parties agree on budget"),
        "{}",
        out(&list)
    );
}

#[test]
fn the_same_article_twice_is_reported_not_added_unless_forced() {
    let dir = archive();
    assert!(
        gisa(dir.path(), &["add"], BUDGET.as_bytes())
            .status
            .success()
    );
    let again = format!("Advertisement\n{BUDGET}Share this story\n");
    let o = gisa(dir.path(), &["add"], again.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("not added: standard input: the archive has this article already")
            && err(&o).contains(BUDGET_NAME)
            && err(&o).contains("--force"),
        "{}",
        err(&o)
    );
    assert_eq!(names(dir.path()), [BUDGET_NAME, "floods.txt"]);
    let forced = gisa(dir.path(), &["add", "--force"], again.as_bytes());
    assert!(forced.status.success(), "{}", err(&forced));
    assert!(out(&forced).contains("added anyway (--force)"));
    let second = BUDGET_NAME.replace(".txt", "-2.txt");
    assert_eq!(names(dir.path()), [&second, BUDGET_NAME, "floods.txt"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(BUDGET_NAME)).unwrap(),
        BUDGET
    );
}

#[test]
fn an_update_of_a_story_from_the_same_outlet_is_a_duplicate() {
    let dir = archive();
    let update = FLOODS
        .replace("Floods force thousands", "UPDATE 1-Floods drive 12,000")
        .replace(
            "(Reporting",
            "The weather agency said up to 300 millimetres more rain could fall before Sunday.\n(Reporting",
        );
    let o = gisa(dir.path(), &["add"], update.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        err(&o).contains("this story from the same outlet already")
            && err(&o).contains("floods.txt"),
        "{}",
        err(&o)
    );
}

#[test]
fn empty_and_binary_pastes_are_refused_and_nothing_is_written() {
    let dir = archive();
    for (paste, says) in [
        (&b""[..], "the text is empty"),
        (b"  \n\n\t\n", "the text is empty"),
        (b"%PDF-1.7\n\x00\x01\x02binary", "NUL byte at offset 9"),
        (b"Skip to main content\nSign in\n", "no article text"),
    ] {
        let o = gisa(dir.path(), &["add"], paste);
        assert_eq!(o.status.code(), Some(1), "{paste:?}");
        assert!(
            err(&o).contains("not added: standard input: ") && err(&o).contains(says),
            "{paste:?}: {}",
            err(&o)
        );
        assert_eq!(names(dir.path()), ["floods.txt"], "{paste:?}");
    }
}

#[test]
fn given_fields_are_written_as_front_matter_and_win_over_the_text() {
    let dir = archive();
    let o = gisa(
        dir.path(),
        &[
            "add",
            "--date",
            "2024-03-06",
            "--outlet",
            "Kyodo",
            "--headline",
            "Budget deal \"done\"",
        ],
        BUDGET.as_bytes(),
    );
    assert!(o.status.success(), "{}", err(&o));
    let report = out(&o);
    assert!(
        report.contains("  date          2024-03-06 (given)"),
        "{report}"
    );
    assert!(report.contains("  outlet        Kyodo (given)"), "{report}");
    let name = "2024-03-06-budget-deal-done.txt";
    let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(
        written,
        format!(
            "+++\ndate = \"2024-03-06\"\nheadline = 'Budget deal \"done\"'\noutlet = \"Kyodo\"\n+++\n{BUDGET}"
        )
    );
    let show = gisa(dir.path(), &["show", "2024-03-06"], b"");
    assert!(
        out(&show).starts_with("Budget deal \"done\"\nKyodo · 2024-03-06"),
        "{}",
        out(&show)
    );
}

#[test]
fn files_are_added_in_turn_and_each_is_checked_against_those_before_it() {
    let dir = archive();
    let src = tempfile::tempdir().unwrap();
    let a = src.path().join("a.txt");
    let b = src.path().join("b.txt");
    std::fs::write(&a, BUDGET).unwrap();
    std::fs::write(&b, BUDGET).unwrap();
    let missing = src.path().join("missing.txt");
    let o = gisa(
        dir.path(),
        &[
            "add",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            missing.to_str().unwrap(),
            src.path().to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains(&format!(
            "not added: {}: the archive has this article already",
            b.display()
        )),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "not added: {}: cannot be read: No such file",
            missing.display()
        )),
        "{e}"
    );
    assert!(e.contains("is a folder, not a file"), "{e}");
    assert_eq!(names(dir.path()), [BUDGET_NAME, "floods.txt"]);
}

#[test]
fn usage_errors_write_nothing() {
    let dir = archive();
    let src = tempfile::tempdir().unwrap();
    let a = src.path().join("a.txt");
    std::fs::write(&a, BUDGET).unwrap();
    let a = a.to_str().unwrap();
    for (args, says) in [
        (
            vec!["add", "--headline", "X", a, a],
            "--headline names one article",
        ),
        (vec!["add", "--date", "2024-02-30"], "is not a date"),
        (vec!["add", "--date", "March 5"], "is not a date"),
        (vec!["add", "--outlet", "  "], "empty"),
        (
            vec!["add", "-", "-"],
            "standard input (-) can be read only once",
        ),
    ] {
        let o = gisa(dir.path(), &args, BUDGET.as_bytes());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(says), "{args:?}: {}", err(&o));
    }
    assert_eq!(names(dir.path()), ["floods.txt"]);
}

#[test]
fn a_dry_run_shows_the_name_it_would_use_and_writes_nothing() {
    let dir = archive();
    std::fs::write(dir.path().join(BUDGET_NAME), "another text under that name").unwrap();
    let o = gisa(dir.path(), &["add", "--dry-run"], BUDGET.as_bytes());
    assert!(o.status.success(), "{}", err(&o));
    let second = BUDGET_NAME.replace(".txt", "-2.txt");
    assert!(
        out(&o).contains(&format!(
            "would be saved as {}",
            dir.path().join(&second).display()
        )),
        "{}",
        out(&o)
    );
    assert_eq!(names(dir.path()), [BUDGET_NAME, "floods.txt"]);
}

#[test]
fn hostile_text_in_a_paste_never_reaches_the_report_or_the_file_name() {
    let dir = archive();
    let paste = BUDGET.replace(
        "Rival parties agree",
        "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}Rival \u{1b}[31mparties\u{9b}2J agree/../",
    );
    let o = gisa(dir.path(), &["add"], paste.as_bytes());
    assert!(o.status.success(), "{}", err(&o));
    let raw = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
    assert!(!raw.iter().any(|&b| b == 0x1b || b == 0x07), "{}", out(&o));
    assert!(!String::from_utf8_lossy(&raw).contains('\u{9b}'));
    for name in names(dir.path()) {
        assert!(
            name.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.'),
            "{name:?}"
        );
    }
    // The file keeps the text as pasted; the loader cleans it when it reads it.
    assert!(
        names(dir.path())
            .iter()
            .any(|n| { std::fs::read_to_string(dir.path().join(n)).unwrap() == paste })
    );
}

#[test]
fn a_missing_articles_folder_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("nowhere");
    let o = gisa(&gone, &["add"], BUDGET.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("cannot read the articles folder"),
        "{}",
        err(&o)
    );
    assert!(!gone.exists());
}

#[test]
fn a_folder_that_cannot_be_written_is_reported_and_nothing_is_left_behind() {
    use std::os::unix::fs::PermissionsExt;
    let dir = archive();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.path().join("probe"), "x").is_ok() {
        // Running as root: permissions do not stop a write, so there is nothing to test.
        std::fs::remove_file(dir.path().join("probe")).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let o = gisa(dir.path(), &["add"], BUDGET.as_bytes());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("cannot write into the articles folder"),
        "{}",
        err(&o)
    );
    assert!(err(&o).contains("Permission denied"), "{}", err(&o));
    assert_eq!(names(dir.path()), ["floods.txt"]);
}

#[test]
fn a_fifo_given_as_a_file_is_refused_at_once_not_waited_on() {
    let dir = archive();
    let src = tempfile::tempdir().unwrap();
    let fifo = src.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let o = gisa(dir.path(), &["add", fifo.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("is a FIFO, not a file"), "{}", err(&o));
    assert_eq!(names(dir.path()), ["floods.txt"]);
}
