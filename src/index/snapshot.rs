//! Index snapshots: one file with everything extraction produced (articles with their text,
//! sentences, claims, actors, topics, dates and copy groups), so that a server — or several
//! replicas behind a load balancer — can start from it without extracting again.
//!
//! The file is a small binary header and a JSON body:
//!
//! ```text
//! "STANDPOINT-SNAPSHOT\n"  magic, 20 bytes
//! u32 LE                   format version (FORMAT_VERSION)
//! u16 LE + bytes           the Standpoint version that wrote it
//! u64 LE                   body length
//! u32 LE                   CRC-32 of the body
//! body                     JSON
//! ```
//!
//! A snapshot from another version, a truncated or corrupt one is refused with a message that
//! says what to do; the body is checked again after decoding so that no span can point outside
//! its article's text.

use std::io::{BufWriter, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Article, Index, Topic, timeline::Provenance};
use crate::config::Config;
use crate::corpus::Skipped;
use crate::extract::{Actor, Claim};
use crate::text::Span;

const MAGIC: &[u8; 20] = b"STANDPOINT-SNAPSHOT\n";

/// Bumped whenever the body's layout changes.
pub const FORMAT_VERSION: u32 = 1;

/// The version of Standpoint whose snapshots this build reads.
pub const STANDPOINT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot read snapshot {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write snapshot {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a Standpoint snapshot")]
    NotASnapshot { path: String },
    #[error(
        "snapshot {path} was written by Standpoint {written_by} (snapshot format {format}); this is \
         Standpoint {STANDPOINT_VERSION} (format {FORMAT_VERSION}): rebuild it with `standpoint \
         index`"
    )]
    OtherVersion {
        path: String,
        written_by: String,
        format: u32,
    },
    #[error("snapshot {path} is corrupt ({detail}): rebuild it with `standpoint index`")]
    Corrupt { path: String, detail: String },
}

/// What a snapshot holds: the parts [`Index::from_parts`] assembles.
#[derive(Serialize, Deserialize)]
struct Body {
    articles: Vec<Article>,
    /// The articles' texts, in the same order (`Article` does not serialize its text).
    texts: Vec<String>,
    skipped: Vec<Skipped>,
    actors: Vec<Actor>,
    topics: Vec<Topic>,
    /// The claims, without their evidence: it is the article's text at the claim's span.
    claims: Vec<Claim>,
    provenance: Provenance,
}

