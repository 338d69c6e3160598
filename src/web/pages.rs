//! Page handlers: parse the request, query the index, fill a view from `views`, render it.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::error::{AppError, Problem};
use super::evidence;
use super::selection::{Selection, parse_form};
use super::views::*;
use crate::corpus::BlockRole;
use crate::extract::Stance;
use crate::index::Index;

type PageResult = Result<Response, AppError>;

/// Renders a template into a 200 HTML response.
pub(crate) fn render(view: &impl Template) -> PageResult {
    let html = view.render().map_err(|err| {
        tracing::error!(%err, "rendering a template");
        AppError::new(Problem::Internal)
    })?;
    Ok(Html(html).into_response())
}

/// A path parameter, or a 400 when it is not valid percent-encoded UTF-8.
fn param<T>(path: Result<Path<T>, PathRejection>) -> Result<T, AppError> {
    path.map(|Path(p)| p)
        .map_err(|_| AppError::new(Problem::BadEncoding))
}

/// A permanent redirect (301) to `to`.
pub(crate) fn moved(to: &str) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, encode_path(to))],
    )
        .into_response()
}

/// A 303 to `to`, for the comparison form.
pub(crate) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, encode_path(to))]).into_response()
}

/// Percent-encodes what may not appear raw in a `Location` header (spaces, controls, non-ASCII).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `scheme://host` of the request, for absolute URLs in share links, when the host looks sane.
pub(crate) fn origin(headers: &HeaderMap) -> Option<String> {
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(header::HOST))?
        .to_str()
        .ok()?;
    let sane = !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    if !sane {
        return None;
    }
    let scheme = match headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
    {
        Some("https") => "https",
        _ => "http",
    };
    Some(format!("{scheme}://{host}"))
}

/// `GET /`: the grid of positions, the comparison form and the articles.
pub(crate) async fn home(State(state): State<AppState>, RawQuery(query): RawQuery) -> PageResult {
    let index = &state.index;
    let (filter, confidence) = evidence::confidence(index, query.as_deref())?;
    let topics: Vec<Link> = index
        .topics
        .iter()
        .map(|t| Link::topic(index, &t.id))
        .collect();
    let rows = index
        .quoted_actors()
        .map(|actor| GridRow {
            actor: Link::actor(&actor.id, &actor.name),
            claims: index.claim_count(&actor.id),
            cells: index
                .topics
                .iter()
                .map(|t| {
                    let position = index.position_where(&actor.id, &t.id, &filter);
                    evidence::position_view(index, &position, &actor.id, &t.id, &confidence)
                })
                .collect(),
        })
        .collect();
    let articles = index
        .articles
        .iter()
        .map(|a| ArticleRow {
            link: Link::new(format!("/articles/{}", a.id), &a.id, a.title()),
            outlet: a.meta.outlet.clone(),
            date: a.meta.date.clone(),
            claims: index.claims_in(&a.id).count(),
        })
        .collect();
    let quoted: Vec<&str> = index
        .quoted_actors()
        .take(3)
        .map(|a| a.id.as_str())
        .collect();
    let all_topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    render(&HomeView {
        page: Page::new("/", "home"),
        topics,
        rows,
        articles,
        counts: Counts {
            articles: index.articles.len(),
            skipped: index.skipped.len(),
            actors: index.quoted_actors().count(),
            claims: index.claims.len(),
        },
        form: CompareForm::new(index, &quoted, &all_topics),
        confidence,
    })
}

