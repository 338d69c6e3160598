//! The JSON API under `/api/v1`: the same data as the pages, from the same index queries.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use super::error::{AppError, Problem};
use super::selection::{Selection, parse_form};
use super::views::{evidence_href, source_url, stance_key, text_fragment_url};
use crate::corpus::Metadata;
use crate::corpus::dates::Published;
use crate::extract::when::StatementDate;
use crate::extract::{Actor, Claim, Stance};
use crate::index::coverage::Coverage;
use crate::index::query::Position;
use crate::index::timeline::ClaimFilter;
use crate::index::{Index, Topic};

type ApiResult = Result<Response, AppError>;

fn param<T>(path: Result<Path<T>, PathRejection>) -> Result<T, AppError> {
    path.map(|Path(p)| p)
        .map_err(|_| AppError::new(Problem::BadEncoding).json())
}

fn ok<T: Serialize>(value: T) -> ApiResult {
    Ok(Json(value).into_response())
}

/// A claim with the link to its evidence, its date and its source.
#[derive(Serialize)]
pub(crate) struct ClaimJson<'a> {
    #[serde(flatten)]
    pub(crate) claim: &'a Claim,
    /// `/articles/{id}#s-{sentence}`.
    pub(crate) href: String,
    /// When the statement was made, if its sentence says (`null`: unknown).
    pub(crate) when: Option<&'a StatementDate>,
    pub(crate) outlet: Option<&'a str>,
    /// The article's publication date.
    pub(crate) published: Option<&'a Published>,
    /// True when the confidence is below `evidence.low_confidence`.
    pub(crate) low_confidence: bool,
    /// The original page, and the same page scrolled to the evidence (a text fragment).
    pub(crate) source_url: Option<String>,
    pub(crate) source_fragment: Option<String>,
}

impl<'a> ClaimJson<'a> {
    pub(crate) fn new(index: &'a Index, claim: &'a Claim) -> Self {
        let article = index.article(&claim.article);
        ClaimJson {
            claim,
            href: evidence_href(claim),
            when: index.statement_date(claim),
            outlet: article.and_then(|a| a.meta.outlet.as_deref()),
            published: article.and_then(|a| a.meta.published.as_ref()),
            low_confidence: index.is_low_confidence(claim),
            source_url: article.and_then(|a| source_url(&a.meta)),
            source_fragment: article.and_then(|a| text_fragment_url(&a.meta, &claim.evidence)),
        }
    }
}

/// One side of a shift or of a disagreement.
#[derive(Serialize)]
struct MomentJson<'a> {
    stance: Stance,
    when: Option<&'a StatementDate>,
    article: &'a str,
    outlet: Option<&'a str>,
    href: String,
}

fn moment_json<'a>(index: &'a Index, claim: &'a Claim) -> MomentJson<'a> {
    MomentJson {
        stance: claim.stance,
        when: index.statement_date(claim),
        article: &claim.article,
        outlet: index
            .article(&claim.article)
            .and_then(|a| a.meta.outlet.as_deref()),
        href: evidence_href(claim),
    }
}

#[derive(Serialize)]
struct ShiftJson<'a> {
    from: MomentJson<'a>,
    to: MomentJson<'a>,
}

#[derive(Serialize)]
struct DisagreementJson<'a> {
    /// The Monday of the week in which the sources disagree.
    week: String,
    favour: Vec<MomentJson<'a>>,
    against: Vec<MomentJson<'a>>,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    file: &'a str,
    title: &'a str,
    #[serde(flatten)]
    meta: &'a Metadata,
    sentences: usize,
    claims: usize,
    href: String,
}

fn article_json<'a>(index: &Index, a: &'a crate::index::Article) -> ArticleJson<'a> {
    ArticleJson {
        id: &a.id,
        file: &a.file,
        title: a.title(),
        meta: &a.meta,
        sentences: a.sentences.len(),
        claims: index.claims_in(&a.id).count(),
        href: format!("/articles/{}", a.id),
    }
}

