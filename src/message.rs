//! The vocabulary every layer shares: which screen, which way, and what a key does to a text
//! field. Screen-specific messages live with their screens; `app::Message` wraps them.

use strum::{EnumIter, IntoEnumIterator};

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
pub enum ScreenId {
    Walkthrough,
    Playground,
    Diagram,
    Quiz,
    Lab,
}

impl ScreenId {
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
        Self::iter().position(|s| s == self).unwrap_or(0)
    }

    #[must_use]
    pub fn offset(self, delta: isize) -> Self {
        cycle(self, delta)
    }
}

/// `value` moved `delta` places along its enum's variants, wrapping round at either end:
/// the tabs, the Lab's panels, the playground's grids and the palettes all step this way.
#[must_use]
pub fn cycle<T: IntoEnumIterator + PartialEq + Copy>(value: T, delta: isize) -> T {
    let count = T::iter().len().cast_signed();
    let index = T::iter().position(|v| v == value).unwrap_or(0).cast_signed();
    T::iter().nth((index + delta).rem_euclid(count).cast_unsigned()).unwrap_or(value)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_at_both_ends_in_declaration_order() {
        assert_eq!(ScreenId::Walkthrough.offset(1), ScreenId::Playground);
        assert_eq!(ScreenId::Walkthrough.offset(-1), ScreenId::Lab);
        assert_eq!(ScreenId::Lab.offset(1), ScreenId::Walkthrough);
        assert_eq!(ScreenId::Quiz.offset(7), ScreenId::Walkthrough, "7 places is one lap and two");
        let indices: Vec<usize> = ScreenId::iter().map(ScreenId::index).collect();
        assert_eq!(indices, [0, 1, 2, 3, 4]);
    }
}
