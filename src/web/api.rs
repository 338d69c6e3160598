//! The JSON API under `/api/v1`: the same data as the pages, from the same index queries.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

use super::AppState;
use super::error::{ApiError, AppError, Problem};
use super::evidence::{DISAGREEMENT_CARDS, SHIFTS_SHOWN};
use super::pages::unless_canonical;
use super::paging::{self, ClaimSelector, ListQuery, Paged};
use super::params::{ApiConfidence, ApiParam, Confidence};
use super::selection::{Selection, parse_form};
use super::urls;
use super::views::{evidence_href, source_url, stance_key, text_fragment_url};
use crate::config::Limits;
use crate::corpus::Metadata;
use crate::corpus::Published;
use crate::extract::when::StatementDate;
use crate::extract::{Actor, Claim, Stance};
use crate::index::ClaimFilter;
use crate::index::Coverage;
use crate::index::Position;
use crate::index::{Index, Source, Topic, export};

type ApiResult = Result<Response, ApiError>;

/// The query parameters of a route that pages: the confidence choice and the page.
const PAGED: &[&str] = &["confidence", "page", "per_page"];

fn ok<T: Serialize>(value: T) -> ApiResult {
    Ok(Json(value).into_response())
}

/// A claim as the export has it (with its statement date), plus the link to its evidence and
/// its source.
#[derive(Serialize)]
pub(crate) struct ClaimJson<'a> {
    #[serde(flatten)]
    pub(crate) claim: export::ClaimJson<'a>,
    /// `/articles/{id}#s-{sentence}`.
    pub(crate) href: String,
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
            claim: export::ClaimJson::new(index, claim),
            href: evidence_href(claim),
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
        href: urls::article(&a.id),
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
        href: urls::actor(&a.id),
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
        claims: index.topic_claim_count(&t.id),
        href: urls::topic(&t.id),
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
    /// Articles, outlets and independent reports (near-duplicate copies counted once); its
    /// `sources` are the first `limits.sources_per_cell` unless the whole comparison is asked for.
    coverage: Coverage<'a>,
    /// Changes of position between dated statements, in date order (the latest, in pages).
    shift_count: usize,
    shifts: Vec<ShiftJson<'a>>,
    /// Weeks in which different sources report opposite positions (the latest, in pages).
    disagreement_count: usize,
    disagreements: Vec<DisagreementJson<'a>>,
    /// Claims behind the position, and where to page through them.
    claim_count: usize,
    claims_href: String,
    claims: Vec<ClaimJson<'a>>,
}

/// How much of a position to put in a response: every claim (downloads), or one page of them
/// with the latest shifts and disagreements and the first sources.
#[derive(Clone, Copy)]
enum Cut<'l> {
    Whole,
    Page(Paged, &'l Limits),
}

fn position_json<'a>(
    index: &'a Index,
    actor: &'a str,
    topic: &'a str,
    p: Position<'a>,
    cut: Cut<'_>,
) -> PositionJson<'a> {
    let timeline = index.position_timeline(&p);
    let (claims, shifts_shown, mut moments, sources) = match cut {
        Cut::Whole => (&p.claims[..], usize::MAX, usize::MAX, usize::MAX),
        Cut::Page(paged, limits) => (
            paged.of(p.count()).slice(&p.claims),
            SHIFTS_SHOWN,
            DISAGREEMENT_CARDS,
            limits.sources_per_cell,
        ),
    };
    let coverage = index.position_coverage(&p, sources);
    let shifts = &timeline.shifts[timeline.shifts.len().saturating_sub(shifts_shown)..];
    // The latest weeks, each side cut so that at most `moments` claims are named in all.
    let mut weeks = Vec::new();
    for d in timeline.disagreements.iter().rev() {
        if moments == 0 {
            break;
        }
        let side = (moments / 2).max(1);
        let favour = &d.favour[..d.favour.len().min(side)];
        let against = &d.against[..d.against.len().min(side)];
        moments = moments.saturating_sub(favour.len() + against.len());
        weeks.push((d, favour, against));
    }
    weeks.reverse();
    PositionJson {
        actor,
        topic,
        stance: stance_key(p.stance),
        disagree: p.disagree,
        articles: p.articles,
        coverage,
        shift_count: timeline.shifts.len(),
        shifts: shifts
            .iter()
            .map(|s| ShiftJson {
                from: moment_json(index, s.from.claim),
                to: moment_json(index, s.to.claim),
            })
            .collect(),
        disagreement_count: timeline.disagreements.len(),
        disagreements: weeks
            .into_iter()
            .map(|(d, favour, against)| DisagreementJson {
                week: d.period.iso(),
                favour: favour.iter().map(|c| moment_json(index, c)).collect(),
                against: against.iter().map(|c| moment_json(index, c)).collect(),
            })
            .collect(),
        claim_count: p.count(),
        claims_href: paging::href(
            &urls::api::list(urls::api::CLAIMS),
            &[("actor", actor.to_string()), ("topic", topic.to_string())],
            1,
        ),
        claims: claims.iter().map(|c| ClaimJson::new(index, c)).collect(),
    }
}

