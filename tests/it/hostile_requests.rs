//! Hostile requests against the real server on a loopback port: path traversal, overlong and
//! malformed addresses, floods of names, headers and methods, bodies where none belong, and slow
//! clients. Every answer must come quickly, be bounded in size and never be a 5xx.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::*;
use standpoint::Config;
use standpoint::web::AppState;

/// Longest any hostile request may take to be answered (or refused).
const TIME_BOUND: Duration = Duration::from_secs(5);
/// Largest body any hostile request may produce.
const SIZE_BOUND: usize = 2 * 1024 * 1024;

/// What came back on a raw connection.
#[derive(Debug)]
struct Raw {
    /// The status of the first response, if one arrived before the connection closed.
    status: Option<u16>,
    head: String,
    body: Vec<u8>,
    elapsed: Duration,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Fails unless the answer came in time, bounded, and was not a server error.
    fn assert_sane(&self, what: &str) {
        assert!(
            self.elapsed < TIME_BOUND,
            "{what}: took {:?} ({:?})",
            self.elapsed,
            self.status
        );
        assert!(
            self.body.len() < SIZE_BOUND,
            "{what}: {} byte body",
            self.body.len()
        );
        if let Some(status) = self.status {
            assert!(status < 500, "{what}: {status}\n{}", self.head);
        }
    }
}

/// Sends `bytes` on a new connection and reads until the server closes it (requests carry
/// `Connection: close`) or the time bound passes. A reset counts as a close.
async fn exchange(addr: SocketAddr, bytes: &[u8]) -> Raw {
    let start = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    // The server may answer and close before reading everything: a failed write is an answer.
    let _ = stream.write_all(bytes).await;
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let left = TIME_BOUND.saturating_sub(start.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => {
                raw.extend_from_slice(&buf[..n]);
                if raw.len() > 2 * SIZE_BOUND {
                    break;
                }
            }
        }
    }
    let elapsed = start.elapsed();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|c| c.parse().ok());
    Raw {
        status,
        head,
        body: raw.get(split + 4..).unwrap_or_default().to_vec(),
        elapsed,
    }
}

/// `method target` with a Host header and `Connection: close`.
async fn send(addr: SocketAddr, method: &str, target: &str) -> Raw {
    let req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    exchange(addr, req.as_bytes()).await
}

async fn seeds_server() -> SocketAddr {
    spawn_server(state(&seeds_dir())).await
}

async fn server_with(limits: impl FnOnce(&mut standpoint::config::Limits)) -> SocketAddr {
    let (mut config, index) = build_index(&seeds_dir());
    limits(&mut config.limits);
    spawn_server(AppState::new(index, config)).await
}

/// One path of each route, with real ids from the seeds.
fn routes() -> Vec<String> {
    let (_, index) = build_index(&seeds_dir());
    let article = &index.articles[0].id;
    let actors = some_actors(&index, 2);
    let topic = &index.topics[0].id;
    vec![
        "/".into(),
        "/compare".into(),
        format!("/compare/{}", actors[0]),
        compare_path(&index, &actors),
        format!("{}/export.csv", compare_path(&index, &actors)),
        format!("{}/card.svg", compare_path(&index, &actors)),
        format!("/actors/{}", actors[0]),
        format!("/topics/{topic}"),
        format!("/articles/{article}"),
        standpoint::web::assets::url("style.css").into(),
        "/healthz".into(),
        "/api/v1".into(),
        "/api/v1/articles".into(),
        format!("/api/v1/articles/{article}"),
        "/api/v1/actors".into(),
        format!("/api/v1/actors/{}", actors[0]),
        "/api/v1/topics".into(),
        format!("/api/v1/topics/{topic}"),
        "/api/v1/claims".into(),
        "/api/v1/grid".into(),
        format!("/api/v1{}", compare_path(&index, &actors)),
    ]
}

