//! The Quiz on state: every question form, hints, solutions, flags, summaries, drills,
//! Apply now, challenges, and progress saved at once. Numeric answers come from the engine.
#![allow(clippy::float_cmp, reason = "the answers compared are small integers, exact in f64")]

use qkv_tutor::app::App;
use qkv_tutor::app::Message;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::quiz::{Form, NumericAnswer, Question, Verdict, check_numeric, resolve};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::playground::GridId;
use qkv_tutor::screen::playground::PlayMsg;
use qkv_tutor::screen::quiz::QuizMsg;
use qkv_tutor::screen::quiz::{ApplyGrid, Mark, Page, Phase, Session, SessionKind};
use qkv_tutor::theme::Theme;

fn app() -> App {
    let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Quiz));
    app
}

fn question(app: &App, id: &str) -> Question {
    let spec = app.lesson().questions.iter().find(|q| q.id == id).expect("question exists");
    // The app's default seed: the same numbers its sessions resolve.
    resolve(spec, 1)
}

fn ask(app: &mut App, id: &str) -> Question {
    app.practise(&[id]);
    app.quiz().session().and_then(Session::current).cloned().expect("the question is asked")
}

/// Opens a page of the quiz menu as a learner does: down to it, then Enter.
fn open_page(app: &mut App, downs: usize) {
    for _ in 0..downs {
        quiz(app, QuizMsg::Down);
    }
    quiz(app, QuizMsg::Enter);
}

/// Types a value into one Apply now cell, moving there with the arrows first.
fn set_apply_cell(app: &mut App, grid: ApplyGrid, row: usize, col: usize, value: f64) {
    for _ in 0..40 {
        let editor = apply(app).editor();
        if (editor.grid(), editor.cell().1) == (grid, col) {
            break;
        }
        quiz(app, QuizMsg::Right);
    }
    for _ in 0..4 {
        quiz(app, QuizMsg::Up);
    }
    for _ in 0..row {
        quiz(app, QuizMsg::Down);
    }
    quiz(app, QuizMsg::Enter);
    app.update(Message::Field(FieldMsg::ClearToStart));
    type_text(app, &qkv_tutor::format::number(value));
    app.update(Message::Field(FieldMsg::Submit));
    assert_eq!(apply(app).matrix(grid)[(row, col)], value);
}

fn apply(app: &App) -> &qkv_tutor::screen::quiz::ApplyState {
    app.quiz().apply().expect("Apply now is open")
}

fn quiz(app: &mut App, message: QuizMsg) {
    app.update(Message::Quiz(message));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Message::Field(FieldMsg::Insert(c)));
    }
}

fn phase(app: &App) -> Phase {
    app.quiz().session().expect("session").run().phase().clone()
}

fn option_index(q: &Question, pick: impl Fn(&qkv_tutor::quiz::OptionSpec) -> bool) -> usize {
    let Form::Choice { options } = &q.form else { panic!("a choice question") };
    options.iter().position(pick).expect("option")
}

#[test]
fn choosing_the_common_wrong_answer_explains_why() {
    let mut app = app();
    let q = ask(&mut app, "interview-simplest");
    quiz(&mut app, QuizMsg::Pick(option_index(&q, |o| o.common_wrong)));
    let Phase::Answered { mark, lines } = phase(&app) else { panic!("answered") };
    assert_eq!(mark, Mark::Missed);
    assert!(lines[0].contains("common wrong answer") && lines[0].contains("different learned matrices"), "{lines:?}");
    assert_eq!(app.progress().cards["interview-simplest"].wrong, 1);
}

#[test]
fn choosing_the_right_option_scores_and_moves_the_card_up() {
    let mut app = app();
    let q = ask(&mut app, "interview-simplest");
    quiz(&mut app, QuizMsg::Pick(option_index(&q, |o| o.correct)));
    assert!(matches!(phase(&app), Phase::Answered { mark: Mark::Right, .. }));
    assert_eq!(app.progress().cards["interview-simplest"].leitner_box, 2);
}

