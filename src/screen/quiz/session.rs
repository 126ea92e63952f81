//! A running session: asking, retrying numeric answers, grading free recall, scoring and
//! saving after every answer.

use super::{ANSWER_CAP, Ending, Mark, Outcome, Phase, QuizMsg, Run, Session, SessionKind, Step};
use crate::message::FieldMsg;
use crate::progress::Grade;
use crate::quiz::{ChoiceOutcome, Form, Question, check_choice};
use crate::screen::{Reply, Shared};
use crate::widget::{Submitted, TextField};

const PUT_ASIDE: &str = "answer put aside: Enter answers, h hints, s shows the solution, Esc ends";

impl Session {
    /// Keys on a question page.
    pub(super) fn key(&mut self, message: QuizMsg, shared: &mut Shared) -> Step {
        if self.leaving {
            return self.leave(message, shared);
        }
        let Some(question) = self.current().cloned() else { return self.end(Ending::Finished, shared) };
        let run = &mut self.run;
        let answered = matches!(run.phase, Phase::Answered { .. });
        let choices = match &question.form {
            Form::Choice { options } => options.len(),
            _ => 0,
        };
        match message {
            QuizMsg::Back if matches!(self.kind, SessionKind::Drill { .. }) => {
                self.leaving = true;
                return Reply::info("leave the drill? y leaves (your drill record stays as it was), n keeps going")
                    .into();
            }
            QuizMsg::Back => return self.end(Ending::LeftEarly, shared),
            QuizMsg::Flag => return flag(&question, shared).into(),
            QuizMsg::Enter | QuizMsg::Next if answered => return self.next_question(shared),
            QuizMsg::Grade(grade) if run.phase == Phase::Grading => return self.grade(&question, grade, shared).into(),
            QuizMsg::Hint => run.hints = (run.hints + 1).min(question.hints.len()),
            QuizMsg::Solution => return self.show_solution(&question, shared).into(),
            QuizMsg::Up => run.selected = run.selected.saturating_sub(1),
            QuizMsg::Down => run.selected = (run.selected + 1).min(choices.saturating_sub(1)),
            QuizMsg::Pick(i) if i < choices => {
                run.selected = i;
                return self.submit_choice(&question, shared).into();
            }
            QuizMsg::Answer => {
                run.focused = run.input.is_some();
                if let Some(answer) = run.answer.as_mut() {
                    answer.focus();
                }
            }
            QuizMsg::Enter => return self.submit(&question, shared).into(),
            _ => {}
        }
        Step::stay(Reply::default())
    }

    /// y or n to "leave the drill?".
    fn leave(&mut self, message: QuizMsg, shared: &mut Shared) -> Step {
        match message {
            QuizMsg::Leave(true) => {
                let mut step = self.end(Ending::LeftEarly, shared);
                step.reply.merge(Reply::info("left the drill early: your drill record is unchanged"));
                step
            }
            QuizMsg::Leave(false) => {
                self.leaving = false;
                Reply::info("back to the drill").into()
            }
            _ => Step::stay(Reply::default()),
        }
    }

    /// The drill's clock ran out. A number already tried and missed is a miss: the first try
    /// is what scores, and the clock must not erase it.
    pub(super) fn time_up(&mut self, shared: &mut Shared) {
        let Some(question) = self.current().cloned() else { return };
        let tried = self.run.answer.as_ref().is_some_and(|a| a.misses() > 0 && a.is_open());
        if tried && matches!(self.run.phase, Phase::Asking) {
            let lines = vec!["Time ran out after a wrong first try.".into(), format!("Worked: {}", question.solution)];
            let _ = self.finish(&question, Grade::Again, lines, shared);
        }
    }

    /// Enter while asking: a choice is submitted, an answer field opens.
    fn submit(&mut self, question: &Question, shared: &mut Shared) -> Reply {
        let run = &mut self.run;
        match &question.form {
            Form::Choice { .. } => return self.submit_choice(question, shared),
            Form::Free { .. } => {
                run.input = Some(TextField::new(ANSWER_CAP));
                run.focused = true;
            }
            Form::Numeric(_) => {
                if let Some(answer) = run.answer.as_mut() {
                    answer.focus();
                }
            }
        }
        Reply::default()
    }

