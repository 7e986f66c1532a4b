//! Messages on stderr by level: `-q` only errors, default warnings (an
//! unreadable input, a document read in pieces), `-v` also progress notes,
//! `-vv` debugging. `RUST_LOG` overrides the level, as a level ("debug")
//! or per crate ("dyad_store=debug,warn").

use std::sync::atomic::{AtomicBool, Ordering};

use log::{Level, LevelFilter, Log, Metadata, Record};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Whether `-q` was given: summaries are left out too.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

struct Logger {
    default: LevelFilter,
    /// (target prefix, level), longest prefix first.
    rules: Vec<(String, LevelFilter)>,
}

impl Logger {
    fn level_for(&self, target: &str) -> LevelFilter {
        self.rules
            .iter()
            .find(|(prefix, _)| target == prefix || target.starts_with(&format!("{prefix}::")))
            .map_or(self.default, |(_, l)| *l)
    }
}

impl Log for Logger {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        m.level() <= self.level_for(m.target())
    }

    fn log(&self, r: &Record<'_>) {
        if !self.enabled(r.metadata()) {
            return;
        }
        match r.level() {
            Level::Error | Level::Warn | Level::Info => eprintln!("dyad: {}", r.args()),
            l => eprintln!(
                "dyad [{} {}]: {}",
                l.as_str().to_lowercase(),
                r.target(),
                r.args()
            ),
        }
    }

    fn flush(&self) {}
}

/// Parses `RUST_LOG`: comma-separated `level` or `target=level` items.
/// Unknown items are ignored (with a warning once the logger runs).
fn parse(spec: &str) -> (Option<LevelFilter>, Vec<(String, LevelFilter)>, Vec<String>) {
    let (mut default, mut rules, mut bad) = (None, Vec::new(), Vec::new());
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item.split_once('=') {
            Some((t, l)) => match l.trim().parse::<LevelFilter>() {
                Ok(l) => rules.push((t.trim().replace('-', "_"), l)),
                Err(_) => bad.push(item.to_string()),
            },
            None => match item.parse::<LevelFilter>() {
                Ok(l) => default = Some(l),
                // A bare crate name turns everything on for it.
                Err(_)
                    if item
                        .chars()
                        .all(|c| c.is_alphanumeric() || "_-:".contains(c)) =>
                {
                    rules.push((item.replace('-', "_"), LevelFilter::Trace));
                }
                Err(_) => bad.push(item.to_string()),
            },
        }
    }
    rules.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    (default, rules, bad)
}

/// Installs the logger for `-v` (count) and `-q`.
pub fn init(verbose: u8, quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
    let flags = if quiet {
        LevelFilter::Error
    } else {
        match verbose {
            0 => LevelFilter::Warn,
            1 => LevelFilter::Info,
            2 => LevelFilter::Debug,
            _ => LevelFilter::Trace,
        }
    };
    let (env, rules, bad) = parse(&std::env::var("RUST_LOG").unwrap_or_default());
    let default = env.unwrap_or(flags);
    let max = rules
        .iter()
        .map(|(_, l)| *l)
        .chain([default])
        .max()
        .unwrap_or(default);
    let logger: &'static Logger = Box::leak(Box::new(Logger { default, rules }));
    if log::set_logger(logger).is_ok() {
        log::set_max_level(max);
    }
    for b in bad {
        log::warn!("RUST_LOG: {b:?} is not a level or target=level; ignored");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_log_parses_levels_and_targets() {
        let (d, rules, bad) = parse("warn, dyad_store=debug ,dyad=info,x=loud");
        assert_eq!(d, Some(LevelFilter::Warn));
        assert_eq!(rules[0], ("dyad_store".to_string(), LevelFilter::Debug));
        assert_eq!(bad, ["x=loud"]);
        let l = Logger {
            default: LevelFilter::Warn,
            rules,
        };
        assert_eq!(l.level_for("dyad_store::sqlite"), LevelFilter::Debug);
        assert_eq!(l.level_for("dyad::cmd"), LevelFilter::Info);
        assert_eq!(l.level_for("dyad_serve"), LevelFilter::Warn);
    }
}
