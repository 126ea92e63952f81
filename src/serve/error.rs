//! Why `serve` could not start.

use std::net::SocketAddr;

/// A reason `serve` cannot run, shown to the teacher as is.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("host key {path}: {reason}")]
    HostKey { path: String, reason: KeyFileError },
    /// The machine's failure, not the user's file: the data folder cannot be written.
    #[error("host key {path}: cannot create it: {reason}")]
    HostKeyCreate { path: String, reason: String },
    #[error("authorized keys {path}, line {line}: {reason}")]
    AuthorizedKeys { path: String, line: usize, reason: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Why an existing host key file was refused; the message is the `reason` of a
/// [`ServeError::HostKey`].
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("{0}")]
    Read(crate::fsread::ReadError),
    #[error("readable by others (mode {mode:o}); run `chmod 600` on it")]
    Exposed { mode: u32 },
    #[error("not a key: an OpenSSH private key begins with -----BEGIN OPENSSH PRIVATE KEY-----")]
    NotAKey,
    #[error("not an OpenSSH private key: {0}")]
    Damaged(russh::keys::ssh_key::Error),
}
