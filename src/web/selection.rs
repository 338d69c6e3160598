//! Comparison selections: parsing `/compare/{actors}/{topics}` and the comparison form's query,
//! resolving aliases, and the canonical permalink (ids, in the reader's order, joined by `+`).

use crate::config::Limits;
use crate::extract::Actor;
use crate::index::{Index, Topic};

use super::error::{AppError, Problem};

/// Most names accepted in one path segment or query, before resolving, to bound the work.
const MAX_NAMES: usize = 64;

/// A resolved comparison: actors and topics in the order the reader gave them, without
/// duplicates.
#[derive(Debug, Clone)]
pub(super) struct Selection<'a> {
    pub actors: Vec<&'a Actor>,
    pub topics: Vec<&'a Topic>,
}

impl<'a> Selection<'a> {
    /// Resolves names (ids or aliases) to a canonical selection: ids, in the order given, each
    /// once.
    pub(super) fn resolve<A, T>(
        index: &'a Index,
        limits: &Limits,
        actors: A,
        topics: T,
    ) -> Result<Self, AppError>
    where
        A: IntoIterator,
        A::Item: AsRef<str>,
        T: IntoIterator,
        T::Item: AsRef<str>,
    {
        let mut found_actors: Vec<&Actor> = Vec::new();
        for (n, name) in actors.into_iter().enumerate() {
            let name = name.as_ref();
            if n >= MAX_NAMES {
                return Err(Problem::TooManyActors {
                    given: n + 1,
                    max: limits.max_compare_actors,
                }
                .into());
            }
            let actor = index
                .actor(name)
                .ok_or_else(|| AppError::unknown_actor(index, name))?;
            if !found_actors.iter().any(|a| a.id == actor.id) {
                found_actors.push(actor);
            }
        }
        let mut found_topics: Vec<&Topic> = Vec::new();
        for name in topics.into_iter().take(MAX_NAMES) {
            let name = name.as_ref();
            let topic = index
                .topic(name)
                .ok_or_else(|| AppError::unknown_topic(index, name))?;
            if !found_topics.iter().any(|t| t.id == topic.id) {
                found_topics.push(topic);
            }
        }
        if found_actors.is_empty() {
            return Err(Problem::NoActors.into());
        }
        if found_topics.is_empty() {
            return Err(Problem::NoTopics.into());
        }
        if found_actors.len() > limits.max_compare_actors {
            return Err(Problem::TooManyActors {
                given: found_actors.len(),
                max: limits.max_compare_actors,
            }
            .into());
        }
        Ok(Selection {
            actors: found_actors,
            topics: found_topics,
        })
    }

    /// Resolves the two path segments of a comparison permalink.
    pub(super) fn from_path(
        index: &'a Index,
        limits: &Limits,
        actors: &str,
        topics: &str,
    ) -> Result<Self, AppError> {
        Selection::resolve(index, limits, split(actors), split(topics))
    }

    /// The canonical path after `/compare/`: `trump+zelensky/ceasefire+us-troops`.
    pub(super) fn canonical(&self) -> String {
        let actors: Vec<&str> = self.actors.iter().map(|a| a.id.as_str()).collect();
        let topics: Vec<&str> = self.topics.iter().map(|t| t.id.as_str()).collect();
        format!("{}/{}", actors.join("+"), topics.join("+"))
    }

    pub(super) fn actor_ids(&self) -> Vec<&'a str> {
        self.actors.iter().map(|a| a.id.as_str()).collect()
    }

    pub(super) fn topic_ids(&self) -> Vec<&'a str> {
        self.topics.iter().map(|t| t.id.as_str()).collect()
    }
}

/// Splits a path segment into names on `+`, `,` and spaces, dropping empty names.
pub(super) fn split(segment: &str) -> impl Iterator<Item = &str> {
    segment
        .split(['+', ',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The names chosen in the comparison form, not yet resolved.
#[derive(Debug, Clone, Default)]
pub(super) struct FormQuery {
    pub actors: Vec<String>,
    pub topics: Vec<String>,
}

/// The comparison form's query: `actor=trump&actor=zelensky&topic=ceasefire`.
///
/// Returns `None` when the query is empty (show the form). An absent topic list means every topic.
pub(super) fn parse_form(index: &Index, query: &str) -> Result<Option<FormQuery>, AppError> {
    if query.is_empty() {
        return Ok(None);
    }
    let mut actors = Vec::new();
    let mut topics = Vec::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let target = match key.as_ref() {
            "actor" | "actors" => &mut actors,
            "topic" | "topics" => &mut topics,
            _ => return Err(Problem::UnknownParameter(key.into_owned()).into()),
        };
        target.extend(split(&value).map(str::to_string));
        if actors.len() + topics.len() > 2 * MAX_NAMES {
            return Err(Problem::TooManyActors {
                given: actors.len(),
                max: MAX_NAMES,
            }
            .into());
        }
    }
    if topics.is_empty() {
        topics = index.topics.iter().map(|t| t.id.clone()).collect();
    }
    Ok(Some(FormQuery { actors, topics }))
}
