//! Gold sets: for each article, the claims a careful reader finds in it, read from JSON and
//! checked; and the corpus texts that claims given as byte spans are read from.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use regex::Regex;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::EvalError;
use crate::extract::Stance;
use crate::text::Span;

/// A gold set: actor patterns, and the annotated claims of each article.
#[derive(Debug, Clone)]
pub struct Gold {
    /// Where the set was read from, named in error messages.
    pub origin: String,
    /// Actor id → regular expression, searched in a predicted actor's id and name (lower-cased,
    /// dashes and underscores as spaces).
    pub actors: Vec<(String, Regex)>,
    pub articles: Vec<GoldArticle>,
}

/// One annotated article.
#[derive(Debug, Clone)]
pub struct GoldArticle {
    /// The article's file name in the corpus folder.
    pub file: String,
    /// The SHA-256 (lower-case hex) of the file that was annotated, when the set gives it.
    pub sha256: Option<String>,
    pub claims: Vec<GoldClaim>,
}

/// One annotated claim.
#[derive(Debug, Clone)]
pub struct GoldClaim {
    /// The actor ids that are acceptable for it (keys of [`Gold::actors`]).
    pub actors: Vec<String>,
    pub topic: String,
    /// The stances that are acceptable for it.
    pub stances: Vec<Stance>,
    pub evidence: Evidence,
    /// Required claims count in recall; finding an optional one is never an error.
    pub required: bool,
}

/// Where a gold claim's evidence is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// A phrase of the sentence, copied exactly.
    Phrase(String),
    /// A byte span of the article's file.
    Span(Span),
}

#[derive(Deserialize)]
struct RawGold {
    actors: BTreeMap<String, String>,
    articles: Vec<RawArticle>,
}

#[derive(Deserialize)]
struct RawArticle {
    file: String,
    sha256: Option<String>,
    claims: Vec<RawClaim>,
}

#[derive(Deserialize)]
struct RawClaim {
    actors: Vec<String>,
    topic: String,
    stances: Vec<String>,
    evidence: Option<String>,
    span: Option<(usize, usize)>,
    required: bool,
}

impl Gold {
    /// Reads and checks a gold file.
    pub fn load(path: &Path) -> Result<Gold, EvalError> {
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| EvalError::Read {
            path: origin.clone(),
            error,
        })?;
        Gold::parse(&bytes, &origin)
    }

    /// Parses and checks a gold set; `origin` names it in errors.
    pub fn parse(json: &[u8], origin: &str) -> Result<Gold, EvalError> {
        let shape = |message: String| EvalError::Shape {
            path: origin.to_string(),
            message,
        };
        let raw: RawGold = serde_json::from_slice(json).map_err(|error| {
            if error.is_data() {
                shape(error.to_string())
            } else {
                EvalError::NotJson {
                    path: origin.to_string(),
                    error,
                }
            }
        })?;
        let actors = compile_actors(raw.actors).map_err(shape)?;
        let articles = raw
            .articles
            .into_iter()
            .enumerate()
            .map(|(i, a)| check_article(i, a, &actors))
            .collect::<Result<_, _>>()
            .map_err(shape)?;
        Ok(Gold {
            origin: origin.to_string(),
            actors,
            articles,
        })
    }

    /// The files the set annotates.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.articles.iter().map(|a| a.file.as_str())
    }
}

fn compile_actors(patterns: BTreeMap<String, String>) -> Result<Vec<(String, Regex)>, String> {
    patterns
        .into_iter()
        .map(|(id, pattern)| match Regex::new(&pattern) {
            Ok(re) => Ok((id, re)),
            Err(err) => Err(format!("actors.{id}: bad pattern {pattern:?}: {err}")),
        })
        .collect()
}

fn check_article(
    i: usize,
    raw: RawArticle,
    actors: &[(String, Regex)],
) -> Result<GoldArticle, String> {
    let claims = raw
        .claims
        .into_iter()
        .enumerate()
        .map(|(j, c)| {
            check_claim(c, actors)
                .map_err(|m| format!("articles[{i}] ({}), claims[{j}]: {m}", raw.file))
        })
        .collect::<Result<_, _>>()?;
    Ok(GoldArticle {
        file: raw.file,
        sha256: raw.sha256,
        claims,
    })
}

