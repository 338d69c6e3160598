//! Cold page renders at 10,000 articles, the response cache off: the comparison of three actors
//! on three topics (page and API) and the home page, each as rendered and gzipped, and a
//! static-string handler through a router as the ceiling. Each request goes through the whole app in-process (`oneshot`),
//! so what is measured is routing, the index queries, templates and the layers, not the network.
//!
//!     cargo bench --bench pages                             # 10,000 articles
//!     STANDPOINT_BENCH_PAGES=1000 cargo bench --bench pages # another size
//!
//! The corpus is the one `benches/startup.rs` uses (`standpoint generate`, seed 1, under
//! `target/bench-corpora/`), generated on first use; the configuration is the built-in one with
//! `limits.max_files` raised and `limits.response_cache_bytes = 0`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use criterion::{Criterion, criterion_group, criterion_main};
use standpoint::synth::Generator;
use standpoint::web::{AppState, app};
use standpoint::{Config, Index, corpus};
use tower::ServiceExt;

fn size() -> usize {
    std::env::var("STANDPOINT_BENCH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// The synthetic corpus of `n` articles, generated on first use.
fn corpus_dir(config: &Config, n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpora")
        .join(n.to_string());
    if !dir.is_dir() {
        std::fs::create_dir_all(&dir).expect("create the corpus folder");
        Generator::new(config, 1)
            .write(n, &dir)
            .expect("generate the corpus");
    }
    dir
}

fn config() -> Config {
    let mut config = Config::default_config();
    config.limits.max_files = 1_000_000;
    config.limits.response_cache_bytes = 0;
    config
}

/// Answers `uri` through `router` with `encoding` accepted; panics unless it is a 200.
async fn fetch(router: &Router, uri: &str, encoding: &str) -> usize {
    let req = Request::get(uri)
        .header("accept-encoding", encoding)
        .body(Body::empty())
        .expect("request");
    let res = router.clone().oneshot(req).await.expect("infallible");
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    body.len()
}

fn pages(c: &mut Criterion) {
    let n = size();
    let config = config();
    let dir = corpus_dir(&config, n);
    let loaded = corpus::load_dir(&dir, &config).expect("load the corpus");
    let index = Index::build(loaded, &config);
    let actors: Vec<String> = index
        .quoted_actors()
        .take(3)
        .map(|a| a.id.clone())
        .collect();
    let topics: Vec<String> = index.topics.iter().take(3).map(|t| t.id.clone()).collect();
    let selection = format!("{}/{}", actors.join("+"), topics.join("+"));
    let router = app(AppState::new(index, config));
    let ceiling = Router::new().route("/", get(|| async { "ok" }));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let routes = [
        ("compare 3x3", format!("/compare/{selection}")),
        ("api compare 3x3", format!("/api/v1/compare/{selection}")),
        ("home", "/".to_string()),
    ];
    let mut group = c.benchmark_group(format!("pages at {n} articles, cache off"));
    group.bench_function("ceiling (static string)", |b| {
        b.iter(|| runtime.block_on(fetch(&ceiling, black_box("/"), "gzip")));
    });
    for (name, uri) in &routes {
        // As rendered, then as a browser asks for it (gzip, which the load test asks for too).
        for encoding in ["identity", "gzip"] {
            let size = runtime.block_on(fetch(&router, uri, encoding));
            eprintln!("{name}, {encoding}: {size} bytes");
            group.bench_function(format!("{name} ({encoding})"), |b| {
                b.iter(|| runtime.block_on(fetch(&router, black_box(uri), encoding)));
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = pages
}
criterion_main!(benches);
