//! Slows down password guessing: after a few failed sign-ins for one
//! username (or from one address) in a window, further attempts are
//! refused until the window passes. Kept in memory: a restart forgives,
//! which is acceptable for a throttle.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed within `WINDOW` before locking.
pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    /// Whether `key` may try again now.
    pub fn allows(&self, key: &str) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let recent = map.entry(key.to_string()).or_default();
        recent.retain(|t| t.elapsed() < WINDOW);
        recent.len() < MAX_FAILURES
    }

    pub fn record_failure(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, v| v.iter().any(|t| t.elapsed() < WINDOW));
        }
        map.entry(key.to_string()).or_default().push(Instant::now());
    }

    pub fn forget(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_repeated_failures_and_forgets_on_success() {
        let t = Throttle::default();
        for _ in 0..MAX_FAILURES {
            assert!(t.allows("u"));
            t.record_failure("u");
        }
        assert!(!t.allows("u"));
        assert!(t.allows("other"));
        t.forget("u");
        assert!(t.allows("u"));
    }
}
