//! Issue 21, item 4: the walkthrough steps through cross-attention on a two-sequence scenario.
//! The decoder's tokens make the queries and the encoder's the keys and values; each score
//! step pairs a decoder query with an encoder key, and nothing is masked across. `c` turns to
//! the decoder's own self-attention and back, each part keeping what predict mode found.

mod common;

use common::type_answer;

use qkv_tutor::app::{App, Message, map_event};
use qkv_tutor::engine::{Attention, Matrix, Projection};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::ScreenId;
use qkv_tutor::quiz::NumericAnswer;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::screen::walkthrough::{Part, Step, WalkMsg, asks, steps};
use qkv_tutor::theme::{Palette, Theme};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn translation() -> Scenario {
    scenario::shipped("translation").expect("shipped").expect("valid")
}

fn encoder() -> Matrix {
    translation().encoder.expect("second sequence").tokens
}

fn walkthrough(scenario: Scenario, theme: Theme) -> App {
    let mut app = App::new(scenario, Lesson::embedded(), theme).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    app
}

fn current(app: &App) -> Step {
    app.walkthrough().current(app.document()).expect("a step")
}

/// Steps forward until the walkthrough stands on a step `wanted` accepts.
fn go_to(app: &mut App, wanted: impl Fn(Step) -> bool) {
    app.update(Message::Walk(WalkMsg::First));
    for _ in 0..200 {
        if wanted(current(app)) {
            return;
        }
        app.update(Message::Walk(WalkMsg::Next));
    }
    panic!("no such step");
}

/// Row `r` of `a` times column `c` of `b`, written out here rather than asked of the engine.
fn entry(a: &Matrix, r: usize, b: &Matrix, c: usize) -> f64 {
    (0..a.ncols()).map(|i| a[(r, i)] * b[(i, c)]).sum()
}

fn screen(app: &App) -> String {
    common::screen_text(app, 80, 24)
}

#[test]
fn a_two_sequence_walk_takes_queries_from_the_decoder_and_keys_and_values_from_the_encoder() {
    let s = translation();
    let (x, enc) = (s.input.x.clone(), encoder());
    let mut app = walkthrough(translation(), Theme::monochrome());
    let mut visited = vec![current(&app)];
    while app.walkthrough().acts(WalkMsg::Next, usize::MAX, true) && visited.len() < 200 {
        let before = app.walkthrough().step();
        app.update(Message::Walk(WalkMsg::Next));
        if app.walkthrough().step() == before {
            break;
        }
        visited.push(current(&app));
    }
    let cross = Attention::cross(s.input.clone(), &enc).expect("fits");
    assert_eq!(visited, steps(&cross, s.query_index()), "the walk is the cross-attention step list");
    let own = steps(&Attention::compute(s.input.clone()).expect("fits"), s.query_index());
    assert_ne!(visited.len(), own.len(), "not the decoder's self-attention");
    for step in &visited {
        let Some(d) = step.derivation(&cross) else { continue };
        let hand = match *step {
            Step::Projection { projection: Projection::Query, token, entry: c } => entry(&x, token, &s.input.w_q, c),
            Step::Projection { projection: Projection::Key, token, entry: c } => entry(&enc, token, &s.input.w_k, c),
            Step::Projection { projection: Projection::Value, token, entry: c } => entry(&enc, token, &s.input.w_v, c),
            Step::Score { query, key } => {
                (0..2).map(|j| entry(&x, query, &s.input.w_q, j) * entry(&enc, key, &s.input.w_k, j)).sum()
            }
            _ => continue,
        };
        assert!((d.value - hand).abs() < 1e-12, "{step:?}: {} against {hand}", d.value);
    }
    let scored: Vec<usize> =
        visited.iter().filter_map(|s| if let Step::Score { key, .. } = s { Some(*key) } else { None }).collect();
    assert_eq!(scored, [0, 1, 2], "one score per encoder token");
}

#[test]
fn a_key_step_pairs_a_row_of_the_encoders_x_and_names_the_encoders_tokens() {
    for (name, ascii) in [("unicode", false), ("ascii", true)] {
        let theme = Theme::resolve(Some(Palette::Monochrome), ascii);
        let mut app = walkthrough(translation(), theme);
        go_to(&mut app, |s| matches!(s, Step::Projection { projection: Projection::Key, token: 2, entry: 1 }));
        let text = screen(&app);
        assert!(text.contains("[cross-attention]"), "{text}");
        let (times, dot) = if ascii { ("x", "*") } else { ("×", "·") };
        assert!(text.contains(&format!("X encoder [3{times}3]")) && text.contains("x3 sleeps"), "{text}");
        // x3 of the encoder is [0, 0, 1] and W_K's second column [0, 1, 0].
        assert!(text.contains(&format!("k3 entry 2 = 0{dot}0 + 0{dot}1 + 1{dot}0 = 0")), "{text}");
        assert!(text.contains("k3 sleeps") && !text.contains("k1 le"), "K's rows are the encoder's: {text}");
        insta::assert_snapshot!(format!("walkthrough_cross_key_{name}_80x24"), text);
        go_to(&mut app, |s| matches!(s, Step::Score { key: 1, .. }));
        let text = screen(&app);
        assert!(text.contains(&format!("q2 \"chat\"{dot}k2 \"cat\" = 2")), "chat finds cat: {text}");
        assert!(!text.contains("masked"), "nothing is masked across: {text}");
        insta::assert_snapshot!(format!("walkthrough_cross_score_{name}_80x24"), text);
        go_to(&mut app, |s| matches!(s, Step::Shapes));
        let text = screen(&app);
        let arrow = if ascii { ">" } else { "→" };
        let line = format!("X encoder [3{times}3] {dot} W_K [3{times}2] {arrow} K [3{times}2]");
        assert!(text.contains(&line), "{line}: {text}");
        assert!(text.contains("with no mask across"), "{text}");
        insta::assert_snapshot!(format!("walkthrough_cross_shapes_{name}_80x24"), text);
    }
}

