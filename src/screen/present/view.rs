use super::ClassPanel;
use crate::engine::Attention;
use crate::format;
use crate::lesson::Lesson;
use crate::notes::Notes;
use crate::scenario::Labels;
use crate::screen::walkthrough::{Step, roles_lines, shape_lines, step_grids};
use crate::theme::Theme;
use crate::walk::output_lines;
use crate::widget::line::wrap_line;
use crate::widget::{GridModel, MatrixGrid, big_digits};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The number a slide asks for: its name, its value and how it is computed.
#[must_use]
pub fn slide_value(step: Step, a: &Attention) -> Option<(String, f64, String)> {
    match step {
        Step::Projection { projection, token, entry } => {
            let d = a.projection_derivation(projection, token, entry);
            let name = format!("{}{} entry {}", projection.letter(), token + 1, entry + 1);
            Some((name, d.value, format::terms(&d)))
        }
        Step::Score { query, key } => {
            let d = a.score_derivation(query, key);
            Some((format!("q{}·k{}", query + 1, key + 1), d.value, format::terms(&d)))
        }
        Step::Context { query, entry } => {
            let d = a.context_derivation(query, entry);
            Some((format!("c{} entry {}", query + 1, entry + 1), d.value, format::terms(&d)))
        }
        Step::Softmax { query } => {
            let s = a.softmax_derivation(query);
            let expression = format!("softmax of {}", format::vector(s.logits.iter().copied()));
            Some((format!("the weight of k1 for q{}", query + 1), s.weights[0], expression))
        }
        Step::Roles | Step::Shapes | Step::Output { .. } | Step::Ideas => None,
    }
}

/// The speaker notes for a slide: what to say, what to ask, and the answer.
#[must_use]
pub fn notes_for(step: Step, index: usize, count: usize, a: &Attention, lesson: &Lesson, revealed: bool) -> Notes {
    let narration = lesson.narration(step.narration_key());
    let value = slide_value(step, a);
    let target = value.as_ref().map_or_else(|| "Q".to_string(), |(name, ..)| name.clone());
    let answer = match (&value, step) {
        (Some((name, v, expression)), _) => format!("{name} = {expression} = {}", format::number(*v)),
        (None, Step::Shapes) => shape_lines(a).into_iter().filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; "),
        (None, Step::Roles) => roles_lines(a).into_iter().filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; "),
        (None, Step::Output { query }) => output_lines(a, &Labels::default(), query).join("; "),
        (None, _) => lesson.ideas.iter().map(|i| i.name.clone()).collect::<Vec<_>>().join(", "),
    };
    Notes {
        presenting: true,
        slide: index + 1,
        slides: count,
        title: narration.title,
        say: narration.text,
        ask: narration.ask.unwrap_or_default().replace("{target}", &target),
        answer,
        revealed,
    }
}

/// A grid's borders, its column header and one row of numbers.
const MIN_GRID_HEIGHT: u16 = 4;

pub struct SlideView<'a> {
    pub step: Step,
    pub index: usize,
    pub count: usize,
    pub attention: &'a Attention,
    pub lesson: &'a Lesson,
    pub revealed: bool,
    pub theme: Theme,
    /// Class mode: the room under the slide.
    pub class: Option<ClassOnSlide<'a>>,
    /// The scenario has a second sequence the slides leave out: the counter says they walk
    /// the decoder's own self-attention.
    pub decoder_only: bool,
}

/// Class mode's part of the projector: the room's tally, what students type to join, and
/// what the teacher chose to show.
#[derive(Debug, Clone, Copy)]
pub struct ClassOnSlide<'a> {
    pub tally: Option<&'a crate::class::Tally>,
    pub join: &'a str,
    pub names: bool,
    pub panel: super::ClassPanel,
}

/// The slide's area: centred, at most 150×50, so a large projector shows the slide in the
/// middle of the wall rather than in its top left corner.
fn centred(area: Rect) -> Rect {
    let [column] = Layout::horizontal([Constraint::Max(150)]).flex(ratatui::layout::Flex::Center).areas(area);
    let [slide] = Layout::vertical([Constraint::Max(50)]).flex(ratatui::layout::Flex::Center).areas(column);
    slide
}

impl Widget for &SlideView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = centred(area);
        let big = area.width >= 150 && area.height >= 44;
        let class = self.class.map(|c| c.lines(self.theme, usize::from(area.width))).unwrap_or_default();
        // The slide keeps at least its title, two lines of narration and its number.
        let class_height = u16::try_from(class.len()).unwrap_or(0).min(area.height.saturating_sub(8));
        // The keys are the app's footer, under the slide.
        let [header, text, work, room] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Max(if big { 8 } else { 5 }),
            Constraint::Fill(1),
            Constraint::Length(class_height),
        ])
        .areas(area);
        Paragraph::new(class).render(room, buf);
        let narration = self.lesson.narration(self.step.narration_key());
        let last = self.index + 1 >= self.count;
        let part = if self.decoder_only { "decoder self-attention · " } else { "" };
        let end = if last { " · the end" } else { "" };
        let counter = format!("{part}slide {} / {}{end}", self.index + 1, self.count);
        let width = u16::try_from(counter.chars().count()).unwrap_or(0);
        // The title gives way to the counter, cut with … and a space between them.
        let room = usize::from(header.width.saturating_sub(width.saturating_add(1)));
        Line::styled(crate::widget::line::fit(&narration.title, room).into_owned(), self.theme.title())
            .render(header, buf);
        buf.set_string(header.right().saturating_sub(width), header.y, counter, self.theme.key());
        Paragraph::new(narration.text).wrap(Wrap { trim: true }).render(text, buf);
        self.render_work(work, buf, if big { 2 } else { 1 });
    }
}

