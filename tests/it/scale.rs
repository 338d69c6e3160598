//! Scale: the synthetic corpus generator, parallel indexing, and index snapshots (written by
//! `standpoint index`, served by `standpoint serve --snapshot`, refused when corrupt or from
//! another version).

use std::collections::HashSet;
use std::path::Path;

use crate::support::server::{self, Server, bin, clean_command};
use standpoint::index::snapshot::{FORMAT_VERSION, STANDPOINT_VERSION, SnapshotError};
use standpoint::synth::Generator;
use standpoint::{Config, Index, corpus};

fn generated(n: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    Generator::new(&Config::default_config(), seed)
        .write(n, dir.path())
        .expect("write corpus");
    dir
}

fn index_of(dir: &Path) -> Index {
    let config = Config::default_config();
    Index::build(corpus::load_dir(dir, &config).expect("load"), &config)
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_generator_is_deterministic_varied_and_extractable() {
    let a = generated(60, 7);
    let b = generated(60, 7);
    assert_eq!(files(a.path()), files(b.path()), "same seed, same corpus");
    let other = generated(60, 8);
    assert_ne!(files(a.path()), files(other.path()), "another seed differs");

    // Article i does not depend on how many are written.
    let small = generated(10, 7);
    assert_eq!(files(small.path())[..], files(a.path())[..10]);

    // No two articles are the same text, and both formats and several outlets appear.
    let all = files(a.path());
    let texts: HashSet<&[u8]> = all.iter().map(|(_, t)| t.as_slice()).collect();
    assert_eq!(texts.len(), all.len());
    assert!(all.iter().any(|(f, _)| f.ends_with(".md")));
    assert!(all.iter().any(|(f, _)| f.ends_with(".txt")));

    let index = index_of(a.path());
    assert_eq!(index.articles.len(), 60);
    assert!(index.skipped.is_empty(), "{:?}", index.skipped);
    let outlets: HashSet<_> = index
        .articles
        .iter()
        .filter_map(|a| a.meta.outlet.clone())
        .collect();
    assert!(outlets.len() >= 4, "{outlets:?}");
    // Every article yields claims from several actors on the configured topics.
    for article in &index.articles {
        assert!(
            index.claims_in(&article.id).count() >= 3,
            "{} has too few claims",
            article.id
        );
    }
    let actors: HashSet<_> = index.claims.iter().map(|c| &c.actor.id).collect();
    assert!(actors.len() >= 20, "{} actors", actors.len());
    let topics: HashSet<_> = index.claims.iter().map(|c| &c.topic).collect();
    assert_eq!(topics.len(), index.topics.len());
}

#[test]
fn parallel_indexing_gives_the_same_index_as_one_thread() {
    let dir = generated(80, 3);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(|| index_of(dir.path()));
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("pool")
        .install(|| index_of(dir.path()));
    assert_eq!(one.claims, many.claims);
    let ids = |i: &Index| i.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&one), ids(&many));
    // The per-article, per-actor and per-cell lookups agree with a scan of all claims.
    for article in &many.articles {
        let scanned: Vec<_> = many
            .claims
            .iter()
            .filter(|c| c.article == article.id)
            .collect();
        assert_eq!(many.claims_in(&article.id).collect::<Vec<_>>(), scanned);
    }
    for actor in &many.actors {
        for topic in &many.topics {
            let scanned: Vec<_> = many
                .claims
                .iter()
                .filter(|c| c.actor.id == actor.id && c.topic == topic.id)
                .collect();
            assert_eq!(
                many.claims_for(&actor.id, &topic.id).collect::<Vec<_>>(),
                scanned
            );
        }
        let scanned: Vec<_> = many
            .claims
            .iter()
            .filter(|c| c.actor.id == actor.id)
            .collect();
        assert_eq!(many.claims_by(&actor.id).collect::<Vec<_>>(), scanned);
        assert_eq!(many.claim_count(&actor.id), scanned.len());
    }
}

