//! The `dyad` command line: parses flags and hands the work to the library
//! crates. See README.md for usage and exit codes.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "dyad", version, about = "Structured, verifiable event data about international relations")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract entities, events, agreements, figures, quotes and topics; no database.
    Extract(cmd::extract::Args),
    /// Extract and store documents in the database (idempotent), with a progress bar.
    Ingest(cmd::ingest::Args),
    /// Run the main job end to end on the bundled example articles.
    Demo(cmd::demo::Args),
    /// Measure single-core throughput of analysis and extraction on a corpus.
    Bench(cmd::bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Demo(a) => cmd::demo::run(a),
        Command::Bench(a) => cmd::bench::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if cmd::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dyad: {e:#}");
            ExitCode::from(2)
        }
    }
}
