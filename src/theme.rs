//! Every style in one place. Meaning never rests on colour alone: selection is reversed,
//! highlights are bold and underlined, right and wrong carry ✓ and ✗, so the tutor reads the
//! same with NO_COLOR or on a washed-out projector. Colours are the 16 ANSI ones, which
//! terminals adapt to light and dark backgrounds.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Self { color: true }
    }
}

impl Theme {
    /// Colour unless NO_COLOR is set to anything non-empty (see no-color.org).
    #[must_use]
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    #[must_use]
    pub fn monochrome() -> Self {
        Self { color: false }
    }

    fn paint(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    #[must_use]
    pub fn text(self) -> Style {
        Style::new()
    }

    #[must_use]
    pub fn muted(self) -> Style {
        self.paint(Style::new(), Color::DarkGray)
    }

    #[must_use]
    pub fn title(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    #[must_use]
    pub fn tab(self) -> Style {
        Style::new()
    }

    #[must_use]
    pub fn tab_active(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    #[must_use]
    pub fn key(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    #[must_use]
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    #[must_use]
    pub fn editing(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED), Color::Yellow)
    }

    /// The row of X and column of W being multiplied, or the inputs behind an explained number.
    #[must_use]
    pub fn highlight(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED), Color::Yellow)
    }

    /// A cell that differs from the lesson's numbers.
    #[must_use]
    pub fn changed(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED), Color::Magenta)
    }

    #[must_use]
    pub fn masked(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::DIM), Color::DarkGray)
    }

    #[must_use]
    pub fn result(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    #[must_use]
    pub fn right(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    #[must_use]
    pub fn wrong(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    #[must_use]
    pub fn bar(self) -> Style {
        self.paint(Style::new(), Color::Blue)
    }

    #[must_use]
    pub fn border(self) -> Style {
        self.paint(Style::new(), Color::DarkGray)
    }

    #[must_use]
    pub fn border_focused(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }
}
