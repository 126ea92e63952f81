//! The playground's keys. Digits, `-` and `.` start typing into the selected input cell, so
//! here (only here) the digits do not switch screens.

use super::{PlayMsg, PlaygroundState};
use crate::document::{Document, Edit};
use crate::keymap::{Binding, Key, bind, code, ctrl, lookup, plain};
use crate::message::Direction;
use ratatui::crossterm::event::KeyCode;

pub const KEYS: &[Binding<PlayMsg>] = &[
    bind(
        &[code(KeyCode::Left), plain('h')],
        "←↓↑→/hjkl",
        "move",
        "move (edges cross grids)",
        PlayMsg::Move(Direction::Left),
    ),
    bind(&[code(KeyCode::Down), plain('j')], "", "", "", PlayMsg::Move(Direction::Down)),
    bind(&[code(KeyCode::Up), plain('k')], "", "", "", PlayMsg::Move(Direction::Up)),
    bind(&[code(KeyCode::Right), plain('l')], "", "", "", PlayMsg::Move(Direction::Right)),
    bind(&[plain('y')], "y/n", "overwrite", "replace the existing file, or not", PlayMsg::Confirm(true)),
    bind(&[plain('n'), code(KeyCode::Esc)], "", "", "", PlayMsg::Confirm(false)),
    bind(&[code(KeyCode::Enter)], "Enter", "edit/explain", "edit an input cell, explain a result", PlayMsg::Activate),
    bind(&[code(KeyCode::Enter)], "Enter", "load", "load the chosen scenario", PlayMsg::LoadChosen),
    bind(&[code(KeyCode::Esc)], "Esc", "close", "close the explanation or the library", PlayMsg::Close),
    bind(&[plain(']')], "]/[", "", "next/previous grid", PlayMsg::NextGrid),
    bind(&[plain('[')], "", "", "", PlayMsg::PrevGrid),
    bind(&[plain('t')], "t/T", "", "add/remove a token", PlayMsg::Reshape(Edit::AddToken)),
    bind(&[plain('T')], "", "", "", PlayMsg::Reshape(Edit::RemoveToken)),
    bind(&[plain('d')], "d/D", "", "widen/narrow D", PlayMsg::Reshape(Edit::AddModelDim)),
    bind(&[plain('D')], "", "", "", PlayMsg::Reshape(Edit::RemoveModelDim)),
    bind(&[plain('c')], "c/C", "", "widen/narrow d_k", PlayMsg::Reshape(Edit::AddKeyDim)),
    bind(&[plain('C')], "", "", "", PlayMsg::Reshape(Edit::RemoveKeyDim)),
    bind(&[plain('v')], "v/V", "", "widen/narrow d_v", PlayMsg::Reshape(Edit::AddValueDim)),
    bind(&[plain('V')], "", "", "", PlayMsg::Reshape(Edit::RemoveValueDim)),
    bind(&[plain('s')], "s", "", "scale by 1/sqrt(d_k)", PlayMsg::Reshape(Edit::ToggleScale)),
    bind(&[plain('m')], "m", "", "causal mask", PlayMsg::Reshape(Edit::ToggleCausal)),
    bind(&[plain('u')], "u", "undo", "undo", PlayMsg::Undo),
    bind(&[ctrl('r')], "Ctrl-R", "", "redo", PlayMsg::Redo),
    bind(&[plain('r')], "r", "reset", "reset to the scenario that was opened", PlayMsg::Reset),
    bind(&[plain('w')], "w", "save", "save to a file (asks before replacing one)", PlayMsg::AskSave),
    bind(&[plain('o')], "o", "", "open a scenario file", PlayMsg::AskLoad),
    bind(&[plain('L')], "L", "library", "the scenario library", PlayMsg::OpenLibrary),
];

impl PlaygroundState {
    /// The message for a key in the current state: digits begin an edit, the rest come from
    /// the table.
    #[must_use]
    pub fn map_key(&self, key: Key, document: &Document) -> Option<PlayMsg> {
        if let (Key(KeyCode::Char(c @ ('0'..='9' | '-' | '.')), _), None, None) = (key, self.library, &self.confirm) {
            return Some(PlayMsg::BeginEdit(c));
        }
        lookup(KEYS, key, |m| self.acts(m, document))
    }

    /// Whether a message does anything right now. With the overwrite question or the library
    /// open, only their own keys act.
    #[must_use]
    pub fn acts(&self, message: &PlayMsg, document: &Document) -> bool {
        if self.confirm.is_some() {
            return matches!(message, PlayMsg::Confirm(_));
        }
        if self.library.is_some() {
            return matches!(
                message,
                PlayMsg::Move(Direction::Up | Direction::Down)
                    | PlayMsg::LoadChosen
                    | PlayMsg::Close
                    | PlayMsg::OpenLibrary
            );
        }
        match message {
            PlayMsg::Confirm(_) | PlayMsg::LoadChosen => false,
            PlayMsg::Close => self.explain.is_some(),
            PlayMsg::Reset => !at_baseline(document),
            PlayMsg::Undo => document.can_undo(),
            PlayMsg::Redo => document.can_redo(),
            _ => true,
        }
    }
}

/// Whether the numbers, names and followed token are the opened scenario's: then `r` would
/// change nothing.
fn at_baseline(document: &Document) -> bool {
    let baseline = document.baseline();
    document.attention().input == baseline.input
        && document.labels() == &baseline.labels
        && document.query() == document.baseline_query()
}
