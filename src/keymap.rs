//! Key events to messages. Each screen's keys are a table, and the help overlay and the footer
//! are printed from the same tables, so what the help says is what the keys do.

use crate::message::{InputMsg, Message, PlayMsg, QuizMsg, ScreenId};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

mod tables;
pub use tables::{DIAGRAM, DIGIT_TABS, GLOBAL, LAB, PLAY, PRESENT, QUIZ, WALK};

/// One key, with the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn plain(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}

const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Keys, how the help writes them, what they do, and the message they send.
pub struct Binding {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub help: &'static str,
    pub message: Message,
}

const fn bind(keys: &'static [Key], label: &'static str, help: &'static str, message: Message) -> Binding {
    Binding { keys, label, help, message }
}

/// What kind of text, if any, the keyboard is typing into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEntry {
    None,
    /// A playground cell or the save/load prompt: every printable key is text.
    Field,
    /// A walkthrough prediction: number-like keys are text, the rest still navigate.
    Prediction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyContext {
    pub screen: ScreenId,
    /// Presenter mode takes every key but its own.
    pub present: bool,
    pub help_open: bool,
    pub text_entry: TextEntry,
}

/// The screen's own table.
#[must_use]
pub fn screen_bindings(screen: ScreenId) -> &'static [Binding] {
    match screen {
        ScreenId::Walkthrough => WALK,
        ScreenId::Playground => PLAY,
        ScreenId::Diagram => DIAGRAM,
        ScreenId::Lab => LAB,
        ScreenId::Quiz => QUIZ,
    }
}

fn lookup(table: &[Binding], key: Key) -> Option<Message> {
    table.iter().find(|b| b.keys.contains(&key)).map(|b| b.message.clone())
}

/// Maps any terminal event to a message, or `None` when it means nothing here.
#[must_use]
pub fn map_event(event: &Event, ctx: KeyContext) -> Option<Message> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => map_key(*key, ctx),
        Event::Paste(text) if ctx.text_entry != TextEntry::None => {
            Some(Message::Input(InputMsg::Paste(crate::sanitize::strip(text))))
        }
        Event::Resize(w, h) => Some(Message::Resize(*w, *h)),
        _ => None,
    }
}

/// Maps one key press.
#[must_use]
pub fn map_key(event: KeyEvent, ctx: KeyContext) -> Option<Message> {
    let key = Key(event.code, event.modifiers);
    if key == ctrl('c') {
        return Some(Message::Quit);
    }
    if ctx.present {
        return lookup(PRESENT, key);
    }
    if ctx.help_open {
        return match event.code {
            KeyCode::Esc | KeyCode::Char('?' | 'q') => Some(Message::ToggleHelp),
            KeyCode::Down | KeyCode::PageDown | KeyCode::Char('j') => Some(Message::Scroll(1)),
            KeyCode::Up | KeyCode::PageUp | KeyCode::Char('k') => Some(Message::Scroll(-1)),
            _ => None,
        };
    }
    if let Some(message) = map_text_entry(event, ctx) {
        return Some(message);
    }
    if ctx.text_entry == TextEntry::Field {
        return None;
    }
    if let KeyCode::Char(c @ ('0'..='9' | '-' | '.')) = event.code {
        match ctx.screen {
            ScreenId::Playground => return Some(Message::Play(PlayMsg::BeginEdit(c))),
            ScreenId::Quiz => return Some(Message::Quiz(QuizMsg::Char(c))),
            _ => {}
        }
    }
    if let Some(message) = lookup(DIGIT_TABS, key) {
        return Some(message);
    }
    lookup(screen_bindings(ctx.screen), key).or_else(|| lookup(GLOBAL, key))
}

fn map_text_entry(event: KeyEvent, ctx: KeyContext) -> Option<Message> {
    let typing = match ctx.text_entry {
        TextEntry::None => return None,
        TextEntry::Field => true,
        TextEntry::Prediction => {
            matches!(event.code, KeyCode::Char(c) if "0123456789.-+*eE ()·x".contains(c))
        }
    };
    let without_ctrl = !event.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match event.code {
        KeyCode::Char(c) if typing && without_ctrl && !crate::sanitize::is_dangerous(c) => {
            Some(Message::Input(InputMsg::Char(c)))
        }
        KeyCode::Backspace => Some(Message::Input(InputMsg::Backspace)),
        KeyCode::Enter => Some(Message::Input(InputMsg::Submit)),
        KeyCode::Esc => Some(Message::Input(InputMsg::Cancel)),
        _ => None,
    }
}

/// The rows of the help overlay for a screen: its own keys, then the global ones.
#[must_use]
pub fn help_rows(screen: ScreenId) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&str, &str)> = Vec::new();
    if screen == ScreenId::Playground {
        rows.push(("0-9 - .", "start typing a number into the selected input cell"));
    }
    if screen == ScreenId::Quiz {
        rows.push(("1-9", "pick an option; 1-4 grade a free answer; digits type numbers"));
    }
    let digits = if matches!(screen, ScreenId::Playground | ScreenId::Quiz) { &[][..] } else { DIGIT_TABS };
    for binding in screen_bindings(screen).iter().chain(digits).chain(GLOBAL) {
        if !binding.label.is_empty() {
            rows.push((binding.label, binding.help));
        }
    }
    rows
}
