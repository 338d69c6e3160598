//! A bounded load test on loopback: the release binary serves a corpus as a child process, and
//! keep-alive clients mix home, comparison, article and API requests at each concurrency level
//! for a fixed time (or a fixed number of requests). It reports per route class the throughput,
//! p50/p99/max latency, errors and non-2xx answers, and the server's memory before and after,
//! and measures a trivial static-string handler served the same way as the ceiling.
//!
//! It exits non-zero on any error or non-2xx answer.
//!
//! ```text
//! cargo bench --bench load                 # seeds, 64 and 256 connections, 5 s each
//! cargo bench --bench load -- --quick      # 2 s each (CI)
//! LOAD_CORPUS=~/articles LOAD_CONCURRENCY=16,64,256 LOAD_SECONDS=10 cargo bench --bench load
//! LOAD_REQUESTS=100000 cargo bench --bench load   # a fixed number of requests per level
//! ```
//!
//! Environment: `LOAD_CORPUS` (default `seeds`), `LOAD_CONCURRENCY` (`64,256`), `LOAD_SECONDS`
//! Requests ask for gzip, as browsers do.
//! (5, or 2 with `--quick`), `LOAD_REQUESTS` (unset: bounded by time), `LOAD_RUST_LOG` (the
//! server's log filter, `warn` by default so that request logs do not dominate), `LOAD_BIN` (the
//! server binary, by default the one cargo built), `LOAD_MIX` (route classes to request:
//! `home,compare,article,api` by default; `LOAD_MIX=compare` measures the comparison page alone),
//! `LOAD_CONFIG` (a configuration file for the server, e.g. one with `response_cache_bytes = 0`
//! to measure rendering without the response cache), `LOAD_COMPARE` (the comparisons asked for:
//! distinct comparisons of three actors on three topics by default; `wide` for pairs and four
//! actors on every topic, the mix measured before issue 14).

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Set in the environment of the child process that serves the ceiling handler.
const CEILING_ENV: &str = "STANDPOINT_LOAD_CEILING_ADDR";

fn main() {
    if let Ok(addr) = std::env::var(CEILING_ENV) {
        serve_ceiling(&addr);
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let settings = Settings::from_env(quick);
    let code = match run(&settings) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(err) => {
            eprintln!("load: {err}");
            2
        }
    };
    std::process::exit(code);
}

struct Settings {
    corpus: PathBuf,
    levels: Vec<usize>,
    duration: Duration,
    requests: Option<u64>,
    log: String,
    bin: PathBuf,
    /// Route classes in the mix: `home`, `compare`, `article`, `api` (all by default).
    mix: Vec<String>,
    /// The comparisons asked for: pairs and four actors on every topic (`LOAD_COMPARE=wide`),
    /// or by default distinct comparisons of three actors on three topics.
    wide: bool,
}

impl Settings {
    fn from_env(quick: bool) -> Settings {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        Settings {
            corpus: var("LOAD_CORPUS").map_or_else(|| root.join("seeds"), PathBuf::from),
            levels: var("LOAD_CONCURRENCY")
                .unwrap_or_else(|| "64,256".into())
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .filter(|&n| n > 0)
                .collect(),
            duration: Duration::from_secs_f64(
                var("LOAD_SECONDS")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(if quick { 2.0 } else { 5.0 }),
            ),
            requests: var("LOAD_REQUESTS").and_then(|s| s.parse().ok()),
            log: var("LOAD_RUST_LOG").unwrap_or_else(|| "warn".into()),
            mix: var("LOAD_MIX")
                .unwrap_or_else(|| "home,compare,article,api".into())
                .split(',')
                .map(|c| c.trim().to_ascii_lowercase())
                .collect(),
            wide: var("LOAD_COMPARE").is_some_and(|v| v.eq_ignore_ascii_case("wide")),
            bin: var("LOAD_BIN").map_or_else(
                || PathBuf::from(env!("CARGO_BIN_EXE_standpoint")),
                PathBuf::from,
            ),
        }
    }
}

