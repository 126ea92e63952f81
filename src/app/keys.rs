//! Events to messages. A focused field takes every printable key first; then the overlays;
//! then the screen's own table; then the keys that work everywhere. A key that acts nowhere
//! becomes `Inert`, so the learner is told instead of left guessing.

use super::screens::Rows;
use super::{App, Message};
use crate::keymap::{self, Binding, Key, alt, bind, code, ctrl, describe, field_key, knows, plain};
use crate::message::{FieldMsg, ScreenId};
use crate::screen::present;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub const GLOBAL: &[Binding<Message>] = &[
    bind(&[plain('q')], "q", "quit", "quit (progress is saved after every answer)", Message::Quit),
    // Alt-? as well, so the help opens while a field takes every printable key.
    bind(&[plain('?'), alt('?')], "?", "all keys", "help: every key that acts here", Message::ToggleHelp),
    bind(&[code(KeyCode::Tab)], "Tab", "", "next screen", Message::NextScreen),
    bind(
        &[code(KeyCode::BackTab), Key(KeyCode::BackTab, KeyModifiers::SHIFT)],
        "Shift-Tab",
        "",
        "previous screen",
        Message::PrevScreen,
    ),
    bind(
        &[code(KeyCode::F(1)), alt('1')],
        "F1-F5",
        "",
        "switch screen (also Alt-1 to Alt-5)",
        Message::ShowScreen(ScreenId::Walkthrough),
    ),
    bind(&[code(KeyCode::F(2)), alt('2')], "", "", "", Message::ShowScreen(ScreenId::Playground)),
    bind(&[code(KeyCode::F(3)), alt('3')], "", "", "", Message::ShowScreen(ScreenId::Diagram)),
    bind(&[code(KeyCode::F(4)), alt('4')], "", "", "", Message::ShowScreen(ScreenId::Quiz)),
    bind(&[code(KeyCode::F(5)), alt('5')], "", "", "", Message::ShowScreen(ScreenId::Lab)),
    bind(&[plain('H')], "H", "", "write a Markdown handout of these numbers (never overwrites)", Message::WriteHandout),
    bind(&[ctrl('p')], "Ctrl-P", "", "presenter mode (slides for a projector)", Message::TogglePresent),
    bind(&[ctrl('t')], "Ctrl-T", "", "next colour theme", Message::CycleTheme),
    bind(&[ctrl('z')], "Ctrl-Z", "", "suspend (fg resumes)", Message::Suspend),
];

/// Digits switch screens everywhere but the playground, where they type into cells.
pub const DIGIT_TABS: &[Binding<Message>] = &[
    bind(&[plain('1')], "1-5", "screens", "switch screen", Message::ShowScreen(ScreenId::Walkthrough)),
    bind(&[plain('2')], "", "", "", Message::ShowScreen(ScreenId::Playground)),
    bind(&[plain('3')], "", "", "", Message::ShowScreen(ScreenId::Diagram)),
    bind(&[plain('4')], "", "", "", Message::ShowScreen(ScreenId::Quiz)),
    bind(&[plain('5')], "", "", "", Message::ShowScreen(ScreenId::Lab)),
];

/// Where a grid cell has the focus (the playground, Apply now), digits type into it.
pub const DIGITS_TYPE: (&str, &str) = ("0-9 - .", "type into the selected cell (Tab, F1-F5 switch screens)");

/// Presenter mode's own keys beside its slide keys.
pub const PRESENTING: &[Binding<Message>] = &[
    bind(&[code(KeyCode::Esc), ctrl('p')], "Esc", "leave", "leave presenter mode", Message::TogglePresent),
    bind(&[ctrl('t')], "Ctrl-T", "", "next colour theme", Message::CycleTheme),
    bind(&[plain('H')], "H", "handout", "write the handout", Message::WriteHandout),
    bind(&[plain('q')], "q", "quit", "quit", Message::Quit),
    bind(&[plain('?')], "?", "all keys", "help: every key that acts here", Message::ToggleHelp),
];

/// The keys a focused field answers to, for the footer and the help.
pub const FIELD_HELP: &[(&str, &str)] = &[
    ("Enter", "check / commit"),
    ("Esc", "leave the field"),
    ("←/→ Home End", "move the cursor"),
    ("Ctrl-U/Ctrl-W", "clear / delete a word"),
    ("Tab", "next screen"),
    ("Alt-?", "this help, even while typing"),
];

/// The footer's last word while a field has the keyboard, where `?` is text.
const FIELD_HELP_HINT: (&str, &str) = ("Alt-?", "all keys");

const ALWAYS: fn(&Message) -> bool = |_| true;

/// Maps any terminal event to a message, or `None` when it means nothing here.
#[must_use]
pub fn map_event(app: &App, event: &Event) -> Option<Message> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(map_key(app, *key)),
        Event::Paste(text) if app.focused_field().is_some() => Some(Message::Field(FieldMsg::Paste(text.clone()))),
        Event::Resize(w, h) => Some(Message::Resize(*w, *h)),
        Event::Mouse(mouse) => super::mouse::map_mouse(*mouse, app),
        _ => None,
    }
}

