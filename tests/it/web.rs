//! The web app through its router (`oneshot`) and on a real port: every route, redirects to
//! canonical permalinks, errors, headers, HTML validity, escaping, and evidence links.

use std::collections::{BTreeSet, VecDeque};

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use standpoint::web::views::highlight;

fn hashed_asset(res: &Res, prefix: &str) -> String {
    let doc = res.doc();
    let found = select(&doc, "link[href], script[src]")
        .into_iter()
        .filter_map(|el| el.value().attr("href").or(el.value().attr("src")))
        .find(|u| u.starts_with(prefix))
        .map(str::to_string);
    found.unwrap_or_else(|| panic!("no asset {prefix}"))
}

#[tokio::test]
async fn every_route_answers() {
    let dir = fixture_dir();
    let st = state(dir.path());
    let index = st.index.clone();
    let app = standpoint::web::app(st);
    let actors = some_actors(&index, 2);
    let article = &index.articles[0].id;
    let topic = &index.topics[0].id;
    let home = get_ok(&app, "/").await;
    assert!(home.is_html());
    let pages = [
        "/compare".to_string(),
        compare_path(&index, &actors),
        format!("/actors/{}", actors[0]),
        format!("/topics/{topic}"),
        format!("/articles/{article}"),
    ];
    for page in &pages {
        let res = get_ok(&app, page).await;
        assert!(res.is_html(), "{page}");
    }
    let css = get_ok(&app, &hashed_asset(&home, "/static/style.")).await;
    assert!(css.header(header::CONTENT_TYPE).starts_with("text/css"));
    let js = get_ok(&app, &hashed_asset(&home, "/static/copy.")).await;
    assert!(
        js.header(header::CONTENT_TYPE)
            .starts_with("text/javascript")
    );
    get_ok(&app, &hashed_asset(&home, "/static/favicon.")).await;
    assert_eq!(get_ok(&app, "/healthz").await.body.trim(), "ok");

    let api = [
        "/api/v1".to_string(),
        "/api/v1/articles".to_string(),
        format!("/api/v1/articles/{article}"),
        "/api/v1/actors".to_string(),
        format!("/api/v1/actors/{}", actors[0]),
        "/api/v1/topics".to_string(),
        format!("/api/v1/topics/{topic}"),
        "/api/v1/claims".to_string(),
        format!(
            "/api/v1/claims?actor={}&topic={topic}&stance=oppose&article={article}",
            actors[0]
        ),
        "/api/v1/grid".to_string(),
        format!("/api/v1{}", compare_path(&index, &actors)),
    ];
    for path in &api {
        let res = get_ok(&app, path).await;
        assert!(
            res.header(header::CONTENT_TYPE)
                .starts_with("application/json"),
            "{path}"
        );
        res.json();
    }
}

#[tokio::test]
async fn head_requests_work() {
    let dir = fixture_dir();
    let app = router(dir.path());
    let req = Request::head("/").body(Body::empty()).unwrap();
    let res = request(&app, req).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.is_empty());
}

#[tokio::test]
async fn comparisons_redirect_permanently_to_the_canonical_permalink() {
    let dir = fixture_dir();
    let app = router(dir.path());
    // The canonical form keeps the reader's order and only normalises ids, case and duplicates
    // (issue 13: it used to reorder most-quoted first).
    let location = "/compare/putin+zelensky+trump/ceasefire+us-troops";
    let res = get(&app, "/compare/putin+zelenskyy+trump/ceasefire+us-troops").await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        res.location(),
        location,
        "ids, not aliases, in the order given"
    );
    assert!(get_ok(&app, location).await.is_html());

    // Every other spelling of the same selection lands on the same URL.
    for variant in [
        "/compare/Putin+Zelenskyy+TRUMP/ceasefire+us-troops",
        "/compare/putin+zelensky+putin+trump/ceasefire+us-troops+ceasefire",
        "/compare/putin,zelensky,trump/ceasefire,us-troops",
        "/compare/putin++zelensky+trump/ceasefire+us-troops",
    ] {
        let res = get(&app, variant).await;
        assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY, "{variant}");
        assert_eq!(res.location(), location, "{variant}");
    }
    // Another order is another permalink, answered as asked.
    for order in [
        "/compare/zelensky+trump+putin/us-troops+ceasefire",
        "/compare/trump+putin+zelensky/ceasefire+us-troops",
    ] {
        let res = get_ok(&app, order).await;
        let doc = res.doc();
        let canonical = select(&doc, "link[rel=canonical]")[0]
            .value()
            .attr("href")
            .unwrap();
        assert_eq!(canonical, format!("http://standpoint.test{order}"));
    }
    // The canonical one itself does not redirect.
    assert_eq!(get(&app, location).await.status, StatusCode::OK);

    // The form redirects to the permalink; no topic means every topic.
    let res = get(
        &app,
        "/compare?actor=putin&actor=zelenskyy&actor=trump&topic=ceasefire&topic=us-troops",
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), location);
    let res = get(&app, "/compare?actor=trump").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let all = get(&app, "/compare/trump").await;
    assert_eq!(all.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.location(), all.location());
    get_ok(&app, all.location()).await;

    // Actor and topic pages redirect aliases to ids, and the API does the same.
    let res = get(&app, "/actors/Zelenskyy").await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.location(), "/actors/zelensky");
    let res = get(&app, "/topics/Ceasefire").await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.location(), "/topics/ceasefire");
    let res = get(&app, "/api/v1/compare/putin+Zelenskyy/ceasefire").await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.location(), "/api/v1/compare/putin+zelensky/ceasefire");
    get_ok(&app, "/api/v1/compare/zelensky+putin/ceasefire").await;
}

