//! Read-only queries over the index that the pages and the API share: an actor's position on a
//! topic summed over its claims, the actors that made claims, counts per article.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use serde::Serialize;

use super::Index;
use super::timeline::ClaimFilter;
use crate::extract::{Claim, ClaimKind, Stance};

/// An actor's position on a topic, summed over every claim that backs it.
#[derive(Debug, Clone, Serialize)]
pub struct Position<'a> {
    /// The stance the confident evidence takes ([`summarize`]); `None` when the actor made no
    /// statement on the topic.
    pub stance: Option<Stance>,
    /// True when different sources report opposite positions for the same week (the
    /// disagreements of [`Index::timeline`]); one source's claims across weeks never do.
    pub disagree: bool,
    /// Number of distinct articles the claims come from.
    pub articles: usize,
    /// The claims, in article and text order.
    pub claims: Vec<&'a Claim>,
    /// The cell's summary decided at indexing, when the claims are those of a confidence choice
    /// ([`Index::position_coverage`] and [`Index::position_timeline`] read it).
    #[serde(skip)]
    pub(crate) cell: Option<&'a super::cells::Cell>,
}

impl Position<'_> {
    /// Number of claims behind the position.
    pub fn count(&self) -> usize {
        self.claims.len()
    }
}

/// Share of the deciding weight that the weaker side (with half of every mixed claim) must carry
/// for a position to be mixed: two supports against one opposition of the same weight are mixed,
/// three against one are support.
pub(super) const MIXED_SHARE: f32 = 0.3;

/// Share of the favourable weight that conditional claims must carry for a favourable position to
/// be conditional: a condition qualifies support, it does not contradict it.
pub(super) const CONDITIONAL_SHARE: f32 = 0.25;

/// How much a claim of each kind counts toward a position: the actor's own words and reported
/// speech fully, the journalist's description less, a headline least.
pub(super) fn kind_weight(kind: ClaimKind) -> f32 {
    match kind {
        ClaimKind::Quote | ClaimKind::Reported => 1.0,
        ClaimKind::Description => 0.6,
        ClaimKind::Headline => 0.4,
    }
}

/// How much one claim counts toward a position: its kind's weight times its confidence.
pub(super) fn weight(claim: &Claim) -> f32 {
    kind_weight(claim.kind) * claim.confidence.clamp(0.0, 1.0)
}

/// Which claims decide a position: those that take a side (every stance but unclear), and of them
/// only the confident ones (`confidence >= low_confidence`) when there is any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Deciding {
    /// The confidence a deciding claim needs: `low_confidence` when some sided claim has it, else
    /// none.
    min_confidence: Option<f32>,
}

impl Deciding {
    /// The rule for one set of claims (one actor's on one topic).
    pub(super) fn of(claims: &[&Claim], low_confidence: f32) -> Deciding {
        let confident = claims
            .iter()
            .any(|c| c.stance != Stance::Unclear && c.confidence >= low_confidence);
        Deciding {
            min_confidence: confident.then_some(low_confidence),
        }
    }

    /// True when `claim` decides the position.
    pub(super) fn keeps(&self, claim: &Claim) -> bool {
        claim.stance != Stance::Unclear && self.min_confidence.is_none_or(|m| claim.confidence >= m)
    }
}

/// The claims of a set that decide its position ([`Deciding`]), in their order.
pub(super) fn deciding<'a>(claims: &[&'a Claim], low_confidence: f32) -> Vec<&'a Claim> {
    let rule = Deciding::of(claims, low_confidence);
    claims.iter().copied().filter(|c| rule.keeps(c)).collect()
}

/// Sums the stances of several claims into one position: what the [`deciding`] claims say, each
/// counted by its [`weight`].
///
/// Support and conditional support weigh in favour, opposition against, and a claim that is
/// itself mixed counts half to each side. The position is mixed when the weaker side carries at
/// least [`MIXED_SHARE`] of the weight; otherwise the stronger side decides, and a favourable
/// position is conditional when conditional claims carry at least [`CONDITIONAL_SHARE`] of the
/// favourable weight. Unclear claims never decide: a position whose claims are all unclear is
/// unclear.
pub(super) fn summarize(claims: &[&Claim], low_confidence: f32) -> Option<Stance> {
    if claims.is_empty() {
        return None;
    }
    let (mut support, mut conditional, mut oppose, mut mixed) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    for c in deciding(claims, low_confidence) {
        let w = weight(c);
        match c.stance {
            Stance::Support => support += w,
            Stance::Conditional => conditional += w,
            Stance::Oppose => oppose += w,
            Stance::Mixed => mixed += w,
            Stance::Unclear => {}
        }
    }
    let favour = support + conditional + mixed / 2.0;
    let against = oppose + mixed / 2.0;
    let total = favour + against;
    let stance = if total <= 0.0 {
        Stance::Unclear
    } else if favour.min(against) >= MIXED_SHARE * total {
        Stance::Mixed
    } else if against > favour {
        Stance::Oppose
    } else if conditional >= CONDITIONAL_SHARE * (support + conditional) {
        Stance::Conditional
    } else {
        Stance::Support
    };
    Some(stance)
}

