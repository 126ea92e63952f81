//! The pure mathematics of one attention step: projections, scores, softmax, context,
//! and the term-by-term derivation of every number a learner would compute by hand.
//!
//! Nothing here touches a terminal or a file, so every screen, the `walk` command and the
//! tests all read the same numbers from the same place.

mod attention;
pub mod bugs;
mod decode;
mod derivation;
mod error;
pub mod experiments;
mod explain;
mod fused;
mod heads;
pub mod models;
mod output;
pub mod plane;
mod shape;
pub mod sizes;
mod softmax;
pub mod window;

pub use attention::{Attention, AttentionInput, Projection};
pub use decode::{DecodeCost, DecodeStep, decode};
pub use derivation::{Derivation, SoftmaxDerivation, Term};
pub use error::EngineError;
pub use explain::{Contribution, ScoreReason, TIE_TOLERANCE, explain_score, ties, top_indices, top_key, top_keys};
pub use fused::{FUSED_TOLERANCE, Fused, nearly_equal};
pub use heads::{Head, MultiHead, head_input, head_width, split_heads_shape};
pub use output::{Residual, default_output_weight, residual, residual_with};
pub use shape::{Shape, shape_line};
pub use sizes::{CacheConfig, ProjectionConfig, cache_saving, kv_cache_bytes_per_token, projection_parameters};
pub use softmax::masked_row_softmax;

/// The matrix type every part of the tutor computes with.
pub type Matrix = nalgebra::DMatrix<f64>;