impl Index {
    /// Reads a snapshot to serve with `config`, warning when it was indexed with other topics
    /// (the snapshot's are served), and logging what was loaded.
    pub fn read_snapshot_for(path: &Path, config: &Config) -> Result<Index, SnapshotError> {
        let started = std::time::Instant::now();
        let index = Index::read_snapshot(path)?;
        let configured: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
        let kept: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
        if configured != kept {
            tracing::warn!(
                "snapshot {} was indexed with the topics {kept:?}, the configuration has \
                 {configured:?}; serving the snapshot's (rebuild it to change them)",
                path.display()
            );
        }
        tracing::info!(
            articles = index.stats.articles,
            claims = index.stats.claims,
            "loaded snapshot {} in {:.2} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
        Ok(index)
    }

    /// Writes the index to `path` as a snapshot. Returns the number of bytes written.
    pub fn write_snapshot(&self, path: &Path) -> Result<u64, SnapshotError> {
        let write_err = |source| SnapshotError::Write {
            path: path.display().to_string(),
            source,
        };
        let body = Body {
            articles: self.articles.clone(),
            texts: self.articles.iter().map(|a| a.text.clone()).collect(),
            skipped: self.skipped.clone(),
            actors: self.actors.clone(),
            topics: self.topics.clone(),
            claims: self
                .claims
                .iter()
                .map(|c| Claim {
                    evidence: String::new(),
                    ..c.clone()
                })
                .collect(),
            provenance: self.provenance.clone(),
        };
        let body = serde_json::to_vec(&body).map_err(|e| write_err(e.into()))?;
        // Written next to the target and renamed, so a reader never sees half a file.
        let tmp = path.with_extension("partial");
        let file = std::fs::File::create(&tmp).map_err(write_err)?;
        let mut out = BufWriter::new(file);
        out.write_all(MAGIC).map_err(write_err)?;
        out.write_all(&FORMAT_VERSION.to_le_bytes())
            .map_err(write_err)?;
        let version = STANDPOINT_VERSION.as_bytes();
        out.write_all(&(version.len() as u16).to_le_bytes())
            .map_err(write_err)?;
        out.write_all(version).map_err(write_err)?;
        out.write_all(&(body.len() as u64).to_le_bytes())
            .map_err(write_err)?;
        out.write_all(&crc32fast::hash(&body).to_le_bytes())
            .map_err(write_err)?;
        out.write_all(&body).map_err(write_err)?;
        let file = out.into_inner().map_err(|e| write_err(e.into_error()))?;
        file.sync_all().map_err(write_err)?;
        std::fs::rename(&tmp, path).map_err(write_err)?;
        Ok((MAGIC.len() + 4 + 2 + version.len() + 8 + 4 + body.len()) as u64)
    }

    /// Reads an index from a snapshot written by [`Index::write_snapshot`].
    pub fn read_snapshot(path: &Path) -> Result<Index, SnapshotError> {
        let name = path.display().to_string();
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(|source| SnapshotError::Read {
                path: name.clone(),
                source,
            })?;
        let corrupt = |detail: &str| SnapshotError::Corrupt {
            path: name.clone(),
            detail: detail.to_string(),
        };
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| SnapshotError::NotASnapshot { path: name.clone() })?;
        let mut reader = Fields(rest);
        let format = u32::from_le_bytes(reader.take().ok_or_else(|| corrupt("truncated header"))?);
        let len = u16::from_le_bytes(reader.take().ok_or_else(|| corrupt("truncated header"))?);
        let written_by = reader
            .bytes(usize::from(len))
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .ok_or_else(|| corrupt("truncated header"))?;
        if format != FORMAT_VERSION || written_by != STANDPOINT_VERSION {
            return Err(SnapshotError::OtherVersion {
                path: name,
                written_by,
                format,
            });
        }
        let body_len =
            u64::from_le_bytes(reader.take().ok_or_else(|| corrupt("truncated header"))?);
        let crc = u32::from_le_bytes(reader.take().ok_or_else(|| corrupt("truncated header"))?);
        let body = reader.0;
        if body.len() as u64 != body_len {
            return Err(corrupt(&format!(
                "the body is {} bytes, the header says {body_len}",
                body.len()
            )));
        }
        if crc32fast::hash(body) != crc {
            return Err(corrupt("checksum mismatch"));
        }
        let body: Body =
            serde_json::from_slice(body).map_err(|e| corrupt(&format!("undecodable: {e}")))?;
        let Body {
            mut articles,
            texts,
            skipped,
            actors,
            topics,
            mut claims,
            provenance,
        } = body;
        if texts.len() != articles.len() {
            return Err(corrupt("texts and articles differ in number"));
        }
        for (article, text) in articles.iter_mut().zip(texts) {
            article.text = text;
        }
        validate(&articles, &mut claims).map_err(|detail| corrupt(&detail))?;
        Ok(Index::from_parts(
            articles, skipped, actors, topics, claims, provenance,
        ))
    }
}

/// Reads fixed-size fields off the front of a byte slice.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = tail;
        Some(head)
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }
}

/// Checks that every span lies on character boundaries inside its article's text and every
/// claim names an article, so that no page can panic on a snapshot that decoded; then restores
/// each claim's evidence from its span.
fn validate(articles: &[Article], claims: &mut [Claim]) -> Result<(), String> {
    let fits = |text: &str, span: Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    let mut by_id = std::collections::HashMap::new();
    for a in articles {
        let bad_block = a.blocks.iter().any(|b| !fits(&a.text, b.span));
        let bad_sentence = a
            .sentences
            .iter()
            .any(|s| !fits(&a.text, s.span) || s.block >= a.blocks.len().max(1));
        if bad_block || bad_sentence {
            return Err(format!("article {} has a span outside its text", a.id));
        }
        by_id.insert(a.id.as_str(), a);
    }
    for c in claims {
        let article = by_id
            .get(c.article.as_str())
            .ok_or_else(|| format!("a claim names the unknown article {}", c.article))?;
        if !fits(&article.text, c.span) || c.sentence >= article.sentences.len() {
            return Err(format!("a claim in {} points outside its text", c.article));
        }
        c.evidence = article.text[c.span.range()].to_string();
    }
    Ok(())
}
