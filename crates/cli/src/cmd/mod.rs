//! One module per subcommand.

pub mod bench;
pub mod conll;
pub mod demo;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod parse;
pub mod query;
pub mod report;
pub mod serve;

/// Whether an error is a closed stdout (`dyad extract ... | head`), which
/// ends the command quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