/// The ceiling: one static string, served by the same accept loop and limits as the app, on the
/// same kind of runtime the binary starts.
fn serve_ceiling(addr: &str) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
        let router = axum::Router::new().route("/", axum::routing::get(|| async { "ok\n" }));
        let limits = standpoint::config::Limits::default();
        standpoint::web::serve_on(listener, router, &limits, std::future::pending()).await;
    });
}

/// True once the server at `addr` answers `/healthz` with anything but 503 (starting).
fn ready(addr: SocketAddr) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200))
    else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let asked =
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: load\r\nConnection: close\r\n\r\n");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    asked.is_ok() && answer.starts_with(b"HTTP/1.1 ") && !answer.starts_with(b"HTTP/1.1 503")
}

/// A child server, killed when dropped.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(mut cmd: Command, addr: SocketAddr) -> Result<Server, String> {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("starting {cmd:?}: {e}"))?;
        let mut server = Server { child };
        let deadline = Instant::now() + Duration::from_secs(120);
        // The server binds before indexing and answers 503 until it is ready.
        while !ready(addr) {
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!(
                    "the server exited with {status} before it was ready"
                ));
            }
            if Instant::now() > deadline {
                return Err(format!("the server on {addr} was not ready within 120 s"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(server)
    }

    /// Resident and peak memory of the server process, from `/proc`.
    fn memory(&self) -> Memory {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<u64>().ok())
        };
        Memory {
            rss_kb: kb("VmRSS:"),
            hwm_kb: kb("VmHWM:"),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Memory {
    rss_kb: Option<u64>,
    hwm_kb: Option<u64>,
}

impl std::fmt::Display for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = |kb: Option<u64>| {
            kb.map_or("?".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0))
        };
        write!(f, "RSS {}, peak {}", mb(self.rss_kb), mb(self.hwm_kb))
    }
}

fn free_addr() -> Result<SocketAddr, String> {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("finding a free port: {e}"))
}

fn run(s: &Settings) -> Result<bool, String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    println!(
        "load: corpus {}, {} per level, concurrency {:?}",
        s.corpus.display(),
        s.requests.map_or_else(
            || format!("{:.1} s", s.duration.as_secs_f64()),
            |n| format!("{n} requests")
        ),
        s.levels
    );

    // The app, as the binary runs it.
    let addr = free_addr()?;
    let mut cmd = Command::new(&s.bin);
    cmd.arg("serve")
        .arg("--corpus")
        .arg(&s.corpus)
        .arg("--addr")
        .arg(addr.to_string())
        .env("RUST_LOG", &s.log)
        .env_remove("STANDPOINT_CONFIG");
    if let Some(config) = std::env::var_os("LOAD_CONFIG").filter(|c| !c.is_empty()) {
        cmd.arg("--config").arg(config);
    }
    let app = Server::start(cmd, addr)?;
    let mix: Vec<(Class, String)> = rt
        .block_on(discover(addr, s.wide))?
        .into_iter()
        .filter(|(class, _)| s.mix.iter().any(|m| m == class.key()))
        .collect();
    if mix.is_empty() {
        return Err(format!("LOAD_MIX {:?} names no route class", s.mix));
    }
    let before = app.memory();
    println!(
        "app: {} routes in the mix; memory before: {before}",
        mix.len()
    );

    // The ceiling, served the same way from a child process.
    let ceiling_addr = free_addr()?;
    let mut cmd = Command::new(std::env::current_exe().map_err(|e| e.to_string())?);
    cmd.env(CEILING_ENV, ceiling_addr.to_string());
    let ceiling = Server::start(cmd, ceiling_addr)?;
    let ceiling_mix = vec![(Class::Ceiling, "/".to_string())];

    let mut ok = true;
    let mut report = String::new();
    report.push_str(
        "| connections | route | requests | req/s | p50 | p99 | max | errors | non-2xx |\n",
    );
    report.push_str("|---|---|---|---|---|---|---|---|---|\n");
    let mut summary = Vec::new();
    for &level in &s.levels {
        let result = rt.block_on(drive(addr, &mix, level, s.duration, s.requests));
        let after = app.memory();
        let ceiling_result = rt.block_on(drive(
            ceiling_addr,
            &ceiling_mix,
            level,
            s.duration,
            s.requests,
        ));
        for (class, stats) in result.classes.iter().chain(&ceiling_result.classes) {
            let elapsed = if *class == Class::Ceiling {
                ceiling_result.elapsed
            } else {
                result.elapsed
            };
            report.push_str(&stats.row(level, *class, elapsed));
            ok &= stats.errors == 0 && stats.non_2xx == 0;
        }
        let all = result.total();
        report.push_str(&all.row(level, Class::All, result.elapsed));
        let compare_rate = result
            .classes
            .get(&Class::Compare)
            .map_or(0.0, |c| c.rate(result.elapsed));
        let ceiling_rate = ceiling_result
            .classes
            .get(&Class::Ceiling)
            .map_or(0.0, |c| c.rate(ceiling_result.elapsed));
        summary.push(format!(
            "{level} connections: app memory after {after}; the app's whole mix {:.0} req/s, \
             comparisons {:.0} req/s within it ({:.1}% of the ceiling's {:.0} req/s)",
            all.rate(result.elapsed),
            compare_rate,
            100.0 * compare_rate / ceiling_rate.max(1e-9),
            ceiling_rate,
        ));
    }
    drop(ceiling);
    println!("\n{report}");
    println!("memory before: {before}");
    for line in summary {
        println!("{line}");
    }
    drop(app);
    if !ok {
        eprintln!("load: FAILED: errors or non-2xx answers (see the table)");
    }
    Ok(ok)
}

