//! `dyad serve [--addr 127.0.0.1:8080] [--db PATH|URL]`
//!
//! The HTTP JSON API, its OpenAPI document at `/openapi.json`, and the web
//! page (`/`, `/pair/KAZ/BGR`). Reads only: the database is opened
//! read-only (`dyad_store::open_read_only`), never created or migrated.

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
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The store keeps read-only connections beside its writer, so one
    // handle serves parallel reads.
    let store: Arc<dyn dyad_store::Store> = Arc::from(open_existing(&args.db)?);
    let app = dyad_serve::router(store);
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
