//! Hostile files in the corpus folder, one test each: every file is either indexed correctly or
//! skipped with a logged warning that names it, the rest always load and serve, loading never
//! hangs, and nothing in the folder is ever written.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{self, server};
use standpoint::corpus::{self, BlockRole, Corpus};
use standpoint::{Config, Index};

/// A good article that must load next to every hostile file.
const GOOD: &str = "Ceasefire talks resume\n\n\
    Zelensky said Ukraine supports a ceasefire.\n\n\
    Putin said Russia opposes a ceasefire.\n";

// ---------------------------------------------------------------------------------------------
// Helpers

/// Log lines written while `f` runs, captured from `tracing` (the server's logger).
fn logged<T>(f: impl FnOnce() -> T) -> (T, String) {
    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let sink = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .with_writer(move || sink.clone())
        .finish();
    let out = tracing::subscriber::with_default(subscriber, f);
    let logs = String::from_utf8_lossy(&buf.0.lock().unwrap()).into_owned();
    (out, logs)
}

/// Everything observable about a folder's entries: kind, size, mtime, permissions, content.
type Snapshot = BTreeMap<PathBuf, (String, u64, Option<SystemTime>, u32, Vec<u8>)>;

fn snapshot(dir: &Path) -> Snapshot {
    use std::os::unix::fs::PermissionsExt;
    let mut out = Snapshot::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read folder") {
            let path = entry.expect("entry").path();
            let meta = fs::symlink_metadata(&path).expect("lstat");
            let ft = meta.file_type();
            let (kind, content) = if ft.is_symlink() {
                let target = fs::read_link(&path).expect("readlink");
                (
                    "link".to_string(),
                    target.to_string_lossy().as_bytes().to_vec(),
                )
            } else if ft.is_dir() {
                stack.push(path.clone());
                ("dir".to_string(), Vec::new())
            } else if ft.is_file() {
                ("file".to_string(), fs::read(&path).unwrap_or_default())
            } else {
                ("other".to_string(), Vec::new())
            };
            out.insert(
                path,
                (
                    kind,
                    meta.len(),
                    meta.modified().ok(),
                    meta.permissions().mode(),
                    content,
                ),
            );
        }
    }
    out
}

/// Loads `dir` with `config`, checking that it took at most `limit` and wrote nothing, and
/// returns what loaded, the index over it and the log.
fn load(dir: &Path, config: &Config, limit: Duration) -> (Corpus, Index, String) {
    let before = snapshot(dir);
    let start = Instant::now();
    let ((corpus, index), logs) = logged(|| {
        let corpus = corpus::load_dir(dir, config).expect("the folder loads");
        let index = Index::build(corpus.clone(), config);
        (corpus, index)
    });
    let took = start.elapsed();
    assert!(took < limit, "loading took {took:?} (limit {limit:?})");
    assert!(snapshot(dir) == before, "loading changed the corpus folder");
    (corpus, index, logs)
}

/// A folder with the good article and `files`.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// Checks the good article loaded with its two claims.
fn assert_good_loaded(index: &Index) {
    let good = index.articles.iter().find(|a| a.file == "good.txt");
    assert!(good.is_some(), "the good article is indexed");
    let claims: Vec<_> = index.claims_in("good").collect();
    assert_eq!(claims.len(), 2, "{claims:?}");
}

/// Checks `file` was skipped with a reason containing `why`, and a warning naming it was logged.
fn assert_skipped(corpus: &Corpus, logs: &str, file: &str, why: &str) {
    let skipped = corpus
        .skipped
        .iter()
        .find(|s| s.file == file)
        .unwrap_or_else(|| panic!("{file} is not skipped: {:?}", corpus.skipped));
    assert!(
        skipped.reason.contains(why),
        "{file}: {:?} does not say {why:?}",
        skipped.reason
    );
    assert!(
        corpus.documents.iter().all(|d| d.file != file),
        "{file} is skipped and indexed"
    );
    let warned = logs
        .lines()
        .any(|l| l.contains("WARN") && l.contains(file) && l.contains(&skipped.reason));
    assert!(warned, "no warning names {file}:\n{logs}");
}

/// Checks every sentence and claim of an index points at valid text, and renders every article.
fn assert_consistent(index: &Index) {
    for article in &index.articles {
        for s in &article.sentences {
            assert!(
                article.text.get(s.span.range()).is_some(),
                "{}: sentence span {:?} off char boundaries",
                article.file,
                s.span
            );
        }
    }
    for claim in &index.claims {
        let article = index.article(&claim.article).expect("claim's article");
        assert_eq!(
            article.text.get(claim.span.range()),
            Some(claim.evidence.as_str()),
            "evidence is the text at its span"
        );
    }
}

