//! "The ban is a mistake, Cole said." and "..., said Peter Cole.": a speaker named after what
//! was said, at the end of the sentence, holds the whole sentence before it, as "according to"
//! does.

use super::SentenceView;
use super::groups::Group;
use crate::extract::Extractor;
use crate::text::Span;

/// The most words that may follow the speaker and verb ("on Monday", "in a statement",
/// "told reporters in Paris"): more, and the verb opens a clause of its own.
const MAX_TAIL_WORDS: usize = 8;

/// True if group `gi` names the speaker of what comes before it, at the end of the sentence:
/// "..., X said" or "..., said X", followed by a few words that name no topic.
pub(super) fn names_speaker(
    ex: &Extractor,
    view: &SentenceView<'_>,
    groups: &[Group],
    gi: usize,
) -> bool {
    let (text, s, g) = (view.text, view.sentence.span, &groups[gi]);
    let verbs: Vec<Span> = view
        .verbs
        .find(&ex.cues.speech, text, s)
        .into_iter()
        .filter(|v| !text[v.range()].eq_ignore_ascii_case("according to"))
        .collect();
    // "..., Cole said ..." and "..., Cole has said": the verb right after the speaker.
    let after = verbs
        .iter()
        .find(|v| v.start >= g.span.end && auxiliary_at_most(&text[g.span.end..v.start]))
        .map(|v| (g.span.start, v.end));
    // "..., said Cole ...": the verb right before the speaker.
    let before = verbs
        .iter()
        .find(|v| v.end <= g.span.start && text[v.end..g.span.start].trim().is_empty())
        .map(|v| (v.start, g.span.end));
    let Some((opening, end)) = after.or(before) else {
        return false;
    };
    // "..., he said that if ..., Ukraine proposes ...": the sentence had its speaker already.
    let spoken_before = verbs.iter().any(|v| v.end <= opening);
    // "..., Cole told parliament": a verb of telling names its audience next.
    let audience = after.is_some() && ends_with_telling(&text[opening..end]);
    !spoken_before && fronted(text, s, opening) && short_tail(view, Span::new(end, s.end), audience)
}

/// True if `between` is empty or a perfect's auxiliary: "Cole has said".
fn auxiliary_at_most(between: &str) -> bool {
    matches!(between.trim(), "" | "has" | "have" | "had")
}

/// True if the speech verb at the end of `said` tells someone ("told", "tells").
fn ends_with_telling(said: &str) -> bool {
    let verb = said.rsplit(char::is_whitespace).next().unwrap_or("");
    ["told", "tells"]
        .iter()
        .any(|t| verb.eq_ignore_ascii_case(t))
}

/// True if a comma closes at least three words of the sentence right before `opening`.
fn fronted(text: &str, s: Span, opening: usize) -> bool {
    let said = text[s.start..opening].trim_end();
    said.ends_with(',') && said.split_whitespace().count() >= 3
}

/// Words that open the few words a sentence may end with after its speaker: when, where, to
/// whom ("on Monday", "in a statement", "to reporters", "last week").
const TAIL_OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "to",
    "from",
    "while",
    "when",
    "as",
    "last",
    "this",
    "yesterday",
    "today",
    "earlier",
    "later",
    "late",
    "early",
    "recently",
    "previously",
    "also",
    "again",
    "told",
    "tells",
    "wrote",
    "writes",
    "adding",
    "noting",
    "reporters",
    "journalists",
];

/// True if the rest of the sentence is empty, an apposition after a comma, or a few words of
/// time, place or audience that name no topic ("..., said Cole on Monday."); after a verb of
/// telling, any few words (its audience: "told parliament", "told the BBC").
fn short_tail(view: &SentenceView<'_>, tail: Span, audience: bool) -> bool {
    let rest = view.text[tail.range()].trim();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let Some(first) = words.first() else {
        return true;
    };
    let apposition = rest.starts_with([',', '(', '—', '–']);
    let opener = TAIL_OPENERS.contains(&first.to_lowercase().as_str());
    let punctuation = first.chars().all(|c| !c.is_alphanumeric());
    // A comma closes the speaker's clause: what follows it ("..., days after Lee suggested
    // it") may run long.
    (apposition || opener || punctuation || audience)
        && (apposition || words.len() <= MAX_TAIL_WORDS)
        && !words.iter().any(|w| w.eq_ignore_ascii_case("that"))
        && view.topics.first_end(tail).is_none()
}
