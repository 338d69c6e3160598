//! The web application: pages, JSON API and static assets over a read-only [`Index`].
//!
//! - [`pages`]: HTML handlers; [`api`]: the JSON API under `/api/v1`; both fill views from
//!   [`views`] with queries on the index.
//! - [`selection`]: comparison selections and their canonical permalinks.
//! - [`paging`]: lists in pages, and the query parameters and claim filters they share.
//! - [`evidence`]: the confidence choice, and coverage, shifts and timelines as views.
//! - [`chart`]: the geometry of a stance timeline, drawn as SVG by the templates.
//! - [`export`]: a comparison's CSV and JSON downloads and its share card.
//! - [`card`]: the share card's layout, measured in the compiled-in font, as SVG and PNG.
//! - [`search`]: `/search` and `/api/v1/search`, over the index's search table.
//! - [`params`]: the extractors every handler shares (path parameters, the confidence choice,
//!   typed query strings).
//! - [`error`]: the one error type, rendered as a page, or as JSON through `ApiError`.
//! - [`urls`]: every route pattern and every link to it.
//! - [`assets`]: CSS, JS and icon compiled in, served under content-hashed names.
//! - [`layers`]: security headers, ETags, URI length limit.
//! - [`origin`]: the `scheme://host` of absolute links (the public URL, or the request's host).
//! - [`starting`]: the 503 answers of a server that is still indexing, and its progress.

mod api;
pub mod assets;
pub mod card;
mod chart;
mod error;
mod evidence;
pub mod export;
mod fragments;
mod gzip;
mod layers;
pub mod origin;
mod pages;
mod paging;
mod params;
mod search;
mod selection;
mod starting;
mod urls;
pub mod views;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tower_http::CompressionLevel;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::config::{Config, Limits};
use crate::index::Index;
use origin::PublicOrigin;
pub use starting::Progress;

/// Shared, read-only application state.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<Index>,
    pub config: Arc<Config>,
    /// Where absolute links point.
    pub origin: Arc<PublicOrigin>,
    /// Comparison cells rendered once, which comparison pages are spliced from; `None` renders
    /// every comparison whole.
    fragments: Option<Arc<fragments::Fragments>>,
}

impl AppState {
    /// The state of a site without a public URL: absolute links take the request's `Host`.
    pub fn new(index: Index, config: Config) -> Self {
        let fragments = Some(Arc::new(fragments::Fragments::new(&index)));
        AppState {
            index: Arc::new(index),
            config: Arc::new(config),
            origin: Arc::default(),
            fragments,
        }
    }

    /// The same state rendering every comparison page whole, from its template, as the pages
    /// spliced from cell fragments are tested against.
    pub fn whole_pages(mut self) -> Self {
        self.fragments = None;
        self
    }

    /// Renders every comparison cell's fragments now, in parallel, rather than on first use,
    /// and logs their number, size and time.
    pub fn fill_fragments(&self) {
        let Some(table) = &self.fragments else {
            return;
        };
        let start = std::time::Instant::now();
        let cells = table.fill(&self.index, &self.config.limits);
        tracing::info!(
            cells,
            bytes = table.bytes(),
            ms = start.elapsed().as_millis() as u64,
            "comparison cells rendered"
        );
    }

    /// The same state with absolute links made by `origin`.
    pub fn with_origin(mut self, origin: PublicOrigin) -> Self {
        self.origin = Arc::new(origin);
        self
    }
}