/// Serves the index in-process and fetches every article page and the API list.
fn serve_all(index: Index) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let ids: Vec<String> = index.articles.iter().map(|a| a.id.clone()).collect();
        let app = standpoint::web::app(standpoint::web::AppState::new(
            index,
            Config::default_config(),
        ));
        support::get_ok(&app, "/").await;
        support::get_ok(&app, "/api/v1/articles").await.json();
        for id in ids {
            let res = support::get_ok(&app, &format!("/articles/{id}")).await;
            support::check_html(&id, &res.body).unwrap();
        }
    });
}

fn quick() -> Duration {
    Duration::from_secs(5)
}

// ---------------------------------------------------------------------------------------------
// Encodings and binary content

#[test]
fn invalid_utf8_is_skipped_with_the_offset() {
    let dir = folder(&[("latin1.txt", b"Zelensky said caf\xe9 is good.\n")]);
    let (corpus, index, logs) = load(dir.path(), &Config::default_config(), quick());
    assert_skipped(&corpus, &logs, "latin1.txt", "not valid UTF-8");
    assert_skipped(&corpus, &logs, "latin1.txt", "offset 17");
    assert_good_loaded(&index);
}

#[test]
fn a_utf8_bom_is_indexed_without_it() {
    let body = format!("\u{feff}{GOOD}");
    let md = format!("\u{feff}---\ntitle: Marked down\n---\n\n{}", &GOOD[24..]);
    let dir = folder(&[
        ("bom-text.txt", body.as_bytes()),
        ("bom-mark.md", md.as_bytes()),
    ]);
    let (corpus, index, _) = load(dir.path(), &Config::default_config(), quick());
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    let bom = index.article("bom-text").expect("bom-text.txt is indexed");
    assert_eq!(bom.title(), "Ceasefire talks resume", "no BOM in the title");
    assert_eq!(index.claims_in("bom-text").count(), 2);
    let md = index.article("bom-mark").expect("bom-mark.md is indexed");
    assert_eq!(
        md.title(),
        "Marked down",
        "front matter after a BOM is read"
    );
    for a in [bom, md] {
        for s in &a.sentences {
            assert!(!a.sentence_text(s).contains('\u{feff}'), "{}", a.file);
        }
    }
    assert_consistent(&index);
}

