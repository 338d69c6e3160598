//! Articles as people have them: saved web pages (WordPress, JSON-LD, Open Graph only, AMP), a
//! JSON Lines export with a bad line, scraped text with page furniture around it and a Markdown
//! note, all in one
//! folder (`tests/formats/`, pages written for these tests in the shapes of real ones). Each gives
//! its title, outlet, date, author, URL and claims; outlets are known by every spelling; an
//! article without an outlet is "source not given", once per cell.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::support;
use standpoint::corpus::{self, BlockRole, Corpus};
use standpoint::{Config, Index};

fn formats_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/formats")
}

fn loaded() -> &'static (Corpus, Index) {
    static LOADED: OnceLock<(Corpus, Index)> = OnceLock::new();
    LOADED.get_or_init(|| {
        let config = Config::default_config();
        let corpus = corpus::load_dir(&formats_dir(), &config).expect("the folder loads");
        let index = Index::build(corpus.clone(), &config);
        (corpus, index)
    })
}

fn article(file: &str) -> &'static standpoint::index::Article {
    let (_, index) = loaded();
    index
        .articles
        .iter()
        .find(|a| a.file == file)
        .unwrap_or_else(|| panic!("{file} is not indexed"))
}

/// (file, title, outlet, date, author, url) of every article in the folder.
type Expected = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const METADATA: &[Expected] = &[
    (
        "wordpress.html",
        "Kyiv asks allies for guarantees before any truce",
        Some("The Kyiv Independent"),
        Some("2025-03-04"),
        Some("Olena Kovalenko"),
        Some("https://kyivindependent.com/kyiv-asks-allies-for-guarantees/"),
    ),
    (
        "jsonld.html",
        "Europe readies a reassurance force for Ukraine",
        Some("Reuters"),
        Some("2025-03-27"),
        Some("Marta Lindqvist, Paul Girard"),
        Some("https://www.reuters.com/world/europe/europe-readies-reassurance-force-2025-03-27/"),
    ),
    (
        "opengraph.html",
        "Kremlin dismisses European plan for monitors",
        Some("Politico"),
        Some("2025-11-24"),
        Some("Anna Weber"),
        Some("https://www.politico.eu/article/kremlin-dismisses-european-plan-for-monitors/"),
    ),
    (
        "amp.html",
        "White House backs a guarantee for Ukraine",
        Some("The Washington Post"),
        Some("2025-08-19"),
        Some("Daniel Brooks"),
        Some("https://www.washingtonpost.com/world/2025/08/19/white-house-guarantee-ukraine/"),
    ),
    (
        "feed.jsonl:1",
        "Putin accepts an energy truce but not a full ceasefire",
        Some("The New York Times"),
        Some("2025-03-18"),
        Some("Ruth Adler"),
        Some("https://www.nytimes.com/2025/03/18/world/europe/putin-energy-truce.html"),
    ),
    (
        // No outlet in the feed: the outlet of the URL's domain.
        "feed.jsonl:2",
        "Ukraine backs the energy pause",
        Some("Associated Press"),
        Some("2025-03-19"),
        Some("Tomas Varga"),
        Some("https://apnews.com/article/ukraine-energy-pause-0f3c"),
    ),
    (
        "feed.jsonl:4",
        "Kremlin says energy truce is holding",
        Some("The New York Times"),
        Some("2025-03-20"),
        Some("Ruth Adler, Ivan Petrov"),
        None,
    ),
    (
        "feed.jsonl:5",
        "Talks on the Black Sea begin",
        None,
        Some("2025-03-24"),
        None,
        None,
    ),
    (
        // Markdown front matter: the outlet as the config spells it.
        "note.md",
        "Starmer promises British troops for a reassurance force",
        Some("The New York Times"),
        Some("2025-03-02"),
        None,
        Some("https://www.nytimes.com/2025/03/02/world/europe/starmer-troops.html"),
    ),
    (
        // Language switcher and menu above, the masthead before the headline.
        "scraped-masthead.txt",
        "Zelensky rejects a frozen front line as the basis for talks",
        Some("The Washington Post"),
        Some("2025-08-19"),
        Some("Claire Dunmore"),
        None,
    ),
    (
        // "Authored by X via Y": the text is Y's; the site's name glued to the headline goes.
        "scraped-glued.txt",
        "Russia turns down a Christmas truce",
        Some("Antiwar.com"),
        None,
        Some("Mark Ellison"),
        None,
    ),
    (
        "scraped-glued2.txt",
        "Talks on prisoners resume in Istanbul",
        Some("The Kyiv Independent"),
        None,
        None,
        None,
    ),
];

