//! Every file the tutor reads goes through here. A FIFO or a terminal named as a file would
//! block a plain `open` or `read` forever, and `/dev/zero` would grow a buffer without end,
//! so files are opened without blocking, checked to be regular files on the opened handle
//! itself (nothing can be swapped in between the check and the read), and read with a bound.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use thiserror::Error;

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Directory,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Symlink,
    Other,
}

impl Kind {
    /// `None` for a regular file, the kind for anything else.
    #[must_use]
    pub fn of(meta: &Metadata) -> Option<Kind> {
        let file_type = meta.file_type();
        if file_type.is_file() {
            return None;
        }
        Some(if file_type.is_dir() {
            Kind::Directory
        } else if file_type.is_symlink() {
            Kind::Symlink
        } else {
            special_kind(file_type)
        })
    }

    /// "a FIFO", "a character device", ...: what follows "is" in a message.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Directory => "a directory",
            Kind::Fifo => "a FIFO (named pipe)",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Socket => "a socket",
            Kind::Symlink => "a symbolic link",
            Kind::Other => "not a regular file",
        }
    }
}

#[cfg(unix)]
fn special_kind(file_type: std::fs::FileType) -> Kind {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        Kind::Fifo
    } else if file_type.is_char_device() {
        Kind::CharDevice
    } else if file_type.is_block_device() {
        Kind::BlockDevice
    } else if file_type.is_socket() {
        Kind::Socket
    } else {
        Kind::Other
    }
}

#[cfg(not(unix))]
fn special_kind(_: std::fs::FileType) -> Kind {
    Kind::Other
}

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("it is {}, not a regular file", .0.describe())]
    NotRegular(Kind),
    #[error("it is larger than {}", size(*.limit))]
    TooLarge { limit: u64 },
    /// A symbolic link whose target does not exist: named, since "not found" would send the
    /// user looking for a file that is plainly there.
    #[error("it is a dangling link: its target does not exist")]
    Dangling,
}

impl ReadError {
    /// True when the file simply does not exist.
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Dangling) || matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// A byte count as people write it: `1 MiB`, `64 KiB`, `300 bytes`.
#[must_use]
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => crate::format::plural(b, "byte"),
    }
}

/// Reads a whole regular file of at most `limit` bytes, following symbolic links.
///
/// # Errors
/// When the file cannot be opened, is not a regular file, or is larger than `limit`.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_with(path, limit, false)
}

/// As [`read`], but a symbolic link is refused instead of followed (for the shared runtime
/// folder, where a link could point anywhere).
///
/// # Errors
/// As [`read`], and [`Kind::Symlink`] for a link.
pub fn read_no_follow(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_with(path, limit, true)
}

fn read_with(path: &Path, limit: u64, no_follow: bool) -> Result<Vec<u8>, ReadError> {
    read_checked(path, limit, no_follow, |_| Ok::<(), std::convert::Infallible>(())).map_err(|e| match e {
        Checked::Read(e) => e,
        Checked::Refused(never) => match never {},
    })
}

/// Why [`read_then`] gave up: the file could not be read, or `check` refused it.
#[derive(Debug)]
pub enum Checked<E> {
    Read(ReadError),
    Refused(E),
}

/// As [`read`], with `check` run on the opened file's metadata after its kind is known to be
/// a regular file and before any byte is read (a key file's mode, say): a FIFO is named as a
/// FIFO, never blamed for its permissions.
///
/// # Errors
/// As [`read`], or what `check` returns.
pub fn read_then<E>(
    path: &Path,
    limit: u64,
    check: impl FnOnce(&Metadata) -> Result<(), E>,
) -> Result<Vec<u8>, Checked<E>> {
    read_checked(path, limit, false, check)
}

fn read_checked<E>(
    path: &Path,
    limit: u64,
    no_follow: bool,
    check: impl FnOnce(&Metadata) -> Result<(), E>,
) -> Result<Vec<u8>, Checked<E>> {
    let file = open(path, no_follow).map_err(|e| Checked::Read(dangling(path, e)))?;
    let meta = file.metadata().map_err(|e| Checked::Read(e.into()))?;
    if let Some(kind) = Kind::of(&meta) {
        return Err(Checked::Read(ReadError::NotRegular(kind)));
    }
    if meta.len() > limit {
        return Err(Checked::Read(ReadError::TooLarge { limit }));
    }
    check(&meta).map_err(Checked::Refused)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Checked::Read(e.into()))?;
    if bytes.len() as u64 > limit {
        return Err(Checked::Read(ReadError::TooLarge { limit }));
    }
    Ok(bytes)
}

