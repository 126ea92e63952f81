//! `walk --experiment NAME`: the Lab's four experiments as text, Markdown or JSON. Each
//! starts with the question the Lab asks before it reveals, so a reader can predict first;
//! every number below it is the engine's.

mod reports;

pub use reports::cross_run;

use crate::engine::experiments::DEFAULT_SEED;
pub use crate::engine::experiments::Experiment;
use crate::engine::{Attention, EngineError, Matrix};
use crate::quiz::NumericAnswer;
use serde_json::Value;
use std::fmt::Write;

/// What an experiment runs on: the current numbers, the scenario's second sequence if it
/// has one, its position table if it has one (else `shuffle` uses the sinusoidal formula),
/// and the seed for the random draws.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    pub attention: &'a Attention,
    pub encoder: Option<&'a Matrix>,
    pub positions: Option<&'a Matrix>,
    pub seed: u64,
}

impl<'a> Setup<'a> {
    #[must_use]
    pub fn new(attention: &'a Attention, encoder: Option<&'a Matrix>) -> Self {
        Self { attention, encoder, positions: None, seed: DEFAULT_SEED }
    }
}

/// The question asked before anything is revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub prompt: String,
    pub answer: NumericAnswer,
}

/// One experiment's results in a form each output writes its own way.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub experiment: Experiment,
    pub prediction: Prediction,
    /// What the prediction should have been, and what the numbers say.
    pub reveal: String,
    /// The findings, one sentence or row each.
    pub lines: Vec<String>,
    /// The lesson's sentence this explains.
    pub lesson: String,
    pub json: Value,
}

/// Runs one experiment.
///
/// # Errors
/// When the current numbers do not fit together.
pub fn report(experiment: Experiment, setup: Setup<'_>) -> Result<Report, EngineError> {
    match experiment {
        Experiment::SqrtDk => Ok(reports::sqrt_dk(setup)),
        Experiment::SharedQk => reports::shared_qk(setup),
        Experiment::Shuffle => reports::shuffle(setup),
        Experiment::Cross => reports::cross(setup),
    }
}

/// An experiment's question and its short answer: for `sqrt-dk`, from theory, without the
/// random draws the whole run makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Teaser {
    pub prediction: Prediction,
    pub reveal: String,
}

/// The question and its short answer: what the Lab's answer box and the walkthrough's last
/// step ask. `sqrt-dk` answers from theory, so asking draws no random numbers.
///
/// # Errors
/// As [`report`].
pub fn teaser(experiment: Experiment, setup: Setup<'_>) -> Result<Teaser, EngineError> {
    match experiment {
        Experiment::SqrtDk => Ok(reports::sqrt_dk_teaser()),
        other => report(other, setup).map(|r| Teaser { prediction: r.prediction, reveal: r.reveal }),
    }
}

/// Just the question, for the Lab's answer box.
///
/// # Errors
/// As [`report`].
pub fn prediction(experiment: Experiment, setup: Setup<'_>) -> Result<Prediction, EngineError> {
    teaser(experiment, setup).map(|t| t.prediction)
}

/// How `walk` writes a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Markdown,
    Json,
}

#[must_use]
pub fn render(report: &Report, style: Style) -> String {
    match style {
        Style::Json => {
            let mut text = serde_json::to_string_pretty(&report.json).unwrap_or_default();
            text.push('\n');
            text
        }
        Style::Text => text(report),
        Style::Markdown => markdown(report),
    }
}

fn text(report: &Report) -> String {
    let mut out = format!("Experiment: {}\n\n", report.experiment.title());
    let _ = writeln!(out, "Predict first: {}", report.prediction.prompt);
    let _ = writeln!(out, "Answer: {}\n", report.reveal);
    for line in &report.lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\nThis explains: {}", report.lesson);
    out
}

fn markdown(report: &Report) -> String {
    let escape = super::escape_markdown;
    let mut out = format!("# Experiment: {}\n\n", escape(report.experiment.title()));
    let _ = writeln!(out, "**Predict first.** {}\n", escape(&report.prediction.prompt));
    let _ = writeln!(out, "**Answer.** {}\n", escape(&report.reveal));
    for line in &report.lines {
        let _ = writeln!(out, "- {}", escape(line));
    }
    let _ = writeln!(out, "\n> {}", escape(&report.lesson));
    out
}
