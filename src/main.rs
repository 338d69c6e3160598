use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use standpoint::cli::{Cli, LogFormat};
use tracing_subscriber::EnvFilter;

/// mimalloc (`standpoint::allocator`): extraction allocates many small vectors per sentence,
/// and the system allocator spends about a tenth of the indexing time on them.
#[global_allocator]
static ALLOCATOR: standpoint::allocator::Mimalloc = standpoint::allocator::Mimalloc;

fn main() -> ExitCode {
    standpoint::allocator::configure();
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    standpoint::cli::run(cli)
}
