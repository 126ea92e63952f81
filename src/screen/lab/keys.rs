//! The Lab's keys.

use super::LabMsg;
use crate::keymap::{Binding, bind, code, plain};
use ratatui::crossterm::event::KeyCode;

pub const KEYS: &[Binding<LabMsg>] = &[
    bind(&[code(KeyCode::Down), plain('j')], "↑/↓", "panel", "next/previous panel", LabMsg::NextPanel),
    bind(&[code(KeyCode::Up), plain('k')], "", "", "", LabMsg::PrevPanel),
    bind(
        &[code(KeyCode::Right), plain('l')],
        "←/→",
        "decode step",
        "KV cache: next/previous decode step",
        LabMsg::StepForward,
    ),
    bind(&[code(KeyCode::Left), plain('h')], "", "", "", LabMsg::StepBack),
    bind(&[plain('+'), plain('=')], "+/-", "more/fewer", "more/fewer heads, larger/smaller window", LabMsg::More),
    bind(&[plain('-')], "", "", "", LabMsg::Fewer),
    bind(&[plain('n')], "n", "new token", "answer sheet: a new token arrives", LabMsg::Arrive),
    bind(&[plain('r')], "r", "", "answer sheet: start again", LabMsg::ResetWindow),
    bind(&[plain('e')], "e", "edit W_V", "values bug: edit W_V", LabMsg::EditValues),
];
