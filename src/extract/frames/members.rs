//! Members listed for a side: "Supporters of the ban include Cole and Okoro", "critics of the
//! charge included two councillors". The actors listed hold the side the noun names, on the
//! topic it is "of"; they are agents of the topic, as in "the ban backed by Cole". Members listed
//! after a clause ("Several MPs voted against the bill, including Cole and Okoro") share the
//! position the clause took.

use super::SentenceView;
use super::groups::Group;
use super::passive::{Agent, group_at};
use crate::extract::pipeline::Article;
use crate::extract::resolve::Antecedents;
use crate::pattern::Needles;
use regex::Regex;
use std::sync::LazyLock;

/// Nouns for those on the topic's side.
const SUPPORTERS: &[&str] = &[
    "supporters",
    "backers",
    "proponents",
    "advocates",
    "champions",
    "defenders",
];

/// Nouns for those against it.
const OPPONENTS: &[&str] = &["critics", "opponents", "detractors"];

/// The verb that lists the members.
static INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
    crate::extract::lexicon::regex(r"(?i)\binclud(?:e|es|ed|ing)\s+").expect("valid")
});

/// The sentence's listed members, as agents of the topic their noun is "of".
pub(super) fn members(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    groups: &[Group],
    before: &Antecedents,
) -> Vec<Agent> {
    let (text, s) = (view.text, view.sentence.span);
    let sentence = &text[s.range()];
    static NCLUD: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["nclud"]));
    if !NCLUD.any_in(sentence) {
        return Vec::new();
    }
    INCLUDE
        .find_iter(sentence)
        .filter_map(|m| {
            let (topic, term) =
                (article.ex.topics).right_before(&view.topics, text, s.start + m.start())?;
            let same = side_of(&text[s.start..term.start])?;
            let g = group_at(article.ex, &article.table, view, groups, s.start + m.end())?;
            let holders = g.resolved(&article.table, before);
            Some(Agent {
                holders,
                label: format!(
                    "{} {}",
                    noun_before(&text[s.start..term.start])?,
                    m.as_str().trim()
                ),
                same,
                topic: Some(topic),
            })
        })
        .collect()
}

/// What opens a list of actors after a clause that took a position, who share it: "...,
/// including Cole and Okoro", "..., as did Cole".
const TRAILING: &[&str] = &[
    " including ",
    ", as did ",
    ", as do ",
    ", as does ",
    ", as have ",
    ", as has ",
    ", as had ",
    " and so did ",
];

/// A part of each of the `TRAILING` openers, for a sentence to be passed over in three searches
/// instead of eight.
const TRAILING_CORES: &[&str] = &[" including ", ", as ", " so did "];

/// The actors listed after a clause that took a position: "including Cole and Okoro" at the
/// end of "Several MPs voted against the bill", "as did Okoro" after "Cole backed the bill".
/// They share the clause's position, as agents that share it do. Not a possessive ("including
/// Cole's plan"): that lists a thing.
pub(super) fn trailing_members(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    groups: &[Group],
    before: &Antecedents,
) -> Vec<Agent> {
    let (text, s) = (view.text, view.sentence.span);
    // Searchers built once: `match_indices` prepares one per opener and sentence. Every
    // opener holds one of the three `TRAILING_CORES`: most sentences hold none.
    static CORES: LazyLock<Needles> = LazyLock::new(|| Needles::new(TRAILING_CORES));
    static OPENERS: LazyLock<Needles> = LazyLock::new(|| Needles::new(TRAILING));
    let sentence = &text[s.range()];
    if !CORES.any_in(sentence) {
        return Vec::new();
    }
    OPENERS
        .matches(sentence)
        .filter_map(|(at, m)| {
            let start = s.start + at + m.len();
            let g = group_at(article.ex, &article.table, view, groups, start)?;
            if g.mentions.iter().any(|x| x.possessive) {
                return None;
            }
            let holders = g.resolved(&article.table, before);
            (!holders.is_empty()).then(|| Agent {
                holders,
                label: m.trim_matches([',', ' ']).to_string(),
                same: true,
                topic: None,
            })
        })
        .collect()
}

/// The noun before "of" (and a determiner) at the end of `before`.
fn noun_before(before: &str) -> Option<String> {
    let mut words = before.split_whitespace().rev();
    let mut word = words.next()?.to_lowercase();
    if matches!(word.as_str(), "the" | "a" | "an" | "this") {
        word = words.next()?.to_lowercase();
    }
    (word == "of").then_some(())?;
    Some(words.next()?.to_lowercase())
}

/// Whether the noun before the topic names its supporters (`true`) or its opponents (`false`).
fn side_of(before: &str) -> Option<bool> {
    let noun = noun_before(before)?;
    if SUPPORTERS.contains(&noun.as_str()) {
        Some(true)
    } else if OPPONENTS.contains(&noun.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trailing_opener_holds_a_core() {
        for opener in TRAILING {
            assert!(
                TRAILING_CORES.iter().any(|c| opener.contains(c)),
                "{opener}"
            );
        }
    }

    #[test]
    fn the_noun_before_the_topic_names_the_side() {
        assert_eq!(side_of("Supporters of the "), Some(true));
        assert_eq!(side_of("Its critics of "), Some(false));
        assert_eq!(side_of("Details of the "), None);
        assert_eq!(side_of("Supporters say the "), None);
    }
}
