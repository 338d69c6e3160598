//! The one web error type: what went wrong, rendered as the site's error page or, under `/api`,
//! as JSON. Server errors are logged; internals are never shown.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use super::urls;
use super::views::{ErrorView, Link, Page};
use crate::index::Index;

/// What was wrong with a request; its message is what API clients read (pages take theirs from
/// `templates/error.html`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Problem {
    /// No page at this address.
    #[error("no such resource")]
    NotFound,
    #[error("unknown actor {0:?}")]
    UnknownActor(String),
    #[error("unknown topic {0:?}")]
    UnknownTopic(String),
    #[error("unknown article {0:?}")]
    UnknownArticle(String),
    #[error("unknown stance {0:?}")]
    UnknownStance(String),
    /// A `confidence` value other than `high` or `all`.
    #[error("unknown confidence {0:?}")]
    UnknownConfidence(String),
    /// A download of a comparison that does not exist (see [`urls::DOWNLOADS`]).
    #[error("no download {0:?} for a comparison")]
    UnknownExport(String),
    /// A query parameter the route does not take.
    #[error("unknown query parameter {0:?}")]
    UnknownParameter(String),
    /// A query parameter given twice where one value is expected.
    #[error("query parameter {0:?} given more than once")]
    RepeatedParameter(String),
    /// A comparison without any actor (or topic) in it.
    #[error("choose at least one actor")]
    NoActors,
    #[error("choose at least one topic")]
    NoTopics,
    /// More actors than `limits.max_compare_actors`.
    #[error("{given} actors chosen; a comparison takes at most {max}")]
    TooManyActors { given: usize, max: usize },
    /// A `page` that is not a page number (pages run from 1 to `last`).
    #[error("{given:?} is not a page number; pages run from 1 to {last}")]
    BadPage { given: String, last: usize },
    /// A `page` after the last one.
    #[error("there is no page {given}; pages run from 1 to {last}")]
    PageNotFound { given: String, last: usize },
    /// A `per_page` outside 1 to `max`.
    #[error("per_page {given:?} is not a number from 1 to {max}")]
    BadPerPage { given: String, max: usize },
    /// The path or query is not valid percent-encoded UTF-8.
    #[error("the address is not valid percent-encoded UTF-8")]
    BadEncoding,
    #[error("the address is longer than {max} bytes")]
    UriTooLong { max: usize },
    /// A search longer than `max` characters.
    #[error("the search is longer than {max} characters")]
    SearchTooLong { max: usize },
    /// A method other than GET or HEAD on an address that exists.
    #[error("only GET and HEAD are allowed here")]
    MethodNotAllowed,
    #[error("internal error")]
    Internal,
}

impl Problem {
    pub(crate) fn status(&self) -> StatusCode {
        use Problem::*;
        match self {
            NotFound
            | UnknownActor(_)
            | UnknownTopic(_)
            | UnknownArticle(_)
            | UnknownExport(_)
            | PageNotFound { .. } => StatusCode::NOT_FOUND,
            UnknownStance(_)
            | UnknownConfidence(_)
            | UnknownParameter(_)
            | RepeatedParameter(_)
            | NoActors
            | NoTopics
            | TooManyActors { .. }
            | BadPage { .. }
            | BadPerPage { .. }
            | BadEncoding
            | SearchTooLong { .. } => StatusCode::BAD_REQUEST,
            UriTooLong { .. } => StatusCode::URI_TOO_LONG,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code, also used by the error template to pick its message.
    pub(crate) fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            NotFound => "not-found",
            UnknownActor(_) => "unknown-actor",
            UnknownTopic(_) => "unknown-topic",
            UnknownArticle(_) => "unknown-article",
            UnknownStance(_) => "unknown-stance",
            UnknownConfidence(_) => "unknown-confidence",
            UnknownExport(_) => "unknown-export",
            UnknownParameter(_) => "unknown-parameter",
            RepeatedParameter(_) => "repeated-parameter",
            NoActors => "no-actors",
            NoTopics => "no-topics",
            TooManyActors { .. } => "too-many-actors",
            BadPage { .. } => "bad-page",
            PageNotFound { .. } => "page-not-found",
            BadPerPage { .. } => "bad-per-page",
            BadEncoding => "bad-encoding",
            UriTooLong { .. } => "uri-too-long",
            SearchTooLong { .. } => "search-too-long",
            MethodNotAllowed => "method-not-allowed",
            Internal => "internal",
        }
    }

    /// The offending input, if any.
    pub(crate) fn given(&self) -> &str {
        use Problem::*;
        match self {
            UnknownActor(s) | UnknownTopic(s) | UnknownArticle(s) | UnknownStance(s)
            | UnknownConfidence(s) | UnknownExport(s) | UnknownParameter(s)
            | RepeatedParameter(s) => s,
            BadPage { given, .. } | PageNotFound { given, .. } | BadPerPage { given, .. } => given,
            _ => "",
        }
    }

    /// The limit that was exceeded, if any.
    pub(crate) fn limit(&self) -> usize {
        match self {
            Problem::TooManyActors { max, .. }
            | Problem::UriTooLong { max }
            | Problem::SearchTooLong { max } => *max,
            Problem::BadPage { last, .. } | Problem::PageNotFound { last, .. } => *last,
            Problem::BadPerPage { max, .. } => *max,
            _ => 0,
        }
    }
}

