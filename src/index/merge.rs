//! Shards and merge: a corpus indexed in N independent parts (`standpoint index --shard K/N`),
//! then merged into one snapshot that serves the same pages, claims and ids as one run over the
//! whole folder.
//!
//! - **The split.** A file belongs to shard `fnv1a64(article_id(name)) mod N` ([`shard_of`]): a
//!   hash of the id its name gives, so that files whose names give the same id (`a.txt`, `a.md`)
//!   stay in one shard and are told apart there as one run tells them apart.
//! - **A part** is a snapshot ([`Index::write_snapshot`]) plus a small JSON manifest next to it
//!   (`part-K.snap.shard`, [`Manifest`]): the version, a fingerprint of the configuration and of
//!   the folder's listing, the shard's files, and the order in which actors were met. A part
//!   alone is a servable snapshot of its shard.
//! - **The merge** puts the articles back in the folder's file-name order, their claims and
//!   statement dates with them, the discovered actors in the order one run meets them, and then
//!   assembles the index as one run does ([`Extracted::assemble`]): wire copies are grouped again
//!   over the whole corpus, so that copies across shards are found.
//!
//! Parts of other versions, other configurations, other listings of the folder, overlapping or
//! missing shards are refused ([`MergeError`]).

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::snapshot::{Contents, FORMAT_VERSION, STANDPOINT_VERSION, SnapshotError, read_contents};
use super::timeline::Provenance;
use super::{Article, Index, Topic};
use crate::config::Config;
use crate::corpus::{Corpus, Format, Skipped};
use crate::extract::when::StatementDate;
use crate::extract::{Actor, Claim, Extraction, Extractor};
use crate::text;

/// What extraction produced over a corpus (or a shard of one), in corpus order, before the
/// index is assembled.
pub(crate) struct Extracted {
    articles: Vec<Article>,
    skipped: Vec<Skipped>,
    claims: Vec<Claim>,
    when: HashMap<String, HashMap<usize, StatementDate>>,
    /// Configured actors in config order, then discovered ones in the order they were met.
    actors: Vec<Actor>,
    /// Each discovered actor's id and the article that introduced it, in the order met.
    met: Vec<(String, String)>,
    topics: Vec<Topic>,
    low_confidence: f32,
}

