//! Every change of state has a name. The keymap produces these; `App::update` consumes them.

use crate::document::Edit;
use crate::screen::playground::GridId;

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Walkthrough,
    Playground,
    Diagram,
    Quiz,
    Lab,
}

impl ScreenId {
    pub const ALL: [ScreenId; 5] =
        [ScreenId::Walkthrough, ScreenId::Playground, ScreenId::Diagram, ScreenId::Quiz, ScreenId::Lab];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            ScreenId::Walkthrough => "Walkthrough",
            ScreenId::Playground => "Playground",
            ScreenId::Diagram => "Diagram",
            ScreenId::Quiz => "Quiz",
            ScreenId::Lab => "Lab",
        }
    }

    #[must_use]
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    #[must_use]
    pub fn offset(self, delta: isize) -> Self {
        let count = Self::ALL.len().cast_signed();
        let next = (self.index().cast_signed() + delta).rem_euclid(count);
        Self::ALL[next.cast_unsigned()]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Quit,
    Suspend,
    /// The next colour theme, remembered in the settings.
    CycleTheme,
    /// Write the Markdown handout of the current scenario to a file.
    WriteHandout,
    NextScreen,
    PrevScreen,
    ShowScreen(ScreenId),
    ToggleHelp,
    CloseOverlay,
    /// Mouse wheel or page keys over scrollable text: positive is down.
    Scroll(i16),
    /// Time passed (drives autoplay).
    Tick,
    Resize(u16, u16),
    Input(InputMsg),
    Walk(WalkMsg),
    Play(PlayMsg),
    Diagram(DiagramMsg),
    Lab(LabMsg),
    Quiz(QuizMsg),
    Present(PresentMsg),
}

/// Presenter mode: slides with predict-then-reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentMsg {
    Toggle,
    /// Reveal the hidden number, or go to the next slide when it is shown.
    Forward,
    Back,
    First,
    Last,
}

/// Keys typed into whichever text field is open (a cell, a path, a prediction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputMsg {
    Char(char),
    Paste(String),
    Backspace,
    Submit,
    Cancel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkMsg {
    Next,
    Prev,
    First,
    Last,
    TogglePredict,
    /// Begin typing a prediction with this character.
    BeginAnswer(char),
    ToggleAutoplay,
    Faster,
    Slower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlayMsg {
    Move(Direction),
    NextGrid,
    PrevGrid,
    Select {
        grid: GridId,
        row: usize,
        col: usize,
    },
    BeginEdit(char),
    /// Enter: edit an input cell, or explain a result cell.
    Activate,
    /// Change the scenario's shape or switches: tokens, D, d_k, d_v, scaling, the mask.
    Reshape(Edit),
    Undo,
    Redo,
    Reset,
    AskSave,
    AskLoad,
    OpenLibrary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagramMsg {
    NextQuery,
    PrevQuery,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabMsg {
    NextPanel,
    PrevPanel,
    SelectPanel(usize),
    /// More heads, or a larger window.
    More,
    /// Fewer heads, or a smaller window.
    Fewer,
    StepForward,
    StepBack,
    Arrive,
    ResetWindow,
    EditValues,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizMsg {
    Up,
    Down,
    Left,
    Right,
    Enter,
    /// A digit, `-` or `.`: picks an option or starts typing a number.
    Char(char),
    Hint,
    Solution,
    Flag,
    Next,
    Back,
    Missed,
    Check,
}
