//! Cross-cutting layers: security headers, ETags with conditional GET, and a URI length limit.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

use super::assets::fnv1a;
use super::error::{AppError, Problem};

/// The Content-Security-Policy: everything from this origin, no inline script, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Adds CSP, nosniff, referrer policy and frame denial to every response of `router`.
pub fn security_headers(router: Router) -> Router {
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

/// Largest page body hashed for an ETag; bigger bodies go out without one.
const MAX_ETAG_BODY: usize = 16 * 1024 * 1024;

/// Adds an ETag to successful GET responses that lack one and answers a matching
/// `If-None-Match` with 304. Pages and API answers are pure functions of the immutable index, so
/// the hash of the body is a faithful validator; clients must revalidate (`no-cache`).
pub async fn etag(req: Request, next: Next) -> Response {
    let conditional = req.headers().get(header::IF_NONE_MATCH).cloned();
    // HEAD answers carry no body to hash; they go out as they are.
    let get = req.method() == Method::GET;
    let response = next.run(req).await;
    if !get || response.status() != StatusCode::OK || response.headers().contains_key(header::ETAG)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_ETAG_BODY).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(%err, "buffering a response for its ETag");
            return AppError::new(Problem::Internal).into_response();
        }
    };
    // Weak, since compression further out may change the bytes but not the content.
    let tag = format!("W/\"{:016x}\"", fnv1a(&bytes));
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    parts.headers.insert(header::ETAG, value);
    let matched = conditional
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
            v.split(',')
                .any(|t| t.trim() == "*" || opaque(t) == opaque(&tag))
        });
    if matched {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Refuses request URIs longer than `limits.max_uri_bytes` with 414.
pub async fn limit_uri(State(max): State<usize>, req: Request, next: Next) -> Response {
    let len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if len > max {
        let err = AppError::new(Problem::UriTooLong { max });
        let api = req.uri().path().starts_with("/api/");
        return if api { err.json() } else { err }.into_response();
    }
    next.run(req).await
}
