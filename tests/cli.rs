//! The `classify` example as a user runs it: streaming JSON Lines through a
//! pipe that stays open, and WARC files. The tests run the built example
//! (`target/<profile>/examples/classify`, built by `cargo test` with the
//! other examples; built here if missing).

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The example binary beside this test's profile directory.
fn classify_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    // target/<profile>/deps/cli-<hash> -> target/<profile>/examples/classify
    let profile = exe.parent().and_then(|d| d.parent()).expect("profile directory");
    let bin = profile.join("examples").join(format!("classify{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--example", "classify"]).current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo build");
        assert!(status.success(), "building the classify example failed");
    }
    bin
}

#[test]
fn a_line_on_an_open_pipe_is_answered_at_once() {
    let mut child = Command::new(classify_bin())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn classify");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.expect("utf-8 output")).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let line = r#"{"id": "live-1", "text": "Gmail down: users cannot send email since this morning, Google said.", "published": "2025-03-01", "url": "https://news.example/a"}"#;
    writeln!(stdin, "{line}").expect("write");
    stdin.flush().expect("flush");
    // the pipe stays open: the answer must come before it is closed
    let got = rx.recv_timeout(Duration::from_secs(20)).expect("no result while the pipe was open");
    let waited = started.elapsed();
    let facts: serde_json::Value = serde_json::from_str(&got).expect("one JSON object");
    assert_eq!(facts["id"], "live-1");
    assert_eq!(facts["is_outage"], true);
    assert_eq!(facts["meta"]["published"], "2025-03-01");
    assert_eq!(facts["meta"]["url"], "https://news.example/a");
    // a second line, a malformed one, a third: order kept, the bad one named
    writeln!(
        stdin,
        "{{\"text\": \"Sunny weather all week.\"}}\nnot json\n{{\"id\": 7, \"text\": \"Outlook is down.\"}}"
    )
    .expect("write");
    drop(stdin);
    let rest: Vec<serde_json::Value> = rx.iter().map(|l| serde_json::from_str(&l).expect("JSON")).collect();
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(rest.len(), 2, "{stderr}");
    assert_eq!(rest[0]["id"], "stdin:2");
    assert_eq!(rest[1]["id"], "7");
    assert!(stderr.contains("stdin line 3"), "{stderr}");
    assert!(stderr.contains("3 documents") && stderr.contains("1 errors"), "{stderr}");
    assert_eq!(output.status.code(), Some(1));
    eprintln!("first result after {waited:?}");
}
