//! Extractor tests on short samples written in the style of agency copy and pasted pages, plus
//! the five seed articles of the default corpus.

use super::*;

fn aliases() -> OutletAliases {
    let c = crate::config::Config::from_toml(
        crate::config::DEFAULT_TOML,
        std::path::Path::new("config.toml"),
        std::path::Path::new(""),
    )
    .unwrap();
    c.outlets
}

fn ex(text: &str) -> Extracted {
    extract(text, &aliases())
}

fn date(e: &Extracted) -> Option<String> {
    e.date.map(|d| d.to_string())
}

#[test]
fn reuters_wire_with_dateline_and_credits() {
    let e = ex("Thailand, Cambodia agree to ceasefire talks\n\n\
        BANGKOK, July 26 (Reuters) - Thailand and Cambodia agreed on Saturday to hold talks.\n\n\
        The two sides have clashed along the border since Thursday.\n\n\
        (Reporting by Panu Wongcha-um in Bangkok; Writing by Martin Petty; Editing by Kim Coghill)\n");
    assert_eq!(
        e.headline.as_deref(),
        Some("Thailand, Cambodia agree to ceasefire talks")
    );
    assert_eq!(e.outlet.as_deref(), Some("Reuters"));
    assert_eq!(e.dateline.as_deref(), Some("BANGKOK"));
    assert_eq!(e.byline.as_deref(), Some("Panu Wongcha-um"));
    assert_eq!(e.credits.len(), 1);
    assert_eq!(e.body.len(), 2);
    assert_eq!(
        date(&e),
        None,
        "a dateline day without any year is not a date"
    );
}

#[test]
fn ap_story_with_published_line_and_photo_caption() {
    let e = ex(
        "Kenya's president signs finance bill after weeks of protests\n\n\
        By Evelyne Musambi, The Associated Press\n\
        Published 5:02 AM EST, Thu March 16, 2023\n\n\
        Protesters march in Nairobi, Kenya, on March 2, 2023. (AP Photo/Brian Inganga)\n\n\
        NAIROBI, Kenya (AP) — Kenya's president on Thursday signed a contested finance bill.\n\n\
        The bill raises taxes on fuel.\n\n\
        Copyright 2023 The Associated Press. All rights reserved.\n",
    );
    assert_eq!(e.outlet.as_deref(), Some("AP"));
    assert_eq!(
        date(&e).as_deref(),
        Some("2023-03-16"),
        "the published line, not the caption's date"
    );
    assert_eq!(e.dateline.as_deref(), Some("NAIROBI"));
    assert_eq!(e.byline.as_deref(), Some("Evelyne Musambi"));
    assert_eq!(e.captions.len(), 1);
    assert_eq!(
        e.body,
        [
            "NAIROBI, Kenya (AP) — Kenya's president on Thursday signed a contested finance bill.",
            "The bill raises taxes on fuel."
        ]
    );
}

#[test]
fn yonhap_with_date_byline_line_and_end_tag() {
    let e = ex("From\nSend to\n\n\
        N. Korea fires ballistic missile into East Sea: JCS\n\n\
        2022-10-04 07:45 By Yonhap\n\n\
        Joint Chiefs of Staff (Yonhap)\n\
        SEOUL, Oct. 4 (Yonhap) -- North Korea fired a ballistic missile toward the East Sea on Tuesday, the military said.\n\n\
        The launch came days after the allies held drills. (END)\n");
    assert_eq!(
        e.headline.as_deref(),
        Some("N. Korea fires ballistic missile into East Sea: JCS")
    );
    assert_eq!(e.outlet.as_deref(), Some("Yonhap"));
    assert_eq!(date(&e).as_deref(), Some("2022-10-04"));
    assert_eq!(e.dateline.as_deref(), Some("SEOUL"));
    assert_eq!(e.captions, ["Joint Chiefs of Staff (Yonhap)"]);
    assert_eq!(e.body.len(), 2);
}