#[test]
fn utf16_with_and_without_bom_is_skipped() {
    let utf16 = |bom: &[u8], big: bool| {
        let mut out = bom.to_vec();
        for u in GOOD.encode_utf16() {
            out.extend(if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    };
    let le = utf16(&[0xFF, 0xFE], false);
    let be = utf16(&[0xFE, 0xFF], true);
    let bare = utf16(&[], false);
    let dir = folder(&[
        ("le.txt", &le[..]),
        ("be.md", &be[..]),
        ("bare.txt", &bare[..]),
    ]);
    let (corpus, index, logs) = load(dir.path(), &Config::default_config(), quick());
    assert_skipped(&corpus, &logs, "le.txt", "UTF-16");
    assert_skipped(&corpus, &logs, "be.md", "UTF-16");
    assert_skipped(&corpus, &logs, "bare.txt", "NUL");
    assert_good_loaded(&index);
}

#[test]
fn nul_bytes_and_binary_files_named_txt_are_skipped() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let controls: Vec<u8> = (0..2000).map(|i| [0x01, 0x02, b'a', 0x1b][i % 4]).collect();
    let dir = folder(&[
        (
            "nul.txt",
            b"Zelensky said\0 Ukraine supports a ceasefire.\n",
        ),
        ("image.txt", &png[..]),
        ("controls.md", &controls[..]),
    ]);
    let (corpus, index, logs) = load(dir.path(), &Config::default_config(), quick());
    assert_skipped(&corpus, &logs, "nul.txt", "NUL");
    assert_skipped(&corpus, &logs, "image.txt", "");
    assert_skipped(&corpus, &logs, "controls.md", "control characters");
    assert_good_loaded(&index);
}

#[test]
fn empty_and_blank_files_are_skipped() {
    let dir = folder(&[
        ("empty.txt", b""),
        ("blank.md", b" \n\n\t\r\n"),
        ("bom-only.txt", "\u{feff}\n".as_bytes()),
    ]);
    let (corpus, index, logs) = load(dir.path(), &Config::default_config(), quick());
    for f in ["empty.txt", "blank.md", "bom-only.txt"] {
        assert_skipped(&corpus, &logs, f, "empty");
    }
    assert_good_loaded(&index);
}

#[test]
fn a_file_of_only_boilerplate_is_indexed_as_furniture_with_no_claims() {
    let furniture = "Share this article\nAdvertisement\nGet all your news in one place.\n\
        Leave a Comment\nScroll to Top\nFollow us on Twitter\n";
    let dir = folder(&[("furniture.txt", furniture.as_bytes())]);
    let (corpus, index, _) = load(dir.path(), &Config::default_config(), quick());
    assert!(corpus.skipped.is_empty());
    let article = index.article("furniture").expect("indexed");
    assert!(
        article
            .blocks
            .iter()
            .all(|b| b.role == BlockRole::Boilerplate),
        "{:?}",
        article.blocks
    );
    assert_eq!(index.claims_in("furniture").count(), 0);
    assert_eq!(
        article.title(),
        "furniture.txt",
        "no boilerplate line as the title"
    );
    assert_good_loaded(&index);
    serve_all(index);
}

// ---------------------------------------------------------------------------------------------
// Size

#[test]
fn a_50_mb_file_is_skipped_by_size_without_being_read() {
    let dir = folder(&[]);
    let line = "Zelensky said Ukraine supports a ceasefire. ".repeat(20) + "\n";
    let mut f = fs::File::create(dir.path().join("huge.txt")).unwrap();
    let mut written = 0;
    while written < 50 * 1024 * 1024 {
        f.write_all(line.as_bytes()).unwrap();
        written += line.len();
    }
    drop(f);
    let (corpus, index, logs) = load(dir.path(), &Config::default_config(), quick());
    assert_skipped(&corpus, &logs, "huge.txt", "limits.max_file_bytes");
    assert_skipped(&corpus, &logs, "huge.txt", &written.to_string());
    assert_good_loaded(&index);
    // The limit is configuration: lowered, it applies to every file.
    let mut config = Config::default_config();
    config.limits.max_file_bytes = 100;
    let (corpus, _, logs) = load(dir.path(), &config, quick());
    assert_skipped(&corpus, &logs, "good.txt", "over the 100 byte limit");
}

#[test]
fn a_single_1_mb_line_is_indexed_in_bounded_time() {
    // One line, no paragraph breaks: many sentences, then one sentence with no full stop.
    let sentences =
        "Zelensky said Ukraine supports a ceasefire. Putin said Russia opposes a truce. "
            .repeat(13_000);
    let words = "and the talks went on ".repeat(48_000);
    assert!(sentences.len() > 1_000_000 && words.len() > 1_000_000);
    let dir = folder(&[
        ("sentences.txt", sentences.as_bytes()),
        ("words.txt", words.as_bytes()),
    ]);
    let (corpus, index, _) = load(
        dir.path(),
        &Config::default_config(),
        Duration::from_secs(60),
    );
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    let claims = index.claims_in("sentences").count();
    assert!(claims >= 2, "claims are found in a 1 MB line: {claims}");
    assert!(index.article("words").is_some());
    assert_consistent(&index);
}

#[test]
fn ten_thousand_tiny_files_load_or_are_capped_by_max_files() {
    let dir = folder(&[]);
    for i in 0..10_000 {
        fs::write(
            dir.path().join(format!("t{i:05}.txt")),
            format!("Note {i}\n\nZelensky said Ukraine supports a ceasefire {i}.\n"),
        )
        .unwrap();
    }
    let (corpus, index, _) = load(
        dir.path(),
        &Config::default_config(),
        Duration::from_secs(60),
    );
    assert_eq!(corpus.documents.len(), 10_001);
    assert!(corpus.skipped.is_empty());
    assert!(index.claims.len() >= 10_000, "{}", index.claims.len());
    // Capped: the first files by name load, each of the rest is named in a warning.
    let mut config = Config::default_config();
    config.limits.max_files = 100;
    let (corpus, _, logs) = load(dir.path(), &config, quick());
    assert_eq!(corpus.documents.len(), 100);
    assert_eq!(corpus.skipped.len(), 9_901);
    assert_eq!(corpus.documents[0].file, "good.txt");
    assert_skipped(&corpus, &logs, "t09999.txt", "limits.max_files");
}

// ---------------------------------------------------------------------------------------------
// Markdown and metadata

#[test]
fn deeply_nested_markdown_is_indexed_without_overflowing_the_stack() {
    let quotes = format!(
        "{} Zelensky said Ukraine supports a ceasefire.\n",
        ">".repeat(50_000)
    );
    let lists: String = (0..1_500)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let ordered: String = (0..1_000)
        .map(|i| format!("{}1. Putin said Russia opposes a truce.\n", "   ".repeat(i)))
        .collect();
    let brackets = format!("{}x{}\n", "[".repeat(50_000), "](y)".repeat(50_000));
    let emphasis = format!("{}text{}\n", "*_".repeat(50_000), "_*".repeat(50_000));
    let dir = folder(&[
        ("quotes.md", quotes.as_bytes()),
        ("lists.md", lists.as_bytes()),
        ("ordered.md", ordered.as_bytes()),
        ("brackets.md", brackets.as_bytes()),
        ("emphasis.md", emphasis.as_bytes()),
    ]);
    // On a thread with a small stack, as a server's worker would be.
    let path = dir.path().to_path_buf();
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || load(&path, &Config::default_config(), Duration::from_secs(30)))
        .unwrap();
    let (corpus, index, _) = handle.join().expect("no stack overflow");
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert_eq!(index.articles.len(), 6);
    let quoted = index.claims_in("quotes").count();
    assert_eq!(quoted, 1, "the sentence under 50,000 quote levels is found");
    assert_consistent(&index);
}

