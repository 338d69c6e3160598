//! Injection: markup and script payloads fed through every way text reaches a page (article
//! titles, outlets, authors, URLs, bodies and file names; configured actor and topic names,
//! aliases and descriptions; addresses, queries and headers) come out inert: escaped text in
//! HTML, plain strings in JSON, never an element, an attribute or a `javascript:` link.

use crate::support::*;
use axum::http::{StatusCode, header};
use standpoint::web::AppState;
use standpoint::{Config, Index, corpus};

/// Breaks out of an attribute and opens a script.
const P1: &str = "\"><script>alert(1)</script>";
/// Breaks out of a single-quoted attribute with an event handler.
const P2: &str = "'><img src=x onerror=alert(2)>";
/// Closes a script element (JSON or script contexts), then opens one.
const P3: &str = "</script><script>alert(3)</script><!--";
/// A script URL.
const P4: &str = "javascript:alert(4)";

/// A TOML string literal holding `s`.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The built-in configuration with payloads in an actor's name, a new actor's name and aliases,
/// and a topic's name and description, loaded from TOML text as a user's file would be.
fn hostile_config() -> Config {
    let text = standpoint::config::DEFAULT_CONFIG
        .replacen(
            "name = \"Donald Trump\"",
            &format!("name = {}", toml_str(&format!("Donald {P1} Trump"))),
            1,
        )
        .replacen(
            "name = \"Ceasefire\"",
            &format!("name = {}", toml_str(&format!("Ceasefire {P2}"))),
            1,
        )
        .replacen(
            "description = \"A ceasefire or truce before or during peace talks.\"",
            &format!("description = {}", toml_str(&format!("{P3} truce"))),
            1,
        );
    let evil = format!(
        "\n[[actors]]\nid = \"evil\"\nname = {}\nkind = \"person\"\naliases = [\"Evilson\", {}]\n",
        toml_str(&format!("{P3} & {P1}")),
        toml_str(&format!("Evil{P2}")),
    );
    let at = text.find("\n[cues]").expect("a [cues] table");
    let text = format!("{}{evil}{}", &text[..at], &text[at..]);
    let config = Config::parse(&text, "hostile.toml").expect("the hostile config is valid");
    assert!(config.actors.iter().any(|a| a.name.contains(P1)));
    config
}

/// Articles with payloads in every field a page shows.
fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> = vec![
        (
            "payload.md".into(),
            format!(
                "---\ntitle: {P1} title\noutlet: {P2}\nauthor: {P3}\ndate: 2025-01-01\nurl: {P4}\n---\n\n\
                 Trump said {P1} the United States supports a ceasefire.\n\n\
                 Evilson said he opposes a ceasefire {P2}.\n\n\
                 Putin said Russia {P3} opposes a ceasefire.\n\n\
                 [click]({P4}) <a href=\"{P4}\">there</a> {P1}\n"
            ),
        ),
        (
            "quote-url.md".into(),
            "---\ntitle: Quoted url\nurl: https://example.org/\" onmouseover=\"alert(6)\n---\n\n\
             Zelensky said Ukraine supports a ceasefire.\n"
                .into(),
        ),
        (
            "other-urls.md".into(),
            "---\ntitle: Other schemes\nurl: \" JaVaScRiPt:alert(7)\"\n---\n\n\
             Zelensky said Ukraine supports a ceasefire.\n"
                .into(),
        ),
        (
            "data-url.md".into(),
            "+++\ntitle = \"Data\"\nurl = \"data:text/html,<script>alert(8)</script>\"\n+++\n\n\
             Zelensky said Ukraine supports a ceasefire.\n"
                .into(),
        ),
        (
            format!("{P2}.txt").replace('/', "_"),
            format!("{P1}\n\nZelensky said Ukraine supports a ceasefire.\n"),
        ),
        (
            "plain.txt".into(),
            format!(
                "{P2} headline of the plain one\n{P3}\n\n\
                 Trump said he opposes a ceasefire.\n\n\
                 The post {P1} appeared first on {P3}.\n"
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn hostile_index(dir: &std::path::Path) -> (Config, Index) {
    let config = hostile_config();
    let loaded = corpus::load_dir(dir, &config).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    let index = Index::build(loaded, &config);
    (config, index)
}

/// The schemes a link may never carry.
fn dangerous_url(value: &str) -> bool {
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squashed.starts_with(s))
}

/// Fails if a page holds anything executable that the templates did not put there.
fn assert_inert(path: &str, res: &Res) {
    for raw in [P1, P2, P3, "<script>alert", "<img src=x"] {
        assert!(!res.body.contains(raw), "{path}: {raw:?} appears unescaped");
    }
    let doc = res.doc();
    for el in select(&doc, "*") {
        let v = el.value();
        let name = v.name();
        assert!(
            !matches!(
                name,
                "img" | "iframe" | "object" | "embed" | "svg" | "math" | "style" | "base" | "frame"
            ),
            "{path}: an injected <{name}>"
        );
        if name == "script" {
            let src = v.attr("src").unwrap_or_default();
            assert!(src.starts_with("/static/"), "{path}: <script src={src:?}>");
            assert!(
                el.text().collect::<String>().trim().is_empty(),
                "{path}: inline script"
            );
        }
        if name == "form" {
            // The comparison form, and the header's search (issue 13).
            let action = v.attr("action").unwrap_or_default();
            assert!(
                action == "/compare" || action == "/search",
                "{path}: a form to {action:?}"
            );
        }
        for (attr, value) in v.attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "{path}: {attr}= on <{name}>"
            );
            if matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) || (name == "meta" && v.attr("property") == Some("og:url"))
            {
                assert!(
                    !dangerous_url(value),
                    "{path}: {attr}={value:?} on <{name}>"
                );
            }
            if matches!(attr, "href" | "src") && !value.starts_with(['/', '#', '?']) {
                assert!(
                    value.starts_with("https://") || value.starts_with("http://"),
                    "{path}: {attr}={value:?}"
                );
            }
        }
    }
}

