//! Index snapshots: one file with everything extraction produced (articles with their text,
//! sentences, claims, actors, topics, dates and copy groups), so that a server — or several
//! replicas behind a load balancer — can start from it without extracting again.
//!
//! The file is a small binary header and a binary body (bincode, with each actor × topic cell's
//! summary):
//!
//! ```text
//! "STANDPOINT-SNAPSHOT\n"  magic, 20 bytes
//! u32 LE                   format version (FORMAT_VERSION)
//! u16 LE + bytes           the Standpoint version that wrote it
//! u64 LE                   body length
//! u32 LE                   CRC-32 of the body
//! body                     bincode (standard configuration)
//! ```
//!
//! A snapshot from another version, a truncated or corrupt one is refused with a message that
//! says what to do; the checksum is verified before decoding, and the body is checked again after
//! decoding so that no span can point outside its article's text.

use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::cells::Cells;
use super::{Article, Index, Topic, timeline::Provenance};
use crate::config::Config;
use crate::corpus::Skipped;
use crate::extract::{Actor, Claim};
use crate::text::Span;

const MAGIC: &[u8; 20] = b"STANDPOINT-SNAPSHOT\n";

/// Bumped whenever the body's layout changes.
pub const FORMAT_VERSION: u32 = 2;

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

/// What a snapshot holds: the parts [`Index::from_parts`] assembles, and the cell summaries.
#[derive(Deserialize)]
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
    cells: Cells,
}

/// [`Body`] as written, borrowing from the index (the same fields in the same order).
#[derive(Serialize)]
struct BodyRef<'a> {
    articles: &'a [Article],
    texts: Vec<&'a str>,
    skipped: &'a [Skipped],
    actors: &'a [Actor],
    topics: &'a [Topic],
    claims: Vec<Claim>,
    provenance: &'a Provenance,
    cells: &'a Cells,
}

/// The binary encoding of the body.
fn encoding() -> impl bincode::config::Config {
    bincode::config::standard()
}

