//! Mouse events to messages: tabs here, cells and panels through the screens' own layouts.

use super::{App, MIN_HEIGHT, MIN_WIDTH, Message, tab_ranges};
use crate::message::ScreenId;
use crate::screen::diagram::DiagramMsg;
use crate::screen::lab::LabMsg;
use crate::screen::playground::PlayMsg;
use crate::screen::walkthrough::WalkMsg;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

/// A click on a tab switches to it; a click on a playground cell selects it; the wheel scrolls.
#[must_use]
pub fn map_mouse(event: MouseEvent, app: &App) -> Option<Message> {
    let (width, height) = app.size;
    if width < MIN_WIDTH || height < MIN_HEIGHT || app.present.is_some() {
        return None;
    }
    match event.kind {
        MouseEventKind::ScrollDown => scroll(app, 1),
        MouseEventKind::ScrollUp => scroll(app, -1),
        MouseEventKind::Down(MouseButton::Left) if event.row == 0 => tab_at(event.column),
        MouseEventKind::Down(MouseButton::Left) if app.help.is_some() => None,
        MouseEventKind::Down(MouseButton::Left) => click(app, event.column, event.row),
        _ => None,
    }
}

fn scroll(app: &App, delta: i16) -> Option<Message> {
    if app.help.is_some() {
        return Some(Message::HelpScroll(delta));
    }
    match app.screen {
        ScreenId::Walkthrough => Some(Message::Walk(WalkMsg::Scroll(delta))),
        ScreenId::Diagram => Some(Message::Diagram(DiagramMsg::Scroll(delta))),
        _ => None,
    }
}

fn click(app: &App, x: u16, y: u16) -> Option<Message> {
    let (width, height) = app.size;
    match app.screen {
        ScreenId::Lab if x > 0 && x <= crate::screen::lab::LIST_WIDTH => {
            crate::screen::lab::panel_at_row(y.saturating_sub(1)).map(|p| Message::Lab(LabMsg::SelectPanel(p)))
        }
        ScreenId::Playground if app.playground.library.is_none() => {
            let body = app.body_area(Rect::new(0, 0, width, height));
            let (grid, row, col) = crate::screen::playground::cell_at(body, &app.playground, app.document(), x, y)?;
            Some(Message::Play(PlayMsg::Select { grid, row, col }))
        }
        _ => None,
    }
}

fn tab_at(column: u16) -> Option<Message> {
    tab_ranges()
        .into_iter()
        .find(|(_, _, start, end)| (*start..*end).contains(&column))
        .map(|(screen, ..)| Message::ShowScreen(screen))
}
