//! The binary's commands, run as a user runs them, on the default corpus and on temporary folders.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::case_sensitive_file_extension_comparisons
)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// The analysis cache of these runs: never the user's own.
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

fn gisa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gisa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("GISA_CACHE_DIR", CACHE)
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
fn list_filters_by_topic_and_entity() {
    // The seeds: GSOMIA is cued in 002 and 003; Motegi speaks in 003 and 004; Yoon is named
    // in 000, 001 and 002; comfort women come up in 000 and 004.
    assert_eq!(ids(&list_json(&["--topic", "gsomia"])), ["002", "003"]);
    assert_eq!(
        ids(&list_json(&["--topic", "GSOMIA / intelligence sharing"])),
        ["002", "003"]
    );
    assert_eq!(
        ids(&list_json(&["--topic", "Comfort women"])),
        ["000", "004"]
    );
    assert_eq!(ids(&list_json(&["--entity", "motegi"])), ["003", "004"]);
    assert_eq!(
        ids(&list_json(&["--entity", "Yoon Suk-yeol", "--year", "2023"])),
        ["000", "001"]
    );
    assert_eq!(
        ids(&list_json(&["--entity", "YOON SUK YEOL"])),
        ["000", "001", "002"]
    );
    // Combined with each other, with --outlet and with words; repeated ones must all match.
    assert_eq!(
        ids(&list_json(&[
            "--entity",
            "yoon",
            "--topic",
            "comfort-women"
        ])),
        ["000"]
    );
    assert_eq!(
        ids(&list_json(&["--topic", "gsomia", "--entity", "Motegi"])),
        ["003"]
    );
    assert_eq!(
        ids(&list_json(&[
            "--topic",
            "gsomia",
            "--outlet",
            "business standard"
        ])),
        ["002"]
    );
    assert_eq!(
        ids(&list_json(&[
            "--entity",
            "Toshimitsu Motegi",
            "--entity",
            "GSOMIA"
        ])),
        ["003"]
    );
    assert!(list_json(&["--entity", "motegi", "--entity", "Kishida"]).is_empty());
    assert_eq!(
        ids(&list_json(&[
            "--topic",
            "gsomia",
            "--topic",
            "north-korea-missiles"
        ])),
        ["002"]
    );
    assert_eq!(
        ids(&list_json(&[
            "--entity",
            "motegi",
            "--year",
            "2019..2023",
            "nagoya"
        ])),
        ["003"]
    );
    // Newest first, as without a filter.
    let order: Vec<String> = list_json(&["--topic", "gsomia"])
        .iter()
        .map(|r| r["id"].as_str().unwrap()[..3].to_owned())
        .collect();
    assert_eq!(order, ["002", "003"]);
}