/// Every page reachable from the home page plus the error pages, each checked inert, and the
/// payloads found shown as text where they belong.
#[tokio::test]
async fn payloads_in_articles_and_config_are_inert_on_every_page() {
    let dir = hostile_corpus();
    let (config, index) = hostile_index(dir.path());
    let payload = index.article("payload").expect("payload.md").clone();
    let app = standpoint::web::app(AppState::new(index.clone(), config));
    let pct = |s: &str| s.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let mut queue: Vec<String> = vec![
        "/".into(),
        "/compare".into(),
        "/compare/trump+evil".into(),
        format!("/compare?{}=1", pct(P1)),
        format!("/compare?actor={}", pct(P2)),
        format!("/actors/{}", pct(P1)),
        format!("/topics/{}", pct(P3)),
        format!("/articles/{}", pct(P2)),
        format!("/compare/trump/{}", pct(P1)),
        format!("/{}", pct(P3)),
    ];
    let mut seen: std::collections::BTreeSet<String> = queue.iter().cloned().collect();
    let mut pages = 0;
    while let Some(path) = queue.pop() {
        let mut res = get(&app, &path).await;
        if res.status.is_redirection() {
            let to = res.location().to_string();
            assert!(to.starts_with('/') && !dangerous_url(&to), "{path} → {to}");
            res = get(&app, &to).await;
        }
        assert!(res.status.as_u16() < 500, "{path}: {}", res.status);
        if !res.is_html() {
            continue;
        }
        assert_inert(&path, &res);
        check_html(&path, &res.body).unwrap();
        pages += 1;
        let doc = res.doc();
        for a in select(&doc, "a[href]") {
            let href = a.value().attr("href").unwrap_or_default();
            let target = href.split('#').next().unwrap_or_default().to_string();
            if target.starts_with('/') && !target.starts_with("/api") && seen.insert(target.clone())
            {
                queue.push(target);
            }
        }
    }
    assert!(pages > 20, "crawled {pages} pages");

    // The payloads are shown, as text, where a reader expects them.
    let res = get_ok(&app, "/articles/payload").await;
    let doc = res.doc();
    assert_eq!(text(&select(&doc, "h1")[0]), format!("{P1} title"));
    assert_eq!(text(&select(&doc, ".outlet")[0]), P2);
    assert!(text(&select(&doc, ".byline")[0]).contains(P3));
    assert!(
        select(&doc, ".byline a").is_empty(),
        "no link to a javascript: source"
    );
    let bodies: String = select(&doc, ".s").iter().map(text).collect();
    assert!(bodies.contains(&format!("[click]({P4})")));
    for id in ["quote-url", "other-urls", "data-url"] {
        let res = get_ok(&app, &format!("/articles/{id}")).await;
        let doc = res.doc();
        let links: Vec<&str> = select(&doc, ".byline a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        if id == "quote-url" {
            assert_eq!(links, ["https://example.org/\" onmouseover=\"alert(6)"]);
        } else {
            assert!(links.is_empty(), "{id}: {links:?}");
        }
    }
    assert!(payload.file == "payload.md");

    // Actor and topic names, in headings, in badges and in the Open Graph tags of a comparison.
    let topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    let path = format!("/compare/trump+evil/{}", topics.join("+"));
    let res = get_ok(&app, &path).await;
    let doc = res.doc();
    let title = select(&doc, "meta[property='og:title']")[0]
        .value()
        .attr("content")
        .unwrap();
    assert!(title.contains(&format!("Donald {P1} Trump")), "{title}");
    assert!(title.contains(&format!("{P3} & {P1}")), "{title}");
    let description = select(&doc, "meta[property='og:description']")[0]
        .value()
        .attr("content")
        .unwrap();
    assert!(
        description.contains(&format!("Ceasefire {P2}")),
        "{description}"
    );
    assert!(text(&select(&doc, "h1")[0]).contains(&format!("Donald {P1} Trump")));
    let res = get_ok(&app, "/actors/evil").await;
    assert!(
        text(&res.doc().root_element()).contains(&format!("Evil{P2}")),
        "alias shown"
    );
    let res = get_ok(&app, "/topics/ceasefire").await;
    let doc = res.doc();
    assert_eq!(text(&select(&doc, "h1")[0]), format!("Ceasefire {P2}"));
    assert_eq!(text(&select(&doc, ".lede")[0]), format!("{P3} truce"));

    // Evidence with payloads is shown as text in the evidence cards.
    let cards: String = select(&doc, ".evidence blockquote")
        .iter()
        .map(text)
        .collect();
    assert!(cards.contains(P1), "evidence with a payload: {cards}");
}

