//! One module per subcommand.

pub mod bench;
pub mod conll;
pub mod demo;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod logging;
pub mod parse;
pub mod query;
pub mod report;
pub mod serve;

/// Reads every document of `inputs` (files, folders, `-`) and hands each
/// to `each`; an unreadable input is one line on stderr. The exit code is 1
/// when nothing could be read and something failed, else success.
pub fn for_each_document(
    inputs: &[std::path::PathBuf],
    max_mb: u64,
    mut each: impl FnMut(dyad_model::Document) -> anyhow::Result<()>,
) -> anyhow::Result<std::process::ExitCode> {
    let opts = dyad_read::ReadOptions {
        max_bytes: max_mb * 1024 * 1024,
    };
    let (mut read, mut failed) = (0usize, 0usize);
    for item in dyad_read::read_paths(inputs, &opts) {
        match item {
            Ok(doc) => {
                read += 1;
                each(doc)?;
            }
            Err(e) => {
                failed += 1;
                log::warn!("{e}");
            }
        }
    }
    Ok(if read == 0 && failed > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    })
}

/// Whether an error is a closed stdout (`dyad extract ... | head`), which
/// ends the command quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
