//! Passive agents: "a position staked out by Putin and opposed by Zelenskiy", and the holders of
//! a noun of support ("the ban has the backing of the unions"). The agent shares
//! the position named before it in the sentence ("backed by", "staked out by") or takes the
//! opposite side ("opposed by", "rejected by"); the claim stage gives it that stance. Where the
//! participle follows the topic itself ("the truce proposed by Zelensky"), the agent stands on
//! the topic whatever the rest of the sentence says of it: "Moscow rejected the truce proposed
//! by Kyiv" makes Kyiv a supporter.

use super::SentenceView;
use super::groups::Group;
use crate::extract::actors::ActorTable;
use crate::extract::pipeline::Article;
use crate::extract::resolve::Antecedents;
use crate::extract::words::Words;
use crate::extract::{Extractor, Stance};
use crate::pattern::Needles;
use crate::text::Span;
use std::sync::LazyLock;

/// The actors after a participle and "by", and how they stand to the position before them.
#[derive(Debug, Clone)]
pub(crate) struct Agent {
    pub(crate) holders: Vec<usize>,
    /// The participle and its preposition, as the claim's cue ("opposed by", "the backing of").
    pub(crate) label: String,
    /// Whether the agent shares the position (else it takes the opposite side).
    pub(super) same: bool,
    /// The topic whose term the participle follows: then the agent's stance is on that topic,
    /// whatever the sentence says of it.
    pub(crate) topic: Option<usize>,
}

impl Agent {
    /// The agent's stance, given the stance of the position named before it.
    pub(crate) fn stance(&self, position: Stance) -> Stance {
        if self.topic.is_some() {
            return if self.same {
                Stance::Support
            } else {
                Stance::Oppose
            };
        }
        if self.same {
            return position;
        }
        match position {
            Stance::Support | Stance::Conditional => Stance::Oppose,
            Stance::Oppose => Stance::Support,
            other => other,
        }
    }
}

/// The sentence's passive agents, sharing participles first.
pub(super) fn agents(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    groups: &[Group],
    before: &Antecedents,
) -> Vec<Agent> {
    let table = &article.table;
    participles(article.ex, view.text, &view.words)
        .into_iter()
        .filter_map(|(cue, same)| {
            let (after, preposition) = after_preposition(view, cue)?;
            let g = group_at(article.ex, table, view, groups, after)?;
            let holders = g.resolved(table, before);
            let topic = article
                .ex
                .topics
                .ending_at(&view.topics, view.text, cue.start);
            // A noun of position with its preposition ("support from X") stands on a topic of
            // its own, never on another claim's.
            let topic = if preposition.is_empty() {
                Some(topic.or_else(|| noun_topic(article.ex, view, g.span.end))?)
            } else {
                topic
            };
            Some(Agent {
                holders,
                label: format!("{} {preposition}", &view.text[cue.range()])
                    .trim_end()
                    .to_string(),
                same,
                topic,
            })
        })
        .collect()
}

/// The topic of a noun of position whose holder ends at `after`: the one named right after
/// the holder ("support from X for the ban", "opposition from X to the ban"), else the
/// sentence's only topic ("the ban passed despite opposition from X").
fn noun_topic(ex: &Extractor, view: &SentenceView<'_>, after: usize) -> Option<usize> {
    let (text, s) = (view.text, view.sentence.span);
    let rest = Span::new(after, s.end);
    let next = ex
        .topics
        .find(&view.topics, text, rest, &[])
        .into_iter()
        .next();
    let complement = next.filter(|hit| {
        let between = text[after..hit.span.start].trim_start();
        (between.starts_with("for ") || between.starts_with("to "))
            && between.split_whitespace().count() <= 4
    });
    match complement {
        Some(hit) => Some(hit.topic),
        None => ex.topics.only_topic(&view.topics),
    }
}

/// The participles of the sentence of `words`, each with whether it shares the position.
fn participles(ex: &Extractor, text: &str, words: &Words) -> Vec<(Span, bool)> {
    // Every agent follows "by", "of" or "from": some sentences have none to look for.
    let sentence = &text[words.span.range()];
    static BY_OR_OF: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["by ", " of ", " from "]));
    if !BY_OR_OF.any_in(sentence) {
        return Vec::new();
    }
    ex.cues
        .agent_same
        .find_words(text, words)
        .into_iter()
        .map(|p| (p, true))
        .chain(
            ex.cues
                .agent_opposite
                .find_words(text, words)
                .into_iter()
                .map(|p| (p, false)),
        )
        .collect()
}

/// Where the agent may start after the participle `p` and "by" (or a noun of support and
/// "of"), and the preposition; a cue that holds its preposition ("support from") has none after.
fn after_preposition(view: &SentenceView<'_>, p: Span) -> Option<(usize, &'static str)> {
    let (text, s) = (view.text, view.sentence.span);
    let rest = text[p.end..s.end].trim_start();
    if text[p.range()].ends_with(" from") {
        return Some((s.end - rest.len(), ""));
    }
    let (after, preposition) = ["by ", "of "]
        .into_iter()
        .find_map(|w| Some((rest.strip_prefix(w)?, w.trim_end())))?;
    Some((s.end - after.len(), preposition))
}

/// The group starting at `agent_start`, past determiners, titles, adjectives and a description
/// of at most two plain lower-case words ("by pressure group Action on Sugar").
pub(super) fn group_at<'g>(
    ex: &Extractor,
    table: &ActorTable<'_>,
    view: &SentenceView<'_>,
    groups: &'g [Group],
    agent_start: usize,
) -> Option<&'g Group> {
    let text = view.text;
    groups.iter().find(|g| {
        if g.span.start < agent_start {
            return false;
        }
        let mut described = 0;
        text[agent_start..g.span.start].split_whitespace().all(|w| {
            let known = matches!(w, "the" | "most" | "some" | "other")
                || ex.cues.title_words.is_word(w)
                || table
                    .iter()
                    .any(|a| a.adjectives.iter().any(|adj| adj == w));
            let plain = w.chars().all(|c| c.is_ascii_lowercase()) && !JOINERS.contains(&w);
            described += usize::from(!known && plain);
            known || (plain && described <= 2)
        })
    })
}

/// Words that join two phrases rather than describe the agent.
const JOINERS: &[&str] = &[
    "and", "or", "but", "of", "in", "on", "for", "to", "from", "with", "at", "as", "than", "that",
    "which", "who", "a", "an", "its", "their", "his", "her",
];
