//! The TCP stream under one SSH connection, with a switch that cuts it. A client that stops
//! reading can leave russh waiting on a socket write forever; cutting the stream makes that
//! write fail, so the connection (and everything it holds) ends.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// Cuts a [`Cuttable`] stream from anywhere.
#[derive(Debug, Default)]
pub(super) struct Cutter {
    cut: AtomicBool,
    /// Whoever waits on the socket (a read and a write at most), to be woken by the cut.
    waiting: Mutex<Vec<Waker>>,
}

impl Cutter {
    pub(super) fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for waker in self.waiting.lock().unwrap_or_else(PoisonError::into_inner).drain(..) {
            waker.wake();
        }
    }

    fn is_cut(&self) -> bool {
        self.cut.load(Ordering::SeqCst)
    }

    fn wait(&self, waker: &Waker) {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        if !waiting.iter().any(|w| w.will_wake(waker)) {
            waiting.push(waker.clone());
        }
        // A task re-registers on every poll: keep only the latest few.
        let excess = waiting.len().saturating_sub(4);
        waiting.drain(..excess);
    }
}

pub(super) struct Cuttable {
    inner: TcpStream,
    cutter: Arc<Cutter>,
}

impl Cuttable {
    pub(super) fn new(inner: TcpStream) -> (Self, Arc<Cutter>) {
        let cutter = Arc::new(Cutter::default());
        (Self { inner, cutter: Arc::clone(&cutter) }, cutter)
    }

    fn gate<T>(&self, cx: &Context<'_>, poll: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if self.cutter.is_cut() {
            return Poll::Ready(Err(io::ErrorKind::ConnectionAborted.into()));
        }
        if poll.is_pending() {
            self.cutter.wait(cx.waker());
        }
        poll
    }
}

impl AsyncRead for Cuttable {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_read(cx, buf);
        this.gate(cx, poll)
    }
}

impl AsyncWrite for Cuttable {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.gate(cx, poll)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_flush(cx);
        this.gate(cx, poll)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
