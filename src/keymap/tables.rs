//! The key tables, one per screen. Each row is the keys, how the help writes them, what they
//! do, and the message they send.

use super::{Binding, Key, bind, code, ctrl, plain};
use crate::document::Edit;
use crate::message::{DiagramMsg, Direction, LabMsg, Message, PlayMsg, PresentMsg, QuizMsg, ScreenId, WalkMsg};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub const GLOBAL: &[Binding] = &[
    bind(&[plain('q'), ctrl('c')], "q", "quit", Message::Quit),
    bind(&[plain('?')], "?", "help", Message::ToggleHelp),
    bind(&[code(KeyCode::Tab)], "Tab", "next screen", Message::NextScreen),
    bind(
        &[code(KeyCode::BackTab), Key(KeyCode::BackTab, KeyModifiers::SHIFT)],
        "Shift-Tab",
        "previous screen",
        Message::PrevScreen,
    ),
    bind(
        &[code(KeyCode::F(1)), Key(KeyCode::Char('1'), KeyModifiers::ALT)],
        "F1/Alt-1",
        "walkthrough",
        Message::ShowScreen(ScreenId::Walkthrough),
    ),
    bind(
        &[code(KeyCode::F(2)), Key(KeyCode::Char('2'), KeyModifiers::ALT)],
        "F2/Alt-2",
        "playground",
        Message::ShowScreen(ScreenId::Playground),
    ),
    bind(
        &[code(KeyCode::F(3)), Key(KeyCode::Char('3'), KeyModifiers::ALT)],
        "F3/Alt-3",
        "diagram",
        Message::ShowScreen(ScreenId::Diagram),
    ),
    bind(
        &[code(KeyCode::F(4)), Key(KeyCode::Char('4'), KeyModifiers::ALT)],
        "F4/Alt-4",
        "quiz",
        Message::ShowScreen(ScreenId::Quiz),
    ),
    bind(
        &[code(KeyCode::F(5)), Key(KeyCode::Char('5'), KeyModifiers::ALT)],
        "F5/Alt-5",
        "lab",
        Message::ShowScreen(ScreenId::Lab),
    ),
    bind(
        &[plain('H'), Key(KeyCode::Char('H'), KeyModifiers::SHIFT)],
        "H",
        "write a Markdown handout of these numbers",
        Message::WriteHandout,
    ),
    bind(&[ctrl('p')], "Ctrl-P", "presenter mode (slides for a projector)", Message::Present(PresentMsg::Toggle)),
    bind(&[ctrl('t')], "Ctrl-T", "next colour theme", Message::CycleTheme),
    bind(&[ctrl('z')], "Ctrl-Z", "suspend (fg resumes)", Message::Suspend),
];

/// Number keys switch screens everywhere except the playground, where digits are typed.
pub const DIGIT_TABS: &[Binding] = &[
    bind(&[plain('1')], "1-5", "switch screen", Message::ShowScreen(ScreenId::Walkthrough)),
    bind(&[plain('2')], "", "", Message::ShowScreen(ScreenId::Playground)),
    bind(&[plain('3')], "", "", Message::ShowScreen(ScreenId::Diagram)),
    bind(&[plain('4')], "", "", Message::ShowScreen(ScreenId::Quiz)),
    bind(&[plain('5')], "", "", Message::ShowScreen(ScreenId::Lab)),
];

pub const WALK: &[Binding] = &[
    bind(&[code(KeyCode::Right), plain('l'), plain(' ')], "→/l/Space", "next step", Message::Walk(WalkMsg::Next)),
    bind(&[code(KeyCode::Left), plain('h')], "←/h", "previous step", Message::Walk(WalkMsg::Prev)),
    bind(&[code(KeyCode::Home), plain('g')], "Home/g", "first step", Message::Walk(WalkMsg::First)),
    bind(
        &[code(KeyCode::End), plain('G'), Key(KeyCode::Char('G'), KeyModifiers::SHIFT)],
        "End/G",
        "last step",
        Message::Walk(WalkMsg::Last),
    ),
    bind(&[plain('p')], "p", "predict mode", Message::Walk(WalkMsg::TogglePredict)),
    bind(&[plain('a')], "a", "autoplay", Message::Walk(WalkMsg::ToggleAutoplay)),
    bind(&[plain('+'), plain('=')], "+", "faster", Message::Walk(WalkMsg::Faster)),
    bind(&[plain('-')], "-", "slower", Message::Walk(WalkMsg::Slower)),
    bind(&[code(KeyCode::PageDown), code(KeyCode::Down)], "PgDn/↓", "scroll text", Message::Scroll(1)),
    bind(&[code(KeyCode::PageUp), code(KeyCode::Up)], "PgUp/↑", "scroll back", Message::Scroll(-1)),
];

