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
    Failed(String),
}

/// An effect's result, delivered back to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    ProgressSaved(Result<(), String>),
    SettingsSaved(Result<(), String>),
    /// The path written, shown to the user.
    HandoutWritten(Result<String, String>),
    ScenarioSaved {
        path: PathBuf,
        result: Result<(), SaveRefusal>,
    },
    ScenarioOpened {
        path: PathBuf,
        result: Result<Box<Scenario>, String>,
    },
    NotesPublished(Result<(), String>),
    ClassAnswered(Result<Verdict, String>),
}