#[test]
fn bloomberg_standfirst_repeated_by_lead_and_copyright_year() {
    let e = ex(
        "Singapore Keeps Monetary Policy Unchanged as Inflation Cools\n\n\
        Singapore’s central bank kept its policy settings unchanged as price pressures ease across the region.\n\n\
        (Bloomberg) — Singapore’s central bank kept its policy settings unchanged as price pressures ease across the region.\n\n\
        The decision was expected by most economists.\n\n\
        —With assistance from Faris Mokhtar.\n\n\
        More stories like this are available on bloomberg.com\n\n\
        ©2024 Bloomberg L.P.",
    );
    assert_eq!(e.outlet.as_deref(), Some("Bloomberg"));
    assert_eq!(date(&e).as_deref(), Some("2024"));
    assert_eq!(e.body.len(), 2, "{:?}", e.body);
    assert!(e.body[0].starts_with("(Bloomberg) —"));
    assert_eq!(e.credits, ["—With assistance from Faris Mokhtar."]);
}

#[test]
fn syndicated_page_gives_publisher_and_outlet() {
    let e = ex("Business Standard\n\n\
        India, Japan hold talks on defence cooperation\n\n\
        Defence ministers met in Tokyo to expand cooperation\n\n\
        Indian Defence Minister arrives in Tokyo on Monday. (Photo: PTI)\n\n\
        Press Trust of India New Delhi\n\
        India and Japan held talks on defence cooperation on Tuesday, officials said.\n\
        The talks covered joint exercises.\n\n\
        (Only the headline and picture of this report may have been reworked by the Business Standard staff; the rest of the content is auto-generated from a syndicated feed.)\n\n\
        First Published: Aug 20 2024 | 11:45 PM IST\n\nExplore News");
    assert_eq!(e.publisher.as_deref(), Some("Business Standard"));
    assert_eq!(e.outlet.as_deref(), Some("PTI"));
    assert_eq!(e.dateline.as_deref(), Some("New Delhi"));
    assert_eq!(date(&e).as_deref(), Some("2024-08-20"));
    assert!(
        e.body
            .iter()
            .all(|p| !p.contains("syndicated") && !p.contains("Explore")),
        "{:?}",
        e.body
    );
}

#[test]
fn dateline_day_takes_year_from_a_caption_date() {
    let e = ex("WORLD\n\n\
        Ministers meet to revive stalled trade pact\n\n\
        GENEVA, SWITZERLAND, Jun 4: Trade ministers met on Tuesday to revive a stalled pact.\n\
        Ministers pose in Geneva, Switzerland June 4, 2024. Denis Balibouse/Pool via REUTERS\n\
        By Reuters\n\n\
        GENEVA, SWITZERLAND, Jun 4: Trade ministers met on Tuesday to revive a stalled pact.\n\n\
        Talks are expected to last two days.\n");
    assert_eq!(
        e.headline.as_deref(),
        Some("Ministers meet to revive stalled trade pact")
    );
    assert_eq!(date(&e).as_deref(), Some("2024-06-04"));
    assert_eq!(e.dateline.as_deref(), Some("GENEVA"));
    assert_eq!(e.outlet.as_deref(), Some("Reuters"));
    assert_eq!(
        e.body.len(),
        2,
        "the repeated lead is shown once: {:?}",
        e.body
    );
}

#[test]
fn related_blocks_and_teasers_are_removed() {
    let e = ex("Brazil and Argentina sign energy deal\n\n\
        BRASILIA (Reuters) - Brazil and Argentina signed an energy deal on Monday.\n\n\
        Related story\n\n\
        Argentina's peso slides as inflation bites ha...\n\n\
        The deal covers gas pipelines and power lines across the border region.\n\n\
        ‘NEW ERA’\n\n\
        Officials called it a new era.\n\n\
        Related Stories\nWORLD\n\nChile votes on new constitution in ref...\n\nWORLD\n\nPeru's congress ousts pres...");
    assert_eq!(
        e.body,
        [
            "BRASILIA (Reuters) - Brazil and Argentina signed an energy deal on Monday.",
            "The deal covers gas pipelines and power lines across the border region.",
            "‘NEW ERA’",
            "Officials called it a new era.",
        ]
    );
}