/// The kinds of request in the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Home,
    Compare,
    Article,
    Api,
    Ceiling,
    All,
}

impl Class {
    fn key(self) -> &'static str {
        match self {
            Class::Home => "home",
            Class::Compare => "compare",
            Class::Article => "article",
            Class::Api => "api",
            Class::Ceiling => "ceiling",
            Class::All => "all",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Class::Home => "home",
            Class::Compare => "comparison",
            Class::Article => "article",
            Class::Api => "API",
            Class::Ceiling => "ceiling (static string)",
            Class::All => "**app, all routes**",
        }
    }
}

/// Comparisons of three actors on three topics, as the bar of issue 14 asks for, every one
/// distinct: each three of the ten most quoted actors on each run of three topics.
fn comparisons_3x3(actors: &[String], topics: &[String]) -> Vec<String> {
    let topic_runs: Vec<String> = if topics.len() <= 3 {
        vec![topics.join("+")]
    } else {
        topics.windows(3).map(|w| w.join("+")).collect()
    };
    let actors = &actors[..actors.len().min(10)];
    let mut out = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        for (j, b) in actors.iter().enumerate().skip(i + 1) {
            for c in actors.iter().skip(j + 1) {
                for t in &topic_runs {
                    out.push(format!("/compare/{a}+{b}+{c}/{t}"));
                }
            }
        }
    }
    out
}

/// The comparisons measured before issue 14 (`LOAD_COMPARE=wide`): pairs of the most quoted
/// actors, and four of them, on every topic.
fn wide_comparisons(actors: &[String], topics: &[String]) -> Vec<String> {
    let all_topics = topics.join("+");
    actors
        .windows(2)
        .take(8)
        .map(|w| format!("/compare/{}+{}/{all_topics}", w[0], w[1]))
        .chain(std::iter::once(format!(
            "/compare/{}/{all_topics}",
            actors.iter().take(4).cloned().collect::<Vec<_>>().join("+")
        )))
        .collect()
}

