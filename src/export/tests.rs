use super::*;
use crate::config::Config;

/// A store of `files`, loaded as the reader loads a folder.
fn store_of(files: &[(&str, &str)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let c = Config::load(None).unwrap();
    let store = crate::load::load_dir(dir.path(), &c.outlets, &c.lexicon).unwrap();
    (dir, store)
}

const PACT: &str = "South Korea keeps GSOMIA pact with Japan
November 22, 2019
SEOUL (Reuters) - South Korea said on Friday it would keep GSOMIA, its intelligence-sharing pact with Japan, hours before it was due to expire. Moon Jae-in had come under pressure from Washington.
Officials in Seoul said talks on export controls would follow. Moon Jae-in spoke to aides.
";
const SUMMIT: &str = "Yoon and Kishida restore GSOMIA at Tokyo summit
March 16, 2023
TOKYO (Reuters) - Yoon Suk Yeol met Fumio Kishida in Tokyo, and the two restored GSOMIA in full, four years after the 2019 dispute over the pact.
";
const HOSTILE: &str = "Click [here](http://evil.example) <script>alert(1)</script> \u{1b}[31mnow
January 2, 2020
SEOUL (AP) - A story with a *hostile* headline, pasted from a page in Seoul.
";

fn exported(store: &Store, format: Format, related: bool) -> String {
    let mut out = Vec::new();
    let heading = Heading {
        query: "year:2019..2023 gsomia".into(),
        related,
    };
    let n = write(store, store.order(), format, &heading, &mut out).unwrap();
    assert_eq!(n, store.len());
    String::from_utf8(out).unwrap()
}

#[test]
fn markdown_gives_each_article_with_its_entities_topics_and_related_stories() {
    let (_dir, store) = store_of(&[("pact.txt", PACT), ("summit.txt", SUMMIT)]);
    let md = exported(&store, Format::Markdown, true);
    assert!(
        md.starts_with("# gisa export: year:2019..2023 gsomia\n\n2 articles, newest first.\n"),
        "{md}"
    );
    // Newest first.
    let summit = md
        .find("## Yoon and Kishida restore GSOMIA at Tokyo summit")
        .unwrap();
    let pact = md
        .find("## South Korea keeps GSOMIA pact with Japan")
        .unwrap();
    assert!(summit < pact, "{md}");
    assert!(
        md.contains("*Reuters · 2019-11-22 · SEOUL* · `pact`"),
        "{md}"
    );
    // Grouped as the sidebar groups them: people before agreements before places, the most
    // mentioned first.
    let block = &md[pact..];
    let people = block.find("- **People:** Moon Jae-in (2)").unwrap();
    let agreements = block.find("- **Agreements:** GSOMIA").unwrap();
    let places = block.find("- **Places:**").unwrap();
    assert!(people < agreements && agreements < places, "{block}");
    assert!(
        block.contains(
            "- **Topics:** Export controls and the white list, GSOMIA / intelligence sharing"
        ),
        "{block}"
    );
    assert!(block.contains("**Related stories:**\n\n1. 2023-03-16 · Reuters · Yoon and Kishida restore GSOMIA at Tokyo summit (`summit`): "), "{block}");
    assert!(block.contains("both name GSOMIA"), "{block}");
    // Without related stories, none are ranked.
    assert!(!exported(&store, Format::Markdown, false).contains("Related stories"));
}

#[test]
fn json_lines_give_one_object_an_article() {
    let (_dir, store) = store_of(&[("pact.txt", PACT), ("summit.txt", SUMMIT)]);
    let text = exported(&store, Format::JsonLines, true);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let pact = &lines[1];
    assert_eq!(pact["id"], "pact");
    assert_eq!(pact["outlet"], "Reuters");
    assert_eq!(pact["date"], "2019-11-22");
    assert!(
        pact["topics_named"]
            .as_array()
            .unwrap()
            .contains(&"GSOMIA / intelligence sharing".into())
    );
    let people: Vec<&serde_json::Value> = pact["entities_named"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "person")
        .collect();
    assert_eq!(people[0]["name"], "Moon Jae-in");
    assert_eq!(people[0]["mentions"], 2);
    assert_eq!(pact["related_stories"][0]["id"], "summit");
    assert!(
        !pact["related_stories"][0]["reasons"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_hostile_headline_is_inert_in_markdown_and_on_a_terminal() {
    let (_dir, store) = store_of(&[("bad.txt", HOSTILE)]);
    let md = exported(&store, Format::Markdown, true);
    assert!(!md.contains('\u{1b}'), "{md:?}");
    assert!(
        md.contains(r"Click \[here\]\(http://evil.example\) \<script\>alert\(1\)\</script\>"),
        "{md}"
    );
    let jsonl = exported(&store, Format::JsonLines, true);
    assert!(!jsonl.contains('\u{1b}'), "{jsonl:?}");
}

#[test]
fn formats_are_named_as_people_type_them() {
    assert_eq!(Format::parse("MD"), Some(Format::Markdown));
    assert_eq!(Format::parse("jsonl"), Some(Format::JsonLines));
    assert_eq!(Format::parse("ndjson"), Some(Format::JsonLines));
    assert_eq!(Format::parse("pdf"), None);
}