fn check_claim(raw: RawClaim, actors: &[(String, Regex)]) -> Result<GoldClaim, String> {
    if raw.actors.is_empty() {
        return Err("lists no actor".into());
    }
    let known = |a: &&String| actors.iter().any(|(id, _)| id == *a);
    if let Some(unknown) = raw.actors.iter().find(|a| !known(a)) {
        return Err(format!("actor {unknown:?} has no pattern in \"actors\""));
    }
    let stances = raw
        .stances
        .iter()
        .map(|s| {
            Stance::parse(s).ok_or_else(|| {
                format!("unknown stance {s:?} (support, oppose, conditional, mixed or unclear)")
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if stances.is_empty() {
        return Err("lists no stance".into());
    }
    let evidence = match (raw.evidence, raw.span) {
        (Some(phrase), _) => Evidence::Phrase(phrase),
        (None, Some((start, end))) if start <= end => Evidence::Span(Span::new(start, end)),
        (None, Some((start, end))) => return Err(format!("span [{start}, {end}] is backwards")),
        (None, None) => return Err("has neither \"evidence\" nor \"span\"".into()),
    };
    Ok(GoldClaim {
        actors: raw.actors,
        topic: raw.topic,
        stances,
        evidence,
        required: raw.required,
    })
}

/// The bytes of the annotated articles, as read from a corpus folder.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    files: HashMap<String, Vec<u8>>,
}

impl Texts {
    /// Reads each file of the gold set that the folder holds; missing ones are left out.
    pub fn read(dir: &Path, gold: &Gold) -> Result<Texts, EvalError> {
        let mut texts = Texts::default();
        for file in gold.files() {
            let path = dir.join(file);
            if !path.is_file() {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|error| EvalError::Text {
                path: gold.origin.clone(),
                file: file.to_string(),
                problem: format!("cannot be read from the corpus folder: {error}"),
            })?;
            texts.insert(file, bytes);
        }
        Ok(texts)
    }

    /// Adds (or replaces) the bytes of one file.
    pub fn insert(&mut self, file: &str, bytes: impl Into<Vec<u8>>) {
        self.files.insert(file.to_string(), bytes.into());
    }

    /// The bytes of a file, if it was found.
    pub fn get(&self, file: &str) -> Option<&[u8]> {
        self.files.get(file).map(Vec::as_slice)
    }
}

/// A gold claim with its evidence as text, ready to match.
#[derive(Debug)]
pub(super) struct Resolved<'g> {
    pub(super) file: &'g str,
    pub(super) claim: &'g GoldClaim,
    /// The phrase, or the text at the span.
    pub(super) evidence: Cow<'g, str>,
    /// The evidence normalised ([`super::norm`]).
    pub(super) norm: String,
}

/// Gives every gold claim its evidence text. An article with span evidence or a sha256 needs its
/// text, and the text must be the one annotated.
pub(super) fn resolve<'g>(
    gold: &'g Gold,
    texts: Option<&Texts>,
) -> Result<Vec<Resolved<'g>>, EvalError> {
    let mut resolved = Vec::new();
    for article in &gold.articles {
        let text = checked_text(gold, article, texts)?;
        for claim in &article.claims {
            let evidence = evidence_text(gold, article, claim, text)?;
            let norm = super::norm(&evidence);
            resolved.push(Resolved {
                file: &article.file,
                claim,
                evidence,
                norm,
            });
        }
    }
    Ok(resolved)
}

/// A claim's phrase, or the text at its span.
fn evidence_text<'g>(
    gold: &Gold,
    article: &GoldArticle,
    claim: &'g GoldClaim,
    text: Option<&[u8]>,
) -> Result<Cow<'g, str>, EvalError> {
    let span = match &claim.evidence {
        Evidence::Phrase(phrase) => return Ok(Cow::Borrowed(phrase)),
        Evidence::Span(span) => *span,
    };
    let at = text.and_then(|bytes| bytes.get(span.range()));
    match at.map(std::str::from_utf8) {
        Some(Ok(s)) => Ok(Cow::Owned(s.to_string())),
        _ => Err(EvalError::Text {
            path: gold.origin.clone(),
            file: article.file.clone(),
            problem: format!(
                "has no UTF-8 text at the gold span [{}, {}] ({} bytes long)",
                span.start,
                span.end,
                text.map_or(0, <[u8]>::len)
            ),
        }),
    }
}

/// The article's text when a span or a sha256 needs it, checked against the sha256.
fn checked_text<'t>(
    gold: &Gold,
    article: &GoldArticle,
    texts: Option<&'t Texts>,
) -> Result<Option<&'t [u8]>, EvalError> {
    let spanned = article
        .claims
        .iter()
        .any(|c| matches!(c.evidence, Evidence::Span(_)));
    if !spanned && article.sha256.is_none() {
        return Ok(None);
    }
    let problem = |problem: &str| EvalError::Text {
        path: gold.origin.clone(),
        file: article.file.clone(),
        problem: problem.to_string(),
    };
    let Some(bytes) = texts.and_then(|t| t.get(&article.file)) else {
        return Err(problem(
            "is not in the corpus folder; this gold set needs its texts (see its README)",
        ));
    };
    if let Some(expected) = &article.sha256
        && sha256_hex(bytes) != *expected
    {
        return Err(problem(
            "in the corpus folder is not the text that was annotated (sha256 differs); rebuild it",
        ));
    }
    Ok(Some(bytes))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