#[tokio::test]
async fn unknown_names_give_a_404_listing_the_valid_ones() {
    let dir = fixture_dir();
    let st = state(dir.path());
    let index = st.index.clone();
    let app = standpoint::web::app(st);
    for path in [
        "/compare/nobody+trump/ceasefire",
        "/actors/nobody",
        "/compare?actor=nobody",
    ] {
        let res = get(&app, path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(res.is_html());
        assert!(res.body.contains("nobody"), "{path} names the bad input");
        let doc = res.doc();
        let listed: BTreeSet<String> = select(&doc, ".valid a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for actor in &index.actors {
            assert!(
                listed.contains(&format!("/actors/{}", actor.id)),
                "{path} lists {}",
                actor.id
            );
        }
        check_html(path, &res.body).unwrap();
    }
    for path in ["/topics/nothing", "/compare/trump/nothing+ceasefire"] {
        let res = get(&app, path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        let doc = res.doc();
        let listed: Vec<String> = select(&doc, ".valid a").iter().map(text).collect();
        for topic in &index.topics {
            assert!(listed.contains(&topic.name), "{path} lists {}", topic.id);
        }
    }
    let res = get(&app, "/articles/nothing-here").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(select(&res.doc(), ".valid a").len(), index.articles.len());

    let res = get(&app, "/no/such/page").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.is_html());
    check_html("/no/such/page", &res.body).unwrap();

    // JSON for the API.
    let res = get(&app, "/api/v1/actors/nobody").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let json = res.json();
    assert_eq!(json["error"]["code"], "unknown-actor");
    let valid = json["error"]["valid"].as_array().unwrap();
    assert_eq!(valid.len(), index.actors.len());
    let res = get(&app, "/api/v1/nothing").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json()["error"]["status"], 404);
    let res = get(&app, "/api/v1/claims?topic=nothing").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json()["error"]["code"], "unknown-topic");
}

