//! Logins: the class code compared in constant time, and wrong codes limited per address.

use super::Access;
use super::listen::Shared;
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;

/// Addresses remembered at most; beyond it the oldest-failing entries are forgotten first.
const MAX_ADDRESSES: usize = 4096;

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

/// Wrong codes per address: after `max` within `window`, that address is refused until the
/// window has passed since its latest failure.
#[derive(Debug)]
pub struct Limiter {
    max: usize,
    window: Duration,
    failures: HashMap<IpAddr, VecDeque<Instant>>,
}

impl Limiter {
    #[must_use]
    pub fn new(max: usize, window: Duration) -> Self {
        Self { max: max.max(1), window, failures: HashMap::new() }
    }

    /// True while `ip` may not try a code.
    pub fn blocked(&mut self, ip: IpAddr, now: Instant) -> bool {
        let Some(times) = self.failures.get_mut(&ip) else { return false };
        let latest = times.back().copied();
        if times.len() >= self.max && latest.is_some_and(|t| now.duration_since(t) < self.window) {
            return true;
        }
        times.retain(|t| now.duration_since(*t) < self.window);
        if times.is_empty() {
            self.failures.remove(&ip);
        }
        false
    }

    /// Records a wrong code from `ip`.
    pub fn failed(&mut self, ip: IpAddr, now: Instant) {
        if self.failures.len() >= MAX_ADDRESSES && !self.failures.contains_key(&ip) {
            self.forget_oldest();
        }
        let times = self.failures.entry(ip).or_default();
        times.push_back(now);
        while times.len() > self.max {
            times.pop_front();
        }
    }

    fn forget_oldest(&mut self) {
        let oldest = self.failures.iter().min_by_key(|(_, times)| times.back().copied()).map(|(ip, _)| *ip);
        if let Some(ip) = oldest {
            self.failures.remove(&ip);
        }
    }
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

    #[test]
    fn blocks_after_max_failures_then_forgives() {
        let ip: IpAddr = [10, 0, 0, 7].into();
        let other: IpAddr = [10, 0, 0, 8].into();
        let mut limiter = Limiter::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for n in 0..3 {
            assert!(!limiter.blocked(ip, start), "blocked after only {n} failures");
            limiter.failed(ip, start);
        }
        assert!(limiter.blocked(ip, start + Duration::from_secs(30)));
        assert!(!limiter.blocked(other, start), "one address's failures block another");
        assert!(!limiter.blocked(ip, start + Duration::from_secs(61)));
    }

    #[test]
    fn remembers_a_bounded_number_of_addresses() {
        let mut limiter = Limiter::new(2, Duration::from_secs(60));
        let now = Instant::now();
        for n in 0..u32::try_from(MAX_ADDRESSES + 50).expect("small") {
            limiter.failed(IpAddr::from(n.to_be_bytes()), now);
        }
        assert!(limiter.failures.len() <= MAX_ADDRESSES);
    }
}