#[test]
fn markdown_with_script_javascript_links_and_raw_html_is_shown_as_text() {
    let md = "---\ntitle: <script>alert(1)</script>\nurl: javascript:alert(1)\n---\n\n\
        <script>alert('block')</script>\n\n\
        <div onclick=\"alert(2)\">Zelensky said Ukraine supports a ceasefire.</div>\n\n\
        Putin said [Russia](javascript:alert(3)) opposes a <b onmouseover=alert(4)>ceasefire</b>.\n\n\
        ![x](javascript:alert(5)) <img src=x onerror=alert(6)> [y]: javascript:alert(7)\n\n\
        <iframe src=\"https://evil.example\"></iframe><style>body{display:none}</style>\n";
    let dir = folder(&[("html.md", md.as_bytes())]);
    let (corpus, index, _) = load(dir.path(), &Config::default_config(), quick());
    assert!(corpus.skipped.is_empty());
    let article = index.article("html").unwrap();
    assert_eq!(article.title(), "<script>alert(1)</script>");
    assert!(
        index.claims_in("html").any(|c| c.actor.id == "putin"),
        "the claim in a paragraph with inline markup is found"
    );
    assert_consistent(&index);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = standpoint::web::app(standpoint::web::AppState::new(
        index,
        Config::default_config(),
    ));
    let res = rt.block_on(support::get_ok(&app, "/articles/html"));
    let doc = res.doc();
    for el in support::select(&doc, "*") {
        let name = el.value().name();
        assert!(
            !matches!(name, "iframe" | "style" | "img" | "div" | "b"),
            "<{name}> from the article"
        );
        if name == "script" {
            assert!(
                el.value()
                    .attr("src")
                    .is_some_and(|s| s.starts_with("/static/"))
            );
        }
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "{attr} on <{name}>");
            assert!(
                !value.trim().to_ascii_lowercase().starts_with("javascript:"),
                "{attr}={value:?} on <{name}>"
            );
        }
    }
    let shown = support::text(&doc.root_element());
    assert!(shown.contains("[Russia](javascript:alert(3))"), "as text");
    assert!(shown.contains("<b onmouseover=alert(4)>"), "as text");
}

// ---------------------------------------------------------------------------------------------
// Web pages and feeds

