//! The scores and the lists of errors, printed as `score.py` prints them.

use std::fmt;

use crate::extract::Stance;

/// Everything an evaluation found.
///
/// `Display` prints the breakdown, the span check and the two summary lines, the claims line
/// last; the alternate form (`{:#}`) first lists each missed and each extra claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// File, actor, topic, stance and evidence must match.
    pub claims: Scores,
    /// Who said what: file, actor and evidence must match, whatever the topic and stance.
    pub attribution: Scores,
    /// The required gold claims that no prediction matched, counted by cause, most frequent first.
    pub missed_by_cause: Vec<(Cause, usize)>,
    /// Predictions that give a gold position the opposite polarity.
    pub flipped: usize,
    /// Predictions whose evidence differs from the text at their span (with the corpus only).
    pub spans: Option<SpanCheck>,
    /// Gold claims, required and optional, that no prediction matched.
    pub misses: Vec<Miss>,
    /// Scored predictions that match no gold claim.
    pub extras: Vec<Extra>,
}

/// Precision and recall counts of one way of matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scores {
    /// Scored predictions that match a gold claim.
    pub matched: usize,
    /// Scored predictions: those whose stance is not unclear (all of them for attribution).
    pub predicted: usize,
    /// Required gold claims that some prediction matches.
    pub found: usize,
    /// Required gold claims.
    pub required: usize,
}

impl Scores {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.required)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}

/// Why a required gold claim was missed, the first that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// No prediction's evidence holds the gold passage.
    NoClaim,
    /// Predictions on the passage, none by an acceptable actor.
    OtherActor,
    /// Predictions on the passage by an acceptable actor, none on the topic.
    OtherTopic,
    /// On the passage, actor and topic, but with a stance the gold claim does not accept.
    OtherStance,
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cause::NoClaim => "no claim on the passage",
            Cause::OtherActor => "a claim, but by another actor",
            Cause::OtherTopic => "the right actor, another topic",
            Cause::OtherStance => "the right actor and topic, another stance",
        })
    }
}

/// The span check: predictions whose evidence is not the text at their span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanCheck {
    pub differing: usize,
    /// Predictions on the gold set's files.
    pub claims: usize,
}

/// A gold claim that no prediction matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub file: String,
    pub actors: Vec<String>,
    pub topic: String,
    pub stances: Vec<Stance>,
    /// The gold phrase, or the text at the gold span.
    pub evidence: String,
    pub required: bool,
    /// The predictions on the same passage, as `actor/topic/stance`.
    pub near: Vec<String>,
}

/// A scored prediction that matches no gold claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    pub file: String,
    pub actor: String,
    pub topic: String,
    pub stance: Stance,
    pub evidence: String,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            self.misses.iter().try_for_each(|m| writeln!(f, "{m}"))?;
            self.extras.iter().try_for_each(|e| writeln!(f, "{e}"))?;
        }
        for (cause, n) in &self.missed_by_cause {
            writeln!(f, "missed required: {n:3} {cause}")?;
        }
        writeln!(
            f,
            "flipped: {:3} claims give a gold position the opposite polarity",
            self.flipped
        )?;
        if let Some(spans) = &self.spans {
            writeln!(
                f,
                "spans: {} of {} claims have evidence that differs from the text at their span",
                spans.differing, spans.claims
            )?;
        }
        summary(f, "attribution", &self.attribution)?;
        summary(f, "claims", &self.claims)
    }
}

fn summary(f: &mut fmt::Formatter<'_>, label: &str, s: &Scores) -> fmt::Result {
    writeln!(
        f,
        "{label}: F1 {:.3} (precision {:.3} = {}/{}, recall {:.3} = {}/{})",
        s.f1(),
        s.precision(),
        s.matched,
        s.predicted,
        s.recall(),
        s.found,
        s.required
    )
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stances: Vec<&str> = self.stances.iter().map(|s| s.as_str()).collect();
        let near = if self.near.is_empty() {
            "no claim on this passage".to_string()
        } else {
            self.near.join("; ")
        };
        let tag = if self.required {
            "MISS"
        } else {
            "miss(optional)"
        };
        write!(
            f,
            "{tag} {} {}/{}/{}: \"{}\" -> {near}",
            self.file,
            self.actors.join("|"),
            self.topic,
            stances.join("|"),
            one_line(&self.evidence),
        )
    }
}

impl fmt::Display for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "EXTRA {} {}/{}/{}: \"{}\"",
            self.file,
            self.actor,
            self.topic,
            self.stance.as_str(),
            one_line(&self.evidence)
        )
    }
}

/// The text with each run of white space as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