#[derive(Serialize)]
struct ActorJson<'a> {
    #[serde(flatten)]
    actor: &'a Actor,
    claims: usize,
    href: String,
}

fn actor_json<'a>(index: &Index, a: &'a Actor) -> ActorJson<'a> {
    ActorJson {
        actor: a,
        claims: index.claim_count(&a.id),
        href: format!("/actors/{}", a.id),
    }
}

#[derive(Serialize)]
struct TopicJson<'a> {
    #[serde(flatten)]
    topic: &'a Topic,
    claims: usize,
    href: String,
}

fn topic_json<'a>(index: &Index, t: &'a Topic) -> TopicJson<'a> {
    TopicJson {
        topic: t,
        claims: index.claims.iter().filter(|c| c.topic == t.id).count(),
        href: format!("/topics/{}", t.id),
    }
}

/// An actor's position on a topic.
#[derive(Serialize)]
struct PositionJson<'a> {
    actor: &'a str,
    topic: &'a str,
    /// `support`, `oppose`, `conditional`, `mixed`, `unclear`, or `none` (no statement).
    stance: &'static str,
    disagree: bool,
    articles: usize,
    /// Articles, outlets and independent reports (near-duplicate copies counted once).
    coverage: Coverage<'a>,
    /// Changes of position between dated statements, in date order.
    shifts: Vec<ShiftJson<'a>>,
    /// Weeks in which different sources report opposite positions.
    disagreements: Vec<DisagreementJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
}

fn position_json<'a>(
    index: &'a Index,
    actor: &'a str,
    topic: &'a str,
    p: Position<'a>,
) -> PositionJson<'a> {
    let timeline = index.timeline(&p.claims);
    PositionJson {
        actor,
        topic,
        stance: stance_key(p.stance),
        disagree: p.disagree,
        articles: p.articles,
        coverage: index.coverage(&p.claims),
        shifts: timeline
            .shifts
            .iter()
            .map(|s| ShiftJson {
                from: moment_json(index, s.from.claim),
                to: moment_json(index, s.to.claim),
            })
            .collect(),
        disagreements: timeline
            .disagreements
            .iter()
            .map(|d| DisagreementJson {
                week: d.period.iso(),
                favour: d.favour.iter().map(|c| moment_json(index, c)).collect(),
                against: d.against.iter().map(|c| moment_json(index, c)).collect(),
            })
            .collect(),
        claims: p
            .claims
            .into_iter()
            .map(|c| ClaimJson::new(index, c))
            .collect(),
    }
}

/// `GET /api/v1`: what the API offers.
pub(crate) async fn root() -> ApiResult {
    ok(serde_json::json!({
        "articles": "/api/v1/articles",
        "actors": "/api/v1/actors",
        "topics": "/api/v1/topics",
        "claims": "/api/v1/claims?actor=&topic=&stance=&article=",
        "grid": "/api/v1/grid",
        "compare": "/api/v1/compare/{actors}/{topics}?confidence=high|all",
        "downloads": "/compare/{actors}/{topics}/export.csv, export.json, card.svg",
    }))
}

/// `GET /api/v1/articles`.
pub(crate) async fn articles(State(state): State<AppState>) -> ApiResult {
    let index = &state.index;
    ok(serde_json::json!({
        "articles": index.articles.iter().map(|a| article_json(index, a)).collect::<Vec<_>>(),
        "skipped": &index.skipped,
    }))
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    index: usize,
    block: usize,
    role: &'static str,
    text: &'a str,
    href: String,
}

/// `GET /api/v1/articles/{id}`: metadata, sentences and claims.
pub(crate) async fn article(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let id = param(path)?;
    let index = &state.index;
    let a = index
        .article(&id)
        .ok_or_else(|| AppError::unknown_article(index, &id).json())?;
    ok(serde_json::json!({
        "article": article_json(index, a),
        "sentences": a.sentences.iter().map(|s| SentenceJson {
            index: s.index,
            block: s.block,
            role: s.role.as_str(),
            text: a.text.get(s.span.range()).unwrap_or_default(),
            href: format!("/articles/{}#s-{}", a.id, s.index),
        }).collect::<Vec<_>>(),
        "claims": index.claims_in(&a.id).map(|c| ClaimJson::new(index, c)).collect::<Vec<_>>(),
    }))
}

