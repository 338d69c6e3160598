//! Loading, metadata, boilerplate and segmentation on small files written for the purpose.

use std::fs;

use standpoint::corpus::{self, BlockRole, BoilerplateMatcher};
use standpoint::{Config, text};

fn doc(name: &str, body: &str) -> corpus::Document {
    let config = Config::default_config();
    corpus::parse_document(name, body.to_string(), &BoilerplateMatcher::new(&config))
}

fn sentences(body: &str) -> Vec<String> {
    let d = doc("t.txt", body);
    text::segment(&d)
        .sentences
        .iter()
        .map(|s| d.text[s.span.range()].to_string())
        .collect()
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    assert_eq!(
        sentences(
            "Mr. Trump met Vladimir V. Putin in Washington, D.C. on Friday. The U.S. and the U.K. agreed. Gen. Smith Jr. left."
        ),
        vec![
            "Mr. Trump met Vladimir V. Putin in Washington, D.C. on Friday.",
            "The U.S. and the U.K. agreed.",
            "Gen. Smith Jr. left.",
        ]
    );
}

#[test]
fn sentence_ends_inside_quotes_curly_straight_and_mixed() {
    assert_eq!(
        sentences(
            "\"U.S. boots will not be on the ground,” Leavitt said. “We can help.” Then she left."
        ),
        vec![
            "\"U.S. boots will not be on the ground,” Leavitt said.",
            "“We can help.”",
            "Then she left.",
        ]
    );
    // An em-dash is not a sentence end.
    assert_eq!(
        sentences("He agreed — but only, he said, on conditions.").len(),
        1
    );
}

#[test]
fn spans_point_into_the_original_file() {
    let body = "Headline without a stop\n\nFirst “quoted.” Second one.\n";
    let d = doc("t.txt", body);
    for s in text::segment(&d).sentences {
        assert!(body.is_char_boundary(s.span.start) && body.is_char_boundary(s.span.end));
        assert_eq!(&body[s.span.range()], body[s.span.range()].trim());
    }
    assert_eq!(d.blocks[0].role, BlockRole::Headline);
    assert_eq!(d.meta.title.as_deref(), Some("Headline without a stop"));
}

#[test]
fn plain_text_metadata() {
    let d = doc(
        "a.txt",
        "Some opening line of the article that is long enough to be a paragraph of body text here.\nThe post Big Title appeared first on Daily Planet.\n",
    );
    assert_eq!(d.meta.title.as_deref(), Some("Big Title"));
    assert_eq!(d.meta.outlet.as_deref(), Some("Daily Planet"));
    let d = doc(
        "b.txt",
        "Get all your news in one place.\nThe Daily Planet\nJane Reporter\nLeaders meet to discuss a truce in Geneva\n\nBody text follows here and it is long enough to be a real paragraph.\nThis article originally appeared in The Daily Planet.\n© 2025 The Daily Planet Company\n",
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Leaders meet to discuss a truce in Geneva")
    );
    assert_eq!(d.meta.outlet.as_deref(), Some("The Daily Planet"));
    assert_eq!(d.meta.author.as_deref(), Some("Jane Reporter"));
    assert_eq!(d.meta.date.as_deref(), Some("2025"));
    assert_eq!(d.blocks[0].role, BlockRole::Boilerplate);
}

#[test]
fn web_clutter_prefixes_are_split_off_and_dated() {
    let body = "date 2025-08-19 Trump said no U.S. troops would go.\nYou can now listen to this article\nMore text.\n";
    let d = doc("c.txt", body);
    assert_eq!(d.meta.date.as_deref(), Some("2025-08-19"));
    let body_blocks: Vec<&str> = d
        .blocks
        .iter()
        .filter(|b| b.role.is_content())
        .map(|b| &body[b.span.range()])
        .collect();
    assert!(body_blocks.contains(&"Trump said no U.S. troops would go."));
    assert!(!body_blocks.iter().any(|b| b.contains("listen")));
}

