//! Read-only queries over the index that the pages and the API share: an actor's position on a
//! topic summed over its claims, the actors that made claims, counts per article.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use serde::Serialize;

use super::Index;
use crate::extract::{Claim, Stance};

/// An actor's position on a topic, summed over every claim that backs it.
#[derive(Debug, Clone, Serialize)]
pub struct Position<'a> {
    /// The summed stance; `None` when the actor made no statement on the topic.
    pub stance: Option<Stance>,
    /// True when the claims disagree with one another (one supports, another opposes).
    pub disagree: bool,
    /// Number of distinct articles the claims come from.
    pub articles: usize,
    /// The claims, in article and text order.
    pub claims: Vec<&'a Claim>,
}

impl Position<'_> {
    /// Number of claims behind the position.
    pub fn count(&self) -> usize {
        self.claims.len()
    }
}

/// Sums the stances of several claims into one position.
///
/// A conditional claim qualifies support rather than contradicting it; support (plain or
/// conditional) next to opposition, or any claim that is itself mixed, makes the position mixed.
/// Unclear claims count as evidence but do not decide the stance.
pub fn summarize(claims: &[&Claim]) -> (Option<Stance>, bool) {
    if claims.is_empty() {
        return (None, false);
    }
    let has = |s: Stance| claims.iter().any(|c| c.stance == s);
    let favourable = has(Stance::Support) || has(Stance::Conditional);
    let disagree = favourable && has(Stance::Oppose);
    let stance = if disagree || has(Stance::Mixed) {
        Stance::Mixed
    } else if has(Stance::Conditional) {
        Stance::Conditional
    } else if has(Stance::Support) {
        Stance::Support
    } else if has(Stance::Oppose) {
        Stance::Oppose
    } else {
        Stance::Unclear
    };
    (Some(stance), disagree)
}

impl Index {
    /// The position of an actor (by id) on a topic (by id).
    pub fn position<'a>(&'a self, actor: &'a str, topic: &'a str) -> Position<'a> {
        let claims: Vec<&Claim> = self.claims_for(actor, topic).collect();
        let (stance, disagree) = summarize(&claims);
        let articles = claims
            .iter()
            .map(|c| c.article.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        Position {
            stance,
            disagree,
            articles,
            claims,
        }
    }

    /// Actors with at least one claim, most-quoted first (the order of [`Index::actors`], where
    /// they come before the actors without claims).
    pub fn quoted_actors(&self) -> impl Iterator<Item = &crate::extract::Actor> + '_ {
        self.actors
            .iter()
            .take_while(|a| self.claim_count(&a.id) > 0)
    }

    /// Position of an actor (by id) in [`Index::actors`], the canonical order of comparisons.
    pub fn actor_rank(&self, id: &str) -> Option<usize> {
        self.actor_by_key
            .get(id)
            .copied()
            .filter(|&i| self.actors[i].id == id)
    }

    /// Position of a topic (by id) in [`Index::topics`], the canonical order of comparisons.
    pub fn topic_rank(&self, id: &str) -> Option<usize> {
        self.topic_by_id.get(id).copied()
    }

    /// Claims on a topic, in article and text order: the actors' claims on it, merged.
    pub fn claims_on<'a>(&'a self, topic: &'a str) -> impl Iterator<Item = &'a Claim> + 'a {
        let mut runs: Vec<&'a [usize]> = self
            .by_actor
            .values()
            .filter_map(|topics| topics.get(topic))
            .map(Vec::as_slice)
            .filter(|run| !run.is_empty())
            .collect();
        // A min-heap of each run's next claim index.
        let mut heap: BinaryHeap<Reverse<(usize, usize)>> = runs
            .iter()
            .enumerate()
            .map(|(r, run)| Reverse((run[0], r)))
            .collect();
        std::iter::from_fn(move || {
            let Reverse((claim, r)) = heap.pop()?;
            runs[r] = &runs[r][1..];
            if let Some(&next) = runs[r].first() {
                heap.push(Reverse((next, r)));
            }
            Some(&self.claims[claim])
        })
    }

    /// Claims matching every given filter (each `None` matches all), in article and text order.
    ///
    /// Reads the narrowest lookup the filters allow (an article's claims, an actor's on a topic,
    /// an actor's, a topic's); only a filter on the stance alone reads every claim.
    pub fn claims_where<'a>(
        &'a self,
        actor: Option<&'a str>,
        topic: Option<&'a str>,
        stance: Option<Stance>,
        article: Option<&'a str>,
    ) -> Box<dyn Iterator<Item = &'a Claim> + 'a> {
        let base: Box<dyn Iterator<Item = &'a Claim> + 'a> = match (article, actor, topic) {
            (Some(a), _, _) => Box::new(self.claims_in(a)),
            (None, Some(a), Some(t)) => Box::new(self.claims_for(a, t)),
            (None, Some(a), None) => Box::new(self.claims_by(a)),
            (None, None, Some(t)) => Box::new(self.claims_on(t)),
            (None, None, None) => Box::new(self.claims.iter()),
        };
        Box::new(base.filter(move |c| {
            actor.is_none_or(|a| c.actor.id == a)
                && topic.is_none_or(|t| c.topic == t)
                && stance.is_none_or(|s| c.stance == s)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ActorRef, ClaimKind};
    use crate::text::Span;

    fn claim(stance: Stance, article: &str) -> Claim {
        Claim {
            article: article.into(),
            actor: ActorRef {
                id: "a".into(),
                name: "A".into(),
            },
            topic: "t".into(),
            stance,
            kind: ClaimKind::Reported,
            evidence: String::new(),
            span: Span::new(0, 0),
            sentence: 0,
            cues: vec![],
            confidence: 1.0,
        }
    }

    #[test]
    fn summary_table() {
        use Stance::*;
        let cases: &[(&[Stance], Option<Stance>, bool)] = &[
            (&[], None, false),
            (&[Support], Some(Support), false),
            (&[Support, Support], Some(Support), false),
            (&[Oppose], Some(Oppose), false),
            (&[Support, Conditional], Some(Conditional), false),
            (&[Support, Oppose], Some(Mixed), true),
            (&[Conditional, Oppose], Some(Mixed), true),
            (&[Mixed], Some(Mixed), false),
            (&[Unclear], Some(Unclear), false),
            (&[Unclear, Oppose], Some(Oppose), false),
        ];
        for (stances, want, disagree) in cases {
            let claims: Vec<Claim> = stances.iter().map(|&s| claim(s, "x")).collect();
            let refs: Vec<&Claim> = claims.iter().collect();
            assert_eq!(summarize(&refs), (*want, *disagree), "{stances:?}");
        }
    }
}
