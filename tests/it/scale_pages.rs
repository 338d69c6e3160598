//! Pages that stay small at scale: a generated corpus of 300 articles served with tiny caps. The
//! grid shows the configured number of actors and links to the rest, comparison cells show a page
//! of claims and their "more" links reach every claim once, invalid pages say which pages exist,
//! the API's pages add up to every claim once, and no page grows past a bound that the corpus
//! would break without the caps.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::OnceLock;

use crate::support::*;
use axum::Router;
use axum::http::StatusCode;
use serde_json::Value;
use standpoint::web::{AppState, app};
use standpoint::{Config, Index, corpus};

const ARTICLES: usize = 300;
const GRID_ACTORS: usize = 5;
const CLAIMS_PER_PAGE: usize = 7;
const LIST_PER_PAGE: usize = 10;
const SOURCES_PER_CELL: usize = 3;
const API_PER_PAGE: usize = 25;
const API_MAX_PER_PAGE: usize = 60;

struct Fixture {
    index: Index,
    app: Router,
    _dir: tempfile::TempDir,
}

/// The generated corpus, indexed once, and the app over it with tiny caps.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut config = Config::default_config();
        let dir = tempfile::tempdir().expect("tempdir");
        standpoint::synth::Generator::new(&config, 7)
            .write(ARTICLES, dir.path())
            .expect("write the corpus");
        let limits = &mut config.limits;
        limits.grid_actors = GRID_ACTORS;
        limits.claims_per_page = CLAIMS_PER_PAGE;
        limits.list_per_page = LIST_PER_PAGE;
        limits.sources_per_cell = SOURCES_PER_CELL;
        limits.api_per_page = API_PER_PAGE;
        limits.api_max_per_page = API_MAX_PER_PAGE;
        let corpus = corpus::load_dir(dir.path(), &config).expect("load");
        let index = Index::build(corpus, &config);
        let app = app(AppState::new(index.clone(), config));
        Fixture {
            index,
            app,
            _dir: dir,
        }
    })
}

fn attr(el: &scraper::ElementRef<'_>, name: &str) -> String {
    el.value().attr(name).unwrap_or_default().to_string()
}

/// Follows `rel=next` from `start`, returning every page's response.
async fn pages(app: &Router, start: &str) -> Vec<(String, Res)> {
    let mut out = Vec::new();
    let mut at = Some(start.to_string());
    while let Some(path) = at {
        let res = get_ok(app, &path).await;
        at = select(&res.doc(), "a[rel='next']")
            .first()
            .map(|a| attr(a, "href"));
        out.push((path, res));
        assert!(out.len() < 1000, "{start}: runaway pages");
    }
    out
}

/// An evidence card as a reader identifies it: the sentence it links to and its quotation.
fn card(el: &scraper::ElementRef<'_>) -> (String, String) {
    let href = select_in(el, "a.passage")
        .first()
        .map(|a| attr(a, "href"))
        .unwrap_or_default();
    let quote = select_in(el, "blockquote")
        .first()
        .map(text)
        .unwrap_or_default();
    (href, quote)
}

fn claim_card(c: &standpoint::Claim) -> (String, String) {
    (
        format!("/articles/{}#s-{}", c.article, c.sentence),
        normalize(&c.evidence),
    )
}

fn counted<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeMap<T, usize> {
    let mut out = BTreeMap::new();
    for item in items {
        *out.entry(item).or_default() += 1;
    }
    out
}

