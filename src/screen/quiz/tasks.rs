//! The lesson's last two Apply now tasks: draw the three-branch picture from memory (blanks
//! for the labels and the learner's own score, each checked), and say where the projection
//! ends and the scoring begins (choose the line in the pipeline).

use super::{Page, QuizMsg, Step};
use crate::engine::Attention;
use crate::message::FieldMsg;
use crate::quiz::{Blank, Role, Verdict, blank_fits, check_answer};
use crate::screen::Reply;
use crate::widget::TextField;

/// The picture's blanks: what each is, and what fills it (checked by the free-recall rubric's
/// reader, whole words and phrases only).
pub const BLANKS: [(&str, Blank); 6] = [
    ("x ──W_Q──▶ which vector?", Blank::Names(Role::Query)),
    ("   and what does it do?", Blank::JobOf(Role::Query)),
    ("x ──W_K──▶ which vector?", Blank::Names(Role::Key)),
    ("   and what does it do?", Blank::JobOf(Role::Key)),
    ("x ──W_V──▶ which vector?", Blank::Names(Role::Value)),
    ("   and what does it do?", Blank::JobOf(Role::Value)),
];
/// The seventh blank: q·k from the learner's own matrices in the first task.
pub const SCORE_BLANK: &str = "q · k with your own q and k =";

