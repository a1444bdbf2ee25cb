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
