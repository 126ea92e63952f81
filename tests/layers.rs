//! The layers hold: the domain (engine, quiz, scenario, progress, the shared message
//! vocabulary) never reaches up into the screens or the app, so it can be tested, reused
//! and served without a terminal. Imports are read with syn, so a grouped
//! `use crate::{screen::…}` counts too.

#[path = "layers/imports.rs"]
mod imports;

use imports::{Absolute, module_of, paths_in, paths_in_file, rust_files};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crate's modules the domain must not name; `ratatui` is the other crate it must not.
const UPPER_LAYERS: [&str; 4] = ["screen", "app", "terminal", "runner"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The paths in `paths` that reach the screen or app layers, or ratatui.
fn upward(paths: &[Absolute]) -> Vec<String> {
    paths
        .iter()
        .filter(|path| match path.as_slice() {
            [first, ..] if first == "ratatui" => true,
            [root, module, ..] => root == "crate" && UPPER_LAYERS.contains(&module.as_str()),
            _ => false,
        })
        .map(|path| path.join("::"))
        .collect()
}

/// The upward paths `file` (the module `module`) names, each with the file's name.
fn upward_imports(file: &Path, module: &[String]) -> Vec<String> {
    upward(&paths_in_file(file, module)).into_iter().map(|path| format!("{}: {path}", file.display())).collect()
}

/// A module of the domain, where a test's source is read as if it were.
fn engine_bad() -> Vec<String> {
    ["crate", "engine", "bad"].map(str::to_owned).to_vec()
}

/// The upward paths in `source`, read as the engine module `bad`.
fn upward_in(source: &str) -> Vec<String> {
    upward(&paths_in(source, &engine_bad()).expect("parses"))
}

#[test]
fn domain_modules_never_import_screens_or_the_app() {
    let src = src();
    let mut domain = BTreeSet::from([src.join("message.rs"), src.join("effect.rs")]);
    for layer in ["engine", "quiz", "scenario", "progress", "document"] {
        domain.insert(src.join(format!("{layer}.rs")));
        domain.extend(rust_files(&src.join(layer)));
    }
    let found: Vec<String> =
        domain.iter().filter(|f| f.exists()).flat_map(|f| upward_imports(f, &module_of(&src, f))).collect();
    assert!(found.is_empty(), "the domain reaches upward:\n{}", found.join("\n"));
    assert!(domain.len() > 20, "the scan found the domain's files");
}

#[test]
fn the_scan_would_catch_an_upward_import() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("bad.rs");
    std::fs::write(&file, "use crate::screen::walkthrough::Step;\n").expect("write");
    assert_eq!(upward_imports(&file, &engine_bad()).len(), 1);
    assert_eq!(module_of(&src(), &src().join("engine").join("bad.rs")), engine_bad());
}

#[test]
fn grouped_relative_and_inline_paths_are_caught_too() {
    assert_eq!(upward_in("use crate::{screen::walkthrough::Step};"), ["crate::screen::walkthrough::Step"]);
    assert_eq!(upward_in("use crate::{app, engine};"), ["crate::app"]);
    assert_eq!(upward_in("use crate::{engine::{self, x}, screen::{quiz::{Quiz}}};"), ["crate::screen::quiz::Quiz"]);
    assert_eq!(upward_in("use super::super::app::App;"), ["crate::app::App"]);
    assert_eq!(upward_in("use ::ratatui::layout::Rect;"), ["ratatui::layout::Rect"]);
    assert_eq!(upward_in("fn f() -> crate::runner::Runner { todo!() }"), ["crate::runner::Runner"]);
    assert_eq!(upward_in("fn f() { let v = vec![crate::terminal::size()]; }"), ["crate::terminal::size"]);
    assert!(upward_in("use crate::{engine, quiz::Verdict}; use super::app_like::X;").is_empty());
    assert!(upward_in("// crate::screen in a comment\nconst S: &str = \"crate::app\";").is_empty());
}