#[test]
fn newspaper_page_with_section_menu_caption_and_trailing_byline() {
    let e = ex("The Korea Herald\nHome\nNational\nPolitics\n\n\
        Seoul, Tokyo agree to restore shuttle diplomacy\n\n\
        By Shin Ji-hye\nPublished : March 16, 2023 - 21:31\nUpdated : March 16, 2023 - 22:10\n\n\
        The two leaders shake hands in Tokyo on Thursday. (Yonhap)\n\n\
        TOKYO -- The two leaders agreed Thursday to resume regular visits.\n\n\
        The leaders held talks at the prime minister's office.\n\n\
        By Shin Ji-hye (shinjh@example.com)\n");
    assert_eq!(
        e.headline.as_deref(),
        Some("Seoul, Tokyo agree to restore shuttle diplomacy")
    );
    assert_eq!(e.outlet.as_deref(), Some("The Korea Herald"));
    assert_eq!(e.publisher, None);
    assert_eq!(date(&e).as_deref(), Some("2023-03-16"));
    assert_eq!(e.dateline.as_deref(), Some("TOKYO"));
    assert_eq!(
        e.captions,
        ["The two leaders shake hands in Tokyo on Thursday. (Yonhap)"]
    );
    assert_eq!(e.body.len(), 2, "{:?}", e.body);
    assert!(
        e.byline
            .as_deref()
            .is_some_and(|b| b.starts_with("Shin Ji-hye") && !b.contains('@'))
    );
}

#[test]
fn agency_copy_on_a_broadcaster_page_with_ambiguous_numeric_dates() {
    let e = ex("Skip to main content\nFrance 24\nASIA-PACIFIC\n\n\
        Japan's leader heads to Seoul for shuttle diplomacy\n\n\
        Issued on: 07/05/2023 - 04:12\nModified: 07/05/2023 - 06:30\n\n\
        The two leaders shake hands in Tokyo on March 16, 2023. © Kiyoshi Ota, AFP\n\n\
        Seoul (AFP) – Japan's prime minister arrives in Seoul on Sunday for talks.\n\n\
        The trip is the first by a Japanese leader in 12 years.\n\n© 2023 AFP\n");
    assert_eq!(e.outlet.as_deref(), Some("AFP"));
    assert_eq!(e.publisher.as_deref(), Some("France 24"));
    assert_eq!(
        date(&e).as_deref(),
        Some("2023"),
        "07/05 could be May 7 or July 5: only the year is certain"
    );
    assert_eq!(e.dateline.as_deref(), Some("Seoul"));
    assert_eq!(e.captions.len(), 1);
    assert_eq!(e.body.len(), 2, "{:?}", e.body);
}

#[test]
fn dates_in_body_sentences_are_not_publication_dates() {
    let e = ex(
        "Leaders recall the 2015 accord\n\nThe leaders met on December 28, 2015 to sign the accord, officials said.\n",
    );
    assert_eq!(date(&e), None);
}

#[test]
fn undated_untitled_text_still_gives_a_body() {
    let e = ex(
        "SEOUL (Yonhap) -- The National Assembly passed the bill on Friday, lawmakers said, after weeks of debate over its scope.\n",
    );
    assert_eq!(e.headline, None);
    assert_eq!(e.outlet.as_deref(), Some("Yonhap"));
    assert_eq!(e.body.len(), 1);
}

#[test]
fn iso_and_european_date_lines() {
    assert_eq!(
        date(&ex(
            "Headline about the summit\n\n2019-11-23\n\nBody text here."
        ))
        .as_deref(),
        Some("2019-11-23")
    );
    assert_eq!(
        date(&ex(
            "Headline about the summit\n\n23 November 2019\n\nBody text here."
        ))
        .as_deref(),
        Some("2019-11-23")
    );
    assert_eq!(
        date(&ex("Headline about the summit\n\nUpdated: 2019-11-24 09:00\nFirst Published: Nov 23, 2019\n\nBody text.")).as_deref(),
        Some("2019-11-23"),
        "published beats updated"
    );
}

#[test]
fn site_domain_and_outlet_aliases() {
    let e = ex(
        "koreaherald.com\n\nSeoul to expand rail links with Tokyo\n\nThe government said on Monday it would expand rail links.\n",
    );
    assert_eq!(e.outlet.as_deref(), Some("The Korea Herald"));
    assert_eq!(
        e.publisher, None,
        "the site wrote it: no separate publisher"
    );
    let e =
        ex("Quake hits Taiwan\n\nBy Associated Press\n\nA strong quake hit Taiwan on Wednesday.\n");
    assert_eq!(e.outlet.as_deref(), Some("AP"));
}