#[tokio::test]
async fn malformed_queries_give_a_400_saying_what_was_wrong() {
    let dir = fixture_dir();
    let app = router(dir.path());
    let cases: &[(&str, &str)] = &[
        ("/compare?colour=red", "colour"),
        ("/compare?topic=ceasefire", "at least one actor"),
        ("/compare/%FF%FE/ceasefire", "UTF-8"),
    ];
    for (path, says) in cases {
        let res = get(&app, path).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(res.is_html(), "{path}");
        let doc = res.doc();
        let message = text(&select(&doc, ".message")[0]);
        assert!(message.contains(says), "{path}: {message}");
        check_html(path, &res.body).unwrap();
    }
    // More actors than the limit.
    let (config, index) = build_index(dir.path());
    let max = config.limits.max_compare_actors;
    let many: Vec<&str> = index
        .actors
        .iter()
        .take(max + 1)
        .map(|a| a.id.as_str())
        .collect();
    if many.len() > max {
        let res = get(&app, &format!("/compare/{}/ceasefire", many.join("+"))).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST);
        assert!(res.body.contains(&format!("at most {max}")));
    }
    let api: &[(&str, &str)] = &[
        ("/api/v1/claims?stance=bogus", "unknown-stance"),
        (
            "/api/v1/claims?actor=trump&actor=putin",
            "repeated-parameter",
        ),
        ("/api/v1/claims?sort=asc", "unknown-parameter"),
        (
            "/api/v1/compare?actor=trump&colour=red",
            "unknown-parameter",
        ),
    ];
    for (path, code) in api {
        let res = get(&app, path).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}");
        let json = res.json();
        assert_eq!(json["error"]["code"], *code, "{path}");
        assert!(!json["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn security_headers_etags_compression_and_asset_caching() {
    let dir = fixture_dir();
    let app = router(dir.path());
    let home = get_ok(&app, "/").await;
    let csp = home.header(header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(home.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(!home.header(header::REFERRER_POLICY).is_empty());
    for res in [
        &home,
        &get(&app, "/nothing").await,
        &get(&app, "/api/v1/actors").await,
    ] {
        assert!(!res.header(header::CONTENT_SECURITY_POLICY).is_empty());
    }

    // ETags and conditional requests.
    let etag = home.header(header::ETAG).to_string();
    assert!(etag.starts_with("W/\""), "ETag on pages: {etag:?}");
    let req = Request::get("/")
        .header(header::HOST, "standpoint.test")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    let res = request(&app, req).await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert!(res.body.is_empty());

    // Hashed static assets are cached for a year.
    let css = hashed_asset(&home, "/static/style.");
    let res = get_ok(&app, &css).await;
    assert!(res.header(header::CACHE_CONTROL).contains("immutable"));
    assert!(
        res.header(header::CACHE_CONTROL)
            .contains("max-age=31536000")
    );
    assert_eq!(
        get(&app, "/static/style.css").await.status,
        StatusCode::NOT_FOUND
    );

    // Compression.
    let req = Request::get("/")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let res = request(&app, req).await;
    assert_eq!(res.header(header::CONTENT_ENCODING), "gzip");

    // Over-long URIs.
    let long = format!("/compare/{}/ceasefire", "trump+".repeat(2000));
    assert_eq!(get(&app, &long).await.status, StatusCode::URI_TOO_LONG);
}

/// Crawls every page reachable from the home page (plus the error pages) and checks each one.
async fn crawl(app: &axum::Router, extra: &[&str]) -> Vec<(String, Res)> {
    let mut queue: VecDeque<String> = std::iter::once("/")
        .chain(extra.iter().copied())
        .map(str::to_string)
        .collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut pages = Vec::new();
    while let Some(path) = queue.pop_front() {
        let mut res = get(app, &path).await;
        if res.status.is_redirection() {
            res = get(app, res.location()).await;
        }
        if !res.is_html() {
            continue;
        }
        let doc = res.doc();
        for a in select(&doc, "a[href]") {
            let href = a.value().attr("href").unwrap_or_default();
            let target = href.split('#').next().unwrap_or_default();
            if target.starts_with('/')
                && !target.starts_with("/api")
                && seen.len() < 400
                && seen.insert(target.to_string())
            {
                queue.push_back(target.to_string());
            }
        }
        pages.push((path, res));
    }
    pages
}

#[tokio::test]
async fn every_page_is_well_formed_and_every_internal_link_resolves() {
    for (name, dir) in [
        ("fixture", fixture_dir().path().to_path_buf()),
        ("seeds", seeds_dir()),
    ] {
        let fixture = fixture_dir();
        let dir = if name == "fixture" {
            fixture.path().to_path_buf()
        } else {
            dir
        };
        let app = router(&dir);
        let extra = [
            "/compare",
            "/compare?colour=red",
            "/actors/nobody",
            "/topics/nothing",
            "/no/such/page",
        ];
        let pages = crawl(&app, &extra).await;
        assert!(pages.len() >= 5, "{name}: crawled {}", pages.len());
        let ids: std::collections::HashMap<String, BTreeSet<String>> = pages
            .iter()
            .map(|(path, res)| {
                let doc = res.doc();
                let ids = select(&doc, "[id]")
                    .iter()
                    .filter_map(|e| e.value().attr("id").map(str::to_string))
                    .collect();
                (path.clone(), ids)
            })
            .collect();
        for (path, res) in &pages {
            let expect_error = extra[1..].contains(&path.as_str());
            assert_eq!(res.status.is_success(), !expect_error, "{name} {path}");
            check_html(path, &res.body).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!res.body.contains(" style="), "{path}: inline style");
            let doc = res.doc();
            for script in select(&doc, "script") {
                assert!(
                    script.value().attr("src").is_some(),
                    "{path}: inline script"
                );
            }
            for el in select(&doc, "*") {
                assert!(
                    !el.value().attrs().any(|(k, _)| k.starts_with("on")),
                    "{path}: event handler attribute"
                );
            }
            // Links into other pages' sentences land on an element that exists.
            for a in select(&doc, "a[href*='#']") {
                let href = a.value().attr("href").unwrap();
                let (target, fragment) = href.split_once('#').unwrap();
                let target = if target.is_empty() {
                    path.as_str()
                } else {
                    target
                };
                if let Some(found) = ids.get(target) {
                    assert!(found.contains(fragment), "{path}: {href} has no anchor");
                }
            }
        }
    }
}

#[tokio::test]
async fn article_text_with_markup_is_escaped_on_every_page() {
    let dir = fixture_dir();
    let app = router(dir.path());
    let pages = crawl(
        &app,
        &["/compare/%3Cscript%3E/ceasefire", "/actors/%3Cb%3Ex"],
    )
    .await;
    let mut shown = 0;
    for (path, res) in &pages {
        for raw in [
            HOSTILE,
            RAW_HTML,
            "<script>alert",
            "<b onclick",
            "<img src=x",
        ] {
            assert!(!res.body.contains(raw), "{path} shows {raw:?} unescaped");
        }
        let doc = res.doc();
        if doc
            .root_element()
            .text()
            .collect::<String>()
            .contains("<script>alert(")
        {
            shown += 1;
        }
    }
    // At least on the home page's article list and on the article page; more once it has claims.
    assert!(
        shown >= 2,
        "the hostile text is shown, escaped ({shown} pages)"
    );
    for (path, res) in &pages {
        if path.starts_with("/compare/%3C") || path.starts_with("/actors/%3C") {
            let message = text(&select(&res.doc(), ".message")[0]);
            assert!(
                message.contains('<'),
                "{path} echoes the input as text: {message}"
            );
        }
    }
    // The article page shows it as text, in the sentence that holds it.
    let (_, index) = build_index(dir.path());
    let hostile = index
        .articles
        .iter()
        .find(|a| a.file == "c-hostile.txt")
        .unwrap();
    let res = get_ok(&app, &format!("/articles/{}", hostile.id)).await;
    let doc = res.doc();
    let texts: Vec<String> = select(&doc, ".s").iter().map(text).collect();
    assert!(texts.iter().any(|t| t.contains(HOSTILE)), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<b onclick=\"x()\">bold</b>"))
    );
    assert!(
        texts.iter().any(|t| t.contains("&amp; an entity")),
        "entities are shown as written"
    );
    // The API returns the same text, as data.
    let json = get_ok(&app, &format!("/api/v1/articles/{}", hostile.id))
        .await
        .json();
    let sentences = json["sentences"].as_array().unwrap();
    assert!(
        sentences
            .iter()
            .any(|s| s["text"].as_str().unwrap().contains(HOSTILE))
    );
}

