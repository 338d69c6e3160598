//! The JSON API under `/api/v1`: the same data as the pages, from the same index queries.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use super::AppState;
use super::error::{ApiError, AppError, Problem};
use super::evidence::{DISAGREEMENT_CARDS, SHIFTS_SHOWN};
use super::pages::unless_canonical;
use super::paging::{self, ApiListQuery, ClaimSelector, ClaimsQuery, Paged};
use super::params::{ApiConfidence, ApiParam, ApiQuery, Confidence};
use super::selection::{Selection, parse_form};
use super::urls;
use super::views::{evidence_href, source_url, stance_key, text_fragment_url};
use crate::config::Limits;
use crate::corpus::Metadata;
use crate::corpus::Published;
use crate::corpus::Skipped;
use crate::extract::when::StatementDate;
use crate::extract::{Actor, Claim, Stance};
use crate::index::ClaimFilter;
use crate::index::Coverage;
use crate::index::Position;
use crate::index::{Index, Source, Topic, export};

pub(super) type ApiResult = Result<Response, ApiError>;

/// The query of an API route, read after what its path names is looked up (see [`ApiQuery`]).
type LateQuery<T> = Result<ApiQuery<T>, ApiError>;

/// `body` as JSON, its keys in alphabetical order at every level, as the API has always
/// answered (the order of a body's fields is not the order of its struct's fields).
fn sorted(body: impl Serialize) -> Result<Value, AppError> {
    serde_json::to_value(body).map_err(|err| {
        tracing::error!(%err, "serializing an API answer");
        AppError::new(Problem::Internal)
    })
}

/// A 200 with `body` as JSON.
fn ok(body: impl Serialize) -> ApiResult {
    Ok(Json(sorted(body)?).into_response())
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
    let timeline = index.timeline(&p.claims);
    let mut coverage = index.coverage(&p.claims);
    let (claims, shifts_shown, mut moments) = match cut {
        Cut::Whole => (&p.claims[..], usize::MAX, usize::MAX),
        Cut::Page(paged, limits) => {
            coverage.sources.truncate(limits.sources_per_cell);
            (
                paged.of(p.count()).slice(&p.claims),
                SHIFTS_SHOWN,
                DISAGREEMENT_CARDS,
            )
        }
    };
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

/// The page size of an API list: `per_page`, or `limits.api_per_page`.
fn list_size(state: &AppState, q: &ApiListQuery) -> Result<usize, AppError> {
    let limits = &state.config.limits;
    q.per_page(limits.api_per_page, limits.api_max_per_page)
}

/// The page size of a list of positions (grid rows, a topic's holders), whose items are
/// heavier: `per_page`, or `limits.grid_actors`.
fn positions_size(state: &AppState, q: &ApiListQuery) -> Result<usize, AppError> {
    let limits = &state.config.limits;
    q.per_page(limits.grid_actors, limits.api_max_per_page)
}

/// The paging fields of a list's answer.
#[derive(Serialize)]
pub(super) struct PageJson {
    total: usize,
    page: usize,
    per_page: usize,
    pages: usize,
    next: Option<String>,
    prev: Option<String>,
}

/// A list's answer: its own fields and the paging fields.
#[derive(Serialize)]
struct PagedJson<T> {
    #[serde(flatten)]
    body: T,
    #[serde(flatten)]
    page: PageJson,
}

/// The page `q` asks for of a list of `total` items, linked as `path` with `pairs`.
pub(super) fn page_of(
    total: usize,
    per_page: usize,
    q: &ApiListQuery,
    path: &str,
    pairs: &[(&str, String)],
) -> Result<(Paged, PageJson), AppError> {
    let mut pairs = pairs.to_vec();
    pairs.push(("per_page", per_page.to_string()));
    let href = |p: usize| {
        let mut pairs = pairs.clone();
        pairs.push(("page", p.to_string()));
        paging::href(path, &pairs, 1)
    };
    let paged = Paged::new(total, per_page, q.page.as_deref(), href)?;
    let links = PageJson {
        total: paged.total,
        page: paged.page,
        per_page: paged.per_page,
        pages: paged.last(),
        next: paged.next().map(href),
        prev: paged.prev().map(href),
    };
    Ok((paged, links))
}

/// A 200 with `body` and the paging fields of `page`.
pub(super) fn ok_paged(body: impl Serialize, page: PageJson) -> ApiResult {
    ok(PagedJson { body, page })
}

/// What the API offers: each route, with the query it takes.
#[derive(Serialize)]
struct RootJson {
    articles: String,
    article: String,
    actors: String,
    actor: String,
    topics: String,
    topic: String,
    claims: String,
    grid: String,
    compare: String,
    comparison: String,
    downloads: String,
    search: String,
}

/// `GET /api/v1`: what the API offers.
pub(crate) async fn root() -> ApiResult {
    use urls::api::*;
    const PAGE: &str = "?confidence=&page=&per_page=";
    ok(RootJson {
        articles: list(ARTICLES) + PAGE,
        article: list(ARTICLE) + PAGE,
        actors: list(ACTORS) + PAGE,
        actor: list(ACTOR) + PAGE,
        topics: list(TOPICS) + "?confidence=",
        topic: list(TOPIC) + PAGE,
        claims: list(CLAIMS) + "?actor=&topic=&stance=&article=&confidence=&page=&per_page=",
        grid: list(GRID) + PAGE,
        compare: list(COMPARE_QUERY) + "?actor=&topic=",
        comparison: list(COMPARE) + "?confidence=high|all&page=&per_page=",
        downloads: format!(
            "{}, export.json, card.svg, card.png",
            urls::DOWNLOAD.replace("{file}", "export.csv")
        ),
        search: list(SEARCH) + "?q=&page=&per_page=",
    })
}

/// A page of the articles, and the files skipped.
#[derive(Serialize)]
struct ArticlesJson<'a> {
    articles: Vec<ArticleJson<'a>>,
    skipped: &'a [Skipped],
    skipped_total: usize,
}

