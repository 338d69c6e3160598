//! The share card (issue 13): `card.png` is a 1200×630 PNG drawn from the same SVG as
//! `card.svg`, the same bytes on every request, named as the comparison's `og:image`; every
//! text of the card fits its box, for any name length, 1 to `max_compare_actors` actors and 1 to
//! all topics, checked on the layout's measured widths and on the boxes resvg's own text layout
//! gives the drawn glyphs.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use resvg::usvg;
use standpoint::web::AppState;
use standpoint::web::card::{self, CardInput};
use standpoint::web::views::CardView;
use standpoint::{Config, Index};
use tower::ServiceExt;

const LONG: &str = "Maximiliana Wolkenstein-Oberndorf von Hohenzollern-Sigmaringen, Minister";

/// Every text node of a parsed SVG, by id, with its drawn box.
fn drawn_boxes(group: &usvg::Group, out: &mut Vec<(String, usvg::Rect)>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => drawn_boxes(g, out),
            usvg::Node::Text(t) => out.push((t.id().to_string(), t.abs_bounding_box())),
            _ => {}
        }
    }
}

/// Checks that every text of `view` fits its box, as measured and as drawn.
fn assert_fits(view: &CardView, what: &str) {
    let texts = view.texts();
    for t in &texts {
        assert!(
            t.width <= t.right - t.left + 0.01,
            "{what}: {:?} measures {} in a box of {}",
            t.text,
            t.width,
            t.right - t.left
        );
        assert!(
            t.left >= 0.0 && t.right <= view.width as f32 && t.bottom <= view.height as f32,
            "{what}: the box of {:?} leaves the card",
            t.text
        );
    }
    let svg = card::svg(view).unwrap();
    let tree = card::tree(&svg).unwrap();
    let mut drawn = Vec::new();
    drawn_boxes(tree.root(), &mut drawn);
    let nonempty = texts.iter().filter(|t| !t.text.is_empty()).count();
    assert_eq!(drawn.len(), nonempty, "{what}: every text is drawn");
    for (id, b) in drawn {
        let i: usize = id.trim_start_matches('t').parse().unwrap();
        let t = texts[i];
        // Glyph outlines may overhang their advance by a fraction of a pixel.
        let slack = 1.0;
        assert!(
            b.left() >= t.left - slack && b.right() <= t.right + slack,
            "{what}: {:?} drawn from {} to {}, its box is {} to {}",
            t.text,
            b.left(),
            b.right(),
            t.left,
            t.right
        );
        assert!(
            b.top() >= t.top - slack && b.bottom() <= t.bottom + slack,
            "{what}: {:?} drawn from y {} to {}, its box is {} to {}",
            t.text,
            b.top(),
            b.bottom(),
            t.top,
            t.bottom
        );
    }
    // Rows, cells and their labels stay within the card and their cells.
    for r in &view.rows {
        assert!(r.y + view.row_height <= view.height as f32 - 60.0, "{what}");
        for c in &r.cells {
            let l = &c.label;
            assert!(l.left >= c.x && l.right <= c.x + view.cell_width, "{what}");
            assert!(
                l.top >= r.y + 6.0 && l.bottom <= r.y + view.row_height - 6.0,
                "{what}"
            );
        }
    }
}

fn input(actors: usize, topics: usize, name: &dyn Fn(usize) -> String) -> CardInput {
    let stances = [
        "support",
        "oppose",
        "conditional",
        "mixed",
        "unclear",
        "none",
    ];
    CardInput {
        actors: (0..actors).map(name).collect(),
        topics: (0..topics)
            .map(|i| format!("{} {i}", &LONG[..(i * 9) % LONG.len()]))
            .collect(),
        cells: (0..topics.min(card::MAX_TOPICS))
            .map(|r| {
                (0..actors.min(card::MAX_ACTORS))
                    .map(|i| (stances[(r + i) % stances.len()], (r + i) % 2 == 0))
                    .collect()
            })
            .collect(),
        claims: 123_456,
        articles: 7_890,
    }
}

#[test]
fn every_text_fits_its_box_at_any_length_and_count() {
    let max_actors = Config::default_config().limits.max_compare_actors;
    let topics_all = Config::default_config().topics.len();
    let names: [(&str, &dyn Fn(usize) -> String); 4] = [
        ("short", &|i| format!("A{i}")),
        ("long", &|i| format!("{LONG} {i}")),
        ("one long word", &|i| format!("{}{i}", "W".repeat(90))),
        ("wide letters", &|i| {
            format!("{} {i}", "ÆØÅ WWW MMM ⇄ 中文 ".repeat(4))
        }),
    ];
    let mut cut = 0;
    for (label, name) in names {
        for actors in 1..=max_actors {
            for topics in [1, 2, 5, topics_all] {
                let what = format!("{label}, {actors} actors, {topics} topics");
                let view = card::layout(&input(actors, topics, name)).unwrap();
                assert_eq!(view.columns.len(), actors.min(card::MAX_ACTORS), "{what}");
                assert_eq!(view.rows.len(), topics.min(card::MAX_TOPICS), "{what}");
                assert_fits(&view, &what);
                cut += view
                    .texts()
                    .iter()
                    .filter(|t| t.text.ends_with('…'))
                    .count();
            }
        }
    }
    assert!(cut > 0, "long names are shortened with an ellipsis");
}