#[tokio::test]
async fn article_pages_address_every_sentence_and_mark_claims() {
    for dir in [fixture_dir().path().to_path_buf(), seeds_dir()] {
        let fixture = fixture_dir();
        let dir = if dir.starts_with(std::env::temp_dir()) {
            fixture.path().to_path_buf()
        } else {
            dir
        };
        let (config, index) = build_index(&dir);
        let app = standpoint::web::app(standpoint::web::AppState::new(index.clone(), config));
        for article in &index.articles {
            let res = get_ok(&app, &format!("/articles/{}", article.id)).await;
            let doc = res.doc();
            assert_eq!(select(&doc, ".s").len(), article.sentences.len());
            for s in &article.sentences {
                let el = select(&doc, &format!("#s-{}", s.index));
                assert_eq!(el.len(), 1, "{} #s-{}", article.id, s.index);
                assert_eq!(text(&el[0]), normalize(article.sentence_text(s)));
                let furniture = el[0]
                    .ancestors()
                    .filter_map(scraper::ElementRef::wrap)
                    .any(|p| p.value().classes().any(|c| c == "furniture"));
                assert_eq!(
                    furniture,
                    !s.role.is_content(),
                    "{} #s-{}",
                    article.id,
                    s.index
                );
            }
            for claim in index.claims_in(&article.id) {
                let el = &select(&doc, &format!("#s-{}", claim.sentence))[0];
                assert!(el.value().classes().any(|c| c == "has-claim"));
            }
        }
    }
}