/// `GET /api/v1/articles[?page=&per_page=]`: the articles, in file-name order, a page at a time.
pub(crate) async fn articles(
    State(state): State<AppState>,
    _: ApiConfidence,
    ApiQuery(q): ApiQuery<ApiListQuery>,
) -> ApiResult {
    let index = &state.index;
    let per_page = list_size(&state, &q)?;
    let (paged, links) = page_of(
        index.articles.len(),
        per_page,
        &q,
        &urls::api::list(urls::api::ARTICLES),
        &[],
    )?;
    let body = ArticlesJson {
        articles: paged
            .slice(&index.articles)
            .iter()
            .map(|a| article_json(index, a))
            .collect(),
        skipped: &index.skipped[..index.skipped.len().min(per_page)],
        skipped_total: index.skipped.len(),
    };
    ok_paged(body, links)
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    index: usize,
    block: usize,
    role: &'static str,
    text: &'a str,
    href: String,
}

/// An article, its sentences and a page of its claims.
#[derive(Serialize)]
struct ArticlePageJson<'a> {
    article: ArticleJson<'a>,
    sentences: Vec<SentenceJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
}

/// `GET /api/v1/articles/{id}[?page=&per_page=]`: metadata, sentences and a page of its claims.
pub(crate) async fn article(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    query: LateQuery<ApiListQuery>,
    ApiParam(id): ApiParam<String>,
) -> ApiResult {
    let index = &state.index;
    let a = index
        .article(&id)
        .ok_or_else(|| AppError::unknown_article(index, &id))?;
    let ApiQuery(q) = query?;
    let per_page = list_size(&state, &q)?;
    let claims: Vec<&Claim> = index.claims_in(&a.id).filter(|c| filter.keeps(c)).collect();
    let path = urls::api::article(&a.id);
    let (paged, links) = page_of(claims.len(), per_page, &q, &path, &choice.pairs())?;
    let sentence = |s: &crate::text::Sentence| SentenceJson {
        index: s.index,
        block: s.block,
        role: s.role.as_str(),
        text: a.text.get(s.span.range()).unwrap_or_default(),
        href: urls::sentence(&a.id, s.index),
    };
    let body = ArticlePageJson {
        article: article_json(index, a),
        sentences: a.sentences.iter().map(sentence).collect(),
        claims: paged
            .slice(&claims)
            .iter()
            .map(|c| ClaimJson::new(index, c))
            .collect(),
    };
    ok_paged(body, links)
}

