//! Start-up at scale: for synthetic corpora of 1,000, 10,000 and 50,000 articles, the time from
//! launching `standpoint serve` to its first answer and the server's peak RSS, from the files and
//! from a snapshot, plus the time `standpoint index` takes to write that snapshot.
//!
//!     cargo bench --bench startup                       # 1000, 10000 and 50000 articles
//!     STANDPOINT_BENCH_SIZES=1000,10000 cargo bench --bench startup
//!
//! Corpora are generated once under `target/bench-corpora/` and reused, and read with the built-in
//! configuration except for `limits.max_files`, raised above the largest size. Linux only (peak
//! RSS is read from /proc).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_standpoint")
}

fn free_addr() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr")
}

/// True once the server answers `/healthz` with 200.
fn healthy(addr: SocketAddr) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

/// Peak and current resident set of a process, in MB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

struct Started {
    seconds: f64,
    peak_mb: f64,
    rss_mb: f64,
}

/// Starts `standpoint serve` with `args`, waits for its first answer, measures, and stops it.
fn start(args: &[&str]) -> Started {
    let addr = free_addr();
    let began = Instant::now();
    let mut child: Child = Command::new(bin())
        .args(args)
        .arg("--addr")
        .arg(addr.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start standpoint");
    while !healthy(addr) {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("standpoint {args:?} exited: {status}");
        }
        assert!(began.elapsed() < Duration::from_secs(600), "no answer");
        std::thread::sleep(Duration::from_millis(20));
    }
    let seconds = began.elapsed().as_secs_f64();
    let (peak_mb, rss_mb) = memory(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Started {
        seconds,
        peak_mb,
        rss_mb,
    }
}

/// The built-in configuration with room for the largest corpus.
fn config() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpora/standpoint.toml");
    let default = include_str!("../standpoint.toml");
    let raised: String = default
        .lines()
        .map(|l| {
            if l.starts_with("max_files") {
                "max_files = 1000000".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("bench folder");
    std::fs::write(&path, raised).expect("write config");
    path
}

/// A synthetic corpus of `n` articles, generated on first use.
fn corpus(n: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpora");
    let dir = root.join(n.to_string());
    let complete = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0) == n;
    if !complete {
        let _ = std::fs::remove_dir_all(&dir);
        let status = Command::new(bin())
            .args(["generate", "--articles", &n.to_string(), "--out"])
            .arg(&dir)
            .status()
            .expect("generate");
        assert!(status.success());
    }
    dir
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench` absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("STANDPOINT_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,50000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let config = config();
    let config = config.to_str().expect("utf-8 path");
    println!(
        "| articles | MB | index to snapshot (s) | serve from files: ready (s) | peak RSS (MB) | \
         serve from snapshot: ready (s) | peak RSS (MB) | RSS when ready (MB) | snapshot (MB) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let dir = corpus(n);
        let bytes: u64 = std::fs::read_dir(&dir)
            .expect("corpus")
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();
        let snapshot = dir.with_extension("snap");
        let began = Instant::now();
        let status = Command::new(bin())
            .args(["index", "--config", config, "--corpus"])
            .arg(&dir)
            .arg("-o")
            .arg(&snapshot)
            .env("RUST_LOG", "warn")
            .status()
            .expect("index");
        assert!(status.success());
        let indexed = began.elapsed().as_secs_f64();
        let corpus_arg = dir.to_str().expect("utf-8 path");
        let snapshot_arg = snapshot.to_str().expect("utf-8 path");
        let from_files = start(&["serve", "--config", config, "--corpus", corpus_arg]);
        let from_snapshot = start(&["serve", "--config", config, "--snapshot", snapshot_arg]);
        let snapshot_mb = std::fs::metadata(&snapshot).map_or(0, |m| m.len()) as f64 / 1e6;
        println!(
            "| {n} | {:.1} | {indexed:.2} | {:.2} | {:.0} | {:.2} | {:.0} | {:.0} | {snapshot_mb:.0} |",
            bytes as f64 / 1e6,
            from_files.seconds,
            from_files.peak_mb,
            from_snapshot.seconds,
            from_snapshot.peak_mb,
            from_snapshot.rss_mb,
        );
    }
}