#[tokio::test]
async fn comparison_page_has_columns_share_link_and_preview_tags() {
    let dir = fixture_dir();
    let st = state(dir.path());
    let index = st.index.clone();
    let app = standpoint::web::app(st);
    let actors = some_actors(&index, 3);
    let path = compare_path(&index, &actors);
    let res = get_ok(&app, &path).await;
    let doc = res.doc();
    for section in select(&doc, "section.topic") {
        let columns: Vec<_> = section
            .select(&scraper::Selector::parse(".columns > .column").unwrap())
            .collect();
        assert_eq!(columns.len(), actors.len());
        for (col, id) in columns.iter().zip(&actors) {
            assert_eq!(col.value().attr("data-actor"), Some(id.as_str()));
        }
    }
    assert_eq!(select(&doc, "section.topic").len(), index.topics.len());
    let meta = |sel: &str| {
        select(&doc, sel)
            .first()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_default()
            .to_string()
    };
    let description = meta("meta[property='og:description']");
    for id in &actors {
        let name = &index.actor(id).unwrap().name;
        assert!(description.contains(&format!("{name}: ")), "{description}");
    }
    assert_eq!(description, meta("meta[name='twitter:description']"));
    assert!(!meta("meta[property='og:title']").is_empty());
    // The share card, as PNG (issue 13), is the preview image, so the card is a large one.
    assert_eq!(meta("meta[name='twitter:card']"), "summary_large_image");
    let url = format!("http://standpoint.test{path}");
    assert_eq!(meta("meta[property='og:image']"), format!("{url}/card.png"));
    assert_eq!(meta("meta[property='og:url']"), url);
    let input = &select(&doc, "input#permalink[readonly]")[0];
    assert_eq!(input.value().attr("value"), Some(url.as_str()));
    assert_eq!(select(&doc, "button[data-copy='permalink']").len(), 1);
    assert_eq!(
        select(&doc, "form[method='get'][action='/compare']").len(),
        1
    );
    // The form has the selection checked.
    let checked: Vec<&str> = select(&doc, "input[name='actor'][checked]")
        .iter()
        .filter_map(|i| i.value().attr("value"))
        .collect();
    assert_eq!(
        checked,
        actors.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn grid_and_api_show_the_same_positions() {
    for dir in [seeds_dir()] {
        let (config, index) = build_index(&dir);
        let app = standpoint::web::app(standpoint::web::AppState::new(index.clone(), config));
        let home = get_ok(&app, "/").await;
        let doc = home.doc();
        let grid = get_ok(&app, "/api/v1/grid").await.json();
        let rows = grid["rows"].as_array().unwrap();
        let html_rows = select(&doc, "table.grid tbody tr");
        assert_eq!(rows.len(), html_rows.len());
        for (row, tr) in rows.iter().zip(&html_rows) {
            let cells: Vec<_> = tr
                .select(&scraper::Selector::parse("td .badge").unwrap())
                .collect();
            let positions = row["positions"].as_array().unwrap();
            assert_eq!(cells.len(), positions.len());
            for (cell, p) in cells.iter().zip(positions) {
                let stance = p["stance"].as_str().unwrap();
                assert!(
                    cell.value()
                        .classes()
                        .any(|c| c == format!("stance-{stance}"))
                );
            }
        }
        // Articles: outlet, title and claim count match the API.
        let articles = get_ok(&app, "/api/v1/articles").await.json();
        let list = articles["articles"].as_array().unwrap();
        let trs = select(&doc, "table.articles tbody tr");
        assert_eq!(list.len(), trs.len());
        for (a, tr) in list.iter().zip(&trs) {
            let cells: Vec<String> = tr
                .select(&scraper::Selector::parse("td").unwrap())
                .map(|td| text(&td))
                .collect();
            assert_eq!(cells[1], normalize(a["title"].as_str().unwrap()));
            assert_eq!(cells[3], a["claims"].to_string());
        }
        // Claims filters.
        let all = get_ok(&app, "/api/v1/claims").await.json();
        assert_eq!(all["count"], index.claims.len());
        for stance in standpoint::Stance::ALL {
            let res = get_ok(&app, &format!("/api/v1/claims?stance={}", stance.as_str()))
                .await
                .json();
            let want = index.claims.iter().filter(|c| c.stance == stance).count();
            assert_eq!(res["count"], want);
        }
    }
}

#[test]
fn cue_words_are_highlighted_on_word_boundaries() {
    let pieces = highlight(
        "Trump said he would not send troops, notably.",
        &["not".to_string(), "Send".to_string()],
    );
    let marked: Vec<&str> = pieces
        .iter()
        .filter(|p| p.cue)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["not", "send"]);
    let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(joined, "Trump said he would not send troops, notably.");
    assert_eq!(highlight("", &["x".into()]), vec![]);
    assert_eq!(highlight("é not é", &["".into(), "é".into()]).len(), 3);
}

/// Starts the real server on an ephemeral port, opens the home page and a comparison, and follows
/// every evidence link to the sentence it names.
#[tokio::test]
async fn real_server_evidence_links_land_on_the_evidence() {
    let fixture = fixture_dir();
    for dir in [fixture.path().to_path_buf(), seeds_dir()] {
        let st = state(&dir);
        let index = st.index.clone();
        let addr = spawn_server(st).await;
        let home = http_get(addr, "/").await;
        assert_eq!(home.status, StatusCode::OK);
        check_html("/", &home.body).unwrap();
        let mut pages = vec![compare_path(&index, &some_actors(&index, 3))];
        // Every grid cell links to its evidence.
        let doc = home.doc();
        for a in select(&doc, "a.cell") {
            pages.push(a.value().attr("href").unwrap().to_string());
        }
        let mut followed = 0;
        for page in &pages {
            let res = http_get(addr, page).await;
            assert_eq!(res.status, StatusCode::OK, "{page}");
            let doc = res.doc();
            for card in select(&doc, ".evidence") {
                let quote = text(
                    &card
                        .select(&scraper::Selector::parse("blockquote").unwrap())
                        .next()
                        .unwrap(),
                );
                let href = card
                    .select(&scraper::Selector::parse("a.passage").unwrap())
                    .next()
                    .and_then(|a| a.value().attr("href"))
                    .unwrap()
                    .to_string();
                let (article, anchor) =
                    href.split_once('#').expect("evidence links have an anchor");
                assert!(article.starts_with("/articles/"), "{href}");
                let n: usize = anchor
                    .strip_prefix("s-")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("anchor {anchor}"));
                let target = http_get(addr, article).await;
                assert_eq!(target.status, StatusCode::OK, "{href}");
                let tdoc = target.doc();
                let sentence = select(&tdoc, &format!("#{anchor}"));
                assert_eq!(sentence.len(), 1, "{href}: anchor exists");
                let sentence = text(&sentence[0]);
                // The evidence is in that sentence, or starts there and runs into the next ones.
                let following: String = (n..n + 4)
                    .filter_map(|k| select(&tdoc, &format!("#s-{k}")).first().map(text))
                    .collect::<Vec<_>>()
                    .join(" ");
                let head: String = quote.chars().take(24).collect();
                assert!(
                    sentence.contains(&quote)
                        || (sentence.contains(&head) && following.contains(&quote)),
                    "{href}: {sentence:?} does not hold {quote:?}"
                );
                followed += 1;
            }
        }
        // Each claim is on the comparison page of its actor and topic.
        let reachable = index
            .claims
            .iter()
            .filter(|c| pages.contains(&format!("/compare/{}/{}", c.actor.id, c.topic)))
            .count();
        assert!(followed >= reachable, "followed {followed} of {reachable}");
    }
}

