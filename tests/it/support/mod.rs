//! Shared test helpers: fixture corpora, the app over them, `oneshot` requests, a tiny HTTP client
//! for the real server, and an HTML well-formedness checker.
#![allow(unreachable_pub)]

pub mod reading;
pub mod server;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use standpoint::web::{AppState, app};
use standpoint::{Config, Index, corpus};

/// Text that must never reach a page unescaped.
pub const HOSTILE: &str = "<script>alert('x')</script>";
pub const RAW_HTML: &str = "<b onclick=\"x()\">bold</b><img src=x onerror=alert(1)>";

/// A small corpus with simple attributions and hostile markup, in a temporary folder.
pub fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: &[(&str, String)] = &[
        (
            "a-troops.txt",
            "Trump rules out sending troops to Ukraine\n\n\
             Trump said the United States would not send troops to Ukraine.\n\n\
             Zelensky said Ukraine needs security guarantees from the United States.\n\n\
             Putin rejected a ceasefire.\n\n\
             Get all your news in one place.\n"
                .to_string(),
        ),
        (
            "b-ceasefire.txt",
            "Zelensky backs a ceasefire\n\n\
             Zelensky said Ukraine supports a ceasefire.\n\n\
             Trump said he supports a ceasefire.\n\n\
             Putin said Russia opposes a ceasefire.\n"
                .to_string(),
        ),
        (
            "c-hostile.txt",
            format!(
                "{HOSTILE} headline with {RAW_HTML}\n\n\
                 Trump said {HOSTILE} the United States would not send troops to Ukraine.\n\n\
                 The body has raw markup: {RAW_HTML} &amp; an entity.\n"
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    dir
}

/// The seeds shipped with the repository.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

pub fn build_index(dir: &Path) -> (Config, Index) {
    static SEEDS: std::sync::OnceLock<(Config, Index)> = std::sync::OnceLock::new();
    if dir == seeds_dir() {
        return SEEDS.get_or_init(|| load_index(dir)).clone();
    }
    load_index(dir)
}

fn load_index(dir: &Path) -> (Config, Index) {
    let config = Config::default_config();
    let corpus = corpus::load_dir(dir, &config).expect("load corpus");
    let index = Index::build(corpus, &config);
    (config, index)
}

pub fn state(dir: &Path) -> AppState {
    let (config, index) = build_index(dir);
    AppState::new(index, config)
}

pub fn router(dir: &Path) -> Router {
    app(state(dir))
}

/// A response, read whole.
pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Res {
    pub fn header(&self, name: impl header::AsHeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }

    pub fn is_html(&self) -> bool {
        self.header(header::CONTENT_TYPE).starts_with("text/html")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn doc(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }
}

/// Sends one request through the router.
pub async fn request(app: &Router, req: Request<Body>) -> Res {
    let res = app.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Res {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(app: &Router, uri: &str) -> Res {
    let req = Request::get(uri)
        .header(header::HOST, "standpoint.test")
        .body(Body::empty())
        .expect("request");
    request(app, req).await
}

/// GET with these headers only (no `Host` unless given).
pub async fn get_with(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Res {
    let mut req = Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    request(app, req.body(Body::empty()).unwrap()).await
}

/// GET that must answer 200.
pub async fn get_ok(app: &Router, uri: &str) -> Res {
    let res = get(app, uri).await;
    assert_eq!(res.status, StatusCode::OK, "GET {uri}: {}", res.body);
    res
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).expect("selector");
    doc.select(&sel).collect()
}

/// The elements under `el` that match `css`.
pub fn select_in<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).expect("selector");
    el.select(&sel).collect()
}

pub fn text(el: &scraper::ElementRef<'_>) -> String {
    normalize(&el.text().collect::<String>())
}

pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements that may not appear inside `<p>` (the parser would close the paragraph).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Checks that an HTML document is well formed: a doctype, every tag closed in order, no block
/// inside a paragraph, no duplicate attribute, unique ids, and every id reference resolving.
pub fn check_html(page: &str, html: &str) -> Result<(), String> {
    let err = |msg: String| Err(format!("{page}: {msg}"));
    if !html.starts_with("<!DOCTYPE html>") {
        return err("missing <!DOCTYPE html>".into());
    }
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    let line = |at: usize| html[..at].matches('\n').count() + 1;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("unclosed comment")?;
            i = start + end + 3;
            continue;
        }
        if rest.starts_with("<!") {
            i = start + rest.find('>').ok_or("unclosed doctype")? + 1;
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(0);
        if name_len == 0 {
            return err(format!("stray '<' on line {}", line(start)));
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // Find the end of the tag, skipping quoted attribute values.
        let mut j = name_start + name_len;
        let mut quote: Option<u8> = None;
        let mut attrs = String::new();
        while j < bytes.len() {
            let b = bytes[j];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => break,
                None if b == b'<' => {
                    return err(format!("'<' inside the <{name}> tag on line {}", line(j)));
                }
                None => {}
            }
            if quote.is_none() || b == b'"' || b == b'\'' {
                attrs.push(b as char);
            } else {
                attrs.push('x');
            }
            j += 1;
        }
        if j >= bytes.len() {
            return err(format!("unterminated <{name}> tag on line {}", line(start)));
        }
        i = j + 1;
        if closing {
            match stack.pop() {
                Some(open) if open == name => {}
                Some(open) => {
                    return err(format!(
                        "</{name}> on line {} closes <{open}> (misnested)",
                        line(start)
                    ));
                }
                None => return err(format!("</{name}> on line {} closes nothing", line(start))),
            }
            continue;
        }
        // Duplicate attributes.
        let mut seen = HashSet::new();
        for attr in attrs
            .split(|c: char| c.is_whitespace() || c == '/')
            .filter_map(|a| a.split('=').next())
            .filter(|a| !a.is_empty() && !a.starts_with('"') && !a.starts_with('\''))
        {
            if attr
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
                && !seen.insert(attr.to_ascii_lowercase())
            {
                return err(format!(
                    "duplicate attribute {attr} on <{name}> on line {}",
                    line(start)
                ));
            }
        }
        if BLOCK.contains(&name.as_str()) && stack.iter().any(|t| t == "p") {
            return err(format!("<{name}> inside <p> on line {}", line(start)));
        }
        if VOID.contains(&name.as_str()) || attrs.trim_end().ends_with('/') {
            continue;
        }
        if name == "script" || name == "style" || name == "textarea" || name == "title" {
            let close = format!("</{name}");
            let end = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .ok_or(format!("unclosed <{name}>"))?;
            i += end;
        }
        stack.push(name);
    }
    if !stack.is_empty() {
        return err(format!("unclosed tags at end: {stack:?}"));
    }
    // Ids: unique, and every reference to one resolves.
    let doc = scraper::Html::parse_document(html);
    let mut ids = BTreeSet::new();
    for el in select(&doc, "[id]") {
        let id = el.value().attr("id").unwrap_or_default();
        if id.is_empty() || id.contains(char::is_whitespace) {
            return err(format!("invalid id {id:?}"));
        }
        if !ids.insert(id.to_string()) {
            return err(format!("duplicate id {id:?}"));
        }
    }
    for (css, attr) in [
        ("label[for]", "for"),
        ("[aria-labelledby]", "aria-labelledby"),
        ("[data-copy]", "data-copy"),
    ] {
        for el in select(&doc, css) {
            for id in el.value().attr(attr).unwrap_or_default().split_whitespace() {
                if !ids.contains(id) {
                    return err(format!("{attr}={id:?} names no element"));
                }
            }
        }
    }
    for el in select(&doc, "a[href^='#']") {
        let id = &el.value().attr("href").unwrap_or_default()[1..];
        if !id.is_empty() && !ids.contains(id) {
            return err(format!("link to #{id} on the same page names no element"));
        }
    }
    if select(&doc, "main").len() != 1 || select(&doc, "h1").len() != 1 {
        return err("a page needs exactly one <main> and one <h1>".into());
    }
    for el in select(&doc, "img") {
        if el.value().attr("alt").is_none() {
            return err("<img> without alt".into());
        }
    }
    for el in select(&doc, "th") {
        let in_head = el
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .any(|a| a.value().name() == "thead");
        if !in_head && el.value().attr("scope").is_none() {
            return err("<th> outside <thead> without scope".into());
        }
    }
    Ok(())
}

/// A minimal HTTP/1.1 client for the real-server test: one request per connection.
pub async fn http_get(addr: std::net::SocketAddr, path: &str) -> Res {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status_line = lines.next().expect("status line");
    let code: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status code");
    let mut headers = HeaderMap::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':')
            && let (Ok(k), Ok(v)) = (
                header::HeaderName::from_bytes(k.trim().as_bytes()),
                header::HeaderValue::from_str(v.trim()),
            )
        {
            headers.append(k, v);
        }
    }
    if headers
        .get(header::TRANSFER_ENCODING)
        .is_some_and(|v| v == "chunked")
    {
        body = dechunk(&body);
    }
    Res {
        status: StatusCode::from_u16(code).expect("status"),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_str = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_str.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// Starts the real server (the binary's `serve_on`, with its limits) on an ephemeral port; it
/// runs until the test's runtime ends.
pub async fn spawn_server(state: AppState) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let limits = state.config.limits.clone();
    tokio::spawn(async move {
        standpoint::web::serve_on(listener, app(state), &limits, std::future::pending()).await;
    });
    addr
}

/// Ids of the first `n` actors that made claims, or of the first `n` known actors if none did.
pub fn some_actors(index: &Index, n: usize) -> Vec<String> {
    let quoted: Vec<String> = index
        .actors
        .iter()
        .filter(|a| index.claim_count(&a.id) > 0)
        .take(n)
        .map(|a| a.id.clone())
        .collect();
    if quoted.len() >= 2 {
        return quoted;
    }
    index.actors.iter().take(n).map(|a| a.id.clone()).collect()
}

/// The canonical comparison path of some actors on every topic.
pub fn compare_path(index: &Index, actors: &[String]) -> String {
    let topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    format!("/compare/{}/{}", actors.join("+"), topics.join("+"))
}
