//! The command line: `serve` (the default), `export`, `index`, `check`, `eval`, `healthcheck`
//! and `generate`.
//!
//! Raw arguments and environment variables are read here once, by clap, and nowhere else.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Config, ConfigError};
use crate::corpus;
use crate::eval::{EvalError, Gold, Texts};
use crate::extract::Stance;
use crate::index::Index;
use crate::index::snapshot::SnapshotError;

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
    Export(CorpusArgs),
    /// Index a corpus and write a snapshot file that `serve --snapshot` starts from without
    /// extracting again.
    Index(IndexArgs),
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

/// Loads the configuration named by the arguments, or the built-in one.
///
/// An invalid file's error names the line and the key at fault when they can be found.
pub fn load_config(args: &CorpusArgs) -> anyhow::Result<Config> {
    let Some(path) = &args.config else {
        return Ok(Config::default_config());
    };
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Config::parse(&text, &path.display().to_string()).map_err(|err| {
        match locate_config_error(&text, &err) {
            Some(at) => anyhow::Error::new(LocatedConfigError { error: err, at }),
            None => anyhow::Error::new(err),
        }
    })
}

/// A configuration error with the line and key it is about.
#[derive(Debug, thiserror::Error)]
#[error("{error}\n  --> line {}, key `{}`", at.line, at.key)]
pub struct LocatedConfigError {
    pub error: ConfigError,
    pub at: ConfigLocation,
}

/// Loads the configuration and the corpus, and builds the index, with a progress bar when
/// standard error is a terminal and a log line with the throughput.
pub fn build_index(args: &CorpusArgs) -> anyhow::Result<(Config, Index)> {
    let config = load_config(args)?;
    let started = Instant::now();
    let corpus = corpus::load_dir(&args.corpus, &config)?;
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
    Ok((config, index))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Export(args)) => export(&args),
        Some(Command::Index(args)) => write_snapshot(&args),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Eval(args)) => eval(&args),
        Some(Command::Healthcheck(args)) => healthcheck(&args),
        Some(Command::Generate(args)) => generate(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            let bad_input = err.downcast_ref::<corpus::CorpusError>().is_some()
                || err.downcast_ref::<SnapshotError>().is_some()
                || err.downcast_ref::<ConfigError>().is_some()
                || err.downcast_ref::<EvalError>().is_some()
                || err.downcast_ref::<LocatedConfigError>().is_some();
            ExitCode::from(if bad_input { EXIT_BAD_INPUT } else { 1 })
        }
    }
}

