//! The one session channel a connection may have: its pty, its shell (which starts the
//! student's tutor, or tells them the class is full), and the input and resizes that feed it.

use super::Connection;
use crate::serve::screen;
use crate::serve::session::{self, Link, Start};
use crate::serve::shared::Stage;
use russh::server::Msg;
use russh::{Channel, ChannelId, ChannelWriteHalf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;
use tokio::sync::{mpsc, watch};

/// Input chunks queued for a session; beyond it, input is dropped rather than buffered.
const INPUT_QUEUE: usize = 32;

/// Why a request on the session channel was refused, for the log.
pub(super) type Refused = &'static str;

impl Connection {
    /// Takes the connection's one session channel; false (refused) for a second one.
    pub(super) fn open_session(&mut self, channel: Channel<Msg>) -> bool {
        if self.channel.is_some() {
            self.refuse("a second session on one connection");
            return false;
        }
        self.channel = Some(channel.id());
        // Input arrives through `data`; an unread channel queue would stall the connection.
        let (_unread, writer) = channel.split();
        self.writer = Some(writer);
        true
    }

    /// A pty on this connection's channel, before its shell starts.
    pub(super) fn pty(&mut self, channel: ChannelId, cols: u32, rows: u32) -> bool {
        if self.channel != Some(channel) || self.input.is_some() {
            return false;
        }
        self.pty = Some(screen::clamp(cols, rows));
        true
    }

    /// What a shell request needs: a pty asked for first, and no shell yet.
    pub(super) fn shell(&mut self) -> Result<(ChannelWriteHalf<Msg>, (u16, u16)), Refused> {
        if self.input.is_some() {
            return Err("a second shell on one session");
        }
        match (self.pty, self.writer.take()) {
            (Some(pty), Some(writer)) => Ok((writer, pty)),
            _ => Err("a shell without a terminal (connect with ssh -t)"),
        }
    }

    /// The shell request, once the pty is known: a tutor, or a polite refusal when full.
    pub(super) fn start(&mut self, writer: ChannelWriteHalf<Msg>, pty: (u16, u16)) {
        self.stage.send_replace(Stage::Tutor);
        let shared = Arc::clone(&self.shared);
        let max = shared.options.max_sessions;
        let taken = shared.sessions.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1));
        if taken.is_err() {
            self.refuse(&format!("the class is full ({max} at most)"));
            tokio::spawn(session::full(writer, max));
            return;
        }
        let (input, input_rx) = mpsc::channel(INPUT_QUEUE);
        let (size, size_rx) = watch::channel(pty);
        self.input = Some(input);
        self.size = Some(size);
        let start = Start {
            id: shared.next_id.fetch_add(1, Ordering::SeqCst),
            peer: self.peer,
            user: self.user.clone(),
            cutter: Arc::clone(&self.cutter),
        };
        tokio::spawn(session::run(shared, Link { input: input_rx, size: size_rx }, writer, start));
    }

    /// Bytes typed by the student. Over the rate cap or with a full queue they are dropped:
    /// the session never waits.
    pub(super) fn input(&mut self, data: &[u8]) {
        let Some(input) = &self.input else { return };
        let accepted = self.bucket.take(data.len(), Instant::now()) && input.try_send(data.to_vec()).is_ok();
        if !accepted && !self.warned {
            self.warned = true;
            self.refuse("input faster than the cap; dropping the excess");
        }
    }

    /// The student's terminal changed size (before the shell, the pty's size changes).
    pub(super) fn resize(&mut self, cols: u32, rows: u32) {
        let size = screen::clamp(cols, rows);
        match &self.size {
            Some(sender) => drop(sender.send(size)),
            None => self.pty = self.pty.map(|_| size),
        }
    }

    /// The client closed its side: no more input (the session sees the queue end).
    pub(super) fn end_input(&mut self, closed: bool) {
        self.input = None;
        if closed {
            self.size = None;
        }
    }
}
