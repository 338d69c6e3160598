//! Article metadata: from front matter, or from the lines a plain-text article carries
//! (headline, outlet and byline lines, "The post ... appeared first on ...", "© 2025 ...").

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::blocks::word_count;
use super::{Block, BlockRole};

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// Publication date as the source gives it: `YYYY-MM-DD`, or `YYYY` from a copyright line.
    pub date: Option<String>,
    pub url: Option<String>,
    /// The publication date as a period with its precision and where it was read; filled when
    /// the corpus loads (see `corpus::dates`).
    pub published: Option<super::dates::Published>,
    /// The wire service a dateline credits ("Reuters"), if any.
    pub wire: Option<String>,
}

/// Fields read from a Markdown front-matter block.
#[derive(Debug, Clone, Default)]
pub(super) struct FrontMatter(Metadata);

impl FrontMatter {
    pub(super) fn from_toml(text: &str) -> FrontMatter {
        let mut meta = Metadata::default();
        if let Ok(table) = text.parse::<toml::Table>() {
            let get = |keys: &[&str]| {
                keys.iter().find_map(|k| match table.get(*k) {
                    Some(toml::Value::String(s)) => Some(s.trim().to_string()),
                    Some(toml::Value::Datetime(d)) => Some(d.to_string()),
                    _ => None,
                })
            };
            meta = Metadata {
                title: get(&["title"]),
                outlet: get(&["outlet", "source", "publication", "publisher"]),
                author: get(&["author", "byline"]),
                date: get(&["date", "published"]).and_then(|d| normalize_date(&d)),
                url: get(&["url", "link", "source_url"]),
                ..Metadata::default()
            };
        }
        FrontMatter(meta)
    }

    pub(super) fn from_yaml(text: &str) -> FrontMatter {
        let mut meta = Metadata::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = unquote(value.trim()).trim();
            if value.is_empty() {
                continue;
            }
            let value = Some(value.to_string());
            match key.trim().to_ascii_lowercase().as_str() {
                "title" => meta.title = value,
                "outlet" | "source" | "publication" | "publisher" => meta.outlet = value,
                "author" | "byline" => meta.author = value,
                "date" | "published" => meta.date = value.and_then(|d| normalize_date(&d)),
                "url" | "link" | "source_url" => meta.url = value,
                _ => {}
            }
        }
        FrontMatter(meta)
    }
}

/// A YAML scalar without the quotes around it; a quote that opens nothing is part of the value.
fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

static APPEARED_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^the post (.+) appeared first on (.+?)\.?$").expect("valid"));
static ORIGINALLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^this (?:article|story) (?:originally |first )?appeared (?:first )?(?:in|on) (.+?)\.?$")
        .expect("valid")
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:©|\(c\)|copyright)\s*(\d{4})\s+(.+?)(?:\s+(?:Company|Inc\.?|Ltd\.?|LLC|Group))?\.?$")
        .expect("valid")
});
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^date:?\s*(\d{4}-\d{2}-\d{2})\b").expect("valid"));
static BY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^by\s+([A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3})").expect("valid")
});
static PERSON_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][\p{Ll}'’-]+(?: [A-Z]\.)?(?: [A-Z][\p{Ll}'’-]+){1,2}$").expect("valid")
});
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})-(\d{2})-(\d{2})").expect("valid"));

/// Keeps the `YYYY-MM-DD` part of a date, or the year alone.
fn normalize_date(raw: &str) -> Option<String> {
    if let Some(c) = ISO_DATE.captures(raw) {
        return Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    }
    let year = raw.trim();
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| year.to_string())
}

/// Reads metadata from front matter and from the article's own lines, and marks the leading
/// outlet/byline lines and the headline.
pub(super) fn extract(text: &str, blocks: &mut [Block], front: Option<FrontMatter>) -> Metadata {
    let mut meta = front.map(|f| f.0).unwrap_or_default();
    let line = |b: &Block| {
        text[b.span.range()]
            .trim_start_matches('\u{feff}')
            .trim()
            .to_string()
    };

    // Trailer and header lines that name the title, outlet and date.
    for block in blocks.iter() {
        if block.role != BlockRole::Metadata {
            continue;
        }
        let l = line(block);
        if let Some(c) = APPEARED_FIRST.captures(&l) {
            meta.title.get_or_insert_with(|| c[1].trim().to_string());
            meta.outlet.get_or_insert_with(|| c[2].trim().to_string());
        } else if let Some(c) = ORIGINALLY.captures(&l) {
            meta.outlet.get_or_insert_with(|| c[1].trim().to_string());
        } else if let Some(c) = COPYRIGHT.captures(&l) {
            meta.date.get_or_insert_with(|| c[1].to_string());
            meta.outlet.get_or_insert_with(|| c[2].trim().to_string());
        } else if let Some(c) = DATE_LINE.captures(&l) {
            meta.date = Some(c[1].to_string());
        } else if let Some(c) = BY_LINE.captures(&l) {
            meta.author.get_or_insert_with(|| c[1].trim().to_string());
        }
    }

    // Leading short lines without a full stop: outlet and byline lines, then the headline.
    let mut candidates = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block.role {
            BlockRole::Boilerplate | BlockRole::Metadata => continue,
            BlockRole::Headline => break,
            BlockRole::Body => {}
        }
        let l = line(block);
        let words = word_count(&l);
        let single_quoted = [".’", "!’", "?’", ".'"].iter().any(|e| l.ends_with(e));
        let ends_sentence =
            (single_quoted || l.ends_with(['.', '!', '?', '"', '”', ':'])) && words > 3;
        if words == 0 || words > 25 || ends_sentence {
            break;
        }
        candidates.push(i);
        if words >= 4 && !l.starts_with("By ") {
            // A line of four words or more is the headline; what came before is the masthead.
            break;
        }
    }
    if let Some((&headline, masthead)) = candidates.split_last() {
        let title_line = line(&blocks[headline]);
        if word_count(&title_line) >= 3 || masthead.is_empty() {
            blocks[headline].role = BlockRole::Headline;
            meta.title.get_or_insert(title_line);
        }
        for &i in masthead {
            let l = line(&blocks[i]);
            blocks[i].role = BlockRole::Metadata;
            if let Some(c) = BY_LINE.captures(&l) {
                meta.author.get_or_insert_with(|| c[1].trim().to_string());
            } else if PERSON_NAME.is_match(&l) && !l.starts_with("The ") {
                meta.author.get_or_insert(l);
            } else {
                meta.outlet.get_or_insert(l);
            }
        }
    }
    meta
}
