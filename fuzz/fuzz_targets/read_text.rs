//! Fuzzes the text reader: no input may panic.
#![no_main]

use dyad_read::{read_bytes_as, Format, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_bytes_as(Format::Text, "fuzz", data, &ReadOptions::default());
});
