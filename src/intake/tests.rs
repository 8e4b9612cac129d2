use super::*;
use crate::article::Source;
use crate::config::Config;

/// Agency copy as pasted from a web page: banner, headline, byline, date line, dateline, quote,
/// related links and a credit line.
const BUDGET: &str = "Skip to main content
Rival parties agree on budget after marathon talks
By Jane Doe
March 5, 2024 10:32 AM GMT+9
TOKYO (Reuters) - Japan's ruling coalition and the main opposition party agreed on Tuesday on a 110 trillion yen budget for the next fiscal year, ending three weeks of talks that had threatened to delay spending on defence and child care.
Prime Minister Fumio Kishida told reporters the deal showed that parliament could still work across party lines, a claim the opposition leader disputed.
The agreement must still pass a vote in the upper house, which is expected on Friday, before the fiscal year begins in April.
Economists said the spending plan would add to a public debt that is already the largest among rich nations, at more than twice the size of the economy.
Related Stories
Yen slips as traders await central bank decision
(Reporting by Jane Doe; Editing by John Smith)
";

/// Another story of the same outlet, days later, on another subject.
const FLOODS: &str = "Floods force thousands from homes in southern Japan
March 8, 2024
KUMAMOTO, Japan (Reuters) - Heavy rain flooded rivers across the southern island of Kyushu on Friday, forcing more than 12,000 people to leave their homes as officials warned of landslides in the hills above the city.
Television footage showed cars swept along streets turned into brown torrents, and rescue teams in boats taking elderly residents from the upper floors of a care home.
The weather agency said up to 300 millimetres more rain could fall before Sunday.
(Reporting by Kim Lee; Editing by John Smith)
";

fn config() -> Config {
    Config::load(None).unwrap()
}

fn draft_of(text: &str, given: &Fields) -> Result<Draft, Refused> {
    let c = config();
    draft(
        text.as_bytes().to_vec(),
        given,
        &c.outlets,
        &c.lexicon,
        c.load.max_file_bytes(),
    )
}

fn day(y: u16, m: u8, d: u8) -> PartialDate {
    PartialDate::day(y, m, d).unwrap()
}