#[test]
fn options_are_shuffled_so_the_right_one_is_not_always_first() {
    let app = app();
    let firsts: Vec<bool> = app
        .lesson()
        .questions
        .iter()
        .filter_map(|spec| match resolve(spec, 7).form {
            Form::Choice { options } => Some(options[0].correct),
            _ => None,
        })
        .collect();
    assert!(firsts.iter().any(|first| !first), "some question starts with a wrong option");
}

#[test]
fn a_numeric_miss_keeps_the_field_open_with_a_diagnosis_and_counts_as_a_miss() {
    let mut app = app();
    let q = ask(&mut app, "numeric-score");
    type_text(&mut app, "12345");
    app.update(Message::Field(FieldMsg::Submit));
    assert_eq!(phase(&app), Phase::Asking, "a wrong number is retried, not dismissed");
    let run = app.quiz().session().expect("session").run();
    assert!(run.answer().and_then(|a| a.field().note()).is_some(), "the diagnosis sits beside the field");
    let Form::Numeric(NumericAnswer::Number { value, .. }) = q.form else { panic!("numeric") };
    type_text(&mut app, &qkv_tutor::format::number(value));
    app.update(Message::Field(FieldMsg::Submit));
    let Phase::Answered { mark, lines } = phase(&app) else { panic!("answered on the retry") };
    assert!(mark == Mark::Missed && lines[0].contains("try 2"), "{lines:?}");
    assert_eq!(app.progress().cards["numeric-score"].wrong, 1);
}

#[test]
fn typing_q_into_a_numeric_answer_is_text_not_quit() {
    let mut app = app();
    ask(&mut app, "numeric-score");
    let key = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('q'));
    let message = qkv_tutor::app::map_event(&app, &ratatui::crossterm::event::Event::Key(key)).expect("a message");
    app.update(message);
    assert!(app.running());
    let typed = app.quiz().session().and_then(|s| s.run().answer()).map(|a| a.field().text().to_string());
    assert_eq!(typed.as_deref(), Some("q"));
}

#[test]
fn a_numeric_hit_is_right() {
    let mut app = app();
    let q = ask(&mut app, "numeric-key-entry");
    let Form::Numeric(NumericAnswer::Number { value, .. }) = q.form else { panic!("numeric") };
    type_text(&mut app, &qkv_tutor::format::number(value));
    app.update(Message::Field(FieldMsg::Submit));
    assert!(matches!(phase(&app), Phase::Answered { mark: Mark::Right, .. }));
}

#[test]
fn generated_numeric_answers_come_from_the_engine() {
    let app = app();
    for session in 0..50 {
        for spec in app.lesson().questions.iter().filter(|q| q.generator.is_some()) {
            let q = resolve(spec, session);
            match &q.form {
                Form::Numeric(NumericAnswer::Number { value, derivation: Some(d), .. }) => {
                    assert!((d.sum_of_terms() - value).abs() < 1e-9, "{}: {value}", q.id);
                    assert_eq!(
                        check_numeric(
                            &NumericAnswer::Number { value: *value, derivation: Some(d.clone()), slips: Vec::new() },
                            &qkv_tutor::format::number(*value)
                        ),
                        Ok(Verdict::Right)
                    );
                }
                Form::Numeric(NumericAnswer::Number { value, derivation: None, .. }) => {
                    let typed = qkv_tutor::format::number(*value);
                    assert_eq!(
                        check_numeric(
                            &NumericAnswer::Number { value: *value, derivation: None, slips: Vec::new() },
                            &typed
                        ),
                        Ok(Verdict::Right)
                    );
                    assert!(
                        q.solution.contains(&typed) || q.solution.contains(&format!("{value:.3}")),
                        "{}",
                        q.solution
                    );
                }
                Form::Numeric(NumericAnswer::Shape(rows, cols)) => {
                    assert!(
                        q.solution.ends_with(&format!("{rows}×{cols}]"))
                            || q.solution.ends_with(&format!("{rows}×{cols}")),
                        "{}",
                        q.solution
                    );
                }
                Form::Numeric(NumericAnswer::Dims(dims)) => {
                    assert!(q.solution.ends_with(&qkv_tutor::quiz::dims_text(dims)), "{}", q.solution);
                    assert_eq!(
                        check_numeric(&NumericAnswer::Dims(dims.clone()), &format!("{dims:?}")),
                        Ok(Verdict::Right)
                    );
                }
                other => panic!("{}: {other:?}", q.id),
            }
            assert!(!q.prompt.contains('{'), "placeholders filled: {}", q.prompt);
            assert_eq!(q.hints.len(), 3, "{}: a nudge, a step, the worked line", q.id);
        }
    }
}

