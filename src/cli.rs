//! The command line: `serve` (the default), `export`, `index`, `merge`, `check`, `eval`,
//! `healthcheck` and `generate`.
//!
//! Raw arguments and environment variables are read here once, by clap, and nowhere else.

mod health;
mod shard;

pub use shard::{MergeArgs, Shard};

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Config, ConfigError};
use crate::corpus;
use crate::eval::{EvalError, Gold, Texts};
use crate::index::Index;
use crate::index::merge::MergeError;
use crate::index::snapshot::SnapshotError;
use crate::web::origin::PublicOrigin;

/// Standpoint: who said what about a topic, and where exactly they said it.
///
/// Without a command, `standpoint` serves the web app (the same as `standpoint serve`).
#[derive(Debug, Parser)]
#[command(
    name = "standpoint",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Log format on standard error: text for people, json for log collectors.
    #[arg(long, env = "STANDPOINT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a corpus and serve the web app (the default command).
    Serve(ServeArgs),
    /// Index a corpus and print its articles and claims as JSON on standard output.
    Export(ExportArgs),
    /// Index a corpus and write a snapshot file that `serve --snapshot` starts from without
    /// extracting again.
    Index(IndexArgs),
    /// Merge the parts written by `index --shard K/N` into one snapshot, the same as one `index`
    /// run over the whole folder.
    Merge(MergeArgs),
    /// Validate a configuration and a corpus without serving, and print what was found.
    Check(CorpusArgs),
    /// Index a corpus and score its claims against a gold file: precision, recall and F1 of
    /// claims and of who said what (see docs/eval.md).
    Eval(EvalArgs),
    /// Ask a running server whether it answers; exit code 0 when it does (for container health
    /// checks).
    Healthcheck(HealthArgs),
    /// Write a deterministic synthetic corpus of realistic articles, for benchmarks and scale
    /// tests.
    Generate(GenerateArgs),
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Number of articles to write.
    #[arg(long, default_value_t = 1000)]
    pub articles: usize,
    /// Folder to write them into; created if missing. Existing files of the same names are
    /// replaced, nothing else is touched.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Seed: the same seed and configuration always give the same articles.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Configuration whose actors the articles quote; the built-in one if omitted.
    #[arg(long, env = "STANDPOINT_CONFIG")]
    pub config: Option<PathBuf>,
}

/// Where the articles and the configuration come from.
#[derive(Debug, Clone, Args)]
pub struct CorpusArgs {
    /// Folder of articles: .txt, .md, .html, .jsonl.
    #[arg(long, env = "STANDPOINT_CORPUS", default_value = "seeds")]
    pub corpus: PathBuf,
    /// Configuration file (topics, actors, cue words); the built-in standpoint.toml if omitted.
    #[arg(long, env = "STANDPOINT_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Export a snapshot written by `index` or `merge` instead of indexing --corpus.
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Gold file: the claims annotated in the corpus's articles (see docs/eval.md).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Exit with code 1 when the claims F1 is below this.
    #[arg(long, value_name = "X")]
    pub min_f1: Option<f64>,
    /// List each missed and each extra claim with its passage.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The snapshot file to write (replaced atomically if it exists).
    #[arg(long, short)]
    pub output: PathBuf,
    /// Index only the K-th of N shards (K from 0) and write it as a part for `merge`; a file
    /// belongs to shard FNV-1a(its article id) mod N (see docs/operations.md).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Start from a snapshot written by `standpoint index` instead of indexing --corpus.
    #[arg(long, env = "STANDPOINT_SNAPSHOT")]
    pub snapshot: Option<PathBuf>,
    /// Address to listen on; defaults to 0.0.0.0 and $PORT (or 8080).
    #[arg(long, env = "STANDPOINT_ADDR")]
    pub addr: Option<String>,
    /// Port to listen on when --addr is not given.
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,
    /// The address readers reach the site at (https://standpoint.example): share previews and
    /// other absolute links use it, whatever the request's headers. Without it they use the
    /// request's Host.
    #[arg(long, env = "STANDPOINT_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Believe X-Forwarded-Host and X-Forwarded-Proto (only behind a reverse proxy that sets
    /// them) when --public-url is not given.
    #[arg(long, env = "STANDPOINT_TRUST_PROXY")]
    pub trust_proxy: bool,
}

impl ServeArgs {
    /// The address to bind.
    pub fn bind_addr(&self) -> String {
        self.addr
            .clone()
            .unwrap_or_else(|| format!("0.0.0.0:{}", self.port))
    }
}

