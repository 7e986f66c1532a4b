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
    /// More messages on stderr: -v notes on progress, -vv debugging
    /// (RUST_LOG, as "debug" or "dyad_store=debug", overrides).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Only errors on stderr: no warnings about single inputs, no summary.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), from the same definitions as --help.
    Man,
}

/// The man page of `dyad` with a section per subcommand.
fn man() -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let c = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(c.clone()).render(&mut out)?;
    for sub in c.get_subcommands().filter(|s| s.get_name() != "help") {
        let sub = sub.clone().bin_name(format!("dyad {}", sub.get_name()));
        let mut page = Vec::new();
        let man = clap_mangen::Man::new(sub);
        man.render_name_section(&mut page)?;
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
        out.extend_from_slice(&page);
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cmd::logging::init(cli.verbose, cli.quiet);
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
        Command::Completions { shell } => {
            let mut c = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut c, "dyad", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => man(),
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
