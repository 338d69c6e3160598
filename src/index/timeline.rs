//! Time: what the publication dates (read when the corpus loads) and the statement dates (read in
//! extraction) show about a position: its timeline, its shifts, and the sources that disagree.
//!
//! - **Polarity.** Support and conditional support are favourable, opposition is against; a
//!   mixed or unclear claim has no polarity, so it neither makes nor breaks a shift.
//! - **Shift.** Dated claims are grouped by their date; a shift is a change of polarity from one
//!   date to a strictly later one (the periods do not overlap), each date holding one polarity.
//!   Support restated, or support turned conditional, is not a shift. Claims without a statement
//!   date take no part: their date is unknown, not guessed.
//! - **Disagreement between sources.** Within one Monday-to-Sunday week (of the statement date,
//!   or of the article's publication day when the statement is undated), a favourable and an
//!   against claim from different articles, not from the same named outlet, and not a shift
//!   (two dated statements, one strictly before the other). One source's claims across weeks
//!   never disagree: they may shift.
//! - **Deciding claims.** Shifts and disagreements, like a position's stance, are read from the
//!   claims that decide it ([`super::query::Deciding`]): unclear claims never, and low-confidence
//!   ones only when no confident claim takes a side.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::coverage::Copies;
use super::query::{Deciding, deciding};
use super::{Article, Index};
use crate::dates::{Period, Precision};
use crate::extract::when::StatementDate;
use crate::extract::{Claim, Stance};

/// What indexing learns about time and provenance.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Provenance {
    /// Statement dates by article id, then sentence index.
    pub(super) when: HashMap<String, HashMap<usize, StatementDate>>,
    pub(super) copies: Copies,
    /// Confidence below which a claim is marked as low confidence.
    pub(super) low_confidence: f32,
}

impl Provenance {
    /// The date of the statement in one sentence of an article, when it anchors one.
    pub(super) fn statement_date(&self, article: &str, sentence: usize) -> Option<&StatementDate> {
        self.when.get(article)?.get(&sentence)
    }

    /// Keeps the statement dates extraction found (by article id, then sentence index) and
    /// groups copies of the same text across articles.
    pub(crate) fn build(
        articles: &[Article],
        claims: &[Claim],
        when: HashMap<String, HashMap<usize, StatementDate>>,
        low_confidence: f32,
    ) -> Provenance {
        Provenance {
            when,
            copies: Copies::build(articles, claims),
            low_confidence,
        }
    }
}

/// Which claims a reader wants to see.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClaimFilter {
    /// Hide claims whose confidence is below this.
    pub min_confidence: Option<f32>,
}

impl ClaimFilter {
    pub fn keeps(&self, claim: &Claim) -> bool {
        self.min_confidence.is_none_or(|m| claim.confidence >= m)
    }
}

/// A claim with the date of its statement.
#[derive(Debug, Clone, Copy)]
pub struct Dated<'a> {
    pub claim: &'a Claim,
    pub when: &'a StatementDate,
}

/// A change of position between two dated statements.
#[derive(Debug, Clone, Copy)]
pub struct Shift<'a> {
    pub from: Dated<'a>,
    pub to: Dated<'a>,
}

/// Sources that report opposite positions for the same week.
#[derive(Debug, Clone)]
pub struct Disagreement<'a> {
    /// The week.
    pub period: Period,
    /// Support or conditional support.
    pub favour: Vec<&'a Claim>,
    /// Opposition.
    pub against: Vec<&'a Claim>,
}

/// A position over time.
#[derive(Debug, Clone, Default)]
pub struct Timeline<'a> {
    /// Claims with a statement date, in date order (then article and text order).
    pub dated: Vec<Dated<'a>>,
    pub shifts: Vec<Shift<'a>>,
    pub disagreements: Vec<Disagreement<'a>>,
}

/// True for favourable, false for against, `None` for mixed and unclear.
pub(super) fn polarity(stance: Stance) -> Option<bool> {
    match stance {
        Stance::Support | Stance::Conditional => Some(true),
        Stance::Oppose => Some(false),
        Stance::Mixed | Stance::Unclear => None,
    }
}

/// Most claims on each side of a week that are compared for a disagreement.
const MAX_SIDE: usize = 200;

impl Index {
    /// The date of the statement behind a claim, when its sentence anchors one.
    pub fn statement_date(&self, claim: &Claim) -> Option<&StatementDate> {
        match self.facts(claim) {
            Some(f) => f.when.as_ref(),
            None => self
                .provenance
                .statement_date(&claim.article, claim.sentence),
        }
    }

    /// True when the engine is not confident of a claim (`evidence.low_confidence`).
    pub fn is_low_confidence(&self, claim: &Claim) -> bool {
        claim.confidence < self.provenance.low_confidence
    }

