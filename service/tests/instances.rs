//! Several instances of the service on one PostgreSQL (and one Redis), as a deployment
//! runs them: one idempotency key raced across both, a rate limit shared by both, an
//! instance killed mid-request. Ignored unless asked for (`.ci/service.sh` runs them with
//! `--include-ignored`, PostgreSQL and Redis started); asked for without their servers,
//! they fail.

mod support;

use std::time::{Duration, Instant};

use support::*;

fn pg() -> String {
    env("CUSTOMER_CORE_PG_URL")
}

fn redis() -> String {
    env("CUSTOMER_CORE_REDIS_URL")
}

fn body_with_email(email: &str) -> String {
    SPEC_000.replace("john.doe@example.com", email)
}

async fn count(c: &reqwest::Client, server: &Server, key: &str, email: &str) -> usize {
    let (status, body) = get(c, &format!("{}/customers?email={email}", server.url), key).await;
    assert_eq!(status, 200, "{body}");
    json(&body)["data"].as_array().unwrap().len()
}

async fn race(extra: &[&str]) {
    let key = fresh_live_key();
    let db = pg();
    let mut args = vec!["--database", db.as_str(), "--test-key", key.as_str()];
    args.extend_from_slice(extra);
    let a = Server::start(&args);
    let b = Server::start(&args);
    let c = client();
    let email = fresh_email();
    let body = body_with_email(&email);
    let mut idem = [0u8; 8];
    getrandom::fill(&mut idem).unwrap();
    let idem = format!("race-{}", u64::from_le_bytes(idem));
    let mut tasks = Vec::new();
    for i in 0..50 {
        let url = format!("{}/customers", if i % 2 == 0 { &a.url } else { &b.url });
        let (c, key, body, idem) = (c.clone(), key.clone(), body.clone(), idem.clone());
        tasks.push(tokio::spawn(async move {
            post(&c, &url, &key, Some(&idem), &body).await
        }));
    }
    let mut created = Vec::new();
    let mut in_flight = 0;
    for t in tasks {
        let (status, headers, body) = t.await.unwrap();
        match status {
            201 => created.push((headers.contains_key("idempotent-replayed"), body)),
            409 => {
                assert_eq!(json(&body)["code"], "idempotency_key_in_use");
                in_flight += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(created.iter().filter(|(replayed, _)| !replayed).count(), 1);
    assert!(
        created.iter().all(|(_, b)| *b == created[0].1),
        "the same bytes"
    );
    assert_eq!(created.len() + in_flight, 50);
    assert_eq!(count(&c, &a, &key, &email).await, 1, "exactly one customer");
    assert_eq!(count(&c, &b, &key, &email).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and Redis: run .ci/service.sh"]
async fn fifty_posts_one_key_two_instances_postgres() {
    race(&[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and Redis: run .ci/service.sh"]
async fn fifty_posts_one_key_two_instances_postgres_and_redis() {
    let r = redis();
    race(&["--redis", &r]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and Redis: run .ci/service.sh"]
async fn a_test_keys_limit_is_shared_by_both_instances() {
    let key = fresh_key();
    let (db, r) = (pg(), redis());
    let args = [
        "--database",
        db.as_str(),
        "--redis",
        r.as_str(),
        "--test-key",
        key.as_str(),
    ];
    let a = Server::start(&args);
    let b = Server::start(&args);
    let c = client();
    let mut allowed = 0u64;
    let mut refused = 0u64;
    for i in 0..110 {
        let url = format!("{}/customers", if i % 2 == 0 { &a.url } else { &b.url });
        let (status, _, body) = post(&c, &url, &key, None, &body_with_email(&fresh_email())).await;
        match status {
            201 => allowed += 1,
            429 => refused += 1,
            other => panic!("{other}: {body}"),
        }
    }
    // The test policy, 100 a minute (a sliding window), whichever instance answers.
    assert_eq!((allowed, refused), (100, 10));
}

async fn crash_and_retry(extra: &[&str]) {
    let key = fresh_live_key();
    let db = pg();
    let mut args = vec![
        "--database",
        db.as_str(),
        "--test-key",
        key.as_str(),
        "--idempotency-lease-secs",
        "2",
    ];
    args.extend_from_slice(extra);
    let mut slow_args = args.clone();
    slow_args.extend_from_slice(&["--debug-work-delay-ms", "5000"]);
    let mut a = Server::start(&slow_args);
    let b = Server::start(&args);
    let c = client();
    let email = fresh_email();
    let body = body_with_email(&email);
    let mut idem = [0u8; 8];
    getrandom::fill(&mut idem).unwrap();
    let idem = format!("crash-{}", u64::from_le_bytes(idem));
    let first = tokio::spawn({
        let (c, url, key, body, idem) = (
            c.clone(),
            format!("{}/customers", a.url),
            key.clone(),
            body.clone(),
            idem.clone(),
        );
        async move {
            c.post(url)
                .bearer_auth(key)
                .header("content-type", "application/json")
                .header("idempotency-key", idem)
                .body(body)
                .send()
                .await
        }
    });
    let started = Instant::now();
    tokio::time::sleep(Duration::from_millis(700)).await;
    a.kill(); // SIGKILL, mid-transaction
    assert!(
        first.await.unwrap().is_err(),
        "the killed instance never answered"
    );
    let url = format!("{}/customers", b.url);
    let (status, _, answer) = post(&c, &url, &key, Some(&idem), &body).await;
    assert_eq!(status, 409, "the lease is live: {answer}");
    tokio::time::sleep(Duration::from_millis(2300).saturating_sub(started.elapsed())).await;
    let (status, headers, first_body) = post(&c, &url, &key, Some(&idem), &body).await;
    assert_eq!(status, 201, "after the lease: {first_body}");
    assert!(!headers.contains_key("idempotent-replayed"));
    let (status, headers, again) = post(&c, &url, &key, Some(&idem), &body).await;
    assert_eq!(
        (status, headers.contains_key("idempotent-replayed")),
        (201, true)
    );
    assert_eq!(again, first_body);
    assert_eq!(count(&c, &b, &key, &email).await, 1, "no duplicate");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and Redis: run .ci/service.sh"]
async fn sigkill_mid_request_then_retry_after_the_lease_postgres() {
    crash_and_retry(&[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and Redis: run .ci/service.sh"]
async fn sigkill_mid_request_then_retry_after_the_lease_redis() {
    let r = redis();
    crash_and_retry(&["--redis", &r]).await;
}

/// PostgreSQL restarted under load (`CUSTOMER_CORE_PG_RESTART`, a shell command that
/// stops the server, waits, and starts it again): 503 with `Retry-After` during the
/// outage, never another 5xx, and every acknowledged customer is there afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and a restart command: run .ci/service.sh"]
async fn postgres_restarted_under_load() {
    let restart = env("CUSTOMER_CORE_PG_RESTART");
    let key = fresh_live_key();
    let db = pg();
    let server = Server::start(&[
        "--database",
        db.as_str(),
        "--test-key",
        key.as_str(),
        "--no-rate-limits",
    ]);
    let c = client();
    let url = format!("{}/customers", server.url);
    let deadline = Instant::now() + Duration::from_secs(8);
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let (c, url, key) = (c.clone(), url.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            let mut unavailable = 0;
            while Instant::now() < deadline {
                let email = fresh_email();
                let (status, headers, body) =
                    post(&c, &url, &key, None, &body_with_email(&email)).await;
                match status {
                    201 => acknowledged.push(email),
                    503 => {
                        assert!(headers.contains_key("retry-after"), "{body}");
                        unavailable += 1;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    other => panic!("{other} during the outage: {body}"),
                }
            }
            (acknowledged, unavailable)
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let status = tokio::task::spawn_blocking(move || {
        std::process::Command::new("sh")
            .args(["-c", &restart])
            .status()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(status.success(), "the restart command failed");
    let mut acknowledged = Vec::new();
    let mut unavailable = 0;
    for t in tasks {
        let (a, u) = t.await.unwrap();
        acknowledged.extend(a);
        unavailable += u;
    }
    assert!(unavailable > 0, "the outage was seen");
    assert!(!acknowledged.is_empty());
    for email in &acknowledged {
        assert_eq!(
            count(&c, &server, &key, email).await,
            1,
            "{email} was acknowledged"
        );
    }
    eprintln!(
        "postgres restart: {} acknowledged, {unavailable} answered 503",
        acknowledged.len()
    );
}
