//! The paths a source file names, read with syn rather than by matching text: every `use`
//! tree flattened (so `use crate::{screen::{walkthrough::Step}}` is seen whole), and every
//! path written in code, each resolved against the module the file is.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use syn::punctuated::Punctuated;
use syn::visit::Visit;

/// A path made absolute: `["crate", "serve", "listen", "Shared"]` for one in this crate,
/// `["ratatui", "layout", "Rect"]` for another crate's (or for a name that is not a module).
pub type Absolute = Vec<String>;

/// Every `.rs` file under `root`.
pub fn rust_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path).expect("readable").map(|e| e.expect("entry").path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The module a file under `src` declares: `src/serve/auth.rs` is `crate::serve::auth`.
pub fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("a file under src").with_extension("");
    let mut module = vec!["crate".to_owned()];
    module.extend(relative.iter().map(|part| part.to_string_lossy().into_owned()));
    if module.last().is_some_and(|last| last == "lib") {
        module.pop();
    }
    module
}

/// The absolute paths named in `file`, which is the module `module`.
pub fn paths_in_file(file: &Path, module: &[String]) -> Vec<Absolute> {
    let text = std::fs::read_to_string(file).expect("readable");
    paths_in(&text, module).unwrap_or_else(|error| panic!("{}: {error}", file.display()))
}

/// The absolute paths named in `source`, read as the module `module`.
pub fn paths_in(source: &str, module: &[String]) -> syn::Result<Vec<Absolute>> {
    let file = syn::parse_file(source)?;
    let mut modules = Modules { scope: module.to_vec(), declared: HashSet::new() };
    modules.visit_file(&file);
    let mut names = Names { scope: module.to_vec(), declared: modules.declared, found: Vec::new() };
    names.visit_file(&file);
    Ok(names.found)
}

/// First pass: every module a file declares, inline or not, so that a relative path
/// (`use listen::Server;` beside `mod listen;`) can be told from another crate's.
struct Modules {
    scope: Vec<String>,
    declared: HashSet<Vec<String>>,
}

impl<'ast> Visit<'ast> for Modules {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.scope.push(item.ident.to_string());
        self.declared.insert(self.scope.clone());
        syn::visit::visit_item_mod(self, item);
        self.scope.pop();
    }
}

struct Names {
    scope: Vec<String>,
    declared: HashSet<Vec<String>>,
    found: Vec<Absolute>,
}

impl Names {
    fn record(&mut self, raw: &[String], global: bool) {
        if !raw.is_empty() {
            let resolved = if global { raw.to_vec() } else { self.resolve(raw) };
            self.found.push(resolved);
        }
    }

    fn resolve(&self, raw: &[String]) -> Absolute {
        let mut rest = raw;
        let mut base = match raw[0].as_str() {
            "crate" => return raw.to_vec(),
            "self" => {
                rest = &raw[1..];
                self.scope.clone()
            }
            "super" => self.scope.clone(),
            _ if self.declared.contains(&[self.scope.as_slice(), &raw[..1]].concat()) => self.scope.clone(),
            _ => return raw.to_vec(),
        };
        while let Some(("super", tail)) = rest.split_first().map(|(head, tail)| (head.as_str(), tail)) {
            // `crate` itself has no parent: rustc refuses such a path, so stop at the root.
            if base.len() > 1 {
                base.pop();
            }
            rest = tail;
        }
        base.extend_from_slice(rest);
        base
    }
}

impl<'ast> Visit<'ast> for Names {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.scope.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.scope.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut flat = Vec::new();
        flatten(&item.tree, &mut Vec::new(), &mut flat);
        for raw in flat {
            self.record(&raw, item.leading_colon.is_some());
        }
    }

    /// `pub(super)` names a module to grant access to, not one this file uses.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let raw: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.record(&raw, path.leading_colon.is_some());
        syn::visit::visit_path(self, path);
    }

    /// Macro bodies are tokens to syn; most of ours (`vec!`, `format!`, `assert!`) take
    /// expressions, so those are read as expressions and their paths seen too.
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = mac.parse_body_with(parser) {
            for expr in &exprs {
                self.visit_expr(expr);
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

/// One path per leaf of a `use` tree; `a::{self, b}` gives `a` and `a::b`, a glob ends in `*`.
fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(step) => {
            prefix.push(step.ident.to_string());
            flatten(&step.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(name) => out.push(leaf(prefix, &name.ident.to_string())),
        syn::UseTree::Rename(rename) => out.push(leaf(prefix, &rename.ident.to_string())),
        syn::UseTree::Glob(_) => out.push(leaf(prefix, "*")),
        syn::UseTree::Group(group) => group.items.iter().for_each(|item| flatten(item, prefix, out)),
    }
}

fn leaf(prefix: &[String], name: &str) -> Vec<String> {
    let mut path = prefix.to_vec();
    if name != "self" {
        path.push(name.to_owned());
    }
    path
}
