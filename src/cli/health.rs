//! `standpoint healthcheck`: asks a running server whether it answers, over hyper-util's HTTP
//! client, within a deadline; for container health checks.

use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use axum::body::Body;
use axum::http::{Request, header};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::HealthArgs;

/// Exit code 0 when the server answers `/healthz` (or `/`, for a server without it) with 200.
pub(super) fn healthcheck(args: &HealthArgs) -> anyhow::Result<ExitCode> {
    let spec = args
        .addr
        .clone()
        .unwrap_or_else(|| format!("127.0.0.1:{}", args.port));
    let addrs = probe_addrs(&spec)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let timeout = Duration::from_secs(args.timeout.max(1));
    let status = runtime.block_on(async {
        let answered = tokio::time::timeout(timeout, async {
            match probe(&addrs, &spec, "/healthz").await {
                Ok(404) => probe(&addrs, &spec, "/").await,
                other => other,
            }
        })
        .await;
        answered.unwrap_or_else(|_| Err("timed out".to_string()))
    });
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

/// Sends `GET path` to the first address that takes the connection and returns the status code
/// of the answer.
async fn probe(addrs: &[SocketAddr], host: &str, path: &str) -> Result<u16, String> {
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let mut last = "no address".to_string();
    for addr in addrs {
        let request = Request::get(format!("http://{addr}{path}"))
            .header(header::HOST, host)
            .header(header::USER_AGENT, "standpoint-healthcheck")
            .body(Body::empty())
            .map_err(|e| e.to_string())?;
        match client.request(request).await {
            Ok(response) => return Ok(response.status().as_u16()),
            Err(err) if err.is_connect() => last = error_chain(&err),
            Err(err) => return Err(error_chain(&err)),
        }
    }
    Err(last)
}

/// An error with its causes, for the message.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    out
}
