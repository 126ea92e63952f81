//! Figures about a question bank as a whole, for `check --lesson`: how many questions each
//! topic and form has, and how often the right option gives itself away by being the longest.

use super::spec::{Kind, QuestionSpec, Topic};
use std::collections::BTreeMap;

/// Above this share of choice questions whose correct option is the longest, a learner can
/// score by picking the longest option, and `check --lesson` warns.
pub const LONGEST_CORRECT_LIMIT: f64 = 0.4;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankFigures {
    /// Per topic: (choice, free, numeric).
    pub by_topic: BTreeMap<Topic, [usize; 3]>,
    pub choice: usize,
    pub free: usize,
    pub numeric: usize,
    /// Choice questions whose correct option is at least as long as every other option.
    pub longest_correct: usize,
}

impl BankFigures {
    /// The share of choice questions whose correct option is the longest (0 with none).
    #[must_use]
    pub fn longest_share(&self) -> f64 {
        let to_f64 = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
        if self.choice == 0 { 0.0 } else { to_f64(self.longest_correct) / to_f64(self.choice) }
    }
}

/// Whether the correct option is the longest (ties count: length still gives no signal
/// against it, but it gives none for it either, so a tie is counted against the bank).
#[must_use]
pub fn correct_is_longest(question: &QuestionSpec) -> bool {
    let len = |text: &str| text.chars().count();
    let Some(correct) = question.options.iter().find(|o| o.correct) else { return false };
    question.options.iter().all(|o| len(&o.text) <= len(&correct.text))
}

#[must_use]
pub fn bank_figures(questions: &[QuestionSpec]) -> BankFigures {
    let mut figures = BankFigures::default();
    for q in questions {
        let slot = match q.kind {
            Kind::Choice => 0,
            Kind::Free => 1,
            Kind::Numeric => 2,
        };
        figures.by_topic.entry(q.topic).or_default()[slot] += 1;
        match q.kind {
            Kind::Choice => figures.choice += 1,
            Kind::Free => figures.free += 1,
            Kind::Numeric => figures.numeric += 1,
        }
        if q.kind == Kind::Choice && correct_is_longest(q) {
            figures.longest_correct += 1;
        }
    }
    figures
}

/// The questions an interview drill asks: every choice and numeric question, and the source
/// lesson's own free-recall questions (the interview sentence among them), which the learner
/// grades after seeing the model answer.
#[must_use]
pub fn drill_pool(questions: Vec<super::Question>) -> Vec<super::Question> {
    questions.into_iter().filter(|q| !matches!(q.form, super::Form::Free { .. }) || q.seed.is_some()).collect()
}
