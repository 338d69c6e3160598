//! Container behaviour without a container engine: the built binary runs as a child process on an
//! ephemeral port, the way the image runs it (signals, read-only folders, a binary on its own,
//! the health check).

use std::io::BufReader;
use std::net::TcpStream;
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use crate::support::server::{self, Server, bin, clean_command, copy_dir, crawl, seeds};

/// How long a stopping server may take once its last response has been read.
const SHUTDOWN_LIMIT: Duration = Duration::from_secs(10);

/// Routes of the JSON API that must answer on every corpus.
const API_ROUTES: [&str; 4] = [
    "/api/v1/articles",
    "/api/v1/actors",
    "/api/v1/topics",
    "/api/v1/claims",
];

/// Writes an article of about `bytes` bytes built from a seed's paragraphs, so that its page is
/// large enough to still be on the wire when a signal arrives.
fn write_large_article(dir: &Path, name: &str, bytes: usize) {
    let seed = std::fs::read_to_string(seeds().join("000_83a8894dfe4c3e2e.txt")).unwrap();
    let paragraphs: Vec<&str> = seed.lines().filter(|l| l.len() > 80).collect();
    let mut text = String::from("A very long article for the shutdown test\n\n");
    for p in paragraphs.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(p);
        text.push_str("\n\n");
    }
    std::fs::write(dir.join(name), text).unwrap();
}

/// A corpus of the seeds plus one large article, in a fresh temp dir.
fn corpus_with_large_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&seeds(), dir.path());
    write_large_article(dir.path(), "zz_long_read.txt", 4_800_000);
    dir
}

#[test]
fn sigterm_lets_in_flight_requests_finish_and_exits_0() {
    let corpus = corpus_with_large_article();
    let cwd = tempfile::tempdir().unwrap();
    let mut server = Server::spawn(
        &bin(),
        &["serve", "--corpus", corpus.path().to_str().unwrap()],
        cwd.path(),
    );

    // The long article's page, found through the API, is the large response.
    let articles: serde_json::Value =
        serde_json::from_slice(&server.get("/api/v1/articles").body).expect("articles JSON");
    let big = articles["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["file"] == "zz_long_read.txt")
        .and_then(|a| a["href"].as_str())
        .unwrap_or("/articles/zz-long-read")
        .to_string();
    let page = server.get(&big);
    assert_eq!(page.status, 200, "GET {big}");
    // Larger than the kernel's socket buffers, so that the server is still writing it when the
    // signal arrives, rather than having handed it all to the kernel.
    assert!(
        page.body.len() > 4_500_000,
        "{big} has only {} bytes; the test needs a page larger than the socket buffers",
        page.body.len()
    );
    let mut small: Vec<String> = vec!["/".into(), "/healthz".into()];
    small.extend(API_ROUTES.iter().map(|s| s.to_string()));

    // Every request has been accepted and has started to answer before the signal: each client
    // reads the status line, waits for the signal to be sent, then reads the rest.
    const CLIENTS: usize = 16;
    let started = Arc::new(Barrier::new(CLIENTS + 1));
    let signalled = Arc::new(Barrier::new(CLIENTS + 1));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| {
            // Half the clients fetch the long page, the others small pages and the API.
            let path = if i % 2 == 0 {
                big.clone()
            } else {
                small[i / 2 % small.len()].clone()
            };
            let (started, signalled) = (started.clone(), signalled.clone());
            let addr = server.addr;
            std::thread::spawn(move || {
                let head = (|| {
                    let mut stream = TcpStream::connect(addr)?;
                    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
                    server::send_get(&mut stream, addr, &path)?;
                    let mut reader = BufReader::with_capacity(1024, stream);
                    let head = server::read_head(&mut reader)?;
                    Ok::<_, std::io::Error>((reader, head))
                })();
                started.wait();
                signalled.wait();
                let result = head.and_then(|(mut reader, (status, headers))| {
                    let body = server::read_body(&mut reader, &headers)?;
                    Ok((status, body.len()))
                });
                (path, result)
            })
        })
        .collect();
    started.wait();
    server.signal("TERM");
    let signal_sent = Instant::now();
    signalled.wait();

    for client in clients {
        let (path, result) = client.join().unwrap();
        match result {
            Ok((status, len)) => {
                assert!(status < 500, "GET {path} answered {status} during shutdown");
                assert!(len > 0 || status == 204, "GET {path} had an empty body");
            }
            Err(e) => panic!(
                "GET {path} in flight at SIGTERM got no complete response: {e}\n{}",
                server.logs()
            ),
        }
    }
    let status = server
        .wait_exit(SHUTDOWN_LIMIT)
        .unwrap_or_else(|| panic!("still running {SHUTDOWN_LIMIT:?} after SIGTERM"));
    assert_eq!(
        status.code(),
        Some(0),
        "exit status after SIGTERM: {status}\n{}",
        server.logs()
    );
    assert!(signal_sent.elapsed() < SHUTDOWN_LIMIT + Duration::from_secs(30));
    // Once stopped, nothing listens any more.
    assert!(TcpStream::connect(server.addr).is_err());
}