#[test]
fn short_names_are_drawn_whole_and_a_long_topic_keeps_clear_of_the_first_column() {
    let mut data = input(2, 3, &|i| {
        ["Donald Trump", "Volodymyr Zelensky"][i].to_string()
    });
    data.topics = vec![
        "Ceasefire".into(),
        "Security guarantees".into(),
        "U.S. troops".into(),
    ];
    let view = card::layout(&data).unwrap();
    let names: Vec<&str> = view.columns.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(names, ["Donald Trump", "Volodymyr Zelensky"]);
    let topic = &view.rows[1].topic;
    assert_eq!(topic.text, "Security guarantees");
    let first_cell = view.rows[1].cells[0].x;
    assert!(
        topic.x + topic.width < first_cell,
        "{topic:?} runs into {first_cell}"
    );
    assert_eq!(view.title.text, "Donald Trump · Volodymyr Zelensky");
    assert!(!view.footer.text.is_empty() && !view.subtitle.text.is_empty());
    assert_fits(&view, "seeds-like");
}

/// A corpus whose configuration gives every actor a long name.
fn long_named_app(cache_bytes: usize) -> (axum::Router, Index) {
    let mut config = Config::default_config();
    for (i, actor) in config.actors.iter_mut().enumerate() {
        actor.name = format!("{} {} {i}", actor.name, &LONG[..30 + i % 40]);
    }
    config.limits.response_cache_bytes = cache_bytes;
    let dir = fixture_dir();
    let corpus = standpoint::corpus::load_dir(dir.path(), &config).unwrap();
    let index = Index::build(corpus, &config);
    (
        standpoint::web::app(AppState::new(index.clone(), config)),
        index,
    )
}

async fn get_bytes(app: &axum::Router, uri: &str) -> (StatusCode, String, Vec<u8>) {
    let req = Request::get(uri)
        .header(header::HOST, "standpoint.test")
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, kind, bytes)
}

/// The width and height in a PNG's header, after checking its signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[tokio::test]
async fn card_png_of_2_and_12_long_named_actors_is_a_1200_by_630_png_the_same_every_time() {
    let (cached, index) = long_named_app(64 << 20);
    let (uncached, _) = long_named_app(0);
    let max = Config::default_config().limits.max_compare_actors;
    let ids: Vec<&str> = index.actors.iter().map(|a| a.id.as_str()).collect();
    let topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    for n in [2, max] {
        let base = format!("/compare/{}/{}", ids[..n].join("+"), topics.join("+"));
        let (status, kind, png) = get_bytes(&cached, &format!("{base}/card.png")).await;
        assert_eq!(status, StatusCode::OK, "{base}");
        assert_eq!(kind, "image/png");
        assert_eq!(png_size(&png), (1200, 630), "{n} actors");
        // Kept and answered again, and drawn anew by another server: the same bytes.
        assert_eq!(get_bytes(&cached, &format!("{base}/card.png")).await.2, png);
        assert_eq!(
            get_bytes(&uncached, &format!("{base}/card.png")).await.2,
            png
        );
        // The SVG download is the same card, with the long names shortened to fit.
        let (status, kind, svg) = get_bytes(&cached, &format!("{base}/card.svg")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("image/svg+xml"));
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains('…'), "long names are shortened: {svg}");
        if n > card::MAX_ACTORS {
            assert!(svg.contains(&format!("{} more actors", n - card::MAX_ACTORS)));
        }
    }
}

#[tokio::test]
async fn the_comparison_names_card_png_as_its_large_preview_and_keeps_the_svg_download() {
    let app = router(&seeds_dir());
    let base = "/compare/zelensky+trump/ceasefire+security-guarantees";
    let page = get_ok(&app, base).await;
    let doc = page.doc();
    let meta = |css: &str| {
        select(&doc, css)
            .first()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        meta("meta[property='og:image']"),
        format!("http://standpoint.test{base}/card.png")
    );
    assert_eq!(
        meta("meta[name='twitter:image']"),
        meta("meta[property='og:image']")
    );
    assert_eq!(meta("meta[property='og:image:type']"), "image/png");
    assert_eq!(meta("meta[name='twitter:card']"), "summary_large_image");
    let downloads: Vec<&str> = select(&doc, ".downloads a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        downloads.contains(&format!("{base}/card.svg").as_str()),
        "{downloads:?}"
    );
    let res = get(&app, &format!("{base}/card.gif")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("card.png"), "the error lists card.png");
}
