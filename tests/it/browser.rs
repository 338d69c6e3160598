//! A real browser: headless Chromium driven through chromedriver loads every page type ([`pages`])
//! at a phone's and a desktop's width, in light and dark, and checks that the page never scrolls
//! sideways, that axe-core finds no serious or critical accessibility violation, and that the
//! console stayed clean, saving a screenshot of each under `target/screenshots/`. It also checks
//! the comparison's columns (side by side on a desktop, stacked under each actor's name on a
//! phone) and uses the comparison form and the search with the keyboard alone.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them) and axe-core from
//! the npm registry in `target/axe` (`.ci/run` installs it; the test runs `npm install` itself
//! when it is missing); without them the test fails and says so.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The axe-core release the accessibility check injects, installed into `target/axe`.
const AXE_VERSION: &str = "4.14.1";

/// chromedriver (and the Chromium it starts) in its own process group, ended on drop.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        for bin in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(bin).exists(),
                "{bin} is missing: install Debian's chromium and chromium-driver \
                 (apt-get install -y chromium chromium-driver) to run the browser test"
            );
        }
        let port = server::free_port();
        let mut cmd = Command::new(CHROMEDRIVER);
        cmd.arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let child = cmd.spawn().expect("start chromedriver");
        let driver = Driver {
            child,
            port,
            _profile: tempfile::tempdir().expect("profile dir"),
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    async fn connect(&self) -> Client {
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", self._profile.path().display()),
                ],
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("connect to chromedriver")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // End the group we created (chromedriver and any Chromium left behind), then reap.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// chromedriver's browser log (`POST /session/{id}/se/log`); reading it empties it.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// A Chrome DevTools command through chromedriver (`POST /session/{id}/goog/cdp/execute`).
#[derive(Debug)]
struct Cdp(&'static str, serde_json::Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// Console messages at level SEVERE since the last read.
async fn console_errors(client: &Client) -> Vec<String> {
    let log = client
        .issue_cmd(BrowserLog)
        .await
        .expect("read the browser log");
    log.as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["level"] == "SEVERE")
                .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// A headline of one unbroken word, too long for any phone's line.
const LONG_TITLE: &str = "Anextraordinarilylongunbrokenheadlinewordthatnophonescreencouldeverholdonasinglelinewithoutwrappingitsomewhere";

/// The seeds, and three dated reports of our own: Trump supports a ceasefire on Monday and
/// opposes it on Tuesday (a shift, drawn on the stance timeline), then supports it again in a
/// report with a very long headline and outlet name.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(seeds_dir()).expect("seeds") {
        let path = entry.expect("a seed").path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).expect("copy a seed");
    }
    let report = |date: &str, title: &str, outlet: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: {date}\noutlet: {outlet}\n---\n\n{body}\n")
    };
    let files = [
        (
            "zz-monday.md",
            report(
                "2025-03-04",
                "Leaders trade offers as the talks open",
                "Example Times",
                "Trump said on Monday that he supports a ceasefire, for now.\n\n\
                 Zelensky said on Monday that he supports a ceasefire.",
            ),
        ),
        (
            "zz-tuesday.md",
            report(
                "2025-03-05",
                "A day later, the mood in the talks turns",
                "Other Post",
                "Trump said on Tuesday that he opposes a ceasefire.\n\n\
                 Zelensky said on Tuesday that he supports a ceasefire.",
            ),
        ),
        (
            "zz-week.md",
            report(
                "2025-03-20",
                LONG_TITLE,
                "The Extraordinarily Long-Named Morning Gazette of Record and Commentary",
                "Trump said last week that he supports a ceasefire.",
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write a report");
    }
    dir
}

/// Every page type a reader meets, as (name for the screenshots, path, HTTP status): the one list
/// of pages the checks run on.
fn pages(index: &standpoint::Index) -> Vec<(&'static str, String, u16)> {
    let actors = some_actors(index, 3);
    let article = &index.articles[0].id;
    let long = index.articles.iter().find(|a| a.title() == LONG_TITLE);
    let long = &long.expect("the report with a long headline").id;
    let topic = &index.topics[0].id;
    vec![
        ("home", "/".into(), 200),
        ("compare-form", "/compare".into(), 200),
        ("compare", compare_path(index, &actors), 200),
        (
            "compare-many",
            compare_path(index, &some_actors(index, 12)),
            200,
        ),
        ("timeline", "/compare/trump+zelensky/ceasefire".into(), 200),
        ("actor", format!("/actors/{}", actors[0]), 200),
        ("topic", format!("/topics/{topic}"), 200),
        ("article", format!("/articles/{article}"), 200),
        ("article-long-title", format!("/articles/{long}"), 200),
        ("actors", "/actors".into(), 200),
        ("articles", "/articles".into(), 200),
        ("search", "/search?q=zelenski".into(), 200),
        ("search-empty", "/search?q=".into(), 200),
        ("not-found", "/no/such/page".into(), 404),
        ("bad-request", "/actors?page=0".into(), 400),
    ]
}

/// The light or dark colour scheme, and a phone's or a desktop's viewport.
#[derive(Debug, Clone, Copy)]
struct Mode {
    width: u32,
    dark: bool,
}

impl Mode {
    const ALL: [Mode; 4] = [
        Mode {
            width: 1280,
            dark: false,
        },
        Mode {
            width: 1280,
            dark: true,
        },
        Mode {
            width: 375,
            dark: false,
        },
        Mode {
            width: 375,
            dark: true,
        },
    ];

    fn name(&self) -> String {
        format!(
            "{}-{}",
            self.width,
            if self.dark { "dark" } else { "light" }
        )
    }

    async fn apply(&self, client: &Client) {
        let (width, height, mobile) = match self.width {
            w if w < 600 => (w, 812, true),
            w => (w, 900, false),
        };
        client
            .issue_cmd(Cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
            ))
            .await
            .expect("set the viewport");
        let scheme = if self.dark { "dark" } else { "light" };
        client
            .issue_cmd(Cdp(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            ))
            .await
            .expect("set the colour scheme");
    }
}

