//! A session's end: its summary, the drill record, and practising the missed ones again.

use super::{Mark, Outcome, Page, QuizMsg, Session, SessionKind, Step};
use crate::progress::DrillRecord;
use crate::quiz::{Question, resolve};
use crate::screen::{Reply, Shared};

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every question was taken, or a drill's time ran out.
    Finished,
    /// Left before the end: a drill records nothing.
    LeftEarly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub(super) kind: SessionKind,
    pub(super) ending: Ending,
    pub(super) outcomes: Vec<Outcome>,
}

impl Summary {
    #[must_use]
    pub fn title(&self) -> &'static str {
        self.kind.title()
    }

    #[must_use]
    pub fn kind(&self) -> SessionKind {
        self.kind
    }

    #[must_use]
    pub fn ending(&self) -> Ending {
        self.ending
    }

    #[must_use]
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// How many questions ended with this mark.
    #[must_use]
    pub fn count(&self, mark: Mark) -> usize {
        self.outcomes.iter().filter(|o| o.mark == mark).count()
    }

    /// Questions answered, right or missed; a shown one is not answered.
    #[must_use]
    pub fn answered(&self) -> usize {
        self.outcomes.len() - self.count(Mark::Shown)
    }

    /// Only when every question was answered, and answered right, was nothing missed.
    #[must_use]
    pub fn all_right(&self) -> bool {
        !self.outcomes.is_empty() && self.count(Mark::Right) == self.outcomes.len()
    }

    /// The questions to practise again: missed, or shown.
    #[must_use]
    pub fn to_practise(&self) -> Vec<&Outcome> {
        self.outcomes.iter().filter(|o| o.mark != Mark::Right).collect()
    }

    /// Keys on the summary page.
    pub(super) fn key(&self, message: QuizMsg, reviews: &mut u64, shared: &Shared) -> Step {
        match message {
            QuizMsg::Missed => {
                *reviews += 1;
                let queue = self.review_queue(*reviews, shared);
                super::update::start(SessionKind::Review, queue)
            }
            QuizMsg::Enter | QuizMsg::Back => Step::go(Page::Menu, Reply::default()),
            _ => Step::stay(Reply::default()),
        }
    }

    /// The missed and shown questions drawn again, so a review asks for new work rather than
    /// a remembered answer: each takes the first of a few fresh draws whose options or
    /// numbers differ from the ones it was asked with.
    fn review_queue(&self, round: u64, shared: &Shared) -> Vec<Question> {
        self.to_practise()
            .into_iter()
            .filter_map(|outcome| {
                let spec = shared.lesson.questions.iter().find(|q| q.id == outcome.id())?;
                let draw = |k: u64| resolve(spec, review_seed(shared.seed, round, k));
                let fresh = (0..8).map(draw).find(|q| q.form != outcome.question.form);
                Some(fresh.unwrap_or_else(|| draw(0)))
            })
            .collect()
    }
}

/// A seed of its own for each review round and draw, far from the session's seed.
fn review_seed(seed: u64, round: u64, draw: u64) -> u64 {
    let mixed = round.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ draw.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    seed ^ mixed.rotate_left(17)
}

impl Session {
    /// The session's summary; a finished drill's score is recorded and saved, while a drill
    /// left early keeps the old record.
    pub(super) fn end(&self, ending: Ending, shared: &mut Shared) -> Step {
        let mut reply = Reply::default();
        if matches!(self.kind, SessionKind::Drill { .. }) && ending == Ending::Finished {
            shared.progress.drills.push(drill_record(&self.outcomes, shared.now));
            reply.effects.push(shared.save_progress());
        }
        let summary = Summary { kind: self.kind, ending, outcomes: self.outcomes.clone() };
        Step::go(Page::Summary(summary), reply)
    }
}

/// A drill's record: right out of every question taken, shown ones among the misses.
fn drill_record(outcomes: &[Outcome], now: u64) -> DrillRecord {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    DrillRecord {
        at: now,
        right: count(outcomes.iter().filter(|o| o.mark == Mark::Right).count()),
        total: count(outcomes.len()),
        misses: outcomes.iter().filter(|o| o.mark != Mark::Right).map(|o| o.id().to_string()).collect(),
    }
}
