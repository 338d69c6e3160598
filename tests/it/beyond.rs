//! Beyond the grid, on small dated corpora written for the purpose: statement dates resolved
//! across month and year boundaries (and unknown when they cannot be), shifts found and shown (and
//! a restated stance not flagged), a wire copy in two outlets counted once, sources that disagree
//! side by side, confidence marked and hideable, text fragments, and the comparison's downloads.

use crate::support::*;
use axum::http::{StatusCode, header};
use serde_json::Value;

/// Writes `files` into a fresh temporary folder.
fn corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn md(date: Option<&str>, outlet: Option<&str>, url: Option<&str>, body: &str) -> String {
    let mut front = String::from("---\ntitle: A report\n");
    if let Some(d) = date {
        front.push_str(&format!("date: {d}\n"));
    }
    if let Some(o) = outlet {
        front.push_str(&format!("outlet: {o}\n"));
    }
    if let Some(u) = url {
        front.push_str(&format!("url: {u}\n"));
    }
    format!("{front}---\n\n{body}\n")
}

/// Trump supports a ceasefire on Monday and opposes it on Tuesday (a shift); Zelensky supports
/// it both days (no shift).
fn shift_corpus() -> tempfile::TempDir {
    corpus(&[
        (
            "a-monday.md",
            &md(
                Some("2025-03-04"),
                Some("Example Times"),
                Some("https://example.org/2025/03/04/talks-ceasefire?src=feed#top"),
                "Trump said on Monday that he supports a cease-fire, for now.\n\n\
                 Zelensky said on Monday that he supports a ceasefire.",
            ),
        ),
        (
            "b-tuesday.md",
            &md(
                Some("2025-03-05"),
                Some("Other Post"),
                None,
                "Trump said on Tuesday that he opposes a ceasefire.\n\n\
                 Zelensky said on Tuesday that he supports a ceasefire.",
            ),
        ),
    ])
}

/// The claims of the API for one actor and topic.
async fn claims(app: &axum::Router, actor: &str, topic: &str) -> Vec<Value> {
    let res = get_ok(app, &format!("/api/v1/claims?actor={actor}&topic={topic}")).await;
    res.json()["claims"].as_array().cloned().unwrap_or_default()
}

async fn position(app: &axum::Router, actor: &str, topic: &str) -> Value {
    let res = get_ok(app, &format!("/api/v1/compare/{actor}/{topic}")).await;
    res.json()["positions"][0].clone()
}

#[tokio::test]
async fn relative_dates_resolve_across_a_year_and_a_month_boundary() {
    let dir = corpus(&[
        // 2025-01-02 is a Thursday: "Tuesday" is New Year's Eve, "last month" December 2024.
        (
            "new-year.md",
            &md(
                Some("2025-01-02"),
                Some("Example Times"),
                None,
                "Macron said on Tuesday that he supports a ceasefire.\n\n\
                 Starmer said last month that he supports security guarantees for Ukraine.\n\n\
                 Merz said yesterday that he supports a ceasefire.",
            ),
        ),
        // 2025-03-01 is a Saturday: "Thursday" is 27 February.
        (
            "march.md",
            &md(
                Some("2025-03-01"),
                Some("Example Times"),
                None,
                "Tusk said on Thursday that he supports a ceasefire.",
            ),
        ),
        // No date at all, and a year alone: relative dates stay unknown.
        (
            "undated.md",
            &md(
                None,
                None,
                None,
                "Meloni said on Tuesday that she supports a ceasefire.",
            ),
        ),
        (
            "year-only.txt",
            "Leaders weigh a truce\n\nOrban said on Tuesday that he supports a ceasefire.\n\n© 2025 The Year Gazette\n",
        ),
    ]);
    let app = router(dir.path());
    let when = |c: &Value| {
        (
            c["when"]["date"].as_str().map(str::to_string),
            c["when"]["precision"].as_str().map(str::to_string),
        )
    };
    let day = |d: &str| (Some(d.to_string()), Some("day".to_string()));
    let macron = claims(&app, "macron", "ceasefire").await;
    assert_eq!(macron.len(), 1, "{macron:?}");
    assert_eq!(when(&macron[0]), day("2024-12-31"));
    assert_eq!(macron[0]["when"]["anchor"], "Tuesday");
    let starmer = claims(&app, "starmer", "security-guarantees").await;
    assert_eq!(
        when(&starmer[0]),
        (Some("2024-12".into()), Some("month".into()))
    );
    assert_eq!(starmer[0]["when"]["start"], "2024-12-01");
    assert_eq!(starmer[0]["when"]["end"], "2024-12-31");
    let merz = claims(&app, "merz", "ceasefire").await;
    assert_eq!(when(&merz[0]), day("2025-01-01"));
    let tusk = claims(&app, "tusk", "ceasefire").await;
    assert_eq!(when(&tusk[0]), day("2025-02-27"));
    // Unknown stays unknown: no article date, or only a year.
    let meloni = claims(&app, "meloni", "ceasefire").await;
    assert_eq!(meloni.len(), 1);
    assert!(meloni[0]["when"].is_null(), "{:?}", meloni[0]);
    let orban = claims(&app, "orban", "ceasefire").await;
    assert_eq!(orban.len(), 1);
    assert!(orban[0]["when"].is_null(), "{:?}", orban[0]);
    let year = &orban[0]["published"];
    assert_eq!(
        (year["date"].as_str(), year["precision"].as_str()),
        (Some("2025"), Some("year")),
        "a year alone is a year, not 1 January"
    );

    // The page shows the resolved date next to the evidence.
    let page = get_ok(&app, "/compare/macron/ceasefire").await;
    let doc = page.doc();
    let when = select(&doc, ".evidence .when time");
    assert_eq!(when.len(), 1);
    assert_eq!(when[0].value().attr("datetime"), Some("2024-12-31"));
    assert!(text(&when[0]).contains("2024-12-31"));
}