/// axe-core's script, installed with npm into `target/axe` when it is not there yet.
fn axe_source() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe");
    let script = dir.join("node_modules/axe-core/axe.min.js");
    let version = dir.join("node_modules/axe-core/package.json");
    let installed = std::fs::read_to_string(&version)
        .is_ok_and(|p| p.contains(&format!("\"version\": \"{AXE_VERSION}\"")));
    if !installed {
        let status = Command::new("npm")
            .args(["install", "--prefix"])
            .arg(&dir)
            .args(["--no-save", "--no-package-lock", "--no-audit", "--no-fund"])
            .arg(format!("axe-core@{AXE_VERSION}"))
            .status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "axe-core {AXE_VERSION} is missing from {} and `npm install` failed: install npm \
             (apt-get install -y npm) or run .ci/run",
            dir.display()
        );
    }
    std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("read {}: {e}", script.display()))
}

/// The serious and critical violations axe-core finds on the page, one line each.
async fn accessibility(client: &Client, axe: &str) -> Vec<String> {
    client.execute(axe, vec![]).await.expect("inject axe-core");
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                   + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    serde_json::from_value(found).expect("a list of violations")
}

async fn check_page(
    client: &Client,
    base: &str,
    page: &(&str, String, u16),
    mode: Mode,
    axe: &str,
) {
    let (name, path, status) = page;
    client.goto(&format!("{base}{path}")).await.expect("load");
    let title = client.title().await.expect("title");
    assert!(title.contains("Standpoint"), "{path}: title {title:?}");
    let at = format!("{path} at {}", mode.name());
    // The mode took: the viewport's width and the page's colours.
    let seen = client
        .execute(
            "return [window.innerWidth, matchMedia('(prefers-color-scheme: dark)').matches];",
            vec![],
        )
        .await
        .expect("read the mode");
    assert_eq!(seen, json!([mode.width, mode.dark]), "{at}");
    // Readable at this width: the page itself never scrolls sideways.
    let overflow = client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .expect("measure");
    let (scroll, inner) = (overflow[0].as_f64().unwrap(), overflow[1].as_f64().unwrap());
    if scroll > inner {
        let culprits = client
            .execute(
                "return Array.from(document.querySelectorAll('body *'))
                   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                   .filter(e => { for (let p = e.parentElement; p; p = p.parentElement) {
                       if (getComputedStyle(p).overflowX !== 'visible') return false; }
                     return true; })
                   .slice(0, 8)
                   .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
                vec![],
            )
            .await
            .expect("find overflow");
        panic!("{at} scrolls sideways ({scroll} > {inner}): {culprits}");
    }
    let png = client.screenshot().await.expect("screenshot");
    let file = screenshots().join(format!("{name}-{}.png", mode.name()));
    std::fs::write(file, png).expect("save");
    let violations = accessibility(client, axe).await;
    assert!(
        violations.is_empty(),
        "{at}: axe-core finds\n{}",
        violations.join("\n")
    );
    let errors = console_errors(client).await;
    if *status == 200 {
        assert!(errors.is_empty(), "{at}: console errors {errors:?}");
    } else {
        // The only message is the page's own status.
        assert!(
            errors.iter().all(|e| e.contains(&format!("{status}"))),
            "{at}: console errors {errors:?}"
        );
    }
}