#[test]
fn free_recall_is_self_graded_after_the_model_answer() {
    let mut app = app();
    ask(&mut app, "recall-three-views");
    quiz(&mut app, QuizMsg::Enter);
    type_text(&mut app, "different jobs");
    app.update(Message::Field(FieldMsg::Submit));
    assert_eq!(phase(&app), Phase::Grading);
    quiz(&mut app, QuizMsg::Grade(qkv_tutor::progress::Grade::Again));
    let Phase::Answered { mark, lines } = phase(&app) else { panic!("answered") };
    assert!(mark == Mark::Missed && lines[0] == "Your answer: different jobs", "{lines:?}");
    assert_eq!(app.progress().cards["recall-three-views"].leitner_box, 1);
}

#[test]
fn an_empty_recall_cannot_be_self_graded() {
    let mut app = app();
    ask(&mut app, "recall-three-views");
    quiz(&mut app, QuizMsg::Enter);
    type_text(&mut app, "   ");
    app.update(Message::Field(FieldMsg::Submit));
    assert_ne!(phase(&app), Phase::Grading, "nothing typed is nothing to grade");
    assert!(app.focused_field().is_some(), "the field stays open for an answer");
    let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.contains("type your answer first"), "{status}");
}

#[test]
fn the_interview_sentence_is_recalled_and_its_roles_checked() {
    let app = app();
    let q = question(&app, "interview-sentence");
    let Form::Free { must_mention, .. } = &q.form else { panic!("free recall, not a choice") };
    assert_eq!(q.seed, Some(qkv_tutor::quiz::SeedPart::Interview));
    let full = qkv_tutor::quiz::missing_mentions(
        must_mention,
        "Keys and queries decide who talks to whom; values what is said",
    );
    assert!(full.is_empty(), "{full:?}");
    let half = qkv_tutor::quiz::missing_mentions(must_mention, "the keys pick who talks to whom");
    assert_eq!(half, ["query", "value"]);
}

#[test]
fn hints_climb_the_ladder_and_are_recorded() {
    let mut app = app();
    ask(&mut app, "numeric-score");
    for _ in 0..5 {
        quiz(&mut app, QuizMsg::Hint);
    }
    assert_eq!(app.quiz().session().expect("session").run().hints(), 3, "three rungs at most");
    type_text(&mut app, "0");
    app.update(Message::Field(FieldMsg::Submit));
    assert_eq!(app.progress().cards["numeric-score"].hints, 3);
}

#[test]
fn show_solution_fills_in_the_answer_without_scoring_and_brings_it_back_soon() {
    let mut app = app();
    ask(&mut app, "shapes-q");
    quiz(&mut app, QuizMsg::Solution);
    assert!(matches!(phase(&app), Phase::Answered { mark: Mark::Shown, .. }));
    let card = &app.progress().cards["shapes-q"];
    assert_eq!((card.right, card.wrong), (0, 0), "not scored");
    assert_eq!((card.leitner_box, card.due), (1, card.last), "due again at once, like a miss");
    quiz(&mut app, QuizMsg::Next);
    let summary = app.quiz().summary().expect("the session ended");
    assert_eq!((summary.answered(), summary.count(Mark::Shown)), (0, 1), "shown is not answered");
    assert!(!summary.all_right());
}

