//! The Lab's keys.

use super::LabMsg;
use crate::keymap::{Binding, bind, code, plain};
use ratatui::crossterm::event::KeyCode;

pub const KEYS: &[Binding<LabMsg>] = &[
    bind(&[code(KeyCode::Down), plain('j')], "↑/↓", "panel", "previous/next panel", LabMsg::NextPanel),
    bind(&[code(KeyCode::Up), plain('k')], "", "", "", LabMsg::PrevPanel),
    // One row each: on the first decode step ← does nothing, on the last →.
    bind(&[code(KeyCode::Right), plain('l')], "→", "next step", "KV cache: next decode step", LabMsg::StepForward),
    bind(&[code(KeyCode::Left), plain('h')], "←", "step back", "KV cache: previous decode step", LabMsg::StepBack),
    // One row each: at the most heads `+` does nothing, and the footer must not offer it.
    bind(&[plain('+'), plain('=')], "+", "more", "more heads, a larger window", LabMsg::More),
    bind(&[plain('-')], "-", "fewer", "fewer heads, a smaller window", LabMsg::Fewer),
    bind(&[plain('n')], "n", "new token", "answer sheet: a new token arrives", LabMsg::Arrive),
    bind(&[plain('r')], "r", "", "answer sheet: start again", LabMsg::ResetWindow),
    bind(&[plain('e')], "e", "edit W_V", "values bug: edit W_V", LabMsg::EditValues),
    bind(&[code(KeyCode::Enter)], "Enter", "predict", "experiments: type a prediction", LabMsg::Predict),
    bind(&[plain('s')], "s", "show", "experiments: show the numbers without predicting", LabMsg::ShowResult),
    bind(&[plain('n')], "n", "new seed", "sqrt-dk: new random q and k", LabMsg::Reseed),
];