/// The pipeline, in order; the answer is the first line of scoring.
pub const PIPELINE: [&str; 5] = [
    "Q, K, V = X·W_Q, X·W_K, X·W_V",
    "scores = Q·Kᵀ",
    "scores / √d_k",
    "weights = softmax(scores)",
    "context = weights · V",
];
const SCORING_STARTS: usize = 1;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiagramTask {
    /// The first task's token through the learner's own matrices: the score blank's answer.
    learner: Option<Box<Attention>>,
    pub(super) answers: [String; 7],
    pub(super) selected: usize,
    pub(super) edit: Option<TextField>,
    pub(super) report: Vec<(bool, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoundaryTask {
    pub(super) selected: usize,
    pub(super) outcome: Option<(bool, String)>,
}

impl DiagramTask {
    #[must_use]
    pub fn new(learner: Option<Attention>) -> Self {
        Self { learner: learner.map(Box::new), ..Self::default() }
    }

    /// Whether the number blank (the learner's own q·k) is selected and not yet open, so a
    /// digit typed now is its first character.
    #[must_use]
    pub fn score_selected(&self) -> bool {
        self.selected == BLANKS.len() && self.edit.is_none()
    }

    /// The last check, blank by blank: (passed, what it says).
    #[must_use]
    pub fn report(&self) -> &[(bool, String)] {
        &self.report
    }

    pub(super) fn key(&mut self, message: QuizMsg) -> Step {
        match message {
            QuizMsg::Up => self.selected = self.selected.saturating_sub(1),
            QuizMsg::Down => self.selected = (self.selected + 1).min(6),
            QuizMsg::Enter => self.edit = Some(TextField::with_default(&self.answers[self.selected], 60)),
            // The score blank takes a number: its first digit starts the answer.
            QuizMsg::BeginEdit(c) if self.score_selected() => self.edit = Some(TextField::starting_with(c, 60)),
            QuizMsg::Check => return self.check().into(),
            QuizMsg::Next => return Step::go(Page::Boundary(BoundaryTask::default()), Reply::default()),
            QuizMsg::Back => return Step::go(Page::Menu, Reply::default()),
            _ => {}
        }
        Step::stay(Reply::default())
    }

    pub(super) fn field(&mut self, message: FieldMsg) -> Reply {
        let Some(field) = self.edit.as_mut() else { return Reply::default() };
        match message {
            FieldMsg::Cancel => self.edit = None,
            FieldMsg::Submit => {
                self.answers[self.selected] = crate::sanitize::strip(field.text());
                self.edit = None;
                self.selected = (self.selected + 1).min(6);
            }
            other => field.edit(&other),
        }
        Reply::default()
    }

    fn check(&mut self) -> Reply {
        let mut report: Vec<(bool, String)> = BLANKS
            .iter()
            .zip(&self.answers)
            .map(|((what, blank), answer)| match (answer.trim().is_empty(), blank_fits(*blank, answer)) {
                (true, _) => (false, format!("· {}: still blank", what.trim())),
                (false, true) => (true, format!("✓ {}: {answer}", what.trim())),
                (false, false) => (false, format!("✗ {}: \"{answer}\" is not it", what.trim())),
            })
            .collect();
        report.push(self.check_score());
        let wrong = report.iter().filter(|(ok, _)| !ok).count();
        self.report = report;
        if wrong == 0 {
            Reply::success("the picture is right, from memory")
        } else {
            let verb = if wrong == 1 { "needs" } else { "need" };
            Reply::error(format!("{wrong} of 7 blanks {verb} another look"))
        }
    }

    fn check_score(&self) -> (bool, String) {
        let Some(attention) = &self.learner else {
            return (false, "fill in the first task first".into());
        };
        let derivation = attention.score_derivation(0, 0);
        let typed = &self.answers[6];
        if typed.trim().is_empty() {
            return (false, format!("· {SCORE_BLANK} still blank"));
        }
        match check_answer(typed, &derivation) {
            Ok(Verdict::Right) => (true, format!("✓ {SCORE_BLANK} {typed}")),
            Ok(wrong @ Verdict::Wrong { .. }) => (false, format!("✗ {SCORE_BLANK} not {typed}: {}", wrong.reason())),
            Err(e) => (false, format!("✗ {SCORE_BLANK} {e}")),
        }
    }
}

impl BoundaryTask {
    /// The line chosen last, and whether it was right, with why.
    #[must_use]
    pub fn outcome(&self) -> Option<&(bool, String)> {
        self.outcome.as_ref()
    }

    pub(super) fn key(&mut self, message: QuizMsg) -> Step {
        match message {
            QuizMsg::Up => self.selected = self.selected.saturating_sub(1),
            QuizMsg::Down => self.selected = (self.selected + 1).min(PIPELINE.len() - 1),
            QuizMsg::Pick(_) | QuizMsg::Enter if self.outcome.as_ref().is_some_and(|o| o.0) => {
                return Reply::info("already right: n or Esc goes back to the menu").into();
            }
            QuizMsg::Pick(i) if i < PIPELINE.len() => {
                self.selected = i;
                return self.choose().into();
            }
            QuizMsg::Enter => return self.choose().into(),
            QuizMsg::Back => return Step::go(Page::Menu, Reply::default()),
            _ => {}
        }
        Step::stay(Reply::default())
    }

    fn choose(&mut self) -> Reply {
        let (right, why) = match self.selected.cmp(&SCORING_STARTS) {
            std::cmp::Ordering::Equal => (true, "the projection ends once Q, K and V exist; scoring starts with Q·Kᵀ"),
            std::cmp::Ordering::Less => {
                (false, "that line is the projection itself: it ends there, scoring comes next")
            }
            std::cmp::Ordering::Greater => (false, "the scores already exist by then: scoring began a line earlier"),
        };
        self.outcome = Some((right, why.to_string()));
        if right { Reply::success(why) } else { Reply::error("not that line: try again") }
    }
}

#[cfg(test)]
mod tests {
    use super::BLANKS;
    use crate::quiz::blank_fits;

    #[test]
    fn labels_accept_the_role_in_the_learners_words() {
        let fits = |i: usize, answer: &str| blank_fits(BLANKS[i].1, answer);
        assert!(fits(0, "Query") && fits(0, "q"));
        assert!(!fits(0, "quick"), "a q inside a word is not the letter q");
        assert!(fits(3, "it advertises what it offers"));
        assert!(!fits(2, "value"));
        assert!(!fits(1, "what it is looked up by"), "being looked up is the key's job, not the query's");
    }
}
