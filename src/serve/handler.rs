//! One SSH connection: logins, and which requests it may make. Only a session channel with
//! a pty and a shell gets anything; everything else is refused and logged. This file says
//! which request goes where; how a login is checked is in `login`, and the session channel
//! (pty, shell, input, resizes) in `shell`.

mod login;
mod shell;

use super::rate::Bucket;
use super::shared::{Shared, Stage, shown_user};
use super::stream::Cutter;
use russh::server::{Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Response, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, ChannelWriteHalf, Pty};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{mpsc, watch};

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
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        Ok(self.login_none(user))
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.login_password(user, password))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.login_interactive(user, response))
    }

    async fn auth_publickey_offered(&mut self, _user: &str, offer: PublicKeyOffer<'_>) -> Result<Auth, Self::Error> {
        Ok(self.login_key(None, offer.public_key))
    }

    async fn auth_publickey(&mut self, user: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        Ok(self.login_key(Some(user), key.public_key))
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
        if self.open_session(channel) {
            reply.accept().await;
        } else {
            reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
        }
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
        if self.pty(channel, cols, rows) { session.channel_success(channel) } else { session.channel_failure(channel) }
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        let (writer, pty) = match self.shell() {
            Ok(ready) => ready,
            Err(why) => {
                self.refuse(why);
                return session.channel_failure(channel);
            }
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
        self.input(data);
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
        self.resize(cols, rows);
        Ok(())
    }

    async fn channel_eof(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.end_input(false);
        Ok(())
    }

    async fn channel_close(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.end_input(true);
        Ok(())
    }
}
