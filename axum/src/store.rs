//! The store the guards keep their state in: three atomic operations on expiring byte
//! values, which every engine has (SQL upserts and conditional updates, Redis `SET NX` and
//! a compare-and-set script, a mutex in memory).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// A boxed future of a store operation.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// Milliseconds since the Unix epoch: expiry instants and the `now` they are compared with.
pub type Millis = i64;

/// An expiry instant that never comes (API keys).
pub const NEVER: Millis = i64::MAX;

/// The store did not answer (connection refused or lost, a timeout, a server error).
/// The guards answer 503 with `Retry-After`.
#[derive(Debug, thiserror::Error)]
#[error("store unavailable: {0}")]
pub struct StoreError(pub String);

impl StoreError {
    /// A store error from any error's message.
    pub fn from_display(e: impl std::fmt::Display) -> StoreError {
        StoreError(e.to_string())
    }
}

/// Expiring byte values under string keys, with the atomic writes the guards' decisions
/// ask for. A value whose expiry is not after `now` counts as absent everywhere.
///
/// - rate limits: read the state, decide, then [`insert_if_absent`](Self::insert_if_absent)
///   (first request) or [`compare_and_set`](Self::compare_and_set) against the bytes read;
///   on a lost race, read and decide again;
/// - idempotency: insert the in-flight record if absent (or compare-and-set over an
///   expired or lapsed one: lease takeover), then compare-and-set it to the completed
///   record (or delete it) against the exact bytes written, so a request that lost its
///   lease writes nothing;
/// - API keys: [`get`](Self::get) of the key's digest.
pub trait GuardStore: Send + Sync + 'static {
    /// The value under `key`, if present and not expired at `now`.
    fn get<'a>(&'a self, key: &'a str, now: Millis) -> StoreFuture<'a, Option<Vec<u8>>>;

    /// Stores `value` under `key` until `expires` if no live value is there; `true` when
    /// written.
    fn insert_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        expires: Millis,
        now: Millis,
    ) -> StoreFuture<'a, bool>;

    /// Replaces the live value under `key` with `value` until `expires` (or deletes it when
    /// `value` is `None`) only if it is exactly `expected`; `true` when written.
    fn compare_and_set<'a>(
        &'a self,
        key: &'a str,
        expected: &'a [u8],
        value: Option<&'a [u8]>,
        expires: Millis,
        now: Millis,
    ) -> StoreFuture<'a, bool>;
}

impl<T: GuardStore + ?Sized> GuardStore for Arc<T> {
    fn get<'a>(&'a self, key: &'a str, now: Millis) -> StoreFuture<'a, Option<Vec<u8>>> {
        (**self).get(key, now)
    }
    fn insert_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        expires: Millis,
        now: Millis,
    ) -> StoreFuture<'a, bool> {
        (**self).insert_if_absent(key, value, expires, now)
    }
    fn compare_and_set<'a>(
        &'a self,
        key: &'a str,
        expected: &'a [u8],
        value: Option<&'a [u8]>,
        expires: Millis,
        now: Millis,
    ) -> StoreFuture<'a, bool> {
        (**self).compare_and_set(key, expected, value, expires, now)
    }
}

/// The in-memory store: one process, tests and single-instance services. Expired values
/// are dropped as they are met (and all at once every 4,096 writes).
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: Mutex<Memory>,
}

#[derive(Debug, Default)]
struct Memory {
    values: HashMap<String, (Vec<u8>, Millis)>,
    writes: u32,
}

impl Memory {
    fn live(&self, key: &str, now: Millis) -> Option<&Vec<u8>> {
        self.values
            .get(key)
            .filter(|(_, expires)| *expires > now)
            .map(|(v, _)| v)
    }

    fn wrote(&mut self, now: Millis) {
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(4096) {
            self.values.retain(|_, (_, expires)| *expires > now);
        }
    }
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Memory>, StoreError> {
        self.inner
            .lock()
            .map_err(|_| StoreError("the in-memory store's lock is poisoned".into()))
    }
}

