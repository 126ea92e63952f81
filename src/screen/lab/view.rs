use super::{LabPanel, LabState, bugs, experiment_view, ideas};
use crate::engine::{Attention, Matrix};
use crate::lesson::Lesson;
use crate::scenario::Labels;
use crate::theme::Theme;
use crate::walk::experiment::Setup;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use strum::IntoEnumIterator;

pub struct LabView<'a> {
    pub state: &'a LabState,
    pub attention: &'a Attention,
    /// The scenario's second sequence, for cross-attention.
    pub encoder: Option<&'a Matrix>,
    /// The scenario's position table, for the shuffle experiment.
    pub positions: Option<&'a Matrix>,
    pub lesson: &'a Lesson,
    pub theme: Theme,
}

/// The width of the panel list; the mouse uses it too.
pub const LIST_WIDTH: u16 = 26;

impl Widget for &LabView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let last = self.attention.tokens().saturating_sub(1);
        self.render_labeled(&Labels::default(), last, area, buf);
    }
}

impl LabView<'_> {
    /// Draws the panel with the scenario's labels; `query` is the followed token, whose
    /// highest-scoring key the values panel explains.
    pub fn render_labeled(&self, labels: &Labels, query: usize, area: Rect, buf: &mut Buffer) {
        let [list, panel] = Layout::horizontal([Constraint::Length(LIST_WIDTH), Constraint::Fill(1)]).areas(area);
        self.render_list(list, buf);
        let panel_id = self.state.panel;
        let narration = self.lesson.lab_narration(panel_id.lesson_key());
        let [title, text, work] =
            Layout::vertical([Constraint::Length(1), Constraint::Max(6), Constraint::Fill(1)]).areas(panel);
        Line::styled(narration.title, self.theme.title()).render(title, buf);
        Paragraph::new(narration.text).wrap(Wrap { trim: true }).render(text, buf);
        let why = crate::walk::top_line(self.attention, labels, query.min(self.attention.tokens().saturating_sub(1)));
        self.render_panel(panel_id, why.as_deref(), work, buf);
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::new().borders(Borders::RIGHT).border_style(self.theme.border());
        let inner = block.inner(area);
        block.render(area, buf);
        let mut lines = vec![Line::styled("Bugs", self.theme.muted())];
        for panel in LabPanel::iter() {
            if panel == LabPanel::Heads {
                lines.push(Line::styled("Ideas", self.theme.muted()));
            }
            if panel == LabPanel::SqrtDk {
                lines.push(Line::styled("Experiments", self.theme.muted()));
            }
            let title = self.lesson.lab_narration(panel.lesson_key()).title;
            let selected = panel == self.state.panel;
            let style = if selected { self.theme.selected() } else { self.theme.text() };
            let marker = if selected { "▶ " } else { "  " };
            lines.push(Line::from(Span::styled(format!("{marker}{title}"), style)));
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_panel(&self, panel: LabPanel, why: Option<&str>, area: Rect, buf: &mut Buffer) {
        let (a, theme, state) = (self.attention, self.theme, self.state);
        match panel {
            LabPanel::Shapes => bugs::render_shapes(a, theme, area, buf),
            LabPanel::NoTranspose => bugs::render_no_transpose(a, theme, area, buf),
            LabPanel::SharedWeights => bugs::render_shared(a, theme, area, buf),
            LabPanel::HeadsBeforeProjection => bugs::render_heads_first(a, theme, area, buf),
            LabPanel::ValuesMatch => bugs::render_values(a, state, why, theme, area, buf),
            LabPanel::Heads => ideas::render_heads(a, state, theme, area, buf),
            LabPanel::ExamRule => ideas::render_exam_rule(a, theme, area, buf),
            LabPanel::AnswerSheet => ideas::render_answer_sheet(a, state, theme, area, buf),
            LabPanel::MemoryShortcut => ideas::render_decode(a, state, theme, area, buf),
            LabPanel::InTheWild => ideas::render_wild(a, theme, area, buf),
            LabPanel::SqrtDk | LabPanel::SharedQk | LabPanel::Shuffle | LabPanel::Cross => {
                let setup = Setup { seed: state.seed, positions: self.positions, ..Setup::new(a, self.encoder) };
                if let Some(experiment) = panel.experiment() {
                    experiment_view::render_experiment(experiment, state, setup, theme, area, buf);
                }
            }
        }
    }
}

/// The row of the list a click at `y` (relative to the body's top) lands on, if any.
#[must_use]
pub fn panel_at_row(y: u16) -> Option<LabPanel> {
    let index = match y {
        1..=5 => usize::from(y) - 1,
        7..=11 => usize::from(y) - 2,
        13..=16 => usize::from(y) - 3,
        _ => return None,
    };
    LabPanel::iter().nth(index)
}