mod arbitrary_input {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use crate::support::*;

    fn app() -> &'static axum::Router {
        static APP: OnceLock<axum::Router> = OnceLock::new();
        APP.get_or_init(|| {
            let dir = fixture_dir();
            router(dir.path())
        })
    }

    fn runtime() -> &'static tokio::runtime::Runtime {
        static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
        RT.get_or_init(|| tokio::runtime::Runtime::new().unwrap())
    }

    /// Percent-encodes every byte outside unreserved ASCII, so any string becomes a valid path.
    fn encode(s: &str) -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~+,".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// No input makes the server fail: every answer is a success, a redirect or a 4xx.
        #[test]
        fn no_input_gives_a_server_error(a in ".{0,40}", b in ".{0,40}", raw in "[ -~]{0,60}") {
            let paths = [
                format!("/compare/{}/{}", encode(&a), encode(&b)),
                format!("/compare/{}", encode(&a)),
                format!("/actors/{}", encode(&a)),
                format!("/topics/{}", encode(&b)),
                format!("/articles/{}", encode(&a)),
                format!("/static/{}", encode(&b)),
                format!("/compare?{}", encode(&raw).replace("%3D", "=").replace("%26", "&")),
                format!("/api/v1/claims?{}", encode(&raw).replace("%3D", "=").replace("%26", "&")),
                format!("/api/v1/compare/{}/{}", encode(&a), encode(&b)),
                format!("/{}", encode(&raw)),
            ];
            for path in paths {
                let res = runtime().block_on(get(app(), &path));
                prop_assert!(res.status.as_u16() < 500, "{path}: {}", res.status);
                if res.is_html() && res.status.as_u16() != 304 {
                    prop_assert!(check_html(&path, &res.body).is_ok(), "{:?}", check_html(&path, &res.body));
                }
            }
        }
    }
}

