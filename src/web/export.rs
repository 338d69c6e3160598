//! A comparison's downloads, next to its permalink: `/compare/{actors}/{topics}/export.csv`,
//! `export.json` (the API's answer, as a file), and the share card as `card.svg` and as
//! `card.png`, the image the comparison page names as its Open Graph image (see [`super::card`]).
//! Each keeps `?confidence=high`.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::card;
use super::error::{AppError, Problem};
use super::pages::unless_canonical;
use super::params::{Confidence, Param};
use super::selection::Selection;
use super::urls;
use super::views::{CardView, evidence_href, source_url, stance_key, text_fragment_url};
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
    if !urls::DOWNLOADS.contains(&file.as_str()) {
        return Err(AppError::unknown_export(&canonical, &file));
    }
    let asked = format!("{actors}/{topics}");
    let target = urls::download(&canonical, &file);
    if let Some(redirect) = unless_canonical(&asked, &canonical, &target, &choice.pairs()) {
        return Ok(redirect);
    }
    let origin = state.origin.resolve(&headers).unwrap_or_default();
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
        "card.svg" => {
            let svg = card::svg(&card_view(index, &selection, &filter)?).map_err(card_failed)?;
            Ok(image("image/svg+xml; charset=utf-8", svg.into()))
        }
        _ => {
            let view = card_view(index, &selection, &filter)?;
            // Drawing takes some milliseconds: off the async workers. The response cache keeps
            // the bytes, so each comparison is drawn once.
            let png =
                tokio::task::spawn_blocking(move || card::svg(&view).and_then(|s| card::png(&s)))
                    .await
                    .map_err(|err| {
                        tracing::error!(%err, "drawing the share card");
                        AppError::new(Problem::Internal)
                    })?
                    .map_err(card_failed)?;
            Ok(image("image/png", png))
        }
    }
}

fn card_failed(err: card::CardError) -> AppError {
    tracing::error!(%err, "making the share card");
    AppError::new(Problem::Internal)
}

fn image(content_type: &'static str, body: Vec<u8>) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
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

/// The share card's layout: the comparison's actors and topics in the reader's order, and the
/// stance of each cell the card has room for.
fn card_view(
    index: &Index,
    selection: &Selection<'_>,
    filter: &ClaimFilter,
) -> Result<CardView, AppError> {
    let mut claims = std::collections::BTreeSet::new();
    let cells = selection
        .topics
        .iter()
        .take(card::MAX_TOPICS)
        .map(|t| {
            selection
                .actors
                .iter()
                .take(card::MAX_ACTORS)
                .map(|a| {
                    let p = index.position_where(&a.id, &t.id, filter);
                    let shifted =
                        !p.claims.is_empty() && !index.timeline(&p.claims).shifts.is_empty();
                    claims.extend(
                        p.claims
                            .iter()
                            .map(|c| (c.article.as_str(), c.span, &c.actor.id, &c.topic)),
                    );
                    (stance_key(p.stance), shifted)
                })
                .collect()
        })
        .collect();
    let articles = claims
        .iter()
        .map(|c| c.0)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let input = card::CardInput {
        actors: selection.actors.iter().map(|a| a.name.clone()).collect(),
        topics: selection.topics.iter().map(|t| t.name.clone()).collect(),
        cells,
        claims: claims.len(),
        articles,
    };
    card::layout(&input).map_err(card_failed)
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
