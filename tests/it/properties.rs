//! Property tests over the pipeline's stages: arbitrary Unicode mixed with news-like fragments
//! (actor names, quotes, verbs of saying, topic words) never panics any stage, every span lies on
//! char boundaries inside the text, and every claim's evidence is exactly the text at its span.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use standpoint::corpus::{self, BoilerplateMatcher, Document};
use standpoint::extract::Extractor;
use standpoint::{Config, text};

fn engine() -> &'static (Config, BoilerplateMatcher, Extractor) {
    static ENGINE: OnceLock<(Config, BoilerplateMatcher, Extractor)> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let config = Config::default_config();
        let matcher = BoilerplateMatcher::new(&config);
        let extractor = Extractor::new(&config);
        (config, matcher, extractor)
    })
}

/// Pieces of news prose that drive attribution and stance, and pieces that try to break them.
const FRAGMENTS: &[&str] = &[
    "Trump",
    "Zelensky",
    "Putin",
    "Mr. Macron",
    "President Trump",
    "Russian officials",
    "the Kremlin",
    "Ukraine",
    "Europe",
    "NATO",
    "he",
    "she",
    "they",
    "He",
    "She",
    "They",
    "Sir Keir",
    " said",
    " says",
    " told reporters",
    " insisted",
    " warned",
    " added",
    " according to",
    " supports",
    " backed",
    " rejected",
    " opposes",
    " refused to",
    " would not",
    " not",
    " never",
    " only if",
    " but only",
    " unless",
    " welcomed",
    " called for",
    " a ceasefire",
    " a truce",
    " U.S. troops",
    " security guarantees",
    " NATO membership",
    " sanctions",
    " peacekeepers",
    " the idea",
    " such a force",
    ". ",
    "? ",
    "! ",
    ".\n\n",
    "\n",
    "\n\n",
    ", ",
    "; ",
    ": ",
    " — ",
    " – ",
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "(",
    ")",
    " that ",
    " which ",
    " while ",
    " if ",
    " after ",
    "U.S.",
    "D.C.",
    "Gen.",
    "...",
    "…",
    "\u{200b}",
    "\u{feff}",
    "\u{202e}",
    "\u{2067}",
    "é\u{301}",
    "👩‍👩‍👧",
    "\r\n",
    "\t",
    "\u{a0}",
    "# ",
    "> ",
    "- ",
    "1. ",
    "**",
    "_",
    "`",
    "[x](y)",
    "<b>",
    "</p>",
    "&amp;",
    "---\n",
    "+++\n",
    "title: T\n",
    "By Jane Doe\n",
    "© 2025 The Outlet\n",
    "Share this article\n",
];

/// Text made of fragments and arbitrary Unicode runs.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn file_name() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(&["a.txt", "b.md", "c.markdown"][..])
}

fn parse(name: &str, body: String) -> Document {
    corpus::parse_document(name, body, &engine().1)
}

/// The invariants of one document, its sentences and its claims, as a failure message.
fn check(name: &str, body: &str) -> Result<usize, TestCaseError> {
    let doc = parse(name, body.to_string());
    prop_assert_eq!(&doc.text, body, "the text is kept exactly");
    for b in &doc.blocks {
        prop_assert!(b.span.start <= b.span.end && b.span.end <= body.len());
        prop_assert!(body.get(b.span.range()).is_some(), "block {:?}", b.span);
    }
    let segmented = text::segment(&doc);
    let mut last_end = 0;
    for (i, s) in segmented.sentences.iter().enumerate() {
        prop_assert_eq!(s.index, i);
        prop_assert!(!s.span.is_empty(), "empty sentence {:?}", s.span);
        prop_assert!(body.get(s.span.range()).is_some(), "sentence {:?}", s.span);
        prop_assert!(
            s.span.start >= last_end,
            "sentences overlap at {:?}",
            s.span
        );
        let block = doc.blocks.get(s.block).expect("the sentence's block");
        prop_assert!(
            block.span.contains(s.span),
            "{:?} outside {:?}",
            s.span,
            block.span
        );
        last_end = s.span.end;
    }
    let found = engine().2.extract(&doc, &segmented);
    let topics: Vec<&str> = engine().0.topics.iter().map(|t| t.id.as_str()).collect();
    for c in &found.claims {
        prop_assert!(
            body.get(c.span.range()).is_some(),
            "claim span {:?}",
            c.span
        );
        prop_assert_eq!(&body[c.span.range()], c.evidence.as_str());
        prop_assert!(!c.evidence.trim().is_empty());
        prop_assert_eq!(&c.article, &doc.id);
        let sentence = segmented.sentences.get(c.sentence);
        prop_assert!(
            sentence.is_some(),
            "claim sentence {} of {}",
            c.sentence,
            segmented.sentences.len()
        );
        prop_assert!(c.span.start >= sentence.unwrap().span.start);
        prop_assert!(topics.contains(&c.topic.as_str()), "topic {}", c.topic);
        prop_assert!((0.0..=1.0).contains(&c.confidence));
    }
    Ok(found.claims.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// The whole pipeline on news-like text mixed with arbitrary Unicode.
    #[test]
    fn pipeline_spans_are_valid_and_evidence_matches(name in file_name(), body in article_text()) {
        check(name, &body)?;
    }

    /// Any string at all, including control characters and lone combining marks.
    #[test]
    fn arbitrary_unicode_never_panics(name in file_name(), body in any::<String>()) {
        check(name, &body)?;
    }

    /// The segmenter alone on arbitrary spans of arbitrary text stays on char boundaries.
    #[test]
    fn split_sentences_stays_inside_its_span(body in article_text(), a in 0usize..400, b in 0usize..400) {
        let mut start = a.min(body.len());
        let mut end = b.min(body.len()).max(start);
        while !body.is_char_boundary(start) { start -= 1; }
        while !body.is_char_boundary(end) { end += 1; }
        let within = standpoint::Span::new(start, end);
        for s in text::split_sentences(&body, within) {
            prop_assert!(within.contains(s), "{:?} outside {:?}", s, within);
            prop_assert!(body.get(s.range()).is_some());
        }
    }
}

/// The strategy reaches attribution and stance: a good share of generated articles yield
/// claims, so the properties above are not only tested on the empty path.
///
/// About one generated article in seven carries a claim. The runner is seeded (the same
/// 1,000 articles on every run) so that the share cannot dip under the bar by chance; a
/// change to the strategy or the engine that starves the properties of claims still fails.
#[test]
fn generated_articles_often_carry_claims() {
    let mut runner = TestRunner::deterministic();
    let strategy = article_text();
    let (mut with_claims, mut total) = (0, 0);
    for _ in 0..1000 {
        let body = strategy.new_tree(&mut runner).expect("a value").current();
        total += 1;
        if check("a.txt", &body).expect("the properties hold") > 0 {
            with_claims += 1;
        }
    }
    assert!(
        with_claims * 10 >= total,
        "only {with_claims} of {total} generated articles had a claim"
    );
}
