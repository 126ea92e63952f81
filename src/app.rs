//! The application: routes messages to the screen that owns them, holds the overlays (help,
//! presenter mode) and the status line, and hands effects to the runner. Its fields are
//! private; tests drive it through messages or keys and read it through the accessors.

mod class;
mod keys;
mod message;
mod mouse;
mod read;
mod screens;
mod update;
mod view;

pub use class::ClassState;
pub use keys::{GLOBAL, map_event};
pub use message::Message;
pub use view::{MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH, TICK_MS, tab_ranges};

use crate::document::Document;
use crate::effect::Effect;
use crate::engine::EngineError;
use crate::lesson::Lesson;
use crate::message::ScreenId;
use crate::progress::Progress;
use crate::scenario::Scenario;
use crate::screen::diagram::DiagramState;
use crate::screen::lab::LabState;
use crate::screen::playground::PlaygroundState;
use crate::screen::present::PresentState;
use crate::screen::quiz::QuizState;
use crate::screen::walkthrough::WalkthroughState;
use crate::screen::{Shared, Status};
use crate::theme::Theme;
use screens::Screen;
use std::collections::VecDeque;
use std::sync::Arc;

/// How long a status message stays when nothing else happens.
const STATUS_MS: u64 = 5000;
/// How many past statuses the help overlay keeps listed: one that vanished too soon can be
/// read again there.
const STATUS_HISTORY: usize = 10;

/// A status message with the screen that raised it and how long it has shown.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ShownStatus {
    status: Status,
    owner: ScreenId,
    age_ms: u64,
}

/// Every screen's state, one of each; [`Screens::get`] is the app's one dispatch on which
/// screen is showing.
#[derive(Debug, Clone, Default)]
struct Screens {
    walkthrough: WalkthroughState,
    playground: PlaygroundState,
    diagram: DiagramState,
    quiz: QuizState,
    lab: LabState,
}

impl Screens {
    fn get(&self, screen: ScreenId) -> &dyn Screen {
        match screen {
            ScreenId::Walkthrough => &self.walkthrough,
            ScreenId::Playground => &self.playground,
            ScreenId::Diagram => &self.diagram,
            ScreenId::Quiz => &self.quiz,
            ScreenId::Lab => &self.lab,
        }
    }

    fn get_mut(&mut self, screen: ScreenId) -> &mut dyn Screen {
        match screen {
            ScreenId::Walkthrough => &mut self.walkthrough,
            ScreenId::Playground => &mut self.playground,
            ScreenId::Diagram => &mut self.diagram,
            ScreenId::Quiz => &mut self.quiz,
            ScreenId::Lab => &mut self.lab,
        }
    }
}

#[derive(Debug, Clone)]
pub struct App {
    screen: ScreenId,
    shared: Shared,
    screens: Screens,
    present: Option<PresentState>,
    /// The help overlay's scroll offset, when it is open.
    help: Option<u16>,
    status: Option<ShownStatus>,
    /// The latest statuses, oldest first.
    recent: VecDeque<Status>,
    theme: Theme,
    size: (u16, u16),
    running: bool,
    suspend_requested: bool,
    /// True while a change to progress has not been confirmed on disk.
    unsaved: bool,
    class: ClassState,
}

impl App {
    /// # Errors
    /// When the scenario's shapes do not fit (a validated scenario always fits).
    pub fn new(scenario: Scenario, lesson: impl Into<Arc<Lesson>>, theme: Theme) -> Result<Self, EngineError> {
        let document = Document::new(scenario)?;
        let mut app = Self {
            screen: ScreenId::Walkthrough,
            shared: Shared {
                document,
                lesson: lesson.into(),
                progress: Progress::default(),
                now: 0,
                seed: 1,
                challenge: None,
                drill_minutes: 5,
                read_only: false,
            },
            screens: Screens::default(),
            present: None,
            help: None,
            status: None,
            recent: VecDeque::with_capacity(STATUS_HISTORY),
            theme,
            size: (0, 0),
            running: true,
            suspend_requested: false,
            unsaved: false,
            class: ClassState::default(),
        };
        app.screens.walkthrough.reconcile(&app.shared.document);
        Ok(app)
    }

    /// Starts with the learner's saved progress.
    #[must_use]
    pub fn with_progress(mut self, progress: Progress) -> Self {
        self.load_progress(progress);
        self
    }

    /// Replaces the progress with what was loaded from disk, before the first frame.
    pub fn load_progress(&mut self, progress: Progress) {
        self.shared.progress = progress;
    }

    /// Opens the Quiz on a practice session of these questions, in this order (unknown ids
    /// are skipped): the way a lesson link or a test goes straight to one question.
    pub fn practise(&mut self, ids: &[&str]) -> Vec<Effect> {
        let queue = ids
            .iter()
            .filter_map(|id| self.shared.lesson.questions.iter().find(|q| q.id == *id))
            .map(|spec| crate::quiz::resolve(spec, self.shared.seed))
            .collect();
        self.screen = ScreenId::Quiz;
        let reply = self.screens.quiz.start_session(crate::screen::quiz::SessionKind::Practice, queue);
        self.apply_reply(reply)
    }

    /// Marks this tutor as one that does not save: a badge stays on the tab bar.
    pub fn set_read_only(&mut self) {
        self.shared.read_only = true;
    }

    /// Shows a message from outside the screens (a startup notice, say).
    pub fn notify(&mut self, status: Status) {
        self.set_status(status);
    }

    /// Shows a status on the current screen and keeps it in the recent list (a repeat of
    /// the last one is not listed twice).
    fn set_status(&mut self, status: Status) {
        if self.recent.back() != Some(&status) {
            if self.recent.len() == STATUS_HISTORY {
                self.recent.pop_front();
            }
            self.recent.push_back(status.clone());
        }
        self.status = Some(ShownStatus { status, owner: self.screen, age_ms: 0 });
    }

    /// The last statuses shown, newest first.
    pub fn recent_statuses(&self) -> impl Iterator<Item = &Status> {
        self.recent.iter().rev()
    }

    /// Seeds the generated questions and sets the clock (unix seconds).
    #[must_use]
    pub fn with_time(mut self, now: u64, seed: u64) -> Self {
        self.shared.now = now;
        self.shared.seed = seed;
        self
    }

    #[must_use]
    pub fn with_drill_minutes(mut self, minutes: u64) -> Self {
        self.shared.drill_minutes = minutes;
        self
    }

    /// Opens in presenter mode; the returned effect publishes the first slide's notes.
    pub fn start_presenting(&mut self) -> Vec<Effect> {
        let present = PresentState::at(self.screens.walkthrough.start_presenting(&self.shared.document));
        self.present = Some(present);
        let mut effects = vec![present.publish(&self.shared.document, &self.shared.lesson)];
        effects.extend(self.class_effects());
        effects
    }

    /// The screen on show, as the trait every screen meets.
    fn active(&self) -> &dyn Screen {
        self.screens.get(self.screen)
    }
}
