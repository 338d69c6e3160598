//! Extractors every handler shares, each rejecting with the app's own error: a path parameter
//! ([`Param`] for pages, [`ApiParam`] for the API) and the `confidence` choice ([`Confidence`],
//! [`ApiConfidence`]), which every page and every API route accepts, and the query of a search
//! ([`SearchQuery`], [`ApiSearchQuery`]).

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::AppState;
use super::error::{ApiError, AppError, Problem};
use super::evidence;
use super::paging::ListQuery;
use super::views::ConfidenceChoice;
use crate::index::ClaimFilter;
use crate::index::search::MAX_QUERY_CHARS;

/// A path parameter; a 400 page when it is not valid percent-encoded UTF-8.
pub(crate) struct Param<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Param<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(p)| Param(p))
            .map_err(|_| Problem::BadEncoding.into())
    }
}

/// A path parameter of an API route: the same, answered as JSON.
pub(crate) struct ApiParam<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiParam<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Param(p) = Param::from_request_parts(parts, state).await?;
        Ok(ApiParam(p))
    }
}

/// The `confidence` query parameter: `high` hides low-confidence claims, `all` (or nothing)
/// shows every claim; anything else is a 400 that lists the two. The last value given counts.
pub(crate) struct Confidence {
    /// The claims kept.
    pub(crate) filter: ClaimFilter,
    /// The choice, for views and for links that keep it.
    pub(crate) choice: ConfidenceChoice,
}

impl FromRequestParts<AppState> for Confidence {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or("");
        let value = form_urlencoded::parse(query.as_bytes())
            .filter(|(k, _)| k == "confidence")
            .map(|(_, v)| v.trim().to_string())
            .last()
            .filter(|v| !v.is_empty());
        let (filter, choice) = evidence::choose(&state.index, value.as_deref())?;
        Ok(Confidence { filter, choice })
    }
}

/// The `confidence` choice of an API route, its error answered as JSON.
pub(crate) struct ApiConfidence(pub(crate) Confidence);

impl FromRequestParts<AppState> for ApiConfidence {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(ApiConfidence(
            Confidence::from_request_parts(parts, state).await?,
        ))
    }
}

/// The query of `/search`: `q`, the words searched (trimmed; the last value counts), and the
/// list parameters. A `q` longer than [`MAX_QUERY_CHARS`] is a 400 that says the limit. Pages
/// ignore the parameters they do not take.
pub(crate) struct SearchQuery {
    pub(crate) q: String,
    pub(crate) list: ListQuery,
}

impl SearchQuery {
    /// Reads a query string; `strict` as in [`ListQuery::parse`], for the API.
    fn parse(query: &str, allowed: &[&str], strict: bool) -> Result<Self, AppError> {
        let mut q: Option<String> = None;
        let mut rest = form_urlencoded::Serializer::new(String::new());
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            if key != "q" {
                rest.append_pair(&key, &value);
                continue;
            }
            if strict && q.is_some() {
                return Err(Problem::RepeatedParameter(key.into_owned()).into());
            }
            if value.chars().count() > MAX_QUERY_CHARS {
                return Err(Problem::SearchTooLong {
                    max: MAX_QUERY_CHARS,
                }
                .into());
            }
            q = Some(value.trim().to_string());
        }
        let list = ListQuery::parse(Some(&rest.finish()), allowed, strict)?;
        Ok(SearchQuery {
            q: q.unwrap_or_default(),
            list,
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SearchQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        SearchQuery::parse(parts.uri.query().unwrap_or(""), &["page"], false)
    }
}

/// The query of `/api/v1/search`: the same, with `per_page`; unknown or repeated parameters are
/// refused, as JSON.
pub(crate) struct ApiSearchQuery(pub(crate) SearchQuery);

impl<S: Send + Sync> FromRequestParts<S> for ApiSearchQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        Ok(ApiSearchQuery(SearchQuery::parse(
            query,
            &["page", "per_page"],
            true,
        )?))
    }
}