#[test]
fn byline_cue_words_in_sentences_are_not_bylines() {
    let e = ex(
        "Japan lifts export curbs\n\nBy March, Japan had lifted the curbs on three chemicals.\n",
    );
    assert_eq!(e.byline, None);
    assert_eq!(e.body.len(), 1);
}

// ---- the default corpus ----

fn seed(name: &str) -> Extracted {
    let path = format!("{}/articles/{name}", env!("CARGO_MANIFEST_DIR"));
    ex(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn seed_000_reuters() {
    let e = seed("000_4bc575d7d62d3060.txt");
    assert_eq!(
        e.headline.as_deref(),
        Some("South Korea, Japan resume high-level economic talks amid improved ties")
    );
    assert_eq!(e.outlet.as_deref(), Some("Reuters"));
    assert_eq!(e.publisher, None);
    assert_eq!(e.date, None, "the text never states its date");
    assert_eq!(e.dateline.as_deref(), Some("SEOUL"));
    assert_eq!(e.byline.as_deref(), Some("Hyunsu Yim"));
    assert!(e.body.iter().all(|p| !p.contains("Reporting by")));
}

#[test]
fn seed_001_bloomberg() {
    let e = seed("001_439eda8d834cdb22.txt");
    assert_eq!(
        e.headline.as_deref(),
        Some("Japan, South Korea Seek to Mend Ties at Rare Summit in Seoul")
    );
    assert_eq!(e.outlet.as_deref(), Some("Bloomberg"));
    assert_eq!(date(&e).as_deref(), Some("2023"));
    assert_eq!(e.dateline, None);
    let lead = "The leaders of South Korea and Japan said they planned";
    assert_eq!(
        e.body.iter().filter(|p| p.contains(lead)).count(),
        1,
        "lead once: {:?}",
        e.body
    );
    assert!(e.body.iter().all(|p| !p.contains("bloomberg.com")
        && !p.contains("©")
        && !p.contains("With assistance")));
}

#[test]
fn seed_002_business_standard_ap() {
    let e = seed("002_ba23267ecd5eb433.txt");
    assert_eq!(
        e.headline.as_deref(),
        Some("Leaders of South Korea, Japan agree to work towards improving partnerships")
    );
    assert_eq!(e.outlet.as_deref(), Some("AP"));
    assert_eq!(e.publisher.as_deref(), Some("Business Standard"));
    assert_eq!(date(&e).as_deref(), Some("2022-09-22"));
    assert_eq!(e.dateline.as_deref(), Some("Seoul"));
    assert_eq!(e.captions.len(), 2);
    assert!(e.body.iter().all(|p| !p.contains("Telegram")
        && !p.contains("syndicated")
        && !p.contains("Explore News")
        && !p.contains("(Photo")));
    assert!(
        e.body[0].starts_with("The leaders of South Korea and Japan agreed to accelerate efforts")
    );
    assert!(
        e.body[0].contains("on the sidelines"),
        "the fuller lead stays, the standfirst goes"
    );
}

#[test]
fn seed_003_reuters_nagoya() {
    let e = seed("003_7b60cf7055b81dea.txt");
    assert_eq!(
        e.headline.as_deref(),
        Some("In bid to repair ties, Japan and South Korea agree to summit next month")
    );
    assert_eq!(e.outlet.as_deref(), Some("Reuters"));
    assert_eq!(date(&e).as_deref(), Some("2019-11-23"));
    assert_eq!(e.dateline.as_deref(), Some("NAGOYA"));
    assert_eq!(
        e.body
            .iter()
            .filter(|p| p.starts_with("NAGOYA, JAPAN, Nov 23:"))
            .count(),
        1
    );
    assert!(e.body.iter().all(|p| !p.contains("...")
        && p != "WORLD"
        && !p.starts_with("Related")
        && !p.contains("via REUTERS")));
    assert!(e.body.iter().any(|p| p == "‘BIG GAP’"), "the subhead stays");
}

#[test]
fn seed_004_yonhap() {
    let e = seed("004_9f615d73f770142d.txt");
    assert_eq!(
        e.headline.as_deref(),
        Some("S. Korea, Japan to have working-level talks amid protracted row over history, trade")
    );
    assert_eq!(e.outlet.as_deref(), Some("Yonhap"));
    assert_eq!(date(&e).as_deref(), Some("2021-03-31"));
    assert_eq!(e.dateline, None);
    assert_eq!(e.captions, ["Ministry of Foreign Affairs (Yonhap)"]);
    assert!(e.body[0].starts_with("South Korea and Japan will hold working-level"));
    assert!(e.body.iter().all(|p| p != "From" && p != "Send to"));
}

// ---- each signature and date format on its own ----

#[test]
fn each_outlet_signature_alone_names_the_outlet() {
    let story = "Officials met in the capital on Monday to discuss the border dispute between the neighbours.";
    let cases = [
        (
            format!("Border talks resume\n\nMANILA (Reuters) - {story}"),
            "Reuters",
        ),
        (
            format!("Border talks resume\n\nBy Reuters\n\n{story}"),
            "Reuters",
        ),
        (format!("Border talks resume\n\n{story} (Yonhap)"), "Yonhap"),
        (
            format!("Border talks resume\n\n(Bloomberg) — {story}"),
            "Bloomberg",
        ),
        (
            format!("Border talks resume\n\nAP Manila (Philippines)\n{story}"),
            "AP",
        ),
        (
            format!(
                "Border talks resume\n\nOfficials arrive in Manila. (AP Photo/Aaron Favila)\n\n{story}"
            ),
            "AP",
        ),
        (
            format!("Border talks resume\n\n{story}\n\n©2024 Bloomberg L.P."),
            "Bloomberg",
        ),
        (
            format!(
                "Border talks resume\n\n{story}\n\n(Reporting by Karen Lema; Editing by Kim Coghill)"
            ),
            "Reuters",
        ),
        (
            format!("The Japan Times\n\nBorder talks resume\n\n{story}"),
            "The Japan Times",
        ),
        (
            format!("Border talks resume\n\nBy Jim Gomez, Associated Press\n\n{story}"),
            "AP",
        ),
        (
            format!("Border talks resume\n\nMANILA, Philippines (The Associated Press) — {story}"),
            "AP",
        ),
        (
            format!("Border talks resume\n\nMANILA, Jan. 9 (Kyodo) -- {story}"),
            "Kyodo",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(ex(&text).outlet.as_deref(), Some(want), "{text}");
    }
    assert_eq!(
        ex(&format!("Border talks resume\n\n{story}")).outlet,
        None,
        "no signature, no outlet"
    );
}

#[test]
fn each_date_format_as_a_date_line() {
    let cases = [
        ("Nov 23, 2019", "2019-11-23"),
        ("November 23, 2019", "2019-11-23"),
        ("23 November 2019", "2019-11-23"),
        ("March 31, 2021 - 16:44", "2021-03-31"),
        ("First Published: Sep 22 2022 | 10:13 AM IST", "2022-09-22"),
        ("2019-11-23", "2019-11-23"),
        ("Published 5:02 AM EST, Thu March 16, 2023", "2023-03-16"),
        ("Posted : 2019.11.23 17:10", "2019-11-23"),
        ("Updated Nov. 24, 2019 9:00 p.m. ET", "2019-11-24"),
        ("Published: November 2019", "2019-11"),
        ("23/11/2019", "2019-11-23"),
    ];
    for (line, want) in cases {
        let text = format!(
            "Border talks resume\n\n{line}\n\nOfficials met in the capital on Monday to discuss the dispute."
        );
        assert_eq!(date(&ex(&text)).as_deref(), Some(want), "{line}");
        assert!(
            ex(&text).body.iter().all(|p| !p.contains(line)),
            "the date line is not body: {line}"
        );
    }
}

#[test]
fn dateline_day_with_copyright_year() {
    let e = ex(
        "Border talks resume\n\nMANILA, Jan 9 (Reuters) - Officials met on Monday.\n\n© 2024 Reuters",
    );
    assert_eq!(date(&e).as_deref(), Some("2024-01-09"));
}

#[test]
fn credit_reporters_after_non_ascii_text() {
    // `İ` lowercases to three bytes: offsets must come from the original text.
    assert_eq!(
        reporters("İİİ Reporting by Ece Toksabay; Editing by Jon Boyle").as_deref(),
        Some("Ece Toksabay")
    );
}