/// `GET /api/v1/actors`: every known actor, most-quoted first.
pub(crate) async fn actors(State(state): State<AppState>) -> ApiResult {
    let index = &state.index;
    ok(serde_json::json!({
        "actors": index.actors.iter().map(|a| actor_json(index, a)).collect::<Vec<_>>(),
    }))
}

/// `GET /api/v1/actors/{id}`: an actor and its position on every topic.
pub(crate) async fn actor(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let key = param(path)?;
    let index = &state.index;
    let a = index
        .actor(&key)
        .ok_or_else(|| AppError::unknown_actor(index, &key).json())?;
    if a.id != key {
        return Ok(super::pages::moved(&format!("/api/v1/actors/{}", a.id)));
    }
    ok(serde_json::json!({
        "actor": actor_json(index, a),
        "positions": index.topics.iter()
            .map(|t| position_json(index, &a.id, &t.id, index.position(&a.id, &t.id)))
            .collect::<Vec<_>>(),
    }))
}

/// `GET /api/v1/topics`.
pub(crate) async fn topics(State(state): State<AppState>) -> ApiResult {
    let index = &state.index;
    ok(serde_json::json!({
        "topics": index.topics.iter().map(|t| topic_json(index, t)).collect::<Vec<_>>(),
    }))
}

/// `GET /api/v1/topics/{id}`: a topic and every quoted actor's position on it.
pub(crate) async fn topic(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let key = param(path)?;
    let index = &state.index;
    let t = index
        .topic(&key)
        .ok_or_else(|| AppError::unknown_topic(index, &key).json())?;
    if t.id != key {
        return Ok(super::pages::moved(&format!("/api/v1/topics/{}", t.id)));
    }
    ok(serde_json::json!({
        "topic": topic_json(index, t),
        "positions": index.quoted_actors()
            .map(|a| position_json(index, &a.id, &t.id, index.position(&a.id, &t.id)))
            .filter(|p| !p.claims.is_empty())
            .collect::<Vec<_>>(),
    }))
}

/// `GET /api/v1/claims?actor=&topic=&stance=&article=`: claims matching every filter given.
pub(crate) async fn claims(State(state): State<AppState>, RawQuery(query): RawQuery) -> ApiResult {
    let index = &state.index;
    let mut actor = None;
    let mut topic = None;
    let mut stance = None;
    let mut article = None;
    for (key, value) in form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()) {
        let value = value.trim().to_string();
        let slot = match key.as_ref() {
            "actor" => &mut actor,
            "topic" => &mut topic,
            "stance" => &mut stance,
            "article" => &mut article,
            _ => return Err(AppError::new(Problem::UnknownParameter(key.into_owned())).json()),
        };
        if slot.is_some() {
            return Err(AppError::new(Problem::RepeatedParameter(key.into_owned())).json());
        }
        *slot = Some(value);
    }
    let actor = match actor.filter(|s| !s.is_empty()) {
        Some(key) => Some(
            index
                .actor(&key)
                .ok_or_else(|| AppError::unknown_actor(index, &key).json())?
                .id
                .as_str(),
        ),
        None => None,
    };
    let topic = match topic.filter(|s| !s.is_empty()) {
        Some(key) => Some(
            index
                .topic(&key)
                .ok_or_else(|| AppError::unknown_topic(index, &key).json())?
                .id
                .as_str(),
        ),
        None => None,
    };
    let stance = match stance.filter(|s| !s.is_empty()) {
        Some(key) => Some(
            Stance::parse(&key.to_ascii_lowercase())
                .ok_or_else(|| AppError::unknown_stance(&key).json())?,
        ),
        None => None,
    };
    let article = match article.filter(|s| !s.is_empty()) {
        Some(key) => Some(
            index
                .article(&key)
                .ok_or_else(|| AppError::unknown_article(index, &key).json())?
                .id
                .as_str(),
        ),
        None => None,
    };
    let claims: Vec<ClaimJson<'_>> = index
        .claims_where(actor, topic, stance, article)
        .map(|c| ClaimJson::new(index, c))
        .collect();
    ok(serde_json::json!({ "count": claims.len(), "claims": claims }))
}

