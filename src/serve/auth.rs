//! Logins: the class code compared in constant time, with wrong codes limited per address.

use super::shared::{Access, Shared};
use std::net::IpAddr;
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;

/// Why a code was refused; shown in the log and, for a lockout, to the student.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum Refusal {
    #[error("a code, but only keys are accepted")]
    KeysOnly,
    #[error("too many wrong codes from this computer: try again in {} s", .0.as_secs().max(1))]
    Locked(Duration),
    #[error("wrong class code")]
    Wrong,
}

/// Checks a typed code for a login from `ip`.
pub(super) fn check_code(shared: &Shared, ip: IpAddr, given: &[u8]) -> Result<(), Refusal> {
    let code = match &shared.options.access {
        Access::Open => return Ok(()),
        Access::KeysOnly => return Err(Refusal::KeysOnly),
        Access::Code(code) => code,
    };
    let now = Instant::now();
    let mut limiter = shared.limiter.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(wait) = limiter.locked_for(ip, now) {
        return Err(Refusal::Locked(wait));
    }
    if code_matches(code, &String::from_utf8_lossy(given)) {
        return Ok(());
    }
    limiter.failed(ip, now);
    Err(limiter.locked_for(ip, now).map_or(Refusal::Wrong, Refusal::Locked))
}

/// Whether `given` is the class code. Takes the same time wherever the first difference is;
/// only the length can leak, and the code is not secret from the class anyway.
#[must_use]
pub fn code_matches(expected: &str, given: &str) -> bool {
    bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_compare_whole() {
        assert!(code_matches("tulip-42", "tulip-42"));
        assert!(!code_matches("tulip-42", "tulip-4"));
        assert!(!code_matches("tulip-42", "tulip-43"));
        assert!(!code_matches("tulip-42", ""));
    }
}