#[tokio::test]
async fn the_grid_shows_the_configured_actors_and_links_to_every_other_one() {
    let f = fixture();
    let quoted: Vec<&str> = f
        .index
        .actors
        .iter()
        .filter(|a| f.index.claim_count(&a.id) > 0)
        .map(|a| a.id.as_str())
        .collect();
    assert!(quoted.len() > 3 * GRID_ACTORS, "{} actors", quoted.len());
    let home = get_ok(&f.app, "/").await;
    let doc = home.doc();
    let rows: Vec<String> = select(&doc, "table.grid tbody tr th a")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    let most_quoted: Vec<String> = quoted[..GRID_ACTORS]
        .iter()
        .map(|id| format!("/actors/{id}"))
        .collect();
    assert_eq!(rows, most_quoted, "the grid is the most-quoted actors");
    let more = select(&doc, "#grid a[href='/actors']");
    assert_eq!(more.len(), 1, "a link to the other actors");
    assert!(text(&more[0]).contains("every actor"));
    let said = text(&select(&doc, "#grid p.more")[0]);
    assert!(
        said.contains(&format!("{} more", quoted.len() - GRID_ACTORS)),
        "{said}"
    );

    // `/actors`, page after page, lists every actor once, most-quoted first.
    let mut listed = Vec::new();
    for (path, res) in pages(&f.app, "/actors").await {
        let doc = res.doc();
        let rows: Vec<String> = select(&doc, "table.grid tbody tr th a")
            .iter()
            .map(|a| attr(a, "href"))
            .collect();
        assert!(
            !rows.is_empty() && rows.len() <= LIST_PER_PAGE,
            "{path}: {}",
            rows.len()
        );
        listed.extend(rows);
    }
    let all: Vec<String> = f
        .index
        .actors
        .iter()
        .map(|a| format!("/actors/{}", a.id))
        .collect();
    assert_eq!(listed, all);

    // The home page lists the first articles and links to all of them, a page at a time.
    let rows = select(&doc, "table.articles tbody tr");
    assert_eq!(rows.len(), LIST_PER_PAGE);
    assert_eq!(select(&doc, "a[href='/articles']").len(), 1);
    let mut listed = Vec::new();
    for (path, res) in pages(&f.app, "/articles").await {
        let doc = res.doc();
        let rows: Vec<String> = select(&doc, "table.articles tbody tr td:nth-child(2) > a")
            .iter()
            .map(|a| attr(a, "href"))
            .collect();
        assert!(rows.len() <= LIST_PER_PAGE, "{path}");
        listed.extend(rows);
    }
    let all: Vec<String> = f
        .index
        .articles
        .iter()
        .map(|a| format!("/articles/{}", a.id))
        .collect();
    assert_eq!(listed, all);
}

/// Claims a cell shows in a comparison of several cells (`evidence::DIGEST_CLAIMS`).
const DIGEST_CLAIMS: usize = 3;

