//! Settings are configuration (issue 15): a `settings.json` left in the data folder by an
//! older version moves to `$XDG_CONFIG_HOME/qkv-tutor/` on the first start of the real tutor,
//! which says so; later starts move nothing, and never replace the configuration's file.
#![cfg(unix)]

mod common;

use common::pty::Session;
use std::path::Path;

const OLD: &[u8] = b"{\"theme\": \"light\"}\n";

/// The tutor on `data`, with its configuration folder found through `XDG_CONFIG_HOME` (the
/// test helper's own `QKV_TUTOR_CONFIG_DIR` emptied, which counts as unset).
fn tutor(data: &Path, config_home: &Path) -> Session {
    let home = config_home.to_str().expect("utf-8");
    let envs = [("QKV_TUTOR_CONFIG_DIR", ""), ("XDG_CONFIG_HOME", home)];
    Session::start_with(&envs, &["--data-dir", data.to_str().expect("utf-8")])
}

fn quit(mut session: Session) {
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn an_old_settings_file_moves_once_and_is_never_clobbered() {
    let (data, config_home) = (tempfile::tempdir().expect("temp"), tempfile::tempdir().expect("temp"));
    let old = data.path().join("settings.json");
    let new = config_home.path().join("qkv-tutor").join("settings.json");
    std::fs::write(&old, OLD).expect("write");

    let first = tutor(data.path(), config_home.path());
    first.wait_for_text("settings moved from");
    quit(first);
    assert!(!old.exists(), "the old file is gone from the data folder");
    assert_eq!(std::fs::read(&new).expect("moved"), OLD, "moved byte for byte");

    let second = tutor(data.path(), config_home.path());
    second.wait_for_text("Step 1 of");
    assert!(!second.screen().contains("moved"), "nothing more to move: {}", second.screen());
    quit(second);
    assert_eq!(std::fs::read(&new).expect("kept"), OLD);

    std::fs::write(&old, b"{\"theme\": \"dark\"}").expect("write");
    let third = tutor(data.path(), config_home.path());
    third.wait_for_text("was not moved");
    quit(third);
    assert_eq!(std::fs::read(&new).expect("kept"), OLD, "the configuration's file is not replaced");
    assert_eq!(std::fs::read(&old).expect("kept"), b"{\"theme\": \"dark\"}", "nor is the old one lost");
}
