use super::{ApplyGrid, ApplyState, Mark, Page, Phase, QuizMode, QuizState, Session};
use crate::format::plural;
use crate::lesson::Lesson;
use crate::progress::Progress;
use crate::quiz::{Form, Question};
use crate::theme::Theme;
use crate::widget::line::{item_indent, wrap_line, wrap_lines};
use crate::widget::{GridModel, MatrixGrid};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use strum::IntoEnumIterator;

pub struct QuizView<'a> {
    pub state: &'a QuizState,
    pub progress: &'a Progress,
    pub lesson: &'a Lesson,
    pub now: u64,
    pub drill_minutes: u64,
    pub read_only: bool,
    pub theme: Theme,
}

impl Widget for &QuizView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let lines = match self.state.page() {
            Page::Menu => self.menu_lines(),
            Page::Session(session) => self.question_lines(session),
            Page::Summary(summary) => self.summary_lines(summary, width, usize::from(area.height)),
            Page::Challenges(selected) => self.challenge_lines(*selected),
            Page::Apply(apply) => return self.render_apply(apply, area, buf),
            Page::Diagram(task) => self.diagram_lines(task, width, usize::from(area.height)),
            Page::Boundary(task) => self.boundary_lines(task),
        };
        // Wrapped here rather than by the paragraph, so list items keep their indent.
        Paragraph::new(wrap_lines(&lines, width, item_indent)).render(area, buf);
    }
}

