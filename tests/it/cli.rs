//! The command line as a user runs it: `check`, `export`, exit codes, and the usage block of
//! `docs/cli.md` kept in sync with `--help`.

use std::path::Path;
use std::process::Output;

use crate::support::server::{
    Server, bin, clean_command, copy_dir, free_port, get, seeds, stderr, stdout,
};

fn run(args: &[&str]) -> Output {
    clean_command(&bin())
        .args(args)
        .output()
        .expect("run standpoint")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn check_reports_articles_actors_and_claims_per_topic() {
    let out = run(&["check", "--corpus", path(&seeds())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("config standpoint.toml (built in): ok"),
        "{text}"
    );
    let files: Vec<_> = std::fs::read_dir(seeds()).unwrap().collect();
    assert!(
        text.contains(&format!("articles: {}", files.len())),
        "{text}"
    );
    assert!(text.contains("000_83a8894dfe4c3e2e.txt"), "{text}");
    assert!(text.contains("skipped: 0"), "{text}");
    assert!(text.contains("\nactors: "), "{text}");
    assert!(text.contains("claims per topic: "), "{text}");
    for topic in ["us-troops", "security-guarantees", "ceasefire"] {
        assert!(
            text.contains(&format!("  {topic}  ")),
            "{topic} missing:\n{text}"
        );
    }
}

#[test]
fn check_lists_skipped_files_with_their_reason() {
    let corpus = tempfile::tempdir().unwrap();
    copy_dir(&seeds(), corpus.path());
    std::fs::write(corpus.path().join("empty.txt"), "  \n").unwrap();
    std::fs::write(corpus.path().join("binary.md"), b"\x00\x01\x02 not text").unwrap();
    std::fs::write(corpus.path().join("notes.pdf"), "ignored: not .txt or .md").unwrap();
    let out = run(&["check", "--corpus", path(corpus.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("skipped: 2"), "{text}");
    assert!(text.contains("empty.txt  file is empty"), "{text}");
    assert!(text.contains("binary.md  file looks binary"), "{text}");
    assert!(!text.contains("notes.pdf"), "{text}");
}

#[test]
fn check_accepts_front_matter_articles() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("talks.md"),
        "---\ntitle: Talks resume\noutlet: Example News\nauthor: A. Writer\ndate: 2025-03-01\n\
         url: https://example.org/talks\n---\n\nThe talks resumed on Monday.\n",
    )
    .unwrap();
    let out = run(&["check", "--corpus", path(corpus.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("talks.md  \"Talks resume\" (Example News, 2025-03-01)"),
        "{text}"
    );
}

#[test]
fn check_fails_on_an_empty_corpus() {
    let corpus = tempfile::tempdir().unwrap();
    let out = run(&["check", "--corpus", path(corpus.path())]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("no article could be loaded"));
}

/// Writes the default config with one edit and runs `check` with it.
fn check_with_edited_config(from: &str, to: &str) -> Output {
    let default =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("standpoint.toml"))
            .unwrap();
    assert!(default.contains(from), "the default config has no {from:?}");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("my.toml");
    std::fs::write(&config, default.replacen(from, to, 1)).unwrap();
    run(&[
        "check",
        "--corpus",
        path(&seeds()),
        "--config",
        path(&config),
    ])
}

/// The 1-based line of the first occurrence of `needle` in the default config.
fn default_line_of(needle: &str) -> usize {
    let default =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("standpoint.toml"))
            .unwrap();
    default.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn check_names_line_and_key_of_an_unknown_key() {
    let line = default_line_of("max_files =");
    let out = check_with_edited_config("max_files =", "max_filez =");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("my.toml"), "{err}");
    assert!(
        err.contains(&format!("line {line}, key `limits.max_filez`")),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is reported for a bad config"
    );
}

#[test]
fn check_names_line_and_key_of_a_wrong_type() {
    let line = default_line_of("request_timeout_secs =");
    let out = check_with_edited_config(
        "request_timeout_secs = 10",
        "request_timeout_secs = \"ten\"",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("line {line}, key `limits.request_timeout_secs`")),
        "{err}"
    );
}

#[test]
fn check_names_line_and_key_of_an_invalid_value() {
    let out = check_with_edited_config("id = \"vance\"", "id = \"trump\"");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let line = default_line_of("id = \"vance\"");
    assert!(err.contains("duplicate id \"trump\""), "{err}");
    assert!(err.contains(&format!("line {line}, key `actors[")), "{err}");
    assert!(err.contains("].id`"), "{err}");
}

/// The first term of the ceasefire topic in the default config, as written there.
const CEASEFIRE_TERM: &str = r#""\\bcease-?\\s?fires?\\b","#;

#[test]
fn check_accepts_an_escaped_word_boundary_in_a_term() {
    let out =
        check_with_edited_config(CEASEFIRE_TERM, &format!(r#"{CEASEFIRE_TERM} "\\bfoo\\b","#));
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn check_refuses_a_backspace_in_a_term_naming_the_topic_and_the_line() {
    // In a TOML basic string "\b" is a backspace, not the word boundary `\b`.
    let line = default_line_of(CEASEFIRE_TERM);
    let out = check_with_edited_config(CEASEFIRE_TERM, &format!(r#"{CEASEFIRE_TERM} "\bfoo","#));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("topics.ceasefire.terms"), "{err}");
    assert!(err.contains("backspace"), "{err}");
    assert!(
        err.contains(&format!("line {line}, key `topics[2].terms`")),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is reported for a bad config"
    );
}

#[test]
fn check_and_export_refuse_an_empty_term_naming_the_topic_and_the_line() {
    let line = default_line_of(CEASEFIRE_TERM);
    let out = check_with_edited_config(CEASEFIRE_TERM, &format!(r#"{CEASEFIRE_TERM} "","#));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("topics.ceasefire.terms: term \"\" is empty"),
        "{err}"
    );
    assert!(err.contains(&format!("line {line}, ")), "{err}");
    // Loading the config for export (and serve) refuses it the same way.
    let default =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("standpoint.toml"))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("my.toml");
    let edited = default.replacen(CEASEFIRE_TERM, &format!(r#"{CEASEFIRE_TERM} "","#), 1);
    std::fs::write(&config, edited).unwrap();
    let seeds = seeds();
    let common = ["--corpus", path(&seeds), "--config", path(&config)];
    let export = [&["export"][..], &common[..]].concat();
    let serve = [&common[..], &["--addr", "127.0.0.1:1"][..]].concat();
    for args in [export, serve] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(&format!("line {line}, ")),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn check_refuses_an_empty_cue_word() {
    let line = default_line_of("speech = [");
    let out = check_with_edited_config("speech = [", "speech = [\"\",");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cues.speech: \"\" is empty"), "{err}");
    assert!(
        err.contains(&format!("line {line}, key `cues.speech`")),
        "{err}"
    );
}

#[test]
fn missing_corpus_exits_2_with_a_clear_message() {
    for command in ["check", "export"] {
        let out = run(&[command, "--corpus", "/nonexistent/articles"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            stderr(&out).contains("corpus folder /nonexistent/articles does not exist"),
            "{command}: {}",
            stderr(&out)
        );
    }
    // The server refuses to start as well, before binding a port.
    let out = run(&["--corpus", "/nonexistent/articles", "--addr", "127.0.0.1:1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_config_file_exits_2() {
    let out = run(&["check", "--config", "/nonexistent/standpoint.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read config file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn corpus_and_config_come_from_the_environment() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("one.txt"),
        "A headline here\n\nSome text.\n",
    )
    .unwrap();
    let out = clean_command(&bin())
        .arg("check")
        .env("STANDPOINT_CORPUS", corpus.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("articles: 1"), "{}", stdout(&out));
    let out = clean_command(&bin())
        .arg("check")
        .env("STANDPOINT_CONFIG", "/nonexistent.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_prints_json() {
    let out = run(&["export", "--corpus", path(&seeds())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 5);
    assert!(json["claims"].is_array());
}

#[test]
fn documented_usage_block_matches_help() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/cli.md")).unwrap();
    let out = run(&["-h"]);
    assert!(out.status.success());
    let help = stdout(&out);
    let start = readme
        .find("<!-- usage:start -->")
        .expect("docs/cli.md has a usage block");
    let end = readme.find("<!-- usage:end -->").expect("usage block end");
    let block = &readme[start..end];
    let body = block
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(body, _)| body)
        .expect("the usage block is a ```text fence");
    let body = body.strip_prefix("$ standpoint -h\n").unwrap_or(body);
    assert_eq!(
        body.trim_end(),
        help.trim_end(),
        "docs/cli.md's usage block is out of date; replace it with `standpoint -h`:\n{help}"
    );
}

#[test]
fn a_missing_file_is_named_with_its_cause_said_once() {
    let out = run(&[
        "export",
        "--corpus",
        path(&seeds()),
        "--config",
        "/nonexistent/x.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cannot read config file /nonexistent/x.toml"),
        "{err}"
    );
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

#[test]
fn check_without_a_corpus_folder_names_the_corpus_option() {
    let cwd = tempfile::tempdir().unwrap();
    let out = clean_command(&bin())
        .current_dir(cwd.path())
        .arg("check")
        .output()
        .expect("run standpoint");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--corpus"), "{err}");
    assert!(err.contains("corpus folder seeds does not exist"), "{err}");
}

/// A generated corpus of `n` articles, in a temporary folder.
fn generated(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(&[
        "generate",
        "--articles",
        &n.to_string(),
        "--out",
        path(dir.path()),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

#[test]
fn serve_on_a_port_in_use_or_a_bad_address_exits_2_before_indexing() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let corpus = generated(300);
    for bad in [addr.as_str(), "not-an-address"] {
        let started = std::time::Instant::now();
        let out = run(&["serve", "--corpus", path(corpus.path()), "--addr", bad]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("error: cannot listen on {bad}")),
            "{err}"
        );
        // It failed before reading the corpus, not after indexing it.
        assert!(!err.contains("indexed"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}

#[test]
fn serve_answers_503_with_its_progress_while_indexing_then_the_pages() {
    let corpus = generated(3000);
    let addr: std::net::SocketAddr = format!("127.0.0.1:{}", free_port()).parse().expect("addr");
    let mut cmd = clean_command(&bin());
    cmd.args(["serve", "--corpus", path(corpus.path()), "--addr"])
        .arg(addr.to_string());
    let server = Server::start_listening(cmd, addr);
    // Listening already; indexing 3,000 articles takes a while yet.
    let health = server.get("/healthz");
    assert_eq!(health.status, 503, "{}", server.logs());
    assert!(health.text().starts_with("starting: "), "{}", health.text());
    assert!(
        health.text().contains("articles indexed"),
        "{}",
        health.text()
    );
    assert_eq!(health.header("retry-after"), Some("5"));
    let page = server.get("/compare");
    assert_eq!(page.status, 503);
    assert_eq!(page.header("retry-after"), Some("5"));
    assert!(
        page.text().contains("Standpoint is starting"),
        "{}",
        page.text()
    );
    let api = server.get("/api/v1/actors");
    assert_eq!(api.status, 503);
    let json: serde_json::Value = serde_json::from_slice(&api.body).expect("JSON");
    assert_eq!(json["error"], "starting");
    // Then ready: 200 everywhere.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while server.get("/healthz").status != 200 {
        assert!(std::time::Instant::now() < deadline, "{}", server.logs());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.get("/api/v1/actors").status, 200);
    assert!(
        server.logs().contains("indexed 3000 articles"),
        "{}",
        server.logs()
    );
}

#[test]
fn serve_warns_loudly_on_an_empty_corpus_and_still_answers() {
    let empty = tempfile::tempdir().expect("tempdir");
    let server = Server::spawn(
        &bin(),
        &["serve", "--corpus", path(empty.path())],
        empty.path(),
    );
    assert_eq!(server.get("/").status, 200);
    let logs = server.logs();
    assert!(
        logs.contains("warning: no article could be loaded from"),
        "{logs}"
    );
    assert!(get(server.addr, "/healthz").expect("healthz").status == 200);
}

#[test]
fn check_refuses_an_empty_actor_alias_naming_the_actor() {
    let aliases = r#"aliases = ["United States","#;
    let out = check_with_edited_config(aliases, r#"aliases = ["", "United States","#);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("actors.united-states.aliases: an alias is empty"),
        "{err}"
    );
    // An alias with a name in it is fine: the unedited config passes.
    let fine = check_with_edited_config(aliases, aliases);
    assert_eq!(fine.status.code(), Some(0), "{}", stderr(&fine));
}
