//! Stance: support, oppose, conditional, mixed or unclear, decided from the cue words of the
//! clause that names the topic, the scope of its negations, and the clause that follows it.

use std::sync::LazyLock;

use regex::Regex;

use super::Stance;
use super::lexicon::CueLexicon;
use crate::text::Span;

/// Whether a clause affirms or denies what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Polarity {
    Positive,
    Negative,
}

impl Polarity {
    fn flip(self) -> Polarity {
        match self {
            Polarity::Positive => Polarity::Negative,
            Polarity::Negative => Polarity::Positive,
        }
    }

    /// The polarity a decided stance implies, if any.
    pub(crate) fn of(stance: Stance) -> Option<Polarity> {
        match stance {
            Stance::Support | Stance::Conditional => Some(Polarity::Positive),
            Stance::Oppose => Some(Polarity::Negative),
            Stance::Mixed | Stance::Unclear => None,
        }
    }
}

/// What the stance of one topic mention depends on.
pub(crate) struct StanceInput<'a> {
    pub(crate) text: &'a str,
    /// The holder's content span that contains the mention.
    pub(crate) content: Span,
    /// The topic mention (an empty span when the topic is inherited).
    pub(crate) hit: Span,
    /// True when the holder said it (quote, reported speech): no cue needed for support.
    pub(crate) asserted: bool,
    /// Conditions and questions: negations inside them do not count.
    pub(crate) hypothetical: &'a [Span],
    /// For a topic not named here: the polarity it was named with, and whether a plain support
    /// cue is enough (false when only the paragraph before named the topic).
    pub(crate) inherited: Option<(Polarity, bool)>,
}

/// The decision and its reasons.
#[derive(Debug, Clone)]
pub(crate) struct StanceOutput {
    pub(crate) stance: Stance,
    pub(crate) polarity: Polarity,
    pub(crate) cues: Vec<String>,
}

/// Clause boundaries: semicolons, dashes, a colon, and a comma before a conjunction or a
/// participle ("..., backing a position").
static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    super::lexicon::regex(r"(?i);|—|–|:\s|,\s*(?:but|and|though|although|while|whereas|yet|which)\b|,\s+[a-z]+ing\b|\bbut\b")
        .expect("valid")
});

/// Decides the stance toward one topic mention.
pub(crate) fn decide(cues: &CueLexicon, input: &StanceInput<'_>) -> StanceOutput {
    let text = input.text;
    let (clause, next) = if input.inherited.is_some() && input.hit.is_empty() {
        (input.content, None)
    } else {
        clause_around(text, input.content, input.hit)
    };
    let mut reasons: Vec<String> = Vec::new();
    let outside_hypothetical = |sp: &Span| !input.hypothetical.iter().any(|h| h.contains(*sp));

    let mut polarity = input.inherited.map_or(Polarity::Positive, |(p, _)| p);
    let conditions = cues.conditional.find(text, clause);
    // "without preconditions", "no conditions": the negation lifts the condition, and the
    // pair reads as unconditional support.
    let lifted: Vec<(Span, Span)> = cues
        .negators
        .find(text, clause)
        .into_iter()
        .filter_map(|neg| {
            let cond = conditions.iter().find(|c| {
                c.start >= neg.end && text[neg.end..c.start].split_whitespace().count() <= 1
            })?;
            Some((neg, *cond))
        })
        .collect();
    if !lifted.is_empty() {
        let cues: Vec<String> = lifted
            .iter()
            .map(|(n, c)| text[n.start..c.end].to_string())
            .collect();
        return StanceOutput {
            stance: Stance::Support,
            polarity: Polarity::Positive,
            cues,
        };
    }
    for neg in cues.negators.find(text, clause) {
        // "opposed by X" names X's position, not the clause's.
        let agentive = text[neg.end..].trim_start().starts_with("by ");
        if outside_hypothetical(&neg) && !agentive {
            polarity = polarity.flip();
            reasons.push(text[neg.range()].to_string());
        }
    }
    for d in cues.dispreference.find(text, clause) {
        if d.end <= input.hit.start {
            polarity = polarity.flip();
            reasons.push(text[d.range()].to_string());
        }
    }
    let negative: Vec<Span> = cues.negative.find(text, clause);
    let conditional: Vec<Span> = conditions
        .into_iter()
        .chain(next.into_iter().flat_map(|n| {
            // The next clause limits this one only when it opens with the limit:
            // "— but only, he said, because ...".
            cues.conditional.find(text, n).into_iter().filter(move |c| {
                text[n.start..c.start]
                    .trim_matches(|ch: char| !ch.is_alphanumeric())
                    .split_whitespace()
                    .count()
                    <= 1
            })
        }))
        .collect();
    let support: Vec<Span> = cues.support.find(text, clause);
    let mixed = next.is_some_and(|n| {
        let opener = text[n.range()]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        (opener.starts_with("but ") || text[..n.start].trim_end().ends_with("but"))
            && cues.support.find(text, n).is_empty()
            && cues.negators.find(text, n).is_empty()
            && cues.conditional.find(text, n).is_empty()
    });

    let stance = if !conditional.is_empty() {
        reasons.extend(conditional.iter().map(|c| text[c.range()].to_string()));
        Stance::Conditional
    } else if !negative.is_empty() {
        reasons.extend(negative.iter().map(|c| text[c.range()].to_string()));
        polarity = Polarity::Negative;
        Stance::Oppose
    } else if polarity == Polarity::Negative {
        Stance::Oppose
    } else if mixed {
        reasons.extend(support.iter().map(|c| text[c.range()].to_string()));
        if let Some(n) = next {
            reasons.push(
                text[n.range()]
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        Stance::Mixed
    } else if matches!(input.inherited, Some((_, false))) {
        // Only the paragraph before named the topic: a bare "I'd like" is not enough.
        Stance::Unclear
    } else if !support.is_empty() {
        reasons.extend(support.iter().map(|c| text[c.range()].to_string()));
        Stance::Support
    } else if !reasons.is_empty() {
        // Negations that cancel out ("no deal without guarantees", "can't imagine a meeting
        // without a ceasefire") make the topic a requirement.
        Stance::Support
    } else {
        // No cue word: the engine cannot read a position, whoever said it.
        Stance::Unclear
    };
    reasons.dedup();
    StanceOutput {
        stance,
        polarity,
        cues: reasons,
    }
}

/// The clause of `content` around `hit`, and the clause after it.
fn clause_around(text: &str, content: Span, hit: Span) -> (Span, Option<Span>) {
    let slice = &text[content.range()];
    // Adjacent boundaries ("— but") are one boundary.
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for m in BOUNDARY.find_iter(slice) {
        let (s, e) = (content.start + m.start(), content.start + m.end());
        match bounds.last_mut() {
            Some(last) if text[last.1..s].trim().is_empty() => last.1 = e,
            _ => bounds.push((s, e)),
        }
    }
    let start = bounds
        .iter()
        .filter(|(_, e)| *e <= hit.start)
        .map(|(s, _)| *s)
        .next_back()
        .unwrap_or(content.start);
    let after: Vec<&(usize, usize)> = bounds.iter().filter(|(s, _)| *s >= hit.end).collect();
    let end = after.first().map_or(content.end, |(s, _)| *s);
    let next = after.first().map(|(s, _)| {
        let next_end = after.get(1).map_or(content.end, |(s2, _)| *s2);
        Span::new(*s, next_end.max(*s))
    });
    (Span::new(start, end.max(start)), next)
}