/// A page of the actors.
#[derive(Serialize)]
struct ActorsJson<'a> {
    actors: Vec<ActorJson<'a>>,
}

/// `GET /api/v1/actors[?page=&per_page=]`: every known actor, most-quoted first.
pub(crate) async fn actors(
    State(state): State<AppState>,
    _: ApiConfidence,
    ApiQuery(q): ApiQuery<ApiListQuery>,
) -> ApiResult {
    let index = &state.index;
    let per_page = list_size(&state, &q)?;
    let (paged, links) = page_of(
        index.actors.len(),
        per_page,
        &q,
        &urls::api::list(urls::api::ACTORS),
        &[],
    )?;
    let body = ActorsJson {
        actors: paged
            .slice(&index.actors)
            .iter()
            .map(|a| actor_json(index, a))
            .collect(),
    };
    ok_paged(body, links)
}

/// An actor and its positions.
#[derive(Serialize)]
struct ActorPageJson<'a> {
    actor: ActorJson<'a>,
    positions: Vec<PositionJson<'a>>,
}

/// `GET /api/v1/actors/{id}[?page=&per_page=]`: an actor and its position on every topic, with
/// a page of each position's claims.
pub(crate) async fn actor(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    query: LateQuery<ApiListQuery>,
    ApiParam(key): ApiParam<String>,
) -> ApiResult {
    let index = &state.index;
    let a = index
        .actor(&key)
        .ok_or_else(|| AppError::unknown_actor(index, &key))?;
    let ApiQuery(q) = query?;
    let per_page = list_size(&state, &q)?;
    let path = urls::api::actor(&a.id);
    if let Some(redirect) = unless_canonical(&key, &a.id, &path, &q.pairs()) {
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
    let body = ActorPageJson {
        actor: actor_json(index, a),
        positions: index
            .topics
            .iter()
            .zip(positions)
            .map(|(t, p)| position_json(index, &a.id, &t.id, p, cut))
            .collect(),
    };
    ok_paged(body, links)
}

/// The topics.
#[derive(Serialize)]
struct TopicsJson<'a> {
    topics: Vec<TopicJson<'a>>,
}

/// `GET /api/v1/topics`.
pub(crate) async fn topics(State(state): State<AppState>, _: ApiConfidence) -> ApiResult {
    let index = &state.index;
    ok(TopicsJson {
        topics: index.topics.iter().map(|t| topic_json(index, t)).collect(),
    })
}

/// A topic and a page of its holders' positions.
#[derive(Serialize)]
struct TopicPageJson<'a> {
    topic: TopicJson<'a>,
    positions: Vec<PositionJson<'a>>,
}

/// `GET /api/v1/topics/{id}[?page=&per_page=]`: a topic and the positions of the actors that
/// made claims on it, most-quoted first, a page of actors at a time; each position lists its
/// first `limits.claims_per_page` claims and links to the rest.
pub(crate) async fn topic(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    query: LateQuery<ApiListQuery>,
    ApiParam(key): ApiParam<String>,
) -> ApiResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let t = index
        .topic(&key)
        .ok_or_else(|| AppError::unknown_topic(index, &key))?;
    let ApiQuery(q) = query?;
    let per_page = positions_size(&state, &q)?;
    let path = urls::api::topic(&t.id);
    if let Some(redirect) = unless_canonical(&key, &t.id, &path, &q.pairs()) {
        return Ok(redirect);
    }
    let holders: Vec<&Actor> = index
        .quoted_actors()
        .filter(|a| index.claims_for(&a.id, &t.id).any(|c| filter.keeps(c)))
        .collect();
    let (paged, links) = page_of(holders.len(), per_page, &q, &path, &choice.pairs())?;
    let first = Paged::new(0, limits.claims_per_page, None, |_| String::new())?;
    let cut = Cut::Page(first, limits);
    let body = TopicPageJson {
        topic: topic_json(index, t),
        positions: paged
            .slice(&holders)
            .iter()
            .map(|a| {
                let position = index.position_where(&a.id, &t.id, &filter);
                position_json(index, &a.id, &t.id, position, cut)
            })
            .collect(),
    };
    ok_paged(body, links)
}