#[test]
fn c_turns_to_the_decoders_own_self_attention_at_the_matching_step_and_back() {
    let s = translation();
    let mut app = walkthrough(translation(), Theme::monochrome());
    go_to(&mut app, |s| matches!(s, Step::Softmax { .. }));
    let cross_index = app.walkthrough().step();
    app.update(Message::Walk(WalkMsg::TogglePart));
    assert_eq!(app.walkthrough().part(), Part::DecoderSelf);
    assert!(matches!(current(&app), Step::Softmax { .. }), "the same kind of step");
    let own = steps(&Attention::compute(s.input.clone()).expect("fits"), s.query_index());
    let text = screen(&app);
    assert!(text.contains(&format!("of {}", own.len())) && text.contains("[decoder self-attention]"), "{text}");
    assert!(text.contains("le") && text.contains("chat"), "{text}");
    app.update(Message::Walk(WalkMsg::TogglePart));
    assert_eq!((app.walkthrough().part(), app.walkthrough().step()), (Part::Cross, cross_index));
}

/// The key as the terminal sends it, through the app's keymap.
fn press(app: &mut App, c: char) {
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    if let Some(message) = map_event(app, &event) {
        app.update(message);
    }
}

#[test]
fn c_acts_only_where_there_is_a_second_sequence() {
    let mut lesson = walkthrough(Scenario::lesson(), Theme::monochrome());
    press(&mut lesson, 'c');
    assert!(!screen(&lesson).contains("self/cross") && !screen(&lesson).contains("cross-attention"));
    let mut app = walkthrough(translation(), Theme::monochrome());
    assert!(screen(&app).contains("c self/cross"), "{}", screen(&app));
    press(&mut app, 'c');
    assert_eq!(app.walkthrough().part(), Part::DecoderSelf);
}

#[test]
fn predict_mode_across_asks_the_score_matrix_shape_and_each_part_keeps_its_findings() {
    let s = translation();
    let cross = Attention::cross(s.input.clone(), &encoder()).expect("fits");
    let shapes = asks(Step::Shapes, &cross);
    let wanted: Vec<NumericAnswer> = shapes.iter().map(|a| a.answer.clone()).collect();
    assert_eq!(
        wanted,
        [
            NumericAnswer::Shape(2, 2),
            NumericAnswer::Shape(3, 2),
            NumericAnswer::Shape(3, 3),
            NumericAnswer::Shape(2, 3)
        ],
        "Q from 2 decoder tokens, K and V from 3 encoder tokens, scores [T_q, T_kv]"
    );
    let mut app = walkthrough(translation(), Theme::monochrome());
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, |s| matches!(s, Step::Shapes));
    for typed in ["2x2", "3x2", "3x3", "3x2", "2x3"] {
        type_answer(&mut app, typed);
    }
    assert!(app.walkthrough().settled(&Step::Shapes).is_some(), "{}", screen(&app));
    assert!(screen(&app).contains("✓ right"), "{}", screen(&app));
    app.update(Message::Walk(WalkMsg::TogglePart));
    assert!(app.walkthrough().settled(&Step::Shapes).is_none(), "the decoder's shapes are its own to find");
    assert!(app.walkthrough().answer().is_some(), "and they are asked");
    app.update(Message::Walk(WalkMsg::TogglePart));
    assert!(app.walkthrough().settled(&Step::Shapes).is_some(), "the cross-attention findings came back");
    // The key entry asked for is the encoder's row times W_K's column.
    go_to(&mut app, |s| matches!(s, Step::Projection { projection: Projection::Key, token: 1, entry: 0 }));
    let hand = entry(&encoder(), 1, &s.input.w_k, 0);
    assert!(screen(&app).contains("k2 entry 1 = 0·1 + 1·0 + 0·0 = ?"), "{}", screen(&app));
    type_answer(&mut app, &qkv_tutor::format::number(hand));
    assert!(app.walkthrough().settled(&current(&app)).is_some(), "{}", screen(&app));
}

