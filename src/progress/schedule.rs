//! Leitner boxes: a right answer moves a card up one box and further into the future; a miss
//! sends it back to box 1, due at once, so it comes round again in the same session. A
//! solution shown (or given away by the last hint) is neither right nor wrong, but it is
//! due again at once like a miss: seeing an answer is not knowing it.

use super::{Card, Progress};

/// Days until a card in each box (1 to 5) is due again.
pub const BOX_DAYS: [u64; 5] = [0, 1, 3, 7, 21];
const DAY: u64 = 24 * 60 * 60;

/// How an answer went; free-recall questions are graded by the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    #[must_use]
    pub fn is_right(self) -> bool {
        self != Grade::Again
    }
}

fn interval(leitner_box: u8) -> u64 {
    BOX_DAYS[usize::from(leitner_box.clamp(1, 5)) - 1] * DAY
}

impl Progress {
    /// Records one answer at `now` (unix seconds) and reschedules the card.
    pub fn record(&mut self, id: &str, topic: &str, grade: Grade, hints: u32, now: u64) {
        let card = self.seen(id, topic, hints, now);
        match grade {
            Grade::Again => {
                card.wrong = card.wrong.saturating_add(1);
                card.leitner_box = 1;
                card.due = now;
            }
            Grade::Hard => {
                card.right = card.right.saturating_add(1);
                card.due = now + interval(card.leitner_box) / 2;
            }
            Grade::Good | Grade::Easy => {
                card.right = card.right.saturating_add(1);
                let step = if grade == Grade::Easy { 2 } else { 1 };
                card.leitner_box = (card.leitner_box + step).min(5);
                card.due = now + interval(card.leitner_box);
            }
        }
    }

    /// Records a question whose answer was shown rather than found: not scored, but back in
    /// box 1 and due at once, like a miss.
    pub fn record_shown(&mut self, id: &str, topic: &str, hints: u32, now: u64) {
        let card = self.seen(id, topic, hints, now);
        card.leitner_box = 1;
        card.due = now;
    }

    /// The card, counted as seen once more at `now`.
    fn seen(&mut self, id: &str, topic: &str, hints: u32, now: u64) -> &mut Card {
        let card = self.cards.entry(id.to_string()).or_insert_with(|| Card::new(topic, now));
        card.seen = card.seen.saturating_add(1);
        card.hints = card.hints.saturating_add(hints);
        card.last = now;
        card.topic = topic.to_string();
        card
    }

    /// The ids in practice order: due ones first (most overdue, then never seen, in bank
    /// order), then the rest by due date.
    #[must_use]
    pub fn practice_order(&self, ids: &[String], now: u64) -> Vec<String> {
        let mut order: Vec<(bool, u64, usize, String)> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let due = self.cards.get(id).map_or(0, |c| c.due);
                (due > now, due, i, id.clone())
            })
            .collect();
        order.sort();
        order.into_iter().map(|(.., id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    #[test]
    fn a_right_answer_moves_a_card_later() {
        let mut p = Progress::default();
        p.record("q", "recall", Grade::Good, 0, NOW);
        assert_eq!(p.cards["q"].leitner_box, 2);
        assert_eq!(p.cards["q"].due, NOW + DAY);
        assert!(!p.is_due("q", NOW));
        assert!(p.is_due("q", NOW + DAY));
        p.record("q", "recall", Grade::Easy, 0, NOW + DAY);
        assert_eq!(p.cards["q"].leitner_box, 4);
        assert_eq!(p.cards["q"].due, NOW + DAY + 7 * DAY);
    }

    #[test]
    fn a_miss_brings_it_back_now() {
        let mut p = Progress::default();
        p.record("q", "recall", Grade::Good, 0, NOW);
        p.record("q", "recall", Grade::Again, 2, NOW + DAY);
        let card = &p.cards["q"];
        assert_eq!((card.leitner_box, card.due, card.wrong, card.hints), (1, NOW + DAY, 1, 2));
    }

    #[test]
    fn a_shown_answer_is_due_again_at_once_but_neither_right_nor_wrong() {
        let mut p = Progress::default();
        p.record("q", "recall", Grade::Easy, 0, NOW);
        p.record_shown("q", "recall", 3, NOW + 5 * DAY);
        let card = &p.cards["q"];
        assert_eq!((card.leitner_box, card.due, card.seen), (1, NOW + 5 * DAY, 2));
        assert_eq!((card.right, card.wrong, card.hints), (1, 0, 3), "shown is not scored");
        assert!(p.is_due("q", NOW + 5 * DAY));
    }

    #[test]
    fn due_questions_come_first() {
        let mut p = Progress::default();
        let ids: Vec<String> = ["a", "b", "c"].iter().map(ToString::to_string).collect();
        p.record("a", "t", Grade::Good, 0, NOW);
        assert_eq!(p.practice_order(&ids, NOW), ["b", "c", "a"]);
    }
}
