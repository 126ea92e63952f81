//! The server's persistent host key: created once (Ed25519, mode 0600) in the data folder,
//! loaded on every later run, so students' ssh clients see the same fingerprint each lesson.

use super::error::{KeyFileError, ServeError};
use crate::fsread::{Checked, ReadError};
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey};
use std::io::Write;
#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The key's file name inside the data folder.
pub const FILE_NAME: &str = "ssh_host_ed25519_key";

/// Where the host key lives for a data folder.
#[must_use]
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// The most a host key file may hold; an Ed25519 key in OpenSSH form is about 400 bytes.
pub const MAX_KEY_BYTES: u64 = 64 * 1024;

/// What an OpenSSH private key file begins with.
const PEM_HEADER: &str = "-----BEGIN OPENSSH PRIVATE KEY-----";

/// Loads the host key, or creates it when there is none. Returns the key and whether it is new.
///
/// # Errors
/// When the file is not a regular file (named by kind: FIFO, device, dangling link), is
/// larger than [`MAX_KEY_BYTES`], can be read by others (as sshd does, it refuses a key that
/// is not private to its owner), is not an OpenSSH private key, or cannot be created.
pub fn load_or_create(data_dir: &Path) -> Result<(PrivateKey, bool), ServeError> {
    let file = path(data_dir);
    let shown = crate::sanitize::escape(&file.display().to_string());
    let err = |reason: KeyFileError| ServeError::HostKey { path: shown.clone(), reason };
    match crate::fsread::read_then(&file, MAX_KEY_BYTES, private) {
        Ok(bytes) => parse(&bytes).map(|key| (key, false)).map_err(err),
        Err(Checked::Refused(reason)) => Err(err(reason)),
        Err(Checked::Read(e)) if e.is_not_found() && !matches!(e, ReadError::Dangling) => match create(data_dir, &file)
        {
            Ok(key) => Ok((key, true)),
            Err(e) => Err(ServeError::HostKeyCreate { path: shown, reason: e.to_string() }),
        },
        Err(Checked::Read(e)) => Err(err(KeyFileError::Read(e))),
    }
}

/// Refuses a key file others may read. Windows has no mode bits: the key is as private as
/// the user's own folder.
fn private(meta: &std::fs::Metadata) -> Result<(), KeyFileError> {
    #[cfg(unix)]
    if meta.permissions().mode() & 0o077 != 0 {
        return Err(KeyFileError::Exposed { mode: meta.permissions().mode() & 0o777 });
    }
    #[cfg(not(unix))]
    let _ = meta;
    Ok(())
}

fn parse(bytes: &[u8]) -> Result<PrivateKey, KeyFileError> {
    let text = std::str::from_utf8(bytes).map(str::trim).unwrap_or_default();
    if !text.starts_with(PEM_HEADER) {
        return Err(KeyFileError::NotAKey);
    }
    PrivateKey::from_openssh(text).map_err(KeyFileError::Damaged)
}

/// Why a new host key could not be made; the message is the `reason` of a [`ServeError::HostKey`].
#[derive(Debug, thiserror::Error)]
enum CreateError {
    #[error("no randomness for a new key: {0}")]
    Random(getrandom::Error),
    #[error("{0}")]
    Key(#[from] russh::keys::ssh_key::Error),
    #[error("cannot create its folder: {0}")]
    Folder(std::io::Error),
    #[error("{0}")]
    Write(#[from] std::io::Error),
}

fn create(data_dir: &Path, file: &Path) -> Result<PrivateKey, CreateError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(CreateError::Random)?;
    let keypair = Ed25519Keypair::from_seed(&seed);
    let key = PrivateKey::new(KeypairData::Ed25519(keypair), "qkv-tutor serve")?;
    let text = key.to_openssh(LineEnding::LF)?;
    std::fs::create_dir_all(data_dir).map_err(CreateError::Folder)?;
    // create_new: never overwrite a key that appeared meanwhile; 0600 from the first byte.
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut out = options.open(file)?;
    out.write_all(text.as_bytes()).and_then(|()| out.sync_all())?;
    Ok(key)
}

/// The fingerprint students' ssh clients show: `SHA256:...`.
#[must_use]
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn created_private_then_loaded_the_same() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (first, created) = load_or_create(dir.path()).expect("created");
        assert!(created);
        let mode = std::fs::metadata(path(dir.path())).expect("exists").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let (second, created) = load_or_create(dir.path()).expect("loaded");
        assert!(!created);
        assert_eq!(fingerprint(&first), fingerprint(&second));
        assert!(fingerprint(&first).starts_with("SHA256:"));
    }

    #[test]
    fn a_key_others_can_read_or_a_damaged_one_is_refused_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = path(dir.path());
        std::fs::write(&file, "not a key").expect("written");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let error = load_or_create(dir.path()).expect_err("world-readable").to_string();
        assert!(error.contains("chmod 600"), "{error}");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let error = load_or_create(dir.path()).expect_err("damaged").to_string();
        assert!(error.contains("not a key"), "{error}");
        assert_eq!(std::fs::read_to_string(&file).expect("still there"), "not a key");
    }
}