#[test]
fn flagging_is_recorded() {
    let mut app = app();
    ask(&mut app, "models-vit");
    quiz(&mut app, QuizMsg::Flag);
    assert!(app.progress().cards["models-vit"].flagged);
}

#[test]
fn practising_the_missed_ones_is_one_key_away() {
    let mut app = app();
    let q = ask(&mut app, "bug-symptom-identical");
    quiz(&mut app, QuizMsg::Pick(option_index(&q, |o| !o.correct)));
    quiz(&mut app, QuizMsg::Enter);
    assert!(matches!(app.quiz().page(), Page::Summary(_)));
    quiz(&mut app, QuizMsg::Missed);
    let session = app.quiz().session().expect("a review session");
    assert_eq!(session.kind(), SessionKind::Review);
    assert_eq!(session.queue().iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["bug-symptom-identical"]);
}

#[test]
fn a_drill_runs_to_its_end_and_lists_the_misses() {
    let mut app =
        App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits").with_drill_minutes(1);
    app.update(Message::ShowScreen(ScreenId::Quiz));
    open_page(&mut app, 1);
    let first = app.quiz().session().and_then(Session::current).cloned().expect("a question");
    if let Form::Choice { .. } = &first.form {
        quiz(&mut app, QuizMsg::Pick(option_index(&first, |o| !o.correct)));
    } else if let Form::Numeric(answer) = &first.form {
        // A wrong first try keeps the field open; the right number on the second try ends
        // the question as missed (only the first try scores).
        type_text(&mut app, "999");
        app.update(Message::Field(FieldMsg::Submit));
        app.update(Message::Field(FieldMsg::ClearToStart));
        type_text(&mut app, &answer.text());
        app.update(Message::Field(FieldMsg::Submit));
    } else {
        panic!("{}: the drill asks choice and numeric questions first", first.id);
    }
    for _ in 0..600 {
        app.update(Message::Tick { ms: 100, now: 0 });
    }
    assert!(matches!(app.quiz().page(), Page::Summary(_)), "one minute of ticks ends the drill");
    let drill = app.progress().drills.last().expect("the drill is recorded");
    assert_eq!((drill.right, drill.total), (0, 1));
    assert_eq!(drill.misses, vec![first.id.clone()]);
}

/// The lesson's W_Q and W_K, and a W_V that keeps v apart from k for x = [1, 2, 1, 0] (the
/// lesson's own W_V gives v = k = [3, 2] for that x, which Apply now refuses).
fn fill_own_matrices(app: &mut App) {
    let lesson = Scenario::lesson().input;
    let w_v = qkv_tutor::engine::Matrix::from_row_slice(4, 2, &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]);
    for (g, w) in [ApplyGrid::WQ, ApplyGrid::WK, ApplyGrid::WV].into_iter().zip([&lesson.w_q, &lesson.w_k, &w_v]) {
        for r in 0..4 {
            for c in 0..2 {
                set_apply_cell(app, g, r, c, w[(r, c)]);
            }
        }
    }
}

#[test]
fn apply_now_catches_a_wrong_entry_and_names_the_term() {
    let mut app = app();
    open_page(&mut app, 3);
    fill_own_matrices(&mut app);
    // x = [1, 2, 1, 0] gives q = [2, 3], k = [3, 2], v = [1, 2]; v's second entry is typed as 3.
    let answers = [2.0, 3.0, 3.0, 2.0, 1.0, 3.0];
    for (i, value) in answers.into_iter().enumerate() {
        set_apply_cell(&mut app, ApplyGrid::Answers, i / 2, i % 2, value);
    }
    quiz(&mut app, QuizMsg::Check);
    let report = apply(&app).report();
    assert_eq!(report.iter().filter(|(ok, _)| *ok).count(), 5);
    let (_, wrong) = report.iter().find(|(ok, _)| !ok).expect("one wrong");
    assert!(wrong.contains("v entry 2") && wrong.contains("you wrote 3") && wrong.contains("= 2"), "{wrong}");
}