    /// The filter that keeps only confident claims.
    pub fn confident_only(&self) -> ClaimFilter {
        ClaimFilter {
            min_confidence: Some(self.provenance.low_confidence),
        }
    }

    /// The confidence below which a claim is low confidence (`evidence.low_confidence`).
    pub fn low_confidence(&self) -> f32 {
        self.provenance.low_confidence
    }

    /// True when different sources report opposite positions for the same week in a set of
    /// claims (one actor's on one topic): the same test as [`Index::timeline`]'s disagreements.
    pub fn sources_disagree(&self, claims: &[&Claim]) -> bool {
        let deciding = deciding(claims, self.low_confidence());
        !self.disagreements(&deciding, true).is_empty()
    }

    /// The timeline, shifts and disagreements of a set of claims (one actor's on one topic).
    pub fn timeline<'a>(&'a self, claims: &[&'a Claim]) -> Timeline<'a> {
        // Article and text order: a claim's place in the index, or its article's and span's.
        let order = |c: &Claim| match self.claim_index(c) {
            Some(i) => (Some(i), None, 0),
            None => (
                None,
                self.article_by_id.get(&c.article).copied(),
                c.span.start,
            ),
        };
        let mut dated: Vec<Dated<'a>> = claims
            .iter()
            .filter_map(|&claim| {
                Some(Dated {
                    claim,
                    when: self.statement_date(claim)?,
                })
            })
            .collect();
        dated.sort_by_cached_key(|d| (d.when.period.start, d.when.period.end, order(d.claim)));
        // Shifts and disagreements are read from the claims that decide the position.
        let rule = Deciding::of(claims, self.low_confidence());
        let deciding: Vec<&'a Claim> = claims.iter().copied().filter(|c| rule.keeps(c)).collect();
        let dated_deciding: Vec<Dated<'a>> = dated
            .iter()
            .copied()
            .filter(|d| rule.keeps(d.claim))
            .collect();
        Timeline {
            shifts: shifts(&dated_deciding),
            disagreements: self.disagreements(&deciding, false),
            dated,
        }
    }

    /// The weeks in which sources disagree, in week order; only the first when `first_only`.
    fn disagreements<'a>(
        &'a self,
        claims: &[&'a Claim],
        first_only: bool,
    ) -> Vec<Disagreement<'a>> {
        let mut weeks: BTreeMap<time::Date, (Vec<&'a Claim>, Vec<&'a Claim>)> = BTreeMap::new();
        for &c in claims {
            let Some(favourable) = polarity(c.stance) else {
                continue;
            };
            let day = match self.statement_date(c) {
                Some(d) if matches!(d.period.precision, Precision::Day | Precision::Week) => {
                    d.period.start
                }
                Some(_) => continue,
                None => match self.article_of(c).and_then(|a| a.meta.published) {
                    Some(p) if p.period.precision == Precision::Day => p.period.start,
                    _ => continue,
                },
            };
            let week = weeks.entry(Period::week_of(day).start).or_default();
            if favourable { &mut week.0 } else { &mut week.1 }.push(c);
        }
        let mut out = Vec::new();
        for (start, (favour, against)) in weeks {
            if favour.is_empty() || against.is_empty() {
                continue;
            }
            // What a pair check needs, read once per claim rather than once per pair.
            let facts = |side: &[&'a Claim]| -> Vec<Facts<'a>> {
                side[..side.len().min(MAX_SIDE)]
                    .iter()
                    .map(|&claim| Facts {
                        claim,
                        outlet: self.outlet_key_of(claim),
                        period: self.statement_date(claim).map(|d| d.period),
                    })
                    .collect()
            };
            let (favour, against) = (facts(&favour), facts(&against));
            let f: Vec<&Claim> = favour
                .iter()
                .filter(|x| against.iter().any(|y| x.disagrees_with(y)))
                .map(|x| x.claim)
                .collect();
            if f.is_empty() {
                continue;
            }
            let a: Vec<&Claim> = against
                .iter()
                .filter(|y| favour.iter().any(|x| x.disagrees_with(y)))
                .map(|y| y.claim)
                .collect();
            out.push(Disagreement {
                period: Period::week_of(start),
                favour: f,
                against: a,
            });
            if first_only {
                break;
            }
        }
        out
    }
}

/// A claim with the facts that decide whether two sources disagree.
struct Facts<'a> {
    claim: &'a Claim,
    /// The outlet, as compared ([`super::coverage::outlet_key`]).
    outlet: Option<std::borrow::Cow<'a, str>>,
    period: Option<Period>,
}

