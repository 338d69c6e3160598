//! The read-only index that pages, the API and the export query: articles with their sentences,
//! actors, topics and claims, built once at start-up.

mod cells;
mod coverage;
pub(crate) mod export;
pub mod merge;
mod query;
mod report;
pub mod search;
pub mod snapshot;
mod timeline;

pub use cells::{Marks, STRONGEST_KEPT, TimeCounts};
pub use coverage::{Coverage, Source};
pub use query::Position;
pub use timeline::{ClaimFilter, Dated, Disagreement, Shift, Timeline};

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::corpus::{Block, Corpus, Format, Metadata, Skipped};
use crate::extract::when::StatementDate;
use crate::extract::{Actor, Claim};
use crate::text::Sentence;
pub use crate::text::lookup_key;

/// An indexed article: its original text, metadata, paragraphs and sentences.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
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
    /// For each article (same order as `articles`): its claims' range in `claims`.
    article_claims: Vec<Range<usize>>,
    /// Actor id → topic id → claim indices.
    by_actor: HashMap<String, ClaimsByTopic>,
    /// Topic id → number of claims.
    by_topic: HashMap<String, usize>,
    /// For each claim (same order as `claims`): what pages ask about it, looked up once.
    claim_facts: Vec<ClaimFacts>,
    /// For each claim (same order as `claims`): how strongly it stands for its cell
    /// ([`query::strength`]), for [`Index::strongest`].
    strength: Vec<u64>,
    /// For each article (same order as `articles`): its outlet as compared
    /// ([`coverage::outlet_key`]).
    outlet_keys: Vec<Option<String>>,
    /// Actor id → topic id → the cell's summary over all its claims and over the confident
    /// ones, decided once at indexing ([`cells`]).
    cells: cells::Cells,
    /// Actors, topics and articles as the words they are found by.
    search: search::SearchTable,
}

/// The CPU time this process has used so far, all threads, user and system (zero where it
/// cannot be known): the debug log gives it per phase, which the machine's other work disturbs
/// less than wall time.
pub(crate) fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        // SAFETY: `getrusage` fills the struct it is given; an all-zero `rusage` is valid.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let time = |t: libc::timeval| {
                Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
            };
            return time(usage.ru_utime) + time(usage.ru_stime);
        }
    }
    Duration::ZERO
}

/// A claim's article, statement date and copy group.
#[derive(Debug, Clone)]
struct ClaimFacts {
    article: Option<usize>,
    when: Option<StatementDate>,
    copy: Option<u32>,
}

/// What pages ask about each claim, looked up once per article (claims come in article order):
/// its article's position, its statement date and its copy group.
fn claim_facts(
    claims: &[Claim],
    article_by_id: &HashMap<String, usize>,
    provenance: &timeline::Provenance,
) -> Vec<ClaimFacts> {
    claims
        .par_chunk_by(|a, b| a.article == b.article)
        .flat_map_iter(|run| {
            let id = &run[0].article;
            let article = article_by_id.get(id).copied();
            let when = provenance.when.get(id);
            let copies = provenance.copies.of_article(id);
            run.iter().map(move |c| ClaimFacts {
                article,
                when: when.and_then(|w| w.get(&c.sentence)).cloned(),
                copy: copies.and_then(|g| g.get(&c.sentence)).copied(),
            })
        })
        .collect()
}

/// The claims of an actor, by topic: indices into [`Index::claims`].
type ClaimsByTopic = HashMap<String, Vec<usize>>;

impl Index {
    /// Runs extraction over a loaded corpus and builds the index.
    pub fn build(corpus: Corpus, config: &Config) -> Index {
        Index::build_with_progress(corpus, config, &|_| {})
    }

