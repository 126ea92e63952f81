//! Keys and key tables. Each screen keeps its own table of [`Binding`]s beside its update;
//! the footer and the `?` overlay are printed from the same tables, so what they say is what
//! the keys do. A focused text field takes every printable key before any table is asked.

use crate::message::FieldMsg;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key, with the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

impl Key {
    /// The key of an event; Shift is dropped from characters, which carry their case already.
    #[must_use]
    pub fn of(event: KeyEvent) -> Self {
        let modifiers = match event.code {
            KeyCode::Char(_) => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        Key(event.code, modifiers)
    }
}

#[must_use]
pub const fn plain(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}

#[must_use]
pub const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

#[must_use]
pub const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[must_use]
pub const fn alt(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::ALT)
}

/// Keys, how the help writes them, the footer's word for them, what they do in full, and
/// the message they send. An empty label keeps a row out of the help (a second key of a
/// pair); an empty hint keeps it out of the footer.
#[derive(Debug, Clone, Copy)]
pub struct Binding<M: 'static> {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub hint: &'static str,
    pub help: &'static str,
    pub message: M,
}

#[must_use]
pub const fn bind<M>(
    keys: &'static [Key],
    label: &'static str,
    hint: &'static str,
    help: &'static str,
    message: M,
) -> Binding<M> {
    Binding { keys, label, hint, help, message }
}

/// Whether a table knows the key at all, acting or not.
#[must_use]
pub fn knows<M>(table: &[Binding<M>], key: Key) -> bool {
    table.iter().any(|b| b.keys.contains(&key))
}

/// The message of the first binding for `key` that acts now.
#[must_use]
pub fn lookup<M: Clone>(table: &[Binding<M>], key: Key, acts: impl Fn(&M) -> bool) -> Option<M> {
    table.iter().filter(|b| b.keys.contains(&key)).map(|b| &b.message).find(|m| acts(m)).cloned()
}

/// Help rows (label, what it does) of the bindings that act now.
#[must_use]
pub fn help_rows<M>(table: &[Binding<M>], acts: impl Fn(&M) -> bool) -> Vec<(&'static str, &'static str)> {
    rows_acting(table, |b| !b.label.is_empty(), acts).map(|b| (b.label, b.help)).collect()
}

/// Footer hints (label, short word) of the bindings that act now.
#[must_use]
pub fn footer_hints<M>(table: &[Binding<M>], acts: impl Fn(&M) -> bool) -> Vec<(&'static str, &'static str)> {
    rows_acting(table, |b| !b.hint.is_empty(), acts).map(|b| (b.label, b.hint)).collect()
}

/// The shown rows whose keys act now. A row speaks for the unlabelled bindings after it
/// ("←/→" is bound twice), so it shows when any one of them acts: on the last step "←/→"
/// still stands for ←.
fn rows_acting<'a, M>(
    table: &'a [Binding<M>],
    shown: impl Fn(&Binding<M>) -> bool + 'a,
    acts: impl Fn(&M) -> bool + 'a,
) -> impl Iterator<Item = &'a Binding<M>> + 'a {
    table.iter().enumerate().filter(move |(_, b)| shown(b)).filter_map(move |(i, b)| {
        let continuation = table[i + 1..].iter().take_while(|c| c.label.is_empty() && c.hint.is_empty());
        (acts(&b.message) || continuation.into_iter().any(|c| acts(&c.message))).then_some(b)
    })
}

/// What a key does to a focused field: printable characters are text; only editing keys,
/// Enter and Esc act. `None` leaves the key to the app (Tab, Ctrl-C, function keys).
#[must_use]
pub fn field_key(event: KeyEvent) -> Option<FieldMsg> {
    let control = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    Some(match event.code {
        KeyCode::Char('u') if control => FieldMsg::ClearToStart,
        KeyCode::Char('w' | 'h') if control => FieldMsg::DeleteWord,
        KeyCode::Char('a') if control => FieldMsg::Home,
        KeyCode::Char('e') if control => FieldMsg::End,
        KeyCode::Char(c) if !control && !alt => FieldMsg::Insert(c),
        KeyCode::Backspace => FieldMsg::Backspace,
        KeyCode::Delete => FieldMsg::Delete,
        KeyCode::Left => FieldMsg::Left,
        KeyCode::Right => FieldMsg::Right,
        KeyCode::Home => FieldMsg::Home,
        KeyCode::End => FieldMsg::End,
        KeyCode::Enter => FieldMsg::Submit,
        KeyCode::Esc => FieldMsg::Cancel,
        _ => return None,
    })
}

/// How a key is written in messages ("x does nothing here").
#[must_use]
pub fn describe(key: Key) -> String {
    let name = match key.0 {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => crate::sanitize::escape(&c.to_string()),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        other => format!("{other:?}"),
    };
    let mut prefix = String::new();
    if key.1.contains(KeyModifiers::CONTROL) {
        prefix.push_str("Ctrl-");
    }
    if key.1.contains(KeyModifiers::ALT) {
        prefix.push_str("Alt-");
    }
    format!("{prefix}{name}")
}
