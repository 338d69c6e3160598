//! Comparison pages spliced from cell fragments: byte for byte the page the template renders
//! whole, as HTML and gzipped, for many selections, on the seeds, on a hostile fixture and on a
//! generated corpus; the ETag is the same for both encodings and revalidates.

use std::io::Read;

use crate::support::{build_index, fixture_dir, seeds_dir};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use standpoint::web::{AppState, app};
use standpoint::{Config, Index, corpus};
use tower::ServiceExt;

/// A response with its body as sent, not decoded.
struct Raw {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The body, gunzipped when it says it is gzip.
    fn decoded(&self) -> Vec<u8> {
        if self.header(header::CONTENT_ENCODING) != "gzip" {
            return self.body.clone();
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&self.body[..])
            .read_to_end(&mut out)
            .expect("a valid gzip body");
        out
    }
}

async fn fetch(app: &Router, uri: &str, gzip: bool, etag: Option<&str>) -> Raw {
    let mut req = Request::get(uri).header(header::HOST, "standpoint.test");
    if gzip {
        req = req.header(header::ACCEPT_ENCODING, "gzip, deflate");
    }
    if let Some(tag) = etag {
        req = req.header(header::IF_NONE_MATCH, tag);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    Raw {
        status: res.status(),
        headers: res.headers().clone(),
        body: res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    }
}

/// Comparisons of several cells (and a few of one) over `index`: pairs, three by three, every
/// topic, the most actors allowed, actors without claims, both confidence choices, a page
/// number, and a page that does not exist.
fn selections(index: &Index, config: &Config) -> Vec<String> {
    let actors: Vec<&str> = index.actors.iter().map(|a| a.id.as_str()).collect();
    let topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    let take = |v: &[&str], n: usize| v.iter().take(n).copied().collect::<Vec<_>>().join("+");
    let silent = index
        .actors
        .iter()
        .rev()
        .take(2)
        .map(|a| a.id.as_str())
        .collect::<Vec<_>>()
        .join("+");
    let max = config.limits.max_compare_actors;
    let mut paths = vec![
        format!("/compare/{}/{}", take(&actors, 2), take(&topics, 1)),
        format!("/compare/{}/{}", take(&actors, 1), take(&topics, 3)),
        format!("/compare/{}/{}", take(&actors, 3), take(&topics, 3)),
        format!("/compare/{}/{}", take(&actors, max), topics.join("+")),
        format!(
            "/compare/{}+{silent}/{}",
            take(&actors, 1),
            topics.join("+")
        ),
        format!("/compare/{}/{}", take(&actors, 1), take(&topics, 1)),
    ];
    if actors.len() > 4 {
        let reversed: Vec<&str> = actors.iter().rev().copied().collect();
        paths.push(format!(
            "/compare/{}/{}",
            take(&reversed, 4),
            topics.join("+")
        ));
    }
    let mut all = Vec::new();
    for p in paths {
        for q in [
            "",
            "?confidence=high",
            "?page=1",
            "?page=99999",
            "?confidence=high&page=2",
        ] {
            all.push(format!("{p}{q}"));
        }
    }
    all
}

/// Every selection answers the same through the spliced and the whole app, as HTML and gzipped,
/// with the response cache on and off.
async fn same_pages(config: Config, index: Index) {
    let uris = selections(&index, &config);
    for cache in [0, 1 << 20] {
        let mut config = config.clone();
        config.limits.response_cache_bytes = cache;
        let spliced = app(AppState::new(index.clone(), config.clone()));
        let whole = app(AppState::new(index.clone(), config).whole_pages());
        for uri in &uris {
            let reference = fetch(&whole, uri, false, None).await;
            let plain = fetch(&spliced, uri, false, None).await;
            let zipped = fetch(&spliced, uri, true, None).await;
            for res in [&plain, &zipped] {
                assert_eq!(res.status, reference.status, "{uri}");
                assert_eq!(
                    String::from_utf8_lossy(&res.decoded()),
                    String::from_utf8_lossy(&reference.body),
                    "{uri}, cache {cache}, {}",
                    res.header(header::CONTENT_ENCODING)
                );
                assert_eq!(
                    res.header(header::CONTENT_TYPE),
                    reference.header(header::CONTENT_TYPE)
                );
            }
            if reference.status != StatusCode::OK {
                continue;
            }
            assert_eq!(zipped.header(header::CONTENT_ENCODING), "gzip", "{uri}");
            let tag = plain.header(header::ETAG);
            assert!(tag.starts_with("W/\""), "{uri}: {tag}");
            assert_eq!(zipped.header(header::ETAG), tag, "{uri}");
            let again = fetch(&spliced, uri, true, Some(tag)).await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
            assert!(again.body.is_empty());
        }
    }
}

#[tokio::test]
async fn spliced_comparisons_equal_whole_ones_on_the_seeds() {
    let (config, index) = build_index(&seeds_dir());
    same_pages(config, index).await;
}

#[tokio::test]
async fn spliced_comparisons_equal_whole_ones_with_hostile_text() {
    let dir = fixture_dir();
    let (config, index) = build_index(dir.path());
    same_pages(config, index).await;
}

#[tokio::test]
async fn spliced_comparisons_equal_whole_ones_on_a_generated_corpus() {
    let mut config = Config::default_config();
    config.limits.claims_per_page = 5;
    config.limits.sources_per_cell = 3;
    let dir = tempfile::tempdir().expect("tempdir");
    standpoint::synth::Generator::new(&config, 11)
        .write(400, dir.path())
        .expect("write the corpus");
    let corpus = corpus::load_dir(dir.path(), &config).expect("load");
    let index = Index::build(corpus, &config);
    same_pages(config, index).await;
}

/// The ETag of a spliced page changes with what it shows: another selection, another choice.
#[tokio::test]
async fn spliced_etags_follow_the_page() {
    let (mut config, index) = build_index(&seeds_dir());
    config.limits.response_cache_bytes = 0;
    let uris = selections(&index, &config);
    let spliced = app(AppState::new(index, config));
    let mut tags = std::collections::BTreeMap::new();
    for uri in uris.iter().filter(|u| !u.contains("page=")) {
        let res = fetch(&spliced, uri, true, None).await;
        let body = res.decoded();
        let tag = res.header(header::ETAG).to_string();
        if let Some(other) = tags.insert(tag.clone(), body.clone()) {
            assert_eq!(other, body, "{uri}: one ETag for two pages");
        }
    }
    assert!(tags.len() > 5, "{tags:?}");
}