#[test]
fn hostile_web_pages_are_skipped_with_a_reason_or_indexed_as_text() {
    let deep = format!(
        "<html><body>{}<p>Zelensky said Ukraine supports a ceasefire.</p></body></html>",
        "<div>".repeat(100_000)
    );
    let huge = format!(
        "<html><body>{}</body></html>",
        "<p>Putin said Russia opposes a ceasefire.</p>".repeat(70_000)
    );
    let scripts = "<html><head><script>document.write('Zelensky said Ukraine supports a \
        ceasefire.')</script></head><body><script>alert(1)</script><noscript><iframe \
        src=\"https://evil.example\"></iframe></noscript></body></html>";
    let broken = "<html><body><p>Zelensky said Ukraine supports a ceasefire over the winter \
        <div><b><i>and</p> Putin said Russia opposes a <ceasefire</b> that would freeze \
        <table><tr><td>the front</li></ul></html></body><p onclick=alert(1)>More talks were \
        planned in Geneva for the following week, officials said on Friday evening.";
    let dir = folder(&[
        ("deep.html", deep.as_bytes()),
        ("huge.htm", huge.as_bytes()),
        ("scripts.html", scripts.as_bytes()),
        ("broken.html", broken.as_bytes()),
    ]);
    // On a thread with a small stack, as a server's worker would be.
    let path = dir.path().to_path_buf();
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || load(&path, &Config::default_config(), Duration::from_secs(60)))
        .unwrap();
    let (corpus, index, logs) = handle.join().expect("no stack overflow");
    assert_skipped(&corpus, &logs, "deep.html", "nests elements");
    assert_skipped(&corpus, &logs, "huge.htm", "elements");
    assert_skipped(&corpus, &logs, "scripts.html", "no article text");
    let broken = index.article("broken").expect("broken markup is indexed");
    assert!(!broken.text.contains('<'), "{}", broken.text);
    assert!(!broken.text.contains("onclick"), "{}", broken.text);
    assert!(
        index.claims_in("broken").any(|c| c.actor.id == "zelensky"),
        "the claim in broken markup is found"
    );
    assert_good_loaded(&index);
    assert_consistent(&index);
    serve_all(index);
}

#[test]
fn a_feed_of_bad_lines_and_a_feed_over_the_article_limit_load_what_they_can() {
    let mut lines = String::new();
    for i in 0..30 {
        lines.push_str(&format!(
            "{{\"title\":\"Talks {i}\",\"text\":\"Zelensky said Ukraine supports a ceasefire.\"}}\n"
        ));
    }
    let bad = "\u{1}\u{2}garbage\n{\"text\": 42}\n[\"text\"]\n{\"text\":\"Putin said Russia opposes a ceasefire.\"}\n";
    let dir = folder(&[
        ("many.jsonl", lines.as_bytes()),
        ("bad.jsonl", bad.as_bytes()),
    ]);
    let mut config = Config::default_config();
    config.limits.max_files = 20;
    let (corpus, index, logs) = load(dir.path(), &config, quick());
    for (file, why) in [
        ("bad.jsonl:1", "line 1: not valid JSON"),
        ("bad.jsonl:2", "line 2: no text"),
        ("bad.jsonl:3", "line 3: not a JSON object"),
    ] {
        assert_skipped(&corpus, &logs, file, why);
    }
    assert!(index.articles.iter().any(|a| a.file == "bad.jsonl:4"));
    assert_eq!(index.articles.len(), 20, "the limit counts feed articles");
    assert!(
        corpus
            .skipped
            .iter()
            .any(|s| s.file.starts_with("many.jsonl:") && s.reason.contains("limits.max_files"))
    );
    assert_consistent(&index);
}

#[test]
fn malformed_front_matter_is_kept_as_text_and_the_file_indexed() {
    let cases: &[(&str, &str)] = &[
        (
            "unclosed.md",
            "---\ntitle: Never closed\n\nZelensky said Ukraine supports a ceasefire.\n",
        ),
        (
            "bad-toml.md",
            "+++\ntitle = \"unterminated\nouter = [[[\n+++\n\nZelensky said Ukraine supports a ceasefire.\n",
        ),
        (
            "types.md",
            "+++\ntitle = [1, 2]\ndate = 12\nurl = { a = 1 }\n+++\n\nZelensky said Ukraine supports a ceasefire.\n",
        ),
        (
            "yaml-junk.md",
            "---\n: : :\n- - -\ntitle:\ndate: not a date\n\"\n---\nZelensky said Ukraine supports a ceasefire.\n",
        ),
        ("fence-only.md", "---\n"),
        ("fence-eof.md", "+++"),
        (
            "crlf.md",
            "---\r\ntitle: Windows\r\n---\r\n\r\nZelensky said Ukraine supports a ceasefire.\r\n",
        ),
        (
            "mismatch.md",
            "---\ntitle: Mixed\n+++\n\nZelensky said Ukraine supports a ceasefire.\n",
        ),
    ];
    let files: Vec<(&str, &[u8])> = cases.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let dir = folder(&files);
    let (corpus, index, _) = load(dir.path(), &Config::default_config(), quick());
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert_eq!(index.articles.len(), cases.len() + 1);
    for (name, _) in cases {
        let id = corpus::article_id(name);
        let article = index.article(&id).unwrap();
        if name.starts_with("fence") {
            continue;
        }
        assert!(
            index
                .claims_in(&id)
                .any(|c| c.actor.id == "zelensky" && c.topic == "ceasefire"),
            "{name}: the body is still read"
        );
        assert!(
            article.meta.date.is_none(),
            "{name}: {:?}",
            article.meta.date
        );
    }
    assert_eq!(index.article("crlf").unwrap().title(), "Windows");
    assert_consistent(&index);
    serve_all(index);
}