fn export(args: &CorpusArgs) -> anyhow::Result<ExitCode> {
    let (_, index) = build_index(args)?;
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
    let bytes = index.write_snapshot(&args.output)?;
    tracing::info!(
        "wrote snapshot {} ({:.1} MB) in {:.2} s",
        args.output.display(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads a snapshot, checking that its topics are the configuration's.
fn read_snapshot(path: &std::path::Path, config: &Config) -> anyhow::Result<Index> {
    let started = Instant::now();
    let index = Index::read_snapshot(path)?;
    let configured: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    let kept: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    if configured != kept {
        tracing::warn!(
            "snapshot {} was indexed with the topics {kept:?}, the configuration has \
             {configured:?}; serving the snapshot's (rebuild it to change them)",
            path.display()
        );
    }
    tracing::info!(
        articles = index.stats.articles,
        claims = index.stats.claims,
        "loaded snapshot {} in {:.2} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(index)
}

fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let (config, index) = match &args.snapshot {
        Some(path) => {
            let config = load_config(&args.corpus)?;
            let index = read_snapshot(path, &config)?;
            (config, index)
        }
        None => build_index(&args.corpus)?,
    };
    let addr = args.bind_addr();
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime
        .block_on(crate::web::serve(index, config, &addr))
        .with_context(|| format!("serving on {addr}"))?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// check

fn check(args: &CorpusArgs) -> anyhow::Result<ExitCode> {
    let (config, index) = build_index(args)?;
    let mut out = std::io::stdout().lock();
    write_report(&mut out, args, &config, &index).context("writing the report")?;
    if index.articles.is_empty() {
        eprintln!(
            "error: no article could be loaded from {}; add .txt, .md, .html or .jsonl files",
            args.corpus.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the human-readable report of `standpoint check`.
fn write_report(
    out: &mut impl Write,
    args: &CorpusArgs,
    config: &Config,
    index: &Index,
) -> std::io::Result<()> {
    let origin = args.config.as_ref().map_or_else(
        || "standpoint.toml (built in)".to_string(),
        |p| p.display().to_string(),
    );
    writeln!(
        out,
        "config {origin}: ok, {} topics, {} actors",
        config.topics.len(),
        config.actors.len()
    )?;
    writeln!(out, "corpus {}", args.corpus.display())?;

    writeln!(out, "\narticles: {}", index.articles.len())?;
    for article in &index.articles {
        let claims = index.claims_in(&article.id).count();
        let mut about = Vec::new();
        about.extend(article.meta.outlet.as_deref());
        about.extend(article.meta.date.as_deref());
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" ({})", about.join(", "))
        };
        writeln!(
            out,
            "  {}  {:?}{about}, {} sentences, {}",
            article.file,
            article.title(),
            article.sentences.len(),
            count(claims, "claim")
        )?;
    }

    writeln!(out, "\nskipped: {}", index.skipped.len())?;
    for skipped in &index.skipped {
        writeln!(out, "  {}  {}", skipped.file, skipped.reason)?;
    }

    let quoted: Vec<_> = index
        .actors
        .iter()
        .map(|a| (a, index.claim_count(&a.id)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let discovered = index.actors.iter().filter(|a| a.discovered).count();
    writeln!(
        out,
        "\nactors: {} with claims ({} known from the config, {discovered} discovered in articles)",
        quoted.len(),
        config.actors.len()
    )?;
    for (actor, n) in &quoted {
        let origin = if actor.discovered { ", discovered" } else { "" };
        writeln!(
            out,
            "  {}  {}{origin}, {}",
            actor.id,
            actor.name,
            count(*n, "claim")
        )?;
    }

    writeln!(out, "\nclaims per topic: {} in all", index.claims.len())?;
    for topic in &index.topics {
        let mut by_stance: BTreeMap<Stance, usize> = BTreeMap::new();
        for claim in index.claims.iter().filter(|c| c.topic == topic.id) {
            *by_stance.entry(claim.stance).or_default() += 1;
        }
        let total: usize = by_stance.values().sum();
        let detail: Vec<String> = by_stance
            .iter()
            .map(|(stance, n)| format!("{n} {}", stance.as_str()))
            .collect();
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", detail.join(", "))
        };
        writeln!(out, "  {}  {}: {total}{detail}", topic.id, topic.name)?;
    }
    Ok(())
}

/// "1 claim", "2 claims".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Where in a TOML configuration an error points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    /// 1-based line number.
    pub line: usize,
    /// Dotted key path, with the index of an array-of-tables entry: `actors[3].affiliation`.
    pub key: String,
}

/// Finds the line and key a configuration error is about, from the text it was parsed from.
///
/// Parse errors carry their line, and so do the validation errors about a word of a list (a topic
/// term, a cue word); other validation errors name a key path and a quoted value, which is looked
/// up in the text (the second occurrence for a duplicate).
pub fn locate_config_error(text: &str, err: &ConfigError) -> Option<ConfigLocation> {
    let line = match err {
        ConfigError::Read { .. } => return None,
        ConfigError::Parse { message, .. } => {
            let rest = &message[message.find("at line ")? + "at line ".len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()?
        }
        ConfigError::Invalid {
            line: Some(line), ..
        } => *line,
        ConfigError::Invalid { message, .. } => {
            let start = message.find('"')?;
            let quoted = debug_quoted_prefix(&message[start..])?;
            let hits: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| strip_comment(l).contains(quoted))
                .map(|(i, _)| i + 1)
                .collect();
            if message.contains("duplicate") {
                *hits.get(1)?
            } else {
                *hits.first()?
            }
        }
    };
    Some(ConfigLocation {
        line,
        key: key_at_line(text, line),
    })
}

/// The leading `"..."` of `s`, honouring backslash escapes.
fn debug_quoted_prefix(s: &str) -> Option<&str> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(&s[..=i]),
            _ => {}
        }
    }
    None
}

/// A TOML line without a trailing `#` comment (outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            '#' if !in_str => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The dotted key path in effect at a 1-based line: the table header above it, then the key
/// assigned on that line (or the multi-line array it is inside).
fn key_at_line(text: &str, line: usize) -> String {
    let mut table = String::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut key = String::new();
    for raw in text.lines().take(line) {
        let l = strip_comment(raw).trim();
        if let Some(name) = l.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
            let name = name.trim().to_string();
            // A new entry starts its own nested arrays ([[topics]] resets [[topics.scoped]]).
            counts.retain(|k, _| !k.starts_with(&format!("{name}.")));
            let n = *counts
                .entry(name.clone())
                .and_modify(|n| *n += 1)
                .or_insert(0);
            table = match name.rsplit_once('.') {
                Some((parent, child)) if counts.contains_key(parent) => {
                    format!("{parent}[{}].{child}[{n}]", counts[parent])
                }
                _ => format!("{name}[{n}]"),
            };
            key.clear();
        } else if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            table = name.trim().to_string();
            key.clear();
        } else if let Some((k, _)) = l.split_once('=')
            && !k.contains('"')
        {
            key = k.trim().to_string();
        }
    }
    match (table.is_empty(), key.is_empty()) {
        (true, _) => key,
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    }
}

// ---------------------------------------------------------------------------------------------
// healthcheck

