//! `dyad serve [--addr 127.0.0.1:8080] [--db PATH|URL] [--token T] [--allow-host NAME]`
//!
//! The HTTP JSON API, its OpenAPI document at `/openapi.json`, and the web
//! page (`/`, `/pair/KAZ/BGR`). Reads only: the database is opened
//! read-only (`dyad_store::open_read_only`), never created or migrated.
//!
//! On loopback only the Host names `localhost`, `127.0.0.1` and `::1` are
//! answered (against DNS rebinding). Binding any other address needs a
//! bearer token (`--token` or the `DYAD_TOKEN` environment variable),
//! which every request must then send as `Authorization: Bearer <token>`.
//! Connections, requests and their time are bounded (`dyad_serve::Limits`,
//! `dyad_serve::Guard`).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use super::query::open_existing;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The database: a SQLite file or a postgres:// URL.
    #[arg(long, default_value = dyad_store::DEFAULT_DB)]
    db: String,
    /// Require `Authorization: Bearer <TOKEN>` on every request (default:
    /// the DYAD_TOKEN environment variable). Needed to bind beyond loopback.
    #[arg(long)]
    token: Option<String>,
    /// A Host header name to answer besides the bound address (repeatable).
    #[arg(long = "allow-host")]
    allow_host: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The store keeps read-only connections beside its writer, so one
    // handle serves parallel reads.
    let token = args
        .token
        .clone()
        .or_else(|| std::env::var("DYAD_TOKEN").ok())
        .filter(|t| !t.trim().is_empty());
    let ip = args.addr.ip();
    if !ip.is_loopback() && token.is_none() {
        anyhow::bail!(
            "refusing to serve on {} without a token: pass --token or set DYAD_TOKEN \
             (or bind 127.0.0.1)",
            args.addr
        );
    }
    // On 0.0.0.0 any name may reach the server: without --allow-host every
    // Host is answered there (the token guards it).
    let mut hosts = args.allow_host.clone();
    if ip.is_loopback() {
        hosts.extend(["localhost", "127.0.0.1", "::1"].map(String::from));
    } else if !ip.is_unspecified() {
        hosts.push(ip.to_string());
    }
    let store: Arc<dyn dyad_store::Store> = Arc::from(open_existing(&args.db)?);
    let guard = dyad_serve::Guard {
        token,
        hosts,
        ..dyad_serve::Guard::default()
    };
    let app = dyad_serve::router_guarded(store, Vec::new(), guard);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        eprintln!(
            "dyad: serving {} on http://{local}/ (Ctrl-C stops)",
            dyad_store::redact(&args.db)
        );
        dyad_serve::serve_on(listener, app).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