/// A page of the claims selected, and how many there are.
#[derive(Serialize)]
struct ClaimsJson<'a> {
    count: usize,
    claims: Vec<ClaimJson<'a>>,
}

/// `GET /api/v1/claims?actor=&topic=&stance=&article=&confidence=&page=&per_page=`: claims
/// matching every filter given, a page at a time.
pub(crate) async fn claims(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    ApiQuery(query): ApiQuery<ClaimsQuery>,
) -> ApiResult {
    let index = &state.index;
    let q = query.list();
    let per_page = list_size(&state, &q)?;
    let selector = ClaimSelector::resolve(index, query.filters())?;
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
    ok_paged(
        ClaimsJson {
            count: total,
            claims,
        },
        links,
    )
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
    let timeline = index.timeline(&p.claims);
    let mut coverage = index.coverage(&p.claims);
    coverage.sources.truncate(max_sources);
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

/// The topics, and a page of the grid's rows.
#[derive(Serialize)]
struct GridJson<'a> {
    topics: Vec<TopicJson<'a>>,
    rows: Vec<GridRowJson<'a>>,
}

/// `GET /api/v1/grid[?page=&per_page=]`: the home page's grid, a page of actors at a time.
pub(crate) async fn grid(
    State(state): State<AppState>,
    ApiConfidence(Confidence { filter, choice }): ApiConfidence,
    ApiQuery(q): ApiQuery<ApiListQuery>,
) -> ApiResult {
    let index = &state.index;
    let max_sources = state.config.limits.sources_per_cell;
    let per_page = positions_size(&state, &q)?;
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
    let body = GridJson {
        topics: index.topics.iter().map(|t| topic_json(index, t)).collect(),
        rows,
    };
    ok_paged(body, links)
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
    query: LateQuery<ApiListQuery>,
    ApiParam((actors, topics)): ApiParam<(String, String)>,
) -> ApiResult {
    let index = &state.index;
    let selection = Selection::from_path(index, &state.config.limits, &actors, &topics)?;
    let ApiQuery(q) = query?;
    let per_page = list_size(&state, &q)?;
    let canonical = selection.canonical();
    let path = urls::api::compare(&canonical);
    let asked = format!("{actors}/{topics}");
    if let Some(redirect) = unless_canonical(&asked, &canonical, &path, &q.pairs()) {
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
    ok_paged(
        compare_json(index, &selection, &filter, &choice.query, cut),
        links,
    )
}

/// A comparison: its actors, its topics and their positions.
#[derive(Serialize)]
struct CompareJson<'a> {
    actors: Vec<ActorJson<'a>>,
    topics: Vec<TopicJson<'a>>,
    positions: Vec<PositionJson<'a>>,
    /// `high` or `all`.
    confidence: &'static str,
    permalink: String,
}

/// A comparison as JSON: the API's answer (a page of claims) and the comparison's JSON
/// download (every claim).
fn compare_json<'a>(
    index: &'a Index,
    selection: &'a Selection<'_>,
    filter: &ClaimFilter,
    query: &str,
    cut: Cut<'_>,
) -> CompareJson<'a> {
    let canonical = selection.canonical();
    CompareJson {
        actors: selection
            .actors
            .iter()
            .map(|a| actor_json(index, a))
            .collect(),
        topics: selection
            .topics
            .iter()
            .map(|t| topic_json(index, t))
            .collect(),
        positions: selection
            .topics
            .iter()
            .flat_map(|t| {
                selection.actors.iter().map(move |a| {
                    let position = index.position_where(&a.id, &t.id, filter);
                    position_json(index, &a.id, &t.id, position, cut)
                })
            })
            .collect(),
        confidence: if filter.min_confidence.is_some() {
            "high"
        } else {
            "all"
        },
        permalink: urls::compare(&canonical) + query,
    }
}

/// The whole comparison as JSON, every claim of every position: the JSON download, its keys in
/// the API's order.
pub(crate) fn compare_download(
    index: &Index,
    selection: &Selection<'_>,
    filter: &ClaimFilter,
    query: &str,
) -> Result<Value, AppError> {
    sorted(compare_json(index, selection, filter, query, Cut::Whole))
}
