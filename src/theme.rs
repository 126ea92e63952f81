//! Every style in one place. Meaning never rests on colour alone: selection is reversed,
//! highlights are bold and underlined, right and wrong carry ✓ and ✗, so the tutor reads the
//! same with NO_COLOR or on a washed-out projector. Colours are the 16 ANSI ones, which
//! terminals adapt to light and dark backgrounds.

use ratatui::style::{Color, Modifier, Style};

/// The colour schemes; each reads on a projector, and none carries meaning by colour alone.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, serde::Deserialize, strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
pub enum Palette {
    /// The 16 ANSI colours, tuned for dark backgrounds (and readable on light ones).
    #[default]
    Dark,
    /// Deeper colours for light backgrounds.
    Light,
    /// Bold, bright colours and highlighted backgrounds for projectors.
    HighContrast,
    /// No colour at all; what NO_COLOR selects.
    Monochrome,
}

impl Palette {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Palette::Dark => "dark",
            Palette::Light => "light",
            Palette::HighContrast => "high-contrast",
            Palette::Monochrome => "monochrome",
        }
    }

    #[must_use]
    pub fn next(self) -> Self {
        crate::message::cycle(self, 1)
    }
}

/// What a style is for; each palette gives each role its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Muted,
    Title,
    Key,
    Accent,
    Changed,
    Masked,
    Good,
    Bad,
    Bar,
    Border,
    Focus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    /// Plain ASCII for borders, arrows and bars (`--ascii`, or a locale that is not UTF-8).
    pub ascii: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Self { palette: Palette::Dark, ascii: false }
    }
}

impl Theme {
    /// Monochrome when NO_COLOR is set to anything non-empty (see no-color.org), else dark.
    #[must_use]
    pub fn from_env() -> Self {
        Self::resolve(None, false)
    }

    /// The palette asked for, unless NO_COLOR forces monochrome.
    #[must_use]
    pub fn resolve(palette: Option<Palette>, ascii: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let palette = if no_color { Palette::Monochrome } else { palette.unwrap_or_default() };
        Self { palette, ascii }
    }

    #[must_use]
    pub fn monochrome() -> Self {
        Self { palette: Palette::Monochrome, ascii: false }
    }

    /// Whether the locale promises UTF-8; if not, the tutor draws in ASCII.
    #[must_use]
    pub fn locale_is_utf8() -> bool {
        ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
            .is_none_or(|v| v.to_uppercase().replace('-', "").contains("UTF8"))
    }

    fn color(self, role: Role) -> Option<Color> {
        use Color::{
            Blue, Cyan, DarkGray, Green, LightCyan, LightGreen, LightMagenta, LightRed, LightYellow, Magenta, Red,
            White, Yellow,
        };
        let (dark, light, high) = match role {
            Role::Muted | Role::Masked | Role::Border => (DarkGray, DarkGray, White),
            Role::Title | Role::Focus => (Cyan, Blue, LightCyan),
            Role::Key | Role::Accent => (Yellow, Magenta, LightYellow),
            Role::Changed => (Magenta, Magenta, LightMagenta),
            Role::Good => (Green, Green, LightGreen),
            Role::Bad => (Red, Red, LightRed),
            Role::Bar => (Blue, Blue, White),
        };
        match self.palette {
            Palette::Dark => Some(dark),
            Palette::Light => Some(light),
            Palette::HighContrast => Some(high),
            Palette::Monochrome => None,
        }
    }

    fn paint(self, style: Style, role: Role) -> Style {
        let style = if self.palette == Palette::HighContrast && role != Role::Muted && role != Role::Masked {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        if self.palette == Palette::HighContrast && role == Role::Accent {
            return style.fg(Color::Black).bg(Color::LightYellow);
        }
        self.color(role).map_or(style, |c| style.fg(c))
    }

    #[must_use]
    pub fn text(self) -> Style {
        Style::new()
    }

    #[must_use]
    pub fn muted(self) -> Style {
        self.paint(Style::new(), Role::Muted)
    }

    #[must_use]
    pub fn title(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Role::Title)
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
        self.paint(Style::new().add_modifier(Modifier::BOLD), Role::Key)
    }

    #[must_use]
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    #[must_use]
    pub fn editing(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED), Role::Accent)
    }

    /// The row of X and column of W being multiplied, or the inputs behind an explained number.
    #[must_use]
    pub fn highlight(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED), Role::Accent)
    }

    /// A cell that differs from the lesson's numbers.
    #[must_use]
    pub fn changed(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED), Role::Changed)
    }

    #[must_use]
    pub fn masked(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::DIM), Role::Masked)
    }

    #[must_use]
    pub fn result(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Role::Good)
    }

    #[must_use]
    pub fn right(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Role::Good)
    }

    #[must_use]
    pub fn wrong(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Role::Bad)
    }

    #[must_use]
    pub fn bar(self) -> Style {
        self.paint(Style::new(), Role::Bar)
    }

    #[must_use]
    pub fn border(self) -> Style {
        self.paint(Style::new(), Role::Border)
    }

    #[must_use]
    pub fn border_focused(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Role::Focus)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn next_visits_every_palette_once_and_comes_back() {
        let mut seen = vec![Palette::Dark];
        while seen.len() <= Palette::iter().len() {
            seen.push(seen[seen.len() - 1].next());
        }
        assert_eq!(seen, [Palette::Dark, Palette::Light, Palette::HighContrast, Palette::Monochrome, Palette::Dark]);
    }
}
