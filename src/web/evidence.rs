//! Builders for what a reader needs to trust a position: the confidence choice from the query,
//! and the coverage, shifts, timeline and disagreeing sources of a position, as views.

use super::chart;
use super::error::AppError;
use super::paging::{self, Paged};
use super::urls;
use super::views::*;
use crate::config::Limits;
use crate::extract::{Actor, Claim};
use crate::index::Position;
use crate::index::{Article, Index};
use crate::index::{ClaimFilter, Dated, Timeline};
use crate::text::quotes;

/// Words kept from a quotation used as an excerpt.
const EXCERPT_WORDS: usize = 14;
/// Shifts told in a cell: the latest ones.
pub(super) const SHIFTS_SHOWN: usize = 3;
/// Evidence cards of disagreeing sources in a cell, over its latest weeks of disagreement.
pub(super) const DISAGREEMENT_CARDS: usize = 4;

/// The confidence choice from the value of `confidence`, if given.
pub(super) fn choose(
    index: &Index,
    value: Option<&str>,
) -> Result<(ClaimFilter, ConfidenceChoice), AppError> {
    let value = value.map(str::to_ascii_lowercase);
    match value.as_deref() {
        None | Some("" | "all") => Ok((ClaimFilter::default(), ConfidenceChoice::default())),
        Some("high") => Ok((
            index.confident_only(),
            ConfidenceChoice {
                high_only: true,
                query: "?confidence=high".into(),
            },
        )),
        Some(other) => Err(AppError::unknown_confidence(other)),
    }
}

/// A position with its coverage and shift marker, linking to its evidence with the choice kept.
pub(super) fn position_view(
    index: &Index,
    limits: &Limits,
    position: &Position<'_>,
    actor: &str,
    topic: &str,
    choice: &ConfidenceChoice,
) -> PositionView {
    position_and_time(index, limits, position, actor, topic, choice).0
}

/// A position view and its time view, from one timeline.
pub(super) fn position_and_time(
    index: &Index,
    limits: &Limits,
    position: &Position<'_>,
    actor: &str,
    topic: &str,
    choice: &ConfidenceChoice,
) -> (PositionView, TimeView) {
    let mut view = PositionView::new(position, actor, topic);
    view.href.push_str(&choice.query);
    if position.claims.is_empty() {
        return (view, TimeView::default());
    }
    let timeline = index.timeline(&position.claims);
    view.shifts = timeline.shifts.len();
    view.source_disagreements = timeline.disagreements.len();
    view.shift = timeline
        .shifts
        .last()
        .map(|s| shift_view(index, s.from, s.to));
    let mut pairs = vec![("actor", actor.to_string()), ("topic", topic.to_string())];
    pairs.extend(choice.pairs());
    view.coverage = coverage_view(
        index,
        &position.claims,
        limits.sources_per_cell,
        paging::href(urls::ARTICLES, &pairs, 1),
    );
    let id = format!("chart-{topic}-{actor}");
    (
        view,
        time_view(index, &timeline, limits.claims_per_page, id),
    )
}

/// One actor's position on a topic with one page of its claims (`paged` gives the page and its
/// size; its total is replaced by the position's).
pub(super) fn cell(
    index: &Index,
    limits: &Limits,
    actor: &Actor,
    topic: &str,
    position: &Position<'_>,
    paged: Paged,
    choice: &ConfidenceChoice,
) -> CompareCell {
    let (view, time) = position_and_time(index, limits, position, &actor.id, topic, choice);
    let paged = paged.of(position.claims.len());
    let own = urls::position(&actor.id, topic);
    let pairs = choice.pairs();
    CompareCell {
        actor: Link::actor(&actor.id, &actor.name),
        topic: Link::topic(index, topic),
        position: view,
        claims: paged
            .slice(&position.claims)
            .iter()
            .map(|c| ClaimView::new(index, c))
            .collect(),
        shown: paged.view(|p| paging::href(&own, &pairs, p)),
        time,
    }
}