impl GuardStore for MemoryStore {
    fn get<'a>(&'a self, key: &'a str, now: Millis) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move { Ok(self.lock()?.live(key, now).cloned()) })
    }

    fn insert_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        expires: Millis,
        now: Millis,
    ) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut memory = self.lock()?;
            if memory.live(key, now).is_some() {
                return Ok(false);
            }
            memory
                .values
                .insert(key.to_owned(), (value.to_vec(), expires));
            memory.wrote(now);
            Ok(true)
        })
    }

    fn compare_and_set<'a>(
        &'a self,
        key: &'a str,
        expected: &'a [u8],
        value: Option<&'a [u8]>,
        expires: Millis,
        now: Millis,
    ) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut memory = self.lock()?;
            if memory.live(key, now).map(Vec::as_slice) != Some(expected) {
                return Ok(false);
            }
            match value {
                Some(v) => {
                    memory.values.insert(key.to_owned(), (v.to_vec(), expires));
                }
                None => {
                    memory.values.remove(key);
                }
            }
            memory.wrote(now);
            Ok(true)
        })
    }
}

/// Milliseconds since the epoch by the system clock.
#[must_use]
pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(NEVER))
}

/// The contract every [`GuardStore`] keeps, run by this crate's tests against each engine
/// (and usable by a service's tests against its own), on the system clock: absent and
/// expired values, insert-if-absent, compare-and-set and delete, and `concurrency` racing
/// inserts of which exactly one wins. Keys start with `prefix` (make it unique per run).
/// Takes about half a second (it waits for a value to expire).
///
/// # Panics
///
/// When the store breaks the contract or fails.
pub async fn check_store_contract(store: Arc<dyn GuardStore>, prefix: &str, concurrency: usize) {
    let key = format!("{prefix}:contract");
    let now = now_millis();
    let later = now + 60_000;
    assert_eq!(
        store.get(&key, now).await.ok(),
        Some(None),
        "absent at first"
    );
    assert_eq!(
        store.insert_if_absent(&key, b"a", later, now).await.ok(),
        Some(true)
    );
    assert_eq!(
        store.insert_if_absent(&key, b"b", later, now).await.ok(),
        Some(false)
    );
    assert_eq!(store.get(&key, now).await.ok(), Some(Some(b"a".to_vec())));
    assert_eq!(
        store
            .compare_and_set(&key, b"x", Some(b"c"), later, now)
            .await
            .ok(),
        Some(false),
        "compare-and-set against other bytes"
    );
    assert_eq!(
        store
            .compare_and_set(&key, b"a", Some(b"c"), later, now)
            .await
            .ok(),
        Some(true)
    );
    assert_eq!(store.get(&key, now).await.ok(), Some(Some(b"c".to_vec())));
    assert_eq!(
        store.compare_and_set(&key, b"c", None, 0, now).await.ok(),
        Some(true),
        "delete"
    );
    assert_eq!(store.get(&key, now).await.ok(), Some(None));
    // An expired value is absent, for insert-if-absent too.
    let stale = format!("{prefix}:stale");
    assert_eq!(
        store
            .insert_if_absent(&stale, b"old", now + 200, now)
            .await
            .ok(),
        Some(true)
    );
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let now = now_millis();
    assert_eq!(store.get(&stale, now).await.ok(), Some(None), "expired");
    assert_eq!(
        store
            .compare_and_set(&stale, b"old", Some(b"x"), now + 60_000, now)
            .await
            .ok(),
        Some(false),
        "no compare-and-set over an expired value"
    );
    assert_eq!(
        store
            .insert_if_absent(&stale, b"new", now + 60_000, now)
            .await
            .ok(),
        Some(true)
    );
    assert_eq!(
        store.get(&stale, now).await.ok(),
        Some(Some(b"new".to_vec()))
    );
    // Racing inserts: exactly one wins.
    let race = format!("{prefix}:race");
    let mut tasks = Vec::new();
    for i in 0..concurrency {
        let store = Arc::clone(&store);
        let race = race.clone();
        tasks.push(tokio::spawn(async move {
            store
                .insert_if_absent(&race, i.to_string().as_bytes(), now + 60_000, now)
                .await
                .ok()
        }));
    }
    let mut won = 0;
    for t in tasks {
        if t.await.ok().flatten() == Some(true) {
            won += 1;
        }
    }
    assert_eq!(won, 1, "exactly one of {concurrency} racing inserts wins");
    for k in [&stale, &race] {
        if let Ok(Some(v)) = store.get(k, now).await {
            let _ = store.compare_and_set(k, &v, None, 0, now).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_store_keeps_the_contract() {
        check_store_contract(Arc::new(MemoryStore::new()), "mem", 32).await;
    }
}