#[test]
fn boilerplate_is_marked_not_deleted() {
    let body = "Real reporting sentence that is long enough to count as body text for sure.\nLeave a Comment\nScroll to Top\nerror: Content is protected!!\n";
    let d = doc("d.txt", body);
    let roles: Vec<BlockRole> = d.blocks.iter().map(|b| b.role).collect();
    assert_eq!(
        roles,
        vec![
            BlockRole::Body,
            BlockRole::Boilerplate,
            BlockRole::Boilerplate,
            BlockRole::Boilerplate
        ]
    );
    assert_eq!(d.text, body);
}

#[test]
fn markdown_front_matter_toml_and_yaml() {
    let d = doc(
        "m.md",
        "+++\ntitle = \"Truce talk\"\noutlet = \"Wire\"\ndate = 2025-08-19\nurl = \"https://example.com/a\"\n+++\n\n# Truce talk\n\nTrump said a *ceasefire* was not needed.\n",
    );
    assert_eq!(d.meta.title.as_deref(), Some("Truce talk"));
    assert_eq!(d.meta.outlet.as_deref(), Some("Wire"));
    assert_eq!(d.meta.date.as_deref(), Some("2025-08-19"));
    assert_eq!(d.meta.url.as_deref(), Some("https://example.com/a"));
    assert!(
        d.blocks.iter().all(|b| b.span.start > 60),
        "front matter is not a paragraph"
    );
    let d = doc(
        "y.md",
        "---\ntitle: Yaml title\nauthor: \"A. Writer\"\n---\nBody paragraph.\n",
    );
    assert_eq!(d.meta.title.as_deref(), Some("Yaml title"));
    assert_eq!(d.meta.author.as_deref(), Some("A. Writer"));
}

#[test]
fn bad_files_are_skipped_with_a_reason_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), "Trump said no U.S. troops would go.\n").unwrap();
    fs::write(p.join("empty.txt"), "").unwrap();
    fs::write(p.join("latin1.txt"), b"caf\xe9 au lait\n").unwrap();
    fs::write(p.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    fs::write(p.join("utf16.txt"), b"\xff\xfeh\0i\0").unwrap();
    fs::write(p.join("big.md"), "x".repeat(2000)).unwrap();
    fs::write(p.join("notes.pdf"), "ignored").unwrap();
    let mut config = Config::default_config();
    config.limits.max_file_bytes = 1000;
    let loaded = corpus::load_dir(p, &config).unwrap();
    assert_eq!(loaded.documents.len(), 1);
    assert_eq!(loaded.documents[0].id, "good");
    let reasons: Vec<(&str, &str)> = loaded
        .skipped
        .iter()
        .map(|s| (s.file.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 5, "{reasons:?}");
    let reason = |f: &str| reasons.iter().find(|(n, _)| *n == f).unwrap().1;
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("latin1.txt").contains("UTF-8"));
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("utf16.txt").contains("UTF-16"));
    assert!(reason("big.md").contains("limit"));
}

#[test]
fn missing_corpus_folder_is_an_error() {
    let err = corpus::load_dir(
        std::path::Path::new("/nonexistent/corpus"),
        &Config::default_config(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("does not exist"));
}

#[test]
fn article_ids_are_stable_and_url_safe() {
    assert_eq!(
        corpus::article_id("000_83a8894dfe4c3e2e.txt"),
        "000-83a8894dfe4c3e2e"
    );
    assert_eq!(corpus::article_id("My Article (2).md"), "my-article-2");
}

#[test]
fn a_reporters_bio_is_boilerplate_but_a_publication_reporting_is_body() {
    let body = "Leaders met in Geneva on Monday to discuss a truce in the east of the country.\n\
                Jane Reporter covers European politics for The Daily Planet.\n\
                Jane Reporter reports from Brussels.\n\
                The Australian reports a meeting on Tuesday saw ten senators back the bill.\n\
                Jane Reporter reports that ten senators backed the bill on Tuesday night.\n";
    let d = doc("bio.txt", body);
    let roles: Vec<BlockRole> = d.blocks.iter().map(|b| b.role).collect();
    assert_eq!(
        roles,
        vec![
            BlockRole::Body,
            BlockRole::Boilerplate,
            BlockRole::Boilerplate,
            BlockRole::Body,
            BlockRole::Body
        ]
    );
}
