//! What the runner, the views and the tests read of the app: its fields stay private, and
//! these are the only ways to look at them.

use super::App;
use crate::document::Document;
use crate::effect::Effect;
use crate::lesson::Lesson;
use crate::message::ScreenId;
use crate::progress::Progress;
use crate::screen::Status;
use crate::screen::lab::LabState;
use crate::screen::playground::PlaygroundState;
use crate::screen::present::PresentState;
use crate::screen::quiz::QuizState;
use crate::screen::walkthrough::WalkthroughState;
use crate::theme::Theme;
use crate::widget::TextField;

impl App {
    #[must_use]
    pub fn screen(&self) -> ScreenId {
        self.screen
    }

    #[must_use]
    pub fn document(&self) -> &Document {
        &self.shared.document
    }

    #[must_use]
    pub fn lesson(&self) -> &Lesson {
        &self.shared.lesson
    }

    #[must_use]
    pub fn progress(&self) -> &Progress {
        &self.shared.progress
    }

    #[must_use]
    pub fn walkthrough(&self) -> &WalkthroughState {
        &self.screens.walkthrough
    }

    #[must_use]
    pub fn playground(&self) -> &PlaygroundState {
        &self.screens.playground
    }

    #[must_use]
    pub fn quiz(&self) -> &QuizState {
        &self.screens.quiz
    }

    #[must_use]
    pub fn lab(&self) -> &LabState {
        &self.screens.lab
    }

    #[must_use]
    pub fn present(&self) -> Option<PresentState> {
        self.present
    }

    #[must_use]
    pub fn challenge(&self) -> Option<&crate::quiz::ActiveChallenge> {
        self.shared.challenge.as_ref()
    }

    /// The status line as shown on the current screen, if any.
    #[must_use]
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref().filter(|s| s.owner == self.screen || self.present.is_some()).map(|s| &s.status)
    }

    #[must_use]
    pub fn theme(&self) -> Theme {
        self.theme
    }

    #[must_use]
    pub fn help_open(&self) -> bool {
        self.help.is_some()
    }

    #[must_use]
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    #[must_use]
    pub fn running(&self) -> bool {
        self.running
    }

    /// True once after Ctrl-Z: the runner suspends the process.
    pub fn take_suspend_request(&mut self) -> bool {
        std::mem::take(&mut self.suspend_requested)
    }

    /// Whether progress changed since the last confirmed save.
    #[must_use]
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    /// The save to try once more on the way out, if the last one did not land.
    #[must_use]
    pub fn pending_save(&self) -> Option<Effect> {
        self.unsaved.then(|| self.shared.save_progress())
    }

    /// Whether time alone changes the screen (autoplay, a drill's clock).
    #[must_use]
    pub fn animating(&self) -> bool {
        self.active().animating() || self.screens.quiz.animating()
    }

    /// The text field that has the keyboard, if any: while there is one, every printable
    /// key is text.
    #[must_use]
    pub fn focused_field(&self) -> Option<&TextField> {
        self.help.is_none().then(|| self.field_under_overlays()).flatten()
    }

    /// The field that has the keyboard when the help overlay is closed.
    pub(super) fn field_under_overlays(&self) -> Option<&TextField> {
        if self.present.is_some() {
            return None;
        }
        if self.class_focused() {
            return self.class.prompt.as_ref().map(crate::screen::class::ClassPrompt::field);
        }
        self.active().focused_field()
    }
}
