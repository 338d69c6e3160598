//! Answers one address N times in-process through `app()`, as benches/pages.rs does, for
//! profiling (callgrind, perf): `page_loop SNAPSHOT CONFIG URI ROUNDS [gzip|identity]`. One
//! request first, not counted, warms what is rendered on first use; the ROUNDS after it are
//! answered in `answer`, so that callgrind can count them alone:
//! `valgrind --tool=callgrind --toggle-collect='page_loop::answer' page_loop ...`.
/// The allocator the `standpoint` binary runs with.
#[global_allocator]
static ALLOCATOR: standpoint::allocator::Mimalloc = standpoint::allocator::Mimalloc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

fn main() {
    let arg = |n: usize| std::env::args().nth(n).unwrap_or_default();
    let config = standpoint::Config::load(std::path::Path::new(&arg(2))).expect("config");
    let index = standpoint::Index::read_snapshot_for(std::path::Path::new(&arg(1)), &config)
        .expect("snapshot");
    let router = standpoint::web::app(standpoint::web::AppState::new(index, config));
    let uri = arg(3);
    let rounds: usize = arg(4).parse().unwrap_or(21);
    let encoding = if arg(5).is_empty() {
        "gzip".into()
    } else {
        arg(5)
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut bytes = runtime.block_on(fetch(&router, &uri, &encoding));
    let started = std::time::Instant::now();
    for _ in 0..rounds {
        bytes = answer(&runtime, &router, &uri, &encoding);
    }
    let each = started.elapsed() / rounds as u32;
    println!("{uri} ({encoding}): {bytes} bytes, {each:?} per answer");
}

/// One counted request.
#[inline(never)]
fn answer(runtime: &tokio::runtime::Runtime, router: &Router, uri: &str, encoding: &str) -> usize {
    runtime.block_on(fetch(router, uri, encoding))
}

/// One request, read whole; panics unless it is a 200.
async fn fetch(router: &Router, uri: &str, encoding: &str) -> usize {
    let req = Request::get(uri)
        .header("accept-encoding", encoding)
        .body(Body::empty())
        .expect("request");
    let res = router.clone().oneshot(req).await.expect("infallible");
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body")
        .len()
}
