//! The application: all state in one struct, changed only by `update`, drawn by `view`.

mod apply;
mod lab;
mod mouse;
mod play;
mod present;
mod quiz;
mod update;
mod view;

pub use mouse::map_mouse;
pub use view::{MIN_HEIGHT, MIN_WIDTH, tab_ranges};

use crate::document::Document;
use crate::engine::EngineError;
use crate::keymap::{KeyContext, TextEntry};
use crate::lesson::Lesson;
use crate::message::ScreenId;
use crate::progress::Progress;
use crate::scenario::Scenario;
use crate::screen::lab::LabState;
use crate::screen::playground::PlaygroundState;
use crate::screen::quiz::{ActiveChallenge, QuizState};
use crate::screen::walkthrough::{Step, WalkthroughState, step_at, step_count, steps};
use crate::theme::Theme;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Error,
}

/// The one-line message under the screen: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

#[derive(Debug, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches of the run loop and its effects, not a state machine"
)]
pub struct App {
    pub screen: ScreenId,
    pub lesson: Lesson,
    pub document: Document,
    pub walkthrough: WalkthroughState,
    pub playground: PlaygroundState,
    pub lab: LabState,
    pub diagram_scroll: u16,
    /// The help overlay's scroll offset, when it is open.
    pub help: Option<u16>,
    pub status: Option<Status>,
    pub theme: Theme,
    pub running: bool,
    /// Set by Ctrl-Z; the run loop suspends the process and clears it.
    pub suspend_requested: bool,
    pub size: (u16, u16),
    pub quiz: QuizState,
    pub progress: Progress,
    /// Where progress is saved; `None` keeps it in memory only.
    pub data_dir: Option<PathBuf>,
    pub clock: Clock,
    /// Varies the generated numeric questions from one run to the next.
    pub seed: u64,
    pub challenge: Option<ActiveChallenge>,
    /// True while a change to progress has not reached the disk (a failed save).
    pub unsaved: bool,
    /// Where the `H` key writes the Markdown handout.
    pub handout_path: PathBuf,
    /// Presenter mode, with whether the current slide's number is revealed.
    pub present: Option<bool>,
    /// Whether presenter mode publishes speaker notes (off in tests, on in the binary).
    pub publish_notes: bool,
}

/// Where "now" comes from: the system clock, or a fixed time for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(u64),
}

impl Clock {
    /// Unix seconds.
    #[must_use]
    pub fn now(self) -> u64 {
        match self {
            Clock::Fixed(now) => now,
            Clock::System => {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
            }
        }
    }
}

impl App {
    /// # Errors
    /// When the scenario's shapes do not fit (a validated scenario always fits).
    pub fn new(scenario: Scenario, lesson: Lesson, theme: Theme) -> Result<Self, EngineError> {
        let query = scenario.query_index();
        Ok(Self {
            screen: ScreenId::Walkthrough,
            lesson,
            document: Document::new(scenario)?,
            walkthrough: WalkthroughState::default(),
            playground: PlaygroundState::new(query),
            lab: LabState::default(),
            diagram_scroll: 0,
            help: None,
            status: None,
            theme,
            running: true,
            suspend_requested: false,
            size: (0, 0),
            quiz: QuizState::default(),
            progress: Progress::default(),
            data_dir: None,
            clock: Clock::Fixed(0),
            seed: 1,
            challenge: None,
            unsaved: false,
            handout_path: PathBuf::from("qkv-tutor-handout.md"),
            present: None,
            publish_notes: false,
        })
    }

    #[must_use]
    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    /// Saves progress at once; a failure is shown, never fatal, and the old file stays.
    pub fn save_progress(&mut self) {
        self.unsaved = true;
        let Some(dir) = self.data_dir.clone() else { return };
        match crate::progress::save(&dir, &self.progress) {
            Ok(()) => self.unsaved = false,
            Err(error) => self.set_status(StatusKind::Error, error.to_string()),
        }
    }

    /// On the way out (quit, SIGTERM, SIGHUP): one more try at anything not yet saved.
    pub fn save_if_unsaved(&mut self) {
        if self.unsaved {
            self.save_progress();
        }
    }

    /// Whether time alone changes the screen (autoplay, a drill's clock).
    #[must_use]
    pub fn animating(&self) -> bool {
        let walking = self.screen == ScreenId::Walkthrough && self.walkthrough.autoplay;
        let drilling = self.quiz.session.as_ref().is_some_and(|s| s.remaining_ms().is_some());
        walking || drilling
    }

    /// The walkthrough's steps for the current numbers and query token.
    #[must_use]
    pub fn steps(&self) -> Vec<Step> {
        steps(&self.document.attention, self.playground.query)
    }

    /// How many walkthrough steps there are for the current numbers.
    #[must_use]
    pub fn step_count(&self) -> usize {
        step_count(&self.document.attention)
    }

    #[must_use]
    pub fn current_step(&self) -> Option<Step> {
        step_at(&self.document.attention, self.playground.query, self.walkthrough.step)
    }

    /// What the keyboard is typing into right now, for the keymap.
    #[must_use]
    pub fn key_context(&self) -> KeyContext {
        let text_entry = match self.screen {
            ScreenId::Playground if self.playground.edit.is_some() || self.playground.prompt.is_some() => {
                TextEntry::Field
            }
            ScreenId::Walkthrough if self.current_step().is_some_and(|s| self.walkthrough.hides_result(&s)) => {
                TextEntry::Prediction
            }
            ScreenId::Quiz => self.quiz_text_entry(),
            _ => TextEntry::None,
        };
        KeyContext { screen: self.screen, present: self.present.is_some(), help_open: self.help.is_some(), text_entry }
    }

    fn quiz_text_entry(&self) -> TextEntry {
        use crate::screen::quiz::{Page, Phase};
        if self.quiz.page == Page::Apply && self.quiz.apply.edit.is_some() {
            return TextEntry::Field;
        }
        let Some(session) = self.quiz.session.as_ref().filter(|_| self.quiz.page == Page::Question) else {
            return TextEntry::None;
        };
        match (&session.run.input, session.current().map(|q| &q.form)) {
            (Some(_), Some(crate::quiz::Form::Free { .. })) => TextEntry::Field,
            (Some(_), _) if session.run.phase == Phase::Asking => TextEntry::Prediction,
            _ => TextEntry::None,
        }
    }

    fn set_status(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status { text: crate::sanitize::strip(&text.into()), kind });
    }
}

/// The run loop's tick interval, in milliseconds.
#[must_use]
pub fn view_tick_ms() -> u64 {
    view::TICK_MS
}
