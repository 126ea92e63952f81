//! The one trait every screen meets for the app: its keys, its footer and help rows, its
//! focused field, its time, the mouse, and its view. `App::active` picks the screen once;
//! everything else goes through the trait, so a new screen is one folder and one impl here.

use super::Message;
use crate::keymap::{self, Binding, Key};
use crate::message::FieldMsg;
use crate::screen::diagram::{self, DiagramMsg, DiagramState, DiagramView};
use crate::screen::lab::{self, LabMsg, LabState, LabView};
use crate::screen::playground::{self, PlayMsg, PlaygroundState, PlaygroundView};
use crate::screen::quiz::{self, QuizMsg, QuizState, QuizView};
use crate::screen::walkthrough::{self, WalkMsg, WalkthroughState, WalkthroughView};
use crate::screen::{Reply, Shared};
use crate::theme::Theme;
use crate::widget::TextField;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Which rows of a key table: the footer's short words or the help's sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rows {
    Footer,
    Help,
}

fn rows_of<M>(table: &[Binding<M>], rows: Rows, acts: impl Fn(&M) -> bool) -> Vec<(&'static str, &'static str)> {
    match rows {
        Rows::Footer => keymap::footer_hints(table, acts),
        Rows::Help => keymap::help_rows(table, acts),
    }
}

/// What the app asks of the screen on show.
pub(crate) trait Screen {
    /// The message for a key from the screen's own table, if it knows the key and it acts.
    fn key(&self, key: Key, shared: &Shared) -> Option<Message>;
    /// The footer's words or the help's sentences for the keys that act now.
    fn rows(&self, rows: Rows, shared: &Shared) -> Vec<(&'static str, &'static str)>;
    fn render(&self, shared: &Shared, theme: Theme, area: Rect, buf: &mut Buffer);
    /// Keys typed while [`Screen::focused_field`] has the keyboard.
    fn field(&mut self, _message: FieldMsg, _shared: &mut Shared) -> Reply {
        Reply::default()
    }
    fn focused_field(&self) -> Option<&TextField> {
        None
    }
    /// Keys the screen gives its focused field beyond the field's own, as footer and help rows.
    fn field_rows(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }
    /// Whether a grid cell has the focus, so digits type rather than switch screens.
    fn digits_type(&self) -> bool {
        false
    }
    fn tick(&mut self, _ms: u64, _shared: &mut Shared) -> Reply {
        Reply::default()
    }
    /// Whether time alone changes what it shows.
    fn animating(&self) -> bool {
        false
    }
    fn scroll(&self, _delta: i16) -> Option<Message> {
        None
    }
    /// A click inside the body (`body` is the body's area on screen).
    fn click(&self, _body: Rect, _x: u16, _y: u16, _shared: &Shared) -> Option<Message> {
        None
    }
}

impl Screen for WalkthroughState {
    fn key(&self, key: Key, shared: &Shared) -> Option<Message> {
        let walked = self.walked(&shared.document);
        let (count, two) = (walkthrough::step_count(&walked.attention), two_sequences(&walked));
        keymap::lookup(walkthrough::KEYS, key, |m| self.acts(*m, count, two)).map(Message::Walk)
    }

    fn rows(&self, rows: Rows, shared: &Shared) -> Vec<(&'static str, &'static str)> {
        let walked = self.walked(&shared.document);
        let (count, two) = (walkthrough::step_count(&walked.attention), two_sequences(&walked));
        rows_of(walkthrough::KEYS, rows, |m| self.acts(*m, count, two))
    }

    fn render(&self, shared: &Shared, theme: Theme, area: Rect, buf: &mut Buffer) {
        let doc = &shared.document;
        let Some(step) = self.current(doc) else { return };
        let walked = self.walked(doc);
        let view = WalkthroughView {
            state: self,
            step,
            count: walkthrough::step_count(&walked.attention),
            attention: &walked.attention,
            keys: walked.keys.as_ref(),
            cross: walked.aside.as_ref().map(|(a, keys)| (a, keys)),
            lesson: &shared.lesson,
            theme,
        };
        view.render_labeled(doc.labels(), area, buf);
    }

    fn field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        WalkthroughState::field(self, message, shared)
    }

    fn focused_field(&self) -> Option<&TextField> {
        WalkthroughState::focused_field(self)
    }

    fn field_rows(&self) -> &'static [(&'static str, &'static str)] {
        if self.arrows_step() { walkthrough::EMPTY_FIELD_KEYS } else { &[] }
    }

    fn tick(&mut self, ms: u64, shared: &mut Shared) -> Reply {
        WalkthroughState::tick(self, ms, &shared.document)
    }

    fn animating(&self) -> bool {
        self.autoplaying()
    }

    fn scroll(&self, delta: i16) -> Option<Message> {
        Some(Message::Walk(WalkMsg::Scroll(delta)))
    }
}

impl Screen for PlaygroundState {
    fn key(&self, key: Key, shared: &Shared) -> Option<Message> {
        self.map_key(key, &shared.document).map(Message::Play)
    }

    fn rows(&self, rows: Rows, shared: &Shared) -> Vec<(&'static str, &'static str)> {
        rows_of(playground::KEYS, rows, |m| self.acts(m, &shared.document))
    }