impl Facts<'_> {
    /// Two claims are sources that disagree when they come from different articles, not from the
    /// same named outlet, and their statement dates (when both are known) overlap.
    fn disagrees_with(&self, other: &Facts<'_>) -> bool {
        if self.claim.article == other.claim.article {
            return false;
        }
        if let (Some(a), Some(b)) = (&self.outlet, &other.outlet)
            && a == b
        {
            return false;
        }
        match (self.period, other.period) {
            (Some(a), Some(b)) => a.overlaps(&b),
            _ => true,
        }
    }
}

/// Shifts along dated claims in date order.
fn shifts<'a>(dated: &[Dated<'a>]) -> Vec<Shift<'a>> {
    // Group the claims that have a polarity by their exact period.
    let mut moments: Vec<(Period, Vec<Dated<'a>>)> = Vec::new();
    for d in dated.iter().filter(|d| polarity(d.claim.stance).is_some()) {
        match moments.last_mut() {
            Some((p, group)) if *p == d.when.period => group.push(*d),
            _ => moments.push((d.when.period, vec![*d])),
        }
    }
    let mut out = Vec::new();
    let mut last: Option<(Period, bool, Dated<'a>)> = None;
    for (period, group) in moments {
        let first = polarity(group[0].claim.stance);
        let single = group.iter().all(|d| polarity(d.claim.stance) == first);
        let Some(pol) = first.filter(|_| single) else {
            // Both polarities on one date: a disagreement, not a step in a timeline.
            last = None;
            continue;
        };
        // The most confident claim speaks for the date.
        let rep = group
            .iter()
            .copied()
            .max_by(|a, b| a.claim.confidence.total_cmp(&b.claim.confidence))
            .unwrap_or(group[0]);
        if let Some((prev_period, prev_pol, prev)) = last
            && prev_pol != pol
            && prev_period.before(&period)
        {
            out.push(Shift {
                from: prev,
                to: rep,
            });
        }
        last = Some((period, pol, rep));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ActorKind, Gender};
    use crate::corpus::Format;
    use crate::corpus::Metadata;
    use crate::corpus::{DateSource, Published};
    use crate::extract::{Actor, ActorRef, ClaimKind};
    use crate::index::Topic;
    use crate::text::Span;

    fn day(d: u8) -> time::Date {
        time::Date::from_calendar_date(2025, time::Month::March, d).expect("a March day")
    }

    /// An article published on `published` March 2025 by `outlet`.
    fn article(id: &str, outlet: Option<&str>, published: u8) -> Article {
        Article {
            id: id.into(),
            file: format!("{id}.md"),
            format: Format::Markdown,
            meta: Metadata {
                outlet: outlet.map(str::to_string),
                published: Some(Published {
                    period: Period::day(day(published)),
                    source: DateSource::Metadata,
                }),
                ..Metadata::default()
            },
            text: String::new(),
            blocks: Vec::new(),
            sentences: Vec::new(),
        }
    }

    /// A claim of actor `a` on topic `t`: its article, stance, confidence, and the March day its
    /// sentence says the statement was made, if it says.
    type Made<'s> = (&'s str, Stance, f32, Option<u8>);

    /// An index over hand-made articles and claims (claims in article order).
    fn build(articles: Vec<Article>, made: &[Made<'_>]) -> Index {
        let mut when: HashMap<String, HashMap<usize, StatementDate>> = HashMap::default();
        let claims: Vec<Claim> = made
            .iter()
            .enumerate()
            .map(|(sentence, &(article, stance, confidence, said))| {
                if let Some(d) = said {
                    when.entry(article.into()).or_default().insert(
                        sentence,
                        StatementDate {
                            period: Period::day(day(d)),
                            anchor: "on the day".into(),
                        },
                    );
                }
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
                    sentence,
                    cues: Vec::new(),
                    confidence,
                }
            })
            .collect();
        let actor = Actor {
            id: "a".into(),
            name: "A".into(),
            kind: ActorKind::Person,
            affiliation: None,
            aliases: Vec::new(),
            gender: Gender::Unknown,
            roles: Vec::new(),
            adjectives: Vec::new(),
            discovered: false,
        };
        let topic = Topic {
            id: "t".into(),
            name: "T".into(),
            description: String::new(),
        };
        let provenance = Provenance {
            when,
            copies: Copies::default(),
            low_confidence: 0.5,
        };
        Index::from_parts(
            articles,
            Vec::new(),
            vec![actor],
            vec![topic],
            claims,
            provenance,
            None,
        )
    }

    #[test]
    fn an_actor_shifting_across_weeks_is_a_shift_not_a_disagreement() {
        use Stance::*;
        // Support said on Tuesday 4 March, opposition on Tuesday 11 March: one outlet, then two.
        for second in [Some("Example Times"), Some("Other Post")] {
            let index = build(
                vec![
                    article("a1", Some("Example Times"), 4),
                    article("a2", second, 11),
                ],
                &[
                    ("a1", Support, 0.85, Some(4)),
                    ("a2", Oppose, 0.85, Some(11)),
                ],
            );
            let position = index.position("a", "t");
            assert!(!position.disagree, "{second:?}");
            let timeline = index.timeline(&position.claims);
            assert_eq!(timeline.shifts.len(), 1, "{second:?}");
            assert!(timeline.disagreements.is_empty(), "{second:?}");
            // Its confident evidence is on both sides: mixed, with the shift to say when.
            assert_eq!(position.stance, Some(Mixed));
        }
        // Undated statements in articles of different weeks: neither a shift nor a disagreement.
        let index = build(
            vec![
                article("a1", Some("Example Times"), 4),
                article("a2", Some("Other Post"), 12),
            ],
            &[("a1", Support, 0.85, None), ("a2", Oppose, 0.85, None)],
        );
        let position = index.position("a", "t");
        assert!(!position.disagree);
        let timeline = index.timeline(&position.claims);
        assert!(timeline.shifts.is_empty() && timeline.disagreements.is_empty());
        // Two days of one week in two outlets, each statement dated: a shift, not a disagreement.
        let index = build(
            vec![
                article("a1", Some("Example Times"), 4),
                article("a2", Some("Other Post"), 5),
            ],
            &[
                ("a1", Support, 0.85, Some(3)),
                ("a2", Oppose, 0.85, Some(4)),
            ],
        );
        let position = index.position("a", "t");
        assert!(!position.disagree);
        assert_eq!(index.timeline(&position.claims).shifts.len(), 1);
    }

    #[test]
    fn same_week_opposite_claims_from_different_outlets_are_a_disagreement() {
        use Stance::*;
        let index = build(
            vec![
                article("a1", Some("Example Times"), 4),
                article("a2", Some("Other Post"), 6),
            ],
            &[("a1", Support, 0.85, None), ("a2", Oppose, 0.8, None)],
        );
        let position = index.position("a", "t");
        assert!(position.disagree);
        assert_eq!(position.stance, Some(Mixed));
        let timeline = index.timeline(&position.claims);
        assert_eq!(timeline.disagreements.len(), 1);
        assert_eq!(timeline.disagreements[0].period.iso(), "2025-03-03");
        assert!(timeline.shifts.is_empty());
    }

    #[test]
    fn one_source_or_a_low_confidence_claim_is_not_a_disagreement() {
        use Stance::*;
        // One outlet, two articles of the same week.
        let same_outlet = build(
            vec![
                article("a1", Some("Example Times"), 4),
                article("a2", Some("The example times"), 6),
            ],
            &[("a1", Support, 0.85, None), ("a2", Oppose, 0.8, None)],
        );
        // One article saying both.
        let same_article = build(
            vec![article("a1", Some("Example Times"), 4)],
            &[("a1", Support, 0.85, None), ("a1", Oppose, 0.8, None)],
        );
        // Two outlets, the dissent of low confidence.
        let low = build(
            vec![
                article("a1", Some("Example Times"), 4),
                article("a2", Some("Other Post"), 6),
            ],
            &[("a1", Support, 0.85, None), ("a2", Oppose, 0.3, None)],
        );
        for index in [same_outlet, same_article, low] {
            let position = index.position("a", "t");
            assert!(!position.disagree);
            assert!(index.timeline(&position.claims).disagreements.is_empty());
        }
        let low = build(
            vec![
                article("a1", Some("Example Times"), 4),
                article("a2", Some("Other Post"), 6),
            ],
            &[("a1", Support, 0.85, None), ("a2", Oppose, 0.3, None)],
        );
        assert_eq!(low.position("a", "t").stance, Some(Support));
        let confident = low.position_where("a", "t", &low.confident_only());
        assert_eq!(
            (confident.stance, confident.disagree),
            (Some(Support), false)
        );
    }

    #[test]
    fn positions_decided_at_indexing_are_what_their_claims_decide() {
        use Stance::*;
        let index = build(
            vec![
                article("a1", Some("Example Times"), 4),
                article("a2", Some("Other Post"), 6),
                article("a3", Some("Other Post"), 20),
            ],
            &[
                ("a1", Support, 0.85, None),
                ("a2", Oppose, 0.45, None),
                ("a3", Oppose, 0.8, Some(19)),
            ],
        );
        for filter in [ClaimFilter::default(), index.confident_only()] {
            let p = index.position_where("a", "t", &filter);
            let fresh = index.summary(&p.claims);
            assert_eq!((p.stance, p.disagree), (fresh.stance, fresh.disagree));
        }
        let odd = ClaimFilter {
            min_confidence: Some(0.4),
        };
        let p = index.position_where("a", "t", &odd);
        assert_eq!(p.count(), 3);
        assert!(!p.disagree, "the low claim does not decide");
    }
}
