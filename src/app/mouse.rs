//! Mouse events to messages: tabs here, cells and panels through the screens' own layouts.

use super::{App, MIN_HEIGHT, MIN_WIDTH, Message, tab_ranges};
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
    app.screens.get(app.screen).scroll(delta)
}

fn click(app: &App, x: u16, y: u16) -> Option<Message> {
    let (width, height) = app.size;
    let body = app.body_area(Rect::new(0, 0, width, height));
    app.screens.get(app.screen).click(body, x, y, &app.shared)
}

fn tab_at(column: u16) -> Option<Message> {
    tab_ranges()
        .into_iter()
        .find(|(_, _, start, end)| (*start..*end).contains(&column))
        .map(|(screen, ..)| Message::ShowScreen(screen))
}
