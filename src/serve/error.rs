//! Why `serve` could not start.

use std::net::SocketAddr;

/// A reason `serve` cannot run, shown to the teacher as is.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("host key {path}: {reason}")]
    HostKey { path: String, reason: String },
    /// The machine's failure, not the user's file: the data folder cannot be written.
    #[error("host key {path}: cannot create it: {reason}")]
    HostKeyCreate { path: String, reason: String },
    #[error("authorized keys {path}, line {line}: {reason}")]
    AuthorizedKeys { path: String, line: usize, reason: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
