//! A real browser: headless Chromium driven through chromedriver loads the home page and a
//! comparison permalink at desktop and phone widths, checks that the side-by-side columns are
//! visible and that the console stayed clean, and saves screenshots under `target/screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without them the
//! test fails and says so.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use support::*;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

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
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
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

async fn check_page(client: &Client, base: &str, path: &str, name: &str, width: u32) {
    client.goto(&format!("{base}{path}")).await.expect("load");
    let title = client.title().await.expect("title");
    assert!(title.contains("Standpoint"), "{path}: title {title:?}");
    // Readable at this width: the page itself never scrolls sideways.
    let overflow = client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .expect("measure");
    let (scroll, inner) = (overflow[0].as_f64().unwrap(), overflow[1].as_f64().unwrap());
    if scroll > inner + 1.0 {
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
        panic!("{path} at {width}px scrolls sideways ({scroll} > {inner}): {culprits}");
    }
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(screenshots().join(format!("{name}-{width}.png")), png).expect("save");
    let errors = console_errors(client).await;
    assert!(
        errors.is_empty(),
        "{path} at {width}px: console errors {errors:?}"
    );
}

async fn check_columns(client: &Client, actors: usize, width: u32) {
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
        rects.push(column.rectangle().await.expect("rect"));
    }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_renders_the_grid_and_a_comparison() {
    let driver = Driver::start();
    let st = state(&seeds_dir());
    let index = st.index.clone();
    let addr = spawn_server(st).await;
    let base = format!("http://{addr}");
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
        for (width, height) in [(1280, 900), (375, 812)] {
            client.set_window_size(width, height).await.expect("resize");
            check_page(&client, &base, "/", "home", width).await;
            check_page(&client, &base, &compare, "compare", width).await;
            check_columns(&client, actors.len(), width).await;
        }
        // Following an evidence link lands on its sentence, highlighted by `:target`.
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
            check_page(&client, &base, &href, "evidence", 375).await;
        }
    };
    let outcome = tokio::time::timeout(Duration::from_secs(90), run).await;
    let _ = client.close().await;
    drop(driver);
    outcome.expect("the browser test finished in time");
}