fn map_key(app: &App, event: KeyEvent) -> Message {
    let key = Key::of(event);
    if let Some(message) = app.class_key(event) {
        return message;
    }
    if key == ctrl('c') {
        return Message::Quit;
    }
    if app.help.is_some() {
        return help_key(key);
    }
    if let Some(slides) = app.present {
        let doc = &app.shared.document;
        return keymap::lookup(present::KEYS, key, |m| slides.acts(*m, doc))
            .map(Message::Present)
            .or_else(|| keymap::lookup(PRESENTING, key, ALWAYS))
            .unwrap_or_else(|| inert(key));
    }
    if app.focused_field().is_some() {
        return match (key.0, field_key(event)) {
            (KeyCode::Tab | KeyCode::BackTab, _) | (_, None) => {
                keymap::lookup(GLOBAL, key, ALWAYS).unwrap_or_else(|| inert(key))
            }
            (_, Some(field)) => Message::Field(field),
        };
    }
    // F1-F5 and Alt-1..5 switch screens wherever the focus is, even on a cell that types.
    if (key.1.contains(KeyModifiers::ALT) || matches!(key.0, KeyCode::F(_)))
        && let Some(message) = keymap::lookup(GLOBAL, key, ALWAYS)
    {
        return message;
    }
    screen_key(app, key).or_else(|| keymap::lookup(GLOBAL, key, ALWAYS)).unwrap_or_else(|| inert(key))
}

fn help_key(key: Key) -> Message {
    match key.0 {
        KeyCode::Esc | KeyCode::Char('?' | 'q') => Message::ToggleHelp,
        KeyCode::Down | KeyCode::PageDown | KeyCode::Char('j') => Message::HelpScroll(1),
        KeyCode::Up | KeyCode::PageUp | KeyCode::Char('k') => Message::HelpScroll(-1),
        _ => Message::Inert(format!("{}: the help is open (Esc closes it)", describe(key))),
    }
}

fn inert(key: Key) -> Message {
    Message::Inert(describe(key))
}

/// The current screen's message for a key. Where a grid cell has the focus its digits type;
/// elsewhere digits switch screens.
fn screen_key(app: &App, key: Key) -> Option<Message> {
    let screen = app.screens.get(app.screen);
    if !screen.digits_type() && knows(DIGIT_TABS, key) {
        return keymap::lookup(DIGIT_TABS, key, ALWAYS);
    }
    screen.key(key, &app.shared)
}

impl App {
    /// Whether digits type into a grid cell here; elsewhere they switch screens.
    #[must_use]
    pub fn digits_type(&self) -> bool {
        self.screens.get(self.screen).digits_type()
    }

    /// Footer hints: what acts now, from the same tables the keys are looked up in.
    #[must_use]
    pub fn footer_hints(&self) -> Vec<(&'static str, &'static str)> {
        self.footer().0
    }

    /// The footer hints and how many of the last ones (quit, all keys) must stay when the
    /// row is too narrow for all: the others drop from the end, the least needed last.
    pub(super) fn footer(&self) -> (Vec<(&'static str, &'static str)>, usize) {
        if let Some(class) = self.class_footer() {
            return class;
        }
        if self.focused_field().is_some() {
            // The screen's own field keys stand in for the cursor row, which has less to do.
            let extra = self.field_rows();
            let mut hints: Vec<_> = FIELD_HELP.iter().take(if extra.is_empty() { 3 } else { 2 }).copied().collect();
            hints.extend_from_slice(extra);
            hints.push(FIELD_HELP_HINT);
            return (hints, 1);
        }
        if let Some(slides) = self.present {
            let doc = &self.shared.document;
            let mut hints = keymap::footer_hints(present::KEYS, |m| slides.acts(*m, doc));
            let global = keymap::footer_hints(PRESENTING, ALWAYS);
            hints.extend(global);
            return (hints, 2);
        }
        let mut hints = self.screen_rows(Rows::Footer);
        // Which rule digits follow here is always said: the hint never drops for room.
        let mut pinned = 0;
        if self.digits_type() {
            hints.insert(0, ("0-9", "type"));
        } else {
            let digits = keymap::footer_hints(DIGIT_TABS, ALWAYS);
            pinned += digits.len();
            hints.extend(digits);
        }
        let global = keymap::footer_hints(GLOBAL, ALWAYS);
        pinned += global.len();
        hints.extend(global);
        (hints, pinned)
    }

    /// The help overlay's rows: what acts now on this screen, then everywhere.
    #[must_use]
    pub fn help_rows(&self) -> Vec<(&'static str, &'static str)> {
        if let Some(class) = self.class_help() {
            return class;
        }
        if let Some(slides) = self.present {
            let doc = &self.shared.document;
            let mut rows = keymap::help_rows(present::KEYS, |m| slides.acts(*m, doc));
            rows.extend(keymap::help_rows(PRESENTING, ALWAYS));
            return rows;
        }
        let mut rows: Vec<(&str, &str)> = Vec::new();
        // The field the help was opened over: its keys come first.
        if self.field_under_overlays().is_some() {
            rows.push(("(typing)", "every printable key goes into the field"));
            rows.extend_from_slice(FIELD_HELP);
            rows.extend_from_slice(self.field_rows());
        }
        if self.digits_type() {
            rows.push(DIGITS_TYPE);
        }
        rows.extend(self.screen_rows(Rows::Help));
        if !self.digits_type() {
            rows.extend(keymap::help_rows(DIGIT_TABS, ALWAYS));
        }
        rows.extend(keymap::help_rows(GLOBAL, ALWAYS));
        rows
    }

    /// The screen's own keys for its field, while the help is closed or over it.
    fn field_rows(&self) -> &'static [(&'static str, &'static str)] {
        if self.present.is_some() || self.class_focused() {
            return &[];
        }
        self.screens.get(self.screen).field_rows()
    }

    fn screen_rows(&self, rows: Rows) -> Vec<(&'static str, &'static str)> {
        self.screens.get(self.screen).rows(rows, &self.shared)
    }
}
