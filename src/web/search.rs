//! `/search?q=` and `/api/v1/search?q=`: actors, topics and articles that the words find, from
//! the index's search table, a page at a time.

use axum::extract::State;
use axum::response::Response;
use serde_json::json;

use super::AppState;
use super::api::{self, ApiResult};
use super::error::AppError;
use super::pages::render;
use super::paging::{self, Paged};
use super::params::{ApiSearchQuery, SearchQuery};
use super::urls;
use super::views::{Link, Page, SearchRow, SearchView};
use crate::index::Index;
use crate::index::search::{Hit, HitKind};

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
    SearchQuery { q, list }: SearchQuery,
) -> Result<Response, AppError> {
    let index = &state.index;
    let hits = index.search(&q);
    let pairs = [("q", q.clone())];
    let href = |p| paging::href(urls::SEARCH, &pairs, p);
    let paged = Paged::new(
        hits.len(),
        state.config.limits.list_per_page,
        list.page.as_deref(),
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
    ApiSearchQuery(SearchQuery { q, list }): ApiSearchQuery,
) -> ApiResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let per_page = list.per_page(limits.api_per_page, limits.api_max_per_page)?;
    let hits = index.search(&q);
    let path = urls::api::list(urls::api::SEARCH);
    let (paged, links) = api::page_of(hits.len(), per_page, &list, &path, &[("q", q.clone())])?;
    let results: Vec<_> = paged
        .slice(&hits)
        .iter()
        .map(|h| {
            let r = row(index, h);
            json!({
                "kind": r.kind,
                "id": r.link.id,
                "name": r.link.name,
                "href": r.link.href,
                "api": r.api,
                "outlet": r.detail,
                "claims": r.claims,
            })
        })
        .collect();
    api::ok(api::with_page(
        json!({ "query": q, "results": results }),
        links,
    ))
}
