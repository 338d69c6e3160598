//! Sharded indexing as the Kubernetes manifests run it, through the built binary: the Indexed
//! Job's command once per shard, the merge Job's, then the Deployment's `serve` answering
//! `/healthz`; the merged snapshot against one `index` run (export, coverage and wire copies);
//! and the parts `merge` refuses.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::support::server::{Server, bin, clean_command, copy_dir, free_port, seeds};
use standpoint::index::merge::shard_of;
use standpoint::{Config, Index, corpus};

fn manifests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/kubernetes")
}

/// The container's `args: [...]` of a manifest (written as a JSON-compatible flow list).
fn manifest_args(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(manifests().join(file)).unwrap();
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("args:"))
        .unwrap_or_else(|| panic!("{file} has no `args:` line"));
    serde_json::from_str(line.trim()).unwrap_or_else(|e| panic!("{file}'s args: {e}"))
}

/// A number field of a manifest (`completions: 8`).
fn manifest_number(file: &str, key: &str) -> u32 {
    let text = std::fs::read_to_string(manifests().join(file)).unwrap();
    text.lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key}:")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{file} has no {key}"))
}

/// Runs the binary with `args`, `/data/` in them standing for `data`.
fn run(args: &[String], data: &Path) -> Output {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("/data/", &format!("{}/", data.display())))
        .collect();
    clean_command(&bin())
        .args(&args)
        .output()
        .expect("run standpoint")
}

