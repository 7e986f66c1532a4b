//! Fuzzes format sniffing (as for standard input) and every reader behind it.
#![no_main]

use dyad_read::{read_bytes, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for d in read_bytes("-", data, &ReadOptions::default())
        .into_iter()
        .flatten()
    {
        assert!(!d.text.trim().is_empty());
    }
});
