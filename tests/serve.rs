//! `serve` end to end on 127.0.0.1 with an ephemeral port: real SSH (russh's client) against
//! the server running in this process, the students' screens kept by vt100.

#[path = "serve/client.rs"]
mod client;

use client::{Student, TIMEOUT, connect, login, options, relay, start};
use qkv_tutor::serve::{Access, Limits};
use russh::ChannelMsg;
use std::time::Duration;

const CODE: &str = "tulip-42";

fn code() -> Access {
    Access::Code(CODE.to_owned())
}

/// The scores row of the playground: q2·k1 = 15 and q2·k2 = 12, the lesson's numbers.
fn shows_q2_scores(screen: &str) -> bool {
    screen.lines().any(|line| {
        let cells: Vec<&str> = line.split(|c: char| c == '│' || c.is_whitespace()).filter(|s| !s.is_empty()).collect();
        cells.windows(3).any(|w| w == ["q2", "15", "12"])
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_gets_the_first_frame_and_2_opens_the_playground() {
    let server = start(options(code())).await;
    let mut student = Student::join(server.local_addr(), CODE, 100, 30).await;
    let first = student.wait_for("the walkthrough", |s| s.contains("Walkthrough") && s.contains("Step 1 of")).await;
    assert!(!shows_q2_scores(&first), "the first frame is not the playground:\n{first}");
    student.send(b"2").await;
    student.wait_for("the playground's scores 15 and 12", shows_q2_scores).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_change_redraws_at_the_new_size() {
    // The footer is the screen's last line: on row 30 at 100×30, on row 40 at 120×40.
    let footer_on_row =
        |row: usize| move |s: &str| s.lines().count() == row && s.lines().last().is_some_and(|l| l.contains("quit"));
    let server = start(options(code())).await;
    let mut student = Student::join(server.local_addr(), CODE, 100, 30).await;
    student.wait_for("the footer on row 30", footer_on_row(30)).await;
    student.resize(120, 40).await;
    let redrawn = student.wait_for("the footer on row 40", footer_on_row(40)).await;
    let widest = redrawn.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest > 100, "the redraw does not use the new width:\n{redrawn}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quitting_closes_that_session_alone() {
    let server = start(options(code())).await;
    let mut leaving = Student::join(server.local_addr(), CODE, 100, 30).await;
    let mut staying = Student::join(server.local_addr(), CODE, 100, 30).await;
    leaving.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    staying.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    leaving.send(b"q").await;
    assert!(leaving.wait_closed().await, "q did not close the session");
    staying.send(b"2").await;
    staying.wait_for("the other student's playground", shows_q2_scores).await;
    assert_eq!(server.sessions(), 1);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_z_is_ignored_for_remote_students() {
    let server = start(options(code())).await;
    let mut student = Student::join(server.local_addr(), CODE, 100, 30).await;
    student.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    student.send(b"\x1a").await;
    student.send(b"2").await;
    student.wait_for("the playground after Ctrl-Z", shows_q2_scores).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_is_refused_and_then_the_address_is_rate_limited() {
    let mut options = options(code());
    options.limits = Limits { max_failures: 3, auth_rejection: Duration::from_millis(10), ..options.limits };
    let server = start(options).await;
    let mut first = connect(server.local_addr()).await;
    assert!(login(&mut first, CODE).await, "the right code is accepted before any failure");
    for attempt in 1..=3 {
        let mut handle = connect(server.local_addr()).await;
        assert!(!login(&mut handle, "tulip-43").await, "wrong code accepted on attempt {attempt}");
    }
    let mut handle = connect(server.local_addr()).await;
    assert!(!login(&mut handle, CODE).await, "after 3 failures even the right code must wait");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_subsystem_agent_and_port_forwarding_are_refused() {
    let server = start(options(code())).await;
    let mut handle = connect(server.local_addr()).await;
    assert!(login(&mut handle, CODE).await);
    for request in ["exec", "subsystem", "agent"] {
        let mut channel = handle.channel_open_session().await.expect("session channel");
        match request {
            "exec" => channel.exec(true, "cat /etc/passwd").await.expect("sent"),
            "subsystem" => channel.request_subsystem(true, "sftp").await.expect("sent"),
            _ => channel.agent_forward(true).await.expect("sent"),
        }
        let reply = tokio::time::timeout(TIMEOUT, async {
            loop {
                match channel.wait().await {
                    Some(ChannelMsg::Failure) => return true,
                    Some(ChannelMsg::Success | ChannelMsg::Data { .. }) | None => return false,
                    Some(_) => {}
                }
            }
        });
        assert!(reply.await.expect("answered in time"), "{request} was not refused");
        // One session channel per connection: the next request needs a new connection.
        handle = connect(server.local_addr()).await;
        assert!(login(&mut handle, CODE).await);
    }
    let forward = tokio::time::timeout(TIMEOUT, handle.tcpip_forward("127.0.0.1", 0)).await.expect("in time");
    assert!(forward.is_err(), "remote port forwarding was accepted");
    let direct = tokio::time::timeout(TIMEOUT, handle.channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000));
    assert!(direct.await.expect("in time").is_err(), "local port forwarding was accepted");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_students_all_get_their_first_frame() {
    let server = start(options(code())).await;
    let addr = server.local_addr();
    let mut joins = tokio::task::JoinSet::new();
    for _ in 0..50 {
        joins.spawn(async move {
            let mut student = Student::join(addr, CODE, 100, 30).await;
            student.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
            student
        });
    }
    let mut students = Vec::new();
    while let Some(joined) = joins.join_next().await {
        students.push(joined.expect("student task"));
    }
    assert_eq!(students.len(), 50);
    assert_eq!(server.sessions(), 50);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_who_stops_reading_does_not_delay_the_others_and_is_dropped() {
    let logs = tempfile::tempdir().expect("temp dir");
    let mut options = options(code());
    options.limits = Limits { stall: Duration::from_secs(2), ..options.limits };
    options.log_file = Some(logs.path().join("serve.log"));
    let server = start(options).await;
    let relay = relay(server.local_addr()).await;
    let mut stalled = Student::join_small_window(relay.addr, CODE, 200, 60).await;
    stalled.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    relay.paused.store(true, std::sync::atomic::Ordering::SeqCst);
    // Every key redraws most of the screen, and none of it reaches the student.
    let flood = tokio::spawn(async move {
        for n in 0..400 {
            // Tab and Shift-Tab: the next screen and back (digits would type into the playground).
            if stalled.channel.data(if n % 2 == 0 { &b"\t"[..] } else { &b"\x1b[Z"[..] }).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        stalled
    });
    let mut other = Student::join(server.local_addr(), CODE, 100, 30).await;
    other.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    other.send(b"2").await;
    other.wait_for("the playground", shows_q2_scores).await;
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    while server.sessions() > 1 {
        assert!(tokio::time::Instant::now() < deadline, "the stalled student was never dropped");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    other.send(b"\x1b[Z").await;
    other.wait_for("the walkthrough again", |s| s.contains("Step 1 of")).await;
    // It was the stall rule that fired, not the idle timer or a hang-up.
    let log = std::fs::read_to_string(logs.path().join("serve.log")).expect("the log");
    assert!(log.contains("stopped reading its output; dropped"), "{log}");
    drop(flood);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_closed_with_a_message() {
    let mut options = options(code());
    options.limits = Limits { idle: Duration::from_secs(1), ..options.limits };
    let server = start(options).await;
    let mut student = Student::join(server.local_addr(), CODE, 100, 30).await;
    student.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    assert!(student.wait_closed().await, "an idle session stayed open");
    assert!(student.text().contains("without a key"), "no idle message:\n{}", student.text());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_max_sessions_a_student_is_told_the_class_is_full() {
    let mut options = options(code());
    options.max_sessions = 1;
    let server = start(options).await;
    let mut first = Student::join(server.local_addr(), CODE, 100, 30).await;
    first.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    let mut second = Student::join(server.local_addr(), CODE, 100, 30).await;
    assert!(second.wait_closed().await, "the second student was not closed");
    assert!(second.text().contains("class is full"), "no message:\n{}", second.text());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_server_tells_every_student() {
    let server = start(options(code())).await;
    let mut student = Student::join(server.local_addr(), CODE, 100, 30).await;
    student.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    server.stop().await;
    assert!(student.wait_closed().await, "the session outlived the server");
    assert!(student.text().contains("teacher stopped"), "no goodbye:\n{}", student.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_access_needs_no_code_and_keys_only_needs_an_authorized_key() {
    use russh::client::AuthResult;
    use russh::keys::PrivateKeyWithHashAlg;
    use std::sync::Arc;
    let open = start(options(Access::Open)).await;
    let mut handle = connect(open.local_addr()).await;
    let none = handle.authenticate_none("anyone").await.expect("auth exchange");
    assert!(matches!(none, AuthResult::Success), "--open refused a login");
    open.stop().await;

    let mut keyed = options(Access::KeysOnly);
    keyed.authorized_keys = vec![client::key(5).public_key().clone()];
    let server = start(keyed).await;
    let mut handle = connect(server.local_addr()).await;
    assert!(!login(&mut handle, CODE).await, "a password was accepted with keys only");
    let stranger = PrivateKeyWithHashAlg::new(Arc::new(client::key(6)), None);
    let refused = handle.authenticate_publickey("student", stranger).await.expect("auth exchange");
    assert!(!matches!(refused, AuthResult::Success), "an unlisted key was accepted");
    let listed = PrivateKeyWithHashAlg::new(Arc::new(client::key(5)), None);
    let accepted = handle.authenticate_publickey("student", listed).await.expect("auth exchange");
    assert!(matches!(accepted, AuthResult::Success), "the authorized key was refused");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_interactive_takes_the_code() {
    use russh::client::KeyboardInteractiveAuthResponse as Reply;
    let server = start(options(code())).await;
    for (given, expected) in [("tulip-43", false), (CODE, true)] {
        let mut handle = connect(server.local_addr()).await;
        let asked = handle.authenticate_keyboard_interactive_start("student", None).await.expect("auth exchange");
        let Reply::InfoRequest { prompts, .. } = asked else { panic!("no prompt: {asked:?}") };
        assert_eq!(prompts.len(), 1);
        let answer = handle.authenticate_keyboard_interactive_respond(vec![given.to_owned()]).await.expect("exchange");
        assert_eq!(matches!(answer, Reply::Success), expected, "code {given}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_that_would_write_files_on_the_teachers_computer_are_refused() {
    let server = start(options(code())).await;
    let mut student = Student::join(server.local_addr(), CODE, 100, 30).await;
    student.wait_for("the first frame", |s| s.contains("Walkthrough")).await;
    student.send(b"H").await;
    student.wait_for("the refusal", |s| s.contains("not available over SSH")).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_progress_gives_a_named_student_their_progress_back() {
    let dir = tempfile::tempdir().expect("temp");
    let mut options = options(code());
    options.keep_progress = Some(dir.path().to_path_buf());
    let server = start(options).await;
    let mut ada = Student::join_as(server.local_addr(), "ada", CODE, 100, 30).await;
    ada.wait_for("the first frame", |s| s.contains("Step 1 of")).await;
    ada.answer_first_question().await;
    ada.send(b"q").await;
    assert!(ada.wait_closed().await);
    let saved = std::fs::read_to_string(dir.path().join("students").join("ada").join("progress.json"))
        .expect("ada's progress is kept under her name");
    assert!(saved.contains("recall-three-views"), "{saved}");
    let mut again = Student::join_as(server.local_addr(), "ada", CODE, 100, 30).await;
    again.wait_for("the first frame", |s| s.contains("Step 1 of")).await;
    again.send(b"\x1bOS").await;
    again.wait_for("her progress back", |s| s.contains("seen 1")).await;
    let mut anonymous = Student::join(server.local_addr(), CODE, 100, 30).await;
    anonymous.wait_for("the first frame", |s| s.contains("Step 1 of")).await;
    anonymous.send(b"\x1bOS").await;
    anonymous.wait_for("a fresh start for the shared name", |s| s.contains("seen 0")).await;
    server.stop().await;
}
