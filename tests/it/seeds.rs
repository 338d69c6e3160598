//! The seeds, exported end to end: key claims with the spans that ground them.

use std::sync::LazyLock;

use standpoint::{Config, Index, Stance, corpus};

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let config = Config::default_config();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    Index::build(
        corpus::load_dir(&dir, &config).expect("seeds load"),
        &config,
    )
});

#[track_caller]
fn key_claim(file_prefix: &str, actor: &str, topic: &str, stances: &[Stance], phrase: &str) {
    let article = INDEX
        .articles
        .iter()
        .find(|a| a.file.starts_with(file_prefix))
        .expect("seed article");
    let claim = INDEX
        .claims_in(&article.id)
        .find(|c| c.actor.id == actor && c.topic == topic && c.evidence.contains(phrase))
        .unwrap_or_else(|| panic!("no {actor}/{topic} claim on {phrase:?} in {file_prefix}"));
    assert!(
        stances.contains(&claim.stance),
        "{actor}/{topic}: {:?}",
        claim.stance
    );
    assert_eq!(
        &article.text[claim.span.range()],
        claim.evidence,
        "span grounds the evidence"
    );
    let sentence = &article.sentences[claim.sentence];
    assert!(sentence.span.contains(claim.span) || claim.span.contains(sentence.span));
    assert!(!claim.cues.is_empty() || claim.stance == Stance::Support);
}

#[test]
fn a_dozen_key_claims() {
    use Stance::*;
    key_claim(
        "001",
        "trump",
        "us-troops",
        &[Oppose],
        "won’t send peacekeeping troops",
    );
    key_claim(
        "001",
        "trump",
        "us-troops",
        &[Oppose],
        "no U.S. troops would be placed",
    );
    key_claim(
        "001",
        "putin",
        "ceasefire",
        &[Oppose],
        "refused to accept a ceasefire",
    );
    key_claim(
        "001",
        "ukraine",
        "ceasefire",
        &[Support],
        "insistence on a ceasefire",
    );
    key_claim(
        "001",
        "russia",
        "security-guarantees",
        &[Oppose],
        "Russia has rejected the idea",
    );
    key_claim(
        "002",
        "russia",
        "security-guarantees",
        &[Oppose],
        "off the table",
    );
    key_claim(
        "002",
        "leavitt",
        "us-troops",
        &[Oppose],
        "U.S. boots will not be on the ground",
    );
    key_claim(
        "002",
        "white-house",
        "us-troops",
        &[Oppose],
        "rejected the prospect of U.S. boots",
    );
    key_claim(
        "002",
        "zelensky",
        "security-guarantees",
        &[Support],
        "Security must be guaranteed",
    );
    key_claim(
        "003",
        "russia",
        "ceasefire",
        &[Oppose],
        "preference for a comprehensive peace deal over a temporary ceasefire",
    );
    key_claim(
        "004",
        "merz",
        "ceasefire",
        &[Support],
        "without a ceasefire",
    );
    key_claim(
        "004",
        "zelensky",
        "ceasefire",
        &[Support],
        "opposed by Zelenskiy",
    );
    key_claim(
        "000",
        "trump",
        "security-guarantees",
        &[Conditional],
        "but only, he said",
    );
    key_claim(
        "000",
        "russian-foreign-ministry",
        "security-guarantees",
        &[Oppose],
        "militarization",
    );
}

#[test]
fn every_claim_is_grounded_and_boilerplate_free() {
    assert!(INDEX.claims.len() > 40);
    for claim in &INDEX.claims {
        let article = INDEX.article(&claim.article).unwrap();
        assert_eq!(&article.text[claim.span.range()], claim.evidence);
        let sentence = &article.sentences[claim.sentence];
        assert!(
            sentence.role.is_content(),
            "claim from {:?}: {}",
            sentence.role,
            claim.evidence
        );
        assert!((0.0..=1.0).contains(&claim.confidence));
    }
}

#[test]
fn seeds_are_the_shared_seeds_byte_for_byte() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = here.join("../shared/seeds");
    if let Ok(entries) = std::fs::read_dir(&shared) {
        for e in entries.flatten() {
            let ours = std::fs::read(here.join("seeds").join(e.file_name())).expect("seed copied");
            assert_eq!(
                ours,
                std::fs::read(e.path()).unwrap(),
                "{:?}",
                e.file_name()
            );
        }
    }
    assert_eq!(INDEX.articles.len(), 5);
}
