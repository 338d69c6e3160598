//! Reading one article with the default configuration, for the rule-engine tests.

use standpoint::corpus::{self, BoilerplateMatcher};
use standpoint::extract::Extractor;
use standpoint::{Claim, Config, Stance, text};

/// The claims of one article read with `config`; every claim's evidence is the text at its span.
pub fn claims_with(config: &Config, article: &str) -> Vec<Claim> {
    let matcher = BoilerplateMatcher::new(config);
    let doc = corpus::parse_document("t.txt", article.to_string(), &matcher);
    let seg = text::segment(&doc);
    let found = Extractor::new(config).extract(&doc, &seg).claims;
    for c in &found {
        assert_eq!(&doc.text[c.span.range()], c.evidence);
    }
    found
}

/// A configuration of the user's own: the shipped limits and cue lexicons (and the tables after
/// them) around `topics_and_actors`, in place of the shipped topics and actors.
pub fn own_config(topics_and_actors: &str) -> Config {
    let default = standpoint::config::DEFAULT_CONFIG;
    let limits = default.split("[[topics]]").next().expect("limits");
    let cues = &default[default.find("\n[cues]").expect("cues table")..];
    Config::parse(&format!("{limits}\n{topics_and_actors}\n{cues}"), "test").expect("valid config")
}

/// The claims of one article read with the default configuration.
pub fn claims(article: &str) -> Vec<Claim> {
    claims_with(&Config::default_config(), article)
}

/// The stance of `actor` on `topic` among `found`.
pub fn stance_in(found: &[Claim], actor: &str, topic: &str) -> Option<Stance> {
    found
        .iter()
        .find(|c| c.actor.id == actor && c.topic == topic)
        .map(|c| c.stance)
}

/// The stance of `actor` on `topic` in `article`.
pub fn stance_of(article: &str, actor: &str, topic: &str) -> Option<Stance> {
    stance_in(&claims(article), actor, topic)
}

/// Asserts `actor` holds `stance` on `topic` in `article`.
#[track_caller]
pub fn expect(article: &str, actor: &str, topic: &str, stance: Stance) {
    let found = claims(article);
    assert_eq!(
        stance_in(&found, actor, topic),
        Some(stance),
        "{actor}/{topic} in {article:?}; got {:?}",
        found
            .iter()
            .map(|c| format!("{}/{}/{}", c.actor.id, c.topic, c.stance.as_str()))
            .collect::<Vec<_>>()
    );
}

/// Asserts `actor` takes no side on `topic` in `article`: no claim, or an unclear one.
#[track_caller]
pub fn expect_none(article: &str, actor: &str, topic: &str) {
    let got = stance_of(article, actor, topic);
    assert!(
        got.is_none() || got == Some(Stance::Unclear),
        "{actor}/{topic} should hold no position in {article:?}, got {got:?}"
    );
}