impl Extracted {
    /// Segments and extracts every article in parallel (the result does not depend on the
    /// number of threads), calling `progress` with the number of articles just extracted.
    pub(crate) fn run(
        corpus: Corpus,
        config: &Config,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Extracted {
        let extractor = Extractor::new(config);
        let extracted: Vec<(Article, Extraction)> = corpus
            .documents
            .into_par_iter()
            .map(|doc| {
                let segmented = text::segment(&doc);
                let found = extractor.extract(&doc, &segmented);
                progress(1);
                let article = Article {
                    id: doc.id,
                    file: doc.file,
                    format: doc.format,
                    meta: doc.meta,
                    text: doc.text,
                    blocks: doc.blocks,
                    sentences: segmented.sentences,
                };
                (article, found)
            })
            .collect();
        let mut out = Extracted {
            articles: Vec::with_capacity(extracted.len()),
            skipped: corpus.skipped,
            claims: Vec::new(),
            when: HashMap::default(),
            actors: extractor.known_actors().to_vec(),
            met: Vec::new(),
            topics: config
                .topics
                .iter()
                .map(|t| Topic {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    description: t.description.clone(),
                })
                .collect(),
            low_confidence: config.evidence.low_confidence,
        };
        let mut known: HashSet<String> = out.actors.iter().map(|a| a.id.clone()).collect();
        for (article, found) in extracted {
            if !found.when.is_empty() {
                out.when
                    .insert(article.id.clone(), found.when.into_iter().collect());
            }
            for actor in found.discovered {
                if known.insert(actor.id.clone()) {
                    out.met.push((actor.id.clone(), article.id.clone()));
                    out.actors.push(actor);
                }
            }
            out.articles.push(article);
            out.claims.extend(found.claims);
        }
        out
    }

    /// Groups copies, dates statements and builds the lookup tables: the index.
    pub(crate) fn assemble(self, started: Instant) -> Index {
        let extracted_at = started.elapsed();
        let cpu_extracted = super::cpu_time();
        let provenance =
            Provenance::build(&self.articles, &self.claims, self.when, self.low_confidence);
        let dated_at = started.elapsed();
        let cpu_dated = super::cpu_time();
        let mut index = Index::from_parts(
            self.articles,
            self.skipped,
            self.actors,
            self.topics,
            self.claims,
            provenance,
            None,
        );
        index.stats.elapsed = started.elapsed();
        tracing::debug!(
            extract_ms = extracted_at.as_millis() as u64,
            copies_ms = (dated_at - extracted_at).as_millis() as u64,
            lookups_ms = (index.stats.elapsed - dated_at).as_millis() as u64,
            cpu_until_copies_ms = cpu_extracted.as_millis() as u64,
            copies_cpu_ms = (cpu_dated - cpu_extracted).as_millis() as u64,
            lookups_cpu_ms = (super::cpu_time() - cpu_dated).as_millis() as u64,
            "index build phases"
        );
        index
    }
}

/// The shard (from 0 to `shards - 1`) that a file of the corpus folder belongs to: FNV-1a (64
/// bits) of the article id its name gives, modulo the number of shards. Stable across machines,
/// runs and versions of Rust.
pub fn shard_of(file_name: &str, shards: u32) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in crate::corpus::article_id(file_name).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % u64::from(shards.max(1))) as u32
}

/// What a part keeps beside its snapshot so that parts can be checked against each other and
/// merged as one run: written as JSON to `<snapshot>.shard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The Standpoint version and snapshot format that wrote the part.
    pub standpoint: String,
    pub snapshot_format: u32,
    /// SHA-256 of the configuration's text (the built-in one's when none was given).
    pub config: String,
    /// This part's shard, from 0, and the number of shards.
    pub shard: u32,
    pub shards: u32,
    /// SHA-256 of the names of every file listed in the corpus folder, in order, and their
    /// number: parts indexed while the folder changed are refused.
    pub listing: String,
    pub listed: usize,
    /// The files of this shard, in name order.
    pub files: Vec<String>,
    /// The configuration's `limits.max_files`, applied to the merged corpus.
    pub max_files: usize,
    /// Articles in the part's snapshot.
    pub articles: usize,
    /// Configured actor ids in config order.
    pub known: Vec<String>,
    /// Discovered actor ids and the article that introduced each, in the order they were met.
    pub discovered: Vec<(String, String)>,
}

/// What a shard needs to know about the run it is part of.
#[derive(Debug, Clone)]
pub struct ShardRun {
    pub shard: u32,
    pub shards: u32,
    /// SHA-256 (hex) of the configuration's text.
    pub config: String,
    pub listing: String,
    pub listed: usize,
    pub files: Vec<String>,
    pub max_files: usize,
}

/// The path of a part's manifest: the snapshot's path with `.shard` added.
pub fn manifest_path(snapshot: &Path) -> PathBuf {
    let mut name = snapshot.as_os_str().to_owned();
    name.push(".shard");
    PathBuf::from(name)
}

