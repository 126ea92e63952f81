//! An empty Rust program: the floor `benches/process.rs` measures `walk --json` against, a
//! process start with nothing after it. Built by `cargo bench` (and `cargo build --examples`).

fn main() {}
