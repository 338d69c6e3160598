//! A comparison's downloads, next to its permalink: `/compare/{actors}/{topics}/export.csv`,
//! `export.json` (the API's answer, as a file) and `card.svg`, the share image that the
//! comparison page names as its Open Graph image. Each keeps `?confidence=high`.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::{AppError, Problem};
use super::pages::{origin, unless_canonical};
use super::params::{Confidence, Param};
use super::selection::Selection;
use super::urls;
use super::views::{
    CardCell, CardColumn, CardRow, CardView, evidence_href, source_url, stance_key,
    text_fragment_url,
};
use crate::index::ClaimFilter;
use crate::index::Index;

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "topic",
    "actor",
    "position",
    "stance",
    "kind",
    "confidence",
    "low_confidence",
    "statement_date",
    "statement_precision",
    "statement_anchor",
    "published",
    "article",
    "title",
    "outlet",
    "evidence",
    "span_start",
    "span_end",
    "sentence",
    "evidence_url",
    "source_url",
    "source_fragment",
    "cues",
];

/// `GET /compare/{actors}/{topics}/{file}`: a download of the comparison.
pub(crate) async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Param((actors, topics, file)): Param<(String, String, String)>,
    Confidence { filter, choice }: Confidence,
) -> Result<Response, AppError> {
    let index = &state.index;
    let selection = Selection::from_path(index, &state.config.limits, &actors, &topics)?;
    let canonical = selection.canonical();
    if !matches!(file.as_str(), "export.csv" | "export.json" | "card.svg") {
        return Err(AppError::unknown_export(&canonical, &file));
    }
    let asked = format!("{actors}/{topics}");
    let target = urls::download(&canonical, &file);
    if let Some(redirect) = unless_canonical(&asked, &canonical, &target, &choice.pairs()) {
        return Ok(redirect);
    }
    let origin = origin(&headers).unwrap_or_default();
    let name = format!("standpoint-{}", canonical.replace(['/', '+'], "_"));
    match file.as_str() {
        "export.csv" => Ok(attachment(
            "text/csv; charset=utf-8",
            &format!("{name}.csv"),
            csv(index, &selection, &filter, &origin),
        )),
        "export.json" => {
            let body = super::api::compare_download(index, &selection, &filter, &choice.query)?;
            let text = serde_json::to_string_pretty(&body).map_err(|err| {
                tracing::error!(%err, "serializing a comparison");
                AppError::new(Problem::Internal)
            })?;
            Ok(attachment(
                "application/json",
                &format!("{name}.json"),
                text,
            ))
        }
        _ => {
            let svg = card(index, &selection, &filter).render().map_err(|err| {
                tracing::error!(%err, "rendering the share card");
                AppError::new(Problem::Internal)
            })?;
            Ok((
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("image/svg+xml; charset=utf-8"),
                )],
                svg,
            )
                .into_response())
        }
    }
}

