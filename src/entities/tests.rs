//! Entity finding on short samples in the style of agency copy, about many countries and people.
//! None of them comes from the default corpus.

use std::path::Path;

use super::*;
use crate::config::{Config, DEFAULT_TOML};

fn gazetteer() -> Gazetteer {
    Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new(""))
        .unwrap()
        .lexicon
        .gazetteer
}

fn body(text: &str) -> Vec<String> {
    text.split("\n\n").map(str::to_owned).collect()
}

fn find_in(text: &str, context: Context<'_>) -> Vec<FoundEntity> {
    find(&body(text), context, &gazetteer())
}

/// (kind, name) of every entity, in the order first met.
fn names(text: &str) -> Vec<(Kind, String)> {
    find_in(text, Context::default())
        .into_iter()
        .map(|e| (e.kind, e.name.to_string()))
        .collect()
}

fn people(text: &str) -> Vec<String> {
    names(text)
        .into_iter()
        .filter(|(k, _)| *k == Kind::Person)
        .map(|(_, n)| n)
        .collect()
}

/// Each mention as written, for the entity of this name.
fn mentions(text: &str, name: &str) -> Vec<String> {
    let b = body(text);
    find(&b, Context::default(), &gazetteer())
        .into_iter()
        .find(|e| *e.name == *name)
        .map(|e| {
            e.mentions
                .iter()
                .map(|m| b[m.paragraph()][m.range()].to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn people_from_titles_before_their_names() {
    let text = "BEIJING (Reuters) - Chinese Foreign Minister Wang Yi met German Chancellor Olaf \
                Scholz on Tuesday, while U.S. Deputy Secretary of State Kurt Campbell held talks \
                with Philippine Defence Secretary Gilberto Teodoro in Manila.";
    assert_eq!(
        people(text),
        [
            "Wang Yi",
            "Olaf Scholz",
            "Kurt Campbell",
            "Gilberto Teodoro"
        ]
    );
}

#[test]
fn people_from_roles_after_and_verbs_of_speech() {
    let text = "Maria Lopez, a spokeswoman for the ministry, declined to comment.\n\n\
                “We will respond in kind,” Ahmed Hassan said on Sunday.\n\n\
                The plan was backed by Ngozi Okonjo-Iweala, director-general of the trade body.\n\n\
                “It is a first step,” said Priya Raman, who leads the delegation.";
    assert_eq!(
        people(text),
        [
            "Maria Lopez",
            "Ahmed Hassan",
            "Ngozi Okonjo-Iweala",
            "Priya Raman"
        ]
    );
}

#[test]
fn korean_names_by_their_shape_and_coordinated_titles() {
    let text = "Lee Jae-myung and Han Duck-soo met in the capital.\n\n\
                Foreign Ministers Cho Tae-yul and Takeshi Iwaya agreed to meet again.";
    assert_eq!(
        people(text),
        [
            "Lee Jae-myung",
            "Han Duck-soo",
            "Cho Tae-yul",
            "Takeshi Iwaya"
        ]
    );
}

#[test]
fn a_bare_surname_resolves_to_the_full_name_met_in_the_article() {
    let text = "Indonesian President Prabowo Subianto hosted Malaysian Prime Minister Anwar \
                Ibrahim.\n\nPrabowo said the talks went well. Anwar told reporters he agreed.\n\n\
                Anwar's office later issued a statement.";
    assert_eq!(people(text), ["Prabowo Subianto", "Anwar Ibrahim"]);
    assert_eq!(
        mentions(text, "Anwar Ibrahim"),
        ["Anwar Ibrahim", "Anwar", "Anwar"]
    );
    // Surname-first names: the surname is the first word.
    let text = "Vietnamese Prime Minister Pham Minh Chinh met Chinese Premier Li Qiang. \
                Li said trade would grow.";
    assert_eq!(mentions(text, "Li Qiang"), ["Li Qiang", "Li"]);
}

#[test]
fn the_same_surname_means_the_person_named_most_recently() {
    let text = "North Korean leader Kim Jong Un inspected a factory. His sister, Kim Yo-jong, \
                issued a statement.\n\nKim said the drills were a rehearsal for invasion.\n\n\
                Kim Jong Un later visited a farm. Kim praised the workers.";
    let jong_un = mentions(text, "Kim Jong Un");
    let yo_jong = mentions(text, "Kim Yo-jong");
    assert_eq!(jong_un, ["Kim Jong Un", "Kim Jong Un", "Kim"]);
    assert_eq!(yo_jong, ["Kim Yo-jong", "Kim"]);
}

#[test]
fn gazetteer_aliases_and_titles_mark_the_name_only() {
    let text = "South Korean President Yoon Suk-yeol met President Yoon's advisers. Later, \
                Yoon flew to Tokyo.";
    assert_eq!(
        mentions(text, "Yoon Suk Yeol"),
        ["Yoon Suk-yeol", "Yoon", "Yoon"]
    );
    let text = "Seoul decided to keep its intelligence-sharing pact with Tokyo, the General \
                Security of Military Information Agreement (GSOMIA).";
    assert_eq!(
        mentions(text, "GSOMIA"),
        [
            "intelligence-sharing pact",
            "General Security of Military Information Agreement",
            "GSOMIA"
        ]
    );
}

#[test]
fn organisations_agreements_and_acronyms() {
    let text = "The Shanghai Cooperation Organisation (SCO) met as Hyundai Heavy Industries and \
                Petronas Chemicals Group signed a deal. SCO members backed the Treaty of \
                Amity and Cooperation and the Bank of Thailand kept rates.";
    let found = names(text);
    for want in [
        (Kind::Organisation, "Shanghai Cooperation Organisation"),
        (Kind::Organisation, "Hyundai Heavy Industries"),
        (Kind::Organisation, "Petronas Chemicals Group"),
        (Kind::Agreement, "Treaty of Amity and Cooperation"),
        (Kind::Organisation, "Bank of Thailand"),
    ] {
        assert!(
            found.contains(&(want.0, want.1.to_owned())),
            "{want:?} not in {found:?}"
        );
    }
    assert_eq!(
        mentions(text, "Shanghai Cooperation Organisation"),
        ["Shanghai Cooperation Organisation", "SCO", "SCO"]
    );
    // `and` between two names does not make them one.
    assert!(
        !found.iter().any(|(_, n)| n.contains(" and Petronas")),
        "{found:?}"
    );
}

#[test]
fn places_from_the_dateline_and_city_cues() {
    // Neither city is in the gazetteer: the dateline and `city of` make them places.
    let text = "CEBU, March 3 - Rescuers reached the southern city of Zamboanga on Friday.";
    let found: Vec<(Kind, String)> = find_in(
        text,
        Context {
            dateline: Some("CEBU"),
            ..Context::default()
        },
    )
    .into_iter()
    .map(|e| (e.kind, e.name.to_string()))
    .collect();
    assert_eq!(
        found,
        [
            (Kind::Place, "Cebu".to_owned()),
            (Kind::Place, "Zamboanga".to_owned())
        ]
    );
}

#[test]
fn no_false_people() {
    // Countries, capitals and bodies speak; weekdays, months and sentence starts are not names;
    // a heading's capitals are not names; a generic office is no organisation.
    let text = "South Korea said on Monday it would respond. Tokyo said nothing.\n\n\
                Rising Tensions Grip Border Region As Talks Stall\n\n\
                Officials said the Foreign Ministry would decide. Analysts warned of risks.\n\n\
                On Wednesday, President Macron's office said Paris was ready. Friday Prayers \
                went ahead.\n\n\
                Washington said the State Department had not been told.\n\n\
                World War Two ended in 1945, Reuters said.";
    assert_eq!(people(text), ["Macron"]);
    let found = names(text);
    assert!(
        !found.iter().any(|(_, n)| n == "Foreign Ministry"),
        "{found:?}"
    );
}

#[test]
fn credits_are_not_entities_of_the_story() {
    let credits = vec!["(Reporting by Jane Doe in Manila; Editing by Tom Hogue)".to_owned()];
    let text = "“We are ready,” Jane Doe said.\n\nReporting by Jane Doe; editing by Tom Hogue";
    let found = find_in(
        text,
        Context {
            credits: &credits,
            byline: Some("Sam Byline"),
            ..Context::default()
        },
    );
    assert!(found.iter().all(|e| e.kind != Kind::Person), "{found:?}");
    // A credit line left in the body names nobody either.
    assert!(
        people("Additional reporting by Kim Soo-yeon in Seoul; Writing by Ed Davies").is_empty()
    );
}

#[test]
fn mentions_carry_paragraph_and_byte_range() {
    let b = body("First para.\n\nThe talks in Tokyo went on; Tokyo’s view.");
    let found = find(&b, Context::default(), &gazetteer());
    let tokyo = found.iter().find(|e| &*e.name == "Tokyo").unwrap();
    assert_eq!(
        tokyo.mentions,
        [Mention::new(1, 13, 18), Mention::new(1, 28, 33)]
    );
    assert!(tokyo.known);
    assert_eq!(&*tokyo.key, "tokyo");
}

#[test]
fn hostile_text_does_not_panic() {
    for text in [
        "",
        "(",
        "()",
        "A (B)",
        "Mr.",
        "said",
        "President",
        "Kim Jong-",
        "\u{1b}[31mKim\u{1b}[0m said",
        "İstanbul Governor Ali Yerlikaya said",
        "ﬁ ẞ Ǆ",
        "Group of (G7)",
    ] {
        let _ = names(text);
    }
}

#[test]
fn people_in_wire_copy_from_washington_and_cairo() {
    let washington = "WASHINGTON (AP) — President Joe Biden on Tuesday welcomed Indian Prime \
        Minister Narendra Modi to the White House, where the two leaders announced a deal for \
        General Electric to build jet engines in India.\n\n\
        “This is a defining partnership,” Biden said. Modi, speaking in Hindi, thanked the \
        American people.\n\n\
        Senate Majority Leader Chuck Schumer, D-N.Y., said the visit was historic. Sen. Bob \
        Menendez, chairman of the Senate Foreign Relations Committee, raised concerns.\n\n\
        German Foreign Minister Annalena Baerbock and EU foreign policy chief Josep Borrell \
        were also in Washington.\n\n\
        Kristalina Georgieva, the IMF managing director, told reporters in Geneva that the \
        outlook had improved. Georgieva added that risks remained.";
    let mut got = people(washington);
    got.sort();
    assert_eq!(
        got,
        [
            "Annalena Baerbock",
            "Bob Menendez",
            "Chuck Schumer",
            "Joe Biden",
            "Josep Borrell",
            "Kristalina Georgieva",
            "Narendra Modi",
        ]
    );
    assert_eq!(
        mentions(washington, "Narendra Modi"),
        ["Narendra Modi", "Modi"]
    );
    let found = names(washington);
    assert!(found.contains(&(
        Kind::Organisation,
        "Senate Foreign Relations Committee".to_owned()
    )));
    assert!(!found.iter().any(|(_, n)| n == "Electric"), "{found:?}");

    let cairo = "Egypt's Foreign Minister Sameh Shoukry spoke by phone with U.S. Secretary of \
        State Antony Blinken, the ministry said. Shoukry stressed the need for aid.\n\n\
        Israeli Prime Minister Benjamin Netanyahu told his cabinet the campaign would go on. \
        Netanyahu's office declined to comment.\n\n\
        WHO chief Tedros Adhanom Ghebreyesus called the situation “beyond words”.\n\n\
        Jordan's King Abdullah urged a ceasefire in talks with French President Emmanuel \
        Macron in Paris. Macron said France would send a hospital ship.\n\n\
        Wednesday Morning Briefing: What To Watch";
    let mut got = people(cairo);
    got.sort();
    assert_eq!(
        got,
        [
            "Abdullah",
            "Antony Blinken",
            "Benjamin Netanyahu",
            "Emmanuel Macron",
            "Sameh Shoukry",
            "Tedros Adhanom Ghebreyesus",
        ]
    );
    assert_eq!(
        mentions(cairo, "Sameh Shoukry"),
        ["Sameh Shoukry", "Shoukry"]
    );
}

#[test]
fn names_are_shared_strings_when_found_and_when_read_back() {
    use std::sync::Arc;
    let a = intern("Yoon Suk Yeol");
    let b = intern(&String::from("Yoon Suk Yeol"));
    assert!(Arc::ptr_eq(&a, &b), "one string for one name");
    assert!(!Arc::ptr_eq(&a, &intern("Kishida")));

    // Two articles' entities, found and then read back from their encoded form (as from the
    // analysis cache): the same name is one string each time.
    let text = "SEOUL (Reuters) - President Yoon Suk Yeol met Fumio Kishida in Seoul.";
    let first = find_in(text, Context::default());
    let second = find_in(text, Context::default());
    let yoon = |v: &[FoundEntity]| {
        v.iter()
            .find(|e| &*e.name == "Yoon Suk Yeol")
            .cloned()
            .unwrap()
    };
    assert!(Arc::ptr_eq(&yoon(&first).name, &yoon(&second).name));
    assert!(Arc::ptr_eq(&yoon(&first).key, &yoon(&second).key));
    let bytes = postcard::to_stdvec(&first).unwrap();
    let back: Vec<FoundEntity> = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back, first);
    assert!(Arc::ptr_eq(&yoon(&back).name, &yoon(&first).name));
}