#[tokio::test]
async fn articles_are_dated_from_datelines_and_published_lines() {
    let dir = corpus(&[
        (
            "dateline.txt",
            "Leaders weigh a truce\n\nWASHINGTON, March 3, 2025 — Trump said on Sunday that he supports a ceasefire.\n",
        ),
        (
            "wire.txt",
            // The statement is in a paragraph of its own: behind a spaced hyphen ("(Reuters) - Putin
            // said"), the extraction does not find Putin yet (it does behind an em dash).
            "Kremlin weighs a truce\n\nMar 4 (Reuters) - The Kremlin weighed its answer.\n\nPutin said yesterday that he opposes a ceasefire.\n\n© 2025 Reuters\n",
        ),
        (
            "label.txt",
            "Published: 5 March 2025\n\nA truce is debated\n\nZelensky said today that he supports a ceasefire.\n",
        ),
    ]);
    let app = router(dir.path());
    let articles = get_ok(&app, "/api/v1/articles").await.json();
    let by_file = |f: &str| {
        articles["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["file"] == f)
            .cloned()
            .unwrap()
    };
    let dateline = by_file("dateline.txt");
    assert_eq!(dateline["date"], "2025-03-03");
    assert_eq!(dateline["published"]["source"], "dateline");
    let wire = by_file("wire.txt");
    assert_eq!(wire["date"], "2025-03-04", "the year comes from the © line");
    assert_eq!(wire["wire"], "Reuters");
    assert_eq!(by_file("label.txt")["published"]["date"], "2025-03-05");

    // Statement dates follow: the dateline itself is not the statement's date.
    let trump = claims(&app, "trump", "ceasefire").await;
    assert_eq!(trump[0]["when"]["date"], "2025-03-02");
    let putin = claims(&app, "putin", "ceasefire").await;
    assert_eq!(putin[0]["when"]["date"], "2025-03-03");
    let zelensky = claims(&app, "zelensky", "ceasefire").await;
    assert_eq!(zelensky[0]["when"]["date"], "2025-03-05");
}

#[tokio::test]
async fn a_shift_is_found_and_shown_and_a_restated_stance_is_not() {
    let dir = shift_corpus();
    let app = router(dir.path());

    // The API: Trump's shift from support (Monday) to opposition (Tuesday); none for Zelensky.
    let trump = position(&app, "trump", "ceasefire").await;
    let shifts = trump["shifts"].as_array().unwrap();
    assert_eq!(shifts.len(), 1, "{trump:#}");
    assert_eq!(shifts[0]["from"]["stance"], "support");
    assert_eq!(shifts[0]["from"]["when"]["date"], "2025-03-03");
    assert_eq!(shifts[0]["from"]["outlet"], "Example Times");
    assert_eq!(shifts[0]["to"]["stance"], "oppose");
    assert_eq!(shifts[0]["to"]["when"]["date"], "2025-03-04");
    assert_eq!(shifts[0]["to"]["outlet"], "Other Post");
    let zelensky = position(&app, "zelensky", "ceasefire").await;
    assert_eq!(zelensky["stance"], "support");
    assert_eq!(
        zelensky["shifts"].as_array().unwrap().len(),
        0,
        "restated, not shifted"
    );

    // The grid: a marker with an accessible label on Trump's cell only.
    let home = get_ok(&app, "/").await;
    let doc = home.doc();
    let marks = select(&doc, "table.grid .shift-mark");
    assert_eq!(marks.len(), 1, "one shifted cell");
    let label = text(&marks[0]);
    assert!(
        label.contains("supports 2025-03-03") && label.contains("opposes 2025-03-04"),
        "{label}"
    );
    let cell = marks[0]
        .ancestors()
        .find_map(scraper::ElementRef::wrap)
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_default()
        .to_string();
    assert_eq!(cell, "/compare/trump/ceasefire");

    // The comparison and the actor page: the sentence, linking to both pieces of evidence.
    for page in ["/compare/trump+zelensky/ceasefire", "/actors/trump"] {
        let res = get_ok(&app, page).await;
        check_html(page, &res.body).unwrap();
        let doc = res.doc();
        let shifts = select(&doc, "p.shift");
        assert_eq!(shifts.len(), 1, "{page}");
        let sentence = text(&shifts[0]);
        assert!(
            sentence.contains(
                "Donald Trump on Ceasefire: supported it Monday (2025-03-03) in Example Times"
            ) && sentence.contains("then opposed it Tuesday (2025-03-04) in Other Post"),
            "{page}: {sentence}"
        );
        let links: Vec<&str> = select(&doc, "p.shift a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(links.len(), 2, "{page}");
        assert!(
            links
                .iter()
                .all(|l| l.starts_with("/articles/") && l.contains("#s-"))
        );
        assert_ne!(links[0], links[1]);
    }
    // The timeline lists the dated statements in date order.
    let actor = get_ok(&app, "/actors/trump").await;
    let doc = actor.doc();
    let dates: Vec<String> = select(&doc, "#topic-ceasefire ~ .timeline li time")
        .iter()
        .map(text)
        .collect();
    assert_eq!(dates, ["2025-03-03", "2025-03-04"]);
}

#[tokio::test]
async fn a_wire_copy_in_two_outlets_counts_once() {
    let wire = "Putin said on Wednesday that he opposes a ceasefire because any pause in the fighting would only let Ukraine rearm and regroup.";
    let dir = corpus(&[
        (
            "a-north.md",
            &md(Some("2025-03-06"), Some("Northern Gazette"), None, wire),
        ),
        (
            "b-south.md",
            &md(
                Some("2025-03-06"),
                Some("Southern Herald"),
                None,
                // The same wire text, lightly edited.
                "Putin said on Wednesday that he opposes a ceasefire because any pause in the fighting would only let Kyiv rearm and regroup.",
            ),
        ),
        (
            "c-east.md",
            &md(
                Some("2025-03-07"),
                Some("Eastern Ledger"),
                None,
                "Putin told reporters in Moscow that he opposes a truce.",
            ),
        ),
        (
            "d-nowhere.md",
            &md(
                Some("2025-03-07"),
                None,
                None,
                "Putin said again that he opposes a ceasefire.",
            ),
        ),
    ]);
    let app = router(dir.path());
    let p = position(&app, "putin", "ceasefire").await;
    let coverage = &p["coverage"];
    assert_eq!(coverage["articles"], 4, "{coverage:#}");
    assert_eq!(coverage["reports"], 3, "the copy counts once: {coverage:#}");
    assert_eq!(coverage["copies"], 1);
    assert_eq!(coverage["outlets"], 3, "three named outlets");
    assert_eq!(coverage["unknown_outlet"], true);
    assert_eq!(coverage["unnamed"], 1, "one article names no outlet");
    let copy = coverage["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| !s["copy_of"].is_null())
        .unwrap();
    assert_eq!(copy["outlet"], "Southern Herald");

    let page = get_ok(&app, "/compare/putin/ceasefire").await;
    let doc = page.doc();
    let line = text(&select(&doc, "table.summary .coverage")[0]);
    assert_eq!(
        line,
        "3 independent reports from 3 outlets; source not given for 1 article (1 copy of the same text counted once)"
    );
    let sources: Vec<String> = select(&doc, "table.summary .sources li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(sources.len(), 4);
    assert!(
        sources
            .iter()
            .any(|s| s.starts_with("Southern Herald") && s.contains("counted once"))
    );
    // The article without an outlet is listed by its title; "source not given" is said once.
    assert!(sources.iter().any(|s| s == "A report"), "{sources:?}");
    assert!(!page.body.contains("unknown outlet"));

    // Two different sentences are not copies, however alike their stance.
    let dir = corpus(&[
        ("a.md", &md(Some("2025-03-06"), Some("One"), None, wire)),
        (
            "b.md",
            &md(
                Some("2025-03-06"),
                Some("Two"),
                None,
                "Putin told a news conference on Wednesday that he opposes a ceasefire, which he called a trap for Russia.",
            ),
        ),
    ]);
    let p = position(&router(dir.path()), "putin", "ceasefire").await;
    assert_eq!(p["coverage"]["reports"], 2, "{:#}", p["coverage"]);
}

/// Merz supports a ceasefire in one outlet and opposes it in another the same week (sources
/// that disagree); Macron supports it one week and opposes it a month later (no disagreement).
fn disagreement_corpus() -> tempfile::TempDir {
    corpus(&[
        (
            "a.md",
            &md(
                Some("2025-03-06"),
                Some("Example Times"),
                None,
                "Merz said he supports a ceasefire.",
            ),
        ),
        (
            "b.md",
            &md(
                Some("2025-03-07"),
                Some("Other Post"),
                None,
                "Merz said he opposes a ceasefire.",
            ),
        ),
        // A month later: a different period, no disagreement with the first two.
        (
            "c.md",
            &md(
                Some("2025-04-10"),
                Some("Other Post"),
                None,
                "Macron said he opposes a ceasefire.",
            ),
        ),
        (
            "d.md",
            &md(
                Some("2025-03-06"),
                Some("Example Times"),
                None,
                "Macron said he supports a ceasefire.",
            ),
        ),
    ])
}

#[tokio::test]
async fn sources_that_disagree_are_shown_side_by_side_with_their_outlets() {
    let dir = disagreement_corpus();
    let app = router(dir.path());
    let merz = position(&app, "merz", "ceasefire").await;
    let d = merz["disagreements"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{merz:#}");
    assert_eq!(d[0]["week"], "2025-03-03");
    assert_eq!(d[0]["favour"][0]["outlet"], "Example Times");
    assert_eq!(d[0]["against"][0]["outlet"], "Other Post");
    let macron = position(&app, "macron", "ceasefire").await;
    assert_eq!(macron["disagreements"].as_array().unwrap().len(), 0);

    let page = get_ok(&app, "/compare/merz/ceasefire").await;
    let doc = page.doc();
    let sides = select(&doc, ".source-disagreement .side");
    assert_eq!(sides.len(), 2);
    assert!(
        text(&sides[0]).contains("Reported as support")
            && text(&sides[0]).contains("Example Times")
    );
    assert!(
        text(&sides[1]).contains("Reported as opposition")
            && text(&sides[1]).contains("Other Post")
    );
}

/// The grid's cells as the page shows them: (actor, stance badge, "sources disagree", shifted), in
/// grid order.
fn grid_cells(doc: &scraper::Html) -> Vec<(String, String, bool, bool)> {
    let mut out = Vec::new();
    for row in select(doc, "table.grid tbody tr") {
        let actor = select_in(&row, "th a")[0]
            .value()
            .attr("href")
            .unwrap()
            .trim_start_matches("/actors/")
            .to_string();
        for td in select_in(&row, "td") {
            let badge = select_in(&td, ".badge")[0]
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("stance-"))
                .unwrap()
                .to_string();
            let disagree = !select_in(&td, ".disagree").is_empty();
            let shifted = !select_in(&td, ".shift-mark").is_empty();
            out.push((actor.clone(), badge, disagree, shifted));
        }
    }
    out
}

#[tokio::test]
async fn sources_disagree_only_between_sources_of_one_week_on_the_pages_and_in_the_api() {
    for (dir, disagreeing, shifted) in [
        (disagreement_corpus(), &["merz"][..], &[][..]),
        (shift_corpus(), &[][..], &["trump"][..]),
    ] {
        let app = router(dir.path());
        let grid = get_ok(&app, "/api/v1/grid").await.json();
        let mut api = Vec::new();
        for row in grid["rows"].as_array().unwrap() {
            for p in row["positions"].as_array().unwrap() {
                let disagree = p["disagree"].as_bool().unwrap();
                assert_eq!(disagree, p["source_disagreements"] != 0, "{p:#}");
                api.push((
                    row["actor"].as_str().unwrap().to_string(),
                    p["stance"].as_str().unwrap().to_string(),
                    disagree,
                    p["shifts"] != 0,
                ));
            }
        }
        let home = get_ok(&app, "/").await;
        assert_eq!(grid_cells(&home.doc()), api, "the grid and the API agree");
        for (actor, stance, disagree, shift) in &api {
            if stance == "none" {
                continue;
            }
            assert_eq!(*disagree, disagreeing.contains(&actor.as_str()), "{actor}");
            assert_eq!(*shift, shifted.contains(&actor.as_str()), "{actor}");
            // Both sides confidently stated: mixed, whether sources disagree or the actor shifted.
            if *disagree || *shift {
                assert_eq!(stance, "mixed", "{actor}");
            }
        }
        // The comparison page says so only for the cells whose sources disagree.
        let mut actors: Vec<&str> = api.iter().map(|(a, ..)| a.as_str()).collect();
        actors.dedup();
        let page = get_ok(&app, &format!("/compare/{}/ceasefire", actors.join("+"))).await;
        let doc = page.doc();
        for column in select(&doc, ".column") {
            let actor = column.value().attr("data-actor").unwrap();
            assert_eq!(
                !select_in(&column, ".disagree-note").is_empty(),
                disagreeing.contains(&actor),
                "{actor}"
            );
        }
    }
    // Macron's support and opposition a month apart are his position's two sides, not a
    // disagreement: the cell is mixed without "sources disagree".
    let app = router(disagreement_corpus().path());
    let macron = position(&app, "macron", "ceasefire").await;
    assert_eq!(
        (macron["stance"].as_str(), macron["disagree"].as_bool()),
        (Some("mixed"), Some(false))
    );
}

#[tokio::test]
async fn claims_show_their_kind_and_confidence_and_low_confidence_can_be_hidden() {
    let (_config, index) = build_index(&seeds_dir());
    let low = index
        .claims
        .iter()
        .find(|c| c.confidence < 0.5)
        .expect("a low-confidence seed claim")
        .clone();
    let app = router(&seeds_dir());
    let path = format!("/compare/{}/{}", low.actor.id, low.topic);
    let all = get_ok(&app, &path).await;
    let doc = all.doc();
    let cards = select(&doc, ".column .evidence");
    assert!(!cards.is_empty());
    for card in &cards {
        let kind = select_in(card, ".kind");
        assert_eq!(kind.len(), 1);
        let explained = text(&kind[0]);
        assert!(
            [
                "own words",
                "reported by the journalist",
                "journalist’s description",
                "headline"
            ]
            .iter()
            .any(|k| explained.contains(k)),
            "{explained}"
        );
        assert!(text(&select_in(card, ".confidence")[0]).ends_with('%'));
    }
    let marked = select(&doc, ".column .evidence.low-confidence");
    assert!(!marked.is_empty());
    assert!(text(&select_in(&marked[0], ".confidence.low")[0]).starts_with("low confidence"));
    let toggle = select(&doc, ".confidence-toggle a")[0]
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(toggle, "?confidence=high");

    let high = get_ok(&app, &format!("{path}?confidence=high")).await;
    let hdoc = high.doc();
    assert!(select(&hdoc, ".evidence.low-confidence").is_empty());
    assert!(select(&hdoc, ".column .evidence").len() < cards.len());
    // The permalink keeps the choice, and a non-canonical address keeps it through the redirect.
    let permalink = select(&hdoc, "#permalink")[0]
        .value()
        .attr("value")
        .unwrap();
    assert!(
        permalink.ends_with(&format!("{path}?confidence=high")),
        "{permalink}"
    );
    let api = get_ok(&app, &format!("/api/v1{path}?confidence=high"))
        .await
        .json();
    assert!(
        api["positions"][0]["claims"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["low_confidence"] == false)
    );
    assert_eq!(api["permalink"], format!("{path}?confidence=high"));
    let bad = get(&app, &format!("{path}?confidence=sometimes")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("confidence=high"));
    for page in ["/", "/actors/trump", "/topics/ceasefire"] {
        let res = get_ok(&app, &format!("{page}?confidence=high")).await;
        assert!(
            select(&res.doc(), ".evidence.low-confidence").is_empty(),
            "{page}"
        );
    }
}

#[tokio::test]
async fn evidence_links_to_the_original_sentence_with_a_text_fragment() {
    let dir = shift_corpus();
    let app = router(dir.path());
    let want = "https://example.org/2025/03/04/talks-ceasefire?src=feed#:~:text=Trump%20said%20on%20Monday%20that,supports%20a%20cease%2Dfire%2C%20for%20now.";
    let page = get_ok(&app, "/compare/trump/ceasefire").await;
    let doc = page.doc();
    let links: Vec<&str> = select(&doc, ".column a.original")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, [want], "only the article with a URL has one");
    let json = claims(&app, "trump", "ceasefire").await;
    assert_eq!(json[0]["source_fragment"], want);
    assert!(json[1]["source_fragment"].is_null());
}

/// A minimal CSV reader: quoted fields with doubled quotes, CRLF rows.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn a_comparison_downloads_as_csv_json_and_a_share_card() {
    let dir = shift_corpus();
    let app = router(dir.path());
    let base = "/compare/trump+zelensky/ceasefire";
    let page = get_ok(&app, base).await;
    let doc = page.doc();
    let image = select(&doc, "meta[property='og:image']")[0]
        .value()
        .attr("content")
        .unwrap()
        .to_string();
    assert_eq!(image, format!("http://standpoint.test{base}/card.png"));
    let downloads: Vec<&str> = select(&doc, ".downloads a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        downloads,
        [
            format!("{base}/export.csv"),
            format!("{base}/export.json"),
            format!("{base}/card.svg")
        ]
    );

    let csv = get_ok(&app, &format!("{base}/export.csv")).await;
    assert!(csv.header(header::CONTENT_TYPE).starts_with("text/csv"));
    assert!(
        csv.header(header::CONTENT_DISPOSITION)
            .starts_with("attachment")
    );
    let rows = parse_csv(&csv.body);
    let head = &rows[0];
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().all(|r| r.len() == head.len()), "{rows:?}");
    let monday = rows
        .iter()
        .find(|r| r[col("actor")] == "trump" && r[col("statement_date")] == "2025-03-03")
        .expect("Trump's Monday claim");
    assert_eq!(
        monday[col("evidence")],
        "Trump said on Monday that he supports a cease-fire, for now."
    );
    assert_eq!(monday[col("stance")], "support");
    assert_eq!(monday[col("outlet")], "Example Times");
    assert!(monday[col("evidence_url")].starts_with("http://standpoint.test/articles/"));
    assert!(monday[col("source_fragment")].contains("#:~:text="));
    let (start, end): (usize, usize) = (
        monday[col("span_start")].parse().unwrap(),
        monday[col("span_end")].parse().unwrap(),
    );
    let file = std::fs::read_to_string(dir.path().join("a-monday.md")).unwrap();
    assert_eq!(&file[start..end], monday[col("evidence")]);

    let json = get_ok(&app, &format!("{base}/export.json")).await;
    assert!(
        json.header(header::CONTENT_DISPOSITION)
            .starts_with("attachment")
    );
    let json = json.json();
    let claim = &json["positions"][0]["claims"][0];
    assert_eq!(claim["span"]["end"].as_u64().unwrap() as usize, end);
    assert!(claim["href"].as_str().unwrap().contains("#s-"));
    assert_eq!(json["permalink"], base);

    let svg = get_ok(&app, &format!("{base}/card.svg")).await;
    assert!(
        svg.header(header::CONTENT_TYPE)
            .starts_with("image/svg+xml")
    );
    let card = scraper::Html::parse_fragment(&svg.body);
    let texts: Vec<String> = select(&card, "text").iter().map(text).collect();
    assert!(texts.contains(&"Ceasefire".to_string()), "{texts:?}");
    assert!(texts.contains(&"Donald Trump".to_string()));
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("mixed") && t.contains('⇄')),
        "{texts:?}"
    );
    assert!(texts.contains(&"supports".to_string()));

    // The downloads keep the confidence choice, redirect an alias or another case to the
    // canonical selection (the reader's order is kept), and say
    // what is valid when the file is unknown.
    let res = get(
        &app,
        "/compare/Trump+Zelenskyy/ceasefire/export.csv?confidence=high",
    )
    .await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.location(), format!("{base}/export.csv?confidence=high"));
    let res = get(&app, &format!("{base}/export.xlsx")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("export.csv") && res.body.contains("card.svg"));
    let res = get(&app, "/compare/nobody/ceasefire/export.csv").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn share_card_text_is_escaped() {
    let hostile = "<script>alert('x')</script> & \"quotes\"";
    let mut config = standpoint::Config::default_config();
    config.topics[2].name = hostile.to_string();
    let dir = shift_corpus();
    let corpus = standpoint::corpus::load_dir(dir.path(), &config).unwrap();
    let index = standpoint::Index::build(corpus, &config);
    let app = standpoint::web::app(standpoint::web::AppState::new(index, config));
    let svg = get_ok(&app, "/compare/trump/ceasefire/card.svg").await;
    assert!(!svg.body.contains("<script"), "{}", svg.body);
    let card = scraper::Html::parse_fragment(&svg.body);
    assert!(
        select(&card, "text")
            .iter()
            .any(|t| text(t).starts_with("<script>alert('x')")),
        "the name is text, escaped: {}",
        svg.body
    );
    let csv = get_ok(&app, "/compare/trump/ceasefire/export.csv").await;
    assert!(parse_csv(&csv.body).iter().all(|r| r.len() == 22));
}

