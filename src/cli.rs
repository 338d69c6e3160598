//! The command line: `serve` (the default), `export`, and the commands that share their options.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::corpus;
use crate::index::Index;

/// Standpoint: who said what about a topic, and where exactly they said it.
#[derive(Debug, Parser)]
#[command(name = "standpoint", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a corpus and serve the web app (the default command).
    Serve(ServeArgs),
    /// Index a corpus and print its articles and claims as JSON on standard output.
    Export(CorpusArgs),
}

/// Where the articles and the configuration come from.
#[derive(Debug, Clone, Args)]
pub struct CorpusArgs {
    /// Folder of .txt and .md articles.
    #[arg(long, env = "STANDPOINT_CORPUS", default_value = "seeds")]
    pub corpus: PathBuf,
    /// Configuration file (topics, actors, cue words); the built-in standpoint.toml if omitted.
    #[arg(long, env = "STANDPOINT_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Address to listen on; defaults to 0.0.0.0 and $PORT (or 8080).
    #[arg(long, env = "STANDPOINT_ADDR")]
    pub addr: Option<String>,
    /// Port to listen on when --addr is not given.
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            corpus: CorpusArgs {
                corpus: std::env::var_os("STANDPOINT_CORPUS")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from("seeds")),
                config: std::env::var_os("STANDPOINT_CONFIG").map(PathBuf::from),
            },
            addr: std::env::var("STANDPOINT_ADDR").ok(),
            port: std::env::var("PORT")
                .ok()
                .and_then(|p| p.parse().ok())
                .unwrap_or(8080),
        }
    }
}

/// Exit code for a missing or unreadable corpus folder or an invalid configuration.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Loads the configuration named by the arguments, or the built-in one.
pub fn load_config(args: &CorpusArgs) -> anyhow::Result<Config> {
    match &args.config {
        Some(path) => Ok(Config::load(path)?),
        None => Ok(Config::default_config()),
    }
}

/// Loads the configuration and the corpus, and builds the index.
pub fn build_index(args: &CorpusArgs) -> anyhow::Result<(Config, Index)> {
    let config = load_config(args)?;
    let corpus = corpus::load_dir(&args.corpus, &config)?;
    let index = Index::build(corpus, &config);
    Ok((config, index))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(args),
        Command::Export(args) => export(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            let bad_input = err.downcast_ref::<corpus::CorpusError>().is_some()
                || err.downcast_ref::<crate::config::ConfigError>().is_some();
            ExitCode::from(if bad_input { EXIT_BAD_INPUT } else { 1 })
        }
    }
}

fn export(args: &CorpusArgs) -> anyhow::Result<ExitCode> {
    let (_, index) = build_index(args)?;
    let json = crate::index::export::to_json(&index);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &json).context("writing the export")?;
    use std::io::Write;
    writeln!(out).context("writing the export")?;
    Ok(ExitCode::SUCCESS)
}

fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let (config, index) = build_index(&args.corpus)?;
    let stats = &index.stats;
    tracing::info!(
        articles = stats.articles,
        skipped = stats.skipped,
        actors = stats.actors,
        claims = stats.claims,
        elapsed_ms = stats.elapsed.as_millis() as u64,
        "indexed corpus {}",
        args.corpus.corpus.display()
    );
    let addr = args
        .addr
        .clone()
        .unwrap_or_else(|| format!("0.0.0.0:{}", args.port));
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(crate::web::serve(index, config, &addr))?;
    Ok(ExitCode::SUCCESS)
}
