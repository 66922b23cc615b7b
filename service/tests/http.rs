//! The service as a client meets it: the binary started on `sqlite::memory:`, driven over
//! HTTP by reqwest (and by raw sockets for what a well-behaved client never sends).

mod support;

use std::time::Duration;

use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn body_with_email(email: &str) -> String {
    SPEC_000.replace("john.doe@example.com", email)
}

#[tokio::test]
async fn spec_000_example_and_its_mismatched_variant() {
    let server = Server::start(&["--database", "sqlite::memory:"]);
    let key = server
        .printed_key
        .clone()
        .expect("a fresh store prints a test key");
    assert!(key.starts_with("sk_test_"));
    let c = client();
    let url = format!("{}/customers", server.url);
    let (status, headers, body) = post(&c, &url, &key, None, SPEC_000).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    let v = json(&body);
    let data = &v["data"];
    let input = json(SPEC_000);
    for field in [
        "first_name",
        "last_name",
        "email",
        "phone_number",
        "billing_address",
    ] {
        assert_eq!(data[field], input[field], "{field}");
    }
    assert_eq!(data["id"].as_str().unwrap().len(), 36);
    assert!(
        headers["location"]
            .to_str()
            .unwrap()
            .ends_with(data["id"].as_str().unwrap())
    );

    let mismatched = body_with_email("other@example.com").replace("\"NG\"", "\"US\"");
    let (status, headers, body) = post(&c, &url, &key, None, &mismatched).await;
    assert_eq!(status, 400);
    assert_eq!(headers["content-type"], "application/problem+json");
    let errors = json(&body)["errors"].clone();
    assert_eq!(errors.as_array().unwrap().len(), 1);
    assert_eq!(errors[0]["pointer"], "/phone_number");
    assert_eq!(errors[0]["code"], "phone_country_mismatch");

    // The same email again: 409 at /email (the unique index).
    let (status, _, body) = post(&c, &url, &key, None, SPEC_000).await;
    assert_eq!(status, 409);
    assert_eq!(json(&body)["errors"][0]["code"], "duplicate_email");
    // Another spelling of the mailbox is the same mailbox.
    let (status, _, _) = post(
        &c,
        &url,
        &key,
        None,
        &body_with_email("John.Doe@EXAMPLE.com"),
    )
    .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn retrieve_update_list() {
    let key = fresh_key();
    let server = Server::start(&["--database", "sqlite::memory:", "--test-key", &key]);
    let c = client();
    let url = format!("{}/customers", server.url);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (status, _, body) = post(&c, &url, &key, None, &body_with_email(&fresh_email())).await;
        assert_eq!(status, 201, "{body}");
        ids.push(json(&body)["data"]["id"].as_str().unwrap().to_owned());
    }
    let one = format!("{url}/{}", ids[0]);
    let response = c.get(&one).bearer_auth(&key).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();

    // A stale If-Match: 412; the current one: 200 and a new ETag.
    let patch = |if_match: &str| {
        c.patch(&one)
            .bearer_auth(&key)
            .header("content-type", "application/merge-patch+json")
            .header("if-match", if_match.to_owned())
            .body(r#"{"first_name":"Jon"}"#)
            .send()
    };
    let stale = patch("\"AAAAAAAAAAAAAAAAAAAAAA\"").await.unwrap();
    assert_eq!(stale.status(), 412);
    let ok = patch(&etag).await.unwrap();
    assert_eq!(ok.status(), 200);
    assert_ne!(ok.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(json(&ok.text().await.unwrap())["data"]["first_name"], "Jon");
    let bad = c
        .patch(&one)
        .bearer_auth(&key)
        .header("content-type", "application/json")
        .body(r#"{"first_name":"J0n","id":"x","billing_address":{"country":"US"}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert!(
        json(&bad.text().await.unwrap())["errors"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );

    // Pages of 2, newest first, then the next page by its cursor.
    let (status, body) = get(&c, &format!("{url}?limit=2"), &key).await;
    assert_eq!(status, 200);
    let page = json(&body);
    assert_eq!(page["data"].as_array().unwrap().len(), 2);
    assert_eq!(page["data"][0]["id"], ids[2].as_str());
    let after = page["pagination"]["after"].as_str().unwrap();
    let (_, body) = get(&c, &format!("{url}?limit=2&after={after}"), &key).await;
    let next = json(&body);
    assert_eq!(next["data"][0]["id"], ids[0].as_str());
    assert!(next["pagination"]["after"].is_null());
    // Every query error at once.
    let (status, body) = get(&c, &format!("{url}?limit=0&sort=name&colour=red"), &key).await;
    assert_eq!(status, 400);
    assert_eq!(json(&body)["errors"].as_array().unwrap().len(), 3);

    // Unknown ids: 404 problems.
    let (status, _) = get(
        &c,
        &format!("{url}/00000000-0000-4000-8000-000000000000"),
        &key,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = get(&c, &format!("{url}/not-an-id"), &key).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn billing_and_account_profiles() {
    let key = fresh_key();
    let server = Server::start(&["--database", "sqlite::memory:", "--test-key", &key]);
    let c = client();
    let billing = r#"{"reference":"INV-2024-001","name":"John Doe","phone_number":"+27123456789",
        "currency":"ZAR","balance":2000,"metadata":{"customer_id":"cust_123456","order_id":"ord_789012"}}"#;
    let (status, _, body) = post(
        &c,
        &format!("{}/billing/customers", server.url),
        &key,
        Some("b-1"),
        billing,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = json(&body)["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("bcus_"));
    let (status, body) = get(&c, &format!("{}/billing/customers/{id}", server.url), &key).await;
    assert_eq!((status, json(&body)["balance"].as_i64()), (200, Some(2000)));
    let (status, _, body) = post(
        &c,
        &format!("{}/billing/customers", server.url),
        &key,
        None,
        r#"{"name":"A","balance":5}"#,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        json(&body)["errors"][0]["pointer"],
        "/currency",
        "a balance needs a currency"
    );

    // Spec 003's example as sent: "Tanzania" and a phone one digit too long.
    let account = r#"{"name":"Brighton Mboya","email":"brighton@jani.com","phone":"+2557881234567",
        "address":{"city":"Dar es Salaam","country":"Tanzania"},"payment_method":"card_01h3vjs3b16yc3f9q8q9pfrb79",
        "status":"active","custom_data":{"loyalty_program":"Gold"}}"#;
    let url = format!("{}/api/v1/customers", server.url);
    let (status, _, body) = post(&c, &url, &key, None, account).await;
    assert_eq!(status, 400);
    let pointers: Vec<String> = json(&body)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        pointers.contains(&"/address/country".to_owned()),
        "{pointers:?}"
    );
    let fixed = account
        .replace("\"Tanzania\"", "\"TZ\"")
        .replace("+2557881234567", "+255788123456");
    let (status, _, body) = post(&c, &url, &key, None, &fixed).await;
    assert_eq!(status, 201, "{body}");
    let created = json(&body);
    assert!(created["id"].as_str().unwrap().starts_with("cus_"));
    let (status, _, body) = post(
        &c,
        &url,
        &key,
        None,
        &fixed.replace("brighton@", "Brighton@"),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(json(&body)["errors"][0]["code"], "duplicate_email");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_posts_one_key_make_one_customer() {
    let key = fresh_live_key();
    let server = Server::start(&["--database", "sqlite::memory:", "--test-key", &key]);
    let c = client();
    let url = format!("{}/customers", server.url);
    let email = fresh_email();
    let body = body_with_email(&email);
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (c, url, key, body) = (c.clone(), url.clone(), key.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            post(&c, &url, &key, Some("same-key"), &body).await
        }));
    }
    let mut bodies = Vec::new();
    for t in tasks {
        let (status, headers, body) = t.await.unwrap();
        match status {
            201 => bodies.push((headers.contains_key("idempotent-replayed"), body)),
            409 => assert_eq!(json(&body)["code"], "idempotency_key_in_use"),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(bodies.iter().filter(|(replayed, _)| !replayed).count(), 1);
    assert!(bodies.iter().all(|(_, b)| *b == bodies[0].1));
    let (_, list) = get(&c, &format!("{url}?email={email}"), &key).await;
    assert_eq!(
        json(&list)["data"].as_array().unwrap().len(),
        1,
        "exactly one customer"
    );
}

#[tokio::test]
async fn guards_over_http() {
    let key = fresh_key();
    let server = Server::start(&["--database", "sqlite::memory:", "--test-key", &key]);
    let c = client();
    let url = format!("{}/customers", server.url);
    let response = c.post(&url).body("{}").send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers()["www-authenticate"],
        r#"Bearer realm="customers""#
    );
    let (status, _, _) = post(&c, &url, "sk_test_AAAAAAAAAAAAAAAAAAAAAAAA", None, SPEC_000).await;
    assert_eq!(status, 401);
    // The test policy: 100 a minute, then 429 with Retry-After.
    let mut statuses = Vec::new();
    for _ in 0..102 {
        let (status, headers, _) =
            post(&c, &url, &key, None, &body_with_email(&fresh_email())).await;
        if status == 429 {
            assert!(headers.contains_key("retry-after"));
            assert!(headers.contains_key("ratelimit-policy"));
        }
        statuses.push(status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 100);
    assert_eq!(&statuses[100..], [429, 429]);
}

/// Writes raw bytes, reads until the server closes or `limit` passes; the response text.
async fn raw(addr: &str, request: &[u8], wait: Duration) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let _ = stream.write_all(request).await;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(wait, stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_http() {
    let key = fresh_key();
    let server = Server::start(&[
        "--database",
        "sqlite::memory:",
        "--test-key",
        &key,
        "--request-timeout-secs",
        "2",
    ]);
    let c = client();
    let url = format!("{}/customers", server.url);
    // 10 MB declared: 413 as a problem as soon as the headers are read, before the body.
    let huge = format!(
        "POST /customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        10 << 20
    );
    let answer = raw(&server.addr, huge.as_bytes(), Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    // 10 MB sent: refused too, and the service stays up (checked below).
    let big = format!("{{\"first_name\":\"{}\"}}", "a".repeat(10 << 20));
    let sent = c
        .post(&url)
        .bearer_auth(&key)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await;
    if let Ok(response) = sent {
        assert_eq!(response.status(), 413);
    }
    // Wrong content types.
    for ct in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let r = c
            .post(&url)
            .bearer_auth(&key)
            .header("content-type", ct)
            .body(SPEC_000)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 415, "{ct}");
    }
    let r = c
        .post(&url)
        .bearer_auth(&key)
        .body(SPEC_000)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415, "no content type");
    // A slow body: the request times out with 408, the server stays up.
    let start = format!(
        "POST /customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"first"
    );
    let answer = raw(&server.addr, start.as_bytes(), Duration::from_secs(6)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    // 10,000 headers: refused, connection closed.
    let mut many = String::from("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    for i in 0..10_000 {
        many.push_str(&format!("X-H{i}: v\r\n"));
    }
    many.push_str("\r\n");
    let answer = raw(&server.addr, many.as_bytes(), Duration::from_secs(5)).await;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    // Invalid UTF-8, percent-encoded, in a path and a query.
    let (status, _) = get(&c, &format!("{url}/%FF%FE"), &key).await;
    assert_eq!(status, 404);
    let (status, body) = get(&c, &format!("{url}?email=%FF%FE"), &key).await;
    assert_eq!(status, 400);
    assert_eq!(json(&body)["errors"][0]["code"], "invalid_encoding");
    // Raw non-ASCII bytes in the request line: a 400 from the HTTP parser.
    let answer = raw(
        &server.addr,
        b"GET /customers/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(3),
    )
    .await;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 400"),
        "{answer}"
    );
    // Still up.
    let r = c
        .get(format!("{}/healthz", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn graceful_shutdown_finishes_in_flight_requests() {
    let key = fresh_key();
    let mut server = Server::start(&[
        "--database",
        "sqlite::memory:",
        "--test-key",
        &key,
        "--debug-work-delay-ms",
        "1500",
    ]);
    let c = client();
    let url = format!("{}/customers", server.url);
    let body = body_with_email(&fresh_email());
    let in_flight = tokio::spawn({
        let (c, url, key) = (c.clone(), url.clone(), key.clone());
        async move { post(&c, &url, &key, Some("g-1"), &body).await }
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    let status = tokio::task::spawn_blocking(move || server.terminate())
        .await
        .unwrap();
    let (code, _, _) = in_flight.await.unwrap();
    assert_eq!(code, 201, "the in-flight request finished");
    assert!(status.success(), "{status:?}");
}