/// The claims counted in the grid's cells.
fn grid_claims(grid: &serde_json::Value) -> u64 {
    grid["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| r["positions"].as_array().expect("positions").iter())
        .map(|p| p["claims"].as_u64().expect("claims"))
        .sum()
}

#[tokio::test]
async fn every_page_and_api_route_takes_the_confidence_choice() {
    let app = router(&seeds_dir());
    let st = state(&seeds_dir());
    let actor = some_actors(&st.index, 1).remove(0);
    let topic = st.index.topics[0].id.clone();
    let article = st.index.articles[0].id.clone();
    let routes = [
        "/".to_string(),
        "/actors".into(),
        format!("/actors/{actor}"),
        format!("/topics/{topic}"),
        "/articles".into(),
        format!("/articles/{article}"),
        "/api/v1/articles".into(),
        format!("/api/v1/articles/{article}"),
        "/api/v1/actors".into(),
        format!("/api/v1/actors/{actor}"),
        "/api/v1/topics".into(),
        format!("/api/v1/topics/{topic}"),
        "/api/v1/claims".into(),
        "/api/v1/grid".into(),
    ];
    for route in &routes {
        get_ok(&app, &format!("{route}?confidence=high")).await;
        let bad = get(&app, &format!("{route}?confidence=sure")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{route}");
        if route.starts_with("/api/") {
            assert_eq!(bad.json()["error"]["code"], "unknown-confidence", "{route}");
        }
    }
    // The choice is applied, not only accepted: the seeds hold low-confidence claims.
    let all = get_ok(&app, "/api/v1/grid").await.json();
    let high = get_ok(&app, "/api/v1/grid?confidence=high").await.json();
    assert!(grid_claims(&high) < grid_claims(&all));
    let actors = get_ok(&app, "/actors?confidence=high").await;
    let doc = actors.doc();
    let cells: Vec<_> = select(&doc, "a[href^='/compare/']")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(!cells.is_empty());
    assert!(
        cells.iter().all(|h| h.ends_with("?confidence=high")),
        "{cells:?}"
    );
}

#[tokio::test]
async fn the_api_root_lists_its_routes_with_an_id() {
    let app = router(&seeds_dir());
    let root = get_ok(&app, "/api/v1").await.json();
    let routes: Vec<&str> = root
        .as_object()
        .expect("an object")
        .values()
        .filter_map(|v| v.as_str())
        .collect();
    for route in [
        "/api/v1/articles/{id}",
        "/api/v1/actors/{id}",
        "/api/v1/topics/{id}",
    ] {
        assert!(
            routes.iter().any(|r| r.starts_with(route)),
            "{route}: {routes:?}"
        );
    }
}

/// Issue 13: the home page's counts name what they count ("22 positions" used to count claims).
#[tokio::test]
async fn home_page_counts_say_what_they_count() {
    let (_, index) = build_index(&seeds_dir());
    let app = router(&seeds_dir());
    let home = get_ok(&app, "/").await;
    let doc = home.doc();
    let lede = text(&select(&doc, "p.lede")[0]);
    let quoted = index.quoted_actors().count();
    let expected = format!(
        "{} claims from {quoted} actors in {} articles",
        index.claims.len(),
        index.articles.len()
    );
    assert!(lede.starts_with(&expected), "{lede:?} / {expected:?}");
    assert!(!home.body.contains("positions from"));
}
