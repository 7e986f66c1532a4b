//! `dyad serve` refuses to bind beyond loopback without a token.

use std::process::{Command, Stdio};

#[test]
fn binding_beyond_loopback_needs_a_token() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["serve", "--addr", "0.0.0.0:0", "--db", "t.sqlite"])
        .env_remove("DYAD_TOKEN")
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("without a token"), "{err}");
    assert!(!tmp.path().join("t.sqlite").exists(), "nothing created");
}
