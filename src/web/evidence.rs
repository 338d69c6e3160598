//! Builders for what a reader needs to trust a position: the confidence choice from the query,
//! and the coverage, shifts, timeline and disagreeing sources of a position, as views.

use super::chart;
use super::error::AppError;
use super::paging::{self, Paged};
use super::urls;
use super::views::*;
use crate::config::Limits;
use crate::extract::Actor;
use crate::index::{Article, Index};
use crate::index::{ClaimFilter, Dated, Timeline};
use crate::index::{Coverage, Marks, Position, TimeCounts};
use crate::text::quotes;

/// Words kept from a quotation used as an excerpt.
const EXCERPT_WORDS: usize = 14;
/// Shifts told in a cell: the latest ones.
pub(super) const SHIFTS_SHOWN: usize = 3;
/// Evidence cards of disagreeing sources in a cell, over its latest weeks of disagreement.
pub(super) const DISAGREEMENT_CARDS: usize = 4;

/// How much of a position's time a cell tells: its latest `dated` claims (listed and drawn) and
/// at most `cards` evidence cards of disagreeing sources.
#[derive(Debug, Clone, Copy)]
pub(super) struct TimeSize {
    pub dated: usize,
    pub cards: usize,
}

/// What a cell of a comparison of several cells tells of its time; its own comparison tells
/// more.
const DIGEST_TIME: TimeSize = TimeSize {
    dated: 10,
    cards: 2,
};

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
    let mut view = PositionView::new(position, actor, topic);
    view.href.push_str(&choice.query);
    if !position.claims.is_empty() {
        let marks = index.position_marks(position);
        let pairs = sources_pairs(actor, topic, choice);
        fill_position(index, limits, position, marks, pairs, &mut view);
    }
    view
}

/// A position view and its time view of `size`, from one timeline.
pub(super) fn position_and_time(
    index: &Index,
    limits: &Limits,
    position: &Position<'_>,
    (actor, topic): (&str, &str),
    choice: &ConfidenceChoice,
    size: TimeSize,
) -> (PositionView, TimeView) {
    let mut view = PositionView::new(position, actor, topic);
    view.href.push_str(&choice.query);
    if position.claims.is_empty() {
        return (view, TimeView::default());
    }
    // A week of disagreement shows at least one card: no more than `size.cards` weeks show.
    let (timeline, counts) = index.position_latest_time(position, size.dated, size.cards);
    let marks = Marks {
        shifts: timeline.shifts.len(),
        disagreements: counts.disagreements,
        last_shift: timeline.shifts.last().copied(),
    };
    let pairs = sources_pairs(actor, topic, choice);
    fill_position(index, limits, position, marks, pairs, &mut view);
    let id = format!("chart-{topic}-{actor}");
    (view, time_view(index, (&timeline, counts), size, id))
}

/// The counts, latest shift and coverage of a position view.
fn fill_position(
    index: &Index,
    limits: &Limits,
    position: &Position<'_>,
    marks: Marks<'_>,
    pairs: Vec<(&'static str, String)>,
    view: &mut PositionView,
) {
    view.shifts = marks.shifts;
    view.source_disagreements = marks.disagreements;
    view.shift = marks.last_shift.map(|s| shift_view(index, s.from, s.to));
    view.coverage = coverage_view(
        index,
        index.position_coverage(position, limits.sources_per_cell),
        limits.sources_per_cell,
        paging::href(urls::ARTICLES, &pairs, 1),
    );
}

/// The query of the list of a position's sources: its actor and topic, and the choice.
fn sources_pairs(
    actor: &str,
    topic: &str,
    choice: &ConfidenceChoice,
) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("actor", actor.to_string()), ("topic", topic.to_string())];
    pairs.extend(choice.pairs());
    pairs
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
    let size = TimeSize {
        dated: limits.claims_per_page,
        cards: DISAGREEMENT_CARDS,
    };
    let cell = (actor.id.as_str(), topic);
    let (view, time) = position_and_time(index, limits, position, cell, choice, size);
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
        all: None,
        time,
        slot: false,
    }
}

/// Claims each cell shows in a comparison of several cells: its strongest ([`Index::strongest`]); the
/// cell's own comparison lists them all.
pub(super) const DIGEST_CLAIMS: usize = 3;

/// One actor's position on a topic in a comparison of several cells: its summary and time view
/// as [`cell`] gives them, its [`DIGEST_CLAIMS`] strongest claims, and, when some are not shown,
/// a link to the cell's own comparison, which lists every claim a page at a time.
pub(super) fn digest_cell(
    index: &Index,
    limits: &Limits,
    actor: &Actor,
    topic: &str,
    position: &Position<'_>,
    choice: &ConfidenceChoice,
) -> CompareCell {
    let cell = (actor.id.as_str(), topic);
    let (view, time) = position_and_time(index, limits, position, cell, choice, DIGEST_TIME);
    let claims = index.position_strongest(position, DIGEST_CLAIMS);
    let all = (claims.len() < position.claims.len())
        .then(|| urls::position(&actor.id, topic) + &choice.query);
    CompareCell {
        actor: Link::actor(&actor.id, &actor.name),
        topic: Link::topic(index, topic),
        position: view,
        claims: claims.iter().map(|c| ClaimView::new(index, c)).collect(),
        shown: PagerView::default(),
        all,
        time,
        slot: false,
    }
}

/// A coverage as shown: its first `max` sources, and `href` for them all.
pub(super) fn coverage_view(
    index: &Index,
    c: Coverage<'_>,
    max: usize,
    href: String,
) -> CoverageView {
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
        more_sources: c.articles.saturating_sub(max),
        sources_href: href,
    }
}

/// The timeline, shifts and disagreeing sources of a position: the latest `size.dated` dated
/// claims, the latest [`SHIFTS_SHOWN`] shifts, and the latest weeks of disagreement with at most
/// `size.cards` claims between them; the dated claims also as a chart. The timeline may hold
/// only the latest of its dated claims and weeks; `counts` says how many there are in all.
pub(super) fn time_view(
    index: &Index,
    (timeline, counts): (&Timeline<'_>, TimeCounts),
    size: TimeSize,
    chart_id: String,
) -> TimeView {
    let earlier = |n: usize, shown: usize| n.saturating_sub(shown);
    let dated = &timeline.dated[earlier(timeline.dated.len(), size.dated)..];
    let mut disagreements = Vec::new();
    let mut budget = size.cards;
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
                stance: d.claim.stance.as_str(),
                href: evidence_href(d.claim),
                outlet: index
                    .article_of(d.claim)
                    .and_then(|a| a.meta.outlet.clone()),
                low: index.is_low_confidence(d.claim),
            })
            .collect(),
        dated: counts.dated,
        shifts: timeline.shifts[earlier(timeline.shifts.len(), SHIFTS_SHOWN)..]
            .iter()
            .map(|s| shift_view(index, s.from, s.to))
            .collect(),
        earlier_shifts: earlier(timeline.shifts.len(), SHIFTS_SHOWN),
        earlier_disagreements: counts.disagreements - disagreements.len(),
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
            .article_of(d.claim)
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