fn ok(out: Output, what: &str) -> Output {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn export(args: &[&str]) -> String {
    let out = ok(
        clean_command(&bin())
            .arg("export")
            .args(args)
            .output()
            .unwrap(),
        "export",
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Indexes `corpus` as `n` shards and merges them; returns the parts and the merged snapshot.
fn shard_and_merge(corpus: &Path, dir: &Path, n: u32) -> (Vec<PathBuf>, PathBuf) {
    let parts: Vec<PathBuf> = (0..n).map(|k| dir.join(format!("part-{k}.snap"))).collect();
    for (k, part) in parts.iter().enumerate() {
        let args = [
            "index".to_string(),
            "--corpus".into(),
            corpus.display().to_string(),
            "--shard".into(),
            format!("{k}/{n}"),
            "-o".into(),
            part.display().to_string(),
        ];
        ok(run(&args, dir), "index --shard");
    }
    let merged = dir.join("merged.snap");
    let mut args = vec!["merge".to_string()];
    args.extend(parts.iter().map(|p| p.display().to_string()));
    args.extend(["-o".to_string(), merged.display().to_string()]);
    ok(run(&args, dir), "merge");
    (parts, merged)
}

#[test]
fn the_manifests_commands_index_merge_and_serve_a_generated_corpus() {
    let data = tempfile::tempdir().unwrap();
    let corpus = data.path().join("corpus");
    let generate = ["generate", "--articles", "400", "--out"].map(String::from);
    let mut args = generate.to_vec();
    args.push(corpus.display().to_string());
    ok(run(&args, data.path()), "generate");

    let shards = manifest_number("index-job.yaml", "completions");
    let index = manifest_args("index-job.yaml");
    assert!(
        index.iter().any(|a| a.ends_with(&format!("/{shards}"))),
        "the index Job's --shard K/N must name N = completions ({shards}): {index:?}"
    );
    for k in 0..shards {
        let args: Vec<String> = index
            .iter()
            .map(|a| a.replace("$(JOB_COMPLETION_INDEX)", &k.to_string()))
            .collect();
        ok(
            run(&args, data.path()),
            &format!("the index Job's shard {k}"),
        );
    }
    let merge = manifest_args("merge-job.yaml");
    ok(run(&merge, data.path()), "the merge Job");

    let mut serve = manifest_args("deployment.yaml");
    let addr = format!("127.0.0.1:{}", free_port());
    let at = serve.iter().position(|a| a == "--addr").expect("--addr");
    serve[at + 1] = addr.clone();
    let serve: Vec<String> = serve
        .iter()
        .map(|a| a.replace("/data/", &format!("{}/", data.path().display())))
        .collect();
    let snapshot = serve[serve.iter().position(|a| a == "--snapshot").unwrap() + 1].clone();
    let mut cmd = clean_command(&bin());
    cmd.args(&serve);
    let server = Server::start(cmd, addr.parse().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.get("/healthz").status != 200 {
        assert!(Instant::now() < deadline, "not ready:\n{}", server.logs());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.get("/api/v1/claims").status, 200);

    let merged = export(&["--snapshot", &snapshot]);
    let single = export(&["--corpus", corpus.to_str().unwrap()]);
    assert!(
        merged == single,
        "the merged snapshot's export differs from one run's"
    );
}

/// Every cell's coverage (articles, outlets, wire copies counted once) from the merged snapshot
/// equals one run's, and some copies span two shards.
fn assert_same_coverage(merged: &Index, single: &Index, shards: u32) {
    let mut across = 0;
    for actor in &single.actors {
        for topic in &single.topics {
            let a: Vec<_> = single.claims_for(&actor.id, &topic.id).collect();
            let b: Vec<_> = merged.claims_for(&actor.id, &topic.id).collect();
            let (ca, cb) = (single.coverage(&a), merged.coverage(&b));
            assert_eq!(
                serde_json::to_value(&ca).unwrap(),
                serde_json::to_value(&cb).unwrap(),
                "coverage of {} on {}",
                actor.id,
                topic.id
            );
            let shard = |id: &str| shard_of(&single.article(id).unwrap().file, shards);
            across += cb
                .sources
                .iter()
                .filter(|s| s.copy_of.is_some_and(|o| shard(o) != shard(s.article)))
                .count();
        }
    }
    assert!(across > 0, "no wire copy across shards was found");
}

#[test]
fn a_merge_equals_one_run_on_generated_articles_with_copies_across_shards() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let args = ["generate", "--articles", "600", "--seed", "7", "--out"].map(String::from);
    let mut args = args.to_vec();
    args.push(corpus.display().to_string());
    ok(run(&args, dir.path()), "generate");
    let (_, merged) = shard_and_merge(&corpus, dir.path(), 5);
    assert!(
        export(&["--snapshot", merged.to_str().unwrap()])
            == export(&["--corpus", corpus.to_str().unwrap()]),
        "the merged snapshot's export differs from one run's"
    );
    let config = Config::default_config();
    let single = Index::build(corpus::load_dir(&corpus, &config).unwrap(), &config);
    let merged = Index::read_snapshot(&merged).unwrap();
    assert_same_coverage(&merged, &single, 5);
}

#[test]
fn a_merge_equals_one_run_on_the_seeds_with_files_of_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&seeds(), &corpus);
    // Two files whose names give one id: one run calls them x and x-2; so must the merge.
    let first = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    std::fs::copy(&first, first.with_extension("md")).unwrap();
    for n in [1, 3, 4] {
        let out = dir.path().join(format!("n{n}"));
        std::fs::create_dir(&out).unwrap();
        let (_, merged) = shard_and_merge(&corpus, &out, n);
        assert!(
            export(&["--snapshot", merged.to_str().unwrap()])
                == export(&["--corpus", corpus.to_str().unwrap()]),
            "with {n} shards, the merged export differs from one run's"
        );
    }
}

fn refused(args: &[String], dir: &Path, says: &str) {
    let out = run(args, dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "exit code of {args:?}: {err}");
    assert!(err.contains(says), "{args:?} should say {says:?}: {err}");
}

#[test]
fn merge_refuses_missing_repeated_foreign_and_stale_parts() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&seeds(), &corpus);
    let (parts, _) = shard_and_merge(&corpus, dir.path(), 3);
    let p: Vec<String> = parts.iter().map(|p| p.display().to_string()).collect();
    let out = dir.path().join("out.snap").display().to_string();
    let merge = |names: &[&String]| {
        let mut args = vec!["merge".to_string()];
        args.extend(names.iter().map(|s| s.to_string()));
        args.extend(["-o".to_string(), out.clone()]);
        args
    };
    refused(&merge(&[&p[0], &p[2]]), dir.path(), "shard 1/3");
    refused(
        &merge(&[&p[0], &p[1], &p[1], &p[2]]),
        dir.path(),
        "both shard 1",
    );

    // A part indexed with another configuration.
    let config = dir.path().join("other.toml");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("standpoint.toml"))
            .unwrap();
    std::fs::write(&config, format!("{text}\n# another configuration\n")).unwrap();
    let other = dir.path().join("other-1.snap").display().to_string();
    let args = ["index", "--corpus", corpus.to_str().unwrap(), "--config"];
    let mut args: Vec<String> = args.map(String::from).to_vec();
    args.extend([config.display().to_string(), "--shard".into(), "1/3".into()]);
    args.extend(["-o".to_string(), other.clone()]);
    ok(run(&args, dir.path()), "index --shard with another config");
    refused(
        &merge(&[&p[0], &other, &p[2]]),
        dir.path(),
        "different configurations",
    );

    // A part indexed after a file was added to the folder.
    std::fs::write(
        corpus.join("zz_late.txt"),
        "A late article.\n\nNothing said.\n",
    )
    .unwrap();
    let late = dir.path().join("late-1.snap").display().to_string();
    let args = [
        "index",
        "--corpus",
        corpus.to_str().unwrap(),
        "--shard",
        "1/3",
        "-o",
        &late,
    ];
    ok(
        run(&args.map(String::from), dir.path()),
        "index --shard after a change",
    );
    refused(
        &merge(&[&p[0], &late, &p[2]]),
        dir.path(),
        "contents of the corpus folder",
    );

    // A plain snapshot is not a part; a snapshot that is not the one its manifest describes.
    let plain = dir.path().join("plain.snap").display().to_string();
    let args = ["index", "--corpus", corpus.to_str().unwrap(), "-o", &plain];
    ok(run(&args.map(String::from), dir.path()), "index");
    refused(&merge(&[&plain]), dir.path(), "no shard manifest");
    std::fs::copy(&plain, &p[1]).unwrap();
    refused(
        &merge(&[&p[0], &p[1], &p[2]]),
        dir.path(),
        "not written together",
    );
    refused(
        &["index", "--corpus", "seeds", "--shard", "3/3", "-o", &out].map(String::from),
        dir.path(),
        "below N",
    );
}
