//! Index snapshots: one file with everything extraction produced (articles with their text,
//! sentences, claims, actors, topics, dates and copy groups), so that a server — or several
//! replicas behind a load balancer — can start from it without extracting again.
//!
//! The file is a small binary header and a binary body (bincode, with each actor × topic cell's
//! summary), cut into sections that are decoded in parallel:
//!
//! ```text
//! "STANDPOINT-SNAPSHOT\n"  magic, 20 bytes
//! u32 LE                   format version (FORMAT_VERSION)
//! u16 LE + bytes           the Standpoint version that wrote it
//! u64 LE                   body length
//! u32 LE                   CRC-32 of the body
//! body:
//!   sections               bincode (standard configuration), one after another: skipped
//!                          files, actors and topics; dates and copy groups; cell summaries;
//!                          articles and their texts by 2,048; claims by 32,768
//!   table                  bincode: each section's length in bytes
//!   u64 LE                 the table's length
//! ```
//!
//! A snapshot from another version, a truncated or corrupt one is refused with a message that
//! says what to do; the checksum is verified before decoding, and the body is checked again after
//! decoding so that no span can point outside its article's text.

use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cells::Cells;
use super::{Article, Index, Topic, timeline::Provenance};
use crate::config::Config;
use crate::corpus::Skipped;
use crate::extract::{Actor, ActorRef, Claim, ClaimKind, Stance};
use crate::text::Span;

const MAGIC: &[u8; 20] = b"STANDPOINT-SNAPSHOT\n";

/// Bumped whenever the body's layout changes.
pub const FORMAT_VERSION: u32 = 4;

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

/// Articles per article section, and claims per claim section: the body is cut into sections
/// of fixed sizes (the file does not depend on the number of threads) that are decoded in
/// parallel.
const ARTICLES_PER_SECTION: usize = 2048;
const CLAIMS_PER_SECTION: usize = 32768;

/// The first section: what is small and read whole.
#[derive(Serialize, Deserialize)]
struct Meta {
    skipped: Vec<Skipped>,
    actors: Vec<Actor>,
    topics: Vec<Topic>,
}

/// The body's last piece before its own length: each section's length in bytes, in the order
/// they are written (meta, provenance, cells, articles, claims), and how many articles or claims
/// each of the last two kinds holds.
#[derive(Serialize, Deserialize)]
struct Sections {
    meta: u64,
    provenance: u64,
    cells: u64,
    articles: Vec<Section>,
    claims: Vec<Section>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct Section {
    bytes: u64,
    items: u64,
}

/// What a snapshot holds, checked: the parts [`Index::from_parts`] assembles, and the cell
/// summaries.
pub(crate) struct Contents {
    pub(crate) articles: Vec<Article>,
    pub(crate) skipped: Vec<Skipped>,
    pub(crate) actors: Vec<Actor>,
    pub(crate) topics: Vec<Topic>,
    pub(crate) claims: Vec<Claim>,
    pub(crate) provenance: Provenance,
    pub(crate) cells: Cells,
}

/// The binary encoding of each section.
fn encoding() -> impl bincode::config::Config {
    bincode::config::standard()
}

/// Bytes before the body's length and checksum: the magic, the format and the writer's version.
fn header_len() -> u64 {
    (MAGIC.len() + 4 + 2 + STANDPOINT_VERSION.len()) as u64
}

/// One section of the body, to encode.
enum Part<'a> {
    Meta(Meta),
    Provenance(&'a Provenance),
    Cells(&'a Cells),
    Articles(&'a [Article]),
    Claims(&'a [Claim]),
}

/// A claim as its section holds it: [`Claim`]'s fields in its order, borrowed, with an empty
/// evidence (it is the article's text at the claim's span). Encodes as that claim with its
/// evidence emptied does, without copying its strings.
#[derive(Serialize)]
struct BareClaim<'a> {
    article: &'a str,
    actor: &'a ActorRef,
    topic: &'a str,
    stance: Stance,
    kind: ClaimKind,
    evidence: &'a str,
    span: Span,
    sentence: usize,
    cues: &'a [String],
    confidence: f32,
}

impl<'a> From<&'a Claim> for BareClaim<'a> {
    fn from(claim: &'a Claim) -> Self {
        // Every field named: a field added to `Claim` fails to compile here until it is added.
        let Claim {
            article,
            actor,
            topic,
            stance,
            kind,
            evidence: _,
            span,
            sentence,
            cues,
            confidence,
        } = claim;
        BareClaim {
            article,
            actor,
            topic,
            stance: *stance,
            kind: *kind,
            evidence: "",
            span: *span,
            sentence: *sentence,
            cues,
            confidence: *confidence,
        }
    }
}

/// Encodes one section into a buffer of its own.
fn encode(value: &impl Serialize) -> std::io::Result<Vec<u8>> {
    bincode::serde::encode_to_vec(value, encoding()).map_err(std::io::Error::other)
}

impl Part<'_> {
    fn encode(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Part::Meta(meta) => encode(meta),
            Part::Provenance(provenance) => encode(provenance),
            Part::Cells(cells) => encode(cells),
            // `Article` does not serialize its text: each article is followed by it.
            Part::Articles(chunk) => encode(
                &chunk
                    .iter()
                    .map(|a| (a, a.text.as_str()))
                    .collect::<Vec<_>>(),
            ),
            // Without their evidence: it is the article's text at the claim's span.
            Part::Claims(chunk) => encode(&chunk.iter().map(BareClaim::from).collect::<Vec<_>>()),
        }
    }
}