/// `GET /compare`: the form, or (with a query) a redirect to the selection's permalink.
pub(crate) async fn compare_form(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> PageResult {
    let index = &state.index;
    match parse_form(index, query.as_deref().unwrap_or(""))? {
        None => render(&CompareFormView {
            page: Page::new("/compare", "compare"),
            form: CompareForm::new(index, &[], &[]),
        }),
        Some(form) => {
            let selection =
                Selection::resolve(index, &state.config.limits, &form.actors, &form.topics)?;
            Ok(see_other(&format!("/compare/{}", selection.canonical())))
        }
    }
}

/// `GET /compare/{actors}`: every topic, at the canonical permalink.
pub(crate) async fn compare_actors(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let actors = param(path)?;
    let index = &state.index;
    let topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    let selection = Selection::resolve(
        index,
        &state.config.limits,
        super::selection::split(&actors),
        topics,
    )?;
    Ok(moved(&format!("/compare/{}", selection.canonical())))
}

/// `GET /compare/{actors}/{topics}`: the side-by-side comparison, or a 301 to its canonical URL.
pub(crate) async fn compare(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    path: Result<Path<(String, String)>, PathRejection>,
) -> PageResult {
    let (actors, topics) = param(path)?;
    let index = &state.index;
    let selection = Selection::from_path(index, &state.config.limits, &actors, &topics)?;
    let (filter, confidence) = evidence::confidence(index, query.as_deref())?;
    let canonical = selection.canonical();
    if canonical != format!("{actors}/{topics}") {
        return Ok(moved(&format!("/compare/{canonical}{}", confidence.query)));
    }
    let origin = origin(&headers);
    let q = &confidence.query;
    let exports = ExportLinks {
        csv: format!("/compare/{canonical}/export.csv{q}"),
        json: format!("/compare/{canonical}/export.json{q}"),
        svg: format!("/compare/{canonical}/card.svg{q}"),
        image_url: origin
            .as_deref()
            .map(|o| format!("{o}/compare/{canonical}/card.svg{q}")),
    };
    let view = CompareView {
        page: Page::new(format!("/compare/{canonical}{q}"), "compare")
            .with_origin(origin.as_deref()),
        actors: selection
            .actors
            .iter()
            .map(|a| Link::actor(&a.id, &a.name))
            .collect(),
        topics: selection
            .topics
            .iter()
            .map(|t| CompareTopic {
                topic: Link::topic(index, &t.id),
                cells: selection
                    .actors
                    .iter()
                    .map(|a| {
                        let position = index.position_where(&a.id, &t.id, &filter);
                        let (view, time) = evidence::position_and_time(
                            index,
                            &position,
                            &a.id,
                            &t.id,
                            &confidence,
                        );
                        CompareCell {
                            actor: Link::actor(&a.id, &a.name),
                            position: view,
                            claims: position
                                .claims
                                .iter()
                                .map(|c| ClaimView::new(index, c))
                                .collect(),
                            time,
                        }
                    })
                    .collect(),
            })
            .collect(),
        form: CompareForm::new(index, &selection.actor_ids(), &selection.topic_ids()),
        confidence,
        exports,
    };
    render(&view)
}

/// `GET /actors/{id}`: every position of one actor.
pub(crate) async fn actor(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let key = param(path)?;
    let index = &state.index;
    let (filter, confidence) = evidence::confidence(index, query.as_deref())?;
    let actor = index
        .actor(&key)
        .ok_or_else(|| AppError::unknown_actor(index, &key))?;
    if actor.id != key {
        return Ok(moved(&format!("/actors/{}{}", actor.id, confidence.query)));
    }
    let topics = index
        .topics
        .iter()
        .map(|t| {
            let position = index.position_where(&actor.id, &t.id, &filter);
            let (view, time) =
                evidence::position_and_time(index, &position, &actor.id, &t.id, &confidence);
            ActorTopic {
                topic: Link::topic(index, &t.id),
                position: view,
                claims: position
                    .claims
                    .iter()
                    .map(|c| ClaimView::new(index, c))
                    .collect(),
                time,
            }
        })
        .collect();
    render(&ActorView {
        page: Page::new(format!("/actors/{}{}", actor.id, confidence.query), ""),
        actor: Link::actor(&actor.id, &actor.name),
        kind: actor.kind.as_str(),
        affiliation: actor
            .affiliation
            .as_deref()
            .and_then(|id| index.actor(id))
            .map(|a| Link::actor(&a.id, &a.name)),
        aliases: actor
            .aliases
            .iter()
            .filter(|a| **a != actor.name)
            .cloned()
            .collect(),
        discovered: actor.discovered,
        topics,
        claims: index.claim_count(&actor.id),
        confidence,
    })
}

/// `GET /topics/{id}`: who supports, who opposes, who attaches conditions.
pub(crate) async fn topic(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let key = param(path)?;
    let index = &state.index;
    let (filter, confidence) = evidence::confidence(index, query.as_deref())?;
    let topic = index
        .topic(&key)
        .ok_or_else(|| AppError::unknown_topic(index, &key))?;
    if topic.id != key {
        return Ok(moved(&format!("/topics/{}{}", topic.id, confidence.query)));
    }
    let groups = Stance::ALL
        .iter()
        .map(|&stance| StanceGroup {
            stance: stance.as_str(),
            actors: index
                .quoted_actors()
                .filter_map(|a| {
                    let position = index.position_where(&a.id, &topic.id, &filter);
                    (position.stance == Some(stance)).then(|| {
                        (
                            Link::actor(&a.id, &a.name),
                            evidence::position_view(
                                index,
                                &position,
                                &a.id,
                                &topic.id,
                                &confidence,
                            ),
                        )
                    })
                })
                .collect(),
        })
        .collect();
    render(&TopicView {
        page: Page::new(format!("/topics/{}{}", topic.id, confidence.query), ""),
        topic: Link::topic(index, &topic.id),
        description: topic.description.clone(),
        groups,
        claims: index
            .claims
            .iter()
            .filter(|c| c.topic == topic.id && filter.keeps(c))
            .map(|c| ClaimView::new(index, c))
            .collect(),
        confidence,
    })
}

/// `GET /articles/{id}`: the article, every sentence addressable, claims marked.
pub(crate) async fn article(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let id = param(path)?;
    let index = &state.index;
    let article = index
        .article(&id)
        .ok_or_else(|| AppError::unknown_article(index, &id))?;
    render(&article_view(index, article))
}

fn article_view(index: &Index, article: &crate::index::Article) -> ArticleView {
    let claims: Vec<_> = index.claims_in(&article.id).collect();
    let mut blocks: Vec<BlockView> = article
        .blocks
        .iter()
        .map(|b| BlockView {
            role: b.role.as_str(),
            sentences: Vec::new(),
            text: article
                .text
                .get(b.span.range())
                .unwrap_or_default()
                .trim()
                .to_string(),
        })
        .collect();
    for sentence in &article.sentences {
        let view = SentenceView {
            index: sentence.index,
            text: article
                .text
                .get(sentence.span.range())
                .unwrap_or_default()
                .to_string(),
            claims: claims
                .iter()
                .filter(|c| c.sentence == sentence.index)
                .map(|c| SentenceClaim {
                    actor: Link::actor(&c.actor.id, &c.actor.name),
                    topic: Link::topic(index, &c.topic),
                    stance: c.stance.as_str(),
                    kind: c.kind.as_str(),
                })
                .collect(),
        };
        match blocks.get_mut(sentence.block) {
            Some(block) => block.sentences.push(view),
            None => blocks.push(BlockView {
                role: BlockRole::Body.as_str(),
                sentences: vec![view],
                text: String::new(),
            }),
        }
    }
    let meta = &article.meta;
    ArticleView {
        page: Page::new(format!("/articles/{}", article.id), ""),
        article: Link::new(
            format!("/articles/{}", article.id),
            &article.id,
            article.title(),
        ),
        file: article.file.clone(),
        outlet: meta.outlet.clone(),
        author: meta.author.clone(),
        date: meta.date.clone(),
        source_url: meta
            .url
            .clone()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        blocks,
        claims: claims.iter().map(|c| ClaimView::new(index, c)).collect(),
    }
}

/// Fallback for unknown paths: the 404 page, or JSON under `/api`.
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    let err = AppError::new(Problem::NotFound);
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        err.json().into_response()
    } else {
        err.into_response()
    }
}

/// `GET /healthz`: 200 once the index is built and the server is up.
pub(crate) async fn health() -> impl IntoResponse {
    (StatusCode::OK, "ok\n")
}