#[test]
fn a_draft_says_what_the_extractor_understood_and_keeps_the_text_as_given() {
    let d = draft_of(BUDGET, &Fields::default()).unwrap();
    assert_eq!(d.text, BUDGET, "no field given: written exactly as pasted");
    let a = &d.article;
    assert_eq!(
        a.headline.get().map(String::as_str),
        Some("Rival parties agree on budget after marathon talks")
    );
    assert_eq!(a.headline.source, Source::Stated);
    assert_eq!(a.outlet.get().map(String::as_str), Some("Reuters"));
    assert_eq!(a.date.get(), Some(&day(2024, 3, 5)));
    assert_eq!(a.dateline.get().map(String::as_str), Some("TOKYO"));
    assert!(
        a.entities.iter().any(|e| &*e.name == "Fumio Kishida"),
        "{:?}",
        a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
    assert!(a.body.iter().all(|p| !p.contains("Related Stories")));
    assert!(d.problems.is_empty(), "{:?}", d.problems);
}

#[test]
fn given_fields_go_into_front_matter_above_the_untouched_text_and_win() {
    let given = Fields {
        headline: Some("A \"quoted\" headline".into()),
        outlet: Some("ap".into()),
        date: Some(day(2019, 11, 23)),
    };
    let d = draft_of(BUDGET, &given).unwrap();
    let (front, rest) = load::front_matter_of(&d.text);
    assert_eq!(rest, BUDGET);
    let table: toml::Table = front.unwrap().parse().unwrap();
    assert_eq!(table["headline"].as_str(), Some("A \"quoted\" headline"));
    assert_eq!(table["outlet"].as_str(), Some("ap"));
    assert_eq!(table["date"].as_str(), Some("2019-11-23"));
    let a = &d.article;
    assert_eq!(a.headline.source, Source::Given);
    assert_eq!(
        a.headline.get().map(String::as_str),
        Some("A \"quoted\" headline")
    );
    assert_eq!(
        a.outlet.get().map(String::as_str),
        Some("AP"),
        "the canonical name"
    );
    assert_eq!(a.date.get(), Some(&day(2019, 11, 23)));
    assert_eq!(a.date.source, Source::Given);
}

#[test]
fn only_the_fields_given_are_written() {
    let given = Fields {
        date: Some(PartialDate::month(2024, 3).unwrap()),
        ..Fields::default()
    };
    let d = draft_of(BUDGET, &given).unwrap();
    let (front, _) = load::front_matter_of(&d.text);
    let table: toml::Table = front.unwrap().parse().unwrap();
    assert_eq!(table.len(), 1, "{table:?}");
    assert_eq!(table["date"].as_str(), Some("2024-03"));
    // What the text states stays for the rest.
    assert_eq!(d.article.outlet.source, Source::Stated);
}

#[test]
fn a_text_with_its_own_front_matter_keeps_it_with_the_given_fields_set_in_it() {
    let text = format!("+++\ntags = [\"budget\"]\ndate = \"2020-01-01\"\n+++\n{BUDGET}");
    let given = Fields {
        date: Some(day(2024, 3, 5)),
        ..Fields::default()
    };
    let d = draft_of(&text, &given).unwrap();
    assert_eq!(d.text.matches("+++").count(), 2, "one block:\n{}", d.text);
    let (front, rest) = load::front_matter_of(&d.text);
    assert_eq!(rest, BUDGET);
    let table: toml::Table = front.unwrap().parse().unwrap();
    assert_eq!(table["date"].as_str(), Some("2024-03-05"));
    assert_eq!(table["tags"].as_array().map(Vec::len), Some(1));
    assert_eq!(d.article.tags, vec!["budget".to_owned()]);
}

#[test]
fn broken_front_matter_is_refused_only_when_fields_must_go_into_it() {
    let text = format!("+++\ntags = [\"budget\"\n+++\n{BUDGET}");
    let given = Fields {
        outlet: Some("Reuters".into()),
        ..Fields::default()
    };
    match draft_of(&text, &given) {
        Err(Refused::FrontMatter { line, .. }) => assert_eq!(line, 2, "a line of the file"),
        other => panic!("{other:?}"),
    }
    // Without fields the text is written as it is, and the load warns about it as usual.
    let d = draft_of(&text, &Fields::default()).unwrap();
    assert_eq!(d.text, text);
    assert!(
        d.problems.iter().any(|p| p.message.contains("metadata")),
        "{:?}",
        d.problems
    );
}

#[test]
fn empty_binary_and_oversized_pastes_are_refused_with_the_reason() {
    for empty in ["", "\n\n", "   \t\n", "\u{200b}\n"] {
        assert_eq!(
            draft_of(empty, &Fields::default()).unwrap_err(),
            Refused::Empty,
            "{empty:?}"
        );
    }
    for furniture in [
        "\u{1b}[2J\u{7}\n",
        "Skip to main content\nSign in\nAdvertisement\n",
    ] {
        assert_eq!(
            draft_of(furniture, &Fields::default()).unwrap_err(),
            Refused::NoText,
            "{furniture:?}"
        );
    }
    let c = config();
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend_from_slice(&[0, 1, 2, 3]);
    let refused = draft(
        pdf,
        &Fields::default(),
        &c.outlets,
        &c.lexicon,
        c.load.max_file_bytes(),
    )
    .unwrap_err();
    assert_eq!(refused, Refused::Binary { offset: 9 });
    assert!(refused.to_string().contains("NUL byte at offset 9"));
    let big = draft(
        BUDGET.as_bytes().to_vec(),
        &Fields::default(),
        &c.outlets,
        &c.lexicon,
        100,
    )
    .unwrap_err();
    assert!(matches!(big, Refused::TooLarge { .. }), "{big:?}");
}

#[test]
fn a_legacy_encoded_paste_is_written_as_utf8_and_says_so() {
    let latin: Vec<u8> = BUDGET
        .replace("Jane Doe", "Ren\u{e9}e Dupr\u{e9}")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let c = config();
    let d = draft(
        latin,
        &Fields::default(),
        &c.outlets,
        &c.lexicon,
        c.load.max_file_bytes(),
    )
    .unwrap();
    assert!(d.text.contains("Renée Dupré"));
    assert!(
        d.problems.iter().any(|p| p.message.contains("1252")),
        "{:?}",
        d.problems
    );
}

fn article_with(headline: Option<&str>, date: Option<PartialDate>, body: &[&str]) -> Article {
    let mut a = draft_of(FLOODS, &Fields::default()).unwrap().article;
    a.headline = crate::article::Sourced::merge(headline.map(str::to_owned), None);
    a.date = crate::article::Sourced::merge(date, None);
    a.body = body.iter().map(|&p| p.to_owned()).collect();
    a
}

#[test]
fn a_file_name_is_the_date_and_the_headline_first_clause() {
    let name = |h: &str, d| file_name(&article_with(Some(h), d, &[]));
    assert_eq!(
        name(
            "In bid to repair ties, South Korea and Japan agree to talks",
            Some(day(2019, 11, 23))
        ),
        "2019-11-23-in-bid-to-repair-ties.txt"
    );
    // A short first clause is not enough: up to eight words.
    assert_eq!(
        name(
            "Analysis: Japan's new premier faces an old problem in Seoul and beyond",
            PartialDate::month(2023, 3)
        ),
        "2023-03-analysis-japans-new-premier-faces-an-old-problem.txt"
    );
    assert_eq!(
        name("Yoon visits Tokyo", None),
        "undated-yoon-visits-tokyo.txt"
    );
    assert_eq!(
        name(
            "한일 정상회담, 12년 만에 도쿄서 개최",
            PartialDate::year(2023)
        ),
        "2023-한일-정상회담-12년-만에-도쿄서-개최.txt"
    );
}

#[test]
fn a_file_name_holds_only_letters_digits_and_hyphens_within_a_bound() {
    for hostile in [
        "../../etc/passwd",
        ".hidden headline",
        "a/b\\c:d*e?f\"g<h>i|j",
        "\u{1b}]52;c;eA==\u{7} title \u{202e}gnp.exe",
        "-- rm -rf",
        "",
        "!!!",
    ] {
        let n = file_name(&article_with(Some(hostile), Some(day(2024, 1, 2)), &[]));
        let stem = n.strip_suffix(".txt").unwrap();
        assert!(
            stem.chars().all(|c| c.is_alphanumeric() || c == '-'),
            "{hostile:?} -> {n:?}"
        );
        assert!(n.starts_with("2024-01-02-"), "{n}");
    }
    let long = "Supercalifragilisticexpialidocious".repeat(5);
    let n = file_name(&article_with(Some(&long), None, &[]));
    assert!(
        n.len() <= "undated-".len() + SLUG_BYTES + ".txt".len(),
        "{n}"
    );
    let wide = "가".repeat(40);
    let n = file_name(&article_with(Some(&wide), None, &[]));
    assert!(
        n.len() <= "undated-".len() + SLUG_BYTES + ".txt".len(),
        "{n}"
    );
    // No headline: the first words of the text; nothing at all: "article".
    let n = file_name(&article_with(
        None,
        None,
        &["Officials met on Monday to discuss the plan."],
    ));
    assert_eq!(n, "undated-officials-met-on-monday-to-discuss-the-plan.txt");
    assert_eq!(
        file_name(&article_with(None, None, &[])),
        "undated-article.txt"
    );
}

#[test]
fn save_never_overwrites_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let first = save(dir.path(), "2024-03-05-budget.txt", b"one").unwrap();
    let second = save(dir.path(), "2024-03-05-budget.txt", b"two").unwrap();
    let third = save(dir.path(), "2024-03-05-budget.txt", b"three").unwrap();
    assert_eq!(first, dir.path().join("2024-03-05-budget.txt"));
    assert_eq!(second, dir.path().join("2024-03-05-budget-2.txt"));
    assert_eq!(third, dir.path().join("2024-03-05-budget-3.txt"));
    assert_eq!(std::fs::read(&first).unwrap(), b"one");
    assert_eq!(std::fs::read(&second).unwrap(), b"two");
    assert_eq!(std::fs::read(&third).unwrap(), b"three");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2024-03-05-budget-2.txt",
            "2024-03-05-budget-3.txt",
            "2024-03-05-budget.txt"
        ]
    );
}

