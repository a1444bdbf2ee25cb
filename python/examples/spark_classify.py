#!/usr/bin/env python3
"""Classify a news crawl on Apache Spark with outage_news.

    python python/examples/spark_classify.py INPUT... --output DIR [--incidents]
    spark-submit python/examples/spark_classify.py hdfs:///news/*.jsonl --output hdfs:///out
    spark-submit python/examples/spark_classify.py 's3a://commoncrawl/crawl-data/CC-NEWS/2026/11/*.warc.gz' --output ...

INPUT is JSON Lines, one article per line (the `classify` example's input)::

    {"id": "a1", "text": "...", "published": "2025-03-01T09:30:00Z", "url": "https://...", "title": "..."}

or WARC files (Common Crawl's CC-NEWS), plain or gzipped record by record:
an INPUT whose name ends in .warc or .warc.gz (or any INPUT with
--format warc; directories then give their .warc and .warc.gz files). Each
successful HTML or text response is one article, as the Rust `classify`
example reads it: id and url its WARC-Target-URI, published its WARC-Date,
its bytes decoded with the charset of its Content-Type when they decode in
it. INPUTs come from local paths or any Hadoop file system (globs and
directories as Spark reads them; .jsonl.gz works, unsplit).

Every article becomes one row of DIR/facts, a Parquet data set with the flat
columns id, url, published, language, is_outage, outage_score, providers,
services, unlisted_services, symptoms, causes, mitigations, status, regions,
duration_minutes and facts (the full DocumentFacts JSON, as the Rust library
serialises it). Malformed JSON lines are dropped (Spark's DROPMALFORMED);
damaged WARC parts (a corrupt gzip member, a truncated record) are skipped
as the Rust example skips them, with an `error:` line in the worker's log
and a count in the summary.

The classification runs in the Python workers with `mapInArrow`: each
worker process builds one Classifier, once (a lazy module-level cache, kept
across tasks as Spark reuses its workers), and classifies each Arrow batch
with `classify_batch_json` (`classify_batch_bytes_json` for WARC pages), the
GIL released. Spark runs one task per core, so each task classifies on one
thread by default (--threads-per-task).

WARC files are read whole by Spark's binaryFile source (any Hadoop file
system; at most 2 GiB a file, as CC-NEWS's are), one task per file or split
of small files, and `outage_news.read_warc` turns each into pages in the
Python worker (a first mapInArrow). When there are fewer files than cores
the pages are spread over the cores before they are classified.

With --incidents, the outage rows' facts are collected to the driver (a
few percent of a news crawl) and grouped into incidents by
`outage_news.cluster_incidents`, written as JSON Lines to DIR/incidents.

A summary line (documents, outage reports, seconds, documents per second)
goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

# the columns written, in order, with their Arrow and Spark types
FLAT_COLUMNS = [
    ("id", "string"),
    ("url", "string"),
    ("published", "string"),
    ("language", "string"),
    ("is_outage", "boolean"),
    ("outage_score", "double"),
    ("providers", "array<string>"),
    ("services", "array<string>"),
    ("unlisted_services", "array<string>"),
    ("symptoms", "array<string>"),
    ("causes", "array<string>"),
    ("mitigations", "array<string>"),
    ("status", "string"),
    ("regions", "array<string>"),
    ("duration_minutes", "int"),
    ("facts", "string"),
]
SPARK_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in FLAT_COLUMNS)
INPUT_SCHEMA = "id string, text string, published string, url string, title string"
# the pages read from WARC files: the article columns with bytes and a charset
PAGE_SCHEMA = "id string, url string, published string, charset string, data binary"
# pages per Arrow batch out of the WARC reader
PAGES_PER_BATCH = 500


def is_warc(path: str) -> bool:
    """Whether an input is a WARC file by its name (.warc, .warc.gz)."""
    name = path.rstrip("/").lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


def classifier(lexicons: tuple[str, ...] = ()):
    """The worker process's Classifier, built on first use and kept: a
    module-level lazy global. It lives on the `outage_news` module because
    this function reaches the workers pickled by value, with its own copy of
    this script's globals each time."""
    import outage_news

    cache = outage_news.__dict__.setdefault("_spark_classifiers", {})
    if lexicons not in cache:
        cache[lexicons] = outage_news.Classifier(lexicons=list(lexicons))
    return cache[lexicons]


def flat_row(facts: dict) -> dict:
    """The flat columns of one document's facts (without `facts`)."""
    incident = facts.get("incident") or {}

    def ids(key):
        return [f["id"] for f in incident.get(key) or []]

    status = incident.get("status")
    return {
        "id": facts.get("id"),
        "url": facts["meta"].get("url"),
        "published": facts["meta"].get("published"),
        "language": facts["language"].get("code"),
        "is_outage": facts["is_outage"],
        "outage_score": facts["outage_score"],
        "providers": list(incident.get("providers") or []),
        "services": ids("services"),
        "unlisted_services": [u["name"] for u in incident.get("unlisted_services") or []],
        "symptoms": ids("symptoms"),
        "causes": ids("causes"),
        "mitigations": ids("mitigations"),
        "status": status["id"] if status else None,
        "regions": ids("regions"),
        "duration_minutes": incident.get("duration_minutes"),
    }


def arrow_schema():
    import pyarrow as pa

    kinds = {
        "string": pa.string(),
        "boolean": pa.bool_(),
        "double": pa.float64(),
        "int": pa.int32(),
        "array<string>": pa.list_(pa.string()),
    }
    return pa.schema([(name, kinds[kind]) for name, kind in FLAT_COLUMNS])


