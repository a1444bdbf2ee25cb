"""The Python binding gives what the Rust library gives."""

import json
import time
from pathlib import Path

import pytest

import outage_news
from conftest import ROOT, SAMPLES, canon, rust_classify, rust_example, sample_warc, seed_files

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


ODD_BYTES = [
    b"",
    b"  \n\t\n",
    b"Outlook \xff\xfe down \x80\x81 users cannot send email",
    bytes(range(256)) * 4,
    b"\x00" * 100,
    b"\xed\xa0\x80 Gmail outage",
    "Das Wetter in Berlin bleibt morgen sonnig, sagt der Wetterdienst.".encode(),  # no outage
    "카카오톡 먹통".encode("euc-kr"),
]


def exact(value):
    """JSON without sorting: equal only with the same keys in the same
    order and the same types (1 and 1.0 differ)."""
    return json.dumps(value, ensure_ascii=False)


def assert_dicts_are_the_json(dicts, jsons):
    assert len(dicts) == len(jsons)
    for d, s in zip(dicts, jsons):
        want = json.loads(s)
        assert d == want
        assert exact(d) == exact(want)


def test_batch_dicts_are_the_json_parsed(classifier):
    """classify_batch's dicts are json.loads of classify_batch_json's
    strings, document for document: samples, seeds, odd inputs."""
    seeds = seed_files()
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES] + [b.decode("utf-8", errors="replace") for b in ODD_BYTES]
    texts += [p.read_bytes().decode("utf-8", errors="replace") for p in seeds]
    ids = [f"doc-{i}" if i % 3 else None for i in range(len(texts))]
    published = [None if i % 2 else "2026-11-18T09:00:00Z" for i in range(len(texts))]
    for threads in (1, 2):
        dicts = classifier.classify_batch(texts, ids=ids, published=published, threads=threads)
        assert_dicts_are_the_json(dicts, classifier.classify_batch_json(texts, ids=ids, published=published, threads=threads))
        assert any(d["is_outage"] for d in dicts) and not all(d["is_outage"] for d in dicts)
    datas = [p.read_bytes() for p in SAMPLES] + ODD_BYTES + [p.read_bytes() for p in seeds]
    charsets = [None] * len(datas)
    charsets[len(SAMPLES) + len(ODD_BYTES) - 1] = "euc-kr"
    dicts = classifier.classify_batch_bytes(datas, charsets=charsets)
    assert_dicts_are_the_json(dicts, classifier.classify_batch_bytes_json(datas, charsets=charsets))
    assert dicts[len(SAMPLES) + len(ODD_BYTES) - 1]["meta"]["encoding"] == "euc-kr"
    # one at a time, and a document too large (the facts with an `error`)
    for t in texts[: len(SAMPLES) + 3]:
        assert exact(classifier.classify(t)) == exact(json.loads(classifier.classify_batch_json([t])[0]))
    small = outage_news.Classifier(max_document_bytes=10)
    (big,) = small.classify_batch(["Gmail is down for thousands of users."])
    assert "error" in big
    assert_dicts_are_the_json([big], small.classify_batch_json(["Gmail is down for thousands of users."]))


def test_incident_dicts_are_the_json(classifier, rust_samples):
    facts = [classifier.classify_bytes((ROOT / p).read_bytes(), id=p) for p in FILES]
    incidents = outage_news.cluster_incidents(facts)
    stdin = "".join(json.dumps(f) + "\n" for f in rust_samples).encode()
    out = rust_example("incidents", ["--facts", "-"], stdin)
    want = [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]
    assert exact(incidents) == exact(want)


def pages_facts(classifier, pages):
    return classifier.classify_batch_bytes(
        [p["data"] for p in pages],
        ids=[p["id"] for p in pages],
        published=[p["published"] for p in pages],
        urls=[p["url"] for p in pages],
        charsets=[p["charset"] for p in pages],
    )


def test_read_warc_gives_the_pages_rust_classifies(classifier, tmp_path):
    """read_warc + classify_batch_bytes over a gzipped WARC with a damaged
    member: the facts, ids and error of the Rust classify example."""
    data, offsets = sample_warc(corrupt=True)
    path = tmp_path / "news.warc.gz"
    path.write_bytes(data)
    out = rust_example("classify", [str(path)])
    assert out.returncode == 1  # the damaged member
    want = [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]
    assert len(want) == len(SAMPLES) - 1

    reader = outage_news.read_warc(path)
    pages = list(reader)
    assert [p["id"] for p in pages] == [f["id"] for f in want]
    assert canon(pages_facts(classifier, pages)) == canon(want)
    assert reader.skipped == 1 + len(SAMPLES) + 3  # warcinfo, requests, image, redirect, 404
    assert reader.position == len(data)
    (error,) = reader.errors
    assert error.startswith(f"{path}: byte offset ")
    assert f"error: {error}" in out.stderr.decode()
    assert sum(p["charset"] == "euc-kr" for p in pages) == 1
    assert all(p["url"] == p["id"] and p["published"].startswith("2026-11-") for p in pages)
    assert [p["offset"] for p in pages] == sorted(p["offset"] for p in pages)
    assert set(p["offset"] for p in pages) <= set(offsets)

    # from bytes, and the same records uncompressed
    assert [p["data"] for p in outage_news.read_warc(data)] == [p["data"] for p in pages]
    import gzip

    plain = gzip.decompress(sample_warc()[0])
    plain_pages = list(outage_news.read_warc(plain, name="plain"))
    assert len(plain_pages) == len(SAMPLES)
    assert [p["data"] for p in plain_pages if p["id"] in {q["id"] for q in pages}] == [p["data"] for p in pages]

    with pytest.raises(ValueError, match="byte offset"):
        list(outage_news.read_warc(data, strict=True))
    with pytest.raises(OSError, match="missing.warc"):
        outage_news.read_warc(tmp_path / "missing.warc")
    with pytest.raises(TypeError):
        outage_news.read_warc(42)
    assert list(outage_news.read_warc(b"")) == []
    garbage = outage_news.read_warc(b"no warc here\n")
    assert list(garbage) == [] and len(garbage.errors) == 1


def test_dict_converter_is_json_loads_for_every_serde_shape():
    """The converter behind the dicts (a serde Serializer into Python
    objects) against serde_json, on a value of every shape serde has: enums,
    tuples, bytes, maps with number keys, f32, NaN, flattened fields."""
    objects, text = outage_news._serde_shapes()
    want = json.loads(text)
    assert objects == want
    assert exact(objects) == exact(want)
    assert objects["nan"] is None and objects["f32"] == 0.1 and objects["tuple"] == [1, "x"]


def test_batch_leaves_the_garbage_collector_as_it_found_it(classifier):
    """classify_batch pauses the cyclic collector while it builds the dicts."""
    import gc

    assert gc.isenabled()
    classifier.classify_batch(["Gmail is down for thousands of users."] * 3)
    assert gc.isenabled()
    gc.disable()
    try:
        classifier.classify_batch(["Gmail is down."])
        assert not gc.isenabled()
    finally:
        gc.enable()
