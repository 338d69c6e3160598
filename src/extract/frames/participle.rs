//! "Calling the decision disappointing, the SWA said it would appeal": a participle clause that
//! opens the sentence describes its subject, so the subject's frame holds it too.

use super::{Frame, FrameKind, SentenceView};
use crate::text::Span;

/// The most words between the clause's comma and the subject's name ("SWA chief executive");
/// the comma, counted as a word of its own, is added where it is used.
const MAX_DESCRIPTION_WORDS: usize = 4;

/// The most words the opening clause may have.
const MAX_CLAUSE_WORDS: usize = 25;

/// Words in -ing that open a sentence as prepositions ("Following the vote, ..."), or as the
/// setting of a statement rather than part of it ("Speaking to reporters, ...").
const NOT_DESCRIBING: &[&str] = &[
    "according",
    "barring",
    "concerning",
    "considering",
    "during",
    "excluding",
    "following",
    "including",
    "notwithstanding",
    "pending",
    "regarding",
    "speaking",
    "talking",
    "writing",
    "addressing",
    "appearing",
    "answering",
];

/// Verbs after a gerund subject.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "may",
    "might", "should", "must", "does", "did",
];

/// Gives the subject of the main clause the participle clause that opens the sentence: the
/// span is added to the first clause frame that starts right after its comma, or, if the
/// subject only opens a quote ("..., X commented: “...”"), to a clause frame of its own.
pub(super) fn attach(view: &SentenceView<'_>, frames: &mut Vec<Frame>) {
    let Some(clause) = opening_clause(view.text, view.sentence.span) else {
        return;
    };
    // "Beijing and Moscow, ...": a name, not a participle.
    if view
        .named
        .iter()
        .any(|(span, _)| span.start == clause.start)
    {
        return;
    }
    let near = |start: usize| {
        start >= clause.end
            && view.text[clause.end..start].split_whitespace().count() <= MAX_DESCRIPTION_WORDS + 1
    };
    if let Some(f) = (frames.iter_mut())
        .filter(|f| f.kind == FrameKind::Clause && near(f.start))
        .min_by_key(|f| f.start)
    {
        f.content.insert(0, clause);
        return;
    }
    let speaker = (view.named.iter())
        .filter(|(span, _)| near(span.start))
        .min_by_key(|(span, _)| span.start)
        .filter(|(_, actor)| {
            frames
                .iter()
                .any(|f| f.kind == FrameKind::Quote && f.holders.contains(actor))
        });
    if let Some((span, actor)) = speaker {
        frames.push(Frame {
            holders: vec![*actor],
            kind: FrameKind::Clause,
            start: span.start,
            content: vec![clause],
            indirect: false,
            resumed: false,
        });
    }
}

/// The participle clause that opens sentence `s`, up to (not including) its comma: a
/// capitalised word in -ing that is no preposition, then at least one more word.
fn opening_clause(text: &str, s: Span) -> Option<Span> {
    let sentence = &text[s.range()];
    let lead = sentence.len() - sentence.trim_start().len();
    let body = &sentence[lead..];
    let first = body.split(|c: char| !c.is_alphabetic()).next()?;
    let lower = first.to_ascii_lowercase();
    let participle = first.len() >= 5
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && first[1..].chars().all(|c| c.is_ascii_lowercase())
        && lower.ends_with("ing")
        && !NOT_DESCRIBING.contains(&lower.as_str());
    if !participle {
        return None;
    }
    // "Reading is fun, ...": a gerund subject, not a clause about the subject.
    let second = body.split_whitespace().nth(1).unwrap_or("");
    if AUXILIARIES.contains(&second.to_ascii_lowercase().as_str()) {
        return None;
    }
    let comma = body.find(',')?;
    let words = body[..comma].split_whitespace().count();
    if !(2..=MAX_CLAUSE_WORDS).contains(&words) || body[..comma].contains(['“', '"', '‘']) {
        return None;
    }
    let start = s.start + lead;
    Some(Span::new(start, start + comma))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(sentence: &str) -> Option<&str> {
        opening_clause(sentence, Span::new(0, sentence.len())).map(|c| &sentence[c.range()])
    }

    #[test]
    fn a_participle_clause_is_found_up_to_its_comma() {
        assert_eq!(
            clause("Welcoming the levy, Cole said it was overdue."),
            Some("Welcoming the levy")
        );
        assert_eq!(
            clause("  Branding the tax a disaster, the federation vowed to fight it."),
            Some("Branding the tax a disaster")
        );
    }

    #[test]
    fn prepositions_settings_and_names_in_ing_open_no_clause() {
        assert_eq!(
            clause("Following the vote, Cole said it was overdue."),
            None
        );
        assert_eq!(
            clause("Speaking to reporters, Cole said it was overdue."),
            None
        );
        assert_eq!(clause("Beijing, meanwhile, said nothing."), None);
        assert_eq!(clause("Reading is fun, Cole said."), None);
        assert_eq!(
            clause("Cole, welcoming the levy, said it was overdue."),
            None
        );
    }
}