/// Rectangles of the first topic's columns, checked visible.
async fn column_rects(client: &Client, actors: usize) -> Vec<(f64, f64, f64, f64)> {
    let sections = client
        .find_all(Locator::Css("section.topic"))
        .await
        .expect("sections");
    assert!(!sections.is_empty(), "a comparison has topic sections");
    let columns = sections[0]
        .find_all(Locator::Css(".columns > .column"))
        .await
        .expect("columns");
    assert_eq!(columns.len(), actors);
    let mut rects = Vec::new();
    for column in &columns {
        assert!(column.is_displayed().await.expect("displayed"));
        // Each position is under its actor's name.
        let name = column.find(Locator::Css("h3")).await.expect("a name");
        assert!(!name.text().await.expect("text").trim().is_empty());
        rects.push(column.rectangle().await.expect("rect"));
    }
    rects
}

async fn check_columns(client: &Client, base: &str, path: &str, actors: usize, width: u32) {
    client.goto(&format!("{base}{path}")).await.expect("load");
    let rects = column_rects(client, actors).await;
    let jump = client
        .find(Locator::Css("section.topic .jump"))
        .await
        .expect("jump links");
    if width >= 1000 {
        for pair in rects.windows(2) {
            let ((x0, y0, w0, _), (x1, y1, _, _)) = (pair[0], pair[1]);
            assert!(
                (y0 - y1).abs() < 1.0,
                "at {width}px columns share a row: {rects:?}"
            );
            assert!(
                x1 >= x0 + w0,
                "at {width}px columns stand side by side: {rects:?}"
            );
        }
        assert!(!jump.is_displayed().await.expect("displayed"));
    } else {
        // On a phone: one column under the other, each as wide as the screen allows, with links
        // to jump to each actor's column.
        for pair in rects.windows(2) {
            let ((x0, y0, _, h0), (x1, y1, _, _)) = (pair[0], pair[1]);
            assert!(
                (x0 - x1).abs() < 1.0,
                "at {width}px columns stack: {rects:?}"
            );
            assert!(y1 >= y0 + h0, "at {width}px columns stack: {rects:?}");
        }
        for &(x, _, w, _) in &rects {
            assert!(
                x >= 0.0 && x + w <= f64::from(width),
                "{rects:?} fits {width}px"
            );
        }
        assert!(jump.is_displayed().await.expect("displayed"));
        let links = jump.find_all(Locator::Css("a")).await.expect("links");
        assert_eq!(links.len(), actors);
        // The at-a-glance table names the actor above each position.
        let named = client
            .execute(
                "return Array.from(document.querySelectorAll('table.summary td .cell-actor'))
                   .map(e => [e.textContent, e.getBoundingClientRect().width > 0,
                              e.getBoundingClientRect().right <= window.innerWidth]);",
                vec![],
            )
            .await
            .expect("cell names");
        let named = named.as_array().expect("a list");
        assert!(!named.is_empty());
        assert!(
            named
                .iter()
                .all(|n| n[1] == json!(true) && n[2] == json!(true)),
            "{named:?}"
        );
    }
    let (x, _, w, _) = rects[0];
    assert!(
        x >= 0.0 && w > 100.0,
        "the first column is on screen at {width}px"
    );
    // JavaScript is optional, but when it runs the copy-link button appears.
    let button = client
        .find(Locator::Css("button[data-copy]"))
        .await
        .expect("copy button");
    assert!(button.is_displayed().await.expect("displayed"));
}

/// Presses one key, as a keyboard would.
async fn press(client: &Client, key: Key) {
    let key: char = key.into();
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    client.perform_actions(actions).await.expect("press a key");
}

/// The focused element, as `tag name type`, with its outline style.
async fn focused(client: &Client) -> (String, String) {
    let f = client
        .execute(
            "const e = document.activeElement;
             return [[e.tagName.toLowerCase(), e.getAttribute('name'), e.getAttribute('type')]
                       .filter(Boolean).join(' '), getComputedStyle(e).outlineStyle];",
            vec![],
        )
        .await
        .expect("the focused element");
    (
        f[0].as_str().unwrap_or_default().trim().to_string(),
        f[1].as_str().unwrap_or_default().to_string(),
    )
}

/// Tabs forward until the focus is on `want` (a `focused` description), at most 100 times.
async fn tab_to(client: &Client, want: &str) {
    for _ in 0..100 {
        press(client, Key::Tab).await;
        let (now, outline) = focused(client).await;
        if now == want {
            assert_ne!(outline, "none", "the focus on {want} is visible");
            return;
        }
    }
    panic!("Tab never reached {want}");
}

