//! The response cache: a page asked for again is the same page, revalidates with 304, and never
//! crosses hosts or encodings; with the cache off, answers are the same.

use crate::support::{build_index, compare_path, request, seeds_dir, some_actors};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use standpoint::web::{AppState, app};

fn get_from(host: &str, uri: &str, gzip: bool) -> Request<Body> {
    let mut req = Request::get(uri).header(header::HOST, host);
    if gzip {
        req = req.header(header::ACCEPT_ENCODING, "gzip");
    }
    req.body(Body::empty()).expect("request")
}

#[tokio::test]
async fn repeated_requests_get_the_same_answer_and_revalidate() {
    let (config, index) = build_index(&seeds_dir());
    let compare = compare_path(&index, &some_actors(&index, 3));
    let mut off = config.clone();
    off.limits.response_cache_bytes = 0;
    let cached = app(AppState::new(index.clone(), config));
    let uncached = app(AppState::new(index, off));
    for uri in [
        "/",
        compare.as_str(),
        "/api/v1/claims",
        "/articles/000-83a8894dfe4c3e2e",
    ] {
        let first = request(&cached, get_from("a.test", uri, false)).await;
        assert_eq!(first.status, StatusCode::OK, "{uri}");
        let again = request(&cached, get_from("a.test", uri, false)).await;
        let fresh = request(&uncached, get_from("a.test", uri, false)).await;
        assert_eq!(again.body, first.body, "{uri}");
        assert_eq!(
            fresh.body, first.body,
            "{uri}: the cache changed the answer"
        );
        for name in [
            header::CONTENT_TYPE,
            header::ETAG,
            header::CONTENT_SECURITY_POLICY,
        ] {
            assert_eq!(
                again.header(name.clone()),
                first.header(name.clone()),
                "{uri} {name}"
            );
        }
        // Revalidation from the kept ETag.
        let tag = first.header(header::ETAG).to_string();
        assert!(!tag.is_empty(), "{uri}");
        let req = Request::get(uri)
            .header(header::HOST, "a.test")
            .header(header::IF_NONE_MATCH, &tag)
            .body(Body::empty())
            .expect("request");
        let revalidated = request(&cached, req).await;
        assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(revalidated.body.is_empty());
        assert_eq!(revalidated.header(header::ETAG), tag);
    }

    // Another host gets its own absolute links, and a gzip client gets gzip, even when the
    // same URI was kept for someone else.
    let a = request(&cached, get_from("a.test", &compare, false)).await;
    let b = request(&cached, get_from("b.test", &compare, false)).await;
    assert!(a.body.contains("a.test") && !a.body.contains("b.test"));
    assert!(b.body.contains("b.test") && !b.body.contains("a.test"));
    let zipped = request(&cached, get_from("a.test", &compare, true)).await;
    assert_eq!(zipped.header(header::CONTENT_ENCODING), "gzip");
    let plain = request(&cached, get_from("a.test", &compare, false)).await;
    assert_eq!(plain.header(header::CONTENT_ENCODING), "");
    assert_eq!(plain.body, a.body);

    // Errors are not kept: an unknown page stays a 404 with its message.
    for _ in 0..2 {
        let missing = request(&cached, get_from("a.test", "/actors/nobody", false)).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("nobody"));
    }
}