#[test]
fn apply_now_cells_are_typed_like_the_playground() {
    let mut app = app();
    open_page(&mut app, 3);
    quiz(&mut app, QuizMsg::Enter);
    type_text(&mut app, "7");
    app.update(Message::Field(FieldMsg::Submit));
    assert_eq!(apply(&app).matrix(ApplyGrid::WQ)[(0, 0)], 7.0);
    quiz(&mut app, QuizMsg::Enter);
    type_text(&mut app, "NaN");
    app.update(Message::Field(FieldMsg::Submit));
    assert!(apply(&app).editor().field().and_then(|f| f.note()).is_some(), "the field says why");
    assert_eq!(apply(&app).matrix(ApplyGrid::WQ)[(0, 0)], 7.0, "a bad entry keeps the old value");
}

#[test]
fn a_challenge_is_met_in_the_playground_and_its_edits_counted() {
    let mut app = app();
    open_page(&mut app, 2);
    let index = app.lesson().challenges.iter().position(|c| c.id == "challenge-equal-scores").expect("challenge");
    for _ in 0..index {
        quiz(&mut app, QuizMsg::Down);
    }
    quiz(&mut app, QuizMsg::Enter);
    assert_eq!(app.screen(), ScreenId::Playground);
    // q2 = [3, 3] and k2 = [2, 2]; x1's second entry 2 -> 1 turns k1 = [4, 1] into [3, 1]: 12 and 12.
    app.update(Message::Play(PlayMsg::Select { grid: GridId::X, row: 0, col: 1 }));
    app.update(Message::Play(PlayMsg::BeginEdit('1')));
    app.update(Message::Field(FieldMsg::Submit));
    assert_eq!(app.progress().challenges.get("challenge-equal-scores"), Some(&1));
    assert!(app.challenge().is_none());
    assert!(app.status().as_ref().is_some_and(|s| s.text.contains("met in 1 edit") && !s.text.contains("1 edits")));
}

#[test]
fn an_answer_is_saved_to_disk_at_once() {
    let dir = tempfile::tempdir().expect("temp");
    let runner = qkv_tutor::runner::Runner { data_dir: Some(dir.path().to_path_buf()), ..Default::default() };
    let mut app = app();
    let q = ask(&mut app, "shapes-q");
    runner.drive(&mut app, Message::Quiz(QuizMsg::Pick(option_index(&q, |o| o.correct))));
    assert!(!app.unsaved(), "the save was confirmed");
    let saved = qkv_tutor::progress::load(dir.path()).progress;
    assert_eq!(saved.cards["shapes-q"].right, 1);
}

fn fill_weights(app: &mut App, weights: [&qkv_tutor::engine::Matrix; 3]) {
    for (g, w) in [ApplyGrid::WQ, ApplyGrid::WK, ApplyGrid::WV].into_iter().zip(weights) {
        for r in 0..4 {
            for c in 0..2 {
                set_apply_cell(app, g, r, c, w[(r, c)]);
            }
        }
    }
}

#[test]
fn apply_now_refuses_an_all_zero_w_and_one_matrix_for_two_roles() {
    let mut app = app();
    open_page(&mut app, 3);
    quiz(&mut app, QuizMsg::Check);
    let report = apply(&app).report();
    assert!(report.iter().any(|(ok, t)| !ok && t.contains("W_Q") && t.contains("all zero")), "{report:?}");
    let lesson = Scenario::lesson().input;
    fill_weights(&mut app, [&lesson.w_q, &lesson.w_q, &lesson.w_v]);
    quiz(&mut app, QuizMsg::Check);
    let report = apply(&app).report();
    assert!(report.iter().any(|(ok, t)| !ok && t.contains("W_Q and W_K are the same matrix")), "{report:?}");
    assert!(!report.iter().any(|(_, t)| t.contains("all zero")), "{report:?}");
}