pub const PLAY: &[Binding] = &[
    bind(
        &[code(KeyCode::Left), plain('h')],
        "←↓↑→/hjkl",
        "move (edges cross grids)",
        Message::Play(PlayMsg::Move(Direction::Left)),
    ),
    bind(&[code(KeyCode::Down), plain('j')], "", "", Message::Play(PlayMsg::Move(Direction::Down))),
    bind(&[code(KeyCode::Up), plain('k')], "", "", Message::Play(PlayMsg::Move(Direction::Up))),
    bind(&[code(KeyCode::Right), plain('l')], "", "", Message::Play(PlayMsg::Move(Direction::Right))),
    bind(&[plain(']')], "]/[", "next/previous grid", Message::Play(PlayMsg::NextGrid)),
    bind(&[plain('[')], "", "", Message::Play(PlayMsg::PrevGrid)),
    bind(&[code(KeyCode::Enter)], "Enter", "edit, or explain a result", Message::Play(PlayMsg::Activate)),
    bind(&[code(KeyCode::Esc)], "Esc", "close the explanation", Message::CloseOverlay),
    bind(&[plain('t')], "t/T", "add/remove a token", Message::Play(PlayMsg::Reshape(Edit::AddToken))),
    bind(
        &[plain('T'), Key(KeyCode::Char('T'), KeyModifiers::SHIFT)],
        "",
        "",
        Message::Play(PlayMsg::Reshape(Edit::RemoveToken)),
    ),
    bind(&[plain('d')], "d/D", "widen/narrow D", Message::Play(PlayMsg::Reshape(Edit::AddModelDim))),
    bind(
        &[plain('D'), Key(KeyCode::Char('D'), KeyModifiers::SHIFT)],
        "",
        "",
        Message::Play(PlayMsg::Reshape(Edit::RemoveModelDim)),
    ),
    bind(&[plain('c')], "c/C", "widen/narrow d_k", Message::Play(PlayMsg::Reshape(Edit::AddKeyDim))),
    bind(
        &[plain('C'), Key(KeyCode::Char('C'), KeyModifiers::SHIFT)],
        "",
        "",
        Message::Play(PlayMsg::Reshape(Edit::RemoveKeyDim)),
    ),
    bind(&[plain('v')], "v/V", "widen/narrow d_v", Message::Play(PlayMsg::Reshape(Edit::AddValueDim))),
    bind(
        &[plain('V'), Key(KeyCode::Char('V'), KeyModifiers::SHIFT)],
        "",
        "",
        Message::Play(PlayMsg::Reshape(Edit::RemoveValueDim)),
    ),
    bind(&[plain('s')], "s", "scale by 1/sqrt(d_k)", Message::Play(PlayMsg::Reshape(Edit::ToggleScale))),
    bind(&[plain('m')], "m", "causal mask", Message::Play(PlayMsg::Reshape(Edit::ToggleCausal))),
    bind(&[plain('u')], "u", "undo", Message::Play(PlayMsg::Undo)),
    bind(&[ctrl('r')], "Ctrl-R", "redo", Message::Play(PlayMsg::Redo)),
    bind(&[plain('r')], "r", "reset to the lesson", Message::Play(PlayMsg::Reset)),
    bind(&[plain('w')], "w", "save to a file", Message::Play(PlayMsg::AskSave)),
    bind(&[plain('o')], "o", "open a file", Message::Play(PlayMsg::AskLoad)),
    bind(
        &[plain('L'), Key(KeyCode::Char('L'), KeyModifiers::SHIFT)],
        "L",
        "the scenario library",
        Message::Play(PlayMsg::OpenLibrary),
    ),
];