// ---------------------------------------------------------------------------------------------
// Odd characters

#[test]
fn unbalanced_and_odd_quote_marks_do_not_swallow_the_article() {
    let body = "Odd quotes everywhere today\n\n\
        \"This quote never closes, said someone.\n\n\
        Zelensky said Ukraine supports a ceasefire.\n\n\
        „Ein Zitat“ and «une citation» and ‹this› and 「これ」 and ‘single’ and ”backwards“ and '''triple\"\"\".\n\n\
        ” ” “ “ \" ' ` ´ ″ ‶\n\n\
        Putin said Russia opposes a ceasefire.\n";
    let dir = folder(&[("quotes.txt", body.as_bytes())]);
    let (_, index, _) = load(dir.path(), &Config::default_config(), quick());
    let claims: Vec<(String, String)> = index
        .claims_in("quotes")
        .map(|c| (c.actor.id.clone(), c.topic.clone()))
        .collect();
    assert!(
        claims.contains(&("zelensky".into(), "ceasefire".into())),
        "a claim after an unclosed quote: {claims:?}"
    );
    assert!(
        claims.contains(&("putin".into(), "ceasefire".into())),
        "{claims:?}"
    );
    let article = index.article("quotes").unwrap();
    assert!(article.sentences.len() >= 5);
    assert_consistent(&index);
}

#[test]
fn right_to_left_and_zero_width_characters_keep_spans_valid() {
    let body = "\u{202e}Ceasefire talks\u{202c} in العربية and עברית\n\n\
        Zelensky\u{200b} said\u{200d} Ukraine supports a ceasefire.\u{200f}\n\n\
        \u{2067}Putin said Russia opposes a ceasefire.\u{2069}\n\n\
        مرحبا، قال بوتين إن روسيا تعارض وقف إطلاق النار.\n\n\
        Ze\u{200b}lensky\u{feff} said \u{200e}Ukraine\u{200f} supports a ceasefire.\n\n\
        e\u{301}\u{301}\u{301} combining marks and 👩‍👩‍👧‍👦 emoji said\u{2028}nothing\u{2029}here.\n";
    let dir = folder(&[("rtl.txt", body.as_bytes())]);
    let (corpus, index, _) = load(dir.path(), &Config::default_config(), quick());
    assert!(corpus.skipped.is_empty());
    let article = index.article("rtl").unwrap();
    assert_eq!(article.text, body, "the text is kept exactly");
    assert!(
        index.claims_in("rtl").any(|c| c.actor.id == "putin"),
        "a claim inside isolates is found"
    );
    // Invisible controls at the edges of a sentence are not part of it (nor of the evidence),
    // so an override in the headline cannot reverse what follows it on the page.
    let texts: Vec<&str> = article
        .sentences
        .iter()
        .map(|s| article.sentence_text(s))
        .collect();
    assert_eq!(texts[0], "Ceasefire talks\u{202c} in العربية and עברית");
    assert!(
        texts.contains(&"Putin said Russia opposes a ceasefire."),
        "{texts:?}"
    );
    assert_eq!(article.title(), texts[0]);
    assert_consistent(&index);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = standpoint::web::app(standpoint::web::AppState::new(
        index,
        Config::default_config(),
    ));
    let res = rt.block_on(support::get_ok(&app, "/articles/rtl"));
    assert!(
        res.body.contains("مرحبا، قال بوتين"),
        "right-to-left text is shown"
    );
    assert!(!res.body.contains('\u{202e}'));
}

// ---------------------------------------------------------------------------------------------
// Things that are not files, and files that change