/// Finds real routes through the API: every article, comparisons of the most quoted actors, and
/// API answers. The mix has as many entries of each class, so each class is a quarter.
async fn discover(addr: SocketAddr, wide: bool) -> Result<Vec<(Class, String)>, String> {
    let mut conn = Conn::open(addr).await.map_err(|e| e.to_string())?;
    // Discovery reads JSON: plain bodies.
    conn.gzip = false;
    let articles = get_json(&mut conn, "/api/v1/articles").await?;
    let grid = get_json(&mut conn, "/api/v1/grid").await?;
    let ids: Vec<String> = articles["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["id"].as_str().map(str::to_string))
        .collect();
    let actors: Vec<String> = grid["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["actor"].as_str().map(str::to_string))
        .collect();
    let topics: Vec<String> = grid["topics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["id"].as_str().map(str::to_string))
        .collect();
    if ids.is_empty() || actors.len() < 2 || topics.is_empty() {
        return Err("the corpus needs articles and at least two quoted actors".into());
    }
    let compares = if wide {
        wide_comparisons(&actors, &topics)
    } else {
        comparisons_3x3(&actors, &topics)
    };
    let mut canonical = Vec::new();
    for path in compares {
        // Each comparison at its canonical permalink, so that no request in the mix redirects.
        let (status, _) = conn.get(&path).await.map_err(|e| e.to_string())?;
        let path = match (status, conn.location.take()) {
            (301, Some(location)) => location,
            _ => path,
        };
        canonical.push(path);
    }
    let api: Vec<String> = [
        "/api/v1/grid".to_string(),
        format!("/api/v1/claims?actor={}", actors[0]),
        format!("/api/v1/articles/{}", ids[0]),
        format!("/api/v1{}", canonical[0]),
        format!("/api/v1/topics/{}", topics[0]),
    ]
    .into();
    let n = canonical.len().max(ids.len()).max(api.len());
    let mut mix = Vec::new();
    for i in 0..n {
        mix.push((Class::Home, "/".to_string()));
        mix.push((Class::Compare, canonical[i % canonical.len()].clone()));
        mix.push((Class::Article, format!("/articles/{}", ids[i % ids.len()])));
        mix.push((Class::Api, api[i % api.len()].clone()));
    }
    // Every route answers 200 before the clock starts.
    for (_, path) in &mix {
        let (status, _) = conn.get(path).await.map_err(|e| format!("{path}: {e}"))?;
        if status != 200 {
            return Err(format!("{path}: {status} before the load started"));
        }
    }
    Ok(mix)
}

async fn get_json(conn: &mut Conn, path: &str) -> Result<serde_json::Value, String> {
    let (status, body) = conn.get(path).await.map_err(|e| format!("{path}: {e}"))?;
    if status != 200 {
        return Err(format!("{path}: {status}"));
    }
    serde_json::from_slice(&body).map_err(|e| format!("{path}: {e}"))
}

/// What one class of requests saw.
#[derive(Debug, Default, Clone)]
struct Stats {
    latencies_us: Vec<u32>,
    errors: u64,
    non_2xx: u64,
    server_errors: u64,
}

impl Stats {
    fn merge(&mut self, other: &Stats) {
        self.latencies_us.extend_from_slice(&other.latencies_us);
        self.errors += other.errors;
        self.non_2xx += other.non_2xx;
        self.server_errors += other.server_errors;
    }

    fn rate(&self, elapsed: Duration) -> f64 {
        self.latencies_us.len() as f64 / elapsed.as_secs_f64().max(1e-9)
    }

    fn row(&self, level: usize, class: Class, elapsed: Duration) -> String {
        let mut sorted = self.latencies_us.clone();
        sorted.sort_unstable();
        let pct = |p: f64| {
            if sorted.is_empty() {
                return "-".to_string();
            }
            let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
            format_us(sorted[i])
        };
        format!(
            "| {level} | {} | {} | {:.0} | {} | {} | {} | {} | {}{} |\n",
            class.name(),
            sorted.len(),
            self.rate(elapsed),
            pct(0.50),
            pct(0.99),
            pct(1.0),
            self.errors,
            self.non_2xx,
            if self.server_errors > 0 {
                format!(" ({} 5xx)", self.server_errors)
            } else {
                String::new()
            }
        )
    }
}

fn format_us(us: u32) -> String {
    if us >= 1000 {
        format!("{:.1} ms", f64::from(us) / 1000.0)
    } else {
        format!("{us} µs")
    }
}

struct LevelResult {
    classes: BTreeMap<Class, Stats>,
    elapsed: Duration,
}

impl LevelResult {
    fn total(&self) -> Stats {
        let mut all = Stats::default();
        for s in self.classes.values() {
            all.merge(s);
        }
        all
    }
}

/// `level` keep-alive connections, each sending requests from the mix one after the other until
/// the time is up or the shared request budget is spent.
async fn drive(
    addr: SocketAddr,
    mix: &[(Class, String)],
    level: usize,
    duration: Duration,
    requests: Option<u64>,
) -> LevelResult {
    let mix: Arc<Vec<(Class, String)>> = Arc::new(mix.to_vec());
    let budget = Arc::new(AtomicU64::new(requests.unwrap_or(u64::MAX)));
    let start = Instant::now();
    let deadline = start
        + if requests.is_some() {
            Duration::from_secs(600)
        } else {
            duration
        };
    let mut tasks = Vec::new();
    for worker in 0..level {
        let mix = mix.clone();
        let budget = budget.clone();
        tasks.push(tokio::spawn(async move {
            let mut stats: BTreeMap<Class, Stats> = BTreeMap::new();
            let mut conn: Option<Conn> = None;
            let mut i = worker;
            while Instant::now() < deadline
                && budget
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(1))
                    .is_ok()
            {
                let (class, path) = &mix[i % mix.len()];
                i += 1;
                let entry = stats.entry(*class).or_default();
                // Latency is per request on an open connection, as wrk and oha count it.
                if conn.is_none() {
                    match Conn::open(addr).await {
                        Ok(c) => conn = Some(c),
                        Err(_) => {
                            entry.errors += 1;
                            continue;
                        }
                    }
                }
                let Some(c) = conn.as_mut() else { continue };
                let began = Instant::now();
                match tokio::time::timeout(Duration::from_secs(30), c.get(path)).await {
                    Ok(Ok((status, _))) => {
                        let us = began.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
                        entry.latencies_us.push(us);
                        if !(200..300).contains(&status) {
                            entry.non_2xx += 1;
                        }
                        if status >= 500 {
                            entry.server_errors += 1;
                        }
                        if c.closed {
                            conn = None;
                        }
                    }
                    Ok(Err(_)) | Err(_) => {
                        entry.errors += 1;
                        conn = None;
                    }
                }
            }
            stats
        }));
    }
    let mut classes: BTreeMap<Class, Stats> = BTreeMap::new();
    for task in tasks {
        if let Ok(stats) = task.await {
            for (class, s) in stats {
                classes.entry(class).or_default().merge(&s);
            }
        }
    }
    LevelResult {
        classes,
        elapsed: start.elapsed(),
    }
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
    /// The server said it will close the connection after the last response.
    closed: bool,
    /// The `Location` of the last response, if it had one.
    location: Option<String>,
    /// Ask for gzip, as browsers do.
    gzip: bool,
}

impl Conn {
    async fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            reader: BufReader::new(stream),
            closed: false,
            location: None,
            gzip: true,
        })
    }

    /// GET `path`; returns the status and the whole body.
    async fn get(&mut self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let bad = |m: String| std::io::Error::new(std::io::ErrorKind::InvalidData, m);
        // Like a browser, the load asks for gzip (the body is read, not decompressed).
        let encoding = if self.gzip {
            "Accept-Encoding: gzip\r\n"
        } else {
            ""
        };
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: load.test\r\nUser-Agent: standpoint-load\r\n{encoding}\r\n"
        );
        self.reader.get_mut().write_all(req.as_bytes()).await?;
        let mut line = String::new();
        if self.reader.read_line(&mut line).await? == 0 {
            return Err(bad("closed before the status line".into()));
        }
        let status: u16 = line
            .get(9..12)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| bad(format!("status line {line:?}")))?;
        let mut length = None;
        let mut chunked = false;
        loop {
            line.clear();
            if self.reader.read_line(&mut line).await? == 0 {
                return Err(bad("closed inside the headers".into()));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let v = v.trim();
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.parse::<usize>().ok();
                } else if k.eq_ignore_ascii_case("transfer-encoding") {
                    chunked = v.eq_ignore_ascii_case("chunked");
                } else if k.eq_ignore_ascii_case("connection") {
                    self.closed = v.eq_ignore_ascii_case("close");
                } else if k.eq_ignore_ascii_case("location") {
                    self.location = Some(v.to_string());
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .map_err(|_| bad(format!("chunk size {line:?}")))?;
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            self.reader.read_exact(&mut body).await?;
        } else {
            self.reader.read_to_end(&mut body).await?;
            self.closed = true;
        }
        Ok((status, body))
    }
}
