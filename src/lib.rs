//! qkv-tutor: a terminal tutor for how one token becomes a query, a key and a value.

// Panics on user-influenced paths are bugs: every expect in the library carries a reasoned allow.
#![warn(clippy::expect_used)]

pub mod app;
pub mod ascii;
pub mod atomic;
pub mod class;
pub mod cli;
pub mod document;
pub mod effect;
pub mod engine;
pub mod format;
pub mod fsread;
pub(crate) mod json_error;
pub(crate) mod keymap;
pub mod lesson;
pub mod message;
pub mod notes;
pub(crate) mod number;
pub(crate) mod pid;
pub mod pipe;
pub mod progress;
pub mod quiz;
pub mod runner;
pub mod sanitize;
pub mod scenario;
pub mod screen;
pub mod serve;
pub mod settings;
pub mod terminal;
pub mod theme;
pub mod walk;
pub mod widget;