/// SHA-256 of some bytes, in hex.
pub fn fingerprint(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why parts could not be merged (or a part written).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    #[error(
        "no part to merge: name the part-K.snap files that `standpoint index --shard K/N` wrote"
    )]
    NoParts,
    #[error(
        "{path} has no shard manifest ({manifest}): it is not a part written by `standpoint index \
         --shard K/N`"
    )]
    NoManifest { path: String, manifest: String },
    #[error("shard manifest {path} is unreadable: {detail}")]
    BadManifest { path: String, detail: String },
    #[error("cannot write shard manifest {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "part {path} was written by Standpoint {written_by} (snapshot format {format}); this is \
         Standpoint {STANDPOINT_VERSION} (format {FORMAT_VERSION}): index every shard again with \
         this version"
    )]
    OtherVersion {
        path: String,
        written_by: String,
        format: u32,
    },
    #[error(
        "parts {a} and {b} were indexed with different {what}: index every shard with the same"
    )]
    Mismatch { what: String, a: String, b: String },
    #[error("parts {a} and {b} are both shard {shard}")]
    SameShard { shard: u32, a: String, b: String },
    #[error("parts {a} and {b} both hold the file {file}")]
    Overlap { file: String, a: String, b: String },
    #[error("{missing} of the {shards} shards missing (shard {list}): every shard must be merged")]
    Missing {
        missing: usize,
        shards: u32,
        list: String,
    },
    #[error(
        "the manifest of {path} lists {listed} articles, its snapshot holds {held}: the two were not \
         written together; index the shard again"
    )]
    Stale {
        path: String,
        listed: usize,
        held: usize,
    },
    #[error(
        "the article id {id} is given by a file in {a} and a file in {b}: rename one of the files, \
         or index without shards"
    )]
    SameId { id: String, a: String, b: String },
    #[error(
        "the parts hold {articles} articles, over limits.max_files ({max}): index without shards \
         to apply the limit, or raise it"
    )]
    TooMany { articles: usize, max: usize },
}

/// Extracts the shard's corpus and writes the part: its snapshot at `path` and its manifest next
/// to it. Returns the index written and the snapshot's size in bytes.
pub fn write_part(
    corpus: Corpus,
    config: &Config,
    run: ShardRun,
    path: &Path,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(Index, u64), MergeError> {
    let started = Instant::now();
    let extracted = Extracted::run(corpus, config, progress);
    let known = extracted
        .actors
        .iter()
        .filter(|a| !a.discovered)
        .map(|a| a.id.clone())
        .collect();
    let discovered = extracted.met.clone();
    let index = extracted.assemble(started);
    let manifest = Manifest {
        standpoint: STANDPOINT_VERSION.to_string(),
        snapshot_format: FORMAT_VERSION,
        config: run.config,
        shard: run.shard,
        shards: run.shards,
        listing: run.listing,
        listed: run.listed,
        files: run.files,
        max_files: run.max_files,
        articles: index.articles.len(),
        known,
        discovered,
    };
    let manifest_file = manifest_path(path);
    let write_err = |source| MergeError::Write {
        path: manifest_file.display().to_string(),
        source,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| write_err(e.into()))?;
    // The manifest first: a snapshot never stands without the manifest it was written with.
    std::fs::write(&manifest_file, json).map_err(write_err)?;
    let bytes = index.write_snapshot(path)?;
    Ok((index, bytes))
}

/// One part as read: its name, manifest and contents (not assembled into an index: the merge
/// assembles one from all of them).
struct Part {
    name: String,
    manifest: Manifest,
    contents: Contents,
}

fn read_manifest(path: &Path) -> Result<Manifest, MergeError> {
    let file = manifest_path(path);
    let text = match std::fs::read(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(MergeError::NoManifest {
                path: path.display().to_string(),
                manifest: file.display().to_string(),
            });
        }
        Err(e) => {
            return Err(MergeError::BadManifest {
                path: file.display().to_string(),
                detail: e.to_string(),
            });
        }
    };
    serde_json::from_slice(&text).map_err(|e| MergeError::BadManifest {
        path: file.display().to_string(),
        detail: e.to_string(),
    })
}

