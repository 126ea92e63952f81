//! One module per screen: its state, and a view that only draws.

pub mod diagram;
pub mod help;
pub mod lab;
pub mod placeholder;
pub mod playground;
pub mod walkthrough;