/// A "not found" for a path that is itself a link means the link's target is missing.
fn dangling(path: &Path, error: ReadError) -> ReadError {
    let is_link = || std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match error {
        ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound && is_link() => ReadError::Dangling,
        other => other,
    }
}

#[cfg(unix)]
fn open(path: &Path, no_follow: bool) -> Result<File, ReadError> {
    use rustix::fs::{Mode, OFlags};
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    if no_follow {
        flags |= OFlags::NOFOLLOW;
    }
    match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => Ok(File::from(fd)),
        Err(rustix::io::Errno::LOOP) if no_follow => Err(ReadError::NotRegular(Kind::Symlink)),
        Err(errno) => Err(ReadError::Io(errno.into())),
    }
}

#[cfg(not(unix))]
fn open(path: &Path, _no_follow: bool) -> Result<File, ReadError> {
    Ok(File::open(path)?)
}

/// Reads at most `limit` bytes of one line from `input` (the newline dropped), so an
/// endless stream such as `< /dev/zero` ends the read instead of the program.
///
/// # Errors
/// When reading fails.
pub fn read_line_bounded(input: impl io::BufRead, limit: u64) -> io::Result<String> {
    use io::BufRead;
    let mut bytes = Vec::new();
    input.take(limit).read_until(b'\n', &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).trim_end_matches(['\n', '\r']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_and_bounded() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"12345").expect("write");
        assert_eq!(read(&path, 5).expect("fits"), b"12345");
        assert!(matches!(read(&path, 4), Err(ReadError::TooLarge { limit: 4 })));
        assert!(read(&dir.path().join("missing"), 5).expect_err("missing").is_not_found());
    }

    #[test]
    #[cfg(unix)]
    fn special_files_are_refused_by_kind() {
        let dir = tempfile::tempdir().expect("temp");
        let error = read(dir.path(), 10).expect_err("a folder").to_string();
        assert!(error.contains("is a directory"), "{error}");
        let error = read(Path::new("/dev/zero"), 10).expect_err("a device").to_string();
        assert!(error.contains("is a character device"), "{error}");
    }

    #[test]
    #[cfg(unix)]
    fn no_follow_refuses_links() {
        let dir = tempfile::tempdir().expect("temp");
        let target = dir.path().join("target");
        std::fs::write(&target, b"x").expect("write");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        assert_eq!(read(&link, 10).expect("followed"), b"x");
        assert!(matches!(read_no_follow(&link, 10), Err(ReadError::NotRegular(Kind::Symlink))));
    }

    #[test]
    #[cfg(unix)]
    fn a_dangling_link_is_named_and_still_counts_as_missing() {
        let dir = tempfile::tempdir().expect("temp");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("nowhere", &link).expect("link");
        let error = read(&link, 10).expect_err("dangling");
        assert!(matches!(error, ReadError::Dangling), "{error}");
        assert!(error.is_not_found());
    }

    #[test]
    fn a_check_runs_on_regular_files_only_before_reading() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("key");
        std::fs::write(&path, b"secret").expect("write");
        let refused = read_then(&path, 10, |meta| if meta.len() == 6 { Err("six") } else { Ok(()) });
        assert!(matches!(refused, Err(Checked::Refused("six"))));
        let folder = read_then(dir.path(), 10, |_| Err("never asked"));
        assert!(matches!(folder, Err(Checked::Read(ReadError::NotRegular(Kind::Directory)))));
    }

    #[test]
    fn a_line_from_an_endless_stream_is_cut() {
        let zeros = std::io::BufReader::new(std::io::repeat(0));
        assert_eq!(read_line_bounded(zeros, 64).expect("read").len(), 64);
        assert_eq!(read_line_bounded(&b"yes\nmore"[..], 64).expect("read"), "yes");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(300), "300 bytes");
    }
}
