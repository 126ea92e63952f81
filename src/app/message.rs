//! Every change of state has a name. Keys and mouse become these; `App::update` consumes
//! them and returns effects.

use crate::class::{StudentView, Tally};
use crate::effect::Done;
use crate::message::{FieldMsg, ScreenId};
use crate::screen::diagram::DiagramMsg;
use crate::screen::lab::LabMsg;
use crate::screen::playground::PlayMsg;
use crate::screen::present::PresentMsg;
use crate::screen::quiz::QuizMsg;
use crate::screen::walkthrough::WalkMsg;

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Quit,
    Suspend,
    /// The next colour theme, remembered in the settings.
    CycleTheme,
    /// Write the Markdown handout of the current scenario to a new file.
    WriteHandout,
    NextScreen,
    PrevScreen,
    ShowScreen(ScreenId),
    ToggleHelp,
    /// Scroll the help overlay: positive is down.
    HelpScroll(i16),
    TogglePresent,
    /// Time passed: `ms` since the last tick, and the clock now (unix seconds).
    Tick {
        ms: u64,
        now: u64,
    },
    Resize(u16, u16),
    /// A key typed into the focused text field.
    Field(FieldMsg),
    /// A key that does nothing in this state, as it is written.
    Inert(String),
    Walk(WalkMsg),
    Play(PlayMsg),
    Diagram(DiagramMsg),
    Lab(LabMsg),
    Quiz(QuizMsg),
    Present(PresentMsg),
    /// The result of an effect the runner performed.
    Done(Done),
    /// Class mode, the projector: how the room is answering.
    ClassTally(Box<Tally>),
    /// Class mode, a student: the question on the projector, if any.
    ClassView(Option<Box<StudentView>>),
}

impl Message {
    /// Whether the message is something the learner did (it clears the last status).
    #[must_use]
    pub fn is_action(&self) -> bool {
        !matches!(
            self,
            Message::Tick { .. }
                | Message::Resize(..)
                | Message::Done(_)
                | Message::ClassTally(_)
                | Message::ClassView(_)
        )
    }
}