fn attachment(content_type: &'static str, file: &str, body: String) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// One CSV field: quoted when it holds a comma, quote or line break; text that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`.
pub fn csv_field(value: &str, text: bool) -> String {
    let guarded = if text && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The comparison as CSV: a row per claim, and a row for each cell without any.
fn csv(index: &Index, selection: &Selection<'_>, filter: &ClaimFilter, origin: &str) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for t in &selection.topics {
        for a in &selection.actors {
            let position = index.position_where(&a.id, &t.id, filter);
            let summary = stance_key(position.stance);
            if position.claims.is_empty() {
                let mut row = vec![String::new(); CSV_COLUMNS.len()];
                row[0] = csv_field(&t.id, true);
                row[1] = csv_field(&a.id, true);
                row[2] = summary.to_string();
                out.push_str(&row.join(","));
                out.push_str("\r\n");
                continue;
            }
            for c in &position.claims {
                let article = index.article(&c.article);
                let meta = article.map(|a| &a.meta);
                let when = index.statement_date(c);
                let text = |s: &str| csv_field(s, true);
                let row = [
                    text(&t.id),
                    text(&a.id),
                    summary.to_string(),
                    c.stance.as_str().to_string(),
                    c.kind.as_str().to_string(),
                    format!("{:.2}", c.confidence),
                    index.is_low_confidence(c).to_string(),
                    when.map(|w| w.period.iso()).unwrap_or_default(),
                    when.map(|w| w.period.precision.as_str())
                        .unwrap_or_default()
                        .to_string(),
                    text(when.map_or("", |w| w.anchor.as_str())),
                    meta.and_then(|m| m.published)
                        .map(|p| p.period.iso())
                        .unwrap_or_default(),
                    text(&c.article),
                    text(article.map_or("", |a| a.title())),
                    text(meta.and_then(|m| m.outlet.as_deref()).unwrap_or("")),
                    text(&c.evidence),
                    c.span.start.to_string(),
                    c.span.end.to_string(),
                    c.sentence.to_string(),
                    text(&format!("{origin}{}", evidence_href(c))),
                    text(&meta.and_then(source_url).unwrap_or_default()),
                    text(
                        &meta
                            .and_then(|m| text_fragment_url(m, &c.evidence))
                            .unwrap_or_default(),
                    ),
                    text(&c.cues.join("; ")),
                ];
                out.push_str(&row.join(","));
                out.push_str("\r\n");
            }
        }
    }
    out
}

/// Most actors and topics the card has room for.
const CARD_ACTORS: usize = 5;
const CARD_TOPICS: usize = 6;

/// Cuts `s` to at most `max` characters, with an ellipsis when cut.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The share card: actors across, topics down, a stance in each cell.
fn card(index: &Index, selection: &Selection<'_>, filter: &ClaimFilter) -> CardView {
    let (width, height) = (1200, 630);
    let actors: Vec<_> = selection.actors.iter().take(CARD_ACTORS).collect();
    let topics: Vec<_> = selection.topics.iter().take(CARD_TOPICS).collect();
    let (left, top, bottom, margin) = (300, 190, 70, 40);
    let cell_width = (width - left - margin) / actors.len().max(1);
    let row_height = ((height - top - bottom) / topics.len().max(1)).min(90);
    let mut claims = std::collections::BTreeSet::new();
    let rows: Vec<CardRow> = topics
        .iter()
        .enumerate()
        .map(|(r, t)| CardRow {
            y: top + r * row_height,
            topic: fit(&t.name, 24),
            cells: actors
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let p = index.position_where(&a.id, &t.id, filter);
                    let shifted =
                        !p.claims.is_empty() && !index.position_timeline(&p).shifts.is_empty();
                    claims.extend(
                        p.claims
                            .iter()
                            .map(|c| (c.article.as_str(), c.span, &c.actor.id, &c.topic)),
                    );
                    CardCell {
                        x: left + i * cell_width,
                        stance: stance_key(p.stance),
                        shifted,
                    }
                })
                .collect(),
        })
        .collect();
    let articles = claims
        .iter()
        .map(|c| c.0)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let names: Vec<&str> = selection.actors.iter().map(|a| a.name.as_str()).collect();
    CardView {
        width,
        height,
        cell_width,
        row_height,
        title: fit(&names.join(" · "), 60),
        columns: actors
            .iter()
            .enumerate()
            .map(|(i, a)| CardColumn {
                x: left + i * cell_width + cell_width / 2,
                name: fit(&a.name, (cell_width / 13).max(4)),
            })
            .collect(),
        any_shift: rows.iter().any(|r| r.cells.iter().any(|c| c.shifted)),
        rows,
        more_actors: selection.actors.len() - actors.len(),
        more_topics: selection.topics.len() - topics.len(),
        claims: claims.len(),
        articles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_guarded() {
        assert_eq!(csv_field("plain", true), "plain");
        assert_eq!(csv_field("a, b", true), "\"a, b\"");
        assert_eq!(csv_field("say \"no\"", true), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)", true), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1", false), "-1");
        assert_eq!(csv_field("line\nbreak", true), "\"line\nbreak\"");
    }
}
