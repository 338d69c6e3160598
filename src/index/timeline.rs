//! Time: each article's publication date and each statement's date, read once at indexing, and
//! what they show about a position: its timeline, its shifts, and the sources that disagree.
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
//!   (two dated statements, one strictly before the other).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::coverage::Copies;
use super::{Article, Index};
use crate::config::Config;
use crate::corpus::dates::date_article;
use crate::extract::when::{StatementDate, StatementDater};
use crate::extract::{Claim, Stance};
use crate::text::dates::{Period, Precision};

/// What indexing learns about time and provenance.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// Statement dates by article id, then sentence index.
    when: HashMap<String, HashMap<usize, StatementDate>>,
    pub(super) copies: Copies,
    /// Confidence below which a claim is marked as low confidence.
    low_confidence: f32,
}

impl Provenance {
    /// The date of the statement in one sentence of an article, when it anchors one.
    pub(super) fn statement_date(&self, article: &str, sentence: usize) -> Option<&StatementDate> {
        self.when.get(article)?.get(&sentence)
    }

    /// Dates every article (into its metadata) and every claim's statement, and groups copies.
    pub fn build(articles: &mut [Article], claims: &[Claim], config: &Config) -> Provenance {
        let dater = StatementDater::new(config);
        articles
            .par_iter_mut()
            .for_each(|a| date_article(dater.lexicon(), &a.text, &a.blocks, &mut a.meta));
        let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
        // Each claim's sentence once, then dated in parallel.
        let mut sentences: Vec<(&str, usize)> = claims
            .iter()
            .map(|c| (c.article.as_str(), c.sentence))
            .collect();
        sentences.dedup();
        let dated: Vec<(&str, usize, StatementDate)> = sentences
            .par_iter()
            .filter_map(|&(id, index)| {
                let a = by_id.get(id)?;
                let sentence = a.sentences.get(index)?;
                let published = a.meta.published.as_ref().map(|p| &p.period);
                let date = dater.date(a.sentence_text(sentence), published)?;
                Some((id, index, date))
            })
            .collect();
        let mut when: HashMap<String, HashMap<usize, StatementDate>> = HashMap::new();
        for (id, index, date) in dated {
            when.entry(id.to_string()).or_default().insert(index, date);
        }
        Provenance {
            when,
            copies: Copies::build(articles, claims),
            low_confidence: config.evidence.low_confidence,
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
pub fn polarity(stance: Stance) -> Option<bool> {
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

    /// An actor's position on a topic with only the claims the filter keeps.
    pub fn position_where<'a>(
        &'a self,
        actor: &'a str,
        topic: &'a str,
        filter: &ClaimFilter,
    ) -> super::query::Position<'a> {
        let mut position = self.position(actor, topic);
        if filter.min_confidence.is_some() {
            position.claims.retain(|c| filter.keeps(c));
            let (stance, disagree) = super::query::summarize(&position.claims);
            position.stance = stance;
            position.disagree = disagree;
            position.articles = position
                .claims
                .iter()
                .map(|c| c.article.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len();
        }
        position
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
        Timeline {
            shifts: shifts(&dated),
            disagreements: self.disagreements(claims),
            dated,
        }
    }

    fn disagreements<'a>(&'a self, claims: &[&'a Claim]) -> Vec<Disagreement<'a>> {
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
