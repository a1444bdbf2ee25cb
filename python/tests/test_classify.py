"""The Python binding gives what the Rust library gives."""

import json
import time
from pathlib import Path

import pytest

import outage_news
from conftest import ROOT, SAMPLES, canon, rust_classify, rust_example, seed_files

FILES = [p.relative_to(ROOT).as_posix() for p in SAMPLES]


def test_acceptance_line():
    text = (ROOT / "data/samples/en-01-microsoft-365-outage.txt").read_text()
    assert outage_news.Classifier().classify(text)["is_outage"] is True


@pytest.fixture(scope="module")
def rust_samples():
    """`classify FILE...` over the samples: one JSON line per file, in order."""
    facts = rust_classify(FILES)
    assert [f["id"] for f in facts] == FILES
    return facts


def test_samples_same_facts_as_rust(classifier, rust_samples):
    # the example reads files as bytes, named by the path as given
    for path, expected in zip(FILES, rust_samples):
        got = classifier.classify_bytes((ROOT / path).read_bytes(), id=path)
        assert canon(got) == canon(expected), path


def test_seeds_same_facts_as_rust(classifier):
    seeds = seed_files()
    if not seeds:
        pytest.skip("no seeds (../shared/seeds)")
    paths = [str(p) for p in seeds]
    expected = rust_classify(paths)
    assert len(expected) == len(paths)
    for path, want in zip(paths, expected):
        got = classifier.classify_bytes(Path(path).read_bytes(), id=path)
        assert canon(got) == canon(want), path


def test_text_and_batch_agree_with_single(classifier):
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    ids = [p.name for p in SAMPLES]
    single = [classifier.classify(t, id=i) for t, i in zip(texts, ids)]
    assert [canon(f) for f in classifier.classify_batch(texts, ids=ids)] == [canon(f) for f in single]
    assert [json.loads(s) for s in classifier.classify_batch_json(texts, ids=ids)] == single
    by_bytes = classifier.classify_batch_bytes([p.read_bytes() for p in SAMPLES], ids=ids)
    assert by_bytes == [classifier.classify_bytes(p.read_bytes(), id=p.name) for p in SAMPLES]
    assert classifier.classify_batch([]) == []


def test_metadata_from_the_caller(classifier):
    f = classifier.classify(
        "Gmail is down for thousands of users, Google said.",
        id="a1",
        published="2026-11-18T09:00:00Z",
        url="https://news.example/gmail",
        title="Gmail outage",
    )
    assert f["id"] == "a1"
    assert f["meta"]["url"] == "https://news.example/gmail"
    assert f["meta"]["title"] == "Gmail outage"
    assert f["meta"]["published"].startswith("2026-11-18")
    jsonl = json.dumps(
        {"id": "a1", "text": "Gmail is down for thousands of users, Google said.", "published": "2026-11-18T09:00:00Z",
         "url": "https://news.example/gmail", "title": "Gmail outage"}
    )
    (want,) = rust_classify(["-"], stdin=(jsonl + "\n").encode())
    assert canon(f) == canon(want)
    batch = classifier.classify_batch(
        ["Gmail is down for thousands of users, Google said."], ids=["a1"], published=["2026-11-18T09:00:00Z"],
        urls=["https://news.example/gmail"], titles=["Gmail outage"],
    )
    assert batch == [f]


def test_malformed_lexicon_is_value_error_naming_file_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[service]]\nid = "acme/mail"\nnames.any = ["Acme Mail"]\n\n[[symptom]]\nid = "exploded"\n')
    with pytest.raises(ValueError) as err:
        outage_news.Classifier(lexicons=[str(bad)])
    message = str(err.value)
    assert message.startswith(f"{bad}:")
    # the Rust example refuses it with the same message
    out = rust_example("classify", ["--lexicon", str(bad), str(ROOT / FILES[0])])
    assert out.returncode != 0
    assert message in out.stderr.decode()


def test_unreadable_lexicon_is_os_error(tmp_path):
    with pytest.raises(OSError, match="missing.toml"):
        outage_news.Classifier(lexicons=[tmp_path / "missing.toml"])