/// A failed request: the problem, the valid choices to offer instead, and how to render it.
#[derive(Debug, Clone)]
pub(crate) struct AppError {
    pub problem: Problem,
    /// Valid values for the thing that was not found (ids and display names).
    pub valid: Vec<Link>,
}

/// An error of an API route: the same error, answered as JSON. API handlers return it, so `?`
/// on any [`AppError`] or [`Problem`] there answers JSON.
#[derive(Debug, Clone)]
pub(crate) struct ApiError(pub(crate) AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError(err)
    }
}

impl From<Problem> for ApiError {
    fn from(problem: Problem) -> Self {
        ApiError(problem.into())
    }
}

/// Most valid names an error lists (the first actors, most-quoted first, or the first articles),
/// so that a mistyped name costs as little as any page.
const MAX_VALID: usize = 200;

impl AppError {
    pub(crate) fn new(problem: Problem) -> Self {
        AppError {
            problem,
            valid: Vec::new(),
        }
    }

    pub(crate) fn unknown_actor(index: &Index, given: &str) -> Self {
        AppError {
            valid: index
                .actors
                .iter()
                .take(MAX_VALID)
                .map(|a| Link::new(urls::actor(&a.id), &a.id, &a.name))
                .collect(),
            ..AppError::new(Problem::UnknownActor(given.to_string()))
        }
    }

    pub(crate) fn unknown_topic(index: &Index, given: &str) -> Self {
        AppError {
            valid: index
                .topics
                .iter()
                .map(|t| Link::new(urls::topic(&t.id), &t.id, &t.name))
                .collect(),
            ..AppError::new(Problem::UnknownTopic(given.to_string()))
        }
    }

    pub(crate) fn unknown_article(index: &Index, given: &str) -> Self {
        AppError {
            valid: index
                .articles
                .iter()
                .take(MAX_VALID)
                .map(|a| Link::new(urls::article(&a.id), &a.id, a.title()))
                .collect(),
            ..AppError::new(Problem::UnknownArticle(given.to_string()))
        }
    }

    pub(crate) fn unknown_stance(given: &str) -> Self {
        AppError {
            valid: crate::extract::Stance::ALL
                .iter()
                .map(|s| Link::new(String::new(), s.as_str(), s.as_str()))
                .collect(),
            ..AppError::new(Problem::UnknownStance(given.to_string()))
        }
    }
}

impl AppError {
    /// A `confidence` value that is not one of the valid ones.
    pub(crate) fn unknown_confidence(given: &str) -> Self {
        AppError {
            valid: ["high", "all"]
                .iter()
                .map(|v| Link::new(String::new(), v, v))
                .collect(),
            ..AppError::new(Problem::UnknownConfidence(given.to_string()))
        }
    }

    /// A comparison download that does not exist; `canonical` is the comparison's canonical path.
    pub(crate) fn unknown_export(canonical: &str, given: &str) -> Self {
        AppError {
            valid: urls::DOWNLOADS
                .iter()
                .map(|v| Link::new(urls::download(canonical, v), v, v))
                .collect(),
            ..AppError::new(Problem::UnknownExport(given.to_string()))
        }
    }
}

impl From<Problem> for AppError {
    fn from(problem: Problem) -> Self {
        AppError::new(problem)
    }
}

/// The answer to a method a route does not take: the error page (the router adds `Allow`).
pub(crate) async fn method_not_allowed() -> AppError {
    AppError::new(Problem::MethodNotAllowed)
}

/// The same for the API, as JSON.
pub(crate) async fn method_not_allowed_json() -> ApiError {
    Problem::MethodNotAllowed.into()
}

#[derive(Serialize)]
struct JsonError<'a> {
    error: JsonErrorBody<'a>,
}

#[derive(Serialize)]
struct JsonErrorBody<'a> {
    status: u16,
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    valid: Vec<&'a str>,
}

impl AppError {
    /// Logs a server error, whichever way it is rendered.
    fn log(&self) -> StatusCode {
        let status = self.problem.status();
        if status.is_server_error() {
            tracing::error!(code = self.problem.code(), "{}", self.problem);
        }
        status
    }
}

/// An error where the route is not known in advance (the fallback, the layers): JSON under
/// `/api`, the error page elsewhere.
pub(crate) fn respond_at(path: &str, err: AppError) -> Response {
    if path == "/api" || path.starts_with("/api/") {
        ApiError(err).into_response()
    } else {
        err.into_response()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let ApiError(err) = self;
        let status = err.log();
        let body = JsonError {
            error: JsonErrorBody {
                status: status.as_u16(),
                code: err.problem.code(),
                message: err.problem.to_string(),
                valid: err.valid.iter().map(|l| l.id.as_str()).collect(),
            },
        };
        (status, Json(body)).into_response()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.log();
        let view = ErrorView {
            page: Page::new("", ""),
            status: status.as_u16(),
            code: self.problem.code(),
            given: self.problem.given().to_string(),
            limit: self.problem.limit(),
            valid: self.valid,
        };
        match view.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(err) => {
                tracing::error!(%err, "rendering the error page");
                (status, status.canonical_reason().unwrap_or("Error")).into_response()
            }
        }
    }
}