#[test]
fn every_format_gives_its_title_outlet_date_author_and_url() {
    let (_, index) = loaded();
    assert_eq!(index.articles.len(), METADATA.len(), "every article loads");
    for &(file, title, outlet, date, author, url) in METADATA {
        let meta = &article(file).meta;
        assert_eq!(meta.title.as_deref(), Some(title), "{file}: title");
        assert_eq!(meta.outlet.as_deref(), outlet, "{file}: outlet");
        assert_eq!(meta.date.as_deref(), date, "{file}: date");
        assert_eq!(meta.author.as_deref(), author, "{file}: author");
        assert_eq!(meta.url.as_deref(), url, "{file}: url");
    }
}

/// (file, actor, topic, stance) of claims each article must give.
const CLAIMS: &[(&str, &str, &str, &str)] = &[
    (
        "wordpress.html",
        "zelensky",
        "security-guarantees",
        "support",
    ),
    ("wordpress.html", "peskov", "security-guarantees", "oppose"),
    ("jsonld.html", "macron", "security-guarantees", "support"),
    ("opengraph.html", "peskov", "ceasefire", "oppose"),
    ("amp.html", "trump", "security-guarantees", "support"),
    ("feed.jsonl:1", "putin", "ceasefire", "support"),
    ("feed.jsonl:2", "zelensky", "ceasefire", "support"),
    ("feed.jsonl:4", "putin", "ceasefire", "support"),
    ("feed.jsonl:5", "zelensky", "ceasefire", "support"),
    ("scraped-masthead.txt", "zelensky", "ceasefire", "oppose"),
    ("scraped-glued.txt", "peskov", "ceasefire", "oppose"),
    ("scraped-glued2.txt", "umerov", "ceasefire", "support"),
    ("note.md", "starmer", "security-guarantees", "support"),
];

#[test]
fn every_format_gives_its_claims_from_the_extracted_text() {
    let (_, index) = loaded();
    for &(file, actor, topic, stance) in CLAIMS {
        let a = article(file);
        let found = index
            .claims_in(&a.id)
            .any(|c| c.actor.id == actor && c.topic == topic && c.stance.as_str() == stance);
        assert!(found, "{file}: no {actor} {stance} {topic} claim");
    }
    for claim in &index.claims {
        let a = index.article(&claim.article).expect("claim's article");
        assert_eq!(
            a.text.get(claim.span.range()),
            Some(claim.evidence.as_str()),
            "{}: evidence is the text at its span",
            a.file
        );
        for furniture in [
            "<",
            "document.write",
            "ZeroHedge",
            "Share",
            "Tags:",
            "ua en ru",
        ] {
            assert!(
                !claim.evidence.contains(furniture),
                "{}: {furniture:?} in a claim: {}",
                a.file,
                claim.evidence
            );
        }
    }
}

#[test]
fn a_web_page_is_kept_as_its_article_text_without_markup_or_scripts() {
    let page = article("wordpress.html");
    assert_eq!(page.format, corpus::Format::Html);
    for absent in [
        "<",
        "dataLayer",
        "Recent Posts",
        "Leave a Reply",
        "Markets steady",
    ] {
        assert!(!page.text.contains(absent), "{absent:?} in the text");
    }
    assert!(
        page.text
            .starts_with("Kyiv asks allies for guarantees before any truce\n")
    );
    assert!(
        page.text
            .contains("Kremlin spokesman Dmitry Peskov said Russia rejects")
    );
}

