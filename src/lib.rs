//! qkv-tutor: a terminal tutor for how one token becomes a query, a key and a value.

// Panics on user-influenced paths are bugs: every expect in the library carries a reasoned allow.
#![warn(clippy::expect_used)]

pub mod app;
pub mod ascii;
pub mod atomic;
pub mod cli;
pub mod document;
pub mod engine;
pub mod format;
pub mod json_error;
pub mod keymap;
pub mod lesson;
pub mod message;
pub mod notes;
pub mod number;
pub mod progress;
pub mod quiz;
pub mod sanitize;
pub mod scenario;
pub mod screen;
pub mod serve;
pub mod settings;
pub mod terminal;
pub mod theme;
pub mod walk;
pub mod widget;