#[test]
fn symlink_loops_dangling_links_folders_and_fifos_are_skipped_without_hanging() {
    use std::os::unix::fs::symlink;
    let dir = folder(&[]);
    let p = dir.path();
    symlink(p.join("loop-b.txt"), p.join("loop-a.txt")).unwrap();
    symlink(p.join("loop-a.txt"), p.join("loop-b.txt")).unwrap();
    symlink(p.join("self.md"), p.join("self.md")).unwrap();
    symlink(p.join("missing.txt"), p.join("dangling.txt")).unwrap();
    symlink("/dev/zero", p.join("zero.txt")).unwrap();
    symlink(p, p.join("parent.md")).unwrap();
    fs::create_dir(p.join("folder.txt")).unwrap();
    fs::write(p.join("folder.txt").join("inner.txt"), GOOD).unwrap();
    mkfifo(&p.join("fifo.txt"));
    // A link to a good file elsewhere is followed.
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("real.txt"), GOOD).unwrap();
    symlink(elsewhere.path().join("real.txt"), p.join("linked.txt")).unwrap();
    let (corpus, index, logs) = load(p, &Config::default_config(), quick());
    for (file, why) in [
        ("loop-a.txt", "symbolic links"),
        ("loop-b.txt", "symbolic links"),
        ("self.md", "symbolic links"),
        ("dangling.txt", "No such file"),
        ("zero.txt", "not a regular file"),
        ("parent.md", "not a regular file"),
        ("folder.txt", "not a regular file"),
        ("fifo.txt", "not a regular file"),
    ] {
        assert_skipped(&corpus, &logs, file, why);
    }
    assert!(index.article("linked").is_some(), "a link to a file loads");
    assert_eq!(
        index.articles.len(),
        2,
        "not recursive: {:?}",
        index.articles.len()
    );
    assert_good_loaded(&index);
}

fn mkfifo(path: &Path) {
    assert!(try_mkfifo(path), "mkfifo {}", path.display());
}

fn try_mkfifo(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    unsafe { libc::mkfifo(c.as_ptr(), 0o644) == 0 }
}

/// Files that become unreadable while the folder is loaded: each is swapped, over and over,
/// between an article and a FIFO (which blocks whoever opens it to read until a writer comes),
/// now and then a folder or a dangling link, or nothing. Whatever the loader meets, it must not
/// hang, must index or skip each file, and must load the rest.
#[test]
fn files_that_change_while_loading_never_hang_the_loader() {
    use std::sync::atomic::{AtomicBool, Ordering};
    // On tmpfs where there is one: the faster the files change, the likelier every window is hit.
    let dir = match tempfile::tempdir_in("/dev/shm") {
        Ok(dir) => dir,
        Err(_) => tempfile::tempdir().unwrap(),
    };
    fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let paths: Vec<PathBuf> = (0..4)
        .map(|i| dir.path().join(format!("racy-{i:02}.txt")))
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let stop = stop.clone();
        let paths = paths.clone();
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let path = &paths[n as usize % paths.len()];
                // Each new state is made under a hidden name, then renamed over the file in one
                // step, as editors and sync tools replace files.
                let tmp = path.with_file_name(format!(".tmp-{n}"));
                // Mostly an article that turns into a FIFO: the case that hangs a naive reader.
                match (n / paths.len() as u64) % 8 {
                    6 => {
                        let _ = fs::remove_dir(path);
                        let _ = fs::remove_file(path);
                        let _ = fs::create_dir(path);
                    }
                    7 => {
                        let _ = fs::remove_dir(path);
                        let _ = std::os::unix::fs::symlink("/nonexistent", &tmp);
                    }
                    k if k % 2 == 0 => {
                        let _ = fs::remove_dir(path);
                        let _ = fs::write(&tmp, GOOD);
                    }
                    _ => {
                        let _ = fs::remove_dir(path);
                        try_mkfifo(&tmp);
                    }
                }
                let _ = fs::rename(&tmp, path);
                n += 1;
            }
            n
        })
    };
    let config = Config::default_config();
    let (tx, rx) = std::sync::mpsc::channel();
    let loader = {
        let dir = dir.path().to_path_buf();
        std::thread::spawn(move || {
            let mut outcomes = std::collections::BTreeSet::new();
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(4) {
                let corpus = corpus::load_dir(&dir, &config).expect("loads");
                assert!(corpus.documents.iter().any(|d| d.file == "good.txt"));
                for d in &corpus.documents {
                    if d.file.starts_with("racy") {
                        assert_eq!(d.text, GOOD, "{} is read whole", d.file);
                        outcomes.insert("indexed".to_string());
                    }
                }
                for s in &corpus.skipped {
                    assert!(corpus.documents.iter().all(|d| d.file != s.file));
                    outcomes.insert(s.reason.clone());
                }
            }
            let _ = tx.send(outcomes);
        })
    };
    let outcomes = rx.recv_timeout(Duration::from_secs(20));
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().unwrap();
    if outcomes.is_err() {
        // Unblock a loader stuck opening a FIFO, so that the test fails instead of hanging.
        use std::os::unix::fs::OpenOptionsExt;
        for path in &paths {
            let _ = fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(path);
        }
    }
    let outcomes = outcomes.expect("the loader hung on a file that changed under it");
    loader.join().unwrap();
    assert!(swaps > 1000, "the files changed {swaps} times");
    assert!(
        outcomes.contains("indexed") && outcomes.len() >= 3,
        "saw {outcomes:?}"
    );
}

