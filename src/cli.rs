//! The command line. The doc comments here are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A terminal tutor for transformer attention: how one token becomes a query, a key and a
/// value, and how q·k scores decide who listens to whom.
///
/// Run without a command to open the interactive tutor on the lesson's numbers.
#[derive(Debug, Parser)]
#[command(name = "qkv-tutor", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole hand calculation: shapes, q, k and v term by term, the scores, the
    /// softmax weights, the context and the lesson's picture.
    Walk(WalkArgs),
    /// Check a scenario file and say what is wrong with it, or that it is fine.
    Check {
        /// The scenario file to check.
        file: PathBuf,
    },
}

/// Which numbers to compute with.
#[derive(Debug, Args, Clone, Default)]
pub struct ScenarioArgs {
    /// A scenario file (JSON) to use instead of the lesson's numbers.
    #[arg(long, value_name = "FILE", global = true)]
    pub scenario: Option<PathBuf>,

    /// Divide the scores by sqrt(d_k) before the softmax, as real attention does.
    #[arg(long, global = true)]
    pub scale: bool,

    /// Apply the causal mask (the exam rule): a token may only look at itself and earlier ones.
    #[arg(long, global = true)]
    pub causal: bool,
}

#[derive(Debug, Args)]
pub struct WalkArgs {
    /// The token whose query is followed, counted from 1 as in the lesson [default: the last].
    #[arg(long, value_name = "N")]
    pub query: Option<usize>,

    /// Print one JSON object (q, k, v, scores, weights, context) instead of text.
    #[arg(long)]
    pub json: bool,

    /// Split Q, K and V into H heads (H must divide d_k and d_v): each head's scores, weights
    /// and context, and their concatenation.
    #[arg(long, value_name = "H", group = "lab")]
    pub heads: Option<usize>,

    /// GPT-2's fused projection: one D×(2·d_k+d_v) matrix, one multiply, then the split.
    #[arg(long, group = "lab")]
    pub fused: bool,

    /// Decode token by token with a KV cache, with the multiply-adds it saves.
    #[arg(long, group = "lab")]
    pub decode: bool,

    /// Switch on one of the lesson's five common bugs, shown beside the correct result.
    #[arg(long, value_enum, value_name = "NAME", group = "lab")]
    pub bug: Option<BugName>,
}

/// The five common bugs, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BugName {
    /// D and d_head mixed up in a weight's shape.
    Shapes,
    /// Q·K instead of Q·Kᵀ.
    NoTranspose,
    /// One matrix reused for Q, K and V.
    SharedWeights,
    /// X cut into heads before it is projected.
    HeadsBeforeProjection,
    /// Believing values decide matching strength.
    ValuesMatch,
}

impl From<BugName> for crate::engine::bugs::Bug {
    fn from(name: BugName) -> Self {
        use crate::engine::bugs::Bug;
        match name {
            BugName::Shapes => Bug::Shapes,
            BugName::NoTranspose => Bug::NoTranspose,
            BugName::SharedWeights => Bug::SharedWeights,
            BugName::HeadsBeforeProjection => Bug::HeadsBeforeProjection,
            BugName::ValuesMatch => Bug::ValuesMatch,
        }
    }
}
