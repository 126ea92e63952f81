//! Class mode over real SSH: the presenter's question reaches every student, ten students
//! answer from their own terminals, the projector shows the live tally, and the reveal
//! shows the answer with the tally on every screen.

#[path = "serve/client.rs"]
mod client;

use client::{Student, options, start};
use qkv_tutor::app::{App, Message};
use qkv_tutor::class::Classroom;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::runner::Runner;
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::present::PresentMsg;
use qkv_tutor::serve::{Access, Server};
use qkv_tutor::theme::Theme;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CODE: &str = "tulip-42";

fn projector_text(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("backend");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    symbols.chunks(120).map(<[&str]>::concat).collect::<Vec<_>>().join("\n")
}

/// A class in session: the server with its room, and the teacher's presenter on slide 3,
/// which asks for q1 entry 1 (= 2).
async fn class_on_slide_3(join: &str) -> (Server, Arc<Classroom>, Runner, App) {
    let room = Arc::new(Classroom::default());
    let mut config = options(Access::Code(CODE.to_owned()));
    config.classroom = Some(Arc::clone(&room));
    let server = start(config).await;
    let runner = Runner { classroom: Some(Arc::clone(&room)), ..Runner::default() };
    let mut teacher =
        App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits").with_class(join.into());
    let effects = teacher.start_presenting();
    runner.settle(&mut teacher, effects);
    // Roles and shapes: reveal, next, reveal, next.
    for _ in 0..4 {
        runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    }
    (server, room, runner, teacher)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn class_mode_tallies_ten_students_and_the_reveal_shows_the_tally() {
    let (server, room, runner, mut teacher) = class_on_slide_3("ssh -p 2222 student@127.0.0.1").await;
    let mut students = Vec::new();
    for i in 0..10 {
        let user = if i == 0 { "ada" } else { "student" };
        students.push(Student::join_as(server.local_addr(), user, CODE, 100, 30).await);
    }
    for (i, student) in students.iter_mut().enumerate() {
        student.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
        // Six right (2), four with the same wrong total (3).
        student.send(if i < 6 { b"2\r" } else { b"3\r" }).await;
    }
    let start = Instant::now();
    while room.tally().answered < 10 && start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(runner.sync_class(&mut teacher), "the projector takes the new tally");
    let live = projector_text(&teacher);
    assert!(live.contains("class: 10 answered · 6 right"), "{live}");
    assert!(live.contains("most common wrong answer: 3 (4 times)"), "{live}");
    assert!(live.contains("join the class: ssh -p 2222 student@127.0.0.1"), "{live}");
    students[9].wait_for("a retry is offered", |s| s.contains("try again") || s.contains("check term")).await;
    runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    runner.sync_class(&mut teacher);
    let revealed = projector_text(&teacher);
    assert!(revealed.contains("6 right") && revealed.contains("right: ada"), "{revealed}");
    for student in &mut students {
        let screen = student
            .wait_for("the answer and the tally", |s| s.contains("= 2") && s.contains("10 answered · 6 right"))
            .await;
        assert!(screen.contains("q1 entry 1 = 1·1 + 2·0 + 1·1 + 1·0 = 2"), "{screen}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_student_types_reaches_no_other_terminal_raw() {
    let (server, room, runner, mut teacher) = class_on_slide_3("join").await;
    let mut mallory = Student::join_as(server.local_addr(), "student", CODE, 100, 30).await;
    mallory.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
    // A paste carrying a bell and a right-to-left override, then Enter.
    mallory.send("\x1b[200~9\u{7}\u{202e}1\x1b[201~\r".as_bytes()).await;
    let start = Instant::now();
    while room.tally().answered < 1 && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    runner.sync_class(&mut teacher);
    let tally = teacher.class_tally().cloned().unwrap_or_default();
    assert_eq!(tally.answered, 1, "the answer arrived");
    let shown = tally.common_wrong.map(|w| w.answer).unwrap_or_default();
    assert_eq!(shown, "91", "the bell and the override never reach the projector");
    server.stop().await;
}
