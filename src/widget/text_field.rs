//! The one text field: cell edits, predictions, quiz answers, Apply now entries and path
//! prompts all type into this, so every field edits the same way and obeys the same cap.

use crate::message::FieldMsg;
use crate::theme::Theme;
use ratatui::text::Span;

/// A line of text being typed, with a cursor (counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    text: String,
    cursor: usize,
    cap: usize,
    /// A prefilled default that the first typed character replaces.
    pristine: bool,
    /// Why the last key was not taken, shown beside the field.
    note: Option<String>,
}

impl TextField {
    /// An empty field that holds at most `cap` characters.
    #[must_use]
    pub fn new(cap: usize) -> Self {
        Self { text: String::new(), cursor: 0, cap, pristine: false, note: None }
    }

    /// A field prefilled with a default that typing replaces and the arrows keep.
    #[must_use]
    pub fn with_default(default: &str, cap: usize) -> Self {
        let text: String = default.chars().filter(|c| !crate::sanitize::is_dangerous(*c)).take(cap).collect();
        Self { cursor: text.chars().count(), text, cap, pristine: true, note: None }
    }

    /// A field that starts with text already typed (the first key of an edit).
    #[must_use]
    pub fn starting_with(c: char, cap: usize) -> Self {
        let mut field = Self::new(cap);
        field.edit(&FieldMsg::Insert(c));
        field
    }

    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    #[must_use]
    pub fn is_pristine(&self) -> bool {
        self.pristine
    }

    /// Marks the whole text as a default again: the next typed character replaces it, the
    /// arrows keep it for editing (after a wrong answer, say).
    pub fn select_all(&mut self) {
        self.pristine = !self.text.is_empty();
    }

    /// Shows a message beside the field (a refused answer's diagnosis, say).
    pub fn set_note(&mut self, note: impl Into<String>) {
        self.note = Some(note.into());
    }

