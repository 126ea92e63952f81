//! What `update` asks the outside world to do. Update functions stay pure (no files, no
//! clock); the runner performs each effect and sends the result back as a message.

use crate::class::ClassQuestion;
use crate::notes::Notes;
use crate::progress::Progress;
use crate::quiz::Verdict;
use crate::scenario::Scenario;
use crate::settings::Settings;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the learner's progress as it now is.
    SaveProgress(Box<Progress>),
    SaveSettings(Settings),
    /// Write the Markdown handout under a name that overwrites nothing.
    WriteHandout(String),
    /// Save the scenario; without `overwrite`, an existing file is reported, not replaced.
    SaveScenario {
        path: PathBuf,
        scenario: Box<Scenario>,
        overwrite: bool,
    },
    OpenScenario(PathBuf),
    PublishNotes(Box<Notes>),
    /// Class mode, the presenter's side: this slide's question opens on every student's
    /// screen (or none, on a slide without a number).
    ClassAsk(Option<Box<ClassQuestion>>),
    /// Class mode: the open question's answer is on the projector.
    ClassReveal,
    /// Class mode, a student's side: their answer to question `id`.
    ClassAnswer {
        id: u64,
        text: String,
    },
}

/// Why a scenario was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveRefusal {
    /// The file exists; the learner is asked before it is replaced.
    Exists,
    Failed(EffectError),
}

/// Why the runner could not perform an effect. A failure keeps its source's message rather
/// than the source itself: results travel in messages, which are cloned and compared, and
/// io errors are neither.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EffectError {
    /// A session served over SSH touches none of the teacher's files.
    #[error("not available over SSH: files stay on the teacher's computer")]
    Remote,
    #[error("handouts are not written from here")]
    NoHandoutFolder,
    #[error("{0}")]
    Failed(String),
}

impl EffectError {
    /// A failure of the effect's own operation (a save, a load), said as its error says it.
    pub fn failed(error: &impl std::fmt::Display) -> Self {
        Self::Failed(error.to_string())
    }
}

/// An effect's result, delivered back to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    ProgressSaved(Result<(), EffectError>),
    SettingsSaved(Result<(), EffectError>),
    /// The path written, shown to the user.
    HandoutWritten(Result<String, EffectError>),
    ScenarioSaved {
        path: PathBuf,
        result: Result<(), SaveRefusal>,
    },
    ScenarioOpened {
        path: PathBuf,
        result: Result<Box<Scenario>, EffectError>,
    },
    NotesPublished(Result<(), EffectError>),
    ClassAnswered(Result<Verdict, crate::class::AnswerError>),
}
