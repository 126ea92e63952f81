//! The listening socket and the accept loop.

use super::error::ServeError;
use super::handler::Connection;
use super::hostkey;
use super::shared::{Access, Options, Shared, Stage};
use super::stream::{Cuttable, Cutter};
use russh::MethodKind;
use russh::server::Config;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::time::timeout;

/// A running server. Dropping it ends every session at once; [`Server::stop`] also says
/// goodbye to each student and waits for their sessions to close.
pub struct Server {
    addr: SocketAddr,
    fingerprint: String,
    stop: watch::Sender<bool>,
    shared: Arc<Shared>,
    accept: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Binds the address and starts accepting students.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn start(options: Options) -> Result<Self, ServeError> {
        let listener = TcpListener::bind(options.listen)
            .await
            .map_err(|source| ServeError::Listen { addr: options.listen, source })?;
        let addr = listener.local_addr()?;
        let fingerprint = hostkey::fingerprint(&options.host_key);
        let config = Arc::new(russh_config(&options));
        let (stop, stop_rx) = watch::channel(false);
        let shared = Arc::new(Shared::new(options, stop_rx));
        let accept = tokio::spawn(accept_loop(listener, config, Arc::clone(&shared)));
        Ok(Self { addr, fingerprint, stop, shared, accept })
    }

    /// The address actually bound (the real port when asked for port 0).
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The host key's fingerprint, as students' ssh clients show it.
    #[must_use]
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Students with a tutor open right now.
    #[must_use]
    pub fn sessions(&self) -> usize {
        self.shared.sessions.load(Ordering::SeqCst)
    }

    /// Stops accepting, tells every student the class is over, and waits (at most a few
    /// seconds) for their sessions to close.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.accept.await;
        for _ in 0..60 {
            if self.shared.connections.load(Ordering::SeqCst) == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn russh_config(options: &Options) -> Config {
    let methods: &[MethodKind] = match options.access {
        Access::Open => {
            &[MethodKind::None, MethodKind::Password, MethodKind::KeyboardInteractive, MethodKind::PublicKey]
        }
        Access::Code(_) => &[MethodKind::Password, MethodKind::KeyboardInteractive, MethodKind::PublicKey],
        Access::KeysOnly => &[MethodKind::PublicKey],
    };
    let limits = options.limits;
    Config {
        server_id: russh::SshId::Standard(concat!("SSH-2.0-qkv-tutor_", env!("CARGO_PKG_VERSION")).into()),
        methods: methods.into(),
        auth_rejection_time: limits.auth_rejection,
        // OpenSSH first probes with "none" to learn the methods: no reason to make it wait.
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![options.host_key.clone()],
        inactivity_timeout: Some(limits.idle + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 3,
        max_auth_attempts: limits.max_failures + 1,
        // The receive window bounds how much input a client can have in flight.
        window_size: 256 * 1024,
        ..Config::default()
    }
}

async fn accept_loop(listener: TcpListener, config: Arc<Config>, shared: Arc<Shared>) {
    let mut stop = shared.stop.clone();
    let limits = shared.options.limits;
    // Logged-in connections waiting for their shell live at most `limits.shell`; this
    // bounds them too, so no flood holds more than a few seconds of memory.
    let cap = shared.options.max_sessions + 2 * limits.login_pool;
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) if shared.pending.load(Ordering::SeqCst) >= limits.login_pool => {
                    shared.log(&format!("refused {peer}: {} connections are still logging in", limits.login_pool));
                    drop(stream);
                }
                Ok((stream, peer)) if shared.connections.load(Ordering::SeqCst) >= cap => {
                    shared.log(&format!("refused {peer}: too many connections ({cap})"));
                    drop(stream);
                }
                Ok((stream, peer)) => {
                    shared.connections.fetch_add(1, Ordering::SeqCst);
                    shared.pending.fetch_add(1, Ordering::SeqCst);
                    tokio::spawn(connection(stream, peer, Arc::clone(&config), Arc::clone(&shared)));
                }
                // Out of file descriptors, usually: wait a little rather than spin.
                Err(error) => {
                    shared.log(&format!("accept failed: {error}"));
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            },
        }
    }
}

/// Leaves the pool of connections still logging in, once.
struct Pending<'a> {
    shared: &'a Shared,
    left: AtomicBool,
}

impl Pending<'_> {
    fn leave(&self) {
        if !self.left.swap(true, Ordering::SeqCst) {
            self.shared.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Resolves with a reason when a connection overstays a stage: no login within
/// `limits.login`, or no tutor within `limits.shell` of logging in.
async fn overstay(mut stage: watch::Receiver<Stage>, shared: &Shared, pending: &Pending<'_>) -> String {
    let limits = shared.options.limits;
    // Each wait ends as a plain value: the watch's guard must not live across an await.
    let logged_in = timeout(limits.login, stage.wait_for(|s| *s >= Stage::LoggedIn)).await.map(|r| r.is_ok());
    match logged_in {
        Err(_) => return format!("no login within {} s", limits.login.as_secs()),
        Ok(false) => std::future::pending::<()>().await,
        Ok(true) => pending.leave(),
    }
    let tutor = timeout(limits.shell, stage.wait_for(|s| *s >= Stage::Tutor)).await.map(|r| r.is_ok());
    if tutor.is_err() {
        return format!("logged in but asked for no terminal within {} s", limits.shell.as_secs());
    }
    std::future::pending().await
}

async fn connection(stream: TcpStream, peer: SocketAddr, config: Arc<Config>, shared: Arc<Shared>) {
    let limits = shared.options.limits;
    let pending = Pending { shared: &shared, left: AtomicBool::new(false) };
    // Keys and frames are small packets: Nagle's delay would add tens of milliseconds to each.
    let _ = stream.set_nodelay(true);
    let (stage_tx, stage) = watch::channel(Stage::Connected);
    let (stream, cutter) = Cuttable::new(stream);
    let handler = Connection::new(Arc::clone(&shared), peer, stage_tx, Arc::clone(&cutter));
    let started = timeout(limits.login, russh::server::run_stream(config, stream, handler)).await;
    match started {
        Ok(Ok(session)) => {
            let handle = session.handle();
            let mut stop = shared.stop.clone();
            tokio::select! {
                _ = session => {}
                why = overstay(stage, &shared, &pending) => {
                    shared.log(&format!("closed {peer}: {why}"));
                    hang_up(&handle, &cutter, &why).await;
                }
                _ = stop.changed() => {
                    // The session says goodbye itself; give it a moment before hanging up.
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    hang_up(&handle, &cutter, "class over").await;
                }
            }
        }
        Ok(Err(_)) => {}
        Err(_) => shared.log(&format!("closed {peer}: no SSH greeting within {} s", limits.login.as_secs())),
    }
    pending.leave();
    shared.connections.fetch_sub(1, Ordering::SeqCst);
}

/// Asks the client to disconnect, and cuts the stream if that cannot be sent promptly.
async fn hang_up(handle: &russh::server::Handle, cutter: &Cutter, reason: &str) {
    let polite = handle.disconnect(russh::Disconnect::ByApplication, reason.to_owned(), String::new());
    if tokio::time::timeout(Duration::from_secs(1), polite).await.is_err() {
        cutter.cut();
    }
}