#[tokio::test]
async fn query_and_path_echoes_on_error_pages_are_text() {
    let dir = hostile_corpus();
    let (config, index) = hostile_index(dir.path());
    let app = standpoint::web::app(AppState::new(index, config));
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    for (path, echoed) in [
        (format!("/actors/{}", enc(P1).replace('+', "%20")), P1),
        (format!("/topics/{}", enc(P2).replace('+', "%20")), P2),
        (format!("/articles/{}", enc(P3).replace('+', "%20")), P3),
        (format!("/compare?{}=x", enc(P1)), P1),
        (format!("/compare/trump/{}", enc(P4)), P4),
    ] {
        let res = get(&app, &path).await;
        assert!(res.status.is_client_error(), "{path}: {}", res.status);
        assert_inert(&path, &res);
        let message = text(&select(&res.doc(), ".message")[0]);
        assert!(message.contains(echoed), "{path}: {message}");
    }
    // The API echoes them in JSON strings.
    for (path, echoed) in [
        (
            format!("/api/v1/actors/{}", enc(P1).replace('+', "%20")),
            P1,
        ),
        (format!("/api/v1/claims?stance={}", enc(P3)), P3),
        (format!("/api/v1/claims?{}=1", enc(P2)), P2),
    ] {
        let res = get(&app, &path).await;
        assert!(res.status.is_client_error(), "{path}");
        assert!(
            res.header(header::CONTENT_TYPE)
                .starts_with("application/json")
        );
        assert_eq!(res.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        let json = res.json();
        let message = json["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("{echoed:?}")),
            "{path}: {message}"
        );
    }
}

#[tokio::test]
async fn api_returns_payloads_as_plain_strings() {
    let dir = hostile_corpus();
    let (config, index) = hostile_index(dir.path());
    let app = standpoint::web::app(AppState::new(index.clone(), config));
    let articles = get_ok(&app, "/api/v1/articles").await.json();
    let payload = articles["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "payload")
        .unwrap();
    assert_eq!(payload["title"], format!("{P1} title"));
    assert_eq!(payload["outlet"], P2);
    assert_eq!(payload["author"], P3);
    assert_eq!(payload["url"], P4, "the API reports the URL as data");
    let actors = get_ok(&app, "/api/v1/actors").await.json();
    let names: Vec<&str> = actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(names.contains(&format!("Donald {P1} Trump").as_str()));
    assert!(names.contains(&format!("{P3} & {P1}").as_str()));
    let topic = get_ok(&app, "/api/v1/topics/ceasefire").await.json();
    assert_eq!(topic["topic"]["name"], format!("Ceasefire {P2}"));
    let article = get_ok(&app, "/api/v1/articles/payload").await.json();
    let claims = article["claims"].as_array().unwrap();
    let evidence: Vec<&str> = claims
        .iter()
        .filter_map(|c| c["evidence"].as_str())
        .collect();
    assert!(
        evidence.iter().any(|e| e.contains(P1)),
        "evidence with the payload: {evidence:?}"
    );
    for claim in claims {
        let a = index.article("payload").unwrap();
        let (s, e) = (
            claim["span"]["start"].as_u64().unwrap() as usize,
            claim["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(claim["evidence"].as_str(), a.text.get(s..e));
    }
}

#[tokio::test]
async fn host_headers_cannot_inject_into_share_links() {
    let dir = hostile_corpus();
    let (config, index) = hostile_index(dir.path());
    let app = standpoint::web::app(AppState::new(index.clone(), config));
    let path = compare_path(&index, &["trump".to_string()]);
    for headers in [
        vec![("host", "evil\"><script>alert(1)</script>")],
        vec![("host", "a.example"), ("x-forwarded-host", P1)],
        vec![("host", "a.example"), ("x-forwarded-proto", P4)],
        vec![("host", "a.example"), ("x-forwarded-host", "b.example/<x>")],
    ] {
        let res = get_with(&app, &path, &headers).await;
        assert_eq!(res.status, StatusCode::OK, "{headers:?}");
        assert_inert(&path, &res);
        let doc = res.doc();
        for (css, attr) in [
            ("meta[property='og:url']", "content"),
            ("link[rel='canonical']", "href"),
            ("input#permalink", "value"),
        ] {
            for el in select(&doc, css) {
                let url = el.value().attr(attr).unwrap_or_default();
                assert!(
                    url.starts_with("http://a.example/") || url.starts_with('/'),
                    "{headers:?}: {css} {url:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn downloads_carry_payloads_as_inert_text() {
    let dir = hostile_corpus();
    let (config, index) = hostile_index(dir.path());
    let app = standpoint::web::app(AppState::new(index.clone(), config));
    let topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    let base = format!("/compare/trump+evil/{}", topics.join("+"));
    // The share card is SVG, a document that can run script: nothing from the data may be markup.
    let svg = get_ok(&app, &format!("{base}/card.svg")).await;
    assert!(
        svg.header(header::CONTENT_TYPE)
            .starts_with("image/svg+xml")
    );
    assert!(!svg.header(header::CONTENT_SECURITY_POLICY).is_empty());
    for raw in [P1, P2, P3, "<script", "<img", "<!--"] {
        assert!(!svg.body.contains(raw), "card.svg: {raw:?} unescaped");
    }
    let doc = scraper::Html::parse_fragment(&svg.body);
    for el in select(&doc, "*") {
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "card.svg: {attr}");
            assert!(!dangerous_url(value), "card.svg: {attr}={value:?}");
        }
    }
    assert!(
        text(&doc.root_element()).contains("Donald"),
        "the card names the actors"
    );
    // JSON: the payloads as plain strings.
    let json = get_ok(&app, &format!("{base}/export.json")).await;
    assert!(
        json.header(header::CONTENT_DISPOSITION)
            .starts_with("attachment")
    );
    let value = json.json();
    let names: Vec<&str> = value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(
        names.contains(&format!("Donald {P1} Trump").as_str()),
        "{names:?}"
    );
    // CSV: an attachment whose fields hold the payloads as text.
    let csv = get_ok(&app, &format!("{base}/export.csv")).await;
    assert!(csv.header(header::CONTENT_TYPE).starts_with("text/csv"));
    assert!(
        csv.header(header::CONTENT_DISPOSITION)
            .starts_with("attachment")
    );
    let filename = csv.header(header::CONTENT_DISPOSITION);
    assert!(
        !filename.contains('<') && filename.matches('"').count() == 2,
        "{filename}"
    );
}