#[test]
fn a_snapshot_restores_the_same_index() {
    let dir = generated(50, 11);
    let index = index_of(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("index.snap");
    index.write_snapshot(&path).expect("write");
    let restored = Index::read_snapshot(&path).expect("read");

    assert_eq!(restored.claims, index.claims);
    assert_eq!(restored.stats.articles, index.stats.articles);
    assert_eq!(restored.stats.bytes, index.stats.bytes);
    for (a, b) in restored.articles.iter().zip(&index.articles) {
        assert_eq!((&a.id, &a.text, &a.meta), (&b.id, &b.text, &b.meta));
        assert_eq!(a.sentences, b.sentences);
    }
    let ids = |i: &Index| i.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&restored), ids(&index));
    // Statement dates and coverage survive the trip.
    for claim in &index.claims {
        assert_eq!(
            restored.statement_date(claim),
            index.statement_date(claim),
            "{claim:?}"
        );
    }
    let actor = &index.actors[0].id;
    let topic = &index.topics[0].id;
    let cell = |i: &Index| {
        let claims: Vec<_> = i.claims_for(actor, topic).collect();
        let c = i.coverage(&claims);
        (c.articles, c.outlets, c.reports, c.copies)
    };
    assert_eq!(cell(&restored), cell(&index));
    // Lookups by alias work on the restored index.
    assert!(restored.actor("zelenskyy").is_some());
}

/// A snapshot file of the seeds, and its bytes.
fn seeds_snapshot(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
    let path = dir.join("seeds.snap");
    index_of(&server::seeds())
        .write_snapshot(&path)
        .expect("write");
    let bytes = std::fs::read(&path).expect("read");
    (path, bytes)
}