impl ClassOnSlide<'_> {
    /// The lines under the slide, wrapped to `width`: the tally while a question is open,
    /// the names or a panel when asked for, and the join line (whole, with the fingerprint).
    fn lines(&self, theme: Theme, width: usize) -> Vec<Line<'static>> {
        // The join line first: when the room is short, the panel is what gets cut.
        let mut lines = vec![Line::styled(format!("join the class: {}", self.join), theme.muted())];
        if let Some(tally) = self.tally.filter(|t| t.question.is_some()) {
            lines.extend(crate::screen::class::tally_lines(tally, theme));
            if self.names && tally.revealed && !tally.right_names.is_empty() {
                lines.push(Line::styled(format!("right: {}", tally.right_names.join(", ")), theme.right()));
            }
        }
        if let Some(tally) = self.tally {
            lines.extend(panel_lines(self.panel, tally, theme));
        }
        lines.iter().flat_map(|l| wrap_line(l, width.max(1), 2)).collect()
    }
}

fn panel_lines(panel: ClassPanel, tally: &crate::class::Tally, theme: Theme) -> Vec<Line<'static>> {
    match panel {
        ClassPanel::None => Vec::new(),
        ClassPanel::Roster if tally.roster.is_empty() => vec![Line::styled("roster: no one has joined", theme.muted())],
        ClassPanel::Roster => {
            let rows: Vec<String> = tally
                .roster
                .iter()
                .map(|r| {
                    let mark = if r.answered { "✓" } else { "·" };
                    format!("{mark} {}{}", r.name, if r.here { "" } else { " (left)" })
                })
                .collect();
            vec![Line::styled(format!("roster: {}", rows.join("  ")), theme.key())]
        }
        ClassPanel::Log if tally.log.is_empty() => vec![Line::styled("log: nothing yet", theme.muted())],
        ClassPanel::Log => tally.log.iter().map(|l| Line::styled(format!("log: {l}"), theme.muted())).collect(),
    }
}

impl SlideView<'_> {
    /// A slide without one number: the question until revealed, then its lines.
    fn render_text_slide(&self, area: Rect, buf: &mut Buffer) {
        if !self.revealed {
            let ask = self.lesson.narration(self.step.narration_key()).ask.unwrap_or_default().replace("{target}", "Q");
            let lines = vec![
                Line::styled(ask, self.theme.title()),
                Line::default(),
                Line::styled("? (ask the room first; → reveals)", self.theme.key()),
            ];
            Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        let lines = match self.step {
            Step::Shapes => shape_lines(self.attention),
            Step::Roles => roles_lines(self.attention),
            Step::Output { query } => output_lines(self.attention, &Labels::default(), query),
            _ => self.lesson.ideas.iter().map(|i| format!("{}: {}", i.name, i.text)).collect(),
        };
        let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
    }

    fn render_work(&self, area: Rect, buf: &mut Buffer, scale: u16) {
        let Some((name, value, expression)) = slide_value(self.step, self.attention) else {
            self.render_text_slide(area, buf);
            return;
        };
        let grids = step_grids(self.step, self.attention, &Labels::default());
        let rows = grids.as_ref().map_or(0, |g| g.iter().map(GridModel::rows).max().unwrap_or(0));
        let grid_height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(3);
        // The number comes first; the grids take what is left, scrolled to the row and column
        // being paired, and only when that shows at least one row of numbers.
        let room = area.height.saturating_sub(2 + 5 * scale);
        let grid_height = if room >= MIN_GRID_HEIGHT && grids.is_some() { grid_height.min(room) } else { 0 };
        let [expression_area, grid_area, digits] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(grid_height), Constraint::Fill(1)]).areas(area);
        if let (Some([first, second]), true) = (&grids, grid_height > 0) {
            let [left, right, _] =
                Layout::horizontal([Constraint::Max(48), Constraint::Max(34), Constraint::Fill(1)]).areas(grid_area);
            (&MatrixGrid { model: first, theme: self.theme }).render(left, buf);
            (&MatrixGrid { model: second, theme: self.theme }).render(right, buf);
        }
        Paragraph::new(format!("{name} = {expression} ="))
            .style(self.theme.title())
            .wrap(Wrap { trim: true })
            .render(expression_area, buf);
        let shown = if self.revealed { format::number_fitting(value, 8) } else { "?".into() };
        let style = if self.revealed { self.theme.result() } else { self.theme.key() };
        big_digits::render(&shown, scale, style, digits, buf);
    }
}