#[derive(Debug, Clone, Args)]
pub struct HealthArgs {
    /// Address of the server; defaults to 127.0.0.1 and $PORT (or 8080). An unspecified host
    /// such as 0.0.0.0 is asked on the loopback address.
    #[arg(long, env = "STANDPOINT_ADDR")]
    pub addr: Option<String>,
    /// Port of the server when --addr is not given.
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,
    /// Seconds to wait for an answer before reporting the server unhealthy.
    #[arg(long, default_value_t = 3)]
    pub timeout: u64,
}

/// Exit code for a missing or unreadable corpus folder or an invalid configuration.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Loads the configuration named by the arguments, or the built-in one. An invalid file's
/// error names the line and the key at fault when they can be found.
pub fn load_config(args: &CorpusArgs) -> Result<Config, ConfigError> {
    match &args.config {
        Some(path) => Config::load(path),
        None => Ok(Config::default_config()),
    }
}

/// Loads the configuration and the corpus, and builds the index, with a progress bar when
/// standard error is a terminal and a log line with the throughput.
pub fn build_index(args: &CorpusArgs) -> anyhow::Result<(Config, Index)> {
    let config = load_config(args)?;
    let started = Instant::now();
    let corpus = corpus::load_dir(&args.corpus, &config).context(
        "no articles to index (choose their folder with --corpus DIR or STANDPOINT_CORPUS)",
    )?;
    let loaded = started.elapsed();
    let bar = indicatif::ProgressBar::new(corpus.documents.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "indexing {bar:40} {pos}/{len} articles, {per_sec}, eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // A bar is only worth drawing for a corpus that takes a while.
    if corpus.documents.len() < 500 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let index = Index::build_with_progress(corpus, &config, &|n| bar.inc(n as u64));
    bar.finish_and_clear();
    log_indexed(args, &index, started, loaded);
    Ok((config, index))
}

/// Logs what indexing did: counts, time and throughput.
fn log_indexed(args: &CorpusArgs, index: &Index, started: Instant, loaded: std::time::Duration) {
    let stats = &index.stats;
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    tracing::info!(
        articles = stats.articles,
        skipped = stats.skipped,
        actors = stats.actors,
        claims = stats.claims,
        load_ms = loaded.as_millis() as u64,
        extract_ms = stats.elapsed.as_millis() as u64,
        "indexed {} articles ({:.1} MB) from {} in {:.2} s: {:.0} articles/s, {:.1} MB/s",
        stats.articles,
        stats.bytes as f64 / 1e6,
        args.corpus.display(),
        seconds,
        stats.articles as f64 / seconds,
        stats.bytes as f64 / 1e6 / seconds,
    );
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Export(args)) => export(&args),
        Some(Command::Index(IndexArgs {
            corpus,
            output,
            shard: Some(k),
        })) => shard::index_shard(&corpus, k, &output),
        Some(Command::Index(args)) => write_snapshot(&args),
        Some(Command::Merge(args)) => shard::merge(&args),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Eval(args)) => eval(&args),
        Some(Command::Healthcheck(args)) => health::healthcheck(&args),
        Some(Command::Generate(args)) => generate(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", message(&err));
            let bad_input = err.downcast_ref::<corpus::CorpusError>().is_some()
                || err.downcast_ref::<SnapshotError>().is_some()
                || err.downcast_ref::<MergeError>().is_some()
                || err.downcast_ref::<ConfigError>().is_some()
                || err.downcast_ref::<EvalError>().is_some();
            ExitCode::from(if bad_input { EXIT_BAD_INPUT } else { 1 })
        }
    }
}

/// An error and its causes, each said once: an error whose message already ends with its
/// cause's ("cannot read x: No such file or directory") does not repeat it.
fn message(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !out.ends_with(&cause) {
            out.push_str(": ");
            out.push_str(&cause);
        }
    }
    out
}

fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let index = match &args.snapshot {
        Some(path) => Index::read_snapshot(path)?,
        None => build_index(&args.corpus)?.1,
    };
    let json = crate::index::export::to_json(&index);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &json).context("writing the export")?;
    writeln!(out).context("writing the export")?;
    Ok(ExitCode::SUCCESS)
}

