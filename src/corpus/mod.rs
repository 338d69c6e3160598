//! Loading a corpus folder: files in, [`Document`]s out (original text, metadata with the
//! publication date, paragraphs with their roles), plus the files that were skipped and why.
//!
//! Nothing here ever writes to the corpus folder, and nothing is removed from a file's text:
//! boilerplate is only marked, so every offset stays an offset into the original file.

mod blocks;
mod dates;
mod furniture;
mod html;
mod jsonl;
mod markdown;
mod metadata;
pub mod outlets;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::dates::DateLexicon;
use crate::layout::Span;
pub use crate::layout::{Block, BlockRole};

pub use blocks::BoilerplateMatcher;
pub use dates::{DateSource, Published};
pub use metadata::Metadata;
pub use outlets::Outlets;

/// Why a corpus could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("corpus folder {path} does not exist")]
    Missing { path: String },
    #[error("corpus path {path} is not a folder")]
    NotADirectory { path: String },
    #[error("cannot read corpus folder {path}: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
}

/// The format a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    /// A saved web page; the document's text is the article text found in it.
    Html,
    /// One line of a JSON Lines feed; the document's text is its title and body.
    #[serde(rename = "jsonl")]
    JsonLines,
}

/// One article as loaded from the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Stable identifier derived from the file name (unchanged between runs).
    pub id: String,
    /// The file name, relative to the corpus folder; for an article of a JSON Lines feed, the
    /// feed's name and the line (`feed.jsonl:12`).
    pub file: String,
    pub format: Format,
    /// The file's text exactly as read; spans index into it.
    #[serde(skip)]
    pub text: String,
    pub meta: Metadata,
    /// Paragraphs in reading order, with boilerplate and metadata lines marked.
    pub blocks: Vec<Block>,
}

impl crate::layout::Blocked for Document {
    fn text(&self) -> &str {
        &self.text
    }

    fn blocks(&self) -> &[Block] {
        &self.blocks
    }
}

/// A file that was not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// The result of loading a folder.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

/// Reads every `.txt`, `.md`, `.html` (`.htm`) and `.jsonl` file in `dir` (not recursively), in
/// file-name order.
///
/// Bad files are skipped with a reason (and a logged warning) while the rest load; only a missing
/// or unreadable folder is an error.
pub fn load_dir(dir: &Path, config: &Config) -> Result<Corpus, CorpusError> {
    load_dir_where(dir, config, &mut |_| true)
}

/// Like [`load_dir`], reading only the files whose names `keep` accepts (`keep` is asked about
/// every listed file, in name order); the limits count the files of the whole folder.
pub fn load_dir_where(
    dir: &Path,
    config: &Config,
    keep: &mut dyn FnMut(&str) -> bool,
) -> Result<Corpus, CorpusError> {
    let path = dir.display().to_string();
    let meta = std::fs::metadata(dir).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            CorpusError::Missing { path: path.clone() }
        } else {
            CorpusError::Unreadable {
                path: path.clone(),
                source,
            }
        }
    })?;
    if !meta.is_dir() {
        return Err(CorpusError::NotADirectory { path });
    }
    // The matchers are compiled while the folder is listed.
    let ((matcher, lexicon), files) = rayon::join(
        || {
            rayon::join(
                || BoilerplateMatcher::new(config),
                || DateLexicon::new(config),
            )
        },
        || list_articles(dir),
    );
    let files = files.map_err(|source| CorpusError::Unreadable {
        path: path.clone(),
        source,
    })?;
    let mut corpus = Corpus::default();
    let mut ids = std::collections::HashSet::new();
    // Files are read and parsed in parallel; what each gave is then taken in name order.
    let max_files = config.limits.max_files;
    let chosen: Vec<(usize, &PathBuf)> = files
        .iter()
        .enumerate()
        .filter(|(_, p)| keep(&p.file_name().unwrap_or_default().to_string_lossy()))
        .collect();
    let loaded: Vec<(String, Result<Parsed, String>)> = chosen
        .into_par_iter()
        .map(|(n, file_path)| {
            let name = file_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parsed = if n >= max_files {
                Err(format!(
                    "more than {max_files} files in the corpus (limits.max_files)"
                ))
            } else {
                let max_bytes = if is_feed(&name) {
                    config.limits.max_feed_bytes
                } else {
                    config.limits.max_file_bytes
                };
                read_file(file_path, max_bytes)
                    .and_then(|text| parse_file(&name, text, &matcher))
                    .map(|mut parsed| {
                        for doc in &mut parsed.documents {
                            dates::date_article(&lexicon, &doc.text, &doc.blocks, &mut doc.meta);
                        }
                        parsed
                    })
            };
            (name, parsed)
        })
        .collect();
    for (name, parsed) in loaded {
        match parsed {
            Ok(parsed) => {
                for (file, reason) in parsed.skipped {
                    corpus.skip(file, reason);
                }
                for mut doc in parsed.documents {
                    if corpus.documents.len() >= max_files {
                        corpus.skip(
                            doc.file,
                            format!(
                                "more than {max_files} articles in the corpus (limits.max_files)"
                            ),
                        );
                        continue;
                    }
                    // Two files whose names slug to the same id keep distinct, stable ids.
                    let base = doc.id.clone();
                    let mut k = 2;
                    while !ids.insert(doc.id.clone()) {
                        doc.id = format!("{base}-{k}");
                        k += 1;
                    }
                    corpus.documents.push(doc);
                }
            }
            Err(reason) => corpus.skip(name, reason),
        }
    }
    Ok(corpus)
}

