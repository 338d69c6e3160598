//! JSON Lines feeds (`.jsonl`): one article per line, as scrapers, news APIs and news datasets
//! export them, with `title`, `text` (or `body`, `content`), `url`, `date` (or `published`),
//! `outlet` (or `source`, `publisher`) and `author`. A bad line is skipped with a warning naming
//! the file and the line; the other lines load.

use serde_json::{Map, Value};

use super::Metadata;

/// One article read from a line of a feed.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// The 1-based line number.
    pub(super) line: usize,
    pub(super) title: Option<String>,
    pub(super) body: String,
    pub(super) meta: Metadata,
}

/// Reads every line of a feed: the articles, and for each bad line its number and what is
/// wrong with it. Blank lines are ignored.
pub(super) fn read(text: &str) -> (Vec<Entry>, Vec<(usize, String)>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        match entry(line) {
            Ok((title, body, meta)) => entries.push(Entry {
                line: line_no,
                title,
                body,
                meta,
            }),
            Err(reason) => bad.push((line_no, reason)),
        }
    }
    (entries, bad)
}

fn entry(line: &str) -> Result<(Option<String>, String, Metadata), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(map) = value else {
        return Err("not a JSON object".into());
    };
    let body = field(&map, &["text", "body", "content"])
        .ok_or("no text: none of \"text\", \"body\" or \"content\" holds a string")?;
    let meta = Metadata {
        title: None,
        outlet: field(&map, &["outlet", "source", "publisher"]),
        author: field(&map, &["author", "authors", "byline"]),
        date: field(&map, &["date", "published", "published_at", "publishedAt"])
            .and_then(|d| super::iso_day(&d)),
        url: field(&map, &["url", "link"]).filter(|u| u.starts_with("http")),
        ..Metadata::default()
    };
    Ok((field(&map, &["title", "headline"]), body, meta))
}

/// The first of `keys` holding text: a string, a list of strings (joined with commas), or an
/// object with a `name` (`"source": {"name": "Reuters"}`, as news APIs give it).
fn field(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    keys.iter().find_map(|k| {
        let text = match map.get(*k)? {
            Value::Array(items) => items.iter().filter_map(one).collect::<Vec<_>>().join(", "),
            v => one(v)?,
        };
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    })
}

/// A stable id for the article on `line` of feed `stem`: from its URL when it has one (the last
/// part of the path, and a short checksum of the whole URL), else from the line.
pub(super) fn entry_id(stem: &str, line: usize, url: Option<&str>) -> String {
    match url {
        Some(url) => {
            let path = url.split(['?', '#']).next().unwrap_or(url);
            let last = path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let last: String = last.chars().take(60).collect();
            let slug = super::article_id(&format!("{last}.x"));
            format!("{slug}-{:08x}", crc32fast::hash(url.as_bytes()))
        }
        None => format!("{}-line-{line}", super::article_id(&format!("{stem}.x"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_reported_and_the_others_load() {
        let feed = "{\"title\":\"A\",\"text\":\"One.\",\"source\":{\"name\":\"Reuters\"}}\n\
                    {not json\n\n[1,2]\n{\"title\":\"No body\"}\n{\"body\":\"Two.\",\"date\":\"2025-03-01T10:00:00Z\"}\n";
        let (entries, bad) = read(feed);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(entries[1].line, 6);
        assert_eq!(entries[1].meta.date.as_deref(), Some("2025-03-01"));
        let lines: Vec<usize> = bad.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4, 5]);
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = entry_id("feed", 3, Some("https://example.com/world/talks-resume/"));
        assert_eq!(
            a,
            entry_id("feed", 9, Some("https://example.com/world/talks-resume/"))
        );
        assert!(a.starts_with("talks-resume-"));
        assert_ne!(
            a,
            entry_id("feed", 3, Some("https://example.org/world/talks-resume/"))
        );
        assert_eq!(entry_id("My Feed", 3, None), "my-feed-line-3");
    }
}