/// Scores the corpus's claims against a gold file; a bad gold file is refused before indexing.
fn eval(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = Gold::load(&args.gold)?;
    let (_, index) = build_index(&args.corpus)?;
    let texts = Texts::read(&args.corpus.corpus, &gold)?;
    let report = crate::eval::score(&gold, &crate::eval::predictions(&index), Some(&texts))?;
    let mut out = std::io::stdout().lock();
    if args.verbose {
        write!(out, "{report:#}")
    } else {
        write!(out, "{report}")
    }
    .context("writing the report")?;
    match args.min_f1 {
        Some(min) if report.claims.f1() < min => Ok(ExitCode::FAILURE),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn generate(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&CorpusArgs {
        corpus: args.out.clone(),
        config: args.config.clone(),
    })?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let started = Instant::now();
    let bytes = crate::synth::Generator::new(&config, args.seed)
        .write(args.articles, &args.out)
        .with_context(|| format!("writing articles into {}", args.out.display()))?;
    eprintln!(
        "wrote {} articles ({:.1} MB) into {} in {:.1} s",
        args.articles,
        bytes as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn write_snapshot(args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let (_, index) = build_index(&args.corpus)?;
    let started = Instant::now();
    let cpu = crate::index::cpu_time();
    let bytes = index.write_snapshot(&args.output)?;
    tracing::debug!(
        cpu_ms = (crate::index::cpu_time() - cpu).as_millis() as u64,
        "snapshot written"
    );
    tracing::info!(
        "wrote snapshot {} ({:.1} MB) in {:.2} s",
        args.output.display(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    // The process ends here: freeing the index piece by piece would take a tenth of a second
    // at 10,000 articles for memory the system takes back at once.
    std::mem::forget(index);
    Ok(ExitCode::SUCCESS)
}

/// Binds the address first, so that a port in use or a bad address fails at once, then indexes
/// (or reads the snapshot) on its own thread while the server answers 503 with the progress.
fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    // Checked before binding, so that a typo fails at once.
    let origin = PublicOrigin::new(args.public_url.as_deref(), args.trust_proxy)?;
    let config = load_config(&args.corpus)?;
    let addr = args.bind_addr();
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(&addr)) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!(
                "error: cannot listen on {addr}: {err} (is another server using this port? \
                 choose another with --port or --addr)"
            );
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let bound = listener
        .local_addr()
        .map_or(addr.clone(), |a| a.to_string());
    tracing::info!("listening on http://{bound}; indexing before the pages answer");
    let progress = Arc::new(crate::web::Progress::default());
    let (done, built) = tokio::sync::oneshot::channel();
    let counter = progress.clone();
    let served = config.clone();
    std::thread::spawn(move || {
        let index = match &args.snapshot {
            Some(path) => Index::read_snapshot_for(path, &config).map_err(anyhow::Error::from),
            None => index_corpus(&args.corpus, &config, &counter),
        };
        let _ = done.send(index);
    });
    let index = async {
        built
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("indexing stopped unexpectedly")))
    };
    runtime.block_on(crate::web::serve_when_ready(
        listener, served, origin, progress, index,
    ))?;
    // Indexing may still be running if a signal came first: do not wait for it.
    runtime.shutdown_background();
    Ok(ExitCode::SUCCESS)
}

/// Indexes the corpus for `serve`, counting into `progress`, and warns loudly when no article
/// could be loaded.
fn index_corpus(
    args: &CorpusArgs,
    config: &Config,
    progress: &crate::web::Progress,
) -> anyhow::Result<Index> {
    let started = Instant::now();
    let corpus = corpus::load_dir(&args.corpus, config).context(
        "no articles to index (choose their folder with --corpus DIR or STANDPOINT_CORPUS)",
    )?;
    progress.set_total(corpus.documents.len());
    let loaded = started.elapsed();
    let index = Index::build_with_progress(corpus, config, &|n| progress.add(n));
    log_indexed(args, &index, started, loaded);
    if index.articles.is_empty() {
        eprintln!(
            "warning: no article could be loaded from {}; serving an empty index (add .txt, .md, \
             .html or .jsonl files, then restart)",
            args.corpus.display()
        );
        tracing::warn!("no article could be loaded from {}", args.corpus.display());
    }
    Ok(index)
}

// ---------------------------------------------------------------------------------------------
// check

fn check(args: &CorpusArgs) -> anyhow::Result<ExitCode> {
    let (config, index) = build_index(args)?;
    let origin = args.config.as_ref().map_or_else(
        || "standpoint.toml (built in)".to_string(),
        |p| p.display().to_string(),
    );
    let mut out = std::io::stdout().lock();
    index
        .write_report(&mut out, &config, &origin, &args.corpus)
        .context("writing the report")?;
    if index.articles.is_empty() {
        eprintln!(
            "error: no article could be loaded from {}; add .txt, .md, .html or .jsonl files",
            args.corpus.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
