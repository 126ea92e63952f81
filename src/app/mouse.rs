//! Mouse events to messages, using the same layout functions the views draw with.

use super::{App, MIN_HEIGHT, MIN_WIDTH, tab_ranges};
use crate::message::{Message, PlayMsg, ScreenId};
use crate::screen::playground::{grid_model, layout};
use crate::widget::GridGeometry;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Margin, Rect};

/// A click on a tab switches to it; a click on a playground cell selects it; the wheel scrolls.
#[must_use]
pub fn map_mouse(event: &MouseEvent, app: &App) -> Option<Message> {
    let (width, height) = app.size;
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return None;
    }
    match event.kind {
        MouseEventKind::ScrollDown => Some(Message::Scroll(1)),
        MouseEventKind::ScrollUp => Some(Message::Scroll(-1)),
        MouseEventKind::Down(MouseButton::Left) if event.row == 0 => tab_at(event.column),
        MouseEventKind::Down(MouseButton::Left) if app.screen == ScreenId::Lab && app.help.is_none() => {
            let on_list = event.column > 0 && event.column <= crate::screen::lab::LIST_WIDTH;
            let panel = crate::screen::lab::panel_at_row(event.row.saturating_sub(1));
            panel.filter(|_| on_list).map(|p| Message::Lab(crate::message::LabMsg::SelectPanel(p)))
        }
        MouseEventKind::Down(MouseButton::Left) if app.screen == ScreenId::Playground && app.help.is_none() => {
            let body = Rect::new(0, 1, width, height.saturating_sub(3)).inner(Margin::new(1, 0));
            cell_at(app, body, event.column, event.row)
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

fn cell_at(app: &App, body: Rect, x: u16, y: u16) -> Option<Message> {
    let attention = &app.document.attention;
    for (grid, area) in layout(body, attention).grids {
        let model = grid_model(grid, &app.playground, attention, &app.document.baseline, true);
        if let Some((row, col)) = GridGeometry::new(area, &model).cell_at(x, y, &model) {
            return Some(Message::Play(PlayMsg::Select { grid, row, col }));
        }
    }
    None
}
