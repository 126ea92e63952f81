//! qkv-tutor: a terminal tutor for how one token becomes a query, a key and a value.

pub mod cli;
pub mod engine;
pub mod format;
pub mod sanitize;
pub mod scenario;
pub mod walk;
