"""Shared fixtures: the repository, the Rust `classify` example, a classifier."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "data" / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))


def seed_files():
    """The seed articles (../shared/seeds, as .ci/run finds the shared
    directory), or [] when absent."""
    for d in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        if d.is_dir():
            return sorted(p for p in d.iterdir() if p.is_file())
    return []


def rust_example(name, args, stdin=None):
    """Run a Rust example (release) from the repository; its stdout and
    stderr and exit code. Skips when cargo is missing."""
    if shutil.which("cargo") is None:
        pytest.skip("cargo not found: cannot run the Rust examples to compare")
    cmd = ["cargo", "run", "-q", "--release", "--example", name, "--", *args]
    return subprocess.run(cmd, cwd=ROOT, input=stdin, capture_output=True, timeout=1800)


def rust_classify(args, stdin=None):
    """The Rust `classify` example's facts, one dict per output line."""
    out = rust_example("classify", args, stdin)
    assert out.returncode in (0, 1), out.stderr.decode(errors="replace")
    return [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]


def canon(value):
    """JSON with sorted keys: the comparison the issue asks for."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def classifier():
    import outage_news

    return outage_news.Classifier()


@pytest.fixture(scope="session")
def cpu_count():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def warc_record(kind, uri, payload, date="2026-11-18T09:00:00Z", content_type="application/http; msgtype=response"):
    """One WARC/1.0 record: its header block, `payload` (bytes) and the two
    line ends closing it."""
    head = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Date: {date}",
        f"WARC-Record-ID: <urn:uuid:{kind}-{abs(hash((uri, payload))) % 10**12:012d}>",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def http_response(body, content_type="text/html; charset=utf-8", status="200 OK", extra=""):
    """An HTTP response message around `body` (bytes)."""
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode() + body


def sample_warc(copies=1, corrupt=False):
    """A WARC file of the samples, gzipped record by record as CC-NEWS:
    a warcinfo record, per sample a request and a response (one sample in
    three declares a charset in its Content-Type; the Korean HTML one is
    sent in EUC-KR, one page gzip-encoded), an image, a redirect and a 404
    in between. Returns the bytes and the offsets of the gzip members; with
    `corrupt`, the member of the fourth response is damaged."""
    import gzip as gz

    records = [warc_record("warcinfo", None, b"software: outage-news tests\r\nformat: WARC File Format 1.0\r\n",
                           content_type="application/warc-fields")]
    responses = []
    for n in range(copies):
        for i, p in enumerate(SAMPLES):
            uri = f"https://news.example/{n}/{p.name}"
            date = f"2026-11-{1 + (i + n) % 28:02d}T0{i % 10}:15:00Z"
            body = p.read_bytes()
            kind = "text/html" if p.suffix == ".html" else "text/plain"
            if p.name.startswith("ko-") and p.suffix == ".html":
                body, kind = body.decode("utf-8").encode("euc-kr", errors="replace"), "text/html; charset=EUC-KR"
            elif i % 3 == 0:
                kind += "; charset=utf-8"
            extra = ""
            if i == 7:
                body, extra = gz.compress(body), "Content-Encoding: gzip\r\n"
            records.append(warc_record("request", uri, f"GET /{p.name} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode(),
                                       date=date, content_type="application/http; msgtype=request"))
            responses.append(len(records))
            records.append(warc_record("response", uri, http_response(body, kind, extra=extra), date=date))
            if i == 5:
                records.append(warc_record("response", f"{uri}.png", http_response(b"\x89PNG....", "image/png"), date=date))
            if i == 9:
                records.append(warc_record("response", f"{uri}/old", http_response(b"", "text/html", "301 Moved Permanently",
                                                                                   "Location: /new\r\n"), date=date))
            if i == 13:
                records.append(warc_record("response", f"{uri}/gone", http_response(b"<p>not found</p>", status="404 Not Found"),
                                           date=date))
    members = [gz.compress(r, compresslevel=6) for r in records]
    offsets, at = [], 0
    for m in members:
        offsets.append(at)
        at += len(m)
    data = bytearray(b"".join(members))
    if corrupt:
        bad = offsets[responses[3]]
        for k in range(bad + 12, bad + 40):
            data[k] ^= 0x5A
    return bytes(data), offsets
