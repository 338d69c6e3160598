//! Cross-cutting layers: security headers, ETags with conditional GET, and a URI length limit.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

use super::error::{AppError, Problem, respond_at};
use super::origin::PublicOrigin;

/// The Content-Security-Policy: everything from this origin, no inline script, no framing.
pub(super) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Adds CSP, nosniff, referrer policy and frame denial to every response of `router`.
pub(super) fn security_headers(router: Router) -> Router {
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

/// The hash of a body for its ETag: rustc-hash's, which reads eight bytes a step (an ETag is
/// computed on every answer the response cache does not keep, over pages of 100 KB and more).
fn body_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// Adds an ETag to successful GET responses that lack one (a handler may set its own) and
/// answers a matching `If-None-Match` with 304. Pages and API answers are pure functions of the immutable index, so
/// the hash of the body is a faithful validator; clients must revalidate (`no-cache`).
pub(super) async fn etag(req: Request, next: Next) -> Response {
    let conditional = req.headers().get(header::IF_NONE_MATCH).cloned();
    // HEAD answers carry no body to hash; they go out as they are.
    let get = req.method() == Method::GET;
    let response = next.run(req).await;
    if !get || response.status() != StatusCode::OK {
        return response;
    }
    if let Some(tag) = response.headers().get(header::ETAG).cloned() {
        return revalidated(response, conditional.as_ref(), tag);
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
    let tag = format!("W/\"{:016x}\"", body_hash(&bytes));
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.insert(header::ETAG, value.clone());
    revalidated(
        Response::from_parts(parts, Body::from(bytes)),
        conditional.as_ref(),
        value,
    )
}

/// `response`, whose ETag is `tag`, told to revalidate (`no-cache`, unless it says otherwise),
/// or a 304 without its body when the `If-None-Match` asked for names the tag.
fn revalidated(response: Response, asked: Option<&HeaderValue>, tag: HeaderValue) -> Response {
    let (mut parts, body) = response.into_parts();
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    if asked.is_some_and(|asked| etag_matches(asked, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, body)
}

/// Refuses request URIs longer than `limits.max_uri_bytes` with 414.
pub(super) async fn limit_uri(State(max): State<usize>, req: Request, next: Next) -> Response {
    let len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if len > max {
        let err = AppError::new(Problem::UriTooLong { max });
        return respond_at(req.uri().path(), err);
    }
    next.run(req).await
}

/// Rendered answers kept by request, so that a page shared and opened many times is rendered
/// once. Pages and API answers are pure functions of the immutable index and of the request's
/// URI and the headers in [`CacheKey`], so a kept answer is always the current one.
#[derive(Clone)]
pub(super) struct ResponseCache {
    entries: Option<Arc<quick_cache::sync::Cache<CacheKey, Arc<Kept>, KeptWeight>>>,
    /// How answers make absolute links, for the key.
    origin: Arc<PublicOrigin>,
}

/// What an answer depends on besides the index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct CacheKey {
    uri: String,
    /// The `scheme://host` of absolute links in pages (Open Graph), as [`PublicOrigin`] makes it
    /// from the request: headers it ignores do not split the cache.
    origin: Option<String>,
    /// Whether the client takes gzip: the kept body is the compressed one.
    gzip: bool,
}

/// A kept answer: its headers and body.
pub(super) struct Kept {
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
}

#[derive(Clone)]
pub(super) struct KeptWeight;

impl quick_cache::Weighter<CacheKey, Arc<Kept>> for KeptWeight {
    fn weight(&self, key: &CacheKey, kept: &Arc<Kept>) -> u64 {
        (key.uri.len() + kept.body.len() + 512) as u64
    }
}

/// Largest answer kept; bigger ones are rendered each time.
const MAX_KEPT_BODY: usize = 2 * 1024 * 1024;

impl ResponseCache {
    /// A cache holding up to `bytes` of answers; `0` keeps nothing.
    pub(super) fn new(bytes: usize, origin: Arc<PublicOrigin>) -> Self {
        let entries = (bytes > 0).then(|| {
            // quick_cache wants an estimate of the number of entries: pages are ~10-50 KB.
            let estimated = (bytes / (16 * 1024)).max(16);
            Arc::new(quick_cache::sync::Cache::with_weighter(
                estimated,
                bytes as u64,
                KeptWeight,
            ))
        });
        ResponseCache { entries, origin }
    }
}

/// Answers a GET from the [`ResponseCache`] when the same request was answered before, and keeps
/// successful answers for next time. Conditional requests get their 304 from the kept ETag.
pub(super) async fn cache(
    State(cache): State<ResponseCache>,
    req: Request,
    next: Next,
) -> Response {
    let Some(entries) = cache.entries.as_ref() else {
        return next.run(req).await;
    };
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let headers = req.headers();
    let key = CacheKey {
        uri: req.uri().to_string(),
        origin: cache.origin.resolve(headers),
        gzip: headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .any(|v| v.to_str().is_ok_and(|v| v.contains("gzip"))),
    };
    let conditional = headers.get(header::IF_NONE_MATCH).cloned();
    if let Some(kept) = entries.get(&key) {
        let fresh = conditional
            .as_ref()
            .zip(kept.headers.get(header::ETAG))
            .is_some_and(|(asked, tag)| etag_matches(asked, tag));
        let mut response = if fresh {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NOT_MODIFIED;
            r
        } else {
            Response::new(Body::from(kept.body.clone()))
        };
        *response.headers_mut() = kept.headers.clone();
        if fresh {
            response.headers_mut().remove(header::CONTENT_LENGTH);
        }
        return response;
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    // Answers are already whole in memory (the ETag layer hashed them), so this only collects
    // the compressed bytes.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(%err, uri = %key.uri, "collecting an answer to keep");
            return AppError::new(Problem::Internal).into_response();
        }
    };
    if bytes.len() <= MAX_KEPT_BODY {
        entries.insert(
            key,
            Arc::new(Kept {
                headers: parts.headers.clone(),
                body: bytes.clone(),
            }),
        );
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// True when an `If-None-Match` value names the ETag `tag` (weak comparison).
fn etag_matches(asked: &HeaderValue, tag: &HeaderValue) -> bool {
    let (Ok(asked), Ok(tag)) = (asked.to_str(), tag.to_str()) else {
        return false;
    };
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    asked
        .split(',')
        .any(|t| t.trim() == "*" || opaque(t) == opaque(tag))
}