    /// Keys typed into the answer field.
    pub(super) fn field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        let Some(question) = self.current().cloned() else { return Reply::default() };
        let run = &mut self.run;
        if let Some(answer) = run.answer.as_mut() {
            return match message {
                FieldMsg::Cancel => {
                    answer.unfocus();
                    Reply::info(PUT_ASIDE)
                }
                FieldMsg::Submit => self.submit_numeric(&question, shared),
                other => {
                    answer.edit(&other);
                    Reply::default()
                }
            };
        }
        let Some(field) = run.input.as_mut() else { return Reply::default() };
        match message {
            FieldMsg::Cancel => {
                run.focused = false;
                return Reply::info(PUT_ASIDE);
            }
            // Nothing typed is nothing to grade: grading it would score what was not done.
            FieldMsg::Submit if field.text().trim().is_empty() => {
                return Reply::error("type your answer first; Esc then s shows the model answer, unscored");
            }
            FieldMsg::Submit => {
                run.typed = Some(field.text().to_string());
                run.input = None;
                run.focused = false;
                run.phase = Phase::Grading;
            }
            other => field.edit(&other),
        }
        Reply::default()
    }

    fn submit_choice(&mut self, question: &Question, shared: &mut Shared) -> Reply {
        let Form::Choice { options } = &question.form else { return Reply::default() };
        let (right, mut lines) = match check_choice(options, self.run.selected) {
            ChoiceOutcome::Right => (true, vec![]),
            ChoiceOutcome::Wrong { why, common } => {
                let lead = if common { "That is the common wrong answer. " } else { "" };
                (false, vec![format!("{lead}{}", why.unwrap_or_default())])
            }
        };
        lines.push(format!("Model answer: {}", question.solution));
        self.finish(question, if right { Grade::Good } else { Grade::Again }, lines, shared)
    }

    /// A wrong number keeps the field open with the diagnosis beside it; only the first try
    /// decides the score, so a retry teaches without hiding the miss.
    fn submit_numeric(&mut self, question: &Question, shared: &mut Shared) -> Reply {
        let Some(answer) = self.run.answer.as_mut() else { return Reply::default() };
        match answer.submit() {
            Submitted::Unreadable | Submitted::Closed => Reply::default(),
            Submitted::Wrong => Reply::error("not quite: try again, h for a hint, or Esc then s for the solution"),
            Submitted::Right { misses: 0 } => self.finish(question, Grade::Good, vec![], shared),
            Submitted::Right { misses } => {
                let lines = vec![
                    format!("Right on try {}; only the first try scores, so it comes back soon.", misses + 1),
                    format!("Worked: {}", question.solution),
                ];
                self.finish(question, Grade::Again, lines, shared)
            }
        }
    }

    fn grade(&mut self, question: &Question, grade: Grade, shared: &mut Shared) -> Reply {
        let mut lines: Vec<String> = self.run.typed.iter().map(|t| format!("Your answer: {t}")).collect();
        lines.push(format!("Model answer: {}", question.solution));
        let name = match grade {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        };
        lines.push(format!("You graded it: {name}"));
        self.finish(question, grade, lines, shared)
    }

    /// The solution, given: nothing is scored, and the question is due again soon.
    fn show_solution(&mut self, question: &Question, shared: &mut Shared) -> Reply {
        let run = &mut self.run;
        if matches!(run.phase, Phase::Answered { .. }) {
            return Reply::default();
        }
        run.solution_shown = true;
        if let Some(answer) = run.answer.as_mut() {
            answer.show();
        }
        let lines = vec![format!("Solution: {}", question.solution)];
        self.close(question, Mark::Shown, lines);
        record_shown(question, self.run.hints, shared);
        Reply::info("shown, not scored: it comes back soon").with_effect(shared.save_progress())
    }

    /// Scores the current question, records it in progress and saves at once. A right answer
    /// after the hint that gave it away is not right: it counts as shown.
    fn finish(&mut self, question: &Question, grade: Grade, mut lines: Vec<String>, shared: &mut Shared) -> Reply {
        let hints = self.run.hints;
        if grade.is_right() && self.run.given_away(question) {
            lines.insert(0, "The last hint gave the answer, so this counts as shown and comes back soon.".into());
            self.close(question, Mark::Shown, lines);
            record_shown(question, hints, shared);
            return Reply::info("shown by the last hint, not scored").with_effect(shared.save_progress());
        }
        let mark = if grade.is_right() { Mark::Right } else { Mark::Missed };
        self.close(question, mark, lines);
        let hints = u32::try_from(hints).unwrap_or(u32::MAX);
        shared.progress.record(&question.id, question.topic.name(), grade, hints, shared.now);
        let reply =
            if mark == Mark::Right { Reply::success("right") } else { Reply::error("missed: the answer is below") };
        reply.with_effect(shared.save_progress())
    }

    /// Ends the current question with a mark.
    fn close(&mut self, question: &Question, mark: Mark, lines: Vec<String>) {
        let run = &mut self.run;
        run.input = None;
        run.focused = false;
        run.phase = Phase::Answered { mark, lines };
        let hints = u32::try_from(run.hints).unwrap_or(u32::MAX);
        self.outcomes.push(Outcome { question: question.clone(), mark, hints });
    }

    fn next_question(&mut self, shared: &mut Shared) -> Step {
        self.index += 1;
        if self.current().is_none() {
            return self.end(Ending::Finished, shared);
        }
        self.run = Run::new(self.current());
        Step::stay(Reply::default())
    }
}

fn record_shown(question: &Question, hints: usize, shared: &mut Shared) {
    let hints = u32::try_from(hints).unwrap_or(u32::MAX);
    shared.progress.record_shown(&question.id, question.topic.name(), hints, shared.now);
}

fn flag(question: &Question, shared: &mut Shared) -> Reply {
    let flagged = shared.progress.toggle_flag(&question.id, question.topic.name(), shared.now);
    let text = if flagged { "flagged: listed by `qkv-tutor progress`" } else { "flag removed" };
    Reply::info(text).with_effect(shared.save_progress())
}