#[test]
fn list_unknown_topic_or_entity_exits_1_with_a_hint() {
    let o = gisa(&["list", "--topic", "weather", "--year", "2023"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("gisa: no topic 'weather' (topics: ") && err.contains("gsomia"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(o.stdout.is_empty());

    let o = gisa(&["list", "--entity", "motegi", "--entity", "Nobody Atall"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "gisa: no entity 'Nobody Atall' (`gisa entities` lists them)\n"
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
        (&["list", "--topic", "weather"][..], 1),
        (&["list", "--entity", "nobody"][..], 1),
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
        .env("GISA_CACHE_DIR", CACHE)
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

fn json(args: &[&str]) -> Value {
    let o = gisa(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

/// The ids (first three characters) of `gisa related ID --json`, best first.
fn related(id: &str) -> Vec<String> {
    json(&["related", id, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap()[..3].to_owned())
        .collect()
}

fn reasons(from: &str, to: &str) -> String {
    json(&["related", from, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_str().unwrap().starts_with(to))
        .map(|r| {
            r["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_default()
}

#[test]
fn the_2019_gsomia_story_and_the_summit_stories_point_to_each_other() {
    let from_2019 = related("003");
    assert!(from_2019[..3].contains(&"001".to_owned()), "{from_2019:?}");
    assert!(from_2019[..3].contains(&"002".to_owned()), "{from_2019:?}");
    for summit in ["001", "002"] {
        let back = related(summit);
        assert!(back[..3].contains(&"003".to_owned()), "{summit}: {back:?}");
    }
    // 2022's reasons name GSOMIA (as its "intelligence-sharing deal") and the December 2019 summit.
    let why = reasons("002", "003");
    assert!(
        why.contains("GSOMIA (“intelligence-sharing deal” here)"),
        "{why}"
    );
    assert!(why.contains("Summits in December 2019"), "{why}");
    assert!(why.contains("“since December 2019” here"), "{why}");
}

#[test]
fn the_two_2023_stories_share_the_compensation_plan_and_export_controls() {
    for (a, b) in [("000", "001"), ("001", "000")] {
        let why = reasons(a, b);
        assert!(
            why.contains("Forced labour compensation in 2023"),
            "{a}->{b}: {why}"
        );
        assert!(
            why.contains("Export controls and the white list in 2023"),
            "{a}->{b}: {why}"
        );
    }
}

#[test]
fn related_json_has_the_documented_fields_and_a_table_without_json() {
    let rows = json(&["related", "003_7b60cf7055b81dea", "--json"]);
    let first = &rows[0];
    for field in ["id", "file", "headline", "date", "score", "reasons"] {
        assert!(!first[field].is_null(), "{field} missing in {first}");
    }
    assert!(first["score"].as_f64().unwrap() > 0.0);
    let scores: Vec<f64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let o = gisa(&["related", "003", "--limit", "1"]);
    let text = stdout(&o);
    assert!(text.starts_with("ID  "), "{text}");
    assert_eq!(
        text.lines().filter(|l| !l.starts_with(' ')).count(),
        2,
        "{text}"
    );
    assert!(text.contains("    · "), "{text}");
    let o = gisa(&["related", "nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no article 'nope'"), "{}", stderr(&o));
}

#[test]
fn every_person_a_reader_would_name_and_no_one_else() {
    let rows = json(&["entities", "--kind", "person", "--json"]);
    let mut people: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["kind"], "person");
            r["name"].as_str().unwrap().to_owned()
        })
        .collect();
    people.sort();
    assert_eq!(
        people,
        [
            "Chung Eui-yong",
            "Fumio Kishida",
            "Joe Biden",
            "John Sullivan",
            "Kang Jae-kwon",
            "Kang Kyung-wha",
            "Keiichi Ono",
            "Lee Sang-ryol",
            "Moon Jae-in",
            "Shinzo Abe",
            "Takehiro Funakoshi",
            "Toshimitsu Motegi",
            "Vladimir Putin",
            "Yoon Suk Yeol",
        ]
    );
    // Reporters and editors in credit lines are credits, not people of the story.
    let all = stdout(&gisa(&["entities"]));
    for credit in [
        "Hyunsu Yim",
        "Ed Davies",
        "Jacqueline Wong",
        "Shinhye Kang",
        "Hooyeon Kim",
    ] {
        assert!(!all.contains(credit), "{credit} listed:\n{all}");
    }
    let yoon = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Yoon Suk Yeol")
        .unwrap();
    assert_eq!(yoon["articles"], 3);
}

#[test]
fn entities_of_one_article_with_mentions() {
    let rows = json(&["entities", "003", "--json"]);
    let get = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {rows}"))
            .clone()
    };
    let gsomia = get("GSOMIA");
    assert_eq!(gsomia["kind"], "agreement");
    let forms: Vec<&str> = gsomia["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(forms.contains(&"intelligence-sharing pact"), "{forms:?}");
    assert!(forms.contains(&"General Security of Military Information Agreement"));
    // A later bare surname resolves to the full name met earlier.
    let kang = get("Kang Kyung-wha");
    let kang: Vec<&str> = kang["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(kang[0], "Kang Kyung-wha");
    assert!(kang[1..].iter().all(|t| *t == "Kang"), "{kang:?}");
    assert_eq!(get("G20")["kind"], "organisation");
    assert_eq!(get("Nagoya")["kind"], "place");
    // The mention's byte range points at its text in the body.
    let show = json(&["show", "003", "--json"]);
    let mention = &get("Toshimitsu Motegi")["mentions"][0];
    let number = |field: &str| usize::try_from(mention[field].as_u64().unwrap()).unwrap();
    let paragraph = show["body"][number("paragraph")].as_str().unwrap();
    assert_eq!(
        &paragraph[number("start")..number("end")],
        "Toshimitsu Motegi"
    );
    let table = stdout(&gisa(&["entities", "003", "--kind", "agreement"]));
    assert_eq!(
        table.lines().next(),
        Some("NAME    KIND       MENTIONS"),
        "{table}"
    );
    let o = gisa(&["entities", "--kind", "planet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a kind"));
}

#[test]
fn show_json_has_entities_topics_and_related() {
    let a = json(&["show", "002", "--json"]);
    assert!(
        a["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Fumio Kishida")
    );
    assert!(
        a["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "summits" && t["count"].as_u64().unwrap() >= 1)
    );
    assert_eq!(a["related"][0]["id"], "003_7b60cf7055b81dea");
    // The list stays lean.
    let rows = list_json(&[]);
    assert!(rows[0].get("entities").is_none());
}

#[test]
fn dossier_lists_mentions_oldest_first_in_context() {
    let rows = json(&["dossier", "Motegi", "--json"]);
    let dates: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates.first(), Some(&"2019-11-23"));
    assert_eq!(dates.last(), Some(&"2021-03-31"));
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    for r in rows.as_array().unwrap() {
        let (text, sentence) = (r["text"].as_str().unwrap(), r["sentence"].as_str().unwrap());
        assert!(sentence.contains(text), "{sentence} / {text}");
        for field in ["outlet", "headline", "id"] {
            assert!(!r[field].is_null());
        }
    }
    let text = stdout(&gisa(&["dossier", "toshimitsu motegi"]));
    assert!(
        text.starts_with("Toshimitsu Motegi (person): 7 mentions in 2 articles"),
        "{text}"
    );
    assert!(text.contains("«Motegi»"), "{text}");
    // Topics too, by id or name; unknown names suggest the near ones.
    let topic = stdout(&gisa(&["dossier", "--topic", "gsomia"]));
    assert!(
        topic.starts_with("GSOMIA / intelligence sharing (topic)"),
        "{topic}"
    );
    let o = gisa(&["dossier", "kishda"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("did you mean: Fumio Kishida"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn timeline_groups_a_thread_by_year() {
    let years = json(&["timeline", "--topic", "summits", "--json"]);
    let got: Vec<(u64, Vec<String>)> = years
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_u64().unwrap(),
                y["articles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["id"].as_str().unwrap()[..3].to_owned())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2019, vec!["003".to_owned()]),
            (2022, vec!["002".to_owned()]),
            (2023, vec!["001".to_owned()])
        ]
    );
    let text = stdout(&gisa(&[
        "timeline", "--entity", "Motegi", "--topic", "gsomia",
    ]));
    assert!(
        text.starts_with("1 article\n\n2019  (1)\n  2019-11-23"),
        "{text}"
    );
    let all = json(&["timeline", "--json"]);
    let total: usize = all
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["articles"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 5);
    let o = gisa(&["timeline", "--topic", "weather"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no topic 'weather' (topics: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bad_keys_entry_is_a_config_error_before_the_reader_starts() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        "[reader]\nwidth = 72\n\n[keys]\nselect_next = \"J\"\njump_around = \"j\"\n",
    )
    .unwrap();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let o = gisa(&[
        "--config",
        config.to_str().unwrap(),
        "--articles",
        articles.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("c.toml:6:1: unknown action 'jump_around' in [keys]"),
        "{err}"
    );
    // A good table gets as far as the terminal check (standard output is a pipe here).
    std::fs::write(&config, "[keys]\nselect_next = [\"J\", \"Down\"]\n").unwrap();
    let o = gisa(&[
        "--config",
        config.to_str().unwrap(),
        "--articles",
        articles.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("standard output is not a terminal"),
        "{}",
        stderr(&o)
    );
}

/// `gisa check --timings` with its own cache folder, under `args`.
fn timings_with_cache(cache: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gisa"))
        .args(["check", "--timings"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("GISA_CACHE_DIR", cache)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gisa");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

#[test]
fn the_second_start_takes_the_seeds_from_the_cache() {
    // The seeds have been left alone since the checkout, long enough before this test to be kept.
    let cache = tempfile::tempdir().unwrap();
    let first = timings_with_cache(cache.path(), &[]);
    assert!(
        first.contains("0 files taken from it (0.0 MB), 5 read; written"),
        "{first}"
    );
    let second = timings_with_cache(cache.path(), &[]);
    assert!(second.contains(": 5 files taken from it ("), "{second}");
    assert!(second.contains(", 0 read\n"), "{second}");
    assert!(second.contains("timings: 0 files, 0.0 MB read"), "{second}");
    // Both say the same about the articles.
    let summary = |s: &str| s.lines().next().unwrap_or_default().to_owned();
    assert_eq!(summary(&first), summary(&second));
    assert_eq!(
        summary(&first),
        "5 articles loaded, 0 files skipped, 0 warnings"
    );

    let off = timings_with_cache(cache.path(), &["--no-cache"]);
    assert!(
        off.contains("\ncache: off ([load] cache = false, or --no-cache)\n"),
        "{off}"
    );
    assert!(off.contains("timings: 5 files"), "{off}");
}

#[test]
fn a_new_key_binding_keeps_the_cache_and_a_new_outlet_does_not() {
    let cache = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
    let with = |text: &str| {
        std::fs::write(&config, text).unwrap();
        timings_with_cache(
            cache.path(),
            &["--config", config.to_str().unwrap(), "--articles", seeds],
        )
    };
    let first = with("[reader]\nwidth = 80\n");
    assert!(first.contains("0 files taken from it"), "{first}");
    // Only the reader's settings and keys changed: every analysis still holds.
    let keys = with("[reader]\nwidth = 72\n\n[keys]\nselect_next = \"J\"\n");
    assert!(keys.contains(": 5 files taken from it ("), "{keys}");
    // An outlet the extractor normalizes to: the analyses are made again.
    let outlets = with("[outlets]\n\"Daily Planet\" = [\"planet\"]\n");
    assert!(outlets.contains("0 files taken from it"), "{outlets}");
}

#[test]
fn export_writes_the_filtered_articles_as_markdown_or_json_lines() {
    let o = gisa(&["export", "--topic", "gsomia"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.starts_with("# gisa export: topic:gsomia\n\n2 articles, newest first.\n"),
        "{md}"
    );
    assert_eq!(md.matches("\n## ").count(), 2, "{md}");
    assert!(
        md.contains("- **Agreements:**") && md.contains("GSOMIA"),
        "{md}"
    );
    assert!(md.contains("**Related stories:**"), "{md}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.jsonl");
    std::fs::write(&file, "an older export, replaced whole\n").unwrap();
    let o = gisa(&[
        "export",
        "--year",
        "2019..2022",
        "--format",
        "jsonl",
        "--no-related",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("exported 3 articles to "),
        "{}",
        stdout(&o)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .all(|r| r["related_stories"].is_null() && r["entities_named"].is_array())
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );

    let bad = gisa(&["export", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("use md (Markdown) or jsonl"));
    let gone = gisa(&["export", "-o", "/nonexistent-dir/x.md"]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(
        stderr(&gone).contains("cannot write /nonexistent-dir/x.md"),
        "{}",
        stderr(&gone)
    );
}

#[test]
fn a_dossier_as_markdown_puts_each_mention_in_bold_in_its_sentence() {
    let o = gisa(&["dossier", "gsomia", "--format", "md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.starts_with(
            "# Dossier: GSOMIA \\(agreement\\)\n\n6 mentions in 2 articles, oldest first.\n"
        ),
        "{md}"
    );
    let first = md
        .find("## 2019-11-23 · Reuters · In bid to repair ties")
        .unwrap();
    let second = md.find("## 2022-09-22 · AP via Business Standard").unwrap();
    assert!(first < second, "oldest first: {md}");
    assert_eq!(md.matches("\n- ¶").count(), 6, "{md}");
    assert!(md.contains("\\(**GSOMIA**\\)"), "{md}");
    // The same mentions as the text form, which marks them «so».
    let text = stdout(&gisa(&["dossier", "gsomia"]));
    assert_eq!(text.matches('«').count(), 6);
    assert_eq!(
        gisa(&["dossier", "gsomia", "--json", "--format", "md"])
            .status
            .code(),
        Some(2)
    );
}
