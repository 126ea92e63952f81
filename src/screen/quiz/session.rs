//! A running session: asking, retrying numeric answers, grading free recall, scoring and
//! saving after every answer.

use super::{ANSWER_CAP, Outcome, Page, Phase, QuizMsg, QuizState, Run, Session, SessionKind, Summary};
use crate::message::FieldMsg;
use crate::progress::Grade;
use crate::quiz::{ChoiceOutcome, Form, Question, check_choice};
use crate::screen::{Reply, Shared};
use crate::widget::{Submitted, TextField};

impl QuizState {
    fn current(&self) -> Option<Question> {
        self.session.as_ref().and_then(Session::current).cloned()
    }

    fn run_mut(&mut self) -> Option<&mut Run> {
        self.session.as_mut().map(|s| &mut s.run)
    }

    pub(super) fn question_key(&mut self, message: QuizMsg, shared: &mut Shared) -> Reply {
        let Some(question) = self.current() else { return Reply::default() };
        let Some(run) = self.run_mut() else { return Reply::default() };
        let answered = matches!(run.phase, Phase::Answered { .. });
        let choices = match &question.form {
            Form::Choice { options } => options.len(),
            _ => 0,
        };
        match message {
            QuizMsg::Back => return self.end_session(shared),
            QuizMsg::Flag => return flag(&question, shared),
            QuizMsg::Enter | QuizMsg::Next if answered => return self.next_question(shared),
            QuizMsg::Grade(grade) if run.phase == Phase::Grading => return self.grade(&question, grade, shared),
            QuizMsg::Hint => run.hints = (run.hints + 1).min(question.hints.len()),
            QuizMsg::Solution => return self.show_solution(&question),
            QuizMsg::Up => run.selected = run.selected.saturating_sub(1),
            QuizMsg::Down => run.selected = (run.selected + 1).min(choices.saturating_sub(1)),
            QuizMsg::Pick(i) if i < choices => {
                run.selected = i;
                return self.submit_choice(&question, shared);
            }
            QuizMsg::Answer => {
                run.focused = run.input.is_some();
                if let Some(answer) = run.answer.as_mut() {
                    answer.focus();
                }
            }
            QuizMsg::Enter => return self.submit(&question, shared),
            _ => {}
        }
        Reply::default()
    }

    fn submit(&mut self, question: &Question, shared: &mut Shared) -> Reply {
        match &question.form {
            Form::Choice { .. } => self.submit_choice(question, shared),
            Form::Free { .. } => {
                if let Some(run) = self.run_mut() {
                    run.input = Some(TextField::new(ANSWER_CAP));
                    run.focused = true;
                }
                Reply::default()
            }
            Form::Numeric(_) => {
                if let Some(answer) = self.run_mut().and_then(|r| r.answer.as_mut()) {
                    answer.focus();
                }
                Reply::default()
            }
        }
    }

    /// Keys typed into the answer field.
    pub(super) fn answer_field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        let Some(question) = self.current() else { return Reply::default() };
        let Some(run) = self.run_mut() else { return Reply::default() };
        if let Some(answer) = run.answer.as_mut() {
            return match message {
                FieldMsg::Cancel => {
                    answer.unfocus();
                    Reply::info("answer put aside: Enter answers, h hints, s shows the solution, Esc ends")
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
                Reply::info("answer put aside: Enter answers, h hints, s shows the solution, Esc ends")
            }
            FieldMsg::Submit => {
                run.typed = Some(field.text().to_string());
                run.input = None;
                run.focused = false;
                run.phase = Phase::Grading;
                Reply::default()
            }
            other => {
                field.edit(&other);
                Reply::default()
            }
        }
    }

    fn submit_choice(&mut self, question: &Question, shared: &mut Shared) -> Reply {
        let Form::Choice { options } = &question.form else { return Reply::default() };
        let Some(selected) = self.session.as_ref().map(|s| s.run.selected) else { return Reply::default() };
        let (right, mut lines) = match check_choice(options, selected) {
            ChoiceOutcome::Right => (true, vec![]),
            ChoiceOutcome::Wrong { why, common } => {
                let lead = if common { "That is the common wrong answer. " } else { "" };
                (false, vec![format!("{lead}{}", why.unwrap_or_default())])
            }
        };
        lines.push(format!("Model answer: {}", question.solution));
        self.finish(question, right, if right { Grade::Good } else { Grade::Again }, lines, shared)
    }

