//! Saved web pages (`.html`, `.htm`): the article's main text, found by dom_smoothie (a port of
//! Mozilla's Readability), and its metadata from the page itself: JSON-LD `NewsArticle`, then
//! Open Graph and `article:*` meta tags, `<link rel="canonical">` for the URL, `<title>` last.
//!
//! Only the extracted text is kept: spans index into it, the article page shows it, and the
//! page's markup (and any script in it) is never served. A page too large, too deeply nested or
//! without readable text is refused with a reason, like any other bad file.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config as ReadConfig, Readability, TextMode};
use serde_json::Value;

use super::Metadata;

/// Most elements a page may have; past it, the page is refused rather than scored.
const MAX_ELEMENTS: usize = 60_000;
/// Deepest nesting of elements a page may have.
const MAX_DEPTH: usize = 512;

/// What a web page gave: its title (if any), the article's paragraphs and its metadata.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    pub(super) title: Option<String>,
    pub(super) paragraphs: Vec<String>,
    pub(super) meta: Metadata,
}

/// Reads a saved web page; `Err` says why it cannot be indexed.
pub(super) fn read(html: &str) -> Result<Page, String> {
    // dom_smoothie and html5ever are not expected to panic, but a page is untrusted input: a
    // panic while reading one skips that page, never the corpus.
    std::panic::catch_unwind(|| read_unguarded(html))
        .unwrap_or_else(|_| Err("the page could not be read as HTML".into()))
}

fn read_unguarded(html: &str) -> Result<Page, String> {
    prescan(html)?;
    let doc = Document::from(html);
    check_shape(&doc.root())?;
    let mut meta = page_metadata(&doc);
    let title = meta.title.take();
    let config = ReadConfig {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: TextMode::Formatted,
        ..ReadConfig::default()
    };
    let mut reader = Readability::with_document(doc, None, Some(config))
        .map_err(|e| format!("the page could not be read: {e}"))?;
    let article = reader
        .parse()
        .map_err(|_| "no article text found in the page".to_string())?;
    meta.author = meta
        .author
        .or(article.byline.filter(|b| !b.trim().is_empty()));
    meta.outlet = meta.outlet.or(article.site_name);
    let title = title.or_else(|| Some(article.title.trim().to_string()).filter(|t| !t.is_empty()));
    let paragraphs: Vec<String> = article
        .text_content
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err("no article text found in the page".into());
    }
    Ok(Page {
        title,
        paragraphs,
        meta,
    })
}

/// Elements whose end tag may be left out, and void elements: not counted as nesting.
const UNNESTED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "rp", "rt", "html", "head", "body", "br", "img", "meta", "link", "input", "hr",
    "source", "wbr", "area", "base", "col", "embed", "param", "track", "!doctype",
];

/// Refuses, before parsing, a page with too many tags or nested too deeply: the HTML parser
/// spends time in the depth of its open elements for every tag, so such a page would take
/// minutes to parse. Tags are counted on the raw text, end tags closing what they name.
fn prescan(html: &str) -> Result<(), String> {
    let (mut tags, mut depth, mut deepest) = (0usize, 0usize, 0usize);
    let bytes = html.as_bytes();
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name: Vec<u8> = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!' || **b == b'-')
            .take(16)
            .map(u8::to_ascii_lowercase)
            .collect();
        if name.is_empty() || !name[0].is_ascii_alphabetic() && name[0] != b'!' {
            continue;
        }
        let unnested = UNNESTED.iter().any(|u| u.as_bytes() == name.as_slice());
        if closing {
            if !unnested {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        tags += 1;
        if tags > MAX_ELEMENTS {
            return Err(format!("the page has more than {MAX_ELEMENTS} elements"));
        }
        let self_closing = rest
            .iter()
            .take(512)
            .position(|&b| b == b'>')
            .is_some_and(|end| end > 0 && rest[end - 1] == b'/');
        if !unnested && !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > MAX_DEPTH {
                return Err(format!(
                    "the page nests elements more than {MAX_DEPTH} deep"
                ));
            }
        }
    }
    Ok(())
}