/// Reads the parts' manifests and checks them against each other, before any snapshot is read.
fn check_manifests(paths: &[PathBuf]) -> Result<Vec<Manifest>, MergeError> {
    let manifests = paths
        .iter()
        .map(|p| read_manifest(p))
        .collect::<Result<Vec<_>, _>>()?;
    let name = |i: usize| paths[i].display().to_string();
    for (i, m) in manifests.iter().enumerate() {
        if m.standpoint != STANDPOINT_VERSION || m.snapshot_format != FORMAT_VERSION {
            return Err(MergeError::OtherVersion {
                path: name(i),
                written_by: m.standpoint.clone(),
                format: m.snapshot_format,
            });
        }
    }
    let first = &manifests[0];
    let mut holder: HashMap<&str, usize> = HashMap::default();
    let mut by_shard: HashMap<u32, usize> = HashMap::default();
    for (i, m) in manifests.iter().enumerate() {
        let mismatch = |what: &str| MergeError::Mismatch {
            what: what.to_string(),
            a: name(0),
            b: name(i),
        };
        if m.config != first.config || m.known != first.known {
            return Err(mismatch("configurations"));
        }
        if m.shards != first.shards {
            return Err(mismatch(&format!(
                "numbers of shards ({} and {})",
                first.shards, m.shards
            )));
        }
        if m.listing != first.listing || m.listed != first.listed {
            return Err(mismatch(
                "contents of the corpus folder (files were added, removed or renamed in between)",
            ));
        }
        if let Some(j) = by_shard.insert(m.shard, i) {
            return Err(MergeError::SameShard {
                shard: m.shard,
                a: name(j),
                b: name(i),
            });
        }
        for file in &m.files {
            if let Some(j) = holder.insert(file, i) {
                return Err(MergeError::Overlap {
                    file: file.clone(),
                    a: name(j),
                    b: name(i),
                });
            }
        }
    }
    let missing: Vec<String> = (0..first.shards)
        .filter(|k| !by_shard.contains_key(k))
        .map(|k| format!("{k}/{}", first.shards))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Missing {
            missing: missing.len(),
            shards: first.shards,
            list: missing.join(", "),
        });
    }
    Ok(manifests)
}

/// Reads the parts at `paths` and merges them into the index one run over the whole folder
/// gives.
pub fn merge(paths: &[PathBuf]) -> Result<Index, MergeError> {
    if paths.is_empty() {
        return Err(MergeError::NoParts);
    }
    let manifests = check_manifests(paths)?;
    let started = Instant::now();
    let parts = paths
        .par_iter()
        .zip(manifests)
        .map(|(path, manifest)| {
            let contents = read_contents(path)?;
            let name = path.display().to_string();
            if contents.articles.len() != manifest.articles {
                return Err(MergeError::Stale {
                    path: name,
                    listed: manifest.articles,
                    held: contents.articles.len(),
                });
            }
            Ok(Part {
                name,
                manifest,
                contents,
            })
        })
        .collect::<Result<Vec<_>, MergeError>>()?;
    let max = parts[0].manifest.max_files;
    let articles: usize = parts.iter().map(|p| p.contents.articles.len()).sum();
    if articles > max {
        return Err(MergeError::TooMany { articles, max });
    }
    let read_at = started.elapsed();
    let extracted = combine(parts)?;
    tracing::debug!(
        read_ms = read_at.as_millis() as u64,
        "read {} articles from the parts",
        extracted.articles.len()
    );
    Ok(extracted.assemble(started))
}

/// The file of the corpus folder an article was read from (a feed's, for one of its lines).
fn source_file(article: &Article) -> &str {
    match article.format {
        Format::JsonLines => article
            .file
            .rsplit_once(':')
            .map_or(article.file.as_str(), |(f, _)| f),
        _ => &article.file,
    }
}