#[test]
fn ctrl_c_stops_an_idle_server_with_exit_code_0() {
    let cwd = tempfile::tempdir().unwrap();
    let corpus = seeds();
    let mut server = Server::spawn(&bin(), &["--corpus", corpus.to_str().unwrap()], cwd.path());
    assert_eq!(server.get("/").status, 200, "{}", server.logs());
    server.signal("INT");
    let status = server
        .wait_exit(SHUTDOWN_LIMIT)
        .unwrap_or_else(|| panic!("still running {SHUTDOWN_LIMIT:?} after SIGINT"));
    assert_eq!(status.code(), Some(0), "{}", server.logs());
}

/// Names, sizes and modification times of everything under `dir`, to show nothing was written.
fn snapshot(dir: &Path) -> Vec<(String, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        out.push((
            entry.file_name().to_string_lossy().into_owned(),
            meta.len(),
            meta.modified().ok(),
        ));
    }
    out.sort();
    out
}

fn set_read_only(dir: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let mode = if read_only { 0o444 } else { 0o644 };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let mode = if read_only { 0o555 } else { 0o755 };
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn serves_from_a_read_only_corpus_and_working_directory() {
    let corpus = tempfile::tempdir().unwrap();
    copy_dir(&seeds(), corpus.path());
    let cwd = tempfile::tempdir().unwrap();
    set_read_only(corpus.path(), true);
    set_read_only(cwd.path(), true);
    let before = (snapshot(corpus.path()), snapshot(cwd.path()));

    let server = Server::spawn(
        &bin(),
        &["serve", "--corpus", corpus.path().to_str().unwrap()],
        cwd.path(),
    );
    for (url, response) in crawl(server.addr, &["/"], 100) {
        assert_eq!(response.status, 200, "GET {url}\n{}", server.logs());
    }
    drop(server);

    // Root ignores permission bits, so also check that nothing changed.
    let after = (snapshot(corpus.path()), snapshot(cwd.path()));
    set_read_only(corpus.path(), false);
    set_read_only(cwd.path(), false);
    assert_eq!(
        before, after,
        "the server wrote to its corpus or working directory"
    );
}

#[test]
fn binary_copied_alone_serves_every_page_and_asset() {
    // In debug builds the asset crate reads static/ from the source tree; the release build (the
    // one the README's test command and the image use) embeds it, which is what this checks.
    let alone = tempfile::tempdir().unwrap();
    let program = alone.path().join("standpoint");
    std::fs::copy(bin(), &program).unwrap();
    let corpus = tempfile::tempdir().unwrap();
    copy_dir(&seeds(), corpus.path());

    let server = Server::spawn(
        &program,
        &["--corpus", corpus.path().to_str().unwrap()],
        alone.path(),
    );
    let mut start = vec!["/"];
    start.extend(API_ROUTES);
    let pages = crawl(server.addr, &start, 400);
    let mut failures = Vec::new();
    for (url, response) in &pages {
        if response.status != 200 {
            failures.push(format!("GET {url} → {}", response.status));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}\n{}", server.logs());
    let kinds: Vec<&str> = pages
        .iter()
        .filter_map(|(_, r)| r.header("content-type"))
        .collect();
    assert!(
        kinds.iter().any(|k| k.starts_with("text/css")),
        "no stylesheet was linked: {kinds:?}"
    );
    for (url, response) in pages.iter().filter(|(u, _)| u.starts_with("/api/")) {
        assert!(
            serde_json::from_slice::<serde_json::Value>(&response.body).is_ok(),
            "GET {url} is not JSON"
        );
    }
    let entries = std::fs::read_dir(alone.path()).unwrap().count();
    assert_eq!(entries, 1, "the server created files next to itself");
}

fn healthcheck(envs: &[(&str, String)], args: &[&str]) -> std::process::Output {
    let mut cmd = clean_command(&bin());
    cmd.arg("healthcheck").args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run healthcheck")
}

#[test]
fn healthcheck_exits_0_against_a_running_server_and_1_when_none_answers() {
    // The image's way: no --addr, the port from $PORT, listening on all interfaces.
    let port = server::free_port();
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = clean_command(&bin());
    cmd.current_dir(cwd.path())
        .arg("--corpus")
        .arg(seeds())
        .env("PORT", port.to_string());
    let server = Server::start(cmd, format!("127.0.0.1:{port}").parse().unwrap());

    let ok = healthcheck(&[("PORT", port.to_string())], &[]);
    assert!(ok.status.success(), "{ok:?}\n{}", server.logs());
    let ok = healthcheck(&[], &["--addr", &format!("0.0.0.0:{port}")]);
    assert!(ok.status.success(), "{ok:?}");
    let ok = healthcheck(&[("STANDPOINT_ADDR", format!("localhost:{port}"))], &[]);
    assert!(ok.status.success(), "{ok:?}");
    drop(server);

    let started = Instant::now();
    let down = healthcheck(
        &[],
        &["--addr", &format!("127.0.0.1:{port}"), "--timeout", "2"],
    );
    assert_eq!(down.status.code(), Some(1), "{down:?}");
    assert!(String::from_utf8_lossy(&down.stderr).contains("unhealthy"));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn healthcheck_fails_when_something_else_answers() {
    // A listener that accepts and never answers: the health check gives up after its timeout.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hold = std::thread::spawn(move || {
        let conn = listener.accept();
        std::thread::sleep(Duration::from_secs(3));
        drop(conn);
    });
    let started = Instant::now();
    let out = healthcheck(&[], &["--addr", &addr.to_string(), "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    hold.join().unwrap();
}