#[test]
fn csv_guards_against_formulas() {
    use standpoint::web::export::csv_field;
    assert_eq!(csv_field("=1+1", true), "'=1+1");
    assert_eq!(csv_field("@SUM(A1)", true), "'@SUM(A1)");
    assert_eq!(csv_field("a \"b\", c", true), "\"a \"\"b\"\", c\"");
}

#[tokio::test]
async fn seeds_grid_shows_each_cells_sources_with_their_outlets() {
    let (_config, index) = build_index(&seeds_dir());
    let app = router(&seeds_dir());
    let home = get_ok(&app, "/").await;
    let doc = home.doc();
    let topics: Vec<String> = index.topics.iter().map(|t| t.id.clone()).collect();
    let rows = select(&doc, "table.grid tbody tr");
    assert!(rows.len() >= 3);
    let mut cells_with_sources = 0;
    for row in &rows {
        let actor = select_in(row, "th a")[0]
            .value()
            .attr("href")
            .unwrap()
            .trim_start_matches("/actors/")
            .to_string();
        for (td, topic) in select_in(row, "td").iter().zip(&topics) {
            let position = index.position(&actor, topic);
            let sources = select_in(td, ".sources li");
            let mut articles: Vec<&str> =
                position.claims.iter().map(|c| c.article.as_str()).collect();
            articles.sort_unstable();
            articles.dedup();
            assert_eq!(sources.len(), articles.len(), "{actor}/{topic}");
            for li in &sources {
                let href = select_in(li, "a")[0].value().attr("href").unwrap();
                let article = index
                    .article(href.trim_start_matches("/articles/"))
                    .unwrap();
                // An article without an outlet is listed by its title.
                let outlet = article.meta.outlet.as_deref().unwrap_or(article.title());
                assert!(
                    text(li).starts_with(outlet),
                    "{actor}/{topic}: {}",
                    text(li)
                );
            }
            if !sources.is_empty() {
                cells_with_sources += 1;
                assert!(!select_in(td, ".coverage").is_empty(), "{actor}/{topic}");
            }
        }
    }
    assert!(cells_with_sources >= 5);
    // Trump on U.S. troops rests on one New York Times article.
    let trump = rows
        .iter()
        .find(|r| select_in(r, "th a")[0].value().attr("href") == Some("/actors/trump"))
        .unwrap();
    let troops = &select_in(trump, "td")[topics.iter().position(|t| t == "us-troops").unwrap()];
    let outlets: Vec<String> = select_in(troops, ".sources li").iter().map(text).collect();
    assert_eq!(outlets.len(), 1);
    assert!(outlets[0].starts_with("The New York Times"), "{outlets:?}");
}

