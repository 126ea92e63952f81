//! The layers hold: the domain (engine, quiz, scenario, progress, the shared message
//! vocabulary) never reaches up into the screens or the app, so it can be tested, reused
//! and served without a terminal.

use std::path::{Path, PathBuf};

fn rust_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path).expect("readable").map(|e| e.expect("entry").path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Lines of `file` that name the screen or app layers.
fn upward_imports(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("readable");
    text.lines()
        .filter(|l| {
            ["crate::screen", "crate::app", "crate::terminal", "crate::runner", "ratatui"].iter().any(|n| l.contains(n))
        })
        .map(|l| format!("{}: {}", file.display(), l.trim()))
        .collect()
}

#[test]
fn domain_modules_never_import_screens_or_the_app() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut domain = vec![src.join("message.rs"), src.join("effect.rs"), src.join("document.rs")];
    for layer in ["engine", "quiz", "scenario", "progress", "document"] {
        domain.push(src.join(format!("{layer}.rs")));
        domain.extend(rust_files(&src.join(layer)));
    }
    let found: Vec<String> = domain.iter().filter(|f| f.exists()).flat_map(|f| upward_imports(f)).collect();
    assert!(found.is_empty(), "the domain reaches upward:\n{}", found.join("\n"));
    assert!(domain.len() > 20, "the scan found the domain's files");
}

#[test]
fn the_scan_would_catch_an_upward_import() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("bad.rs");
    std::fs::write(&file, "use crate::screen::walkthrough::Step;\n").expect("write");
    assert_eq!(upward_imports(&file).len(), 1);
}
