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

/// One WARC record.
fn record(kind: &str, uri: Option<&str>, date: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n",
        body.len()
    );
    if let Some(uri) = uri {
        r.push_str(&format!("WARC-Target-URI: {uri}\r\n"));
    }
    r.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()));
    let mut r = r.into_bytes();
    r.extend_from_slice(body);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// A response record: an HTTP message with `content_type` and `payload`.
fn response(uri: &str, date: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nServer: test\r\n\r\n").into_bytes();
    http.extend_from_slice(payload);
    record("response", Some(uri), date, "application/http; msgtype=response", &http)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

/// A small CC-NEWS-like archive, one gzip member per record: its bytes, the
/// members' offsets, and the expected (uri, published) of each page.
fn archive() -> (Vec<u8>, Vec<usize>, Vec<(&'static str, &'static str)>) {
    let ko = "<html><head><meta property=\"article:published_time\" content=\"2025-03-02T08:10:00+09:00\"><title>카카오톡 장애</title></head>\
              <body><h1>카카오톡 메시지 전송 장애</h1><p>2일 오전 카카오톡에서 메시지가 전송되지 않는 장애가 발생해 이용자들이 불편을 겪었다. 회사 측은 서버 점검 후 복구했다고 밝혔다.</p></body></html>";
    let zh = "<html><head><title>微信故障</title></head><body><h1>微信出现故障</h1><p>今天上午，大量用户反映微信无法发送消息，腾讯表示正在紧急修复。</p></body></html>";
    let de = "<html><head><title>Störung bei der Telekom</title></head><body><h1>Telekom-Störung</h1><p>Am Morgen waren DSL-Anschlüsse in München über Stunden gestört, Kunden konnten nicht surfen.</p></body></html>";
    let id = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-03-04T07:00:00+07:00\"}</script><title>Cuaca</title></head>\
              <body><h1>Cuaca cerah di Jakarta</h1><p>Hari ini cuaca di Jakarta cerah sepanjang hari, kata petugas.</p></body></html>";
    let en = "<html><head><title>Gmail outage</title></head><body><h1>Gmail down for thousands</h1><p>Gmail users could not send email on Wednesday morning, Google said.</p></body></html>";
    let records = [
        record(
            "warcinfo",
            None,
            "2025-03-05T00:00:00Z",
            "application/warc-fields",
            b"software: test\r\nformat: WARC File Format 1.0\r\n",
        ),
        record(
            "request",
            Some("https://news.example.kr/a"),
            "2025-03-05T00:00:01Z",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: news.example.kr\r\n\r\n",
        ),
        response(
            "https://news.example.kr/a",
            "2025-03-05T00:00:01Z",
            "text/html; charset=EUC-KR",
            &encoding_rs_encode(ko, "euc-kr"),
        ),
        response(
            "https://news.example.cn/b",
            "2025-03-05T00:00:02Z",
            "text/html; charset=GBK",
            &encoding_rs_encode(zh, "gbk"),
        ),
        response(
            "https://news.example.de/c",
            "2025-03-05T00:00:03Z",
            "text/html; charset=ISO-8859-1",
            &encoding_rs_encode(de, "iso-8859-1"),
        ),
        response(
            "https://img.example/x.jpg",
            "2025-03-05T00:00:04Z",
            "image/jpeg",
            b"\xff\xd8\xff\xe0 not really a jpeg",
        ),
        response("https://news.example.id/d", "2025-03-05T00:00:05Z", "text/html; charset=utf-8", id.as_bytes()),
        response("https://news.example.com/e", "2025-03-05T00:00:06Z", "text/html", en.as_bytes()),
    ];
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for r in &records {
        offsets.push(out.len());
        out.extend(gzip(r));
    }
    let want = vec![
        ("https://news.example.kr/a", "2025-03-02T08:10:00+09:00"),
        ("https://news.example.cn/b", "2025-03-05T00:00:02Z"),
        ("https://news.example.de/c", "2025-03-05T00:00:03Z"),
        ("https://news.example.id/d", "2025-03-04T07:00:00+07:00"),
        ("https://news.example.com/e", "2025-03-05T00:00:06Z"),
    ];
    (out, offsets, want)
}

/// Text in a legacy encoding, as a server would send it.
fn encoding_rs_encode(text: &str, charset: &str) -> Vec<u8> {
    let enc = encoding_rs::Encoding::for_label(charset.as_bytes()).expect("known charset");
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{charset}");
    bytes.into_owned()
}

fn run_classify(args: &[&str]) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let out = Command::new(classify_bin()).args(args).output().expect("run classify");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let facts = stdout.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    (facts, String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

#[test]
fn warc_records_in_order_with_their_uri_date_and_charset() {
    let dir = std::env::temp_dir().join(format!("outage-news-warc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (bytes, offsets, want) = archive();
    let path = dir.join("news.warc.gz");
    std::fs::write(&path, &bytes).expect("write");
    let p = path.to_str().expect("utf-8 path");

    let (facts, stderr, code) = run_classify(&[p]);
    assert_eq!(code, Some(0), "{stderr}");
    let got: Vec<(&str, &str)> =
        facts.iter().map(|f| (f["id"].as_str().unwrap_or(""), f["meta"]["published"].as_str().unwrap_or(""))).collect();
    assert_eq!(got, want, "{stderr}");
    for f in &facts {
        assert_eq!(f["meta"]["url"], f["id"]);
    }
    let lang = |i: usize| facts[i]["language"]["code"].as_str().unwrap_or("").to_string();
    assert_eq!((0..5).map(lang).collect::<Vec<_>>(), ["ko", "zh", "de", "id", "en"]);
    let enc = |i: usize| facts[i]["meta"]["encoding"].as_str().unwrap_or("").to_string();
    assert_eq!([enc(0), enc(1), enc(2)], ["euc-kr", "gbk", "windows-1252"]);
    assert_eq!(facts[0]["is_outage"], true, "the Korean page decoded from EUC-KR");
    assert_eq!(facts[2]["is_outage"], true, "the German page decoded from Latin-1");
    assert!(
        stderr.contains("5 documents") && stderr.contains("3 skipped records") && stderr.contains("0 errors"),
        "{stderr}"
    );

    // the same file uncompressed, and on stdin with --warc
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut plain).expect("gunzip");
    let plain_path = dir.join("news.warc");
    std::fs::write(&plain_path, &plain).expect("write");
    let (facts, stderr, code) = run_classify(&[plain_path.to_str().expect("path")]);
    assert_eq!((facts.len(), code), (5, Some(0)), "{stderr}");
    let mut child = Command::new(classify_bin())
        .args(["--warc", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let feed = bytes.clone();
    let writer = std::thread::spawn(move || stdin.write_all(&feed));
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer").expect("write");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);

    // one gzip member damaged: the others still come out, the error names
    // the file and the member's offset, the exit code is 1
    let mut broken = bytes.clone();
    let de = offsets[4];
    for b in &mut broken[de + 12..de + 40] {
        *b ^= 0x5a;
    }
    let broken_path = dir.join("broken.warc.gz");
    std::fs::write(&broken_path, &broken).expect("write");
    let bp = broken_path.to_str().expect("path");
    let (facts, stderr, code) = run_classify(&[bp]);
    let ids: Vec<&str> = facts.iter().map(|f| f["id"].as_str().unwrap_or("")).collect();
    let expected: Vec<&str> = want.iter().map(|w| w.0).filter(|u| !u.ends_with("/c")).collect();
    assert_eq!(ids, expected, "{stderr}");
    assert!(stderr.contains(&format!("{bp}: byte offset {de}")), "{stderr}");
    assert_eq!(code, Some(1));

    // a truncated file: what is whole comes out, the cut is named
    let cut = &bytes[..offsets[6] + 30];
    let cut_path = dir.join("cut.warc.gz");
    std::fs::write(&cut_path, cut).expect("write");
    let (facts, stderr, code) = run_classify(&[cut_path.to_str().expect("path")]);
    assert_eq!((facts.len(), code), (3, Some(1)), "{stderr}");
    assert!(stderr.contains(&format!("byte offset {}", offsets[6])), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
