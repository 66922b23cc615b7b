//! The Redis store (feature `redis`): the usual engine for limits and idempotency records
//! shared by instances. `SET NX PX` inserts; a Lua script compares and sets (or deletes)
//! in one step on the server. Expiry is Redis's own (`PX`), from the `expires` instant and
//! the caller's `now`.

use redis::aio::ConnectionManager;

use crate::{GuardStore, Millis, StoreError, StoreFuture};

const COMPARE_AND_SET: &str = r"
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then return 0 end
if ARGV[2] == 'del' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
end
return 1
";

/// The Redis store: a [`ConnectionManager`] (reconnects on its own) and the
/// compare-and-set script.
#[derive(Clone)]
pub struct RedisStore {
    conn: ConnectionManager,
    script: redis::Script,
    prefix: String,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// Milliseconds to live, at least 1 (`PX 0` is an error).
fn ttl(expires: Millis, now: Millis) -> i64 {
    expires.saturating_sub(now).max(1)
}

impl RedisStore {
    /// Connects to `url` (`redis://127.0.0.1:6379/0`); every key is written under `prefix`.
    /// Commands time out after 2 seconds (the guards then answer 503).
    pub async fn connect(url: &str, prefix: &str) -> Result<RedisStore, StoreError> {
        let client = redis::Client::open(url).map_err(StoreError::from_display)?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(std::time::Duration::from_secs(2)))
            .set_response_timeout(Some(std::time::Duration::from_secs(2)))
            .set_number_of_retries(2);
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(StoreError::from_display)?;
        Ok(RedisStore {
            conn,
            script: redis::Script::new(COMPARE_AND_SET),
            prefix: prefix.to_owned(),
        })
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }
}

impl GuardStore for RedisStore {
    fn get<'a>(&'a self, key: &'a str, _now: Millis) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            redis::cmd("GET")
                .arg(self.key(key))
                .query_async::<Option<Vec<u8>>>(&mut conn)
                .await
                .map_err(StoreError::from_display)
        })
    }

    fn insert_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        expires: Millis,
        now: Millis,
    ) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let set: Option<String> = redis::cmd("SET")
                .arg(self.key(key))
                .arg(value)
                .arg("NX")
                .arg("PX")
                .arg(ttl(expires, now))
                .query_async(&mut conn)
                .await
                .map_err(StoreError::from_display)?;
            Ok(set.is_some())
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
            let mut conn = self.conn.clone();
            let done: i64 = self
                .script
                .key(self.key(key))
                .arg(expected)
                .arg(if value.is_some() { "set" } else { "del" })
                .arg(value.unwrap_or_default())
                .arg(ttl(expires, now))
                .invoke_async(&mut conn)
                .await
                .map_err(StoreError::from_display)?;
            Ok(done == 1)
        })
    }
}