#[tokio::test]
async fn seeds_comparison_of_trump_zelensky_and_putin_reads_like_the_articles() {
    let app = router(&seeds_dir());
    let json = get_ok(
        &app,
        "/api/v1/compare/trump+zelensky+putin/us-troops+security-guarantees+ceasefire",
    )
    .await
    .json();
    let stance = |actor: &str, topic: &str| {
        json["positions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["actor"] == actor && p["topic"] == topic)
            .map(|p| p["stance"].as_str().unwrap().to_string())
            .unwrap()
    };
    // Trump rules out U.S. troops, backs guarantees in a supporting role, and no longer makes a
    // ceasefire a condition (five confident claims against it, one that likes the concept but
    // would talk while the fighting continues: opposition, not mixed); Zelensky seeks guarantees
    // and a ceasefire; Putin refuses one.
    assert_eq!(stance("trump", "us-troops"), "oppose");
    assert_eq!(stance("trump", "security-guarantees"), "conditional");
    assert_eq!(stance("trump", "ceasefire"), "oppose");
    assert_eq!(stance("zelensky", "security-guarantees"), "support");
    assert_eq!(stance("zelensky", "ceasefire"), "support");
    assert_eq!(stance("putin", "ceasefire"), "oppose");
    // The seeds carry no day-precise dates: nothing is dated, so nothing shifts.
    for p in json["positions"].as_array().unwrap() {
        assert!(p["shifts"].as_array().unwrap().is_empty());
        assert!(
            p["claims"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["when"].is_null())
        );
    }
}

/// The hrefs of the marks of the stance timeline in one section of a page.
fn chart_marks(doc: &scraper::Html, section: &str) -> Vec<(String, String, String)> {
    select(doc, &format!("{section} figure.stance-chart svg a"))
        .iter()
        .map(|a| {
            let circle = a.first_child().and_then(scraper::ElementRef::wrap);
            (
                a.value().attr("href").unwrap_or_default().to_string(),
                a.value().attr("aria-label").unwrap_or_default().to_string(),
                circle
                    .and_then(|c| c.value().attr("class"))
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_stance_timeline_draws_each_dated_claim_and_links_the_two_sides_of_a_shift() {
    let dir = shift_corpus();
    let app = router(dir.path());
    let trump = r#"section[aria-labelledby="topic-ceasefire"]"#;
    let trump_column = r#".column[data-actor="trump"]"#;
    for (page, section) in [
        ("/actors/trump", trump),
        ("/compare/trump+zelensky/ceasefire", trump_column),
    ] {
        let res = get_ok(&app, page).await;
        check_html(page, &res.body).unwrap();
        let doc = res.doc();
        let shift_links: Vec<String> = select(&doc, &format!("{section} p.shift a"))
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_string)
            .collect();
        assert_eq!(shift_links.len(), 2, "{page}");
        // One mark per dated claim, in date order, each a link to its evidence: the two
        // claims of the shift, support then opposition, the later one ringed.
        let marks = chart_marks(&doc, section);
        let hrefs: Vec<&String> = marks.iter().map(|m| &m.0).collect();
        assert_eq!(hrefs, [&shift_links[0], &shift_links[1]], "{page}");
        assert!(marks[0].2.contains("stance-support") && !marks[0].2.contains("shifted"));
        assert!(marks[1].2.contains("stance-oppose") && marks[1].2.contains("shifted"));
        // Support drawn above opposition, later to the right; the shift is a line between.
        let circles = select(&doc, &format!("{section} svg circle"));
        let at = |i: usize, attr: &str| -> f64 {
            circles[i].value().attr(attr).unwrap().parse().unwrap()
        };
        assert!(
            at(0, "cy") < at(1, "cy") && at(0, "cx") < at(1, "cx"),
            "{page}"
        );
        assert_eq!(select(&doc, &format!("{section} svg .shift-line")).len(), 1);
        // An accessible text: a name for the chart and for each mark.
        let title = text(&select(&doc, &format!("{section} svg > title"))[0]);
        assert_eq!(
            title, "Stance timeline: 2 dated statements, 1 shift",
            "{page}"
        );
        assert_eq!(marks[0].1, "supports, 2025-03-03, Example Times", "{page}");
        assert_eq!(
            marks[1].1, "opposes, 2025-03-04, Other Post, a shift",
            "{page}"
        );
        // The page carries no script for it.
        assert!(select(&doc, "svg script").is_empty());
    }
    // Zelensky said the same both days: two marks in one lane, no shift.
    let res = get_ok(&app, "/compare/trump+zelensky/ceasefire").await;
    let doc = res.doc();
    let zelensky = r#".column[data-actor="zelensky"]"#;
    let marks = chart_marks(&doc, zelensky);
    assert_eq!(marks.len(), 2);
    assert!(
        marks
            .iter()
            .all(|m| m.2.contains("stance-support") && !m.2.contains("shifted"))
    );
    assert!(select(&doc, &format!("{zelensky} svg .shift-line")).is_empty());
}

#[tokio::test]
async fn without_dated_claims_there_is_no_chart() {
    // Claims, but no article date to resolve "on Monday" against, and no dates in the text.
    let dir = corpus(&[(
        "undated.md",
        &md(
            None,
            Some("Example Times"),
            None,
            "Trump said on Monday that he supports a ceasefire.\n\n\
             Trump said he opposes a ceasefire.",
        ),
    )]);
    let app = router(dir.path());
    for page in ["/actors/trump", "/compare/trump/ceasefire"] {
        let res = get_ok(&app, page).await;
        let doc = res.doc();
        assert!(!select(&doc, ".evidence").is_empty(), "{page} has claims");
        assert!(select(&doc, "svg").is_empty(), "{page}: no empty chart");
        assert!(
            select(&doc, ".stance-chart, .timeline").is_empty(),
            "{page}"
        );
    }
}
