//! The command line. The doc comments here are the `--help` text.

use clap::{Args, Parser, Subcommand};
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
}
