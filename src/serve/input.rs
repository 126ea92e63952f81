//! Bytes from a student's terminal to crossterm events. The decoding is `terminput`'s (a
//! maintained parser derived from crossterm's own); this file feeds it and converts its
//! events to the `ratatui::crossterm` types the keymap understands.

use ratatui::crossterm::event as ct;
use terminput as ti;

/// An escape sequence or paste longer than this is junk: it is dropped, not buffered.
const MAX_PENDING: usize = 64 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes of an event that has not fully arrived yet.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
    /// Inside a paste too long to keep: everything up to its end marker is dropped.
    discarding: bool,
}

impl Decoder {
    /// Decodes a chunk into events; an incomplete sequence at its end waits for the next chunk.
    ///
    /// A lone ESC byte inside a chunk is the start of a sequence, at its end it is the Esc key
    /// (terminals send a key's whole sequence in one write).
    pub fn decode(&mut self, bytes: &[u8]) -> Vec<ct::Event> {
        let mut events = Vec::new();
        for (i, byte) in bytes.iter().enumerate() {
            self.pending.push(*byte);
            if self.discarding {
                self.discard_until_paste_end();
                continue;
            }
            let more = i + 1 < bytes.len();
            if more && self.pending == [0x1b] {
                continue;
            }
            match ti::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    events.extend(to_crossterm(event));
                }
                Ok(None) if self.pending.len() < MAX_PENDING => {}
                Ok(None) => {
                    self.discarding = self.pending.starts_with(PASTE_START);
                    self.pending.clear();
                }
                Err(_) => self.pending.clear(),
            }
        }
        events
    }

    /// Keeps only enough bytes to see the end marker arrive, even split across chunks.
    fn discard_until_paste_end(&mut self) {
        if self.pending.ends_with(PASTE_END) {
            self.discarding = false;
            self.pending.clear();
        } else if self.pending.len() >= PASTE_END.len() {
            self.pending.drain(..self.pending.len() + 1 - PASTE_END.len());
        }
    }
}

/// The same event in crossterm's types; `None` for what the tutor has no use for (media and
/// lone modifier keys, and resizes, which come from the SSH window-change request instead).
#[must_use]
pub fn to_crossterm(event: ti::Event) -> Option<ct::Event> {
    Some(match event {
        ti::Event::Key(key) => ct::Event::Key(key_event(key)?),
        ti::Event::Mouse(mouse) => ct::Event::Mouse(mouse_event(mouse)),
        ti::Event::Paste(text) => ct::Event::Paste(text),
        ti::Event::FocusGained => ct::Event::FocusGained,
        ti::Event::FocusLost => ct::Event::FocusLost,
        ti::Event::Resize { .. } => return None,
    })
}

fn key_event(key: ti::KeyEvent) -> Option<ct::KeyEvent> {
    let mut modifiers = modifiers(key.modifiers);
    let code = match key.code {
        // crossterm reports Shift-Tab as BackTab, and the keymap binds it so.
        ti::KeyCode::Tab if key.modifiers.contains(ti::KeyModifiers::SHIFT) => ct::KeyCode::BackTab,
        code => key_code(code)?,
    };
    if code == ct::KeyCode::BackTab {
        modifiers |= ct::KeyModifiers::SHIFT;
    }
    let kind = match key.kind {
        ti::KeyEventKind::Press => ct::KeyEventKind::Press,
        ti::KeyEventKind::Repeat => ct::KeyEventKind::Repeat,
        ti::KeyEventKind::Release => ct::KeyEventKind::Release,
    };
    let mut state = ct::KeyEventState::NONE;
    for (from, to) in [
        (ti::KeyEventState::KEYPAD, ct::KeyEventState::KEYPAD),
        (ti::KeyEventState::CAPS_LOCK, ct::KeyEventState::CAPS_LOCK),
        (ti::KeyEventState::NUM_LOCK, ct::KeyEventState::NUM_LOCK),
    ] {
        if key.state.contains(from) {
            state |= to;
        }
    }
    Some(ct::KeyEvent { code, modifiers, kind, state })
}

fn key_code(code: ti::KeyCode) -> Option<ct::KeyCode> {
    use ct::KeyCode as C;
    use ti::KeyCode as T;
    Some(match code {
        T::Backspace => C::Backspace,
        T::Enter => C::Enter,
        T::Left => C::Left,
        T::Right => C::Right,
        T::Up => C::Up,
        T::Down => C::Down,
        T::Home => C::Home,
        T::End => C::End,
        T::PageUp => C::PageUp,
        T::PageDown => C::PageDown,
        T::Tab => C::Tab,
        T::Delete => C::Delete,
        T::Insert => C::Insert,
        T::F(n) => C::F(n),
        T::Char(c) => C::Char(c),
        T::Esc => C::Esc,
        T::CapsLock => C::CapsLock,
        T::ScrollLock => C::ScrollLock,
        T::NumLock => C::NumLock,
        T::PrintScreen => C::PrintScreen,
        T::Pause => C::Pause,
        T::Menu => C::Menu,
        T::KeypadBegin => C::KeypadBegin,
        T::Media(_) | T::Modifier(..) => return None,
    })
}