/// The query of an API list: its parameters checked, and the page size asked for.
fn list_query(
    state: &AppState,
    query: Option<&str>,
    allowed: &[&str],
) -> Result<(ListQuery, usize), AppError> {
    let limits = &state.config.limits;
    list_query_of(state, query, allowed, limits.api_per_page)
}

/// Like [`list_query`] for lists of positions (grid rows, a topic's holders), whose items are
/// heavier: a page holds `limits.grid_actors` of them unless `per_page` says otherwise.
fn positions_query(
    state: &AppState,
    query: Option<&str>,
    allowed: &[&str],
) -> Result<(ListQuery, usize), AppError> {
    let limits = &state.config.limits;
    list_query_of(state, query, allowed, limits.grid_actors)
}

fn list_query_of(
    state: &AppState,
    query: Option<&str>,
    allowed: &[&str],
    default: usize,
) -> Result<(ListQuery, usize), AppError> {
    let max = state.config.limits.api_max_per_page;
    let q = ListQuery::parse(query, allowed, true)?;
    let per_page = q.per_page(default, max)?;
    Ok((q, per_page))
}

/// The page `q` asks for of a list of `total` items, linked as `path` with `pairs`.
fn page_of(
    total: usize,
    per_page: usize,
    q: &ListQuery,
    path: &str,
    pairs: &[(&str, String)],
) -> Result<(Paged, Value), AppError> {
    let mut pairs = pairs.to_vec();
    pairs.push(("per_page", per_page.to_string()));
    let href = |p: usize| {
        let mut pairs = pairs.clone();
        pairs.push(("page", p.to_string()));
        paging::href(path, &pairs, 1)
    };
    let paged = Paged::new(total, per_page, q.page.as_deref(), href)?;
    let links = json!({
        "total": paged.total,
        "page": paged.page,
        "per_page": paged.per_page,
        "pages": paged.last(),
        "next": paged.next().map(href),
        "prev": paged.prev().map(href),
    });
    Ok((paged, links))
}

/// `body` with the paging fields of `links` added.
fn with_page(mut body: Value, links: Value) -> Value {
    if let (Some(body), Value::Object(links)) = (body.as_object_mut(), links) {
        body.extend(links);
    }
    body
}

/// `GET /api/v1`: what the API offers.
pub(crate) async fn root() -> ApiResult {
    use urls::api::*;
    const PAGE: &str = "?confidence=&page=&per_page=";
    ok(json!({
            "articles": list(ARTICLES) + PAGE,
            "article": list(ARTICLE) + PAGE,
            "actors": list(ACTORS) + PAGE,
            "actor": list(ACTOR) + PAGE,
            "topics": list(TOPICS) + "?confidence=",
            "topic": list(TOPIC) + PAGE,
            "claims": list(CLAIMS) + "?actor=&topic=&stance=&article=&confidence=&page=&per_page=",
            "grid": list(GRID) + PAGE,
            "compare": list(COMPARE_QUERY) + "?actor=&topic=",
            "comparison": list(COMPARE) + "?confidence=high|all&page=&per_page=",
            "downloads": format!("{}, export.json, card.svg", urls::DOWNLOAD.replace("{file}", "export.csv")),
    }))
}