    /// Applies one editing message; Submit and Cancel are the owner's to act on.
    pub fn edit(&mut self, message: &FieldMsg) {
        self.note = None;
        match message {
            FieldMsg::Insert(c) => self.insert(*c),
            FieldMsg::Paste(text) => self.paste(text),
            FieldMsg::Backspace => self.delete_before(),
            FieldMsg::Delete => self.delete_after(),
            FieldMsg::Left => self.move_to(self.cursor.saturating_sub(1)),
            FieldMsg::Right => self.move_to(self.cursor + 1),
            FieldMsg::Home => self.move_to(0),
            FieldMsg::End => self.move_to(usize::MAX),
            FieldMsg::ClearToStart => self.cut(0),
            FieldMsg::DeleteWord => self.cut(self.word_start()),
            FieldMsg::Submit | FieldMsg::Cancel => {}
        }
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(i, _)| i)
    }

    fn take_default(&mut self) {
        if std::mem::take(&mut self.pristine) {
            self.text.clear();
            self.cursor = 0;
        }
    }

    fn insert(&mut self, c: char) {
        if crate::sanitize::is_dangerous(c) {
            self.note = Some(format!("{} cannot be typed here", crate::sanitize::escape(&c.to_string())));
            return;
        }
        self.take_default();
        if self.len() >= self.cap {
            self.note = Some(format!("full: at most {} characters", self.cap));
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    fn paste(&mut self, text: &str) {
        self.take_default();
        let room = self.cap.saturating_sub(self.len());
        let clean: Vec<char> = crate::sanitize::strip(text).chars().collect();
        let taken: String = clean.iter().take(room).collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &taken);
        self.cursor += taken.chars().count();
        if clean.len() > room {
            self.note = Some(format!("pasted text cut: at most {} characters", self.cap));
        }
    }

    fn delete_before(&mut self) {
        if self.pristine {
            return self.take_default();
        }
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    fn delete_after(&mut self) {
        if self.pristine {
            return self.take_default();
        }
        if self.cursor < self.len() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    fn move_to(&mut self, cursor: usize) {
        self.pristine = false;
        self.cursor = cursor.min(self.len());
    }

    /// Deletes from `start` up to the cursor.
    fn cut(&mut self, start: usize) {
        self.pristine = false;
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
    }

    fn word_start(&self) -> usize {
        let before: Vec<char> = self.text.chars().take(self.cursor).collect();
        let trailing_spaces = before.iter().rev().take_while(|c| c.is_whitespace()).count();
        let word = before.iter().rev().skip(trailing_spaces).take_while(|c| !c.is_whitespace()).count();
        self.cursor - trailing_spaces - word
    }

    /// The field as spans: a default shown selected, the cursor as a reversed cell.
    #[must_use]
    pub fn spans(&self, theme: Theme) -> Vec<Span<'static>> {
        if self.pristine {
            return vec![Span::styled(self.text.clone(), theme.selected()), Span::styled(" ", theme.editing())];
        }
        let chars: Vec<char> = self.text.chars().collect();
        let before: String = chars[..self.cursor].iter().collect();
        let at: String = chars.get(self.cursor).map_or_else(|| " ".to_string(), char::to_string);
        let after: String = chars.iter().skip(self.cursor + 1).collect();
        vec![
            Span::styled(before, theme.editing()),
            Span::styled(at, theme.selected()),
            Span::styled(after, theme.editing()),
        ]
    }

    /// A labelled line: the field with its note while it has the keyboard, else its text
    /// greyed with `aside`, the hint for getting back into it.
    #[must_use]
    pub fn line(&self, label: &str, focused: bool, aside: &str, theme: Theme) -> ratatui::text::Line<'static> {
        let mut spans = vec![Span::styled(label.to_string(), theme.key())];
        if focused {
            spans.extend(self.spans_with_note(theme));
        } else {
            spans.push(Span::styled(self.text.clone(), theme.muted()));
            if !aside.is_empty() {
                spans.push(Span::styled(format!("  ({aside})"), theme.muted()));
            }
        }
        ratatui::text::Line::from(spans)
    }

    /// The field followed by its note, if any, for one line of a view.
    #[must_use]
    pub fn spans_with_note(&self, theme: Theme) -> Vec<Span<'static>> {
        let mut spans = self.spans(theme);
        if let Some(note) = &self.note {
            spans.push(Span::styled(format!("  {note}"), theme.wrong()));
        }
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(field: &mut TextField, text: &str) {
        for c in text.chars() {
            field.edit(&FieldMsg::Insert(c));
        }
    }

    #[test]
    fn the_first_character_replaces_a_default() {
        let mut field = TextField::with_default("scenario.json", 100);
        typed(&mut field, "my-qkv.json");
        assert_eq!(field.text(), "my-qkv.json");
    }

    #[test]
    fn arrows_keep_the_default_for_editing() {
        let mut field = TextField::with_default("scenario.json", 100);
        field.edit(&FieldMsg::Home);
        typed(&mut field, "a-");
        assert_eq!(field.text(), "a-scenario.json");
    }

    #[test]
    fn ctrl_u_and_ctrl_w_cut_back_to_the_start_or_the_word() {
        let mut field = TextField::new(100);
        typed(&mut field, "1*0 + 2*1");
        field.edit(&FieldMsg::DeleteWord);
        assert_eq!(field.text(), "1*0 + ");
        field.edit(&FieldMsg::ClearToStart);
        assert_eq!(field.text(), "");
    }

    #[test]
    fn every_printable_key_is_text_and_the_cap_holds() {
        let mut field = TextField::new(6);
        typed(&mut field, "q[2, 1]");
        assert_eq!(field.text(), "q[2, 1");
        assert_eq!(field.note(), Some("full: at most 6 characters"));
        for _ in 0..5 {
            field.edit(&FieldMsg::Paste("x".repeat(50)));
        }
        assert_eq!(field.text().chars().count(), 6, "repeated pastes stay under the cap");
    }

    #[test]
    fn cursor_edits_in_the_middle() {
        let mut field = TextField::new(20);
        typed(&mut field, "2×3");
        field.edit(&FieldMsg::Left);
        field.edit(&FieldMsg::Backspace);
        typed(&mut field, "·");
        field.edit(&FieldMsg::Delete);
        assert_eq!(field.text(), "2·");
    }

    #[test]
    fn escape_characters_are_refused_with_a_note() {
        let mut field = TextField::new(20);
        field.edit(&FieldMsg::Insert('\u{202E}'));
        assert_eq!(field.text(), "");
        assert!(field.note().is_some());
    }
}
