//! The read-only index that pages, the API and the export query: articles with their sentences,
//! actors, topics and claims, built once at start-up.

pub mod coverage;
pub mod export;
pub mod query;
pub mod timeline;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::config::Config;
use crate::corpus::{Block, Corpus, Format, Metadata, Skipped};
use crate::extract::{Actor, Claim, Extractor};
use crate::text::{self, Sentence};

/// An indexed article: its original text, metadata, paragraphs and sentences.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: String,
    pub file: String,
    pub format: Format,
    pub meta: Metadata,
    #[serde(skip)]
    pub text: String,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
}

impl Article {
    /// The article's title, or its file name when it has none.
    pub fn title(&self) -> &str {
        self.meta.title.as_deref().unwrap_or(&self.file)
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, sentence: &Sentence) -> &str {
        &self.text[sentence.span.range()]
    }
}

/// A topic as indexed.
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// Counts and timing of an indexing run, for logs and `check`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub articles: usize,
    pub skipped: usize,
    pub actors: usize,
    pub claims: usize,
    pub bytes: usize,
    #[serde(skip)]
    pub elapsed: Duration,
}

/// Everything the pages and the API read. Immutable once built.
#[derive(Debug, Clone)]
pub struct Index {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    /// Actors with at least one claim, most-claimed first, then the rest of the known actors.
    pub actors: Vec<Actor>,
    pub topics: Vec<Topic>,
    /// All claims, in article order then text order.
    pub claims: Vec<Claim>,
    pub stats: Stats,
    /// Publication and statement dates, and copies of the same text across articles.
    provenance: timeline::Provenance,
    article_by_id: HashMap<String, usize>,
    actor_by_key: HashMap<String, usize>,
    topic_by_id: HashMap<String, usize>,
}

impl Index {
    /// Runs extraction over a loaded corpus and builds the index.
    pub fn build(corpus: Corpus, config: &Config) -> Index {
        let started = Instant::now();
        let extractor = Extractor::new(config);
        let mut articles = Vec::with_capacity(corpus.documents.len());
        let mut claims = Vec::new();
        let mut discovered: Vec<Actor> = Vec::new();
        let mut bytes = 0;
        for doc in corpus.documents {
            let segmented = text::segment(&doc);
            let found = extractor.extract(&doc, &segmented);
            claims.extend(found.claims);
            for actor in found.discovered {
                if !discovered.iter().any(|a| a.id == actor.id) {
                    discovered.push(actor);
                }
            }
            bytes += doc.text.len();
            articles.push(Article {
                id: doc.id,
                file: doc.file,
                format: doc.format,
                meta: doc.meta,
                text: doc.text,
                blocks: doc.blocks,
                sentences: segmented.sentences,
            });
        }
        let provenance = timeline::Provenance::build(&mut articles, &claims, config);
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for claim in &claims {
            *counts.entry(claim.actor.id.as_str()).or_default() += 1;
        }
        let mut actors: Vec<Actor> = extractor
            .known_actors()
            .iter()
            .cloned()
            .chain(discovered)
            .collect();
        // Most-quoted first; ties keep config order.
        actors.sort_by_key(|a| std::cmp::Reverse(counts.get(a.id.as_str()).copied().unwrap_or(0)));
        let topics: Vec<Topic> = config
            .topics
            .iter()
            .map(|t| Topic {
                id: t.id.clone(),
                name: t.name.clone(),
                description: t.description.clone(),
            })
            .collect();
        let article_by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let mut actor_by_key = HashMap::new();
        for (i, actor) in actors.iter().enumerate() {
            actor_by_key.insert(actor.id.clone(), i);
        }
        for (i, actor) in actors.iter().enumerate() {
            for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
                actor_by_key.entry(lookup_key(alias)).or_insert(i);
            }
        }
        let topic_by_id = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let stats = Stats {
            articles: articles.len(),
            skipped: corpus.skipped.len(),
            actors: counts.len(),
            claims: claims.len(),
            bytes,
            elapsed: started.elapsed(),
        };
        Index {
            articles,
            skipped: corpus.skipped,
            actors,
            topics,
            claims,
            stats,
            provenance,
            article_by_id,
            actor_by_key,
            topic_by_id,
        }
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.article_by_id.get(id).map(|&i| &self.articles[i])
    }

    /// An actor by id, or by any alias or name in any case and spelling ("zelenskyy").
    pub fn actor(&self, key: &str) -> Option<&Actor> {
        self.actor_by_key
            .get(key)
            .or_else(|| self.actor_by_key.get(&lookup_key(key)))
            .map(|&i| &self.actors[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_by_id
            .get(id)
            .or_else(|| self.topic_by_id.get(&lookup_key(id)))
            .map(|&i| &self.topics[i])
    }

    /// Claims of an actor on a topic, in article and text order.
    pub fn claims_for<'a>(
        &'a self,
        actor: &'a str,
        topic: &'a str,
    ) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims
            .iter()
            .filter(move |c| c.actor.id == actor && c.topic == topic)
    }

    /// Claims made in one article.
    pub fn claims_in<'a>(&'a self, article: &'a str) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims.iter().filter(move |c| c.article == article)
    }

    /// Number of claims made by an actor.
    pub fn claim_count(&self, actor: &str) -> usize {
        self.claims.iter().filter(|c| c.actor.id == actor).count()
    }
}

/// Normalises a name for lookup: lowercase, letters and digits only, dashes between words.
pub fn lookup_key(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') && !matches!(c, '.' | '\'' | '’') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