#[tokio::test]
async fn a_comparison_cell_shows_its_strongest_claims_and_its_own_page_lists_every_claim_once() {
    let f = fixture();
    let actors = some_actors(&f.index, 2);
    let path = compare_path(&f.index, &actors);
    let res = get_ok(&f.app, &path).await;
    let doc = res.doc();
    let mut checked = 0;
    for section in select(&doc, "section.topic") {
        let topic = attr(&section, "aria-labelledby")
            .trim_start_matches("topic-")
            .to_string();
        for column in select_in(&section, ".column") {
            let actor = attr(&column, "data-actor");
            let all: Vec<&standpoint::Claim> = f.index.claims_for(&actor, &topic).collect();
            let cards = select_in(&column, "ol.cell-claims > li > .evidence");
            assert_eq!(cards.len(), all.len().min(DIGEST_CLAIMS), "{actor} {topic}");
            // The strongest: confident claims first (the corpus has low-confidence ones).
            let low = cards.iter().map(|c| {
                c.value()
                    .attr("class")
                    .unwrap_or_default()
                    .contains("low-confidence")
            });
            let confident = all.iter().filter(|c| c.confidence >= 0.5).count();
            assert!(
                low.take(confident.min(DIGEST_CLAIMS)).all(|l| !l),
                "{actor} {topic}: a low-confidence claim before a confident one"
            );
            // ...and of those, the latest published first.
            let published = |c: &standpoint::Claim| {
                f.index
                    .article(&c.article)
                    .and_then(|a| a.meta.published)
                    .map(|p| p.period.start)
            };
            if confident > 0 {
                let latest = all
                    .iter()
                    .filter(|c| c.confidence >= 0.5)
                    .map(|c| published(c))
                    .max()
                    .flatten();
                let first = all.iter().find(|c| claim_card(c) == card(&cards[0]));
                assert_eq!(first.and_then(|c| published(c)), latest, "{actor} {topic}");
            }
            // The summary counts every claim, not those shown.
            let counts = text(&select_in(&column, ".position .counts")[0]);
            assert!(
                counts.starts_with(&format!("{} claim", all.len())),
                "{counts}"
            );
            // No pages in a cell of several: one link to the cell's own comparison instead.
            assert!(select_in(&column, "a.more-claims").is_empty());
            let link = select_in(&column, "a.all-claims")
                .first()
                .map(|a| attr(a, "href"));
            assert_eq!(link.is_some(), all.len() > DIGEST_CLAIMS, "{actor} {topic}");
            let Some(own) = link else {
                // Nothing hidden: every claim of a small cell is on the comparison.
                assert_eq!(
                    counted(cards.iter().map(card)),
                    counted(all.iter().map(|c| claim_card(c))),
                    "{actor} {topic}"
                );
                continue;
            };
            assert_eq!(own, format!("/compare/{actor}/{topic}"));
            let link_text = text(&select_in(&column, "a.all-claims")[0]);
            assert!(
                link_text.starts_with(&format!("All {} claims", all.len())),
                "{link_text}"
            );
            // The cell's own comparison, and its "more" links, reach every claim exactly once,
            // a page at a time.
            let mut seen = Vec::new();
            let mut next = Some(own);
            let mut pages = 0;
            while let Some(href) = next {
                let page = get_ok(&f.app, &href).await;
                let doc = page.doc();
                let cards = select(&doc, "ol.cell-claims > li > .evidence");
                assert!(
                    !cards.is_empty() && cards.len() <= CLAIMS_PER_PAGE,
                    "{href}"
                );
                seen.extend(cards.iter().map(card));
                next = select(&doc, "a.more-claims")
                    .first()
                    .map(|a| attr(a, "href"));
                if let Some(n) = &next {
                    assert!(
                        n.starts_with(&format!("/compare/{actor}/{topic}?page=")),
                        "{n}"
                    );
                }
                pages += 1;
            }
            assert_eq!(pages, all.len().div_ceil(CLAIMS_PER_PAGE));
            assert_eq!(
                counted(seen),
                counted(all.iter().map(|c| claim_card(c))),
                "{actor} {topic}"
            );
            checked += usize::from(all.len() > 2 * CLAIMS_PER_PAGE);
        }
    }
    assert!(checked >= 2, "cells with several pages: {checked}");

    // A paged comparison's old links keep answering, with the same cells; the page is one.
    let page2 = get_ok(&f.app, &format!("{path}?page=2")).await;
    let canonical = select(&page2.doc(), "link[rel='canonical']")
        .first()
        .map(|l| attr(l, "href"))
        .unwrap_or_default();
    assert_eq!(canonical, format!("http://standpoint.test{path}"));
    assert_eq!(
        select(&page2.doc(), "ol.cell-claims > li > .evidence").len(),
        select(&doc, "ol.cell-claims > li > .evidence").len()
    );
    assert!(select(&page2.doc(), "nav.pager").is_empty());
    let beyond = get(&f.app, &format!("{path}?page=9999")).await;
    assert_eq!(beyond.status, StatusCode::NOT_FOUND);
    // Ids upper-cased and one repeated: a 301 that keeps the reader's order and the query.
    let mut reversed: Vec<String> = actors.iter().map(|a| a.to_uppercase()).collect();
    reversed.push(actors[0].clone());
    let (_, topics) = path
        .trim_start_matches("/compare/")
        .split_once('/')
        .unwrap();
    let res = get(
        &f.app,
        &format!(
            "/compare/{}/{topics}?page=2&confidence=high",
            reversed.join("+")
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.location(), format!("{path}?confidence=high&page=2"));
    let name = f.index.actors[0].name.replace(' ', "%20");
    let res = get(&f.app, &format!("/actors/{name}?page=2")).await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        res.location(),
        format!("/actors/{}?page=2", f.index.actors[0].id)
    );
}