def test_good_lexicon_adds_a_service(tmp_path):
    extra = tmp_path / "acme.toml"
    extra.write_text('[[service]]\nid = "acme/mail"\nnames.any = ["Acme Mail"]\n')
    c = outage_news.Classifier(lexicons=[str(extra)])
    f = c.classify("Acme Mail is down: users cannot send email since 9 a.m., Acme said.")
    assert f["is_outage"]
    assert "acme/mail" in [s["id"] for s in f["incident"]["services"]]


@pytest.mark.parametrize(
    "name,data",
    [
        ("empty", b""),
        ("whitespace", b"  \n\t\n"),
        ("invalid-utf8", b"Outlook \xff\xfe down \x80\x81 users cannot send email"),
        ("binary", bytes(range(256)) * 4),
        ("nul", b"\x00" * 100),
        ("lone-surrogate-bytes", b"\xed\xa0\x80 Gmail outage"),
    ],
)
def test_bad_bytes_and_empty_input_as_in_rust(classifier, tmp_path, name, data):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    (want,) = rust_classify([str(path)])
    got = classifier.classify_bytes(data, id=str(path))
    assert canon(got) == canon(want)


def test_empty_text(classifier):
    f = classifier.classify("")
    assert f["is_outage"] is False and f["incident"] is None and f["related_incidents"] == []
    assert "error" not in f


def test_too_large_document_gets_an_error():
    c = outage_news.Classifier(max_document_bytes=10)
    f = c.classify("Gmail is down for thousands of users.", id="big")
    assert f["id"] == "big" and f["is_outage"] is False
    assert "document too large" in f["error"]


def test_batch_argument_errors(classifier):
    with pytest.raises(ValueError, match="ids has 1 entries for 2 documents"):
        classifier.classify_batch(["a", "b"], ids=["x"])
    with pytest.raises(TypeError):
        classifier.classify_batch("not a list of texts")


def test_incidents_as_in_rust(classifier, rust_samples):
    facts = [classifier.classify_bytes((ROOT / p).read_bytes(), id=p) for p in FILES]
    got = outage_news.cluster_incidents(facts)
    assert got, "the samples report outages"
    stdin = "".join(json.dumps(f) + "\n" for f in rust_samples).encode()
    out = rust_example("incidents", ["--facts", "-"], stdin)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    want = [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]
    assert canon(got) == canon(want)
    # the tracker with an unbounded horizon, as cluster_incidents
    tracker = outage_news.Incidents(horizon_days=1e300)
    tracker.add_all(facts)
    assert canon(tracker.finish()) == canon(want)
    assert tracker.snapshot() == []
    one = outage_news.Incidents(window_days=1.0)
    joined = [one.add(f) for f in facts]
    assert all(j is None for j, f in zip(joined, facts) if not f["is_outage"])
    assert any(j is not None for j in joined)


def test_batch_releases_the_gil(classifier):
    """Another Python thread runs while a batch is classified."""
    import threading

    texts = [p.read_text(encoding="utf-8") for p in SAMPLES] * 20
    done = threading.Event()
    ticks = 0

    def work():
        classifier.classify_batch(texts, threads=1)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    assert ticks >= 20  # the batch takes about 0.2 s; the GIL held throughout would allow a handful


def test_batch_two_threads_against_one(classifier, cpu_count, capsys):
    """Reported, not asserted: the issue's 2 threads against 1."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES] * 25
    times = {}
    for threads in (1, 2):
        classifier.classify_batch(texts[:40], threads=threads)  # warm
        start = time.perf_counter()
        facts = classifier.classify_batch(texts, threads=threads)
        times[threads] = time.perf_counter() - start
        assert len(facts) == len(texts)
    with capsys.disabled():
        print(
            f"\nclassify_batch over {len(texts)} documents: 1 thread {times[1]:.2f} s, 2 threads {times[2]:.2f} s,"
            f" {times[1] / times[2]:.2f}x ({cpu_count} cores)"
        )