/// The comparison form, used without a mouse: Tab to two actors, Space to tick them, Tab to the
/// button, Enter; the comparison of the two opens.
async fn keyboard_compare(client: &Client, base: &str) {
    client.goto(&format!("{base}/compare")).await.expect("load");
    tab_to(client, "input actor checkbox").await;
    press(client, Key::Space).await;
    press(client, Key::Tab).await;
    assert_eq!(focused(client).await.0, "input actor checkbox");
    press(client, Key::Space).await;
    tab_to(client, "button submit").await;
    press(client, Key::Enter).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = client.current_url().await.expect("url");
        let segments: Vec<&str> = url.path().split('/').collect();
        if segments.len() >= 4 && segments[1] == "compare" {
            assert_eq!(
                segments[2].split('+').count(),
                2,
                "two actors ticked: {url}"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the form did not open a comparison: {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let columns = column_rects(client, 2).await;
    assert_eq!(columns.len(), 2);
}

/// The header's search, used without a mouse: Tab to the field, type a misspelt name, Enter; the
/// results list the actor first.
async fn keyboard_search(client: &Client, base: &str) {
    client.goto(&format!("{base}/")).await.expect("load");
    tab_to(client, "input q search").await;
    for c in "zelenski".chars() {
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
        client.perform_actions(actions).await.expect("type");
    }
    press(client, Key::Enter).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.current_url().await.expect("url").path() != "/search" {
        assert!(Instant::now() < deadline, "Enter did not search");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let main = client
        .find(Locator::Css("main"))
        .await
        .expect("the results")
        .text()
        .await
        .expect("their text");
    assert!(main.contains("Volodymyr Zelensky"), "{main}");
}

/// The stance timeline of the dated reports is drawn, each mark a link the keyboard reaches.
async fn check_chart(client: &Client, base: &str) {
    client
        .goto(&format!("{base}/compare/trump+zelensky/ceasefire"))
        .await
        .expect("load");
    let marks = client
        .find_all(Locator::Css(r#".column[data-actor="trump"] svg a"#))
        .await
        .expect("marks");
    assert_eq!(marks.len(), 3, "three dated statements of Trump");
    for mark in &marks {
        let (_, _, w, h) = mark.rectangle().await.expect("a mark's box");
        assert!(w >= 8.0 && h >= 8.0, "a mark is drawn: {w}x{h}");
    }
    let mut in_chart = false;
    for _ in 0..200 {
        press(client, Key::Tab).await;
        let at = client
            .execute("return !!document.activeElement.closest('svg');", vec![])
            .await
            .expect("the focus");
        if at == json!(true) {
            in_chart = true;
            break;
        }
    }
    assert!(in_chart, "Tab reaches the chart's marks");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_renders_every_page_at_every_width_accessibly() {
    let axe = axe_source();
    let driver = Driver::start();
    let dir = corpus();
    let st = state(dir.path());
    let index = st.index.clone();
    let addr = spawn_server(st).await;
    let base = format!("http://{addr}");
    let pages = pages(&index);
    let actors = some_actors(&index, 3);
    let compare = compare_path(&index, &actors);
    let client = driver.connect().await;
    let run = async {
        // The console check itself works: a missing page is reported.
        client
            .goto(&format!("{base}/no/such/page"))
            .await
            .expect("load");
        assert!(
            !console_errors(&client).await.is_empty(),
            "the browser log reports a 404"
        );
        // The accessibility check itself works: a field without a label is reported.
        client
            .execute(
                "document.body.insertAdjacentHTML('beforeend', '<input type=\"text\">');",
                vec![],
            )
            .await
            .expect("spoil the page");
        let found = accessibility(&client, &axe).await;
        assert!(found.iter().any(|v| v.contains(" label: ")), "{found:?}");
        for mode in Mode::ALL {
            mode.apply(&client).await;
            for page in &pages {
                check_page(&client, &base, page, mode, &axe).await;
            }
            if !mode.dark {
                check_columns(&client, &base, &compare, actors.len(), mode.width).await;
            }
        }
        keyboard_compare(&client, &base).await;
        keyboard_search(&client, &base).await;
        check_chart(&client, &base).await;
        // Following an evidence link lands on its sentence, highlighted by `:target`.
        client
            .goto(&format!("{base}{compare}"))
            .await
            .expect("load");
        if let Ok(link) = client.find(Locator::Css("a.passage")).await {
            let href = link.attr("href").await.expect("href").expect("an href");
            let anchor = href.split_once('#').expect("an anchor").1.to_string();
            link.click().await.expect("follow the evidence link");
            let target = client
                .execute(
                    "const t = document.querySelector(':target');
                     return t ? [t.id, getComputedStyle(t).backgroundColor] : null;",
                    vec![],
                )
                .await
                .expect("find :target");
            assert_eq!(target[0], json!(anchor), "{href}");
            assert_ne!(
                target[1],
                json!("rgba(0, 0, 0, 0)"),
                "the target is highlighted"
            );
        }
    };
    let outcome = tokio::time::timeout(Duration::from_secs(400), run).await;
    let _ = client.close().await;
    drop(driver);
    outcome.expect("the browser test finished in time");
}