/// `GET /api/v1/grid`: the home page's grid.
pub(crate) async fn grid(State(state): State<AppState>) -> ApiResult {
    let index = &state.index;
    let rows: Vec<_> = index
        .quoted_actors()
        .map(|a| {
            serde_json::json!({
                "actor": a.id,
                "name": a.name,
                "claims": index.claim_count(&a.id),
                "positions": index.topics.iter().map(|t| {
                    let p = index.position(&a.id, &t.id);
                    let timeline = index.timeline(&p.claims);
                    let coverage = index.coverage(&p.claims);
                    serde_json::json!({
                        "topic": t.id,
                        "stance": stance_key(p.stance),
                        "disagree": p.disagree,
                        "claims": p.count(),
                        "articles": p.articles,
                        "shifts": timeline.shifts.len(),
                        "source_disagreements": timeline.disagreements.len(),
                        "outlets": coverage.outlets,
                        "reports": coverage.reports,
                        "sources": coverage.sources,
                        "href": format!("/compare/{}/{}", a.id, t.id),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    ok(serde_json::json!({
        "topics": index.topics.iter().map(|t| topic_json(index, t)).collect::<Vec<_>>(),
        "rows": rows,
    }))
}

/// `GET /api/v1/compare?actor=..&topic=..`: a redirect to the selection's canonical URL.
pub(crate) async fn compare_query(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult {
    let index = &state.index;
    let form = parse_form(index, query.as_deref().unwrap_or(""))
        .map_err(AppError::json)?
        .ok_or_else(|| AppError::new(Problem::NoActors).json())?;
    let selection = Selection::resolve(index, &state.config.limits, &form.actors, &form.topics)
        .map_err(AppError::json)?;
    Ok(super::pages::see_other(&format!(
        "/api/v1/compare/{}",
        selection.canonical()
    )))
}

/// `GET /api/v1/compare/{actors}/{topics}[?confidence=high]`: the positions of a comparison.
pub(crate) async fn compare(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    path: Result<Path<(String, String)>, PathRejection>,
) -> ApiResult {
    let (actors, topics) = param(path)?;
    let index = &state.index;
    let selection = Selection::from_path(index, &state.config.limits, &actors, &topics)
        .map_err(AppError::json)?;
    let (filter, choice) =
        super::evidence::confidence(index, query.as_deref()).map_err(AppError::json)?;
    let canonical = selection.canonical();
    if canonical != format!("{actors}/{topics}") {
        return Ok(super::pages::moved(&format!(
            "/api/v1/compare/{canonical}{}",
            choice.query
        )));
    }
    ok(compare_json(index, &selection, &filter, &choice.query))
}

/// A comparison as JSON: the API's answer and the comparison's JSON download.
pub(crate) fn compare_json(
    index: &Index,
    selection: &Selection<'_>,
    filter: &ClaimFilter,
    query: &str,
) -> serde_json::Value {
    let canonical = selection.canonical();
    serde_json::json!({
        "actors": selection.actors.iter().map(|a| actor_json(index, a)).collect::<Vec<_>>(),
        "topics": selection.topics.iter().map(|t| topic_json(index, t)).collect::<Vec<_>>(),
        "positions": selection.topics.iter().flat_map(|t| {
            selection.actors.iter().map(move |a| {
                position_json(index, &a.id, &t.id, index.position_where(&a.id, &t.id, filter))
            })
        }).collect::<Vec<_>>(),
        "confidence": if filter.min_confidence.is_some() { "high" } else { "all" },
        "permalink": format!("/compare/{canonical}{query}"),
    })
}