#[test]
fn corrupt_truncated_foreign_and_other_version_snapshots_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = seeds_snapshot(dir.path());

    let read = |name: &str, content: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, content).expect("write");
        Index::read_snapshot(&p).map(|_| ()).unwrap_err()
    };

    let mut flipped = bytes.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0x20;
    let err = read("flipped.snap", &flipped);
    assert!(matches!(err, SnapshotError::Corrupt { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("rebuild it with `standpoint index`")
    );

    let err = read("truncated.snap", &bytes[..bytes.len() / 2]);
    assert!(matches!(err, SnapshotError::Corrupt { .. }), "{err}");
    let err = read("header-only.snap", &bytes[..24]);
    assert!(matches!(err, SnapshotError::Corrupt { .. }), "{err}");

    let err = read("article.snap", b"This is an article, not a snapshot.");
    assert!(matches!(err, SnapshotError::NotASnapshot { .. }), "{err}");
    let err = read("empty.snap", b"");
    assert!(matches!(err, SnapshotError::NotASnapshot { .. }), "{err}");

    // The same body under another version's header.
    let mut older = b"STANDPOINT-SNAPSHOT\n".to_vec();
    older.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    older.extend_from_slice(&5u16.to_le_bytes());
    older.extend_from_slice(b"0.0.1");
    older.extend_from_slice(&bytes[20 + 4 + 2 + STANDPOINT_VERSION.len()..]);
    let err = read("older.snap", &older);
    assert!(matches!(err, SnapshotError::OtherVersion { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("0.0.1") && message.contains(STANDPOINT_VERSION),
        "{message}"
    );

    // A snapshot of the previous format (one body read whole) under this version: refused with
    // both formats named, not decoded.
    let mut previous = bytes.clone();
    previous[20..24].copy_from_slice(&(FORMAT_VERSION - 1).to_le_bytes());
    let err = read("previous-format.snap", &previous);
    assert!(matches!(err, SnapshotError::OtherVersion { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains(&format!("snapshot format {}", FORMAT_VERSION - 1))
            && message.contains(&format!("format {FORMAT_VERSION}"))
            && message.contains("rebuild it with `standpoint index`"),
        "{message}"
    );

    // A well-formed body, checksum and all, whose claim points outside its article is refused,
    // not served.
    let mut forged = index_of(&server::seeds());
    forged.claims[0].span.end = 10_000_000;
    let forged_path = dir.path().join("forged.snap");
    forged.write_snapshot(&forged_path).expect("write");
    let err = Index::read_snapshot(&forged_path).map(|_| ()).unwrap_err();
    assert!(matches!(err, SnapshotError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("outside"), "{err}");

    // The header holds the body's length and its CRC-32, as documented.
    let body_at = 20 + 4 + 2 + STANDPOINT_VERSION.len() + 8 + 4;
    let field = |at: usize, n: usize| bytes[at..at + n].to_vec();
    let len = u64::from_le_bytes(field(body_at - 12, 8).try_into().expect("8 bytes"));
    let crc = u32::from_le_bytes(field(body_at - 4, 4).try_into().expect("4 bytes"));
    assert_eq!(len as usize, bytes.len() - body_at);
    assert_eq!(crc, crc32(&bytes[body_at..]));

    // A body whose table of sections does not add up, under a checksum that matches: refused
    // as corrupt, not decoded from the wrong places.
    let mut misplaced = bytes.clone();
    let end = misplaced.len();
    let table_len = u64::from_le_bytes(misplaced[end - 8..].try_into().expect("8 bytes"));
    misplaced[end - 8..].copy_from_slice(&(table_len + 1).to_le_bytes());
    let crc = crc32(&misplaced[body_at..]);
    misplaced[body_at - 4..body_at].copy_from_slice(&crc.to_le_bytes());
    let err = read("misplaced.snap", &misplaced);
    assert!(matches!(err, SnapshotError::Corrupt { .. }), "{err}");

    // The original still reads.
    assert!(Index::read_snapshot(&path).is_ok());
}

/// CRC-32 (IEEE), as the snapshot header uses, written out so the test does not trust the code
/// under test.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn the_cli_writes_a_snapshot_and_serves_from_it() {
    let corpus = generated(40, 5);
    let out = tempfile::tempdir().expect("tempdir");
    let snap = out.path().join("corpus.snap");
    let result = clean_command(&bin())
        .args(["index", "--corpus"])
        .arg(corpus.path())
        .arg("-o")
        .arg(&snap)
        .output()
        .expect("run index");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(stderr.contains("indexed 40 articles"), "{stderr}");
    assert!(
        stderr.contains("articles/s") && stderr.contains("MB/s"),
        "{stderr}"
    );
    assert!(snap.is_file());
    // Nothing but the snapshot was written next to it.
    let names: Vec<_> = std::fs::read_dir(out.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["corpus.snap"]);

    // Served from the snapshot, with the corpus folder gone: nothing is read from it.
    let expected = index_of(corpus.path());
    let article = expected.articles[7].id.clone();
    drop(corpus);
    let server = Server::spawn(
        &bin(),
        &["serve", "--snapshot", snap.to_str().expect("utf-8")],
        out.path(),
    );
    let res = server.get(&format!("/articles/{article}"));
    assert_eq!(res.status, 200, "{}", server.logs());
    let api = server.get("/api/v1/claims");
    assert_eq!(api.status, 200);
    let logs = server.logs();
    assert!(logs.contains("loaded snapshot"), "{logs}");
    assert!(
        !logs.contains("indexed"),
        "the server extracted again:\n{logs}"
    );
}

#[test]
fn the_cli_refuses_a_bad_snapshot_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.snap");
    std::fs::write(&bad, b"not a snapshot").expect("write");
    for file in [bad, dir.path().join("missing.snap")] {
        let result = clean_command(&bin())
            .args(["serve", "--port", "0", "--snapshot"])
            .arg(&file)
            .output()
            .expect("run serve");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(file.to_str().expect("utf-8")), "{stderr}");
    }
}
