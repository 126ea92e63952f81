//! The application: all state in one struct, changed only by `update`, drawn by `view`.

mod lab;
mod mouse;
mod play;
mod update;
mod view;

pub use mouse::map_mouse;
pub use view::{MIN_HEIGHT, MIN_WIDTH, tab_ranges};

use crate::document::Document;
use crate::engine::EngineError;
use crate::keymap::{KeyContext, TextEntry};
use crate::lesson::Lesson;
use crate::message::ScreenId;
use crate::scenario::Scenario;
use crate::screen::lab::LabState;
use crate::screen::playground::PlaygroundState;
use crate::screen::walkthrough::{Step, WalkthroughState, steps};
use crate::theme::Theme;

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
        })
    }

    /// The walkthrough's steps for the current numbers and query token.
    #[must_use]
    pub fn steps(&self) -> Vec<Step> {
        steps(&self.document.attention, self.playground.query)
    }

    #[must_use]
    pub fn current_step(&self) -> Option<Step> {
        self.steps().get(self.walkthrough.step).copied()
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
            _ => TextEntry::None,
        };
        KeyContext { screen: self.screen, help_open: self.help.is_some(), text_entry }
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