#[tokio::test]
async fn topic_and_article_pages_together_list_every_claim_once() {
    let f = fixture();
    let topic = &f.index.topics[0].id;
    let mut seen = Vec::new();
    for (path, res) in pages(&f.app, &format!("/topics/{topic}")).await {
        let doc = res.doc();
        let cards = select(&doc, "#evidence-heading ~ ol > li > .evidence");
        assert!(cards.len() <= CLAIMS_PER_PAGE, "{path}");
        seen.extend(cards.iter().map(card));
    }
    let all: Vec<_> = f
        .index
        .claims
        .iter()
        .filter(|c| &c.topic == topic)
        .map(claim_card)
        .collect();
    assert_eq!(seen, all, "in article and text order");

    let article = f
        .index
        .articles
        .iter()
        .find(|a| f.index.claims_in(&a.id).count() > 2 * CLAIMS_PER_PAGE)
        .expect("an article with several pages of claims");
    let mut seen = Vec::new();
    for (path, res) in pages(&f.app, &format!("/articles/{}", article.id)).await {
        let doc = res.doc();
        // Every page shows the whole article, and a page of its claims.
        assert_eq!(select(&doc, ".s").len(), article.sentences.len(), "{path}");
        let items = select(&doc, ".article-claims ol > li > a");
        assert!(items.len() <= CLAIMS_PER_PAGE, "{path}");
        seen.extend(items.iter().map(|a| attr(a, "href")));
    }
    let all: Vec<String> = f
        .index
        .claims_in(&article.id)
        .map(|c| format!("/articles/{}#s-{}", c.article, c.sentence))
        .collect();
    assert_eq!(seen, all);
}

#[tokio::test]
async fn invalid_pages_say_which_pages_exist() {
    let f = fixture();
    let index = &f.index;
    let pages_of = |n: usize, per: usize| n.div_ceil(per).max(1);
    let actor = &index.actors[0].id;
    let topic = &index.topics[0].id;
    let article = &index.articles[0].id;
    let longest = index
        .topics
        .iter()
        .map(|t| index.claims_for(actor, &t.id).count())
        .max()
        .unwrap();
    let cases = [
        (
            format!("/actors/{actor}"),
            pages_of(longest, CLAIMS_PER_PAGE),
        ),
        (
            format!("/topics/{topic}"),
            pages_of(index.topic_claim_count(topic), CLAIMS_PER_PAGE),
        ),
        (
            format!("/articles/{article}"),
            pages_of(index.claims_in(article).count(), CLAIMS_PER_PAGE),
        ),
        (
            format!("/compare/{actor}/{topic}"),
            pages_of(index.claims_for(actor, topic).count(), CLAIMS_PER_PAGE),
        ),
        (
            "/actors".to_string(),
            pages_of(index.actors.len(), LIST_PER_PAGE),
        ),
        (
            "/articles".to_string(),
            pages_of(index.articles.len(), LIST_PER_PAGE),
        ),
    ];
    for (path, last) in &cases {
        assert!(*last > 1, "{path} has several pages");
        get_ok(&f.app, &format!("{path}?page={last}")).await;
        let beyond = (last + 1).to_string();
        for (given, status) in [
            ("0", StatusCode::BAD_REQUEST),
            ("-1", StatusCode::BAD_REQUEST),
            ("abc", StatusCode::BAD_REQUEST),
            ("2.5", StatusCode::BAD_REQUEST),
            (beyond.as_str(), StatusCode::NOT_FOUND),
            ("99999999999999999999999", StatusCode::NOT_FOUND),
        ] {
            let url = format!("{path}?page={given}");
            let res = get(&f.app, &url).await;
            assert_eq!(res.status, status, "{url}");
            assert!(res.is_html(), "{url}");
            check_html(&url, &res.body).unwrap();
            let message = text(&select(&res.doc(), ".message")[0]);
            assert!(
                message.contains(&format!("Pages run from 1 to {last}")),
                "{url}: {message}"
            );
            // The error offers the first and the last page.
            let offered: Vec<String> = select(&res.doc(), ".valid a")
                .iter()
                .map(|a| attr(a, "href"))
                .collect();
            assert!(offered.iter().any(|h| h.ends_with(&format!("page={last}"))));
        }
    }

    // The API says the same in JSON, per_page included.
    let last = pages_of(index.claims.len(), API_PER_PAGE);
    for (query, status, code) in [
        ("page=0".to_string(), 400, "bad-page"),
        ("page=x".to_string(), 400, "bad-page"),
        (format!("page={}", last + 1), 404, "page-not-found"),
        ("per_page=0".to_string(), 400, "bad-per-page"),
        (
            format!("per_page={}", API_MAX_PER_PAGE + 1),
            400,
            "bad-per-page",
        ),
        ("per_page=ten".to_string(), 400, "bad-per-page"),
    ] {
        let url = format!("/api/v1/claims?{query}");
        let res = get(&f.app, &url).await;
        assert_eq!(res.status.as_u16(), status, "{url}");
        let json = res.json();
        assert_eq!(json["error"]["code"], code, "{url}");
        let message = json["error"]["message"].as_str().unwrap();
        let range = if code == "bad-per-page" {
            format!("1 to {API_MAX_PER_PAGE}")
        } else {
            format!("1 to {last}")
        };
        assert!(message.contains(&range), "{url}: {message}");
    }
}

