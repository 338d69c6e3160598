//! Extractors every handler shares, each rejecting with the app's own error: a path parameter
//! ([`Param`] for pages, [`ApiParam`] for the API) and the `confidence` choice ([`Confidence`],
//! [`ApiConfidence`]), which every page and every API route accepts, and the query string read
//! into a typed struct per route ([`Query`] for pages, [`ApiQuery`] for the API).

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::value::MapDeserializer;
use serde::de::{self, DeserializeOwned, IntoDeserializer};

use super::AppState;
use super::error::{ApiError, AppError, Problem};
use super::evidence;
use super::views::ConfidenceChoice;
use crate::index::ClaimFilter;

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

/// The query string of a page, read into `T` (a struct of `Option<String>` fields, one per
/// parameter the route takes). The last value of a parameter counts, an empty (or blank) value
/// counts as absent, and parameters the route does not take are ignored.
pub(crate) struct Query<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        read_query(parts.uri.query(), false).map(Query)
    }
}

/// The query string of an API route, read into `T` like [`Query`] but strictly: a parameter the
/// route does not take is a 400 that names it, and so is one given twice.
///
/// Handlers that look up what their path names take `Result<ApiQuery<T>, ApiError>` and read it
/// after the lookup, so that an unknown name answers 404 before a bad parameter answers 400.
pub(crate) struct ApiQuery<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(ApiQuery(read_query(parts.uri.query(), true)?))
    }
}

/// Reads `query` into `T`; `strict` refuses unknown and repeated parameters.
fn read_query<T: DeserializeOwned>(query: Option<&str>, strict: bool) -> Result<T, AppError> {
    T::deserialize(QueryString {
        query: query.unwrap_or(""),
        strict,
    })
    .map_err(|err| match err {
        QueryError::Problem(problem) => problem.into(),
        QueryError::Other(message) => {
            // Every query struct has `Option<String>` fields only, so this is a bug.
            tracing::error!(%message, "reading a query string");
            Problem::Internal.into()
        }
    })
}

/// Why a query string could not be read into its struct.
#[derive(Debug)]
enum QueryError {
    Problem(Problem),
    Other(String),
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryError::Problem(problem) => problem.fmt(f),
            QueryError::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for QueryError {}

impl de::Error for QueryError {
    fn custom<M: std::fmt::Display>(message: M) -> Self {
        QueryError::Other(message.to_string())
    }
}

/// A query string as a serde deserializer of a struct: the struct's field names are the
/// parameters the route takes. Values are trimmed and percent-decoded.
struct QueryString<'q> {
    query: &'q str,
    strict: bool,
}

impl QueryString<'_> {
    /// The value of each field given, in the order first given; the last value counts, or
    /// (strict) a repeated or unknown parameter is refused, in the order the query gives them.
    fn fields(&self, fields: &[&'static str]) -> Result<Vec<(&'static str, String)>, Problem> {
        let mut given: Vec<(&'static str, Option<String>)> = Vec::new();
        for (key, value) in form_urlencoded::parse(self.query.as_bytes()) {
            let Some(&field) = fields.iter().find(|f| **f == key) else {
                if self.strict {
                    return Err(Problem::UnknownParameter(key.into_owned()));
                }
                continue;
            };
            let value = value.trim();
            let value = (!value.is_empty()).then(|| value.to_string());
            match given.iter_mut().find(|(k, _)| *k == field) {
                Some((_, Some(_))) if self.strict => {
                    return Err(Problem::RepeatedParameter(key.into_owned()));
                }
                Some((_, slot)) => *slot = value,
                None => given.push((field, value)),
            }
        }
        Ok(given
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .collect())
    }
}

impl<'de> de::Deserializer<'de> for QueryString<'_> {
    type Error = QueryError;

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        let given = self.fields(fields).map_err(QueryError::Problem)?;
        visitor.visit_map(MapDeserializer::new(
            given.into_iter().map(|(k, v)| (k, QueryValue(v))),
        ))
    }

    fn deserialize_any<V: de::Visitor<'de>>(self, _: V) -> Result<V::Value, QueryError> {
        Err(de::Error::custom("a query string reads into a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// One parameter's value: a string, and so also `Some` string.
struct QueryValue(String);

impl<'de> IntoDeserializer<'de, QueryError> for QueryValue {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for QueryValue {
    type Error = QueryError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_string(self.0)
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}
