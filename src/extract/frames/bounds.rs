//! Bounded ranges: parts of a sentence that neither give nor take the main clause's positions.
//! Background clauses ("While Trump has suggested ...") and relative clauses ("..., which ...")
//! get frames of their own; conditions and questions ("if a ceasefire is reached") hold no
//! positions at all.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::Extractor;
use crate::extract::actors::Mention;
use crate::extract::lexicon;
use crate::extract::words::Words;
use crate::text::Span;

/// What kind of clause a bounded range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BoundKind {
    Background,
    /// A relative clause: its holder is the mention right before it.
    Relative,
}

/// Relative clauses: ", who", "— which", ", whom".
static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"(?:,|—|–)\s*(who|whom|which)\b").expect("valid"));

/// Clause-internal ranges that are bounded: background clauses introduced by a subordinator at a
/// clause start, and relative clauses after a mention.
pub(super) fn bounded_clauses(
    ex: &Extractor,
    text: &str,
    words: &Words,
    speech: &[Span],
    mentions: &[Mention],
) -> Vec<(Span, BoundKind)> {
    let s = words.span;
    let mut out = Vec::new();
    for w in ex.cues.subordinators.find_words(text, words) {
        if speech.iter().any(|q| q.contains(w)) || !clause_initial(text, s.start, w.start) {
            continue;
        }
        out.push((
            Span::new(w.start, clause_end(text, w.end, s.end, speech)),
            BoundKind::Background,
        ));
    }
    out.extend(relative_clauses(text, s, speech, mentions));
    out.sort_by_key(|(sp, _)| sp.start);
    out
}

/// Relative clauses: relative when right after a mention, background otherwise (and for "whom").
fn relative_clauses(
    text: &str,
    s: Span,
    speech: &[Span],
    mentions: &[Mention],
) -> Vec<(Span, BoundKind)> {
    let mut out = Vec::new();
    // Each relative pronoun holds "wh": most sentences have none, and no search.
    let bytes = text[s.range()].as_bytes();
    if !memchr::memchr_iter(b'w', bytes).any(|i| bytes.get(i + 1) == Some(&b'h')) {
        return out;
    }
    for c in RELATIVE.captures_iter(&text[s.range()]) {
        let (Some(all), Some(word)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let start = s.start + word.start();
        let comma = s.start + all.start();
        let after_mention = mentions.iter().any(|m| {
            m.span.end <= comma
                && text[m.span.end..comma]
                    .trim_start_matches(['’', '\'', 's'])
                    .trim()
                    .is_empty()
        });
        let kind = if word.as_str() == "whom" || !after_mention {
            BoundKind::Background
        } else {
            BoundKind::Relative
        };
        out.push((
            Span::new(start, clause_end(text, start + word.len(), s.end, speech)),
            kind,
        ));
    }
    out
}

/// Conditions and questions: "if ...", "whether ...", "Asked about ...," up to the clause end.
pub(super) fn hypothetical_ranges(
    ex: &Extractor,
    text: &str,
    words: &Words,
    speech: &[Span],
) -> Vec<Span> {
    let s = words.span;
    ex.cues
        .hypothetical
        .find_words(text, words)
        .into_iter()
        .filter(|w| !speech.iter().any(|q| q.contains(*w)))
        .map(|w| Span::new(w.start, clause_end(text, w.end, s.end, speech)))
        .collect()
}

/// True if position `at` starts a clause: sentence start or after , ; — ( or a conjunction.
fn clause_initial(text: &str, sentence_start: usize, at: usize) -> bool {
    let before = text[sentence_start..at].trim_end();
    if before.is_empty() {
        return true;
    }
    // After a closing quote: `said the "ball is in their court" after Kyiv agreed`.
    let single_closed = [",’", ".’", "?’", ",'", ".'", "?'"]
        .iter()
        .any(|q| before.ends_with(q));
    if single_closed || before.ends_with([',', ';', '—', '–', '(', ':', '”', '"']) {
        return true;
    }
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    matches!(
        last,
        "and" | "but" | "But" | "And" | "Yet" | "yet" | "that" | "even"
    ) && before.len() > last.len()
        || matches!(last, "But" | "And" | "Yet") && before.len() == last.len()
}

/// The end of the clause that starts at `from`: the next , ; — or the sentence end, skipping
/// commas inside speech quotes.
pub(super) fn clause_end(text: &str, from: usize, end: usize, speech: &[Span]) -> usize {
    for (i, c) in text[from..end].char_indices() {
        let pos = from + i;
        if matches!(c, ',' | ';' | '—' | '–')
            && !speech.iter().any(|q| q.start <= pos && pos < q.end)
        {
            return pos;
        }
    }
    end
}