/// Which step a walk should stand on.
type Wanted = fn(Step) -> bool;

#[test]
fn presenter_mode_from_a_cross_step_opens_on_the_nearest_slide_and_returns_to_the_very_step() {
    let mut app = walkthrough(translation(), Theme::monochrome());
    // The decoder has 2 tokens and the encoder 3: k3 and the third score have no twin.
    let cases: [(Wanted, Wanted); 3] = [
        (|s| matches!(s, Step::Softmax { .. }), |s| matches!(s, Step::Softmax { .. })),
        (
            |s| matches!(s, Step::Projection { projection: Projection::Key, token: 2, entry: 1 }),
            |s| matches!(s, Step::Projection { projection: Projection::Key, token: 1, entry: 1 }),
        ),
        (|s| matches!(s, Step::Score { key: 2, .. }), |s| matches!(s, Step::Score { key: 1, .. })),
    ];
    for (from, slide_wanted) in cases {
        go_to(&mut app, from);
        let cross_index = app.walkthrough().step();
        app.update(Message::TogglePresent);
        let slide = app.present().and_then(|p| p.step(app.document())).expect("a slide");
        assert!(slide_wanted(slide), "{slide:?}");
        let text = screen(&app);
        let header = text.lines().find(|l| l.contains("decoder self-attention · slide")).expect("the part is said");
        let title = qkv_tutor::lesson::Lesson::embedded().narration(slide.narration_key()).title;
        let shown = header.split("decoder self-attention").next().unwrap_or_default().trim();
        let whole_or_cut = shown == title || shown.ends_with('…') && title.starts_with(shown.trim_end_matches('…'));
        assert!(whole_or_cut, "the title {title:?} is whole or cut with …, never overwritten: {header:?}");
        app.update(Message::TogglePresent);
        assert_eq!((app.walkthrough().step(), app.walkthrough().part()), (cross_index, Part::Cross));
    }
}

#[test]
fn switching_straight_back_returns_to_the_very_step_and_its_open_question() {
    let mut app = walkthrough(translation(), Theme::monochrome());
    go_to(&mut app, |s| matches!(s, Step::Projection { projection: Projection::Key, token: 2, entry: 1 }));
    let k3 = app.walkthrough().step();
    app.update(Message::Walk(WalkMsg::TogglePart));
    let nearest = current(&app);
    assert_eq!(nearest, Step::Projection { projection: Projection::Key, token: 1, entry: 1 }, "the nearest k entry");
    app.update(Message::Walk(WalkMsg::TogglePart));
    assert_eq!(app.walkthrough().step(), k3, "back to k3, not k2");
    // Predict mode: a question half answered stays half answered through a switch and back.
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, |s| matches!(s, Step::Shapes));
    type_answer(&mut app, "2x2");
    assert_eq!(app.walkthrough().stage(), 1, "Q's shape found, K's asked");
    app.update(Message::Walk(WalkMsg::TogglePart));
    assert_eq!(app.walkthrough().stage(), 0, "the decoder's own shapes start from Q");
    app.update(Message::Walk(WalkMsg::TogglePart));
    assert_eq!(app.walkthrough().stage(), 1, "still on K's shape");
}

#[test]
fn an_edit_that_makes_the_encoder_misfit_walks_the_decoder_and_keeps_cross_findings_aside() {
    use qkv_tutor::document::Edit;
    use qkv_tutor::screen::playground::PlayMsg;
    let mut app = walkthrough(translation(), Theme::monochrome());
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, |s| matches!(s, Step::Shapes));
    for typed in ["2x2", "3x2", "3x3", "2x3"] {
        type_answer(&mut app, typed);
    }
    assert!(app.walkthrough().settled(&Step::Shapes).is_some());
    // D = 4 no longer fits the encoder's 3-wide tokens: the walk is the decoder's own.
    app.update(Message::Play(PlayMsg::Reshape(Edit::AddModelDim)));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    let text = screen(&app);
    assert!(!text.contains("[cross-attention]") && !text.contains("self/cross"), "{text}");
    assert!(app.walkthrough().settled(&Step::Shapes).is_none(), "the decoder's shapes are not yet found");
    assert!(app.walkthrough().notice().is_none(), "and no edit 'changed' them: {:?}", app.walkthrough().notice());
    app.update(Message::Play(PlayMsg::Reshape(Edit::RemoveModelDim)));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    assert!(screen(&app).contains("[cross-attention]"), "{}", screen(&app));
    assert!(app.walkthrough().settled(&Step::Shapes).is_some(), "the cross findings came back");
}

#[test]
fn the_decoder_walk_keeps_cross_scores_to_itself_in_predict_mode() {
    let mut app = walkthrough(translation(), Theme::monochrome());
    app.update(Message::Walk(WalkMsg::TogglePart));
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, |s| matches!(s, Step::Score { .. }));
    assert!(!screen(&app).contains("against the encoder's keys"), "those are answers still to find: {}", screen(&app));
}