impl QuizView<'_> {
    fn menu_lines(&self) -> Vec<Line<'static>> {
        let ids: Vec<&str> = self.lesson.questions.iter().map(|q| q.id.as_str()).collect();
        let seen = ids.iter().filter(|id| self.progress.cards.get(**id).is_some_and(|c| c.seen > 0)).count();
        let due = ids.iter().filter(|id| self.progress.is_due(id, self.now)).count();
        let drill =
            self.progress.drills.last().map_or_else(|| "none yet".into(), |d| format!("{}/{}", d.right, d.total));
        let mut lines = vec![
            Line::styled(
                format!("{} · seen {seen} · due now {due} · last drill {drill}", plural(ids.len(), "question")),
                self.theme.title(),
            ),
            Line::default(),
        ];
        let about = [
            "due questions first, spaced by Leitner boxes",
            &format!("a timed round of {}, one question after another", plural(self.drill_minutes, "minute")),
            "goals on the live numbers, fewest edits wins",
            "the lesson's exercise, checked entry by entry",
        ];
        for (mode, text) in QuizMode::iter().zip(about) {
            let selected = mode == self.state.menu();
            let mode = mode.title();
            let style = if selected { self.theme.selected() } else { self.theme.text() };
            lines.push(Line::from(vec![
                Span::styled(format!("{} {mode:<16}", if selected { "▶" } else { " " }), style),
                Span::styled(format!(" {text}"), self.theme.muted()),
            ]));
        }
        lines.push(Line::default());
        let saving = if self.read_only {
            "read-only: answers are not saved"
        } else {
            "your progress is saved after every answer"
        };
        lines.push(Line::styled(format!("↑/↓ choose · Enter start · {saving}"), self.theme.muted()));
        lines
    }

    fn question_header(&self, session: &Session, question: &Question) -> Line<'static> {
        let kind = session.kind().title();
        let leitner = self.progress.cards.get(&question.id).map_or(1, |c| c.leitner_box);
        let mut spans = vec![Span::styled(
            format!(
                "{kind} · question {} of {} · {} · box {leitner}",
                session.index() + 1,
                session.queue().len(),
                question.topic.name()
            ),
            self.theme.title(),
        )];
        if let Some(ms) = session.remaining_ms() {
            let right = session.outcomes().iter().filter(|o| o.mark() == Mark::Right).count();
            spans.push(Span::styled(
                format!("  ⏱ {}:{:02} left · {right} right", ms / 60_000, (ms / 1000) % 60),
                self.theme.key(),
            ));
        }
        Line::from(spans)
    }

    fn question_lines(&self, session: &Session) -> Vec<Line<'static>> {
        let Some(question) = session.current() else { return Vec::new() };
        let run = session.run();
        let mut lines = vec![
            self.question_header(session, question),
            Line::default(),
            Line::raw(question.prompt.clone()),
            Line::default(),
        ];
        lines.extend(self.answer_lines(question, session));
        for (i, hint) in question.hints.iter().take(run.hints).enumerate() {
            lines.push(Line::styled(format!("hint {}: {hint}", i + 1), self.theme.key()));
        }
        if run.phase == Phase::Grading {
            lines.push(Line::default());
            lines.push(Line::styled("How did it go? a again · h hard · g good · e easy", self.theme.key()));
        }
        if session.leaving() {
            lines.push(Line::default());
            lines.push(Line::styled(
                "Leave the drill now? y leaves and keeps your last drill record · n keeps going",
                self.theme.key(),
            ));
        }
        lines
    }

    fn answer_lines(&self, question: &Question, session: &Session) -> Vec<Line<'static>> {
        let run = session.run();
        let mut lines = Vec::new();
        if let Form::Choice { options } = &question.form {
            for (i, option) in options.iter().enumerate() {
                let asking = run.phase == Phase::Asking;
                let selected = i == run.selected;
                let (marker, style) = match (asking, selected, option.correct) {
                    (true, true, _) => ("▶", self.theme.selected()),
                    (true, false, _) => (" ", self.theme.text()),
                    (false, _, true) => ("✓", self.theme.right()),
                    (false, true, false) if !run.solution_shown => ("✗", self.theme.wrong()),
                    (false, _, false) => (" ", self.theme.muted()),
                };
                let letter = char::from(b'a' + u8::try_from(i).unwrap_or(25).min(25));
                lines.push(Line::styled(format!("{marker} {letter}) {}", option.text), style));
            }
        }
        if let Some(answer) = run.answer.as_ref().filter(|a| a.is_open()) {
            lines.extend(answer.lines("Your answer: ", "Enter to answer", self.theme));
        } else if let Some(field) = &run.input {
            lines.push(field.line("Your answer: ", run.focused, "Enter to answer", self.theme));
        } else if matches!(question.form, Form::Free { .. }) && run.phase == Phase::Asking {
            lines.push(Line::styled(
                "Answer in your head, or press Enter to type it; Enter again shows the model answer.",
                self.theme.muted(),
            ));
        }
        match &run.phase {
            Phase::Asking => {}
            Phase::Grading => {
                if let Some(typed) = &run.typed {
                    lines.push(Line::raw(format!("Your answer: {}", crate::sanitize::strip(typed))));
                    if let Some(note) = crate::quiz::mention_note(question, typed) {
                        lines.push(Line::styled(note, self.theme.key()));
                    }
                }
                lines.push(Line::styled(format!("Model answer: {}", question.solution), self.theme.result()));
            }
            Phase::Answered { mark, lines: feedback } => {
                let (mark, style) = match mark {
                    Mark::Right => ("✓ right", self.theme.right()),
                    Mark::Shown => ("shown, not scored: it comes back soon", self.theme.key()),
                    Mark::Missed => ("✗ scored as a miss", self.theme.wrong()),
                };
                lines.push(Line::styled(mark, style));
                lines.extend(feedback.iter().map(|l| Line::raw(l.clone())));
            }
        }
        lines
    }

    fn challenge_lines(&self, selected: usize) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::styled(
                "Challenges: reach the goal in the playground with as few edits as you can",
                self.theme.title(),
            ),
            Line::default(),
        ];
        for (i, challenge) in self.lesson.challenges.iter().enumerate() {
            let selected = i == selected;
            let best = self
                .progress
                .challenges
                .get(&challenge.id)
                .map_or_else(|| "not met yet".into(), |b| format!("best: {}", plural(*b, "edit")));
            let style = if selected { self.theme.selected() } else { self.theme.text() };
            lines.push(Line::styled(format!("{} {}", if selected { "▶" } else { " " }, challenge.goal), style));
            lines.push(Line::styled(format!("    {best}"), self.theme.muted()));
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            "↑/↓ choose · Enter start (the playground resets to the lesson) · Esc back",
            self.theme.muted(),
        ));
        lines
    }

    fn render_apply(&self, apply: &ApplyState, area: Rect, buf: &mut Buffer) {
        let [intro, grids, report] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(7), Constraint::Fill(1)]).areas(area);
        let text = "Apply now: take x = [1, 2, 1, 0]. Invent small W_Q, W_K, W_V, compute q, k and v by hand, type them in, press c to check.";
        Paragraph::new(text).wrap(Wrap { trim: true }).render(intro, buf);
        let columns = Layout::horizontal([Constraint::Fill(1); 4]).split(grids);
        for (grid, column) in ApplyGrid::iter().zip(columns.iter()) {
            let model = apply_grid(apply, grid);
            (&MatrixGrid { model: &model, theme: self.theme }).render(*column, buf);
        }
        let width = usize::from(report.width);
        let mut head: Vec<Line> = Vec::new();
        if let Some(field) = apply.editor().field() {
            let mut spans = vec![Span::styled("Entry: ", self.theme.key())];
            spans.extend(field.spans_with_note(self.theme));
            spans.push(Span::styled("  Enter commits, Esc cancels", self.theme.muted()));
            head.extend(wrap_line(&Line::from(spans), width, 0));
        }
        if apply.report().is_empty() && head.is_empty() {
            head.push(Line::styled(
                "arrows move · Enter edits a cell (Enter commits, Esc cancels) · c checks · n next task · Esc back",
                self.theme.muted(),
            ));
        }
        let rows = usize::from(report.height).saturating_sub(head.len());
        head.extend(self.checklist(apply.report(), width, rows));
        Paragraph::new(wrap_lines(&head, width, item_indent)).render(report, buf);
    }
}

fn apply_grid(apply: &ApplyState, grid: ApplyGrid) -> GridModel {
    let matrix = apply.matrix(grid);
    let labels = if grid == ApplyGrid::Answers {
        vec!["q".into(), "k".into(), "v".into()]
    } else {
        (1..=matrix.nrows()).map(|i| i.to_string()).collect()
    };
    let values = matrix.row_iter().map(|r| r.iter().copied().collect()).collect();
    let mut model = GridModel::new(grid.name().into(), labels, values);
    if grid == ApplyGrid::Answers {
        // An answer not filled in yet is a hole, not a number.
        model.masked = matrix.row_iter().map(|r| r.iter().map(|v| v.is_nan()).collect()).collect();
    }
    apply.editor().overlay(grid, true).apply(&mut model);
    model
}
