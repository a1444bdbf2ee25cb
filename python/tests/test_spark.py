"""The Spark example in local mode: over 10,000 documents of JSON Lines, and
over a gzipped WARC file."""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES, canon, rust_classify, rust_example, sample_warc

pytestmark = pytest.mark.spark

MISSING = [m for m in ("pyspark", "pyarrow", "pandas") if importlib.util.find_spec(m) is None]
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    MISSING.append("java")
if MISSING:
    if os.environ.get("OUTAGE_NEWS_REQUIRE_SPARK"):
        raise RuntimeError(f"OUTAGE_NEWS_REQUIRE_SPARK is set but {', '.join(MISSING)} missing")
    pytest.skip(f"Spark test needs {', '.join(MISSING)}", allow_module_level=True)

DOCUMENTS = 10_000


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    """10,000 articles as JSON Lines: the samples' texts repeated with
    distinct ids, a publication date on every third, a url on every other."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in SAMPLES]
    path = tmp_path_factory.mktemp("spark") / "feed.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(DOCUMENTS):
            name, text = texts[i % len(texts)]
            row = {"id": f"{i:05d}-{name}", "text": text}
            if i % 3 == 0:
                row["published"] = f"2026-11-{1 + i % 28:02d}T09:30:00Z"
            if i % 2 == 0:
                row["url"] = f"https://news.example/{i}"
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def test_spark_local_job(feed, tmp_path, capsys):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    script = ROOT / "python" / "examples" / "spark_classify.py"
    cmd = [sys.executable, str(script), str(feed), "--output", str(out), "--incidents", "--master", "local[2]"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-5000:]
    summary = [line for line in run.stderr.splitlines() if line.startswith(("classified", "incidents:"))]
    with capsys.disabled():
        print("\n" + "\n".join(summary))

    table = pq.read_table(out / "facts")
    assert table.num_rows == DOCUMENTS
    assert table.column_names == [
        "id", "url", "published", "language", "is_outage", "outage_score", "providers", "services",
        "unlisted_services", "symptoms", "causes", "mitigations", "status", "regions", "duration_minutes", "facts",
    ]
    rows = table.to_pylist()
    assert len({r["id"] for r in rows}) == DOCUMENTS

    # the outage rows are the Rust classify example's outage reports, fact for fact
    want = {f["id"]: f for f in rust_classify(["--only-outages", "-"], stdin=feed.read_bytes())}
    got = {r["id"]: r for r in rows if r["is_outage"]}
    assert sorted(got) == sorted(want)
    assert 0 < len(got) < DOCUMENTS
    for id_, row in got.items():
        facts = json.loads(row["facts"])
        assert canon(facts) == canon(want[id_]), id_
        incident = facts["incident"]
        assert row["services"] == [s["id"] for s in incident["services"]]
        assert row["providers"] == incident["providers"]
        assert row["status"] == (incident["status"] or {}).get("id")
        assert row["duration_minutes"] == incident["duration_minutes"]
        assert row["language"] == facts["language"]["code"]

    # the incidents are cluster_incidents of the outage rows
    import outage_news

    lines = [
        json.loads(line)
        for part in sorted((out / "incidents").glob("part-*"))
        for line in part.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert lines and canon(lines) == canon(outage_news.cluster_incidents([json.loads(r["facts"]) for r in got.values()]))
    assert re.search(r"classified 10000 documents", run.stderr)


def test_spark_local_job_on_warc(tmp_path, capsys):
    """The job over a gzipped WARC file (the samples five times, requests,
    an image, a redirect, a 404 and one damaged gzip member): one row per
    page the Rust classify example reads, and its outage rows are that
    example's facts."""
    import pyarrow.parquet as pq

    data, _ = sample_warc(copies=5, corrupt=True)
    warc = tmp_path / "news.warc.gz"
    warc.write_bytes(data)
    out = tmp_path / "out"
    script = ROOT / "python" / "examples" / "spark_classify.py"
    cmd = [sys.executable, str(script), str(warc), "--output", str(out), "--master", "local[2]"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-5000:]
    summary = [line for line in run.stderr.splitlines() if line.startswith("classified")]
    with capsys.disabled():
        print("\n" + "\n".join(summary))
    assert summary and summary[0].endswith("1 damaged WARC parts skipped"), run.stderr[-3000:]

    rust = rust_example("classify", [str(warc)])
    assert rust.returncode == 1  # the damaged member
    want = [json.loads(line) for line in rust.stdout.decode().splitlines() if line.strip()]
    assert len(want) == 5 * len(SAMPLES) - 1

    rows = pq.read_table(out / "facts").to_pylist()
    assert sorted(r["id"] for r in rows) == sorted(f["id"] for f in want)
    got = {r["id"]: r for r in rows if r["is_outage"]}
    want_outages = {f["id"]: f for f in want if f["is_outage"]}
    assert sorted(got) == sorted(want_outages) and got
    for id_, row in got.items():
        assert canon(json.loads(row["facts"])) == canon(want_outages[id_]), id_
        meta = want_outages[id_]["meta"]
        assert (row["url"], row["published"]) == (meta["url"], meta["published"])
    # every row, not only the outage rows, is the Rust example's facts
    assert {r["id"]: canon(json.loads(r["facts"])) for r in rows} == {f["id"]: canon(f) for f in want}
    # the page sent in EUC-KR was decoded as the Rust example decodes it
    assert any(json.loads(r["facts"])["meta"]["encoding"] == "euc-kr" for r in rows)
