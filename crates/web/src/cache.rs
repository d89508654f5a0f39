//! A cache of read answers (task lists, summaries) that is never stale:
//! each entry remembers the store's change mark it was computed under,
//! and the whole cache is dropped when the mark moves. Every write in
//! theodoi bumps the mark in the same transaction, so one cheap query tells
//! whether anything changed, even when the change came from the command
//! line or another server.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// Answers kept at most, so memory stays bounded whatever is asked.
pub const MAX_ENTRIES: usize = 4096;

#[derive(Debug)]
pub struct ReadCache<K, V> {
    inner: Mutex<Entries<K, V>>,
}

#[derive(Debug)]
struct Entries<K, V> {
    mark: i64,
    map: HashMap<K, Arc<V>>,
}

impl<K: Eq + Hash, V> Default for ReadCache<K, V> {
    fn default() -> Self {
        ReadCache { inner: Mutex::new(Entries { mark: i64::MIN, map: HashMap::new() }) }
    }
}

impl<K: Eq + Hash, V> ReadCache<K, V> {
    /// The answer for `key` computed under change mark `mark`, if kept.
    pub fn get(&self, mark: i64, key: &K) -> Option<Arc<V>> {
        let entries = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if entries.mark != mark {
            return None;
        }
        entries.map.get(key).cloned()
    }

    /// Keeps an answer computed under `mark`; a newer mark drops every
    /// older answer first.
    pub fn put(&self, mark: i64, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        let mut entries = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if mark > entries.mark {
            entries.mark = mark;
            entries.map.clear();
        }
        if mark == entries.mark {
            if entries.map.len() >= MAX_ENTRIES {
                entries.map.clear();
            }
            entries.map.insert(key, value.clone());
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_mark_drops_old_answers_and_an_old_mark_is_not_kept() {
        let cache: ReadCache<&str, i32> = ReadCache::default();
        cache.put(1, "a", 10);
        assert_eq!(cache.get(1, &"a").as_deref(), Some(&10));
        assert_eq!(cache.get(2, &"a"), None, "after a change the old answer is not served");
        cache.put(2, "b", 20);
        assert_eq!(cache.get(2, &"a"), None);
        cache.put(1, "c", 30);
        assert_eq!(cache.get(1, &"c"), None, "an answer computed before the latest change is not kept");
        assert_eq!(cache.get(2, &"b").as_deref(), Some(&20));
    }
}
