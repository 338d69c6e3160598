//! Builders for what a reader needs to trust a position: the confidence choice from the query,
//! and the coverage, shifts, timeline and disagreeing sources of a position, as views.

use super::error::AppError;
use super::views::*;
use crate::extract::Claim;
use crate::index::query::Position;
use crate::index::timeline::{ClaimFilter, Dated, Timeline};
use crate::index::{Article, Index};
use crate::text::quotes;

/// Words kept from a quotation used as an excerpt.
const EXCERPT_WORDS: usize = 14;

/// The `confidence` query parameter: `high` hides low-confidence claims, `all` (or nothing)
/// shows every claim. Other parameters are left to the page.
pub fn confidence(
    index: &Index,
    query: Option<&str>,
) -> Result<(ClaimFilter, ConfidenceChoice), AppError> {
    let mut value = None;
    for (key, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if key == "confidence" {
            value = Some(v.trim().to_ascii_lowercase());
        }
    }
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
pub fn position_view(
    index: &Index,
    position: &Position<'_>,
    actor: &str,
    topic: &str,
    choice: &ConfidenceChoice,
) -> PositionView {
    position_and_time(index, position, actor, topic, choice).0
}

/// A position view and its time view, from one timeline.
pub fn position_and_time(
    index: &Index,
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
    view.coverage = coverage_view(index, &position.claims);
    (view, time_view(index, &timeline))
}

/// The coverage of a set of claims as shown.
pub fn coverage_view(index: &Index, claims: &[&Claim]) -> CoverageView {
    let c = index.coverage(claims);
    let link = |id: &str| {
        let title = index.article(id).map_or(id, Article::title);
        Link::new(format!("/articles/{id}"), id, title)
    };
    CoverageView {
        articles: c.articles,
        outlets: c.outlets,
        unknown_outlet: c.unknown_outlet,
        reports: c.reports,
        copies: c.copies,
        sources: c
            .sources
            .iter()
            .map(|s| SourceView {
                article: link(s.article),
                outlet: s.outlet.map(str::to_string),
                copy_of: s.copy_of.map(link),
                claims: s.claims,
            })
            .collect(),
    }
}

/// The timeline, shifts and disagreeing sources of a position.
pub fn time_view(index: &Index, timeline: &Timeline<'_>) -> TimeView {
    TimeView {
        timeline: timeline
            .dated
            .iter()
            .map(|d| TimelineEntry {
                when: WhenView::new(d.when),
                claim: ClaimView::new(index, d.claim),
            })
            .collect(),
        shifts: timeline
            .shifts
            .iter()
            .map(|s| shift_view(index, s.from, s.to))
            .collect(),
        disagreements: timeline
            .disagreements
            .iter()
            .map(|d| DisagreementView {
                week: d.period.iso(),
                favour: d.favour.iter().map(|c| ClaimView::new(index, c)).collect(),
                against: d.against.iter().map(|c| ClaimView::new(index, c)).collect(),
            })
            .collect(),
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
pub fn excerpt(passage: &str) -> Option<String> {
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
