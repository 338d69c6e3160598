//! `standpoint index --shard K/N` and `standpoint merge`: a corpus indexed as N independent
//! batch jobs, then merged into one snapshot (see [`crate::index::merge`]).

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use sha2::{Digest, Sha256};

use super::{CorpusArgs, load_config};
use crate::config::DEFAULT_CONFIG;
use crate::corpus;
use crate::index::merge::{self, ShardRun};

/// A shard of a corpus: the K-th (counted from 0, like a Kubernetes `JOB_COMPLETION_INDEX`) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not K/N (for example 0/8)"))?;
        let number = |x: &str| {
            x.trim()
                .parse::<u32>()
                .map_err(|_| format!("{x:?} in {s:?} is not a whole number"))
        };
        let (index, count) = (number(k)?, number(n)?);
        if count == 0 || index >= count {
            return Err(format!(
                "shard {s}: N must be at least 1 and K, counted from 0, below N (0/{n} to {}/{n})",
                count.saturating_sub(1),
                n = count.max(1)
            ));
        }
        Ok(Shard { index, count })
    }
}

#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// The parts written by `standpoint index --shard K/N`, one per shard (each with its
    /// `.shard` manifest beside it).
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,
    /// The snapshot file to write (replaced atomically if it exists).
    #[arg(long, short)]
    pub output: PathBuf,
}

/// Indexes one shard of the corpus and writes it as a part: a snapshot and its manifest.
pub(super) fn index_shard(
    args: &CorpusArgs,
    shard: Shard,
    output: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let config = load_config(args)?;
    let config_text = match &args.config {
        Some(path) => std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
        None => DEFAULT_CONFIG.as_bytes().to_vec(),
    };
    let started = Instant::now();
    let mut listing = Sha256::new();
    let mut listed = 0;
    let mut files = Vec::new();
    let corpus = corpus::load_dir_where(&args.corpus, &config, &mut |name| {
        listing.update(name.as_bytes());
        listing.update(b"\n");
        listed += 1;
        let mine = merge::shard_of(name, shard.count) == shard.index;
        if mine {
            files.push(name.to_string());
        }
        mine
    })
    .context("no articles to index (choose their folder with --corpus DIR or STANDPOINT_CORPUS)")?;
    let run = ShardRun {
        shard: shard.index,
        shards: shard.count,
        config: merge::fingerprint(&config_text),
        listing: listing
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        listed,
        files,
        max_files: config.limits.max_files,
    };
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let held = run.files.len();
    let (index, bytes) = merge::write_part(corpus, &config, run, output, &|_| {})?;
    tracing::info!(
        articles = index.stats.articles,
        claims = index.stats.claims,
        "indexed shard {}/{} ({held} of {listed} files) and wrote {} ({:.1} MB) in {:.2} s",
        shard.index,
        shard.count,
        output.display(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Merges the parts into one snapshot.
pub(super) fn merge(args: &MergeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let index = merge::merge(&args.parts)?;
    let bytes = index.write_snapshot(&args.output)?;
    tracing::info!(
        articles = index.stats.articles,
        claims = index.stats.claims,
        "merged {} parts into {} ({:.1} MB) in {:.2} s",
        args.parts.len(),
        args.output.display(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