/// Refuses pages with too many elements or nested too deeply, without recursion.
fn check_shape(root: &NodeRef<'_>) -> Result<(), String> {
    let mut stack = vec![(*root, 0usize)];
    let mut elements = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(format!(
                "the page nests elements more than {MAX_DEPTH} deep"
            ));
        }
        if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Err(format!("the page has more than {MAX_ELEMENTS} elements"));
            }
        }
        stack.extend(node.children_it(false).map(|c| (c, depth + 1)));
    }
    Ok(())
}

/// Metadata from JSON-LD, then meta tags, then `<link rel="canonical">` and `<title>`.
fn page_metadata(doc: &Document) -> Metadata {
    let mut meta = Metadata::default();
    for script in doc.select(r#"script[type="application/ld+json"]"#).iter() {
        if let Ok(value) = serde_json::from_str::<Value>(script.text().trim())
            && let Some(article) = find_article(&value)
        {
            fill_from_json_ld(&mut meta, article);
            break;
        }
    }
    let tag = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            let sel = format!(r#"meta[property="{k}"], meta[name="{k}"], meta[itemprop="{k}"]"#);
            doc.select(&sel)
                .iter()
                .filter_map(|m| m.attr("content"))
                .map(|c| c.trim().to_string())
                .find(|c| !c.is_empty())
        })
    };
    fill(&mut meta.title, tag(&["og:title", "twitter:title"]));
    fill(&mut meta.outlet, tag(&["og:site_name", "application-name"]));
    fill(
        &mut meta.date,
        tag(&[
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            "DC.date.issued",
            "sailthru.date",
        ])
        .and_then(|d| super::iso_day(&d)),
    );
    let author = tag(&["article:author", "author", "byl", "sailthru.author"])
        .filter(|a| !a.starts_with("http"))
        .map(|a| a.trim_start_matches("By ").to_string());
    fill(&mut meta.author, author);
    let canonical = doc
        .select(r#"link[rel="canonical"], link[rel="amphtml"]"#)
        .iter()
        .filter(|l| {
            l.attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        })
        .find_map(|l| l.attr("href").map(|h| h.trim().to_string()));
    if let Some(url) = canonical.filter(|u| u.starts_with("http")) {
        meta.url = Some(url);
    }
    fill(&mut meta.url, tag(&["og:url"]));
    let page_title = doc
        .select("title")
        .iter()
        .next()
        .map(|t| t.text().trim().to_string());
    fill(&mut meta.title, page_title.filter(|t| !t.is_empty()));
    meta.url = meta
        .url
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    meta
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

/// The first object typed as an article (`NewsArticle`, `Article`, `ReportageNewsArticle`,
/// `BlogPosting`...) in a JSON-LD value, looking into arrays and `@graph`.
fn find_article(value: &Value) -> Option<&Value> {
    let mut stack = vec![(value, 0)];
    while let Some((v, depth)) = stack.pop() {
        if depth > 8 {
            continue;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev().map(|i| (i, depth + 1))),
            Value::Object(map) => {
                let typed = |t: &Value| {
                    t.as_str()
                        .is_some_and(|s| s.ends_with("Article") || s == "BlogPosting")
                };
                let is_article = match map.get("@type") {
                    Some(Value::Array(types)) => types.iter().any(typed),
                    Some(t) => typed(t),
                    None => false,
                };
                if is_article {
                    return Some(v);
                }
                if let Some(graph) = map.get("@graph") {
                    stack.push((graph, depth + 1));
                }
            }
            _ => {}
        }
    }
    None
}

fn fill_from_json_ld(meta: &mut Metadata, article: &Value) {
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    meta.title = text(article.get("headline")).or_else(|| text(article.get("name")));
    meta.date = text(article.get("datePublished")).and_then(|d| super::iso_day(&d));
    meta.author = names(article.get("author"));
    meta.outlet = names(article.get("publisher"));
    meta.url = text(article.get("url")).or_else(|| match article.get("mainEntityOfPage") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(obj) => text(obj.get("@id")),
        None => None,
    });
}

/// The names in a JSON-LD person or organisation: a string, an object with `name`, or a list.
fn names(value: Option<&Value>) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(map) => map
            .get("name")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string()),
        _ => None,
    };
    let all: Vec<String> = match value? {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let all: Vec<String> = all.into_iter().filter(|s| !s.is_empty()).collect();
    (!all.is_empty()).then(|| all.join(", "))
}
