//! Absolute links (issue 13): with a public URL every absolute link uses it whatever the request's
//! headers; without one they use `Host`, and `X-Forwarded-Host`/`-Proto` change nothing unless
//! the server trusts its proxy.

use crate::support::*;
use axum::http::StatusCode;
use standpoint::web::origin::PublicOrigin;

fn app_with(origin: PublicOrigin) -> axum::Router {
    standpoint::web::app(state(&seeds_dir()).with_origin(origin))
}

/// Every absolute URL (`http://` or `https://`) in a body.
fn absolute_links(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for scheme in ["http://", "https://"] {
        for (at, _) in body.match_indices(scheme) {
            let url: String = body[at..]
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | '<' | ' ' | ',' | '\r' | '\n'))
                .collect();
            out.push(url);
        }
    }
    out
}

/// A page of every kind, a download and an API answer.
fn pages() -> Vec<String> {
    let base = "/compare/zelensky+trump/ceasefire+security-guarantees";
    vec![
        "/".into(),
        "/compare".into(),
        base.into(),
        format!("{base}/export.csv"),
        format!("{base}/export.json"),
        "/actors".into(),
        "/actors/zelensky".into(),
        "/topics/ceasefire".into(),
        "/articles".into(),
        "/articles/004-a45b5977d33f2883".into(),
        "/search?q=trump".into(),
        "/api/v1/compare/zelensky+trump/ceasefire".into(),
        "/api/v1/search?q=zelensky".into(),
        "/no-such-page".into(),
    ]
}

#[tokio::test]
async fn with_a_public_url_every_absolute_link_uses_it_whatever_the_headers() {
    let origin = PublicOrigin::new(Some("https://standpoint.example/"), false).unwrap();
    let app = app_with(origin);
    for headers in [
        vec![("host", "localhost:8080")],
        vec![
            ("host", "evil.example"),
            ("x-forwarded-host", "evil2.example"),
            ("x-forwarded-proto", "http"),
        ],
        vec![],
    ] {
        let mut ours = 0;
        for page in pages() {
            let res = get_with(&app, &page, &headers).await;
            assert!(
                res.status.is_success() || res.status == StatusCode::NOT_FOUND,
                "{page}"
            );
            for url in absolute_links(&res.body) {
                // Links to the articles' original pages are the only others.
                for host in ["localhost", "evil.example", "evil2.example"] {
                    assert!(!url.contains(host), "{page} with {headers:?}: {url}");
                }
                ours += usize::from(url.starts_with("https://standpoint.example/"));
            }
        }
        assert!(ours > 0, "the comparison and the CSV have absolute links");
        let res = get_with(&app, "/compare/trump/ceasefire", &headers).await;
        let doc = res.doc();
        for (css, attr) in [
            ("meta[property='og:url']", "content"),
            ("meta[property='og:image']", "content"),
            ("link[rel='canonical']", "href"),
        ] {
            let url = select(&doc, css)[0].value().attr(attr).unwrap().to_string();
            assert!(
                url.starts_with("https://standpoint.example/compare/trump/ceasefire"),
                "{css}: {url}"
            );
        }
    }
}

#[tokio::test]
async fn without_trust_proxy_forwarded_headers_change_nothing_in_any_page() {
    // Without the response cache, so that every answer is rendered for its own request.
    let (mut config, index) = build_index(&seeds_dir());
    config.limits.response_cache_bytes = 0;
    let app = standpoint::web::app(standpoint::web::AppState::new(index, config));
    for page in pages() {
        let plain = get_with(&app, &page, &[("host", "site.example")]).await;
        let forwarded = get_with(
            &app,
            &page,
            &[
                ("host", "site.example"),
                ("x-forwarded-host", "evil.example"),
                ("x-forwarded-proto", "https"),
            ],
        )
        .await;
        assert_eq!(plain.status, forwarded.status, "{page}");
        assert_eq!(plain.body, forwarded.body, "{page}");
        assert!(!forwarded.body.contains("evil.example"), "{page}");
    }
    let res = get_with(
        &app,
        "/compare/trump/ceasefire",
        &[("host", "site.example")],
    )
    .await;
    assert!(
        res.body
            .contains("content=\"http://site.example/compare/trump/ceasefire\"")
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_host_and_scheme_count() {
    let app = app_with(PublicOrigin::new(None, true).unwrap());
    let res = get_with(
        &app,
        "/compare/trump/ceasefire",
        &[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "news.example"),
            ("x-forwarded-proto", "https"),
        ],
    )
    .await;
    assert!(
        res.body
            .contains("content=\"https://news.example/compare/trump/ceasefire\""),
        "{}",
        res.body
    );
    // The kept answer for one forwarded host is not served for another.
    let other = get_with(
        &app,
        "/compare/trump/ceasefire",
        &[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "b.example"),
        ],
    )
    .await;
    assert!(
        other
            .body
            .contains("content=\"http://b.example/compare/trump/ceasefire\"")
    );
}

#[test]
fn a_bad_public_url_stops_the_server_before_indexing_with_a_clear_message() {
    for bad in [
        "standpoint.example",
        "https://standpoint.example/app",
        "ftp://x",
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_standpoint"))
            .args(["serve", "--corpus", "/nonexistent", "--public-url", bad])
            .env_remove("STANDPOINT_PUBLIC_URL")
            .output()
            .unwrap();
        assert!(!out.status.success(), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("invalid public URL") && err.contains(bad),
            "{bad}: {err}"
        );
    }
}
