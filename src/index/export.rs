//! The JSON export: `{"articles": [...], "claims": [...]}` plus actors, topics and skipped files.

use serde::Serialize;

use super::{Index, Topic};
use crate::corpus::{Metadata, Skipped};
use crate::extract::when::StatementDate;
use crate::extract::{Actor, Claim};

/// An article as exported (without its text).
#[derive(Debug, Serialize)]
pub(crate) struct ExportArticle<'a> {
    pub id: &'a str,
    pub file: &'a str,
    #[serde(flatten)]
    pub meta: &'a Metadata,
    pub sentences: usize,
    pub claims: usize,
}

/// A claim as JSON, with the date of its statement (`null` when its sentence gives none): the
/// one shape of a claim, in the export and (with its links and source added) in the API.
#[derive(Debug, Serialize)]
pub(crate) struct ClaimJson<'a> {
    #[serde(flatten)]
    pub claim: &'a Claim,
    pub when: Option<&'a StatementDate>,
}

impl<'a> ClaimJson<'a> {
    pub(crate) fn new(index: &'a Index, claim: &'a Claim) -> Self {
        ClaimJson {
            claim,
            when: index.statement_date(claim),
        }
    }
}

/// The whole export document.
#[derive(Debug, Serialize)]
pub(crate) struct Export<'a> {
    pub articles: Vec<ExportArticle<'a>>,
    pub claims: Vec<ClaimJson<'a>>,
    pub actors: Vec<&'a Actor>,
    pub topics: &'a [Topic],
    pub skipped: &'a [Skipped],
}

/// Builds the export document from an index.
pub(crate) fn to_json(index: &Index) -> Export<'_> {
    Export {
        articles: index
            .articles
            .iter()
            .map(|a| ExportArticle {
                id: &a.id,
                file: &a.file,
                meta: &a.meta,
                sentences: a.sentences.len(),
                claims: index.claims_in(&a.id).count(),
            })
            .collect(),
        claims: index
            .claims
            .iter()
            .map(|claim| ClaimJson::new(index, claim))
            .collect(),
        actors: index
            .actors
            .iter()
            .filter(|a| index.claims.iter().any(|c| c.actor.id == a.id))
            .collect(),
        topics: &index.topics,
        skipped: &index.skipped,
    }
}