    fn render(&self, shared: &Shared, theme: Theme, area: Rect, buf: &mut Buffer) {
        let doc = &shared.document;
        let challenge = shared.challenge.as_ref().map(|c| (c.goal.as_str(), doc.edits().saturating_sub(c.start_edits)));
        (&PlaygroundView { state: self, document: doc, challenge, theme }).render(area, buf);
    }

    fn field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        PlaygroundState::field(self, message, shared)
    }

    fn focused_field(&self) -> Option<&TextField> {
        PlaygroundState::focused_field(self)
    }

    fn digits_type(&self) -> bool {
        // The scenario list takes letters and arrows, not numbers.
        !self.library_open()
    }

    fn click(&self, body: Rect, x: u16, y: u16, shared: &Shared) -> Option<Message> {
        if self.library_open() {
            return None;
        }
        let (grid, row, col) = playground::cell_at(body, self, &shared.document, x, y)?;
        Some(Message::Play(PlayMsg::Select { grid, row, col }))
    }
}

impl Screen for DiagramState {
    fn key(&self, key: Key, shared: &Shared) -> Option<Message> {
        let tokens = shared.document.attention().tokens();
        keymap::lookup(diagram::KEYS, key, |m| self.acts(*m, tokens)).map(Message::Diagram)
    }

    fn rows(&self, rows: Rows, shared: &Shared) -> Vec<(&'static str, &'static str)> {
        let tokens = shared.document.attention().tokens();
        rows_of(diagram::KEYS, rows, |m| self.acts(*m, tokens))
    }

    fn render(&self, shared: &Shared, theme: Theme, area: Rect, buf: &mut Buffer) {
        let doc = &shared.document;
        let cross = diagram::cross_of(doc);
        let attention = cross.as_ref().map_or(doc.attention(), |(a, _)| a);
        let view = DiagramView { attention, query: doc.query(), scroll: DiagramState::scroll(self), theme };
        view.render_with_keys(doc.labels(), cross.as_ref().map_or(doc.labels(), |(_, l)| l), area, buf);
    }

    fn scroll(&self, delta: i16) -> Option<Message> {
        Some(Message::Diagram(DiagramMsg::Scroll(delta)))
    }
}

impl Screen for QuizState {
    fn key(&self, key: Key, _shared: &Shared) -> Option<Message> {
        if self.grid_focused()
            && let Some(c) = cell_char(key)
        {
            return Some(Message::Quiz(QuizMsg::BeginEdit(c)));
        }
        keymap::lookup(quiz::KEYS, key, |m| self.acts(*m)).map(Message::Quiz)
    }

    fn rows(&self, rows: Rows, _shared: &Shared) -> Vec<(&'static str, &'static str)> {
        rows_of(quiz::KEYS, rows, |m| self.acts(*m))
    }

    fn render(&self, shared: &Shared, theme: Theme, area: Rect, buf: &mut Buffer) {
        let view = QuizView {
            state: self,
            progress: &shared.progress,
            lesson: &shared.lesson,
            now: shared.now,
            drill_minutes: shared.drill_minutes,
            read_only: shared.read_only,
            theme,
        };
        (&view).render(area, buf);
    }

    fn field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        QuizState::field(self, message, shared)
    }

    fn focused_field(&self) -> Option<&TextField> {
        QuizState::focused_field(self)
    }

    fn digits_type(&self) -> bool {
        self.grid_focused()
    }

    fn animating(&self) -> bool {
        QuizState::animating(self)
    }
}

impl Screen for LabState {
    fn key(&self, key: Key, shared: &Shared) -> Option<Message> {
        keymap::lookup(lab::KEYS, key, |m| self.acts(*m, shared.document.attention())).map(Message::Lab)
    }

    fn rows(&self, rows: Rows, shared: &Shared) -> Vec<(&'static str, &'static str)> {
        rows_of(lab::KEYS, rows, |m| self.acts(*m, shared.document.attention()))
    }

    fn render(&self, shared: &Shared, theme: Theme, area: Rect, buf: &mut Buffer) {
        let doc = &shared.document;
        let encoder = lab::encoder_of(doc);
        let positions = doc.positions();
        let view =
            LabView { state: self, attention: doc.attention(), encoder, positions, lesson: &shared.lesson, theme };
        view.render_labeled(doc.labels(), doc.query(), area, buf);
    }

    fn field(&mut self, message: FieldMsg, _shared: &mut Shared) -> Reply {
        LabState::field(self, message)
    }

    fn focused_field(&self) -> Option<&TextField> {
        LabState::focused_field(self)
    }

    fn click(&self, body: Rect, x: u16, y: u16, _shared: &Shared) -> Option<Message> {
        let inside = x > body.x.saturating_sub(1) && x <= body.x.saturating_sub(1) + lab::LIST_WIDTH;
        let row = y.checked_sub(body.y)?;
        inside.then(|| lab::panel_at_row(row)).flatten().map(|p| Message::Lab(LabMsg::SelectPanel(p)))
    }
}

/// Whether the walked scenario has two sequences, so `c` switches between its parts.
fn two_sequences(walked: &walkthrough::Walked<'_>) -> bool {
    walked.keys.is_some() || walked.aside.is_some()
}

/// A key that starts a number in a focused grid cell: a digit, a minus sign or a point.
fn cell_char(key: Key) -> Option<char> {
    use ratatui::crossterm::event::KeyCode;
    match key {
        Key(KeyCode::Char(c), m) if m.is_empty() && (c.is_ascii_digit() || c == '-' || c == '.') => Some(c),
        _ => None,
    }
}