#[test]
fn apply_now_accepts_equal_outputs_from_different_ws_with_the_lessons_own_example() {
    let mut app = app();
    open_page(&mut app, 3);
    // The lesson's own three W's: for x = [1, 2, 1, 0] they give k = v = [3, 2].
    let lesson = Scenario::lesson().input;
    fill_weights(&mut app, [&lesson.w_q, &lesson.w_k, &lesson.w_v]);
    let x = qkv_tutor::engine::Matrix::from_row_slice(1, 4, &[1.0, 2.0, 1.0, 0.0]);
    let (k, v) = (&x * &lesson.w_k, &x * &lesson.w_v);
    assert_eq!(k, v, "the case this test is about");
    let q = &x * &lesson.w_q;
    for (i, value) in q.iter().chain(k.iter()).chain(v.iter()).enumerate() {
        set_apply_cell(&mut app, ApplyGrid::Answers, i / 2, i % 2, *value);
    }
    quiz(&mut app, QuizMsg::Check);
    let report = apply(&app).report();
    assert!(report.iter().all(|(ok, _)| *ok), "equal outputs are accepted: {report:?}");
    let note = report.iter().find(|(_, t)| t.contains("k and v come out equal")).expect("a note says so");
    // The lesson's first pair of equal views, found independently of the tutor's wording.
    let all = qkv_tutor::engine::Attention::compute(Scenario::lesson().input).expect("lesson");
    let twin = (0..all.tokens()).find(|t| all.q.row(*t) == all.v.row(*t)).expect("q and v agree on some token");
    assert!(note.1.contains(&format!("q{} and v{}", twin + 1, twin + 1)), "{note:?}");
}

#[test]
fn the_diagram_from_memory_and_the_pipeline_line_are_checked() {
    let mut app = app();
    open_page(&mut app, 3);
    fill_own_matrices(&mut app);
    quiz(&mut app, QuizMsg::Next);
    assert!(matches!(app.quiz().page(), Page::Diagram(_)));
    // q = [2, 3] and k = [3, 2] for x = [1, 2, 1, 0]: q·k = 12. The fourth blank is wrong.
    for answer in ["query", "asks what it looks for", "key", "carries content", "value", "carries it", "12"] {
        quiz(&mut app, QuizMsg::Enter);
        type_text(&mut app, answer);
        app.update(Message::Field(FieldMsg::Submit));
    }
    quiz(&mut app, QuizMsg::Check);
    let report = app.quiz().diagram().expect("task 2").report();
    assert_eq!(report.iter().filter(|(ok, _)| *ok).count(), 6, "{report:?}");
    assert!(report[3].1.contains("is not it") && report[6].0, "{report:?}");
    quiz(&mut app, QuizMsg::Next);
    let outcome = |app: &App| app.quiz().boundary().and_then(|b| b.outcome()).map(|o| o.0);
    assert!(matches!(app.quiz().page(), Page::Boundary(_)));
    quiz(&mut app, QuizMsg::Pick(0));
    assert_eq!(outcome(&app), Some(false));
    quiz(&mut app, QuizMsg::Pick(1));
    assert_eq!(outcome(&app), Some(true), "scoring begins with Q·Kᵀ");
}

#[test]
fn a_shape_typed_as_brackets_and_commas_is_text_and_accepted() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    let mut app = app();
    let q = ask(&mut app, "numeric-q-shape");
    let Form::Numeric(NumericAnswer::Shape(rows, cols)) = q.form else { panic!("a shape question") };
    for c in format!("[{rows}, {cols}]").chars().chain(['\r']) {
        let code = if c == '\r' { KeyCode::Enter } else { KeyCode::Char(c) };
        let message = qkv_tutor::app::map_event(&app, &Event::Key(KeyEvent::from(code))).expect("a message");
        app.update(message);
    }
    assert!(matches!(phase(&app), Phase::Answered { mark: Mark::Right, .. }), "[{rows}, {cols}] is the right shape");
}
