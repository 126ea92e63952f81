//! Logins: the class code compared in constant time, with wrong codes limited per address.

use super::shared::{Access, Shared};
use std::net::IpAddr;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// Checks a typed code for a login from `ip`; the error says why it was refused.
pub(super) fn check_code(shared: &Shared, ip: IpAddr, given: &[u8]) -> Result<(), &'static str> {
    let code = match &shared.options.access {
        Access::Open => return Ok(()),
        Access::KeysOnly => return Err("a code, but only keys are accepted"),
        Access::Code(code) => code,
    };
    let now = Instant::now();
    let mut limiter = shared.limiter.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if limiter.blocked(ip, now) {
        return Err("too many wrong codes from this address; waiting a minute");
    }
    if code_matches(code, &String::from_utf8_lossy(given)) {
        return Ok(());
    }
    limiter.failed(ip, now);
    Err("wrong class code")
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
