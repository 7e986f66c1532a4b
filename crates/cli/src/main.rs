//! The `dyad` command line: parses flags and hands the work to the library
//! crates. See README.md for usage and exit codes.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "dyad",
    version,
    about = "Structured, verifiable event data about international relations"
)]
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
    /// The relationship between two countries: timeline, agreements, figures, topics, quotes.
    Report(cmd::report::Args),
    /// Stored events, filtered.
    Events(cmd::query::Args),
    /// Stored agreements, filtered.
    Agreements(cmd::query::Args),
    /// Stored figures (quantities), filtered.
    Figures(cmd::query::Args),
    /// Stored quotations, filtered.
    Quotes(cmd::query::Args),
    /// Export the database: GDELT 2.0 event table, JSON Lines or CSV.
    Export(cmd::export::Args),
    /// Serve the HTTP JSON API and the web page.
    Serve(cmd::serve::Args),
    /// The document view: tokens, tags, lemmas, heads and labels, as CoNLL-U or JSON.
    Parse(cmd::parse::Args),
    /// Tag CoNLL-2003 data with the analyzer: `token gold pred` lines for conll_score.py.
    Conll(cmd::conll::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Demo(a) => cmd::demo::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Events(a) => cmd::query::run(cmd::query::Kind::Events, a),
        Command::Agreements(a) => cmd::query::run(cmd::query::Kind::Agreements, a),
        Command::Figures(a) => cmd::query::run(cmd::query::Kind::Figures, a),
        Command::Quotes(a) => cmd::query::run(cmd::query::Kind::Quotes, a),
        Command::Export(a) => cmd::export::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Conll(a) => cmd::conll::run(a),
        Command::Parse(a) => cmd::parse::run(a),
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
