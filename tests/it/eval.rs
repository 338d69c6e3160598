//! `standpoint eval` as a user runs it: the seeds scored against their gold set
//! (`eval/seeds.gold.json`), `--min-f1` as the exit code, `--verbose`, and bad gold files.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::server::{bin, clean_command, seeds, stderr, stdout};

/// The seeds' claims F1 line. When extraction changes, run
/// `standpoint eval --gold eval/seeds.gold.json` and put its last line here.
/// The seeds' bar: claims F1 and precision at least these, and no flipped position.
const SEEDS_MIN_F1: f64 = 0.95;
const SEEDS_MIN_PRECISION: f64 = 0.90;

/// F1 and precision from a summary line: `claims: F1 0.985 (precision 0.970 = 65/67, ...)`.
fn f1_and_precision(line: &str) -> (f64, f64) {
    let number = |key: &str| -> f64 {
        let rest = &line[line.find(key).unwrap_or_else(|| panic!("{key} in {line}")) + key.len()..];
        rest.split_whitespace().next().unwrap().parse().unwrap()
    };
    (number("F1 "), number("precision "))
}

/// Asserts the last line is the claims summary and that it meets the seeds' bar.
fn assert_meets_the_seeds_bar(text: &str) {
    let last = text.lines().last().unwrap_or_default();
    assert!(last.starts_with("claims: F1 "), "{text}");
    let (f1, precision) = f1_and_precision(last);
    assert!(
        f1 >= SEEDS_MIN_F1,
        "seeds' claims F1 fell below {SEEDS_MIN_F1}:\n{text}"
    );
    assert!(
        precision >= SEEDS_MIN_PRECISION,
        "seeds' precision fell below {SEEDS_MIN_PRECISION}:\n{text}"
    );
    assert!(
        text.contains("flipped:   0 "),
        "no flipped position on the seeds:\n{text}"
    );
}

fn seeds_gold() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/seeds.gold.json")
}

fn eval(gold: &Path, extra: &[&str]) -> Output {
    clean_command(&bin())
        .arg("eval")
        .arg("--gold")
        .arg(gold)
        .arg("--corpus")
        .arg(seeds())
        .args(extra)
        .output()
        .expect("run standpoint eval")
}

#[test]
fn the_seeds_are_scored_against_their_gold_set() {
    let out = eval(&seeds_gold(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_meets_the_seeds_bar(&text);
    assert!(text.contains("\nattribution: F1 "), "{text}");
    assert!(text.contains("flipped: "), "{text}");
    assert!(
        text.contains("spans: 0 of "),
        "every claim's evidence is the text at its span:\n{text}"
    );
    assert!(!text.contains("EXTRA "), "no list without --verbose");
}

#[test]
fn the_corpus_defaults_to_the_seeds_as_for_export() {
    let out = clean_command(&bin())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", "--gold", "eval/seeds.gold.json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_meets_the_seeds_bar(&stdout(&out));
}

#[test]
fn min_f1_fails_below_the_claims_f1_and_passes_above() {
    let out = eval(&seeds_gold(), &["--min-f1", "0.99"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("claims: F1 "),
        "the report is printed"
    );
    let out = eval(&seeds_gold(), &["--min-f1", "0.5"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn verbose_lists_each_extra_claim_with_its_passage() {
    let out = eval(&seeds_gold(), &["--verbose"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let claims = text.lines().last().unwrap();
    // "precision 0.970 = 65/67": 67 - 65 claims match nothing.
    let (matched, scored) = claims
        .split_once("= ")
        .and_then(|(_, r)| r.split_once(','))
        .and_then(|(ratio, _)| ratio.split_once('/'))
        .expect("a precision ratio");
    let extra = scored.parse::<usize>().unwrap() - matched.parse::<usize>().unwrap();
    let listed: Vec<&str> = text.lines().filter(|l| l.starts_with("EXTRA ")).collect();
    assert_eq!(listed.len(), extra, "{text}");
    assert!(listed.iter().all(|l| l.ends_with('"')), "{listed:?}");
    assert!(text.ends_with(&stdout(&eval(&seeds_gold(), &[]))));
}

/// Runs `eval` on the seeds with a gold file of the given content; expects exit code 2 and an
/// error naming the file, and returns the error.
fn refused(content: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("my-gold.json");
    std::fs::write(&gold, content).unwrap();
    let out = eval(&gold, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&gold.display().to_string()), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty(), "no report for a bad gold file");
    err
}

#[test]
fn a_bad_gold_file_exits_2_naming_the_file_and_the_problem() {
    assert!(refused("{\"actors\": ").contains("is not JSON"));
    let err = refused("{\"actors\": {}, \"articles\": 3}");
    assert!(err.contains("is not a gold set: invalid type"), "{err}");
    let seeds_gold = std::fs::read_to_string(seeds_gold()).unwrap();
    let wrong_sha = seeds_gold.replacen(
        "\"file\": \"000_83a8894dfe4c3e2e.txt\",",
        &format!(
            "\"file\": \"000_83a8894dfe4c3e2e.txt\", \"sha256\": \"{}\",",
            "0".repeat(64)
        ),
        1,
    );
    assert_ne!(wrong_sha, seeds_gold);
    let err = refused(&wrong_sha);
    assert!(
        err.contains(
            "000_83a8894dfe4c3e2e.txt in the corpus folder is not the text that was annotated"
        ),
        "{err}"
    );
}

#[test]
fn a_missing_gold_file_or_config_exits_2() {
    let out = eval(Path::new("/nonexistent/gold.json"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read gold file /nonexistent/gold.json"));
    let out = eval(&seeds_gold(), &["--config", "/nonexistent/standpoint.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read config file"));
}
