//! Starting the real binary and talking to it over HTTP.

#![allow(dead_code, clippy::zombie_processes)] // Server kills and waits for its child on drop.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Spec 000's example request.
pub const SPEC_000: &str = r#"{
  "first_name": "John",
  "last_name": "Doe",
  "email": "john.doe@example.com",
  "phone_number": "+2348012345678",
  "billing_address": {
    "line1": "123 Test Lane",
    "line2": "Suite 456",
    "city": "Lagos",
    "state": "Lagos",
    "zip_code": "100001",
    "country": "NG"
  }
}"#;

/// A running `customer-core-service`, killed on drop.
pub struct Server {
    pub child: Child,
    pub url: String,
    pub addr: String,
    /// The key printed at start, if the store had none.
    pub printed_key: Option<String>,
}

/// A random test key (its own rate limits).
pub fn fresh_key() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).unwrap();
    let body: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    format!("sk_test_{body}")
}

/// A random live key (1,000 a minute).
pub fn fresh_live_key() -> String {
    fresh_key().replace("sk_test_", "sk_live_")
}

/// A unique email address.
pub fn fresh_email() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    format!("t{}@example.com", u64::from_le_bytes(bytes))
}

impl Server {
    /// Starts the binary with `args` (plus `--listen 127.0.0.1:0`) and waits for its
    /// `listening on` line.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_customer-core-service"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the service");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut printed_key = None;
        loop {
            let line = lines
                .next()
                .expect("the service exited before listening")
                .unwrap();
            if let Some(k) = line.strip_prefix("test key: ") {
                printed_key = Some(k.to_owned());
            }
            if let Some(url) = line.strip_prefix("listening on ") {
                let url = url.to_owned();
                let addr = url.trim_start_matches("http://").to_owned();
                // Keep draining stdout so the child never blocks on a full pipe.
                std::thread::spawn(move || for _ in lines {});
                return Server {
                    child,
                    url,
                    addr,
                    printed_key,
                };
            }
        }
    }

    /// SIGKILL.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then waits for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        self.child.wait().unwrap()
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A client with a timeout.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// `POST path` with a JSON body.
pub async fn post(
    c: &reqwest::Client,
    url: &str,
    key: &str,
    idem: Option<&str>,
    body: &str,
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut r = c
        .post(url)
        .bearer_auth(key)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(i) = idem {
        r = r.header("idempotency-key", i);
    }
    let response = r.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

/// `GET url`.
pub async fn get(c: &reqwest::Client, url: &str, key: &str) -> (u16, String) {
    let response = c.get(url).bearer_auth(key).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Parses JSON.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// An environment variable a server test needs: it fails without it.
pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run .ci/service.sh"))
}
