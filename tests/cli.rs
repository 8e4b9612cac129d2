//! The binary's commands, run as a user runs them, on the default corpus and on temporary folders.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::case_sensitive_file_extension_comparisons
)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn gisa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gisa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run gisa")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn list_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    let o = gisa(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice::<Vec<Value>>(&o.stdout).expect("JSON array")
}

fn ids(rows: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap()[..3].to_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn seeds_give_the_expected_table() {
    let rows = list_json(&[]);
    let get = |prefix: &str| {
        rows.iter()
            .find(|r| r["id"].as_str().unwrap().starts_with(prefix))
            .unwrap()
    };
    // file, headline, outlet, publisher, date, precision, source, dateline
    let want = [
        (
            "000",
            "South Korea, Japan resume high-level economic talks amid improved ties",
            "Reuters",
            None,
            "2023",
            "year",
            "given",
            Some("SEOUL"),
        ),
        (
            "001",
            "Japan, South Korea Seek to Mend Ties at Rare Summit in Seoul",
            "Bloomberg",
            None,
            "2023",
            "year",
            "stated",
            None,
        ),
        (
            "002",
            "Leaders of South Korea, Japan agree to work towards improving partnerships",
            "AP",
            Some("Business Standard"),
            "2022-09-22",
            "day",
            "stated",
            Some("Seoul"),
        ),
        (
            "003",
            "In bid to repair ties, Japan and South Korea agree to summit next month",
            "Reuters",
            None,
            "2019-11-23",
            "day",
            "stated",
            Some("NAGOYA"),
        ),
        (
            "004",
            "S. Korea, Japan to have working-level talks amid protracted row over history, trade",
            "Yonhap",
            None,
            "2021-03-31",
            "day",
            "stated",
            None,
        ),
    ];
    assert_eq!(rows.len(), want.len());
    for (id, headline, outlet, publisher, date, precision, source, dateline) in want {
        let r = get(id);
        assert_eq!(r["headline"], headline, "{id}");
        assert_eq!(r["outlet"], outlet, "{id}");
        assert_eq!(r["publisher"].as_str(), publisher, "{id}");
        assert_eq!(r["date"], date, "{id}");
        assert_eq!(r["date_precision"], precision, "{id}");
        assert_eq!(r["date_source"], source, "{id}");
        assert_eq!(r["dateline"].as_str(), dateline, "{id}");
        assert_eq!(r["year"], date[..4].parse::<u64>().unwrap(), "{id}");
        assert!(
            r["file"].as_str().unwrap().starts_with(id)
                && r["file"].as_str().unwrap().ends_with(".txt")
        );
        assert!(r["words"].as_u64().unwrap() > 200, "{id}");
        for key in ["byline", "dateline"] {
            assert!(r.get(key).is_some(), "{id} lacks {key}");
        }
    }
    let order: Vec<&str> = rows
        .iter()
        .map(|r| &r["id"].as_str().unwrap()[..3])
        .collect();
    assert_eq!(order, ["000", "001", "002", "004", "003"], "newest first");
}

#[test]
fn list_filters_by_year_and_outlet() {
    assert_eq!(ids(&list_json(&["--year", "2019"])), ["003"]);
    assert_eq!(ids(&list_json(&["--year", "2023"])), ["000", "001"]);
    assert_eq!(ids(&list_json(&["--outlet", "reuters"])), ["000", "003"]);
    assert!(list_json(&["--year", "2020"]).is_empty());
    assert_eq!(ids(&list_json(&["--year", "2021..2022"])), ["002", "004"]);
    assert_eq!(
        ids(&list_json(&["--outlet", "The Associated Press"])),
        ["002"]
    );
    assert_eq!(ids(&list_json(&["--outlet", "business standard"])), ["002"]);
    assert_eq!(
        ids(&list_json(&["--year", "2019..2023", "GSOMIA"])),
        ["003"]
    );
}

#[test]
fn list_table_shows_date_outlet_and_headline() {
    let o = gisa(&["list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let line = out.lines().find(|l| l.starts_with("000_")).unwrap();
    assert!(
        line.contains("2023 (given)")
            && line.contains("Reuters")
            && line.contains("resume high-level economic talks"),
        "{line}"
    );
    let line = out.lines().find(|l| l.starts_with("002_")).unwrap();
    assert!(
        line.contains("2022-09-22") && line.contains("AP via Business Standard"),
        "{line}"
    );
}

#[test]
fn show_has_no_furniture_and_no_repeated_lead() {
    let furniture = [
        "Send to",
        "header banner",
        "Related Stories",
        "Related story",
        "...",
        "Telegram",
        "Explore News",
        "More stories like this",
        "©",
        "First Published",
        "syndicated feed",
        "(Photo",
        "via REUTERS",
        "By Reuters",
        "Ministry of Foreign Affairs (Yonhap)",
        "Business Standard\n",
    ];
    for id in ["000", "001", "002", "003", "004"] {
        let o = gisa(&["show", id]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        let text = stdout(&o);
        let body: String = text.lines().skip(2).collect::<Vec<_>>().join("\n");
        for f in furniture {
            assert!(!body.contains(f), "{id} shows furniture {f:?}");
        }
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| p.len() > 40)
            .collect();
        for (i, p) in paragraphs.iter().enumerate() {
            let key: String = p.chars().skip_while(|c| *c != ' ').take(60).collect();
            assert!(
                !paragraphs[i + 1..].iter().any(|q| q.contains(&key)),
                "{id} repeats {p:?}"
            );
        }
    }
    let o = gisa(&["show", "001"]);
    assert_eq!(
        stdout(&o)
            .matches("planned to discuss cooperation on global issues")
            .count(),
        1
    );
    let o = gisa(&["show", "003"]);
    assert_eq!(
        stdout(&o)
            .matches("agreed on Saturday to hold formal talks next month")
            .count(),
        1
    );
}

#[test]
fn show_json_has_body_and_credits() {
    let o = gisa(&["show", "000_4bc575d7d62d3060", "--json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["outlet"], "Reuters");
    assert!(v["body"].as_array().unwrap().len() >= 10);
    assert_eq!(
        v["credits"][0],
        "(Reporting by Hyunsu Yim; Editing by Ed Davies and Jacqueline Wong)"
    );
    assert!(
        v["body"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| !p.as_str().unwrap().contains("Reporting by"))
    );
}

#[test]
fn errors_are_one_line_and_non_zero() {
    for (args, status) in [
        (&["show", "nope"][..], 1),
        (&["show", "00"][..], 1),
        (&["list", "--outlet", "reutres"][..], 1),
        (&["list", "--year", "20x9"][..], 2),
        (&["list", "--year", "2021..2019"][..], 2),
        (&["--open", "nope"][..], 1),
    ] {
        let o = gisa(args);
        assert_eq!(o.status.code(), Some(status), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("gisa: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn check_passes_on_the_seeds() {
    let o = gisa(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("5 articles loaded, 0 files skipped, 0 warnings"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_reports_bad_files_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "Leaders meet in Seoul for talks\n\nSEOUL (AP) — They met.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"\0\0\x01binary").unwrap();
    std::fs::write(dir.path().join("good.toml"), "colour = \"red\"\n").unwrap();
    let o = gisa(&["check", "--articles", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("bin.txt: skipped: binary file"), "{out}");
    assert!(
        out.contains("good.toml:1:1: warning:") && out.contains("colour"),
        "{out}"
    );
    assert!(
        out.contains("1 articles loaded, 1 files skipped, 1 warnings"),
        "{out}"
    );
}

fn write_config(dir: &Path, text: &str) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn misspelt_config_key_exits_2_naming_line_3() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(
        dir.path(),
        "# my config\narticles = \"articles\"\narticels = \"x\"\n",
    );
    for args in [
        &["list", "--config", &cfg][..],
        &["check", "--config", &cfg][..],
        &["--config", &cfg][..],
    ] {
        let o = gisa(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("config.toml:3:1:") && err.contains("articels"),
            "{err}"
        );
    }
}

#[test]
fn wrong_type_in_config_exits_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), "articles = 5\n");
    let o = gisa(&["list", "--config", &cfg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("config.toml:1:"), "{}", stderr(&o));
    let o = gisa(&["list", "--config", "/nonexistent/gisa.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/gisa.toml"));
}

#[test]
fn articles_folder_from_config_and_flag() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(
        news.join("x.txt"),
        "Ministers meet in Jakarta\n\nJAKARTA (Reuters) - Ministers met.\n",
    )
    .unwrap();
    let cfg = write_config(dir.path(), "articles = \"news\"\n");
    let o = gisa(&["list", "--config", &cfg]);
    assert!(
        stdout(&o).contains("Ministers meet in Jakarta"),
        "relative to the config's folder"
    );
    let o = gisa(&["list", "--articles", news.to_str().unwrap()]);
    assert!(stdout(&o).contains("Ministers meet in Jakarta"));
    let o = gisa(&["list", "--articles", "/nonexistent/news"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/nonexistent/news"));
}

#[test]
fn hostile_text_never_reaches_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil\x1b[31m.txt"),
        "Evil \x1b]0;pwned\x07headline here now\n\nSEOUL (AP) — Text \x1b[2J with \u{9b}31m escapes \u{202E} inside.\n",
    )
    .unwrap();
    let a = dir.path().to_str().unwrap();
    for args in [
        &["list", "--articles", a][..],
        &["show", "evil", "--articles", a][..],
        &["check", "--articles", a][..],
    ] {
        let o = gisa(args);
        let out = stdout(&o);
        assert!(
            !out.contains('\x1b') && !out.contains('\u{9b}') && !out.contains('\u{202E}'),
            "{args:?}: {out:?}"
        );
    }
}

#[test]
fn closed_pipe_is_not_an_error() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gisa"))
        .args(["list"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn an_empty_argument_is_ignored() {
    let o = gisa(&["", "list", ""]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("003_7b60cf7055b81dea"));
}
