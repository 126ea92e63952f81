//! The four experiments of the Lab: each turns one of the lesson's stated reasons into numbers
//! a learner can move. Why the scores are divided by √d_k, why queries and keys need two
//! matrices, why attention needs positions, and what changes when queries come from one
//! sequence and keys and values from another.

mod cross;
mod order;
mod scale;
mod symmetry;

pub use cross::{Cross, cross_attention};
pub use order::{Shuffle, permute_rows, reversed_order, shuffle, shuffle_with, sinusoidal_positions};
pub use scale::{
    DEFAULT_SEED, SCALE_KEYS, SCALE_PAIRS, SCALE_WIDTHS, ScaleRow, ScaleSpread, scale_spread, spread_in_theory,
};
pub use symmetry::{SharedQk, asymmetry, shared_qk};

use strum::EnumIter;

/// The four experiments, in the Lab's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
pub enum Experiment {
    SqrtDk,
    SharedQk,
    Shuffle,
    Cross,
}

impl Experiment {
    /// The name `walk --experiment` takes.
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            Experiment::SqrtDk => "sqrt-dk",
            Experiment::SharedQk => "shared-qk",
            Experiment::Shuffle => "shuffle",
            Experiment::Cross => "cross",
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Experiment::SqrtDk => "Why divide by √d_k",
            Experiment::SharedQk => "Why two matrices for q and k",
            Experiment::Shuffle => "Why positions",
            Experiment::Cross => "Cross-attention",
        }
    }
}