/// The coverage of a set of claims as shown: its first `max` sources, and `href` for them all.
pub(super) fn coverage_view(
    index: &Index,
    claims: &[&Claim],
    max: usize,
    href: String,
) -> CoverageView {
    let c = index.coverage(claims);
    let link = |id: &str| {
        let title = index.article(id).map_or(id, Article::title);
        Link::new(urls::article(id), id, title)
    };
    CoverageView {
        articles: c.articles,
        outlets: c.outlets,
        unknown_outlet: c.unknown_outlet,
        unnamed: c.unnamed,
        reports: c.reports,
        copies: c.copies,
        sources: c
            .sources
            .iter()
            .take(max)
            .map(|s| SourceView {
                article: link(s.article),
                outlet: s.outlet.map(str::to_string),
                copy_of: s.copy_of.map(link),
                claims: s.claims,
            })
            .collect(),
        more_sources: c.sources.len().saturating_sub(max),
        sources_href: href,
    }
}

/// The timeline, shifts and disagreeing sources of a position: the latest `max` dated claims,
/// the latest [`SHIFTS_SHOWN`] shifts, and the latest weeks of disagreement with at most
/// [`DISAGREEMENT_CARDS`] claims between them; the dated claims also as a chart.
pub(super) fn time_view(
    index: &Index,
    timeline: &Timeline<'_>,
    max: usize,
    chart_id: String,
) -> TimeView {
    let earlier = |n: usize, shown: usize| n.saturating_sub(shown);
    let dated = &timeline.dated[earlier(timeline.dated.len(), max)..];
    let mut disagreements = Vec::new();
    let mut budget = DISAGREEMENT_CARDS;
    for d in timeline.disagreements.iter().rev() {
        if budget == 0 {
            break;
        }
        let side = (budget / 2).max(1);
        let favour: Vec<ClaimView> = d
            .favour
            .iter()
            .take(side)
            .map(|c| ClaimView::new(index, c))
            .collect();
        let against: Vec<ClaimView> = d
            .against
            .iter()
            .take(side)
            .map(|c| ClaimView::new(index, c))
            .collect();
        budget = budget.saturating_sub(favour.len() + against.len());
        disagreements.push(DisagreementView {
            week: d.period.iso(),
            more_favour: d.favour.len() - favour.len(),
            more_against: d.against.len() - against.len(),
            favour,
            against,
        });
    }
    disagreements.reverse();
    TimeView {
        chart: chart::chart(index, chart_id, dated, &timeline.shifts),
        timeline: dated
            .iter()
            .map(|d| TimelineEntry {
                when: WhenView::new(d.when),
                claim: ClaimView::new(index, d.claim),
            })
            .collect(),
        dated: timeline.dated.len(),
        shifts: timeline.shifts[earlier(timeline.shifts.len(), SHIFTS_SHOWN)..]
            .iter()
            .map(|s| shift_view(index, s.from, s.to))
            .collect(),
        earlier_shifts: earlier(timeline.shifts.len(), SHIFTS_SHOWN),
        earlier_disagreements: timeline.disagreements.len() - disagreements.len(),
        disagreements,
    }
}

fn shift_view(index: &Index, from: Dated<'_>, to: Dated<'_>) -> ShiftView {
    ShiftView {
        actor: Link::actor(&to.claim.actor.id, &to.claim.actor.name),
        topic: Link::topic(index, &to.claim.topic),
        from: moment(index, from),
        to: moment(index, to),
    }
}

fn moment(index: &Index, d: Dated<'_>) -> MomentView {
    MomentView {
        stance: d.claim.stance.as_str(),
        when: WhenView::new(d.when),
        outlet: index
            .article(&d.claim.article)
            .and_then(|a| a.meta.outlet.clone()),
        excerpt: excerpt(&d.claim.evidence),
        href: evidence_href(d.claim),
    }
}

/// The first quotation in a passage, cut to a few words, as a reader would cite it.
pub(super) fn excerpt(passage: &str) -> Option<String> {
    let whole = crate::text::Span::new(0, passage.len());
    let q = quotes(passage, whole).into_iter().next()?;
    let inner = passage.get(q.inner.range())?.trim();
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let mut out = words[..words.len().min(EXCERPT_WORDS)].join(" ");
    if words.len() > EXCERPT_WORDS {
        out.push('…');
    }
    Some(
        out.trim_end_matches([',', ';', ':'])
            .trim_end_matches('.')
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_quotations() {
        assert_eq!(
            excerpt("“There will be no boots on the ground,” Trump said.").as_deref(),
            Some("There will be no boots on the ground")
        );
        assert_eq!(excerpt("Trump said there would be no troops."), None);
    }
}
