//! The web application: pages, JSON API and static assets over a read-only [`Index`].

use std::sync::Arc;

use axum::Router;

use crate::index::Index;

/// Shared, read-only application state.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<Index>,
}

/// Builds the whole application router.
pub fn app(state: AppState) -> Router {
    Router::new().with_state(state)
}

/// Binds `addr` and serves the index until Ctrl-C or SIGTERM.
pub async fn serve(
    index: Index,
    _config: crate::config::Config,
    addr: &str,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    let state = AppState {
        index: Arc::new(index),
    };
    axum::serve(listener, app(state)).await
}
