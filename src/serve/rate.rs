//! Rate limits: the cap on one session's input, and on wrong codes from one address.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Addresses remembered at most; beyond it the oldest-failing entries are forgotten first.
const MAX_ADDRESSES: usize = 4096;

/// A token bucket over input bytes: `burst` at once, then `per_second`.
pub(super) struct Bucket {
    tokens: usize,
    burst: usize,
    per_second: usize,
    last: Instant,
}

impl Bucket {
    pub(super) fn new(burst: usize, per_second: usize, now: Instant) -> Self {
        Self { tokens: burst, burst, per_second, last: now }
    }

    pub(super) fn take(&mut self, n: usize, now: Instant) -> bool {
        let elapsed_ms = usize::try_from(now.duration_since(self.last).as_millis()).unwrap_or(usize::MAX);
        let refill = elapsed_ms.saturating_mul(self.per_second) / 1000;
        if refill > 0 {
            self.tokens = self.tokens.saturating_add(refill).min(self.burst);
            self.last = now;
        }
        if self.tokens < n {
            return false;
        }
        self.tokens -= n;
        true
    }
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

    /// How much longer `ip` may not try a code, if it is locked out.
    pub fn locked_for(&mut self, ip: IpAddr, now: Instant) -> Option<Duration> {
        let times = self.failures.get_mut(&ip)?;
        let latest = times.back().copied();
        if let Some(latest) = latest.filter(|t| times.len() >= self.max && now.duration_since(*t) < self.window) {
            return Some(self.window.saturating_sub(now.duration_since(latest)));
        }
        times.retain(|t| now.duration_since(*t) < self.window);
        if times.is_empty() {
            self.failures.remove(&ip);
        }
        None
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
    fn a_burst_then_the_rate() {
        let start = Instant::now();
        let mut bucket = Bucket::new(100, 10, start);
        assert!(bucket.take(100, start));
        assert!(!bucket.take(1, start), "the burst is spent");
        assert!(!bucket.take(2, start + Duration::from_millis(100)), "only 1 byte refilled in 100 ms");
        assert!(bucket.take(10, start + Duration::from_secs(1)));
        assert!(bucket.take(100, start + Duration::from_secs(60)), "refills up to the burst");
        assert!(!bucket.take(1, start + Duration::from_secs(60)), "and no further");
    }

    #[test]
    fn blocks_after_max_failures_then_forgives() {
        let ip: IpAddr = [10, 0, 0, 7].into();
        let other: IpAddr = [10, 0, 0, 8].into();
        let mut limiter = Limiter::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for n in 0..3 {
            assert!(limiter.locked_for(ip, start).is_none(), "blocked after only {n} failures");
            limiter.failed(ip, start);
        }
        assert_eq!(
            limiter.locked_for(ip, start + Duration::from_secs(30)),
            Some(Duration::from_secs(30)),
            "and says how long"
        );
        assert!(limiter.locked_for(other, start).is_none(), "one address's failures block another");
        assert!(limiter.locked_for(ip, start + Duration::from_secs(61)).is_none());
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