/// The files of a folder that may be articles (by extension, hidden ones left out), in the
/// order of their names.
fn list_articles(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    // Each file with its name, to sort by: the files of one folder are in the order of their
    // names, and comparing names is cheaper than comparing paths component by component.
    let mut files: Vec<(std::ffi::OsString, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let file_path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let ext = file_path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        if matches!(
            ext.as_deref(),
            Some("txt" | "md" | "markdown" | "html" | "htm" | "jsonl")
        ) {
            files.push((name, file_path));
        }
    }
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(files.into_iter().map(|(_, path)| path).collect())
}

impl Corpus {
    fn skip(&mut self, file: String, reason: String) {
        tracing::warn!(file = %file, reason = %reason, "skipping file");
        self.skipped.push(Skipped { file, reason });
    }
}

/// Reads one file, refusing what is not an article: too large, empty, binary, not UTF-8, or not
/// a regular file (a folder, a FIFO, a device, a dangling or looping symbolic link).
///
/// The file may change between the listing and the read (replaced by a FIFO, a folder or a
/// bigger file): it is opened without blocking, checked again through the open handle, and read
/// no further than the limit, so a file that changes under the loader can never hang it.
fn read_file(path: &Path, max_bytes: u64) -> Result<String, String> {
    use std::io::Read;
    let too_big = |len: u64| {
        format!("file is {len} bytes, over the {max_bytes} byte limit (limits.max_file_bytes)")
    };
    // Not even opened unless it is a regular file (or a link to one) small enough.
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > max_bytes {
        return Err(too_big(meta.len()));
    }
    let file = open_nonblocking(path).map_err(|e| format!("cannot read: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file (it changed while being read)".into());
    }
    if meta.len() > max_bytes {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "file grew over the {max_bytes} byte limit while being read"
        ));
    }
    decode(bytes)
}

/// Opens a file for reading without blocking on a FIFO that took its place.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// Checks that bytes are a text article and returns them as a string, unchanged.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("file is UTF-16 text; save it as UTF-8".into());
    }
    if bytes.contains(&0) {
        return Err("file looks binary (it contains NUL bytes)".into());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "file is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) {
        return Err("file looks binary (too many control characters)".into());
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err("file is empty".into());
    }
    Ok(text)
}

/// What one file gave: its articles (one, or one per line of a feed), and the lines of a feed
/// that were skipped, each with the reason.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub skipped: Vec<(String, String)>,
}

fn is_feed(file: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".jsonl")
}

/// Reads a file of any format the corpus takes, by its extension: `.html`/`.htm` as a saved web
/// page, `.jsonl` as a feed of articles, `.md` as Markdown, anything else as plain text. `Err`
/// says why the file gave no article.
pub fn parse_file(
    file: &str,
    text: String,
    matcher: &BoilerplateMatcher,
) -> Result<Parsed, String> {
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        let page = html::read(&text)?;
        let meta = page.meta;
        let doc = compose(
            file,
            article_id(file),
            Format::Html,
            page.title,
            &page.paragraphs.join("\n\n"),
            meta,
            matcher,
        );
        return Ok(Parsed {
            documents: vec![doc],
            skipped: Vec::new(),
        });
    }
    if is_feed(file) {
        let (entries, bad) = jsonl::read(&text);
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let skipped: Vec<(String, String)> = bad
            .into_iter()
            .map(|(line, reason)| (format!("{file}:{line}"), format!("line {line}: {reason}")))
            .collect();
        if entries.is_empty() {
            return Err(match skipped.first() {
                Some((_, reason)) => format!("no article in the feed (first bad {reason})"),
                None => "no article in the feed".into(),
            });
        }
        let documents = entries
            .into_iter()
            .map(|e| {
                let id = jsonl::entry_id(stem, e.line, e.meta.url.as_deref());
                let name = format!("{file}:{}", e.line);
                compose(
                    &name,
                    id,
                    Format::JsonLines,
                    e.title,
                    &e.body,
                    e.meta,
                    matcher,
                )
            })
            .collect();
        return Ok(Parsed { documents, skipped });
    }
    Ok(Parsed {
        documents: vec![parse_document(file, text, matcher)],
        skipped: Vec::new(),
    })
}

