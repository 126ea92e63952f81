//! The listening socket and the accept loop.

use super::error::ServeError;
use super::handler::Connection;
use super::hostkey;
use super::shared::{Access, Options, Shared, log};
use super::stream::{Cuttable, Cutter};
use russh::MethodKind;
use russh::server::Config;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// Connections still logging in, on top of `--max-sessions`, before new ones are dropped.
const LOGIN_SLACK: usize = 16;

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
    let cap = shared.options.max_sessions + LOGIN_SLACK;
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) if shared.connections.load(Ordering::SeqCst) >= cap => {
                    log(&format!("refused {peer}: too many connections ({cap})"));
                    drop(stream);
                }
                Ok((stream, peer)) => {
                    shared.connections.fetch_add(1, Ordering::SeqCst);
                    tokio::spawn(connection(stream, peer, Arc::clone(&config), Arc::clone(&shared)));
                }
                // Out of file descriptors, usually: wait a little rather than spin.
                Err(error) => {
                    log(&format!("accept failed: {error}"));
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            },
        }
    }
}

async fn connection(stream: TcpStream, peer: SocketAddr, config: Arc<Config>, shared: Arc<Shared>) {
    let limits = shared.options.limits;
    // Keys and frames are small packets: Nagle's delay would add tens of milliseconds to each.
    let _ = stream.set_nodelay(true);
    let authed = Arc::new(AtomicBool::new(false));
    let (stream, cutter) = Cuttable::new(stream);
    let handler = Connection::new(Arc::clone(&shared), peer, Arc::clone(&authed), Arc::clone(&cutter));
    let started = tokio::time::timeout(limits.login, russh::server::run_stream(config, stream, handler)).await;
    if let Ok(Ok(session)) = started {
        let handle = session.handle();
        let mut stop = shared.stop.clone();
        let login = async {
            tokio::time::sleep(limits.login).await;
            if authed.load(Ordering::SeqCst) {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            _ = session => {}
            () = login => {
                log(&format!("dropped {peer}: no login within {} s", limits.login.as_secs()));
                hang_up(&handle, &cutter, "no login").await;
            }
            _ = stop.changed() => {
                // The session says goodbye itself; give it a moment before hanging up.
                tokio::time::sleep(Duration::from_millis(300)).await;
                hang_up(&handle, &cutter, "class over").await;
            }
        }
    }
    shared.connections.fetch_sub(1, Ordering::SeqCst);
}

/// Asks the client to disconnect, and cuts the stream if that cannot be sent promptly.
async fn hang_up(handle: &russh::server::Handle, cutter: &Cutter, reason: &str) {
    let polite = handle.disconnect(russh::Disconnect::ByApplication, reason.to_owned(), String::new());
    if tokio::time::timeout(Duration::from_secs(1), polite).await.is_err() {
        cutter.cut();
    }
}