    /// A wrong number keeps the field open with the diagnosis beside it; only the first try
    /// decides the score, so a retry teaches without hiding the miss.
    fn submit_numeric(&mut self, question: &Question, shared: &mut Shared) -> Reply {
        let Some(answer) = self.run_mut().and_then(|r| r.answer.as_mut()) else { return Reply::default() };
        match answer.submit() {
            Submitted::Unreadable | Submitted::Closed => Reply::default(),
            Submitted::Wrong => Reply::error("not quite: try again, h for a hint, or Esc then s for the solution"),
            Submitted::Right { misses } => {
                let lines = if misses == 0 {
                    vec![]
                } else {
                    vec![
                        format!("Right on try {}; only the first try scores, so it comes back soon.", misses + 1),
                        format!("Worked: {}", question.solution),
                    ]
                };
                let grade = if misses == 0 { Grade::Good } else { Grade::Again };
                self.finish(question, misses == 0, grade, lines, shared)
            }
        }
    }

    fn grade(&mut self, question: &Question, grade: Grade, shared: &mut Shared) -> Reply {
        let typed = self.session.as_ref().and_then(|s| s.run.typed.clone());
        let mut lines: Vec<String> = typed.iter().map(|t| format!("Your answer: {t}")).collect();
        lines.push(format!("Model answer: {}", question.solution));
        let name = match grade {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        };
        lines.push(format!("You graded it: {name}"));
        self.finish(question, grade.is_right(), grade, lines, shared)
    }

    fn show_solution(&mut self, question: &Question) -> Reply {
        let Some(session) = self.session.as_mut() else { return Reply::default() };
        if matches!(session.run.phase, Phase::Answered { .. }) {
            return Reply::default();
        }
        session.run.solution_shown = true;
        if let Some(answer) = session.run.answer.as_mut() {
            answer.show();
        }
        session.run.input = None;
        session.run.focused = false;
        session.run.phase = Phase::Answered { right: false, lines: vec![format!("Solution: {}", question.solution)] };
        session.outcomes.push(outcome(question, false, session.run.hints, false));
        Reply::info("shown, not scored")
    }

    /// Scores the current question, records it in progress and saves at once.
    fn finish(
        &mut self,
        question: &Question,
        right: bool,
        grade: Grade,
        lines: Vec<String>,
        shared: &mut Shared,
    ) -> Reply {
        let Some(session) = self.session.as_mut() else { return Reply::default() };
        let hints = session.run.hints;
        session.run.input = None;
        session.run.focused = false;
        session.run.phase = Phase::Answered { right, lines };
        session.outcomes.push(outcome(question, right, hints, true));
        let hints = u32::try_from(hints).unwrap_or(u32::MAX);
        shared.progress.record(&question.id, question.topic.name(), grade, hints, shared.now);
        let reply = if right { Reply::success("right") } else { Reply::error("missed: the answer is below") };
        reply.with_effect(shared.save_progress())
    }

    fn next_question(&mut self, shared: &mut Shared) -> Reply {
        let Some(session) = self.session.as_mut() else { return Reply::default() };
        session.index += 1;
        match session.current().cloned() {
            Some(q) => {
                session.run = Run::new(&q);
                Reply::default()
            }
            None => self.end_session(shared),
        }
    }

    /// Ends the session and shows its summary; a drill's score is saved.
    pub(super) fn end_session(&mut self, shared: &mut Shared) -> Reply {
        let Some(session) = self.session.take() else { return Reply::default() };
        let title = match session.kind {
            SessionKind::Practice => "Practice",
            SessionKind::Drill { .. } => "Interview drill",
            SessionKind::Review => "Practising the missed ones",
        };
        let mut reply = Reply::default();
        if matches!(session.kind, SessionKind::Drill { .. }) {
            record_drill(&session.outcomes, shared);
            reply.effects.push(shared.save_progress());
        }
        self.summary = Some(Summary { title: title.into(), outcomes: session.outcomes });
        self.page = Page::Summary;
        reply
    }
}

fn outcome(question: &Question, right: bool, hints: usize, scored: bool) -> Outcome {
    let hints = u32::try_from(hints).unwrap_or(u32::MAX);
    Outcome { id: question.id.clone(), prompt: question.prompt.clone(), right, hints, scored }
}

fn flag(question: &Question, shared: &mut Shared) -> Reply {
    let flagged = shared.progress.toggle_flag(&question.id, question.topic.name(), shared.now);
    let text = if flagged { "flagged: listed by `qkv-tutor progress`" } else { "flag removed" };
    Reply::info(text).with_effect(shared.save_progress())
}

fn record_drill(outcomes: &[Outcome], shared: &mut Shared) {
    let scored: Vec<&Outcome> = outcomes.iter().filter(|o| o.scored).collect();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let record = crate::progress::DrillRecord {
        at: shared.now,
        right: count(scored.iter().filter(|o| o.right).count()),
        total: count(scored.len()),
        misses: scored.iter().filter(|o| !o.right).map(|o| o.id.clone()).collect(),
    };
    shared.progress.drills.push(record);
}