def facts_batch(jsons: list[str], schema):
    """The flat columns of facts JSON strings, as one Arrow batch."""
    import pyarrow as pa

    rows = {name: [] for name, _ in FLAT_COLUMNS}
    for text in jsons:
        flat = flat_row(json.loads(text))
        flat["facts"] = text
        for name, value in flat.items():
            rows[name].append(value)
    return pa.RecordBatch.from_pydict(rows, schema=schema)


def classify_batches(lexicons: tuple[str, ...], threads: int):
    """The mapInArrow function: Arrow batches of articles in, of flat facts
    out. Articles are JSON Lines rows (a `text` column) or WARC pages (a
    `data` column of bytes and their `charset`)."""

    def run(batches):
        schema = arrow_schema()
        c = classifier(lexicons)
        for batch in batches:
            cols = batch.to_pydict()
            extras = dict(ids=cols["id"], published=cols["published"], urls=cols["url"], threads=threads)
            if "data" in cols:
                datas = [d if d is not None else b"" for d in cols["data"]]
                jsons = c.classify_batch_bytes_json(datas, charsets=cols["charset"], **extras)
            else:
                texts = [t if t is not None else "" for t in cols["text"]]
                jsons = c.classify_batch_json(texts, titles=cols["title"], **extras)
            yield facts_batch(jsons, schema)

    return run


def warc_pages(errors):
    """The mapInArrow function reading WARC files (binaryFile rows: path,
    content) into pages (PAGE_SCHEMA), PAGES_PER_BATCH a batch. Damaged
    parts go to the worker's stderr and the `errors` accumulator."""

    def run(batches):
        import itertools

        import outage_news
        import pyarrow as pa

        schema = pa.schema([("id", pa.string()), ("url", pa.string()), ("published", pa.string()),
                            ("charset", pa.string()), ("data", pa.binary())])
        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content")
            for i, path in enumerate(paths):
                reader = outage_news.read_warc(contents[i].as_py() or b"", name=path)
                while True:
                    pages = list(itertools.islice(reader, PAGES_PER_BATCH))
                    if not pages:
                        break
                    yield pa.RecordBatch.from_pylist(pages, schema=schema)
                for e in reader.errors:
                    print(f"error: {e}", file=sys.stderr)
                errors.add(len(reader.errors))

    return run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="JSON Lines or WARC (.warc, .warc.gz) files, directories or globs (local or Hadoop)")
    parser.add_argument("--format", choices=("auto", "jsonl", "warc"), default="auto",
                        help="input format (default auto: WARC when the name ends in .warc or .warc.gz, else JSON Lines)")
    parser.add_argument("--output", required=True, metavar="DIR", help="output directory: DIR/facts (Parquet), DIR/incidents")
    parser.add_argument("--incidents", action="store_true", help="also write the outage rows' incidents (JSON Lines)")
    parser.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2] (default: local[*])")
    parser.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="extra dictionary file, on every worker")
    parser.add_argument("--threads-per-task", type=int, default=1, metavar="N", help="classifier threads per Spark task (default 1)")
    parser.add_argument("--split-mb", type=int, default=16, metavar="MB", help="input split size (default 16 MB)")
    args = parser.parse_args(argv)

    # local mode runs the workers with this interpreter, which has outage_news
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("outage-news classify")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(args.split_mb * 1024 * 1024))

    start = time.perf_counter()
    warc_inputs = [p for p in args.inputs if args.format == "warc" or (args.format == "auto" and is_warc(p))]
    jsonl_inputs = [p for p in args.inputs if p not in warc_inputs]
    parallelism = spark.sparkContext.defaultParallelism
    classify = classify_batches(tuple(args.lexicon), args.threads_per_task)
    parts = []
    if jsonl_inputs:
        articles = spark.read.schema(INPUT_SCHEMA).option("mode", "DROPMALFORMED").json(jsonl_inputs)
        if articles.rdd.getNumPartitions() < parallelism:
            articles = articles.repartition(parallelism)
        parts.append(articles.mapInArrow(classify, SPARK_SCHEMA))
    warc_errors = spark.sparkContext.accumulator(0)
    if warc_inputs:
        files = spark.read.format("binaryFile").option("pathGlobFilter", "*.warc*").load(warc_inputs)
        pages = files.select("path", "content").mapInArrow(warc_pages(warc_errors), PAGE_SCHEMA)
        if pages.rdd.getNumPartitions() < parallelism:
            pages = pages.repartition(parallelism)
        parts.append(pages.mapInArrow(classify, SPARK_SCHEMA))
    facts = parts[0]
    for more in parts[1:]:
        facts = facts.unionByName(more)
    out = args.output.rstrip("/")
    facts.write.mode("overwrite").parquet(f"{out}/facts")

    written = spark.read.parquet(f"{out}/facts")
    documents = written.count()
    outages = written.filter("is_outage").count()
    seconds = time.perf_counter() - start

    if args.incidents:
        import outage_news

        outage_facts = [json.loads(r.facts) for r in written.filter("is_outage").select("facts").toLocalIterator()]
        incidents = outage_news.cluster_incidents(outage_facts)
        lines = [(json.dumps(i, ensure_ascii=False),) for i in incidents]
        spark.createDataFrame(lines, "value string").coalesce(1).write.mode("overwrite").text(f"{out}/incidents")
        print(f"incidents: {len(incidents)} from {len(outage_facts)} outage reports -> {out}/incidents", file=sys.stderr)

    print(
        f"classified {documents} documents, {outages} outage reports in {seconds:.1f} s"
        f" ({documents / seconds:.0f} documents/s, {parallelism} cores) -> {out}/facts"
        + (f"; {warc_errors.value} damaged WARC parts skipped" if warc_inputs else ""),
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