/// Sections encoded at once (in parallel) before they are written: enough for every core, few
/// enough that writing does not hold a second copy of the index.
const SECTIONS_AT_ONCE: usize = 4;

/// Writes the body's sections, then their lengths, then the length of those. The sections are
/// encoded in parallel, a few at a time, each into its own buffer with its own checksum, and
/// written in order.
///
/// `written` is called with the writer after each batch of sections.
fn write_body<W: Write>(
    index: &Index,
    out: &mut Checked<W>,
    written: &mut dyn FnMut(&mut W) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let meta = Meta {
        skipped: index.skipped.clone(),
        actors: index.actors.clone(),
        topics: index.topics.clone(),
    };
    let mut parts = vec![
        Part::Meta(meta),
        Part::Provenance(&index.provenance),
        Part::Cells(&index.cells),
    ];
    parts.extend(
        index
            .articles
            .chunks(ARTICLES_PER_SECTION)
            .map(Part::Articles),
    );
    parts.extend(index.claims.chunks(CLAIMS_PER_SECTION).map(Part::Claims));
    let mut lengths = Vec::with_capacity(parts.len());
    for batch in parts.chunks(SECTIONS_AT_ONCE) {
        let encoded = batch
            .par_iter()
            .map(|part| {
                let bytes = part.encode()?;
                let mut crc = crc32fast::Hasher::new();
                crc.update(&bytes);
                Ok((bytes, crc))
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        for (bytes, crc) in encoded {
            out.append(&bytes, &crc)?;
            lengths.push(bytes.len() as u64);
        }
        written(&mut out.inner)?;
    }
    let items = |part: &Part<'_>| match part {
        Part::Articles(chunk) => Some(chunk.len() as u64),
        Part::Claims(chunk) => Some(chunk.len() as u64),
        _ => None,
    };
    let sections_of = |want_articles: bool| -> Vec<Section> {
        parts
            .iter()
            .zip(&lengths)
            .filter(|(part, _)| matches!(part, Part::Articles(_)) == want_articles)
            .filter_map(|(part, &bytes)| {
                Some(Section {
                    bytes,
                    items: items(part)?,
                })
            })
            .collect()
    };
    let sections = Sections {
        meta: lengths[0],
        provenance: lengths[1],
        cells: lengths[2],
        articles: sections_of(true),
        claims: sections_of(false),
    };
    let table = encode(&sections)?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(&table);
    out.append(&table, &crc)?;
    out.write_all(&(table.len() as u64).to_le_bytes())?;
    Ok(())
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
    /// The body is encoded straight to the file, section by section, and its length and
    /// checksum filled in after, so that writing does not hold a second copy of the index.
    pub fn write_snapshot(&self, path: &Path) -> Result<u64, SnapshotError> {
        let write_err = |source| SnapshotError::Write {
            path: path.display().to_string(),
            source,
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
        // What is written goes to the disk while the next sections are encoded, so that the
        // final sync has less left to wait for.
        let mut written = |out: &mut &mut BufWriter<std::fs::File>| {
            out.flush()?;
            start_writeback(out.get_ref());
            Ok(())
        };
        write_body(self, &mut counted, &mut written).map_err(write_err)?;
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
    pub fn read_snapshot(path: &Path) -> Result<Index, SnapshotError> {
        let started = std::time::Instant::now();
        let c = read_contents(path)?;
        let read_at = started.elapsed();
        let index = Index::from_parts(
            c.articles,
            c.skipped,
            c.actors,
            c.topics,
            c.claims,
            c.provenance,
            Some(c.cells),
        );
        tracing::debug!(
            read_ms = read_at.as_millis() as u64,
            lookups_ms = (started.elapsed() - read_at).as_millis() as u64,
            "snapshot read phases"
        );
        Ok(index)
    }
}

/// Reads and checks what a snapshot holds.
///
/// The file is read in pieces: once to check its checksum, then each section is decoded from
/// its own reader, in parallel, so that neither the whole file nor a second copy of the index
/// is ever held.
pub(crate) fn read_contents(path: &Path) -> Result<Contents, SnapshotError> {
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
    read_body(path, body_at, body_len).map_err(|e| match e {
        Bad::Io(e) => read_err(e),
        Bad::Corrupt(detail) => corrupt(&detail),
    })
}

/// Why the body could not be read.
enum Bad {
    Io(std::io::Error),
    Corrupt(String),
}

impl From<bincode::error::DecodeError> for Bad {
    fn from(e: bincode::error::DecodeError) -> Bad {
        Bad::Corrupt(format!("undecodable: {e}"))
    }
}

type SectionReader = BufReader<std::io::Take<std::fs::File>>;

/// A reader of `len` bytes of the file at `path`, from `at`.
fn open_at(path: &Path, at: u64, len: u64) -> Result<SectionReader, Bad> {
    let mut file = std::fs::File::open(path).map_err(Bad::Io)?;
    file.seek(SeekFrom::Start(at)).map_err(Bad::Io)?;
    Ok(BufReader::with_capacity(1 << 18, file.take(len)))
}

/// Fails unless `input` was read to its end.
fn read_whole(input: &SectionReader) -> Result<(), Bad> {
    if input.buffer().is_empty() && input.get_ref().limit() == 0 {
        Ok(())
    } else {
        Err(Bad::Corrupt("bytes left after a section".to_string()))
    }
}

/// Decodes a whole section.
fn decode_at<T: serde::de::DeserializeOwned>(path: &Path, (at, s): Placed) -> Result<T, Bad> {
    let mut input = open_at(path, at, s.bytes)?;
    let mut decoder = bincode::serde::OwnedSerdeDecoder::from_reader(&mut input, encoding());
    let value = T::deserialize(decoder.as_deserializer())?;
    read_whole(&input)?;
    Ok(value)
}

/// Where a section starts in the file, its length and how many items it holds.
type Placed = (u64, Section);

/// Decodes the body at `body_at` on three threads (when there are): the small sections; the
/// articles; the claims. Articles and claims are decoded straight into one vector each, sized
/// from the table, so that no piece is held twice.
fn read_body(path: &Path, body_at: u64, body_len: u64) -> Result<Contents, Bad> {
    let (small, articles, claims) = read_table(path, body_at, body_len)?;
    let small_sections = || -> Result<(Meta, Provenance, Cells), Bad> {
        Ok((
            decode_at(path, small[0])?,
            decode_at(path, small[1])?,
            decode_at(path, small[2])?,
        ))
    };
    let with_text = |(mut a, text): (Article, String)| {
        a.text = text;
        check_spans(&a).map(|()| a)
    };
    let (small, (articles, claims)) = rayon::join(small_sections, || {
        rayon::join(
            || read_all(path, &articles, with_text),
            || read_all(path, &claims, |c: Claim| Ok(c)),
        )
    });
    let (meta, provenance, cells) = small?;
    let (articles, mut claims) = (articles?, claims?);
    restore_evidence(&articles, &mut claims).map_err(Bad::Corrupt)?;
    Ok(Contents {
        articles,
        skipped: meta.skipped,
        actors: meta.actors,
        topics: meta.topics,
        claims,
        provenance,
        cells,
    })
}

/// The three small sections, the article sections and the claim sections.
type Table = ([Placed; 3], Vec<Placed>, Vec<Placed>);

/// Reads the table of sections at the end of the body: where each section lies, checked to add
/// up to the body.
fn read_table(path: &Path, body_at: u64, body_len: u64) -> Result<Table, Bad> {
    let short = || Bad::Corrupt("the body is too short for its table of sections".to_string());
    let mut tail = open_at(
        path,
        body_at + body_len.checked_sub(8).ok_or_else(short)?,
        8,
    )?;
    let mut bytes = [0u8; 8];
    tail.read_exact(&mut bytes).map_err(Bad::Io)?;
    let table_len = u64::from_le_bytes(bytes);
    let sections_len = (body_len - 8).checked_sub(table_len).ok_or_else(short)?;
    let table: Sections = decode_at(
        path,
        (
            body_at + sections_len,
            Section {
                bytes: table_len,
                items: 1,
            },
        ),
    )?;
    let mut at = body_at;
    let mut place = |s: Section| -> Result<Placed, Bad> {
        let placed = (at, s);
        at = at.checked_add(s.bytes).ok_or_else(short)?;
        Ok(placed)
    };
    let whole = |bytes| Section { bytes, items: 1 };
    let small = [
        place(whole(table.meta))?,
        place(whole(table.provenance))?,
        place(whole(table.cells))?,
    ];
    let articles = table
        .articles
        .iter()
        .map(|&s| place(s))
        .collect::<Result<Vec<_>, _>>()?;
    let claims = table
        .claims
        .iter()
        .map(|&s| place(s))
        .collect::<Result<Vec<_>, _>>()?;
    if at != body_at + sections_len {
        return Err(Bad::Corrupt(format!(
            "the sections add up to {} bytes, the body holds {sections_len}",
            at - body_at
        )));
    }
    Ok((small, articles, claims))
}

/// Decodes the sections one after another into one vector, turning each item with `each`.
fn read_all<E, T>(
    path: &Path,
    sections: &[Placed],
    each: impl Fn(E) -> Result<T, String>,
) -> Result<Vec<T>, Bad>
where
    E: serde::de::DeserializeOwned,
{
    // Every item takes a byte at least, so that a forged count cannot reserve more than the file.
    let (items, bytes) = sections.iter().fold((0u64, 0u64), |(n, b), (_, s)| {
        (n.saturating_add(s.items), b.saturating_add(s.bytes))
    });
    let mut out = Vec::with_capacity(usize::try_from(items.min(bytes)).unwrap_or(0));
    for &(at, section) in sections {
        let before = out.len();
        let mut input = open_at(path, at, section.bytes)?;
        let mut decoder = bincode::serde::OwnedSerdeDecoder::from_reader(&mut input, encoding());
        let append = Append {
            into: &mut out,
            each: &each,
            item: std::marker::PhantomData,
        };
        serde::de::DeserializeSeed::deserialize(append, decoder.as_deserializer())?;
        read_whole(&input)?;
        if (out.len() - before) as u64 != section.items {
            return Err(Bad::Corrupt(
                "a section holds another number of items than its table says".to_string(),
            ));
        }
    }
    Ok(out)
}

/// Decodes a sequence of `E` onto the end of a vector, each turned by `each`: a section read
/// straight into the vector that holds them all.
struct Append<'v, 'f, E, T, F> {
    into: &'v mut Vec<T>,
    each: &'f F,
    item: std::marker::PhantomData<E>,
}

impl<'de, E, T, F> serde::de::DeserializeSeed<'de> for Append<'_, '_, E, T, F>
where
    E: serde::de::DeserializeOwned,
    F: Fn(E) -> Result<T, String>,
{
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, E, T, F> serde::de::Visitor<'de> for Append<'_, '_, E, T, F>
where
    E: serde::de::DeserializeOwned,
    F: Fn(E) -> Result<T, String>,
{
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<E>()? {
            let item = (self.each)(item).map_err(serde::de::Error::custom)?;
            self.into.push(item);
        }
        Ok(())
    }
}

/// Checks that an article's blocks and sentences lie inside its text.
fn check_spans(a: &Article) -> Result<(), String> {
    let bad_block = a.blocks.iter().any(|b| !fits(&a.text, b.span));
    let bad_sentence = a
        .sentences
        .iter()
        .any(|s| !fits(&a.text, s.span) || s.block >= a.blocks.len().max(1));
    if bad_block || bad_sentence {
        return Err(format!("article {} has a span outside its text", a.id));
    }
    Ok(())
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

/// Asks the system to start writing a file's dirty pages to the disk, without waiting for it
/// (Linux; elsewhere the final sync does all of it).
fn start_writeback(file: &std::fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a plain system call on an open descriptor; offset 0 and length 0 mean the
        // whole file. A failure only leaves the work to the final sync.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
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

impl<W: Write> Checked<W> {
    /// Writes a whole buffer whose checksum is already known.
    fn append(&mut self, bytes: &[u8], crc: &crc32fast::Hasher) -> std::io::Result<()> {
        self.inner.write_all(bytes)?;
        self.crc.combine(crc);
        self.len += bytes.len() as u64;
        Ok(())
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

/// Whether a span lies on character boundaries inside a text.
fn fits(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Checks that every claim names an article and lies inside its text, so that no page can panic
/// on a snapshot that decoded; then restores each claim's evidence from its span, in parallel.
fn restore_evidence(articles: &[Article], claims: &mut [Claim]) -> Result<(), String> {
    let by_id: rustc_hash::FxHashMap<&str, &Article> =
        articles.iter().map(|a| (a.id.as_str(), a)).collect();
    claims.par_iter_mut().try_for_each(|c| {
        let article = by_id
            .get(c.article.as_str())
            .ok_or_else(|| format!("a claim names the unknown article {}", c.article))?;
        if !fits(&article.text, c.span) || c.sentence >= article.sentences.len() {
            return Err(format!("a claim in {} points outside its text", c.article));
        }
        c.evidence = article.text[c.span.range()].to_string();
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_claim_encodes_as_the_claim_without_its_evidence() {
        let config = Config::default_config();
        let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let corpus = crate::corpus::load_dir(seeds, &config).expect("seeds");
        let index = Index::build(corpus, &config);
        assert!(index.claims.len() > 50);
        let owned: Vec<Claim> = index
            .claims
            .iter()
            .map(|c| Claim {
                evidence: String::new(),
                ..c.clone()
            })
            .collect();
        let bare: Vec<BareClaim<'_>> = index.claims.iter().map(BareClaim::from).collect();
        assert_eq!(encode(&owned).expect("owned"), encode(&bare).expect("bare"));
    }
}
