//! The CAMEO code table: Goldstein score, quad class and PLOVER type of every
//! event code, compiled from `data/cameo_codes.tsv` once.

use std::collections::HashMap;
use std::sync::LazyLock;

use dyad_model::{CameoCode, Plover};

/// What the codebook says about one event code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CodeInfo {
    pub code: CameoCode,
    pub goldstein: f32,
    pub quad_class: u8,
    pub plover: Option<Plover>,
}

static TABLE: LazyLock<HashMap<CameoCode, CodeInfo>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("../../data/cameo_codes.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let Ok(code) = CameoCode::new(f[0]) else {
            continue;
        };
        let goldstein = f[1].parse().unwrap_or(0.0);
        let quad_class = f[2].parse().unwrap_or_else(|_| quad_of(code.root()));
        let plover = f[3].parse().ok().or_else(|| default_plover(code.root()));
        map.insert(
            code,
            CodeInfo {
                code,
                goldstein,
                quad_class,
                plover,
            },
        );
    }
    map
});

/// The quad class of a root category: 1 verbal cooperation (01-05),
/// 2 material cooperation (06-09), 3 verbal conflict (10-14), 4 material
/// conflict (15-20).
pub(crate) fn quad_of(root: u8) -> u8 {
    match root {
        0..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    }
}

/// CAMEO2PLOVER maps no 01x or 02x code; PLOVER folds appeals (02) into
/// REQUEST and does not code bare statements (01).
fn default_plover(root: u8) -> Option<Plover> {
    (root == 2).then_some(Plover::Request)
}

/// The codebook entry of `code`, or of its nearest listed ancestor (a
/// four-digit code the table lacks falls back to its three-digit parent).
pub(crate) fn info(code: CameoCode) -> CodeInfo {
    let s = code.as_str();
    for n in (3..=s.len()).rev() {
        if let Some(i) = CameoCode::new(&s[..n]).ok().and_then(|c| TABLE.get(&c)) {
            return CodeInfo { code, ..*i };
        }
    }
    CodeInfo {
        code,
        goldstein: 0.0,
        quad_class: quad_of(code.root()),
        plover: default_plover(code.root()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> CameoCode {
        CameoCode::new(s).unwrap()
    }

    #[test]
    fn table_has_every_root() {
        for root in 1..=20u8 {
            let code = c(&format!("{root:02}0"));
            assert!(TABLE.contains_key(&code), "{code} missing");
        }
        assert!(TABLE.len() > 250);
    }

    #[test]
    fn known_codes() {
        let visit = info(c("042"));
        assert_eq!((visit.quad_class, visit.plover), (1, Some(Plover::Consult)));
        assert!((visit.goldstein - 1.9).abs() < 1e-6);
        let sign = info(c("057"));
        assert_eq!(sign.plover, Some(Plover::Support));
        assert!((sign.goldstein - 8.0).abs() < 1e-6);
        let air = info(c("195"));
        assert_eq!((air.quad_class, air.plover), (4, Some(Plover::Assault)));
        assert_eq!(info(c("020")).plover, Some(Plover::Request));
        assert_eq!(info(c("010")).plover, None);
        assert_eq!(info(c("163")).plover, Some(Plover::Coerce));
    }
}
