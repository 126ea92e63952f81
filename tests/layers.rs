//! The layers hold: the domain (engine, quiz, scenario, progress, the shared message
//! vocabulary) never reaches up into the screens or the app, so it can be tested, reused
//! and served without a terminal; and the modules of `serve` import one another without a
//! circle. Imports are read with syn, so a grouped `use crate::{screen::…}` counts too.

#[path = "layers/imports.rs"]
mod imports;

use imports::{Absolute, module_of, paths_in, paths_in_file, rust_files};
use std::collections::{BTreeMap, BTreeSet};
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

/// Which module of `serve` a path names: `serve` itself (its own items), one of its
/// children, or `None` outside `serve`.
fn serve_node(path: &[String], children: &BTreeSet<String>) -> Option<String> {
    match path {
        [root, serve, child, ..] if root == "crate" && serve == "serve" && children.contains(child) => {
            Some(child.clone())
        }
        [root, serve, ..] if root == "crate" && serve == "serve" => Some("serve".to_owned()),
        _ => None,
    }
}

/// Who imports whom among `serve` (the parent, `serve.rs`) and its child modules, given
/// each file's module path and source.
fn serve_graph(files: &[(Vec<String>, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let children: BTreeSet<String> = files.iter().filter_map(|(module, _)| module.get(2).cloned()).collect();
    let mut graph = BTreeMap::new();
    for (module, source) in files {
        let from = serve_node(module, &children).expect("a serve module");
        let targets: &mut BTreeSet<String> = graph.entry(from.clone()).or_default();
        let paths = paths_in(source, module).expect("parses");
        targets.extend(paths.iter().filter_map(|path| serve_node(path, &children)).filter(|to| *to != from));
    }
    graph
}

/// A circle in `graph` as the modules along it (the first repeated at the end), if any.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        trail: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = trail.iter().position(|n| n == node) {
            let mut cycle = trail[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        trail.push(node.to_owned());
        let found = graph.get(node).into_iter().flatten().find_map(|next| visit(next, graph, trail, done));
        trail.pop();
        done.insert(node.to_owned());
        found
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_of_serve_import_one_another_without_a_circle() {
    let src = src();
    let mut files = vec![src.join("serve.rs")];
    files.extend(rust_files(&src.join("serve")));
    let sources: Vec<(Vec<String>, String)> =
        files.iter().map(|f| (module_of(&src, f), std::fs::read_to_string(f).expect("readable"))).collect();
    let graph = serve_graph(&sources);
    assert!(graph.len() > 8, "the scan found serve's modules: {graph:?}");
    assert!(graph["listen"].contains("handler"), "the scan sees real imports: {graph:?}");
    assert_eq!(find_cycle(&graph), None, "an import circle in serve: {graph:?}");
}

#[test]
fn the_circle_check_would_catch_the_old_circle() {
    let module = |name: &str| ["crate", "serve", name].map(str::to_owned).to_vec();
    let files = [
        (vec!["crate".to_owned(), "serve".to_owned()], "mod auth; mod listen; mod rate;".to_owned()),
        (module("auth"), "use super::{listen::Shared, rate};".to_owned()),
        (module("listen"), "fn f() { super::handler::Connection::new(); }".to_owned()),
        (module("handler"), "use crate::serve::{session::{self, Link}};".to_owned()),
        (module("session"), "use super::auth::check;".to_owned()),
        (module("rate"), "use std::time::Instant;".to_owned()),
    ];
    let cycle = find_cycle(&serve_graph(&files)).expect("a circle");
    assert_eq!(cycle.first(), cycle.last());
    let members: BTreeSet<&str> = cycle.iter().map(String::as_str).collect();
    assert_eq!(members, BTreeSet::from(["auth", "listen", "handler", "session"]));
    assert_eq!(find_cycle(&serve_graph(&files[..3])), None, "without handler and session, no circle");
}
