//! A server that is still indexing: it binds its address first, then answers every request with
//! 503 and how far indexing has got (`/healthz` in a line, `/api` in JSON, pages with a page that
//! says so), each with `Retry-After`, until the index is built and the app takes over.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use askama::Template;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use tower::ServiceExt;

use super::views::{Page, StartingView};
use super::{assets, layers, urls};

/// Seconds a client is asked to wait before trying again while the server starts.
const RETRY_AFTER_SECS: &str = "5";

/// How far a starting server has got: articles found (0 until the corpus is read) and indexed.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress {
    /// Sets the number of articles to index, once the corpus is read.
    pub fn set_total(&self, n: usize) {
        self.total.store(n, Ordering::Relaxed);
    }

    /// Counts `n` more articles indexed.
    pub fn add(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Articles indexed, and articles found.
    fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// The router a server answers with: the starting answers until `ready` holds the app, then the
/// app.
pub(super) fn switch(ready: Arc<OnceLock<Router>>, progress: Arc<Progress>) -> Router {
    let starting = layers::security_headers(
        Router::new()
            .route(urls::ASSET, get(assets::serve))
            .fallback(starting)
            .with_state(progress),
    );
    Router::new().fallback_service(tower::service_fn(move |req: Request| {
        let router = ready.get().cloned().unwrap_or_else(|| starting.clone());
        router.oneshot(req)
    }))
}

#[derive(Serialize)]
struct StartingJson {
    error: &'static str,
    message: String,
    indexed: usize,
    articles: usize,
}

/// Any request while indexing: 503 with the progress, in the form the address asks for.
async fn starting(State(progress): State<Arc<Progress>>, req: Request) -> Response {
    let (done, total) = progress.get();
    let path = req.uri().path();
    let mut res = if path == urls::HEALTH {
        format!("starting: {done} of {total} articles indexed\n").into_response()
    } else if path == urls::API || path.starts_with(&format!("{}/", urls::API)) {
        axum::Json(StartingJson {
            error: "starting",
            message: format!(
                "the server is indexing its articles ({done} of {total}); try again shortly"
            ),
            indexed: done,
            articles: total,
        })
        .into_response()
    } else {
        let view = StartingView {
            page: Page::new("", ""),
            done,
            total,
        };
        match view.render() {
            Ok(html) => Html(html).into_response(),
            Err(err) => {
                tracing::error!(%err, "rendering the starting page");
                "starting\n".into_response()
            }
        }
    };
    *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let headers = res.headers_mut();
    headers.insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_SECS),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