/// Bytes before the body's length and checksum: the magic, the format and the writer's version.
fn header_len() -> u64 {
    (MAGIC.len() + 4 + 2 + STANDPOINT_VERSION.len()) as u64
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
    ///
    /// The body is encoded straight to the file and its length and checksum filled in after, so
    /// that writing does not hold a second copy of the index.
    pub fn write_snapshot(&self, path: &Path) -> Result<u64, SnapshotError> {
        let write_err = |source| SnapshotError::Write {
            path: path.display().to_string(),
            source,
        };
        let body = BodyRef {
            articles: &self.articles,
            texts: self.articles.iter().map(|a| a.text.as_str()).collect(),
            skipped: &self.skipped,
            actors: &self.actors,
            topics: &self.topics,
            claims: self
                .claims
                .iter()
                .map(|c| Claim {
                    evidence: String::new(),
                    ..c.clone()
                })
                .collect(),
            provenance: &self.provenance,
            cells: &self.cells,
        };
        // Written next to the target and renamed, so a reader never sees half a file.
        let tmp = path.with_extension("partial");
        let file = std::fs::File::create(&tmp).map_err(write_err)?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        out.write_all(MAGIC).map_err(write_err)?;
        out.write_all(&FORMAT_VERSION.to_le_bytes())
            .map_err(write_err)?;
        let version = STANDPOINT_VERSION.as_bytes();
        out.write_all(&(version.len() as u16).to_le_bytes())
            .map_err(write_err)?;
        out.write_all(version).map_err(write_err)?;
        // Length and checksum, filled in once the body is written.
        out.write_all(&[0; 12]).map_err(write_err)?;
        let mut counted = Checked::new(&mut out);
        bincode::serde::encode_into_std_write(&body, &mut counted, encoding())
            .map_err(|e| write_err(std::io::Error::other(e)))?;
        let (body_len, crc) = (counted.len, counted.crc.finalize());
        out.seek(SeekFrom::Start(header_len())).map_err(write_err)?;
        out.write_all(&body_len.to_le_bytes()).map_err(write_err)?;
        out.write_all(&crc.to_le_bytes()).map_err(write_err)?;
        let file = out.into_inner().map_err(|e| write_err(e.into_error()))?;
        file.sync_all().map_err(write_err)?;
        std::fs::rename(&tmp, path).map_err(write_err)?;
        Ok(header_len() + 12 + body_len)
    }

    /// Reads an index from a snapshot written by [`Index::write_snapshot`].
    ///
    /// The file is read twice, in pieces: once to check its checksum, then to decode the body
    /// straight from the file, so that neither the whole file nor a second copy of the index is
    /// ever held.
    pub fn read_snapshot(path: &Path) -> Result<Index, SnapshotError> {
        let name = path.display().to_string();
        let read_err = |source| SnapshotError::Read {
            path: name.clone(),
            source,
        };
        let corrupt = |detail: &str| SnapshotError::Corrupt {
            path: name.clone(),
            detail: detail.to_string(),
        };
        let file = std::fs::File::open(path).map_err(read_err)?;
        let size = file.metadata().map_err(read_err)?.len();
        let mut input = BufReader::with_capacity(1 << 20, file);
        let mut magic = [0u8; MAGIC.len()];
        if input.read_exact(&mut magic).is_err() || &magic != MAGIC {
            return Err(SnapshotError::NotASnapshot { path: name });
        }
        let (written_by, format, body_len, crc) =
            read_header(&mut input).ok_or_else(|| corrupt("truncated header"))?;
        if format != FORMAT_VERSION || written_by != STANDPOINT_VERSION {
            return Err(SnapshotError::OtherVersion {
                path: name,
                written_by,
                format,
            });
        }
        // The header was read whole, with this version's length.
        let body_at = header_len() + 12;
        if size.saturating_sub(body_at) != body_len {
            return Err(corrupt(&format!(
                "the body is {} bytes, the header says {body_len}",
                size.saturating_sub(body_at)
            )));
        }
        let mut check = Checked::new(std::io::sink());
        std::io::copy(&mut input, &mut check).map_err(read_err)?;
        if check.crc.finalize() != crc {
            return Err(corrupt("checksum mismatch"));
        }
        input.seek(SeekFrom::Start(body_at)).map_err(read_err)?;
        let body: Body = bincode::serde::decode_from_std_read(&mut input, encoding())
            .map_err(|e| corrupt(&format!("undecodable: {e}")))?;
        if input.stream_position().map_err(read_err)? != size {
            return Err(corrupt("bytes left after the body"));
        }
        let Body {
            mut articles,
            texts,
            skipped,
            actors,
            topics,
            mut claims,
            provenance,
            cells,
        } = body;
        if texts.len() != articles.len() {
            return Err(corrupt("texts and articles differ in number"));
        }
        for (article, text) in articles.iter_mut().zip(texts) {
            article.text = text;
        }
        validate(&articles, &mut claims).map_err(|detail| corrupt(&detail))?;
        Ok(Index::from_parts(
            articles,
            skipped,
            actors,
            topics,
            claims,
            provenance,
            Some(cells),
        ))
    }
}

/// The header after the magic: the writer's version, the format, the body's length and its
/// checksum; `None` when the file ends first.
fn read_header(input: &mut impl Read) -> Option<(String, u32, u64, u32)> {
    fn take<const N: usize>(input: &mut impl Read) -> Option<[u8; N]> {
        let mut buf = [0u8; N];
        input.read_exact(&mut buf).ok()?;
        Some(buf)
    }
    let format = u32::from_le_bytes(take(input)?);
    let len = u16::from_le_bytes(take(input)?);
    let mut version = vec![0u8; usize::from(len)];
    input.read_exact(&mut version).ok()?;
    let written_by = String::from_utf8_lossy(&version).into_owned();
    let body_len = u64::from_le_bytes(take(input)?);
    let crc = u32::from_le_bytes(take(input)?);
    Some((written_by, format, body_len, crc))
}

/// A writer that counts and checksums what goes through it.
struct Checked<W> {
    inner: W,
    len: u64,
    crc: crc32fast::Hasher,
}

impl<W: Write> Checked<W> {
    fn new(inner: W) -> Self {
        Checked {
            inner,
            len: 0,
            crc: crc32fast::Hasher::new(),
        }
    }
}

impl<W: Write> Write for Checked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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