    /// Like [`Index::build`], calling `progress` with the number of articles just extracted.
    ///
    /// Articles are segmented and extracted in parallel on all cores; the result does not depend
    /// on the number of threads.
    pub fn build_with_progress(
        corpus: Corpus,
        config: &Config,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Index {
        let started = Instant::now();
        merge::Extracted::run(corpus, config, progress).assemble(started)
    }

    /// Assembles an index from what extraction produced (or a snapshot kept): sorts the actors,
    /// counts, builds the lookup tables, and summarizes each cell unless `cells` are given (a
    /// snapshot keeps them).
    pub(crate) fn from_parts(
        articles: Vec<Article>,
        skipped: Vec<Skipped>,
        mut actors: Vec<Actor>,
        topics: Vec<Topic>,
        claims: Vec<Claim>,
        provenance: timeline::Provenance,
        cells: Option<cells::Cells>,
    ) -> Index {
        let article_by_id: HashMap<String, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        // Claims come in article order: each article's claims are one run.
        let mut article_claims = vec![0..0; articles.len()];
        let mut by_actor: HashMap<String, ClaimsByTopic> = HashMap::default();
        let mut by_topic: HashMap<String, usize> = HashMap::default();
        let mut run_start = 0;
        for (i, claim) in claims.iter().enumerate() {
            if i + 1 == claims.len() || claims[i + 1].article != claim.article {
                if let Some(&a) = article_by_id.get(&claim.article) {
                    article_claims[a] = run_start..i + 1;
                }
                run_start = i + 1;
            }
            // Looked up before inserting, so that a key is copied once, not once per claim.
            if !by_actor.contains_key(&claim.actor.id) {
                by_actor.insert(claim.actor.id.clone(), HashMap::default());
            }
            let topics = by_actor.get_mut(&claim.actor.id).expect("inserted above");
            match topics.get_mut(&claim.topic) {
                Some(list) => list.push(i),
                None => {
                    topics.insert(claim.topic.clone(), vec![i]);
                }
            }
            match by_topic.get_mut(&claim.topic) {
                Some(n) => *n += 1,
                None => {
                    by_topic.insert(claim.topic.clone(), 1);
                }
            }
        }
        let claim_facts = claim_facts(&claims, &article_by_id, &provenance);
        let strength = claims
            .par_iter()
            .zip(&claim_facts)
            .map(|(c, f)| {
                let published = f.article.and_then(|i| articles[i].meta.published);
                query::strength(c, published, provenance.low_confidence)
            })
            .collect();
        let outlet_keys = articles
            .par_iter()
            .map(|a| a.meta.outlet.as_deref().map(coverage::outlet_key))
            .collect();
        let count = |id: &str| {
            by_actor
                .get(id)
                .map_or(0, |t| t.values().map(Vec::len).sum())
        };
        let quoted = actors.iter().filter(|a| count(&a.id) > 0).count();
        // Most-quoted first; ties keep config order, then the order of discovery.
        actors.sort_by_key(|a| std::cmp::Reverse(count(&a.id)));
        let mut actor_by_key = HashMap::default();
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
            skipped: skipped.len(),
            actors: quoted,
            claims: claims.len(),
            bytes: articles.iter().map(|a| a.text.len()).sum(),
            elapsed: Duration::ZERO,
        };
        let mut index = Index {
            articles,
            skipped,
            actors,
            topics,
            claims,
            stats,
            provenance,
            article_by_id,
            actor_by_key,
            topic_by_id,
            article_claims,
            by_actor,
            by_topic,
            claim_facts,
            strength,
            outlet_keys,
            cells: cells::Cells::default(),
            search: search::SearchTable::default(),
        };
        // Cells and the search table read the index and not each other: built side by side.
        let (summarized, search) = rayon::join(
            || cells.is_none().then(|| index.summarize_cells()),
            || search::SearchTable::build(&index),
        );
        index.cells = cells.or(summarized).unwrap_or_default();
        index.search = search;
        index
    }

    /// The position of `claim` in [`Index::claims`], when it is one of them (every claim the
    /// index hands out is).
    pub(crate) fn claim_index(&self, claim: &Claim) -> Option<usize> {
        let size = std::mem::size_of::<Claim>();
        let offset = (claim as *const Claim as usize).checked_sub(self.claims.as_ptr() as usize)?;
        let i = offset / size;
        (offset % size == 0 && i < self.claims.len()).then_some(i)
    }

    fn facts(&self, claim: &Claim) -> Option<&ClaimFacts> {
        self.claim_facts.get(self.claim_index(claim)?)
    }

    /// The position in [`Index::articles`] of the article a claim comes from.
    pub(crate) fn article_index_of(&self, claim: &Claim) -> Option<usize> {
        match self.facts(claim) {
            Some(f) => f.article,
            None => self.article_by_id.get(&claim.article).copied(),
        }
    }

    /// The article a claim comes from.
    pub fn article_of(&self, claim: &Claim) -> Option<&Article> {
        self.article_index_of(claim).map(|i| &self.articles[i])
    }

    /// The outlet of a claim's article, as outlets are compared ([`coverage::outlet_key`]).
    pub(crate) fn outlet_key_of(&self, claim: &Claim) -> Option<Cow<'_, str>> {
        match self.facts(claim) {
            Some(f) => f
                .article
                .and_then(|i| self.outlet_keys[i].as_deref())
                .map(Cow::Borrowed),
            None => self
                .article(&claim.article)
                .and_then(|a| a.meta.outlet.as_deref())
                .map(|o| Cow::Owned(coverage::outlet_key(o))),
        }
    }

    /// The copy group of a claim's sentence (near-duplicate sentences across articles share one).
    pub(crate) fn copy_group(&self, claim: &Claim) -> Option<u32> {
        match self.facts(claim) {
            Some(f) => f.copy,
            None => self.provenance.copies.group(claim),
        }
    }

    /// Actors, topics and articles that `query` finds, best first ([`search::SearchTable`]).
    pub fn search(&self, query: &str) -> Vec<search::Hit> {
        self.search.search(query)
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
        actor: &str,
        topic: &str,
    ) -> impl Iterator<Item = &'a Claim> + 'a {
        self.by_actor
            .get(actor)
            .and_then(|topics| topics.get(topic))
            .into_iter()
            .flatten()
            .map(|&i| &self.claims[i])
    }

    /// Claims of an actor on any topic, in article and text order.
    pub fn claims_by<'a>(&'a self, actor: &str) -> impl Iterator<Item = &'a Claim> + 'a {
        let mut indices: Vec<usize> = self
            .by_actor
            .get(actor)
            .into_iter()
            .flat_map(|topics| topics.values().flatten().copied())
            .collect();
        indices.sort_unstable();
        indices.into_iter().map(|i| &self.claims[i])
    }

    /// Claims made in one article, in text order.
    pub fn claims_in(&self, article: &str) -> impl Iterator<Item = &Claim> + '_ {
        let range = self
            .article_by_id
            .get(article)
            .map_or(0..0, |&i| self.article_claims[i].clone());
        self.claims[range].iter()
    }

    /// Number of claims made by an actor.
    pub fn claim_count(&self, actor: &str) -> usize {
        self.by_actor
            .get(actor)
            .map_or(0, |topics| topics.values().map(Vec::len).sum())
    }

    /// Number of claims on a topic.
    pub fn topic_claim_count(&self, topic: &str) -> usize {
        self.by_topic.get(topic).copied().unwrap_or(0)
    }
}
