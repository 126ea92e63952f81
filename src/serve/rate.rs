//! The cap on one session's input rate.

use std::time::Instant;

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
}
