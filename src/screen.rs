//! One module per screen: its state, and a view that only draws.

pub mod diagram;
pub mod help;
pub mod lab;
pub mod playground;
pub mod present;
pub mod quiz;
pub mod walkthrough;
