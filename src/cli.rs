//! The command line. The doc comments here are the `--help` text.

mod checks;

use checks::any_path;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The environment variables read without a flag of their own, for `--help`.
const ENVIRONMENT: &str = "\
Environment:
  QKV_TUTOR_DATA_DIR     the data folder (as --data-dir)
  QKV_TUTOR_CONFIG_DIR   the settings folder (as --config-dir)
  QKV_TUTOR_RUNTIME_DIR  the private folder for speaker notes [default: $XDG_RUNTIME_DIR/qkv-tutor, else ~/.cache/qkv-tutor/runtime]
  NO_COLOR               set to anything but empty: no colour (the monochrome theme)
  An empty value counts as unset.";

/// A terminal tutor for transformer attention: how one token becomes a query, a key and a
/// value, and how q·k scores decide who listens to whom.
///
/// Run without a command to open the interactive tutor on the lesson's numbers.
#[derive(Debug, Parser)]
#[command(name = "qkv-tutor", version, about, long_about, after_help = ENVIRONMENT)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// Where progress is kept [default: $XDG_DATA_HOME/qkv-tutor, else ~/.local/share/qkv-tutor].
    #[arg(long, value_name = "DIR", global = true, value_parser = any_path())]
    #[arg(env = "QKV_TUTOR_DATA_DIR", hide_env_values = true)]
    pub data_dir: Option<PathBuf>,

    /// Where settings (the theme) are kept [default: $XDG_CONFIG_HOME/qkv-tutor, else ~/.config/qkv-tutor].
    #[arg(long, value_name = "DIR", global = true, value_parser = any_path())]
    #[arg(env = "QKV_TUTOR_CONFIG_DIR", hide_env_values = true)]
    pub config_dir: Option<PathBuf>,

    /// Use this lesson file instead of the built-in lesson.
    #[arg(long, value_name = "FILE", global = true)]
    pub lesson: Option<PathBuf>,

    /// Colour theme (remembered for next time); NO_COLOR forces monochrome.
    #[arg(long, value_enum, value_name = "NAME")]
    pub theme: Option<crate::theme::Palette>,

    /// Start in presenter mode: the lesson as slides, each number hidden until revealed.
    #[arg(long)]
    pub present: bool,

    /// Draw borders, arrows and bars in plain ASCII (automatic when the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,

    /// Minutes in an interview drill.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=120))]
    pub minutes: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole hand calculation: shapes, q, k and v term by term, the scores, the
    /// softmax weights, the context and the lesson's picture.
    Walk(WalkArgs),
    /// Check a scenario file (or a lesson file with --lesson) and say what is wrong, or that it is fine.
    Check {
        /// The scenario file to check.
        #[arg(required_unless_present = "lesson")]
        file: Option<PathBuf>,
        /// Check this lesson file instead (same format as lessons/qkv-projections.json).
        #[arg(long, value_name = "FILE")]
        lesson: Option<PathBuf>,
    },
    /// Summarise your quiz progress, or move it between machines.
    Progress(ProgressArgs),
    /// Speaker notes for presenter mode: run in a second terminal; follows the projector.
    Notes {
        /// Print the current notes once and exit.
        #[arg(long)]
        once: bool,
    },
    /// Serve the tutor to a class over SSH: each student types one ssh command and gets
    /// their own tutor in their own terminal. Ctrl-C ends the class.
    Serve(ServeArgs),
    /// Print a shell completion script: `qkv-tutor completions bash > ~/.local/share/bash-completion/completions/qkv-tutor`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, qkv-tutor(1): `qkv-tutor man > qkv-tutor.1; man -l qkv-tutor.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen. Only this computer can connect to 127.0.0.1; give 0.0.0.0:2222 (or
    /// one address of this computer) to let the class in.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: std::net::SocketAddr,
    /// The class code students type at the password prompt [default: a new code each run].
    #[arg(long, value_name = "CODE", conflicts_with = "open")]
    pub code: Option<String>,
    /// Let in anyone who can reach the port, with no code (it warns: see the README).
    #[arg(long)]
    pub open: bool,
    /// At most this many students at once.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_sessions: u16,
    /// Also let in the public keys listed in FILE (OpenSSH authorized_keys format).
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// Keep students' progress under DIR; without it nothing of theirs is written anywhere.
    #[arg(long, value_name = "DIR")]
    pub keep_progress: Option<PathBuf>,
    /// Class mode: this terminal becomes the projector (presenter mode), each slide's question
    /// appears on every student's screen, and the slide shows how the room answers.
    #[arg(long)]
    pub class: bool,
    /// Close a session after this many seconds without a key (for tests; default 30 minutes).
    #[arg(long, value_name = "SECONDS", default_value_t = 1800, hide = true, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Write your progress to FILE.
    #[arg(long, value_name = "FILE", group = "action")]
    pub export: Option<PathBuf>,
    /// Replace your progress with FILE's, after checking it (a broken file changes nothing).
    #[arg(long, value_name = "FILE", group = "action")]
    pub import: Option<PathBuf>,
    /// Clear your progress (it asks first; the old file is kept as the backup).
    #[arg(long, group = "action")]
    pub reset: bool,
    /// Answer yes to --reset's question.
    #[arg(long, requires = "reset")]
    pub yes: bool,
}

/// Which numbers to compute with.
#[derive(Debug, Args, Clone, Default)]
pub struct ScenarioArgs {
    /// A scenario file (JSON), or the name of a shipped one (lesson, exercise, shared-matrix,
    /// transpose-trap, saturated-softmax, four-tokens-causal, decimals-scaled, meaning).
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
#[allow(clippy::struct_excessive_bools, reason = "independent command-line switches")]
pub struct WalkArgs {
    /// The token whose query is followed, counted from 1 as in the lesson [default: the last].
    #[arg(long, value_name = "N")]
    pub query: Option<usize>,

    /// Print one JSON object (q, k, v, scores, weights, context) instead of text: the same as --format json.
    #[arg(long)]
    pub json: bool,

    /// text (plain sentences, also for screen readers), markdown (a handout with tables; not
    /// for the Lab views) or json [default: text].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

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

    /// Real models' attention sizes (GPT-2, Llama-3-8B, BERT, ViT, Whisper) from their configurations.
    #[arg(long, group = "lab")]
    pub models: bool,
}

impl WalkArgs {
    /// The format asked for, `--json` being `--format json`; a contradiction is refused.
    ///
    /// # Errors
    /// `--json` with another `--format`, or markdown with a Lab view.
    pub fn resolved_format(&self) -> Result<Format, FormatConflict> {
        let format = match (self.json, self.format) {
            (true, Some(other)) if other != Format::Json => return Err(FormatConflict::TwoFormats),
            (true, _) => Format::Json,
            (false, format) => format.unwrap_or(Format::Text),
        };
        let lab = self.heads.is_some() || self.fused || self.decode || self.bug.is_some();
        if lab && format == Format::Markdown {
            return Err(FormatConflict::MarkdownLab);
        }
        Ok(format)
    }
}

/// Flags of `walk` that ask for two ways of writing at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FormatConflict {
    #[error("--json is --format json: give one format, not both")]
    TwoFormats,
    #[error(
        "--format markdown writes the whole calculation as a handout; the Lab views \
         (--heads, --fused, --decode, --bug) print text or json"
    )]
    MarkdownLab,
}

/// How `walk` writes the calculation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
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