/// Puts the parts' articles, claims, dates, skipped files and actors in the order one run over
/// the whole folder gives them.
fn combine(parts: Vec<Part>) -> Result<Extracted, MergeError> {
    // Articles in file-name order; one file's articles are in one part, in their order there.
    let mut order: Vec<(usize, usize)> = parts
        .iter()
        .enumerate()
        .flat_map(|(p, part)| (0..part.contents.articles.len()).map(move |i| (p, i)))
        .collect();
    order.sort_by(|&(p, i), &(q, j)| {
        let (a, b) = (
            &parts[p].contents.articles[i],
            &parts[q].contents.articles[j],
        );
        (source_file(a), p, i).cmp(&(source_file(b), q, j))
    });
    let mut position: HashMap<String, (usize, usize)> = HashMap::default();
    for (n, &(p, i)) in order.iter().enumerate() {
        let id = &parts[p].contents.articles[i].id;
        if let Some((_, q)) = position.insert(id.clone(), (n, p)) {
            return Err(MergeError::SameId {
                id: id.clone(),
                a: parts[q].name.clone(),
                b: parts[p].name.clone(),
            });
        }
    }
    let actors = merged_actors(&parts, &position);
    let topics = parts[0].contents.topics.clone();
    let low_confidence = parts[0].contents.provenance.low_confidence;
    let mut skipped: Vec<(String, usize, Skipped)> = Vec::new();
    let mut when = HashMap::default();
    let mut articles: Vec<Vec<Option<Article>>> = Vec::new();
    let mut claims: Vec<Vec<Vec<Claim>>> = Vec::new();
    for (p, part) in parts.into_iter().enumerate() {
        let files: HashSet<&str> = part.manifest.files.iter().map(String::as_str).collect();
        for s in part.contents.skipped {
            let source = if files.contains(s.file.as_str()) {
                s.file.clone()
            } else {
                s.file
                    .rsplit_once(':')
                    .map_or(&*s.file, |(f, _)| f)
                    .to_string()
            };
            skipped.push((source, p, s));
        }
        when.extend(part.contents.provenance.when);
        let by_id: HashMap<&str, usize> = part
            .contents
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut per_article = vec![Vec::new(); part.contents.articles.len()];
        for claim in part.contents.claims {
            if let Some(&a) = by_id.get(claim.article.as_str()) {
                per_article[a].push(claim);
            }
        }
        drop(by_id);
        claims.push(per_article);
        articles.push(part.contents.articles.into_iter().map(Some).collect());
    }
    // A stable sort: one file's skipped lines keep their order.
    skipped.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut out = Extracted {
        articles: Vec::with_capacity(order.len()),
        skipped: skipped.into_iter().map(|(_, _, s)| s).collect(),
        claims: Vec::new(),
        when,
        actors,
        met: Vec::new(),
        topics,
        low_confidence,
    };
    for (p, i) in order {
        out.articles.extend(articles[p][i].take());
        out.claims.append(&mut claims[p][i]);
    }
    Ok(out)
}

/// The configured actors in config order, then the discovered ones in the order one run meets
/// them: by the article that first introduced each, in the merged order.
fn merged_actors(parts: &[Part], position: &HashMap<String, (usize, usize)>) -> Vec<Actor> {
    let by_id: Vec<HashMap<&str, &Actor>> = parts
        .iter()
        .map(|part| {
            part.contents
                .actors
                .iter()
                .map(|a| (a.id.as_str(), a))
                .collect()
        })
        .collect();
    let find = |p: usize, id: &str| by_id[p].get(id).map(|&a| a.clone());
    let mut actors: Vec<Actor> = parts[0]
        .manifest
        .known
        .iter()
        .filter_map(|id| find(0, id))
        .collect();
    let mut met: Vec<(usize, usize, usize, &str)> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        for (seq, (actor, article)) in part.manifest.discovered.iter().enumerate() {
            let at = position.get(article).map_or(usize::MAX, |&(n, _)| n);
            met.push((at, p, seq, actor));
        }
    }
    met.sort_unstable();
    let mut seen: HashSet<String> = actors.iter().map(|a| a.id.clone()).collect();
    for (_, p, _, id) in met {
        if seen.insert(id.to_string()) {
            actors.extend(find(p, id));
        }
    }
    actors
}