/// Builds the whole application router: pages, `/api/v1`, assets, the fallback and the layers.
pub fn app(state: AppState) -> Router {
    let limits = state.config.limits.clone();
    let origin = state.origin.clone();
    let api = Router::new()
        .route(urls::api::ROOT, get(api::root))
        .route(urls::api::ARTICLES, get(api::articles))
        .route(urls::api::ARTICLE, get(api::article))
        .route(urls::api::ACTORS, get(api::actors))
        .route(urls::api::ACTOR, get(api::actor))
        .route(urls::api::TOPICS, get(api::topics))
        .route(urls::api::TOPIC, get(api::topic))
        .route(urls::api::CLAIMS, get(api::claims))
        .route(urls::api::GRID, get(api::grid))
        .route(urls::api::COMPARE_QUERY, get(api::compare_query))
        .route(urls::api::COMPARE, get(api::compare))
        .route(urls::api::SEARCH, get(search::api))
        .method_not_allowed_fallback(error::method_not_allowed_json);
    let router = Router::new()
        .route(urls::HOME, get(pages::home))
        .route(urls::COMPARE_FORM, get(pages::compare_form))
        .route(urls::COMPARE_ACTORS, get(pages::compare_actors))
        .route(urls::COMPARE, get(pages::compare))
        .route(urls::DOWNLOAD, get(export::download))
        .route(urls::ACTORS, get(pages::actors))
        .route(urls::ACTOR, get(pages::actor))
        .route(urls::TOPIC, get(pages::topic))
        .route(urls::ARTICLES, get(pages::articles))
        .route(urls::ARTICLE, get(pages::article))
        .route(urls::SEARCH, get(search::page))
        .route(urls::ASSET, get(assets::serve))
        .route(urls::HEALTH, get(pages::health))
        .method_not_allowed_fallback(error::method_not_allowed)
        .nest(urls::API, api)
        .fallback(pages::not_found)
        .with_state(state)
        // A bug in a handler answers 500 with the error page instead of dropping the connection.
        .layer(CatchPanicLayer::custom(|_| {
            tracing::error!("a handler panicked");
            error::AppError::new(error::Problem::Internal).into_response()
        }))
        .layer(axum::middleware::from_fn(layers::etag))
        .layer(axum::middleware::from_fn_with_state(
            limits.max_uri_bytes,
            layers::limit_uri,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(limits.request_timeout_secs.max(1)),
        ))
        .layer(CompressionLayer::new().quality(compression(&limits)))
        .layer(axum::middleware::from_fn_with_state(
            layers::ResponseCache::new(limits.response_cache_bytes, origin),
            layers::cache,
        ));
    let trace = TraceLayer::new_for_http()
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
        .make_span_with(|req: &Request| {
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map_or("", MatchedPath::as_str);
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), route)
        });
    layers::security_headers(router).layer(trace)
}

/// How hard responses are compressed: a fast level when each request is rendered anew (the
/// response cache off), where deflating a page at the default level costs more than rendering
/// it; the default level when answers are kept, where a page is compressed once and served many
/// times. Level 2, not 1: zlib-rs's level 1 (`deflate_quick`) makes JSON nearly twice as large.
fn compression(limits: &Limits) -> CompressionLevel {
    if limits.response_cache_bytes == 0 {
        CompressionLevel::Precise(2)
    } else {
        CompressionLevel::Default
    }
}

/// Serves on `listener`, bound before indexing began: while `index` is being built, `/healthz`
/// answers 503 with `progress` and every page says the server is starting; then the app, until
/// Ctrl-C or SIGTERM; absolute links are made by `origin`. When building fails, stops and
/// returns its error.
pub async fn serve_when_ready<E>(
    listener: tokio::net::TcpListener,
    config: Config,
    origin: PublicOrigin,
    progress: Arc<Progress>,
    index: impl std::future::Future<Output = Result<Index, E>>,
) -> Result<(), E> {
    if let Some(url) = origin.public_url() {
        tracing::info!("absolute links use the public URL {url}");
    }
    let ready: Arc<OnceLock<Router>> = Arc::new(OnceLock::new());
    let router = starting::switch(ready.clone(), progress);
    let limits = config.limits.clone();
    let built = async move {
        let index = index.await?;
        let state = AppState::new(index, config).with_origin(origin);
        let _ = ready.set(app(state.clone()));
        tracing::info!("ready");
        tokio::task::spawn_blocking(move || state.fill_fragments());
        std::future::pending::<Result<(), E>>().await
    };
    // A failed build ends the server at once; a signal ends it, built or not.
    tokio::select! {
        () = serve_on(listener, router, &limits, shutdown_signal()) => {
            tracing::info!("shut down");
            Ok(())
        }
        err = built => err,
    }
}

/// Serves `router` over HTTP/1.1 on `listener` until `shutdown` resolves, then stops accepting
/// and lets open requests finish.
///
/// A client gets `limits.header_read_timeout_secs` to send each request's headers: a connection
/// that trickles them (slowloris) or sits idle is closed then, so slow clients cannot tie the
/// server up. Handlers are bounded by `limits.request_timeout_secs` (the router's timeout layer).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: &Limits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(limits.header_read_timeout_secs.max(1)));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    // Out of file descriptors or the like: back off instead of spinning.
                    tracing::warn!(%err, "accepting a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(err) = stream.set_nodelay(true) {
            tracing::debug!(%err, "setting TCP_NODELAY");
        }
        let service = TowerToHyperService::new(router.clone());
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(err) = conn.await {
                tracing::debug!(%err, "connection closed with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
