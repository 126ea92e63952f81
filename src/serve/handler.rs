//! One SSH connection: logins, and which requests it may make. Only a session channel with
//! a pty and a shell gets anything; everything else is refused and logged.

use super::rate::Bucket;
use super::session::{self, Link, Start};
use super::shared::{Access, Shared, Stage, shown_user};
use super::stream::Cutter;
use super::{auth, screen};
use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Response, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, ChannelWriteHalf, Pty};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;
use tokio::sync::{mpsc, watch};

/// Input chunks queued for a session; beyond it, input is dropped rather than buffered.
const INPUT_QUEUE: usize = 32;

pub(super) struct Connection {
    shared: Arc<Shared>,
    peer: SocketAddr,
    user: String,
    stage: watch::Sender<Stage>,
    cutter: Arc<Cutter>,
    channel: Option<ChannelId>,
    /// The channel's writing half, until the shell starts and the session takes it.
    writer: Option<ChannelWriteHalf<Msg>>,
    pty: Option<(u16, u16)>,
    input: Option<mpsc::Sender<Vec<u8>>>,
    size: Option<watch::Sender<(u16, u16)>>,
    bucket: Bucket,
    warned: bool,
}

impl Connection {
    pub(super) fn new(shared: Arc<Shared>, peer: SocketAddr, stage: watch::Sender<Stage>, cutter: Arc<Cutter>) -> Self {
        let limits = shared.options.limits;
        Self {
            shared,
            peer,
            user: String::new(),
            stage,
            cutter,
            channel: None,
            writer: None,
            pty: None,
            input: None,
            size: None,
            bucket: Bucket::new(limits.input_burst, limits.input_per_second, Instant::now()),
            warned: false,
        }
    }

    fn refuse(&self, what: &str) {
        self.shared.log(&format!("refused {} ({}): {what}", self.peer, shown_user(&self.user)));
    }

    fn check_code(&mut self, user: &str, given: &[u8]) -> Result<(), auth::Refusal> {
        user.clone_into(&mut self.user);
        let checked = auth::check_code(&self.shared, self.peer.ip(), given);
        if let Err(refusal) = &checked {
            self.refuse(&refusal.to_string());
        }
        checked
    }

    fn key_allowed(&self, key: &PublicKey) -> Auth {
        let keys = &self.shared.options.authorized_keys;
        if keys.iter().any(|k| k.key_data() == key.key_data()) { Auth::Accept } else { Auth::reject() }
    }

    /// The shell request, once the pty is known: a tutor, or a polite refusal when full.
    fn start(&mut self, writer: ChannelWriteHalf<Msg>, pty: (u16, u16)) {
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
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        user.clone_into(&mut self.user);
        Ok(if matches!(self.shared.options.access, Access::Open) { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(if self.check_code(user, password.as_bytes()).is_ok() { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(mut response) = response else {
            return Ok(Auth::Partial {
                name: "qkv-tutor".into(),
                instructions: "Type the class code your teacher gave you.".into(),
                prompts: vec![("Class code: ".into(), false)].into(),
            });
        };
        let given = response.next().unwrap_or_default();
        Ok(match self.check_code(user, &given) {
            Ok(()) => Auth::Accept,
            // Asked again, with the reason and how long: a bare second prompt looks like a typo.
            Err(locked @ auth::Refusal::Locked(_)) => Auth::Partial {
                name: "qkv-tutor".into(),
                instructions: format!("{locked}.").into(),
                prompts: vec![("Class code: ".into(), false)].into(),
            },
            Err(_) => Auth::reject(),
        })
    }

    async fn auth_publickey_offered(&mut self, _user: &str, offer: PublicKeyOffer<'_>) -> Result<Auth, Self::Error> {
        Ok(self.key_allowed(offer.public_key))
    }

    async fn auth_publickey(&mut self, user: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        user.clone_into(&mut self.user);
        Ok(self.key_allowed(key.public_key))
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.stage.send_replace(Stage::LoggedIn);
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            self.refuse("a second session on one connection");
            reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        // Input arrives through `data` below; an unread channel queue would stall the connection.
        let (_unread, writer) = channel.split();
        self.writer = Some(writer);
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        _: u32,
        reply: ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("X11 channel");
        reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _: Channel<Msg>,
        host: &str,
        port: u32,
        _: &str,
        _: u32,
        reply: ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("port forwarding to {}:{port}", shown_user(host)));
        reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        reply: ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("socket forwarding");
        reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel != Some(channel) || self.input.is_some() {
            return session.channel_failure(channel);
        }
        self.pty = Some(screen::clamp(cols, rows));
        session.channel_success(channel)
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        if self.input.is_some() {
            self.refuse("a second shell on one session");
            return session.channel_failure(channel);
        }
        let (Some(pty), Some(writer)) = (self.pty, self.writer.take()) else {
            self.refuse("a shell without a terminal (connect with ssh -t)");
            return session.channel_failure(channel);
        };
        session.channel_success(channel)?;
        self.start(writer, pty);
        Ok(())
    }

    async fn exec_request(&mut self, channel: ChannelId, _: &[u8], session: &mut Session) -> Result<(), Self::Error> {
        self.refuse("exec (only the tutor runs here)");
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("subsystem {}", shown_user(name)));
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("X11 forwarding");
        session.channel_failure(channel)
    }

    /// OpenSSH sends LANG and the like by default: refused quietly, it is not an attack.
    async fn env_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        _: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(&mut self, _: ChannelId, _: &mut Session) -> Result<bool, Self::Error> {
        self.refuse("agent forwarding");
        Ok(false)
    }

    async fn tcpip_forward(&mut self, address: &str, port: &mut u32, _: &mut Session) -> Result<bool, Self::Error> {
        self.refuse(&format!("remote port forwarding from {}:{port}", shown_user(address)));
        Ok(false)
    }

    async fn streamlocal_forward(&mut self, _: &str, _: &mut Session) -> Result<bool, Self::Error> {
        self.refuse("remote socket forwarding");
        Ok(false)
    }

    async fn data(&mut self, _channel: ChannelId, data: &[u8], _: &mut Session) -> Result<(), Self::Error> {
        let Some(input) = &self.input else { return Ok(()) };
        // Over the rate cap or with a full queue, input is dropped: the session never waits.
        let accepted = self.bucket.take(data.len(), Instant::now()) && input.try_send(data.to_vec()).is_ok();
        if !accepted && !self.warned {
            self.warned = true;
            self.refuse("input faster than the cap; dropping the excess");
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        let size = screen::clamp(cols, rows);
        match &self.size {
            Some(sender) => drop(sender.send(size)),
            None => self.pty = self.pty.map(|_| size),
        }
        Ok(())
    }

    async fn channel_eof(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.input = None;
        Ok(())
    }

    async fn channel_close(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.input = None;
        self.size = None;
        Ok(())
    }
}