#[test]
fn save_keeps_the_extension_of_any_name_when_it_numbers_it() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "export.md", b"1").unwrap();
    assert_eq!(
        save(dir.path(), "export.md", b"2").unwrap(),
        dir.path().join("export-2.md")
    );
    save(dir.path(), "no-extension", b"1").unwrap();
    assert_eq!(
        save(dir.path(), "no-extension", b"2").unwrap(),
        dir.path().join("no-extension-2")
    );
}

#[test]
fn save_into_a_folder_that_cannot_be_written_fails_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no such folder");
    let e = save(&missing, "a.txt", b"x").unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::NotFound);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A store of `files` (name, text), loaded as the reader loads a folder.
fn store_of(files: &[(&str, &str)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let c = config();
    let store = load::load_dir(dir.path(), &c.outlets, &c.lexicon).unwrap();
    (dir, store)
}

fn duplicate_in(store: &Store, text: &str) -> Option<(String, Sameness)> {
    let d = draft_of(text, &Fields::default()).unwrap();
    find_duplicate(store, &d.article).map(|m| (store.get(m.slot).unwrap().id.clone(), m.sameness))
}

#[test]
fn the_same_article_pasted_again_is_a_duplicate_whatever_page_furniture_came_with_it() {
    let (_dir, store) = store_of(&[("budget.txt", BUDGET), ("floods.txt", FLOODS)]);
    assert_eq!(
        duplicate_in(&store, BUDGET),
        Some(("budget".into(), Sameness::SameText))
    );
    let repasted = format!(
        "Advertisement\nSign in\n{}\nShare this article\nRead more\n",
        BUDGET.replace("Skip to main content\n", "")
    );
    assert_eq!(
        duplicate_in(&store, &repasted),
        Some(("budget".into(), Sameness::SameText))
    );
}

#[test]
fn an_updated_version_from_the_same_outlet_is_the_same_story() {
    let (_dir, store) = store_of(&[("budget.txt", BUDGET), ("floods.txt", FLOODS)]);
    let updated = BUDGET
        .replace(
            "Rival parties agree on budget after marathon talks",
            "UPDATE 2-Japan parties strike budget deal, ending three-week standoff",
        )
        .replace(
            "Related Stories",
            "Shares of construction companies rose on the news, with the benchmark index up 1.2% by the close of trading in Tokyo.\nRelated Stories",
        );
    assert_eq!(
        duplicate_in(&store, &updated),
        Some(("budget".into(), Sameness::SameStory))
    );
}

#[test]
fn other_stories_are_not_duplicates_even_on_the_same_subject_or_day() {
    let (_dir, store) = store_of(&[("budget.txt", BUDGET), ("floods.txt", FLOODS)]);
    // The same outlet, the same day, another story.
    let other = "Yen slips as traders await central bank decision
March 5, 2024
TOKYO (Reuters) - The yen weakened against the dollar on Tuesday as traders waited for the central bank to decide whether to end its negative interest rate policy at a meeting later this month.
Analysts said a budget deal in parliament had little effect on currency markets, which were focused on wage talks between unions and large employers.
(Reporting by Ann Wu; Editing by John Smith)
";
    assert_eq!(duplicate_in(&store, other), None);
    // The same event told by another outlet in its own words.
    let rival = "Japan's lawmakers reach budget accord
March 5, 2024
TOKYO (AP) - Japanese lawmakers from the governing bloc and the largest opposition group settled their dispute over next year's budget on Tuesday after three weeks of negotiation, clearing the way for a vote in the upper chamber.
Prime Minister Fumio Kishida welcomed the accord. Critics warned it would deepen the country's debt.
";
    assert_eq!(duplicate_in(&store, rival), None);
}

#[test]
fn the_same_headline_from_the_same_outlet_days_apart_is_the_same_story_only_near_in_time() {
    let first = "Leaders meet for summit talks
June 1, 2023
SEOUL (Reuters) - The two leaders met in the capital on Thursday for talks on trade and security, the first such meeting in five years.
";
    let (_dir, store) = store_of(&[("first.txt", first)]);
    let rewritten = "Leaders meet for summit talks
June 2, 2023
SEOUL (Reuters) - Talks opened a day late after a delayed flight, officials said, with chip exports and North Korea's missiles on the agenda.
";
    assert_eq!(
        duplicate_in(&store, rewritten),
        Some(("first".into(), Sameness::SameStory))
    );
    let a_year_later = rewritten.replace("June 2, 2023", "June 2, 2024");
    assert_eq!(duplicate_in(&store, &a_year_later), None);
}

#[test]
fn an_empty_archive_has_no_duplicates() {
    let (_dir, store) = store_of(&[]);
    assert_eq!(duplicate_in(&store, BUDGET), None);
}