/// `GET /api/v1/articles[?page=&per_page=]`: the articles, in file-name order, a page at a time.
pub(crate) async fn articles(
    State(state): State<AppState>,
    _: ApiConfidence,
    RawQuery(query): RawQuery,
) -> ApiResult {
    let index = &state.index;
    let (q, per_page) = list_query(&state, query.as_deref(), PAGED)?;
    let (paged, links) = page_of(
        index.articles.len(),
        per_page,
        &q,
        &urls::api::list(urls::api::ARTICLES),
        &[],
    )?;
    ok(with_page(
        json!({
            "articles": paged.slice(&index.articles).iter()
                .map(|a| article_json(index, a)).collect::<Vec<_>>(),
            "skipped": &index.skipped[..index.skipped.len().min(per_page)],
            "skipped_total": index.skipped.len(),
        }),
        links,
    ))
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    index: usize,
    block: usize,
    role: &'static str,
    text: &'a str,
    href: String,
}

/// `GET /api/v1/articles/{id}[?page=&per_page=]`: metadata, sentences and a page of its claims.
pub(crate) async fn article(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    RawQuery(query): RawQuery,
    ApiParam(id): ApiParam<String>,
) -> ApiResult {
    let index = &state.index;
    let a = index
        .article(&id)
        .ok_or_else(|| AppError::unknown_article(index, &id))?;
    let (q, per_page) = list_query(&state, query.as_deref(), PAGED)?;
    let claims: Vec<&Claim> = index.claims_in(&a.id).filter(|c| filter.keeps(c)).collect();
    let path = urls::api::article(&a.id);
    let (paged, links) = page_of(claims.len(), per_page, &q, &path, &choice.pairs())?;
    ok(with_page(
        json!({
            "article": article_json(index, a),
            "sentences": a.sentences.iter().map(|s| SentenceJson {
                index: s.index,
                block: s.block,
                role: s.role.as_str(),
                text: a.text.get(s.span.range()).unwrap_or_default(),
                href: urls::sentence(&a.id, s.index),
            }).collect::<Vec<_>>(),
            "claims": paged.slice(&claims).iter()
                .map(|c| ClaimJson::new(index, c)).collect::<Vec<_>>(),
        }),
        links,
    ))
}

/// `GET /api/v1/actors[?page=&per_page=]`: every known actor, most-quoted first.
pub(crate) async fn actors(
    State(state): State<AppState>,
    _: ApiConfidence,
    RawQuery(query): RawQuery,
) -> ApiResult {
    let index = &state.index;
    let (q, per_page) = list_query(&state, query.as_deref(), PAGED)?;
    let (paged, links) = page_of(
        index.actors.len(),
        per_page,
        &q,
        &urls::api::list(urls::api::ACTORS),
        &[],
    )?;
    ok(with_page(
        json!({
            "actors": paged.slice(&index.actors).iter()
                .map(|a| actor_json(index, a)).collect::<Vec<_>>(),
        }),
        links,
    ))
}

/// `GET /api/v1/actors/{id}[?page=&per_page=]`: an actor and its position on every topic, with
/// a page of each position's claims.
pub(crate) async fn actor(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    RawQuery(query): RawQuery,
    ApiParam(key): ApiParam<String>,
) -> ApiResult {
    let index = &state.index;
    let a = index
        .actor(&key)
        .ok_or_else(|| AppError::unknown_actor(index, &key))?;
    let (q, per_page) = list_query(&state, query.as_deref(), PAGED)?;
    let path = urls::api::actor(&a.id);
    if let Some(redirect) = unless_canonical(&key, &a.id, &path, &raw_pairs(&q)) {
        return Ok(redirect);
    }
    let positions: Vec<Position<'_>> = index
        .topics
        .iter()
        .map(|t| index.position_where(&a.id, &t.id, &filter))
        .collect();
    let longest = positions.iter().map(Position::count).max().unwrap_or(0);
    let (paged, links) = page_of(longest, per_page, &q, &path, &choice.pairs())?;
    let cut = Cut::Page(paged, &state.config.limits);
    ok(with_page(
        json!({
            "actor": actor_json(index, a),
            "positions": index.topics.iter().zip(positions)
                .map(|(t, p)| position_json(index, &a.id, &t.id, p, cut))
                .collect::<Vec<_>>(),
        }),
        links,
    ))
}