/// Builds a document from a file's name and text: id, paragraphs, roles and metadata.
pub fn parse_document(file: &str, text: String, matcher: &BoilerplateMatcher) -> Document {
    let is_md = file.to_ascii_lowercase().ends_with(".md")
        || file.to_ascii_lowercase().ends_with(".markdown");
    let (format, front, raw_blocks) = if is_md {
        let (front, body_start) = markdown::front_matter(&text);
        (Format::Markdown, front, markdown::blocks(&text, body_start))
    } else {
        (Format::Text, None, blocks::text_blocks(&text))
    };
    let mut blocks = blocks::classify(&text, raw_blocks, matcher);
    let mut edges = Metadata::default();
    matcher
        .furniture
        .mark(&text, &mut blocks, &matcher.outlets, &mut edges);
    let mut meta = metadata::extract(&text, &mut blocks, front);
    fill_missing(&mut meta, edges);
    finish(&mut meta, &text, &blocks, matcher);
    split_headline(&text, &mut blocks, meta.title.as_deref());
    Document {
        id: article_id(file),
        file: file.to_string(),
        format,
        text,
        meta,
        blocks,
    }
}

/// Builds a document whose text is made here from a title and a body (a web page's article, a
/// feed's entry): the title, when there is one, is its first paragraph and its headline.
fn compose(
    file: &str,
    id: String,
    format: Format,
    title: Option<String>,
    body: &str,
    mut meta: Metadata,
    matcher: &BoilerplateMatcher,
) -> Document {
    let title = title
        .map(|t| furniture::clean_title(&t.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|t| !t.is_empty())
        .map(|t| match matcher.outlets.split_glued(&t) {
            Some((head, outlet)) => {
                meta.outlet.get_or_insert_with(|| outlet.to_string());
                head.to_string()
            }
            None => t,
        });
    let mut text = String::new();
    if let Some(title) = &title {
        text.push_str(title);
        text.push_str("\n\n");
    }
    text.push_str(body.trim());
    let mut blocks = blocks::classify(&text, blocks::text_blocks(&text), matcher);
    let mut edges = Metadata::default();
    if title.is_some() {
        if let Some(first) = blocks.first_mut() {
            first.role = BlockRole::Headline;
        }
        meta.title = title;
        matcher
            .furniture
            .mark(&text, &mut blocks, &matcher.outlets, &mut edges);
    } else {
        matcher
            .furniture
            .mark(&text, &mut blocks, &matcher.outlets, &mut edges);
        let found = metadata::extract(&text, &mut blocks, None);
        fill_missing(&mut meta, found);
    }
    fill_missing(&mut meta, edges);
    finish(&mut meta, &text, &blocks, matcher);
    Document {
        id,
        file: file.to_string(),
        format,
        text,
        meta,
        blocks,
    }
}

/// When the headline line holds more than the title (an outlet's name glued after it), the rest
/// becomes a metadata block of its own, so that no claim's evidence carries it.
fn split_headline(text: &str, blocks: &mut Vec<Block>, title: Option<&str>) {
    let Some(title) = title else { return };
    let Some(i) = blocks.iter().position(|b| b.role == BlockRole::Headline) else {
        return;
    };
    let span = blocks[i].span;
    let line = &text[span.range()];
    let Some(at) = line.find(title) else { return };
    let end = span.start + at + title.len();
    if at != 0 || end >= span.end {
        return;
    }
    blocks[i].span = Span::new(span.start, end);
    let rest = Span::new(end, span.end).trim(text);
    if !rest.is_empty() {
        blocks.insert(
            i + 1,
            Block {
                span: rest,
                role: BlockRole::Metadata,
            },
        );
    }
}

/// Fills the fields of `meta` that are still unknown from `other`.
fn fill_missing(meta: &mut Metadata, other: Metadata) {
    meta.title = meta.title.take().or(other.title);
    meta.outlet = meta.outlet.take().or(other.outlet);
    meta.author = meta.author.take().or(other.author);
    meta.date = meta.date.take().or(other.date);
    meta.url = meta.url.take().or(other.url);
}

/// The last touches on an article's metadata: a headline without the emoji before it or the
/// outlet glued after it, a title from the lead when the article gives none, and the outlet's
/// name as the config spells it (or the outlet of the URL's domain).
fn finish(meta: &mut Metadata, text: &str, blocks: &[Block], matcher: &BoilerplateMatcher) {
    if let Some(title) = meta.title.take() {
        let title = furniture::clean_title(&title);
        meta.title = Some(match matcher.outlets.split_glued(&title) {
            Some((head, outlet)) => {
                meta.outlet.get_or_insert_with(|| outlet.to_string());
                head.to_string()
            }
            None => title,
        });
    }
    if meta.title.as_deref().is_none_or(str::is_empty) {
        meta.title = matcher.furniture.lead_title(text, blocks);
    }
    matcher.outlets.normalize(meta);
}

/// A stable, URL-safe id from a file name: its stem, lowercased, non-alphanumerics as dashes.
pub fn article_id(file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() { "article".into() } else { id }
}

/// `YYYY-MM-DD` from the start of an ISO 8601 date or date-time (a feed's or a web page's date field).
pub(super) fn iso_day(raw: &str) -> Option<String> {
    let day = raw.trim().get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| day.to_string())
}