fn modifiers(from: ti::KeyModifiers) -> ct::KeyModifiers {
    let pairs = [
        (ti::KeyModifiers::SHIFT, ct::KeyModifiers::SHIFT),
        (ti::KeyModifiers::ALT, ct::KeyModifiers::ALT),
        (ti::KeyModifiers::CTRL, ct::KeyModifiers::CONTROL),
        (ti::KeyModifiers::SUPER, ct::KeyModifiers::SUPER),
        (ti::KeyModifiers::HYPER, ct::KeyModifiers::HYPER),
        (ti::KeyModifiers::META, ct::KeyModifiers::META),
    ];
    pairs.iter().filter(|(t, _)| from.contains(*t)).fold(ct::KeyModifiers::NONE, |all, (_, c)| all | *c)
}

fn mouse_event(mouse: ti::MouseEvent) -> ct::MouseEvent {
    let button = |b: ti::MouseButton| match b {
        ti::MouseButton::Right => ct::MouseButton::Right,
        ti::MouseButton::Middle => ct::MouseButton::Middle,
        ti::MouseButton::Left | ti::MouseButton::Unknown => ct::MouseButton::Left,
    };
    let kind = match mouse.kind {
        ti::MouseEventKind::Down(b) => ct::MouseEventKind::Down(button(b)),
        ti::MouseEventKind::Up(b) => ct::MouseEventKind::Up(button(b)),
        ti::MouseEventKind::Drag(b) => ct::MouseEventKind::Drag(button(b)),
        ti::MouseEventKind::Moved => ct::MouseEventKind::Moved,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Up) => ct::MouseEventKind::ScrollUp,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Down) => ct::MouseEventKind::ScrollDown,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Left) => ct::MouseEventKind::ScrollLeft,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Right) => ct::MouseEventKind::ScrollRight,
    };
    ct::MouseEvent { kind, column: mouse.column, row: mouse.row, modifiers: modifiers(mouse.modifiers) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Vec<ct::Event> {
        Decoder::default().decode(bytes)
    }

    fn key(code: ct::KeyCode, modifiers: ct::KeyModifiers) -> ct::Event {
        ct::Event::Key(ct::KeyEvent::new(code, modifiers))
    }

    #[test]
    fn plain_keys_arrows_and_esc() {
        let events = decode(b"2q\x1b[A");
        assert_eq!(
            events,
            [
                key(ct::KeyCode::Char('2'), ct::KeyModifiers::NONE),
                key(ct::KeyCode::Char('q'), ct::KeyModifiers::NONE),
                key(ct::KeyCode::Up, ct::KeyModifiers::NONE),
            ]
        );
        assert_eq!(decode(b"\x1b"), [key(ct::KeyCode::Esc, ct::KeyModifiers::NONE)]);
    }

    #[test]
    fn ctrl_z_shift_tab_and_split_sequences() {
        assert_eq!(decode(b"\x1a"), [key(ct::KeyCode::Char('z'), ct::KeyModifiers::CONTROL)]);
        assert_eq!(decode(b"\x1b[Z"), [key(ct::KeyCode::BackTab, ct::KeyModifiers::SHIFT)]);
        let mut decoder = Decoder::default();
        assert!(decoder.decode(b"\x1b[").is_empty());
        assert_eq!(decoder.decode(b"B"), [key(ct::KeyCode::Down, ct::KeyModifiers::NONE)]);
    }

    #[test]
    fn mouse_and_paste() {
        let events = decode(b"\x1b[<0;5;3M\x1b[200~a\x1b[Bb\x1b[201~");
        assert_eq!(events.len(), 2, "{events:?}");
        let ct::Event::Mouse(mouse) = &events[0] else { panic!("not a mouse event: {events:?}") };
        assert_eq!((mouse.kind, mouse.column, mouse.row), (ct::MouseEventKind::Down(ct::MouseButton::Left), 4, 2));
        assert_eq!(events[1], ct::Event::Paste("a\x1b[Bb".to_owned()));
    }

    #[test]
    fn junk_is_dropped_and_unbounded_sequences_do_not_grow() {
        let mut decoder = Decoder::default();
        let mut paste = PASTE_START.to_vec();
        paste.extend(std::iter::repeat_n(b'x', MAX_PENDING * 2));
        assert!(decoder.decode(&paste).is_empty(), "an over-long paste came through as keys");
        assert!(decoder.pending.len() < MAX_PENDING);
        assert!(decoder.decode(b"xx\x1b[20").is_empty());
        assert_eq!(decoder.decode(b"1~q"), [key(ct::KeyCode::Char('q'), ct::KeyModifiers::NONE)]);
    }
}
