//! `/search?q=` and `/api/v1/search?q=`: actors, topics and articles that the words find, from
//! the index's search table, a page at a time.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::api::{self, ApiResult};
use super::error::{AppError, Problem};
use super::pages::render;
use super::paging::{self, ApiListQuery, Paged};
use super::params::{ApiQuery, Query};
use super::urls;
use super::views::{Link, Page, SearchRow, SearchView};
use crate::index::Index;
use crate::index::search::{Hit, HitKind, MAX_QUERY_CHARS};

/// The query of `/search`: the words, and the page.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct SearchQuery {
    q: Option<String>,
    page: Option<String>,
}

/// The query of `/api/v1/search`: the words, the page and its size.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct ApiSearchQuery {
    q: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

/// The words searched: a 400 that says the limit when there are more than
/// [`MAX_QUERY_CHARS`] characters.
fn words(q: Option<String>) -> Result<String, AppError> {
    let q = q.unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(Problem::SearchTooLong {
            max: MAX_QUERY_CHARS,
        }
        .into());
    }
    Ok(q)
}

/// A search result as the API lists it.
#[derive(Serialize)]
struct ResultJson {
    kind: &'static str,
    id: String,
    name: String,
    href: String,
    api: String,
    outlet: Option<String>,
    claims: usize,
}

/// The API's answer: the words searched and a page of results.
#[derive(Serialize)]
struct SearchJson {
    query: String,
    results: Vec<ResultJson>,
}

/// A search result as a page or the API lists it.
fn row(index: &Index, hit: &Hit) -> SearchRow {
    let (link, api, detail) = match hit.kind {
        HitKind::Actor => {
            let a = &index.actors[hit.at];
            (Link::actor(&a.id, &a.name), urls::api::actor(&a.id), None)
        }
        HitKind::Topic => {
            let t = &index.topics[hit.at];
            (Link::topic(index, &t.id), urls::api::topic(&t.id), None)
        }
        HitKind::Article => {
            let a = &index.articles[hit.at];
            (
                Link::new(urls::article(&a.id), &a.id, a.title()),
                urls::api::article(&a.id),
                a.meta.outlet.clone(),
            )
        }
    };
    SearchRow {
        kind: hit.kind.as_str(),
        link,
        api,
        detail,
        claims: hit.claims,
    }
}

/// `GET /search?q=[&page=N]`: what the words find, best first; without words, the empty form.
pub(crate) async fn page(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let index = &state.index;
    let q = words(query.q)?;
    let hits = index.search(&q);
    let pairs = [("q", q.clone())];
    let href = |p| paging::href(urls::SEARCH, &pairs, p);
    let paged = Paged::new(
        hits.len(),
        state.config.limits.list_per_page,
        query.page.as_deref(),
        href,
    )?;
    let mut page = Page::new(href(paged.page), "");
    page.search.clone_from(&q);
    render(&SearchView {
        page,
        results: paged.slice(&hits).iter().map(|h| row(index, h)).collect(),
        pager: paged.view(href),
        query: q,
    })
}

/// `GET /api/v1/search?q=[&page=&per_page=]`: the same, as JSON.
pub(crate) async fn api(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ApiSearchQuery>,
) -> ApiResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let q = words(query.q)?;
    let list = ApiListQuery {
        confidence: None,
        page: query.page,
        per_page: query.per_page,
    };
    let per_page = list.per_page(limits.api_per_page, limits.api_max_per_page)?;
    let hits = index.search(&q);
    let path = urls::api::list(urls::api::SEARCH);
    let (paged, links) = api::page_of(hits.len(), per_page, &list, &path, &[("q", q.clone())])?;
    let results = paged
        .slice(&hits)
        .iter()
        .map(|h| {
            let r = row(index, h);
            ResultJson {
                kind: r.kind,
                id: r.link.id,
                name: r.link.name,
                href: r.link.href,
                api: r.api,
                outlet: r.detail,
                claims: r.claims,
            }
        })
        .collect();
    api::ok_paged(SearchJson { query: q, results }, links)
}