pub const DIAGRAM: &[Binding] = &[
    bind(
        &[code(KeyCode::Right), plain('l'), code(KeyCode::Down), plain('j')],
        "→/l",
        "next query token",
        Message::Diagram(DiagramMsg::NextQuery),
    ),
    bind(
        &[code(KeyCode::Left), plain('h'), code(KeyCode::Up), plain('k')],
        "←/h",
        "previous query token",
        Message::Diagram(DiagramMsg::PrevQuery),
    ),
    bind(&[code(KeyCode::PageDown)], "PgDn", "scroll", Message::Scroll(1)),
    bind(&[code(KeyCode::PageUp)], "PgUp", "scroll back", Message::Scroll(-1)),
];

pub const LAB: &[Binding] = &[
    bind(&[code(KeyCode::Down), plain('j')], "↓/j", "next panel", Message::Lab(LabMsg::NextPanel)),
    bind(&[code(KeyCode::Up), plain('k')], "↑/k", "previous panel", Message::Lab(LabMsg::PrevPanel)),
    bind(&[code(KeyCode::Right), plain('l')], "→/l", "KV cache: next decode step", Message::Lab(LabMsg::StepForward)),
    bind(&[code(KeyCode::Left), plain('h')], "←/h", "KV cache: previous step", Message::Lab(LabMsg::StepBack)),
    bind(&[plain('+'), plain('=')], "+/-", "more/fewer heads, larger/smaller window", Message::Lab(LabMsg::More)),
    bind(&[plain('-')], "", "", Message::Lab(LabMsg::Fewer)),
    bind(&[plain('n')], "n", "answer sheet: a new token arrives", Message::Lab(LabMsg::Arrive)),
    bind(&[plain('r')], "r", "answer sheet: start again", Message::Lab(LabMsg::ResetWindow)),
    bind(&[plain('e')], "e", "values bug: edit W_V", Message::Lab(LabMsg::EditValues)),
];

pub const QUIZ: &[Binding] = &[
    bind(&[code(KeyCode::Up), plain('k')], "↑/↓", "choose", Message::Quiz(QuizMsg::Up)),
    bind(&[code(KeyCode::Down), plain('j')], "", "", Message::Quiz(QuizMsg::Down)),
    bind(&[code(KeyCode::Left)], "←/→", "move (Apply now)", Message::Quiz(QuizMsg::Left)),
    bind(&[code(KeyCode::Right)], "", "", Message::Quiz(QuizMsg::Right)),
    bind(&[code(KeyCode::Enter)], "Enter", "start, answer, next", Message::Quiz(QuizMsg::Enter)),
    bind(&[plain('h')], "h", "next hint", Message::Quiz(QuizMsg::Hint)),
    bind(&[plain('s')], "s", "show the solution (not scored)", Message::Quiz(QuizMsg::Solution)),
    bind(&[plain('f')], "f", "flag a question that seems wrong", Message::Quiz(QuizMsg::Flag)),
    bind(&[plain('n')], "n", "next question", Message::Quiz(QuizMsg::Next)),
    bind(&[plain('m')], "m", "practise the missed ones", Message::Quiz(QuizMsg::Missed)),
    bind(&[plain('c')], "c", "check (Apply now)", Message::Quiz(QuizMsg::Check)),
    bind(&[code(KeyCode::Esc)], "Esc", "end the session, back", Message::Quiz(QuizMsg::Back)),
];

pub const PRESENT: &[Binding] = &[
    bind(
        &[code(KeyCode::Right), plain('l'), plain(' '), code(KeyCode::Enter)],
        "→/Space",
        "reveal, then next slide",
        Message::Present(PresentMsg::Forward),
    ),
    bind(&[code(KeyCode::Left), plain('h')], "←/h", "previous slide", Message::Present(PresentMsg::Back)),
    bind(&[code(KeyCode::Home), plain('g')], "Home/g", "first slide", Message::Present(PresentMsg::First)),
    bind(
        &[code(KeyCode::End), plain('G'), Key(KeyCode::Char('G'), KeyModifiers::SHIFT)],
        "End/G",
        "last slide",
        Message::Present(PresentMsg::Last),
    ),
    bind(&[code(KeyCode::Esc), ctrl('p')], "Esc", "leave presenter mode", Message::Present(PresentMsg::Toggle)),
    bind(&[ctrl('t')], "Ctrl-T", "next colour theme", Message::CycleTheme),
    bind(&[plain('H'), Key(KeyCode::Char('H'), KeyModifiers::SHIFT)], "H", "write the handout", Message::WriteHandout),
    bind(&[plain('q'), ctrl('c')], "q", "quit", Message::Quit),
];