#[test]
fn a_bad_feed_line_is_skipped_naming_the_file_and_line_and_the_others_load() {
    let (corpus, _) = loaded();
    assert_eq!(corpus.skipped.len(), 1, "{:?}", corpus.skipped);
    let skipped = &corpus.skipped[0];
    assert_eq!(skipped.file, "feed.jsonl:3");
    assert!(skipped.reason.contains("line 3"), "{}", skipped.reason);
    assert!(
        skipped.reason.contains("not valid JSON"),
        "{}",
        skipped.reason
    );
    // Ids are stable: from the URL when there is one, else from the line.
    let ids: Vec<&str> = ["feed.jsonl:1", "feed.jsonl:5"]
        .iter()
        .map(|f| article(f).id.as_str())
        .collect();
    assert!(ids[0].starts_with("putin-energy-truce-html-"), "{}", ids[0]);
    assert_eq!(ids[1], "feed-line-5");
}

#[test]
fn scraped_furniture_is_marked_and_kept_out_of_the_title() {
    let a = article("scraped-masthead.txt");
    let role_of = |line: &str| {
        a.blocks
            .iter()
            .find(|b| a.text[b.span.range()].trim() == line)
            .map(|b| b.role)
            .unwrap_or_else(|| panic!("no block {line:?}"))
    };
    assert_eq!(role_of("ua en ru"), BlockRole::Boilerplate);
    assert_eq!(
        role_of("Eastern Europe Europe Politics Politics World"),
        BlockRole::Boilerplate
    );
    assert_eq!(role_of("Washington Post"), BlockRole::Metadata);
    assert_eq!(
        role_of("Zelensky rejects a frozen front line as the basis for talks"),
        BlockRole::Headline
    );
    assert_eq!(
        role_of("Share Facebook Twitter Email"),
        BlockRole::Boilerplate
    );
    assert_eq!(
        role_of("Tags: Ukraine, Russia, Ceasefire"),
        BlockRole::Boilerplate
    );
    let glued = article("scraped-glued.txt");
    let headline = glued
        .blocks
        .iter()
        .find(|b| b.role == BlockRole::Headline)
        .expect("a headline");
    assert_eq!(
        &glued.text[headline.span.range()],
        "Russia turns down a Christmas truce"
    );
}

#[test]
fn spellings_of_one_outlet_count_once_and_a_missing_outlet_is_said_once() {
    let (_, index) = loaded();
    // Putin on the ceasefire: two New York Times articles, spelled two ways.
    let putin: Vec<_> = index.claims_for("putin", "ceasefire").collect();
    let coverage = index.coverage(&putin);
    assert_eq!(coverage.articles, 2);
    assert_eq!(coverage.outlets, 1);
    assert!(!coverage.unknown_outlet);
    // Zelensky on the ceasefire: one article names no outlet.
    let zelensky: Vec<_> = index.claims_for("zelensky", "ceasefire").collect();
    let coverage = index.coverage(&zelensky);
    assert_eq!(coverage.unnamed, 1);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = support::router(&formats_dir());
        let page = support::get_ok(&app, "/compare/zelensky/ceasefire").await;
        let doc = page.doc();
        let lines: Vec<String> = support::select(&doc, "p.coverage")
            .iter()
            .map(support::text)
            .collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("source not given for 1 article")),
            "{lines:?}"
        );
        assert!(!page.body.contains("unknown outlet"));
        let sources: Vec<String> = support::select(&doc, "ul.sources li")
            .iter()
            .map(support::text)
            .collect();
        assert!(
            sources.iter().any(|s| s == "Talks on the Black Sea begin"),
            "the article without an outlet is listed by its title: {sources:?}"
        );
        let article =
            support::get_ok(&app, &format!("/articles/{}", article("wordpress.html").id)).await;
        assert!(!article.body.contains("dataLayer"));
        assert!(
            article
                .body
                .contains("Zelensky said Ukraine needs security guarantees")
        );
    });
}