fn healthcheck(args: &HealthArgs) -> anyhow::Result<ExitCode> {
    let spec = args
        .addr
        .clone()
        .unwrap_or_else(|| format!("127.0.0.1:{}", args.port));
    let addrs = probe_addrs(&spec)?;
    let deadline = Instant::now() + Duration::from_secs(args.timeout.max(1));
    let mut status = probe(&addrs, &spec, "/healthz", deadline);
    if matches!(status, Ok(404)) {
        status = probe(&addrs, &spec, "/", deadline);
    }
    match status {
        Ok(200) => Ok(ExitCode::SUCCESS),
        Ok(code) => {
            eprintln!("unhealthy: {spec} answered HTTP {code}");
            Ok(ExitCode::FAILURE)
        }
        Err(err) => {
            eprintln!("unhealthy: no answer from {spec}: {err}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Resolves a server address, asking an unspecified host (0.0.0.0, ::) on the loopback address.
fn probe_addrs(spec: &str) -> anyhow::Result<Vec<SocketAddr>> {
    let addrs: Vec<SocketAddr> = spec
        .to_socket_addrs()
        .with_context(|| format!("bad address {spec:?}: expected HOST:PORT"))?
        .map(|mut a| {
            if a.ip().is_unspecified() {
                a.set_ip(if a.is_ipv4() {
                    std::net::Ipv4Addr::LOCALHOST.into()
                } else {
                    std::net::Ipv6Addr::LOCALHOST.into()
                });
            }
            a
        })
        .collect();
    anyhow::ensure!(!addrs.is_empty(), "address {spec:?} resolves to nothing");
    Ok(addrs)
}

/// Sends `GET path` over HTTP/1.1 and returns the status code of the answer.
fn probe(addrs: &[SocketAddr], host: &str, path: &str, deadline: Instant) -> std::io::Result<u16> {
    let remaining = || {
        deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::TimedOut, "timed out"))
    };
    let mut last = std::io::Error::other("no address");
    for addr in addrs {
        let mut stream = match TcpStream::connect_timeout(addr, remaining()?) {
            Ok(s) => s,
            Err(e) => {
                last = e;
                continue;
            }
        };
        stream.set_write_timeout(Some(remaining()?))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: standpoint-healthcheck\r\n\
             Connection: close\r\n\r\n"
        )?;
        let mut head = Vec::new();
        let mut buf = [0u8; 512];
        while !head.windows(2).any(|w| w == b"\r\n") {
            stream.set_read_timeout(Some(remaining()?))?;
            let n = stream.read(&mut buf)?;
            if n == 0 || head.len() > 8192 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        let status_line = String::from_utf8_lossy(&head);
        let code = status_line
            .strip_prefix("HTTP/1.")
            .and_then(|r| r.get(2..5))
            .and_then(|c| c.parse().ok());
        return code.ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the answer is not an HTTP response",
            )
        });
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
[limits]
max_files = 10

[[topics]]
id = \"a\"
terms = [
  \"x(\",
]

[[topics.scoped]]
terms = [\"y\"]

[[actors]]
id = \"one\"

[[actors]]
id = \"one\"  # again
affiliation = \"nobody\"
";

    #[test]
    fn key_at_line_follows_tables_and_arrays() {
        assert_eq!(key_at_line(SAMPLE, 2), "limits.max_files");
        assert_eq!(key_at_line(SAMPLE, 7), "topics[0].terms");
        assert_eq!(key_at_line(SAMPLE, 11), "topics[0].scoped[0].terms");
        assert_eq!(key_at_line(SAMPLE, 17), "actors[1].id");
    }

    #[test]
    fn invalid_errors_are_located_by_their_quoted_value() {
        let err = |message: &str| ConfigError::Invalid {
            origin: "x".into(),
            message: message.into(),
            line: None,
        };
        let at = locate_config_error(SAMPLE, &err("actors: duplicate id \"one\"")).unwrap();
        assert_eq!((at.line, at.key.as_str()), (17, "actors[1].id"));
        let at = locate_config_error(
            SAMPLE,
            &err("actors.one.affiliation: unknown actor \"nobody\""),
        )
        .unwrap();
        assert_eq!((at.line, at.key.as_str()), (18, "actors[1].affiliation"));
        let at =
            locate_config_error(SAMPLE, &err("topics.a.terms: bad pattern \"x(\": oops")).unwrap();
        assert_eq!((at.line, at.key.as_str()), (7, "topics[0].terms"));
    }

    #[test]
    fn parse_errors_are_located_by_their_line() {
        let err = ConfigError::Parse {
            origin: "x".into(),
            message: "TOML parse error at line 2, column 13\n...".into(),
        };
        let at = locate_config_error(SAMPLE, &err).unwrap();
        assert_eq!((at.line, at.key.as_str()), (2, "limits.max_files"));
    }

    #[test]
    fn comments_are_not_values() {
        assert_eq!(strip_comment("id = \"a#b\" # note"), "id = \"a#b\" ");
    }
}
