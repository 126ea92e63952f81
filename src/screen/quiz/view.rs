use super::apply::GRID_NAMES;
use super::{Page, Phase, QuizMode, QuizState, Session, Summary};
use crate::format::plural;
use crate::lesson::Lesson;
use crate::progress::Progress;
use crate::quiz::{Form, Question};
use crate::theme::Theme;
use crate::widget::line::{item_indent, wrap_line, wrap_lines};
use crate::widget::{CellMark, GridModel, MatrixGrid};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

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
        let lines = match self.state.page {
            Page::Menu => self.menu_lines(),
            Page::Question => self.state.session.as_ref().map(|s| self.question_lines(s)).unwrap_or_default(),
            Page::Summary => self.state.summary.as_ref().map(|s| self.summary_lines(s)).unwrap_or_default(),
            Page::Challenges => self.challenge_lines(),
            Page::Apply => return self.render_apply(area, buf),
            Page::Diagram => self.diagram_lines(width, usize::from(area.height)),
            Page::Boundary => self.boundary_lines(),
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
        for (mode, text) in QuizMode::ALL.iter().zip(about) {
            let selected = *mode == self.state.menu;
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
        let kind = match session.kind {
            super::SessionKind::Practice => "Practice",
            super::SessionKind::Drill { .. } => "Interview drill",
            super::SessionKind::Review => "Practising the missed ones",
        };
        let leitner = self.progress.cards.get(&question.id).map_or(1, |c| c.leitner_box);
        let mut spans = vec![Span::styled(
            format!(
                "{kind} · question {} of {} · {} · box {leitner}",
                session.index + 1,
                session.queue.len(),
                question.topic.name()
            ),
            self.theme.title(),
        )];
        if let Some(ms) = session.remaining_ms() {
            let right = session.outcomes.iter().filter(|o| o.right).count();
            spans.push(Span::styled(
                format!("  ⏱ {}:{:02} left · {right} right", ms / 60_000, (ms / 1000) % 60),
                self.theme.key(),
            ));
        }
        Line::from(spans)
    }

    fn question_lines(&self, session: &Session) -> Vec<Line<'static>> {
        let Some(question) = session.current() else { return Vec::new() };
        let run = &session.run;
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
        lines
    }

    fn answer_lines(&self, question: &Question, session: &Session) -> Vec<Line<'static>> {
        let run = &session.run;
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
            Phase::Answered { right, lines: feedback } => {
                let (mark, style) = if *right {
                    ("✓ right", self.theme.right())
                } else if run.solution_shown {
                    ("solution shown (not scored)", self.theme.key())
                } else {
                    ("✗ scored as a miss", self.theme.wrong())
                };
                lines.push(Line::styled(mark, style));
                lines.extend(feedback.iter().map(|l| Line::raw(l.clone())));
            }
        }
        lines
    }

    fn summary_lines(&self, summary: &Summary) -> Vec<Line<'static>> {
        let scored = summary.outcomes.iter().filter(|o| o.scored).count();
        let right = summary.outcomes.iter().filter(|o| o.scored && o.right).count();
        let hints: u32 = summary.outcomes.iter().map(|o| o.hints).sum();
        let mut lines = vec![
            Line::styled(format!("{}: the summary", summary.title), self.theme.title()),
            Line::default(),
            Line::raw(format!(
                "Answered {}: {right} of {} right, {} missed, {} used.",
                summary.outcomes.len(),
                plural(scored, "scored answer"),
                scored - right,
                plural(hints, "hint")
            )),
        ];
        let misses = summary.misses();
        if misses.is_empty() {
            lines.push(Line::styled("✓ nothing missed", self.theme.right()));
        } else {
            lines.push(Line::styled("Missed:", self.theme.wrong()));
            lines.extend(misses.iter().map(|o| Line::raw(format!("  ✗ {}", o.prompt))));
        }
        lines.push(Line::default());
        let keys = if misses.is_empty() {
            "Enter: back to the menu"
        } else {
            "m: practise the missed ones · Enter: back to the menu"
        };
        lines.push(Line::styled(keys, self.theme.muted()));
        lines
    }

    fn challenge_lines(&self) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::styled(
                "Challenges: reach the goal in the playground with as few edits as you can",
                self.theme.title(),
            ),
            Line::default(),
        ];
        for (i, challenge) in self.lesson.challenges.iter().enumerate() {
            let selected = i == self.state.challenge;
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

    fn render_apply(&self, area: Rect, buf: &mut Buffer) {
        let apply = &self.state.apply;
        let [intro, grids, report] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(7), Constraint::Fill(1)]).areas(area);
        let text = "Apply now: take x = [1, 2, 1, 0]. Invent small W_Q, W_K, W_V, compute q, k and v by hand, type them in, press c to check.";
        Paragraph::new(text).wrap(Wrap { trim: true }).render(intro, buf);
        let columns = Layout::horizontal([Constraint::Fill(1); 4]).split(grids);
        for (i, column) in columns.iter().enumerate() {
            let model = apply_grid(apply, i);
            (&MatrixGrid { model: &model, theme: self.theme }).render(*column, buf);
        }
        let width = usize::from(report.width);
        let mut head: Vec<Line> = Vec::new();
        if let Some(field) = &apply.edit {
            let mut spans = vec![Span::styled("Entry: ", self.theme.key())];
            spans.extend(field.spans_with_note(self.theme));
            spans.push(Span::styled("  Enter commits, Esc cancels", self.theme.muted()));
            head.extend(wrap_line(&Line::from(spans), width, 0));
        }
        if apply.report.is_empty() && head.is_empty() {
            head.push(Line::styled(
                "arrows move · Enter edits a cell (Enter commits, Esc cancels) · c checks · n next task · Esc back",
                self.theme.muted(),
            ));
        }
        let rows = usize::from(report.height).saturating_sub(head.len());
        head.extend(self.checklist(&apply.report, width, rows));
        Paragraph::new(wrap_lines(&head, width, item_indent)).render(report, buf);
    }
}

fn apply_grid(apply: &super::ApplyState, index: usize) -> GridModel {
    let matrix = &apply.grids[index];
    let labels =
        if index == 3 { vec!["q".into(), "k".into(), "v".into()] } else { (1..=4).map(|i| i.to_string()).collect() };
    let values = matrix.row_iter().map(|r| r.iter().copied().collect()).collect();
    let mut model = GridModel::new(GRID_NAMES[index].into(), labels, values);
    if index == 3 {
        for r in 0..3 {
            for c in 0..2 {
                model.masked[r][c] = matrix[(r, c)].is_nan();
            }
        }
    }
    model.focused = apply.grid == index;
    if model.focused {
        match &apply.edit {
            Some(field) => model.editing = Some((apply.row, apply.col, field.text().to_string())),
            None => model.mark(apply.row, apply.col, CellMark::Selected),
        }
    }
    model
}