/// How strongly a claim stands for its cell, as one number that sorts the way a reader should
/// see claims first: confident claims before low-confidence ones (below `low_confidence`), then
/// the latest published, then the most confident.
pub(super) fn strength(
    claim: &Claim,
    published: Option<crate::corpus::Published>,
    low_confidence: f32,
) -> u64 {
    let confident = u64::from(claim.confidence >= low_confidence);
    let day = published.map_or(0, |p| {
        u64::try_from(p.period.start.to_julian_day()).unwrap_or(0) & 0xFFFF_FFFF
    });
    // Confidence in millionths: 20 bits.
    let confidence = (claim.confidence.clamp(0.0, 1.0) * 1e6) as u64;
    confident << 63 | day << 20 | confidence
}

/// What decides a cell: its stance and whether its sources disagree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub stance: Option<Stance>,
    pub disagree: bool,
}

impl Index {
    /// The stance of a set of claims (one actor's on one topic) and whether its sources disagree:
    /// the one function that decides a cell, for the pages, the API and the downloads alike.
    pub fn summary(&self, claims: &[&Claim]) -> Summary {
        Summary {
            stance: summarize(claims, self.low_confidence()),
            disagree: self.sources_disagree(claims),
        }
    }

    /// The position of an actor (by id) on a topic (by id), over all its claims.
    pub fn position<'a>(&'a self, actor: &'a str, topic: &'a str) -> Position<'a> {
        self.position_where(actor, topic, &ClaimFilter::default())
    }

    /// The position of an actor on a topic over the claims `filter` keeps. For all claims and
    /// for the confident ones (the two confidence choices) its stance, disagreement, articles,
    /// coverage and timeline were decided at indexing ([`super::cells`]); for any other filter
    /// they are worked out from the claims ([`Index::summary`]).
    pub fn position_where<'a>(
        &'a self,
        actor: &'a str,
        topic: &'a str,
        filter: &ClaimFilter,
    ) -> Position<'a> {
        let claims: Vec<&Claim> = self
            .claims_for(actor, topic)
            .filter(|c| filter.keeps(c))
            .collect();
        let high = if *filter == ClaimFilter::default() {
            Some(false)
        } else if *filter == self.confident_only() {
            Some(true)
        } else {
            None
        };
        let cell = high.and_then(|h| self.stored_cell(actor, topic, h));
        if let Some(cell) = cell {
            return Position {
                stance: cell.stance,
                disagree: cell.disagree,
                articles: cell.articles as usize,
                claims,
                cell: Some(cell),
            };
        }
        let Summary { stance, disagree } = self.summary(&claims);
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
            cell: None,
        }
    }

    /// The `n` claims of `claims` (one cell's) a reader should see first, in that order:
    /// confident claims before low-confidence ones, then the latest published, then the most
    /// confident, then the later in the index. One pass over the claims, keeping the best `n`,
    /// reading a number kept for each claim at indexing.
    pub fn strongest<'a>(&self, claims: &[&'a Claim], n: usize) -> Vec<&'a Claim> {
        let key = |c: &Claim| {
            let i = self.claim_index(c);
            (i.and_then(|i| self.strength.get(i)).copied(), i)
        };
        let mut best: Vec<(_, &'a Claim)> = Vec::with_capacity(n + 1);
        for &c in claims {
            let k = key(c);
            if best.len() == n && best.last().is_none_or(|(last, _)| *last >= k) {
                continue;
            }
            let at = best.partition_point(|(other, _)| *other >= k);
            best.insert(at, (k, c));
            best.truncate(n);
        }
        best.into_iter().map(|(_, c)| c).collect()
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
    use crate::extract::ActorRef;
    use crate::text::Span;

    /// The default `evidence.low_confidence`.
    const LOW: f32 = 0.5;

    fn claim(stance: Stance, kind: ClaimKind, confidence: f32) -> Claim {
        Claim {
            article: "x".into(),
            actor: ActorRef {
                id: "a".into(),
                name: "A".into(),
            },
            topic: "t".into(),
            stance,
            kind,
            evidence: String::new(),
            span: Span::new(0, 0),
            sentence: 0,
            cues: vec![],
            confidence,
        }
    }

    fn stance_of(claims: &[(Stance, ClaimKind, f32)]) -> Option<Stance> {
        let claims: Vec<Claim> = claims.iter().map(|&(s, k, c)| claim(s, k, c)).collect();
        let refs: Vec<&Claim> = claims.iter().collect();
        summarize(&refs, LOW)
    }

    #[test]
    fn summary_table() {
        use Stance::*;
        let cases: &[(&[Stance], Option<Stance>)] = &[
            (&[], None),
            (&[Support], Some(Support)),
            (&[Support, Support], Some(Support)),
            (&[Oppose], Some(Oppose)),
            (&[Support, Conditional], Some(Conditional)),
            (&[Support, Oppose], Some(Mixed)),
            (&[Conditional, Oppose], Some(Mixed)),
            (&[Support, Support, Oppose], Some(Mixed)),
            (&[Support, Support, Support, Oppose], Some(Support)),
            (&[Mixed], Some(Mixed)),
            (&[Unclear], Some(Unclear)),
            (&[Unclear, Oppose], Some(Oppose)),
        ];
        for (stances, want) in cases {
            let claims: Vec<_> = stances
                .iter()
                .map(|&s| (s, ClaimKind::Reported, 1.0))
                .collect();
            assert_eq!(stance_of(&claims), *want, "{stances:?}");
        }
    }

    #[test]
    fn one_low_confidence_dissenting_claim_does_not_make_a_cell_mixed() {
        use ClaimKind::*;
        use Stance::*;
        assert_eq!(
            stance_of(&[(Support, Reported, 0.85), (Oppose, Quote, 0.3)]),
            Some(Support)
        );
        assert_eq!(
            stance_of(&[(Oppose, Quote, 0.9), (Support, Reported, 0.45)]),
            Some(Oppose)
        );
        // Nor does a low-confidence condition qualify confident support.
        assert_eq!(
            stance_of(&[(Support, Quote, 0.9), (Conditional, Reported, 0.4)]),
            Some(Support)
        );
        // The same dissent, confident, does.
        assert_eq!(
            stance_of(&[(Support, Reported, 0.85), (Oppose, Quote, 0.7)]),
            Some(Mixed)
        );
    }

    #[test]
    fn two_confident_opposite_claims_make_a_cell_mixed() {
        use ClaimKind::*;
        use Stance::*;
        assert_eq!(
            stance_of(&[(Support, Quote, 0.9), (Oppose, Reported, 0.8)]),
            Some(Mixed)
        );
        assert_eq!(
            stance_of(&[(Conditional, Reported, 0.85), (Oppose, Quote, 0.6)]),
            Some(Mixed)
        );
    }

    #[test]
    fn headlines_and_descriptions_count_less_than_words_said() {
        use ClaimKind::*;
        use Stance::*;
        let said = [(Support, Quote, 0.9), (Support, Reported, 0.85)];
        // A confident headline against two statements is outweighed ...
        let mut claims = said.to_vec();
        claims.push((Oppose, Headline, 0.9));
        assert_eq!(stance_of(&claims), Some(Support));
        // ... where a reported statement against them is not.
        let mut claims = said.to_vec();
        claims.push((Oppose, Reported, 0.9));
        assert_eq!(stance_of(&claims), Some(Mixed));
        // A description alone against a quote: 0.6 of its weight, still over a third of the whole.
        assert_eq!(
            stance_of(&[(Support, Quote, 0.9), (Oppose, Description, 0.9)]),
            Some(Mixed)
        );
    }

    #[test]
    fn unclear_claims_never_decide_and_low_confidence_ones_decide_alone() {
        use ClaimKind::*;
        use Stance::*;
        // Confident unclear claims do not silence the only claim that takes a side.
        assert_eq!(
            stance_of(&[
                (Unclear, Quote, 0.9),
                (Unclear, Quote, 0.9),
                (Oppose, Reported, 0.3)
            ]),
            Some(Oppose)
        );
        assert_eq!(stance_of(&[(Unclear, Quote, 0.9)]), Some(Unclear));
        // Without confident claims, the low-confidence ones weigh among themselves.
        assert_eq!(
            stance_of(&[(Support, Quote, 0.4), (Oppose, Headline, 0.3)]),
            Some(Support)
        );
        assert_eq!(
            stance_of(&[(Support, Quote, 0.4), (Oppose, Reported, 0.35)]),
            Some(Mixed)
        );
    }

    #[test]
    fn one_mixed_statement_among_confident_oppositions_is_opposition() {
        use ClaimKind::*;
        use Stance::*;
        assert_eq!(
            stance_of(&[
                (Oppose, Reported, 0.85),
                (Oppose, Description, 0.7),
                (Oppose, Reported, 0.77),
                (Mixed, Reported, 0.85),
            ]),
            Some(Oppose)
        );
        assert_eq!(stance_of(&[(Mixed, Reported, 0.85)]), Some(Mixed));
    }

    #[test]
    fn conditions_qualify_support_when_they_carry_weight() {
        use ClaimKind::*;
        use Stance::*;
        assert_eq!(
            stance_of(&[
                (Support, Quote, 0.9),
                (Support, Reported, 0.85),
                (Conditional, Reported, 0.85)
            ]),
            Some(Conditional)
        );
        assert_eq!(
            stance_of(&[
                (Support, Quote, 0.9),
                (Support, Reported, 0.85),
                (Support, Reported, 0.85),
                (Support, Quote, 0.9),
                (Conditional, Headline, 0.75)
            ]),
            Some(Support)
        );
    }
}