/// The prefixes under which a path parameter is read, one per route with a parameter.
const PARAM_PREFIXES: &[&str] = &[
    "/compare/",
    "/compare/trump/",
    "/actors/",
    "/topics/",
    "/articles/",
    "/static/",
    "/api/v1/articles/",
    "/api/v1/actors/",
    "/api/v1/topics/",
    "/api/v1/compare/trump/",
    "/",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn path_traversal_reaches_nothing_outside_the_index() {
    let addr = seeds_server().await;
    let payloads = [
        "..",
        "../..",
        "../../Cargo.toml",
        "..%2f..%2fCargo.toml",
        "..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        "%2e%2e%2f%2e%2e%2fCargo.toml",
        "%2E%2E/%2E%2E/etc/passwd",
        "%252e%252e%252fCargo.toml",
        "..%5c..%5cCargo.toml",
        "..\\..\\Cargo.toml",
        "....//....//etc/passwd",
        "..;/Cargo.toml",
        "%c0%ae%c0%ae%c0%af",
        "style.css%00.png",
        "%00",
        "/etc/passwd",
        "//etc/passwd",
        "%2fetc%2fpasswd",
        "src/main.rs",
        "static/style.css",
        "seeds/000_83a8894dfe4c3e2e.txt",
        "000_83a8894dfe4c3e2e.txt",
    ];
    let outside = [
        "[package]",
        "root:",
        "fn main()",
        "[[actors]]",
        "#!/usr/bin/env",
    ];
    let mut tried = 0;
    for prefix in PARAM_PREFIXES {
        for payload in payloads {
            let target = format!("{prefix}{payload}");
            let res = send(addr, "GET", &target).await;
            res.assert_sane(&target);
            let status = res.status.unwrap_or(0);
            // A redirect is only ever to a canonical page of the site itself.
            if (300..400).contains(&status) {
                let location = res.header("location").unwrap_or_default();
                assert!(
                    location.starts_with('/') && !location.starts_with("//"),
                    "{target} redirects off-site to {location:?}"
                );
                assert!(!location.contains(".."), "{target} → {location}");
            } else {
                assert!(
                    matches!(status, 400 | 404 | 414),
                    "{target}: {status}\n{}",
                    res.head
                );
            }
            let body = res.text();
            for marker in outside {
                assert!(!body.contains(marker), "{target} shows a file: {marker}");
            }
            tried += 1;
        }
    }
    assert_eq!(tried, PARAM_PREFIXES.len() * payloads.len());
    // Static assets are served under their hashed names only, and only the embedded ones.
    let css = standpoint::web::assets::url("style.css");
    assert_eq!(send(addr, "GET", css).await.status, Some(200));
    for target in [
        format!("{css}/.."),
        format!("{css}/../../Cargo.toml"),
        css.replace("/static/", "/static/../static/"),
        css.replace("/static/", "/static/%2e/"),
        css.replace("/static/", "/static//"),
        css.to_uppercase(),
    ] {
        let res = send(addr, "GET", &target).await;
        res.assert_sane(&target);
        assert_ne!(res.status, Some(200), "{target}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlong_uris_and_query_strings_are_refused_quickly() {
    let addr = seeds_server().await;
    let max = Config::default_config().limits.max_uri_bytes;
    let long_path = format!("/actors/{}", "a".repeat(max + 1));
    let long_query = format!("/api/v1/claims?actor={}", "a".repeat(max + 1));
    let long_compare = format!("/compare?{}", "actor=trump&".repeat(max / 4));
    for target in [&long_path, &long_query, &long_compare] {
        let res = send(addr, "GET", target).await;
        res.assert_sane("long URI");
        assert_eq!(res.status, Some(414), "{}", &target[..40]);
    }
    // The API says so in JSON, pages on the error page.
    let res = send(addr, "GET", &long_query).await;
    assert!(res.text().contains("\"uri-too-long\""), "{}", res.text());
    let res = send(addr, "GET", &long_path).await;
    assert!(res.header("content-type").unwrap().starts_with("text/html"));
    // Far beyond the limit, up to what the HTTP parser takes at all: refused, never a hang.
    for len in [64 * 1024, 70 * 1024, 1024 * 1024] {
        let target = format!("/?q={}", "x".repeat(len));
        let res = send(addr, "GET", &target).await;
        res.assert_sane(&format!("{len} byte URI"));
        assert_ne!(res.status, Some(200), "{len} byte URI");
    }
    // A URI just under the limit is served.
    let fits = format!("/?q={}", "x".repeat(max - 10));
    assert_eq!(send(addr, "GET", &fits).await.status, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_actors_in_one_comparison_are_refused_cheaply() {
    let (_, index) = build_index(&seeds_dir());
    let known: Vec<&str> = index.actors.iter().map(|a| a.id.as_str()).collect();
    // With the URI limit raised out of the way, only the comparison limits stand.
    let addr = server_with(|l| l.max_uri_bytes = 4 * 1024 * 1024).await;
    let cycle = |n: usize, sep: &str| {
        known
            .iter()
            .cycle()
            .take(n)
            .copied()
            .collect::<Vec<_>>()
            .join(sep)
    };
    let topic = &index.topics[0].id;
    let cases = [
        format!("/compare/{}/{topic}", cycle(5000, "+")),
        format!("/compare/{}/{topic}", cycle(20_000, ",")),
        format!("/compare/{}", cycle(5000, "+")),
        format!("/compare/{}/{topic}", "nobody+".repeat(5000)),
        format!("/api/v1/compare/{}/{topic}", cycle(5000, "+")),
        format!("/compare?actor={}", cycle(5000, "&actor=")),
        format!("/compare?actor=trump&topic={}", "x+".repeat(20_000)),
        format!("/api/v1/compare?actors={}", cycle(5000, "+")),
    ];
    for target in &cases {
        let res = send(addr, "GET", target).await;
        res.assert_sane(&target[..60]);
        // 414 where the URI is beyond what the HTTP parser takes (64 KiB), whatever the limit.
        assert!(
            matches!(res.status, Some(400 | 404 | 414)),
            "{}: {:?}",
            &target[..60],
            res.status
        );
        assert!(
            res.elapsed < Duration::from_secs(1),
            "{}: {:?}",
            &target[..60],
            res.elapsed
        );
    }
    // The limit itself: one more distinct actor than allowed is a 400 that names the limit.
    let max = Config::default_config().limits.max_compare_actors;
    if known.len() > max {
        let res = send(
            addr,
            "GET",
            &format!("/compare/{}/{topic}", cycle(max + 1, "+")),
        )
        .await;
        assert_eq!(res.status, Some(400));
        assert!(res.text().contains(&format!("at most {max}")));
        let res = send(
            addr,
            "GET",
            &format!("/compare/{}/{topic}", cycle(max, "+")),
        )
        .await;
        assert_eq!(res.status, Some(200));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_and_repeated_query_keys_never_fail_the_server() {
    let addr = seeds_server().await;
    for route in routes() {
        for query in [
            "utm_source=x",
            "a=1&a=2&a=3",
            "=",
            "&&&",
            "=x&=y",
            "actor=trump&actor=trump",
            "topic=ceasefire&topic=ceasefire&topic=",
            "stance=support&stance=oppose",
            "actor",
            "x=%3Cscript%3E",
        ] {
            let target = format!("{route}?{query}");
            let res = send(addr, "GET", &target).await;
            res.assert_sane(&target);
            let status = res.status.unwrap_or(0);
            assert!(
                matches!(status, 200 | 301 | 303 | 400 | 404),
                "{target}: {status}"
            );
        }
    }
    // Where a query is read, an unknown key is named in a 400 and a repeated one is either
    // merged (the comparison form) or refused (single-valued API filters).
    let res = send(addr, "GET", "/api/v1/claims?stance=support&stance=oppose").await;
    assert_eq!(res.status, Some(400));
    assert!(res.text().contains("repeated-parameter"));
    let res = send(addr, "GET", "/compare?actor=trump&actor=trump").await;
    assert_eq!(res.status, Some(303));
    let res = send(addr, "GET", "/compare?actor=trump&utm_source=x").await;
    assert_eq!(res.status, Some(400));
    assert!(res.text().contains("utm_source"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_percent_encoding_is_a_client_error() {
    let addr = seeds_server().await;
    let bad = [
        "%",
        "%Z",
        "%ZZ",
        "%C3%28",
        "%FF%FE",
        "%E2%82",
        "%ED%A0%80",
        "%00",
        "%0A%0D",
        "%25%",
    ];
    for prefix in PARAM_PREFIXES {
        for b in bad {
            let target = format!("{prefix}{b}");
            let res = send(addr, "GET", &target).await;
            res.assert_sane(&target);
            let status = res.status.unwrap_or(0);
            assert!(
                matches!(status, 301 | 400 | 404),
                "{target}: {status}\n{}",
                res.head
            );
            let json = res
                .header("content-type")
                .is_some_and(|c| c.starts_with("application/json"));
            assert_eq!(
                json,
                prefix.starts_with("/api/") && status != 301,
                "{target}"
            );
            if json {
                let v: serde_json::Value = serde_json::from_slice(&res.body).expect("JSON error");
                assert_eq!(v["error"]["status"], status);
            }
        }
    }
    for query_route in ["/compare", "/api/v1/claims", "/api/v1/compare"] {
        for b in bad {
            for query in [format!("actor={b}"), format!("{b}=trump"), b.to_string()] {
                let target = format!("{query_route}?{query}");
                let res = send(addr, "GET", &target).await;
                res.assert_sane(&target);
                // Decoded leniently, a value is a name like any other (blank ones are ignored).
                assert!(
                    matches!(res.status, Some(200 | 303 | 400 | 404)),
                    "{target}: {:?}",
                    res.status
                );
                let json = res
                    .header("content-type")
                    .is_some_and(|c| c.starts_with("application/json"));
                let api = query_route.starts_with("/api/") && res.status != Some(303);
                assert_eq!(json, api, "{target}");
            }
        }
    }
    // Invalid UTF-8 in a name is named as such, not as an unknown actor.
    let res = send(addr, "GET", "/actors/%FF%FE").await;
    assert_eq!(res.status, Some(400));
    assert!(res.text().contains("UTF-8"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn methods_other_than_get_and_head_get_405_with_allow() {
    let addr = seeds_server().await;
    for route in routes() {
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"] {
            let what = format!("{method} {route}");
            let res = send(addr, method, &route).await;
            res.assert_sane(&what);
            assert_eq!(res.status, Some(405), "{what}\n{}", res.head);
            let allow = res.header("allow").unwrap_or_default().to_ascii_uppercase();
            let allowed: Vec<&str> = allow.split(',').map(str::trim).collect();
            assert!(
                allowed.contains(&"GET") && allowed.contains(&"HEAD"),
                "{what}: Allow: {allow}"
            );
            assert!(!allowed.contains(&method), "{what}: Allow: {allow}");
            assert!(
                res.header("content-security-policy").is_some(),
                "{what}: no CSP"
            );
            if route.starts_with("/api/") {
                let v: serde_json::Value =
                    serde_json::from_slice(&res.body).expect("405 from the API is JSON");
                assert_eq!(v["error"]["code"], "method-not-allowed", "{what}");
            } else if route != "/healthz" && !route.starts_with("/static/") {
                assert!(
                    res.header("content-type")
                        .is_some_and(|c| c.starts_with("text/html")),
                    "{what}: {}",
                    res.head
                );
            }
        }
    }
    // Unknown addresses stay 404 whatever the method; CONNECT is refused.
    for method in ["POST", "DELETE"] {
        let res = send(addr, method, "/no/such/page").await;
        res.assert_sane(method);
        assert_eq!(res.status, Some(404));
        let res = send(addr, method, "/static/nothing.css").await;
        assert!(matches!(res.status, Some(404 | 405)), "{method} static");
    }
    let res = send(addr, "CONNECT", "example.org:443").await;
    res.assert_sane("CONNECT");
    assert!(
        matches!(res.status, None | Some(400 | 404 | 405)),
        "{:?}",
        res.status
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_works_everywhere_and_matches_get() {
    let addr = seeds_server().await;
    let mut paths = routes();
    paths.extend(
        [
            "/no/such/page",
            "/actors/nobody",
            "/api/v1/nothing",
            "/compare?x=1",
        ]
        .map(String::from),
    );
    for path in paths {
        let get = send(addr, "GET", &path).await;
        let head = send(addr, "HEAD", &path).await;
        head.assert_sane(&path);
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} has a body");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "HEAD {path}"
        );
        if let Some(len) = head.header("content-length") {
            assert_eq!(
                len,
                get.body.len().to_string(),
                "HEAD {path}: Content-Length"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_bodies_on_get_routes_are_ignored() {
    let addr = seeds_server().await;
    // A body announced far larger than what is sent: the answer does not wait for it.
    let req = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\nhello"
    );
    let res = exchange(addr, req.as_bytes()).await;
    res.assert_sane("GET with a 100 MB Content-Length");
    assert_eq!(res.status, Some(200));
    // A whole body, sent: the page is unchanged.
    let body = "x".repeat(1024 * 1024);
    let req = format!(
        "GET /api/v1/topics HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let res = exchange(addr, req.as_bytes()).await;
    res.assert_sane("GET with a 1 MB body");
    assert_eq!(res.status, Some(200));
    let plain = send(addr, "GET", "/api/v1/topics").await;
    assert_eq!(res.body, plain.body);
    // A chunked body, then a second request on the same connection: both are answered.
    let req = format!(
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n\
         GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let res = exchange(addr, req.as_bytes()).await;
    res.assert_sane("chunked GET body");
    let text = String::from_utf8_lossy(&res.body).into_owned();
    assert_eq!(res.status, Some(200));
    assert!(
        text.contains("HTTP/1.1 200"),
        "the pipelined request: {text}"
    );
    // Conflicting framing (Content-Length and chunked) is read as chunked, as HTTP/1.1 says.
    let req = format!(
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n\
         GET /nothing HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let res = exchange(addr, req.as_bytes()).await;
    res.assert_sane("CL and TE");
    assert!(matches!(res.status, Some(200 | 400)), "{:?}", res.status);
    assert!(!res.text().contains("HTTP/1.1 5"), "{}", res.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn header_floods_are_refused_without_a_server_error() {
    let addr = seeds_server().await;
    let many = |n: usize, len: usize| {
        let mut req = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
        for i in 0..n {
            req.push_str(&format!("X-Flood-{i}: {}\r\n", "v".repeat(len)));
        }
        req.push_str("\r\n");
        req
    };
    // A normal number of headers is fine.
    assert_eq!(
        exchange(addr, many(20, 20).as_bytes()).await.status,
        Some(200)
    );
    for (n, len) in [(200, 10), (10_000, 10), (1, 1024 * 1024), (100, 8 * 1024)] {
        let what = format!("{n} headers of {len} bytes");
        let res = exchange(addr, many(n, len).as_bytes()).await;
        res.assert_sane(&what);
        // 431; only a client still sending a megabyte may see the close before the answer.
        let closed_early = res.status.is_none() && len > 64 * 1024;
        assert!(
            res.status == Some(431) || closed_early,
            "{what}: {:?}",
            res.status
        );
    }
    // Odd but small headers: invalid Host values, a huge Cookie, repeated Host.
    for extra in [
        "Host: a\r\nHost: b\r\n",
        "Host: \"><script>\r\n",
        "X-Forwarded-Host: evil.example/<script>\r\n",
        "Accept-Encoding: gzip;q=2, *;q=-1, br;q=NaN\r\n",
        "If-None-Match: W/\"\", *, \"x\r\n",
        "Range: bytes=0-0,1-1,2-2\r\n",
    ] {
        let req = format!("GET / HTTP/1.1\r\n{extra}Connection: close\r\n\r\n");
        let res = exchange(addr, req.as_bytes()).await;
        res.assert_sane(extra);
        assert!(!res.text().contains("<script>"), "{extra} is echoed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn slow_clients_time_out_without_tying_up_the_server() {
    let timeout = 2;
    let addr = server_with(|l| l.header_read_timeout_secs = timeout).await;
    let bound = Duration::from_secs(timeout) + Duration::from_millis(1500);
    let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: slow\r\n\r\n");
    let slow = 64;
    let mut clients = Vec::new();
    for n in 0..slow {
        let request = request.clone();
        clients.push(tokio::spawn(async move {
            let start = Instant::now();
            let mut stream = TcpStream::connect(addr).await.expect("connect");
            // An idle connection that sends nothing at all is bounded the same way.
            let bytes = if n % 8 == 0 {
                &b""[..]
            } else {
                request.as_bytes()
            };
            for b in bytes {
                if stream.write_all(&[*b]).await.is_err() {
                    return start.elapsed();
                }
                // One header byte a second, checking meanwhile whether the server hung up.
                let mut probe = [0u8; 1];
                match tokio::time::timeout(Duration::from_secs(1), stream.read(&mut probe)).await {
                    Ok(Ok(0) | Err(_)) => return start.elapsed(),
                    Ok(Ok(_)) => panic!("the server answered a request it never fully got"),
                    Err(_) => {}
                }
                if start.elapsed() > bound * 3 {
                    return start.elapsed();
                }
            }
            let mut probe = [0u8; 1];
            let _ = tokio::time::timeout(bound * 3, stream.read(&mut probe)).await;
            start.elapsed()
        }));
    }
    // While they trickle, other clients are served promptly.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for _ in 0..5 {
        let res = send(addr, "GET", "/").await;
        assert_eq!(res.status, Some(200));
        assert!(
            res.elapsed < Duration::from_secs(1),
            "a normal request waited {:?} behind slow clients",
            res.elapsed
        );
    }
    for client in clients {
        let held = client.await.expect("slow client");
        assert!(
            held >= Duration::from_secs(timeout) - Duration::from_millis(200),
            "closed after {held:?}, before the {timeout} s header timeout"
        );
        assert!(
            held <= bound,
            "a slow client held its connection for {held:?} (bound {bound:?})"
        );
    }
    // A client that sends its headers in time is not affected.
    let res = send(addr, "GET", "/healthz").await;
    assert_eq!(res.status, Some(200));
}
