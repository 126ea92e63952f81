//! The vocabulary every layer shares: which screen, which way, and what a key does to a text
//! field. Screen-specific messages live with their screens; `app::Message` wraps them.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

/// What a key does to the focused text field. While a field has focus every printable key
/// is an `Insert`: it is text, never a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldMsg {
    Insert(char),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: delete back to the start.
    ClearToStart,
    /// Ctrl-W: delete the word before the cursor.
    DeleteWord,
    Submit,
    /// Esc: leave the field (its owner decides whether the text is kept).
    Cancel,
}
