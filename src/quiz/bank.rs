//! Figures about a question bank as a whole, for `check --lesson`: how many questions each
//! topic and form has, and whether the right option gives itself away by its length or by
//! where it is shown.

use super::spec::{CHOICE_OPTIONS, Kind, QuestionSpec, Topic};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Above this share of choice questions whose correct option is the longest, the shortest,
/// or at one position, a learner can score by that cue alone, and `check --lesson` warns.
pub const CUE_LIMIT: f64 = 0.35;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankFigures {
    /// Per topic: (choice, free, numeric).
    pub by_topic: BTreeMap<Topic, [usize; 3]>,
    pub choice: usize,
    pub free: usize,
    pub numeric: usize,
    /// Choice questions whose correct option is at least as long as every other option.
    pub longest_correct: usize,
    /// Choice questions whose correct option is at most as long as every other option.
    pub shortest_correct: usize,
    /// How often the correct option is shown first, second, … in a first session.
    pub positions: [usize; CHOICE_OPTIONS],
}

impl BankFigures {
    fn share(&self, n: usize) -> f64 {
        let to_f64 = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
        if self.choice == 0 { 0.0 } else { to_f64(n) / to_f64(self.choice) }
    }

    /// The share of choice questions whose correct option is the longest (0 with none).
    #[must_use]
    pub fn longest_share(&self) -> f64 {
        self.share(self.longest_correct)
    }

    /// The share whose correct option is the shortest.
    #[must_use]
    pub fn shortest_share(&self) -> f64 {
        self.share(self.shortest_correct)
    }

    /// The share at the position the correct option takes most often.
    #[must_use]
    pub fn position_share(&self) -> f64 {
        self.share(self.positions.iter().copied().max().unwrap_or(0))
    }
}

fn correct_len(question: &QuestionSpec) -> Option<usize> {
    question.options.iter().find(|o| o.correct).map(|o| o.text.chars().count())
}

/// Whether the correct option is the longest (ties count: length still gives no signal
/// against it, but it gives none for it either, so a tie is counted against the bank).
#[must_use]
pub fn correct_is_longest(question: &QuestionSpec) -> bool {
    let Some(correct) = correct_len(question) else { return false };
    question.options.iter().all(|o| o.text.chars().count() <= correct)
}

/// Whether the correct option is the shortest (ties counted against the bank, as above).
#[must_use]
pub fn correct_is_shortest(question: &QuestionSpec) -> bool {
    let Some(correct) = correct_len(question) else { return false };
    question.options.iter().all(|o| o.text.chars().count() >= correct)
}

/// Where the correct option is shown in a learner's first session (options are shuffled per
/// question and session).
fn shown_position(question: &QuestionSpec) -> Option<usize> {
    let super::Form::Choice { options } = super::resolve(question, 0).form else { return None };
    options.iter().position(|o| o.correct)
}

/// The three cues as `check --lesson` prints them, with a warning for each above
/// [`CUE_LIMIT`].
#[must_use]
pub fn cue_report(f: &BankFigures) -> String {
    let percent = |share: f64| (share * 100.0).round();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "The correct option is the longest in {} of {} choice questions ({}%)",
        f.longest_correct,
        f.choice,
        percent(f.longest_share())
    );
    let _ = writeln!(
        out,
        "The correct option is the shortest in {} ({}%)",
        f.shortest_correct,
        percent(f.shortest_share())
    );
    let spots: Vec<String> = f.positions.iter().enumerate().map(|(i, n)| format!("{} {n}", i + 1)).collect();
    let _ = writeln!(
        out,
        "The correct option is shown at position {} (most often {}%)",
        spots.join(", "),
        percent(f.position_share())
    );
    let limit = percent(CUE_LIMIT);
    for (share, cue) in [
        (f.longest_share(), "always picking the longest option"),
        (f.shortest_share(), "always picking the shortest option"),
        (f.position_share(), "always picking the same position"),
    ] {
        if share > CUE_LIMIT {
            let _ = writeln!(out, "WARNING: above {limit}%: a learner could score by {cue}");
        }
    }
    out
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
        if q.kind == Kind::Choice {
            figures.longest_correct += usize::from(correct_is_longest(q));
            figures.shortest_correct += usize::from(correct_is_shortest(q));
            if let Some(slot) = shown_position(q).and_then(|p| figures.positions.get_mut(p)) {
                *slot += 1;
            }
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
