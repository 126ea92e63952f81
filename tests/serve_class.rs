//! Class mode over real SSH: the presenter's question reaches every student, ten students
//! answer from their own terminals, the projector shows the live tally, and the reveal
//! shows the answer with the tally on every screen.

#[path = "serve/client.rs"]
mod client;
#[path = "serve/ssh_student.rs"]
mod ssh_student;

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

/// Waits (bounded) until the room has `n` answers to the open question.
async fn until_answered(room: &Classroom, n: usize) {
    let start = Instant::now();
    while room.tally().answered() < n && start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(room.tally().answered(), n, "answers that arrived");
}

/// What would give slide 3's answer away: the worked line, or q1 itself.
fn leaks_the_answer(screen: &str) -> bool {
    screen.contains("q1 entry 1 =") || screen.contains("q1 = [") || screen.contains("query q1")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_of_ten_answers_once_each_and_each_student_gets_their_own_verdict() {
    let (server, room, runner, mut teacher) = class_on_slide_3("ssh -p 2222 student@127.0.0.1").await;
    let mut students = Vec::new();
    for i in 0..10 {
        let user = match i {
            0 => "ada",
            1 | 2 => "bob",
            _ => "student",
        };
        students.push(Student::join_as(server.local_addr(), user, CODE, 100, 30).await);
    }
    for student in &mut students {
        let screen = student.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
        assert!(screen.contains("x1 = [") && !leaks_the_answer(&screen), "{screen}");
    }
    // Tab, a digit and Ctrl-P try to leave the question; none does, and nothing leaks.
    students[3].send(b"\t5\x10").await;
    students[3].read_for(Duration::from_millis(300)).await;
    let screen = students[3].text();
    assert!(screen.contains("What is q1 entry 1?") && !leaks_the_answer(&screen), "{screen}");
    students[3].send(b"\x15").await;
    // Six right (2, one of them as terms), four wrong: three spellings of one value, one other.
    let typed: [&[u8]; 10] =
        [b"3\r", b"2\r", b"1*1+2*0+1*1+1*0\r", b"2\r", b"2\r", b"2\r", b"2\r", b"1+1+1\r", b"3\r", b"1\r"];
    for (student, text) in students.iter_mut().zip(typed) {
        student.send(text).await;
        student.wait_for("the answer was sent", |s| s.contains("waiting for the reveal")).await;
    }
    until_answered(&room, 10).await;
    // ada changes her mind, leaves, rejoins under her name and answers again: counted once.
    students[0].send(b"\x152\r").await;
    let leaving = students.remove(0);
    leaving.handle.disconnect(russh::Disconnect::ByApplication, "", "en").await.expect("disconnects");
    drop(leaving);
    let start = Instant::now();
    while room.tally().here > 9 && start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(room.tally().answered_left, 1, "ada left after answering; her answer still counts");
    let mut ada = Student::join_as(server.local_addr(), "ada", CODE, 100, 30).await;
    ada.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
    ada.send(b"2\r").await;
    ada.wait_for("the answer was sent", |s| s.contains("waiting for the reveal")).await;
    students.insert(0, ada);
    let start = Instant::now();
    while room.tally().right < 7 && start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let tally = room.tally();
    assert_eq!((tally.answered(), tally.here, tally.right), (10, 10, 7), "{tally:?}");
    let names: Vec<&str> = tally.roster.iter().map(|r| r.name.as_str()).collect();
    assert!(names.contains(&"bob") && names.contains(&"bob-2") && names.contains(&"student-7"), "{names:?}");
    assert!(runner.sync_class(&mut teacher), "the projector takes the new tally");
    let live = projector_text(&teacher);
    assert!(live.contains("class: answered 10 of 10 here"), "{live}");
    assert!(
        !live.contains("7 right") && !live.contains("students:"),
        "nothing right or wrong before the reveal: {live}"
    );
    runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    runner.sync_class(&mut teacher);
    let revealed = projector_text(&teacher);
    assert!(revealed.contains("10 of 10 here · 7 right"), "{revealed}");
    assert!(revealed.contains("2 students:"), "3 and 1+1+1 are one group: {revealed}");
    assert!(revealed.contains("1 student:"), "{revealed}");
    assert!(!revealed.contains("ada"), "names stay off until the teacher asks: {revealed}");
    runner.drive(&mut teacher, Message::Present(PresentMsg::Names));
    assert!(projector_text(&teacher).contains("right: ada, bob"), "{}", projector_text(&teacher));
    for (i, student) in students.iter_mut().enumerate() {
        let screen = student.wait_for("the reveal", |s| s.contains("7 right")).await;
        assert!(screen.contains("q1 entry 1 = 1·1 + 2·0 + 1·1 + 1·0 = 2"), "{screen}");
        let mine = if i < 7 { "✓" } else { "✗" };
        assert!(screen.lines().any(|l| l.contains("your answer:") && l.contains(mine)), "student {i}: {screen}");
        assert!(!screen.contains("ada") || i == 0, "no names reach students: {screen}");
    }
    let report = room.report(false);
    assert!(report.contains("- answered: 10") && report.contains("- right: 7"), "{report}");
    assert!(report.contains("wrong, 2 students:") && !report.contains("ada"), "{report}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_projectors_keys_neither_show_nor_wipe() {
    let (server, room, runner, mut teacher) = class_on_slide_3("join").await;
    let mut students = Vec::new();
    for _ in 0..6 {
        students.push(Student::join_as(server.local_addr(), "student", CODE, 100, 30).await);
    }
    for student in &mut students {
        student.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
        student.send(b"2\r").await;
    }
    // Two more on the system's own ssh: Tab, a digit and Ctrl-P do not leave the question.
    let mut real = Vec::new();
    if ssh_student::have_ssh() {
        for name in ["eve", "eve"] {
            let student = ssh_student::SshStudent::join(server.local_addr().port(), name, CODE, 100, 30).await;
            let screen = student.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
            assert!(!leaks_the_answer(&screen), "{screen}");
            real.push(student);
        }
        for student in &mut real {
            student.send("\t7\x10");
            student.wait_for("the refusal", |s| s.contains("stays until the reveal")).await;
            assert!(!leaks_the_answer(&student.text()), "{}", student.text());
            student.send("\x152\r");
            student.wait_for("the answer was sent", |s| s.contains("waiting for the reveal")).await;
        }
    }
    let class = 6 + real.len();
    until_answered(&room, class).await;
    runner.sync_class(&mut teacher);
    runner.drive(&mut teacher, Message::Present(PresentMsg::Leave));
    let after_esc = projector_text(&teacher);
    assert!(teacher.class_state().presenting && after_esc.contains("slide 3"), "Esc asks first: {after_esc}");
    assert!(after_esc.contains("reveals it first") && !after_esc.contains("= 2"), "{after_esc}");
    assert!(!room.tally().revealed, "Esc revealed nothing");
    runner.drive(&mut teacher, Message::Present(PresentMsg::Back));
    runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    let back = room.tally();
    assert_eq!((back.answered(), back.revealed), (class, false), "← then → keeps the answers: {back:?}");
    runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    assert!(room.tally().revealed);
    runner.drive(&mut teacher, Message::Present(PresentMsg::Back));
    runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    let again = room.tally();
    assert_eq!((again.answered(), again.revealed), (class, true), "a revealed slide stays revealed: {again:?}");
    runner.sync_class(&mut teacher);
    assert!(projector_text(&teacher).contains(&format!("{class} right")), "and the projector shows it as it was");
    for student in &real {
        student.wait_for("their own verdict", |s| s.contains("your answer: 2 ✓")).await;
    }
    let names: Vec<String> = room.tally().roster.into_iter().map(|r| r.name).collect();
    if !real.is_empty() {
        assert!(names.contains(&"eve".into()) && names.contains(&"eve-2".into()), "{names:?}");
    }
    runner.drive(&mut teacher, Message::Present(PresentMsg::AskAgain));
    let fresh = room.tally();
    assert_eq!((fresh.answered(), fresh.revealed), (0, false), "a re-ask is a new round: {fresh:?}");
    assert_eq!(room.report(false).matches("## ").count(), 2, "both rounds of slide 3 are in the report");
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
    while room.tally().answered() < 1 && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    runner.sync_class(&mut teacher);
    let tally = teacher.class_tally().cloned().unwrap_or_default();
    assert_eq!(tally.answered(), 1, "the answer arrived");
    runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    let report = room.report(false);
    assert!(report.contains("(e.g. 91)"), "the bell and the override never reach the report: {report}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_terminal_shows_a_compact_question_and_a_long_paste_never_blocks() {
    let (server, room, _runner, _teacher) = class_on_slide_3("join").await;
    let mut student = Student::join_as(server.local_addr(), "ada", CODE, 40, 12).await;
    let screen = student.wait_for("the compact question", |s| s.contains("What is q1 entry 1?")).await;
    assert!(screen.contains("Your answer:") && !leaks_the_answer(&screen), "{screen}");
    let paste = format!("\x1b[200~{}\x1b[201~", "1".repeat(300));
    student.send(paste.as_bytes()).await;
    // The field keeps what fits, in sight, and says it cut the rest.
    let screen = student.wait_for("the cut paste", |s| s.contains("cut")).await;
    assert!(screen.contains("1111111111"), "{screen}");
    // Too long to be one number: Enter says why, in sight, and the next answer goes through.
    student.send(b"\r").await;
    student.wait_for("the reason", |s| s.contains("at most")).await;
    student.send(b"\x152\r").await;
    student.wait_for("the answer was sent", |s| s.contains("waiting")).await;
    let start = Instant::now();
    while room.tally().right < 1 && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!((room.tally().answered(), room.tally().right), (1, 1), "the paste blocked nothing");
    server.stop().await;
}

/// Waits (bounded) until `n` students are here.
async fn until_here(room: &Classroom, n: usize) {
    let start = Instant::now();
    while room.tally().here != n && start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(room.tally().here, n, "students here");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_who_rejoined_or_met_the_slide_again_sees_their_own_answer_at_the_reveal() {
    let (server, room, runner, mut teacher) = class_on_slide_3("join").await;
    let addr = server.local_addr();
    let mut bob = Student::join_as(addr, "bob", CODE, 100, 30).await;
    let mut cy = Student::join_as(addr, "cy", CODE, 100, 30).await;
    for (student, text) in [(&mut bob, b"2\r"), (&mut cy, b"3\r")] {
        student.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
        student.send(text).await;
        student.wait_for("the answer was sent", |s| s.contains("waiting for the reveal")).await;
    }
    // bob leaves after answering and comes back under his name, typing nothing more.
    bob.handle.disconnect(russh::Disconnect::ByApplication, "", "en").await.expect("disconnects");
    drop(bob);
    until_here(&room, 1).await;
    let mut bob = Student::join_as(addr, "bob", CODE, 100, 30).await;
    let screen = bob.wait_for("his answer, kept", |s| s.contains("sent 2, waiting for the reveal")).await;
    assert!(!leaks_the_answer(&screen), "{screen}");
    // eve on the system's ssh: answers, her ssh is killed, she rejoins.
    if ssh_student::have_ssh() {
        let mut eve = ssh_student::SshStudent::join(addr.port(), "eve", CODE, 100, 30).await;
        eve.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
        eve.send("4\r");
        eve.wait_for("the answer was sent", |s| s.contains("waiting for the reveal")).await;
        drop(eve);
        until_here(&room, 2).await;
        let eve = ssh_student::SshStudent::join(addr.port(), "eve", CODE, 100, 30).await;
        runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
        eve.wait_for("her own verdict after a rejoin", |s| s.contains("your answer: 4 ✗")).await;
    } else {
        runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    }
    let tally = room.tally();
    assert!(tally.revealed && tally.answered_here >= 2, "rejoins replaced, never added: {tally:?}");
    assert_eq!(tally.answered(), if ssh_student::have_ssh() { 3 } else { 2 }, "{tally:?}");
    let screen = bob.wait_for("the reveal", |s| s.contains("your answer:")).await;
    assert!(screen.contains("your answer: 2 ✓") && !screen.contains("you sent no answer"), "{screen}");
    cy.wait_for("cy's verdict", |s| s.contains("your answer: 3 ✗")).await;
    // The projector goes on and comes back: the slide, and each student's verdict, as they were.
    runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    cy.wait_for("the next question", |s| s.contains("What is q1 entry 2?")).await;
    runner.drive(&mut teacher, Message::Present(PresentMsg::Back));
    let screen = cy.wait_for("slide 3 again", |s| s.contains("What is q1 entry 1?")).await;
    let screen = if screen.contains("your answer:") {
        screen
    } else {
        cy.wait_for("the verdict", |s| s.contains("your answer:")).await
    };
    assert!(screen.contains("your answer: 3 ✗"), "{screen}");
    server.stop().await;
}