#[test]
fn an_unreadable_file_is_skipped_when_permissions_apply() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[("locked.txt", GOOD.as_bytes())]);
    let locked = dir.path().join("locked.txt");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let (corpus, index, logs) = load(dir.path(), &Config::default_config(), quick());
    if fs::read(&locked).is_err() {
        assert_skipped(&corpus, &logs, "locked.txt", "Permission denied");
    } else {
        // As root, permissions do not stop reading: the file loads like any other.
        assert!(index.article("locked").is_some());
    }
    assert_good_loaded(&index);
}

// ---------------------------------------------------------------------------------------------
// All together, through the real binary

/// Every hostile file at once in one folder, served by the built binary: it starts, serves the
/// good articles, lists every skipped file with its reason, and leaves the folder untouched.
#[test]
fn the_server_starts_with_the_rest_and_never_writes_the_corpus() {
    use std::os::unix::fs::symlink;
    let dir = folder(&[
        ("latin1.txt", b"caf\xe9\n"),
        ("utf16.txt", b"\xff\xfeh\0i\0"),
        ("nul.md", b"a\0b"),
        ("empty.txt", b""),
        ("furniture.txt", b"Share this article\nAdvertisement\n"),
        (
            "front.md",
            b"---\ntitle: <script>x</script>\n\nPutin said Russia opposes a ceasefire.\n",
        ),
        (
            "rtl.txt",
            "\u{202e}Zelensky said Ukraine supports a ceasefire.\u{200b}\n".as_bytes(),
        ),
    ]);
    let p = dir.path();
    symlink(p.join("loop.txt"), p.join("loop.txt")).unwrap();
    mkfifo(&p.join("fifo.md"));
    fs::create_dir(p.join("dir.txt")).unwrap();
    fs::write(p.join("big.txt"), "x".repeat(6 * 1024 * 1024)).unwrap();
    let before = snapshot(p);
    let corpus = p.to_str().unwrap();
    let server = server::Server::spawn(&server::bin(), &["--corpus", corpus], p);
    let res = server.get("/api/v1/articles");
    assert_eq!(res.status, 200);
    let json: serde_json::Value = serde_json::from_slice(&res.body).unwrap();
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["front", "furniture", "good", "rtl"]);
    let skipped: BTreeMap<&str, &str> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["file"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    let names: Vec<&str> = skipped.keys().copied().collect();
    assert_eq!(
        names,
        [
            "big.txt",
            "dir.txt",
            "empty.txt",
            "fifo.md",
            "latin1.txt",
            "loop.txt",
            "nul.md",
            "utf16.txt"
        ]
    );
    let logs = server.logs();
    for name in names {
        assert!(
            logs.lines()
                .any(|l| l.contains("skipping file") && l.contains(name)),
            "no warning names {name}:\n{logs}"
        );
    }
    for id in ids {
        assert_eq!(server.get(&format!("/articles/{id}")).status, 200, "{id}");
    }
    assert_eq!(server.get("/").status, 200);
    drop(server);
    assert!(snapshot(p) == before, "serving changed the corpus folder");
}

/// A description after a name, then a curly quote just where the look for a verb of saying
/// stops (40 bytes on): the look ends on a character boundary instead of panicking.
#[test]
fn a_description_followed_by_a_curly_quote_does_not_panic() {
    for pad in 36..44 {
        let article = format!(
            "Jane Doe, a cyclist from the east of town, {}“hello” she said.",
            "a".repeat(pad)
        );
        let _ = standpoint_claims(&article);
    }
}

fn standpoint_claims(article: &str) -> usize {
    crate::support::reading::claims(article).len()
}