/// The page parameters of a request as given, for a redirect that keeps them.
fn raw_pairs(q: &ListQuery) -> Vec<(&'static str, String)> {
    [
        ("confidence", &q.confidence),
        ("per_page", &q.per_page),
        ("page", &q.page),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
    .collect()
}

/// `GET /api/v1/topics`.
pub(crate) async fn topics(State(state): State<AppState>, _: ApiConfidence) -> ApiResult {
    let index = &state.index;
    ok(json!({
        "topics": index.topics.iter().map(|t| topic_json(index, t)).collect::<Vec<_>>(),
    }))
}

/// `GET /api/v1/topics/{id}[?page=&per_page=]`: a topic and the positions of the actors that
/// made claims on it, most-quoted first, a page of actors at a time; each position lists its
/// first `limits.claims_per_page` claims and links to the rest.
pub(crate) async fn topic(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    RawQuery(query): RawQuery,
    ApiParam(key): ApiParam<String>,
) -> ApiResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let t = index
        .topic(&key)
        .ok_or_else(|| AppError::unknown_topic(index, &key))?;
    let (q, per_page) = positions_query(&state, query.as_deref(), PAGED)?;
    let path = urls::api::topic(&t.id);
    if let Some(redirect) = unless_canonical(&key, &t.id, &path, &raw_pairs(&q)) {
        return Ok(redirect);
    }
    let holders: Vec<&Actor> = index
        .quoted_actors()
        .filter(|a| index.claims_for(&a.id, &t.id).any(|c| filter.keeps(c)))
        .collect();
    let (paged, links) = page_of(holders.len(), per_page, &q, &path, &choice.pairs())?;
    let first = Paged::new(0, limits.claims_per_page, None, |_| String::new())?;
    let cut = Cut::Page(first, limits);
    ok(with_page(
        json!({
            "topic": topic_json(index, t),
            "positions": paged.slice(&holders).iter()
                .map(|a| {
                    let position = index.position_where(&a.id, &t.id, &filter);
                    position_json(index, &a.id, &t.id, position, cut)
                })
                .collect::<Vec<_>>(),
        }),
        links,
    ))
}

/// `GET /api/v1/claims?actor=&topic=&stance=&article=&confidence=&page=&per_page=`: claims
/// matching every filter given, a page at a time.
pub(crate) async fn claims(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    RawQuery(query): RawQuery,
) -> ApiResult {
    let index = &state.index;
    let (q, per_page) = list_query(
        &state,
        query.as_deref(),
        &[
            "actor",
            "topic",
            "stance",
            "article",
            "confidence",
            "page",
            "per_page",
        ],
    )?;
    let selector = ClaimSelector::resolve(index, &q)?;
    let total = selector.claims(index, filter).count();
    let mut pairs = selector.pairs();
    pairs.extend(choice.pairs());
    let (paged, links) = page_of(
        total,
        per_page,
        &q,
        &urls::api::list(urls::api::CLAIMS),
        &pairs,
    )?;
    let range = paged.range();
    let claims: Vec<ClaimJson<'_>> = selector
        .claims(index, filter)
        .skip(range.start)
        .take(range.len())
        .map(|c| ClaimJson::new(index, c))
        .collect();
    ok(with_page(
        json!({ "count": total, "claims": claims }),
        links,
    ))
}

/// A row of the grid: an actor and its position on each topic.
#[derive(Serialize)]
struct GridRowJson<'a> {
    actor: &'a str,
    name: &'a str,
    claims: usize,
    positions: Vec<GridCellJson<'a>>,
}

/// A cell of the grid: a position in brief, with its first sources.
#[derive(Serialize)]
struct GridCellJson<'a> {
    topic: &'a str,
    stance: &'static str,
    disagree: bool,
    claims: usize,
    articles: usize,
    shifts: usize,
    source_disagreements: usize,
    outlets: usize,
    /// Articles that name no outlet ("source not given").
    unnamed: usize,
    reports: usize,
    sources: Vec<Source<'a>>,
    href: String,
}

fn grid_cell<'a>(
    index: &'a Index,
    topic: &'a str,
    p: &Position<'a>,
    max_sources: usize,
    href: String,
) -> GridCellJson<'a> {
    let timeline = index.position_timeline(p);
    let coverage = index.position_coverage(p, max_sources);
    GridCellJson {
        topic,
        stance: stance_key(p.stance),
        disagree: p.disagree,
        claims: p.count(),
        articles: p.articles,
        shifts: timeline.shifts.len(),
        source_disagreements: timeline.disagreements.len(),
        outlets: coverage.outlets,
        unnamed: coverage.unnamed,
        reports: coverage.reports,
        sources: coverage.sources,
        href,
    }
}