/// Pages through an API list from its first page, checking the paging fields on each.
async fn api_pages(app: &Router, start: &str, per_page: usize, key: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut at = Some(start.to_string());
    let mut page = 0;
    let mut total = None;
    while let Some(path) = at {
        page += 1;
        let json = get_ok(app, &path).await.json();
        let list = json[key].as_array().unwrap();
        assert_eq!(json["page"], page, "{path}");
        assert_eq!(json["per_page"], per_page, "{path}");
        let t = json["total"].as_u64().unwrap() as usize;
        assert_eq!(*total.get_or_insert(t), t, "{path}: the total holds");
        assert_eq!(json["pages"], t.div_ceil(per_page).max(1), "{path}");
        let last = page == t.div_ceil(per_page).max(1);
        let want = if last {
            t - (page - 1) * per_page
        } else {
            per_page
        };
        assert_eq!(list.len(), want, "{path}");
        if page > 1 {
            assert!(json["prev"].as_str().is_some(), "{path}");
        }
        items.extend(list.iter().cloned());
        at = json["next"].as_str().map(str::to_string);
        assert_eq!(at.is_none(), last, "{path}: next until the last page");
    }
    assert_eq!(items.len(), total.unwrap());
    items
}

fn claim_key(c: &Value) -> String {
    format!(
        "{} {} {} {} {}",
        c["article"], c["span"]["start"], c["span"]["end"], c["actor"]["id"], c["topic"]
    )
}

#[tokio::test]
async fn api_pages_add_up_to_every_claim_once() {
    let f = fixture();
    let index = &f.index;
    let all: Vec<String> = index
        .claims
        .iter()
        .map(|c| {
            format!(
                "\"{}\" {} {} \"{}\" \"{}\"",
                c.article, c.span.start, c.span.end, c.actor.id, c.topic
            )
        })
        .collect();
    let claims = api_pages(
        &f.app,
        &format!("/api/v1/claims?per_page={API_MAX_PER_PAGE}"),
        API_MAX_PER_PAGE,
        "claims",
    )
    .await;
    assert_eq!(claims.iter().map(claim_key).collect::<Vec<_>>(), all);

    // Filtered lists page the same way, with the filters kept in the links.
    let actor = &index.actors[1].id;
    let topic = &index.topics[1].id;
    for (query, want) in [
        (
            format!("actor={actor}&topic={topic}"),
            index
                .claims
                .iter()
                .filter(|c| &c.actor.id == actor && &c.topic == topic)
                .count(),
        ),
        (
            format!("topic={topic}&stance=oppose"),
            index
                .claims
                .iter()
                .filter(|c| &c.topic == topic && c.stance == standpoint::Stance::Oppose)
                .count(),
        ),
        (
            format!("actor={actor}&confidence=high"),
            index
                .claims
                .iter()
                .filter(|c| &c.actor.id == actor && !index.is_low_confidence(c))
                .count(),
        ),
    ] {
        let items = api_pages(
            &f.app,
            &format!("/api/v1/claims?{query}"),
            API_PER_PAGE,
            "claims",
        )
        .await;
        assert_eq!(items.len(), want, "{query}");
        let keys = items.iter().map(claim_key).collect::<BTreeSet<_>>();
        assert_eq!(keys.len(), want, "{query}: each claim once");
    }

    // Articles, actors and grid rows.
    let articles = api_pages(&f.app, "/api/v1/articles", API_PER_PAGE, "articles").await;
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let want: Vec<&str> = index.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, want);
    let actors = api_pages(&f.app, "/api/v1/actors?per_page=7", 7, "actors").await;
    assert_eq!(actors.len(), index.actors.len());
    let rows = api_pages(&f.app, "/api/v1/grid", GRID_ACTORS, "rows").await;
    assert_eq!(rows.len(), index.quoted_actors().count());
    for row in &rows {
        for p in row["positions"].as_array().unwrap() {
            assert!(p["sources"].as_array().unwrap().len() <= SOURCES_PER_CELL);
        }
    }

    // A position's claims page along with the others; each names its count and the full list.
    let id = &index.actors[0].id;
    let json = get_ok(&f.app, &format!("/api/v1/actors/{id}?per_page=9&page=2"))
        .await
        .json();
    for p in json["positions"].as_array().unwrap() {
        let topic = p["topic"].as_str().unwrap();
        let count = index.claims_for(id, topic).count();
        assert_eq!(p["claim_count"], count);
        let shown = p["claims"].as_array().unwrap().len();
        assert_eq!(shown, count.saturating_sub(9).min(9), "{topic}");
        assert!(
            p["coverage"]["sources"].as_array().unwrap().len() <= SOURCES_PER_CELL,
            "{topic}"
        );
        let href = p["claims_href"].as_str().unwrap();
        let listed = get_ok(&f.app, href).await.json();
        assert_eq!(listed["total"], count);
    }
}

