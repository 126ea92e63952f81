//! Whether standard output has gone away: `qkv-tutor notes | head -1` must end when `head`
//! does, even while nothing new is printed (a write would only fail at the next change).

use std::time::Duration;

/// Waits up to `timeout`; true as soon as the reader of standard output is gone (a closed
/// pipe, a hung-up terminal). On a regular file or a live terminal this is a plain sleep.
#[must_use]
#[cfg(unix)]
pub fn stdout_closed_within(timeout: Duration) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec};
    let stdout = std::io::stdout();
    let mut fds = [PollFd::new(&stdout, PollFlags::empty())];
    let timespec = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match rustix::event::poll(&mut fds, Some(&timespec)) {
        Ok(0) | Err(_) => false,
        Ok(_) => fds[0].revents().intersects(PollFlags::ERR | PollFlags::HUP | PollFlags::NVAL),
    }
}

/// Without poll, only a failed write can tell; sleep.
#[must_use]
#[cfg(not(unix))]
pub fn stdout_closed_within(timeout: Duration) -> bool {
    std::thread::sleep(timeout);
    false
}