/// `GET /api/v1/grid[?page=&per_page=]`: the home page's grid, a page of actors at a time.
pub(crate) async fn grid(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    RawQuery(query): RawQuery,
) -> ApiResult {
    let index = &state.index;
    let max_sources = state.config.limits.sources_per_cell;
    let (q, per_page) = positions_query(&state, query.as_deref(), PAGED)?;
    let quoted: Vec<&Actor> = index.quoted_actors().collect();
    let (paged, links) = page_of(
        quoted.len(),
        per_page,
        &q,
        &urls::api::list(urls::api::GRID),
        &choice.pairs(),
    )?;
    let rows: Vec<GridRowJson<'_>> = paged
        .slice(&quoted)
        .iter()
        .map(|a| GridRowJson {
            actor: &a.id,
            name: &a.name,
            claims: index.claim_count(&a.id),
            positions: index
                .topics
                .iter()
                .map(|t| {
                    let p = index.position_where(&a.id, &t.id, &filter);
                    let href = urls::position(&a.id, &t.id) + &choice.query;
                    grid_cell(index, &t.id, &p, max_sources, href)
                })
                .collect(),
        })
        .collect();
    ok(with_page(
        json!({
            "topics": index.topics.iter().map(|t| topic_json(index, t)).collect::<Vec<_>>(),
            "rows": rows,
        }),
        links,
    ))
}

/// `GET /api/v1/compare?actor=..&topic=..`: a redirect to the selection's canonical URL.
pub(crate) async fn compare_query(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult {
    let index = &state.index;
    let form = parse_form(index, query.as_deref().unwrap_or(""))?
        .ok_or_else(|| AppError::new(Problem::NoActors))?;
    let selection = Selection::resolve(index, &state.config.limits, &form.actors, &form.topics)?;
    Ok(super::pages::see_other(&urls::api::compare(
        &selection.canonical(),
    )))
}

/// `GET /api/v1/compare/{actors}/{topics}[?confidence=high&page=&per_page=]`: the positions of
/// a comparison, with a page of each one's claims.
pub(crate) async fn compare(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    RawQuery(query): RawQuery,
    ApiParam((actors, topics)): ApiParam<(String, String)>,
) -> ApiResult {
    let index = &state.index;
    let selection = Selection::from_path(index, &state.config.limits, &actors, &topics)?;
    let (q, per_page) = list_query(&state, query.as_deref(), PAGED)?;
    let canonical = selection.canonical();
    let path = urls::api::compare(&canonical);
    let asked = format!("{actors}/{topics}");
    if let Some(redirect) = unless_canonical(&asked, &canonical, &path, &raw_pairs(&q)) {
        return Ok(redirect);
    }
    let longest = selection
        .topics
        .iter()
        .flat_map(|t| {
            selection.actors.iter().map(|a| {
                index
                    .claims_for(&a.id, &t.id)
                    .filter(|c| filter.keeps(c))
                    .count()
            })
        })
        .max()
        .unwrap_or(0);
    let (paged, links) = page_of(longest, per_page, &q, &path, &choice.pairs())?;
    let cut = Cut::Page(paged, &state.config.limits);
    ok(with_page(
        compare_json(index, &selection, &filter, &choice.query, cut),
        links,
    ))
}

/// A comparison as JSON: the API's answer (a page of claims) and the comparison's JSON
/// download (every claim).
fn compare_json(
    index: &Index,
    selection: &Selection<'_>,
    filter: &ClaimFilter,
    query: &str,
    cut: Cut<'_>,
) -> Value {
    let canonical = selection.canonical();
    json!({
        "actors": selection.actors.iter().map(|a| actor_json(index, a)).collect::<Vec<_>>(),
        "topics": selection.topics.iter().map(|t| topic_json(index, t)).collect::<Vec<_>>(),
        "positions": selection.topics.iter().flat_map(|t| {
            selection.actors.iter().map(move |a| {
                position_json(index, &a.id, &t.id, index.position_where(&a.id, &t.id, filter), cut)
            })
        }).collect::<Vec<_>>(),
        "confidence": if filter.min_confidence.is_some() { "high" } else { "all" },
        "permalink": urls::compare(&canonical) + query,
    })
}

/// The whole comparison as JSON, every claim of every position: the JSON download.
pub(crate) fn compare_download(
    index: &Index,
    selection: &Selection<'_>,
    filter: &ClaimFilter,
    query: &str,
) -> Value {
    compare_json(index, selection, filter, query, Cut::Whole)
}