/// Every page reachable from the home page, breadth first (downloads and the API left out).
async fn crawl(app: &Router, limit: usize) -> Vec<(String, Res)> {
    let mut seen = BTreeSet::from(["/".to_string()]);
    let mut queue = VecDeque::from(["/".to_string()]);
    let mut out = Vec::new();
    while let Some(path) = queue.pop_front() {
        let res = get(app, &path).await;
        assert!(res.status.is_success(), "{path}: {}", res.status);
        for a in select(&res.doc(), "a[href^='/']") {
            let href = attr(&a, "href");
            let href = href.split('#').next().unwrap_or_default().to_string();
            let skip = href.starts_with("/api")
                || href.starts_with("/static")
                || href.contains("/export.")
                || href.contains("/card.svg")
                || href.contains("confidence=");
            if !skip && seen.len() < limit && seen.insert(href.clone()) {
                queue.push_back(href);
            }
        }
        out.push((path, res));
    }
    out
}

#[tokio::test]
async fn every_page_stays_small_whatever_the_corpus() {
    let f = fixture();
    // Without caps this corpus makes a topic page of ~2 MB, a home page of ~1 MB and an actor
    // page of ~150 kB; with them, no page passes 100 kB.
    const MAX_PAGE: usize = 100_000;
    let pages = crawl(&f.app, 2000).await;
    let kinds: BTreeSet<&str> = pages
        .iter()
        .map(|(p, _)| p.split(['/', '?']).nth(1).unwrap_or_default())
        .collect();
    for kind in ["", "actors", "articles", "compare", "topics"] {
        assert!(kinds.contains(kind), "crawled a /{kind} page: {kinds:?}");
    }
    let mut largest = (0, String::new());
    for (path, res) in &pages {
        assert!(
            res.body.len() < MAX_PAGE,
            "{path} is {} bytes",
            res.body.len()
        );
        largest = largest.max((res.body.len(), path.clone()));
    }
    for (path, res) in pages.iter().step_by(7) {
        check_html(path, &res.body).unwrap();
    }
    // A comparison of four actors on every topic: ~500 kB without the caps.
    let actors = some_actors(&f.index, 4);
    let res = get_ok(&f.app, &compare_path(&f.index, &actors)).await;
    assert!(res.body.len() < 3 * MAX_PAGE, "{}", res.body.len());

    // API answers too.
    for path in [
        "/api/v1/articles".to_string(),
        "/api/v1/actors".to_string(),
        "/api/v1/claims".to_string(),
        "/api/v1/grid".to_string(),
        format!("/api/v1/topics/{}", f.index.topics[0].id),
        format!("/api/v1/actors/{}", f.index.actors[0].id),
        format!("/api/v1{}", compare_path(&f.index, &actors)),
    ] {
        let res = get_ok(&f.app, &path).await;
        assert!(res.body.len() < 3 * MAX_PAGE, "{path}: {}", res.body.len());
    }
    eprintln!(
        "{} pages crawled, largest {} bytes: {}",
        pages.len(),
        largest.0,
        largest.1
    );
}
