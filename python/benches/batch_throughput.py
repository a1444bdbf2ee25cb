#!/usr/bin/env python3
"""Python `Classifier.classify_batch` against the Rust `classify_batch` on the
same documents (the samples repeated), on 1 and 2 threads, interleaved.

    python python/benches/batch_throughput.py [--rounds 5] [--repeat 50]

Needs the package installed (`pip install ./python`) and cargo (it builds
and runs the Rust side, `python/examples/batch_throughput.rs`). `python-json` is
`classify_batch_json` (JSON strings, no Python objects). Prints the
median time of each side and thread count, the documents per second, the
Python overhead and the 2-thread/1-thread ratios.
"""

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

import outage_news

ROOT = Path(__file__).resolve().parents[2]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--repeat", type=int, default=50)
    p.add_argument("--runs", type=int, default=3, help="timed runs per round and side")
    args = p.parse_args()

    files = sorted(str(f) for f in (ROOT / "data" / "samples").iterdir() if f.suffix in (".txt", ".md", ".html"))
    subprocess.run(
        ["cargo", "build", "-q", "--release", "-p", "outage-news-python", "--example", "batch_throughput"],
        cwd=ROOT, check=True,
    )
    rust_bin = ROOT / "target" / "release" / "examples" / "batch_throughput"
    texts = [Path(f).read_text(encoding="utf-8") for f in files] * args.repeat
    size = sum(len(t.encode()) for t in texts)
    classifier = outage_news.Classifier()
    classifier.classify_batch(texts[:100])  # warm

    sides = ("rust", "python", "python-json")
    times = {(side, t): [] for side in sides for t in (1, 2)}
    for _ in range(args.rounds):
        for threads in (1, 2):
            out = subprocess.run(
                [str(rust_bin), "--threads", str(threads), "--runs", str(args.runs + 1), "--repeat", str(args.repeat), *files],
                capture_output=True, text=True, check=True,
            ).stdout
            runs = [json.loads(line)["seconds"] for line in out.splitlines()]
            times[("rust", threads)] += runs[1:]  # the first run warms
            for _ in range(args.runs):
                start = time.perf_counter()
                facts = classifier.classify_batch(texts, threads=threads)
                times[("python", threads)].append(time.perf_counter() - start)
                assert len(facts) == len(texts)
                del facts
                start = time.perf_counter()
                jsons = classifier.classify_batch_json(texts, threads=threads)
                times[("python-json", threads)].append(time.perf_counter() - start)
                del jsons

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{len(texts)} documents, {size / 1e6:.2f} MB; median of {args.rounds * args.runs} runs each")
    for (side, threads), m in med.items():
        print(f"  {side:11} {threads} thread(s): {m:.3f} s  {len(texts) / m:7.0f} docs/s  {size / m / 1e6:6.2f} MB/s")
    for threads in (1, 2):
        print(f"  python-json overhead, {threads} thread(s): {(med[('python-json', threads)] / med[('rust', threads)] - 1) * 100:+.1f}%")
        print(f"  python overhead, {threads} thread(s): {(med[('python', threads)] / med[('rust', threads)] - 1) * 100:+.1f}%")
    for side in sides:
        print(f"  {side} 2 threads / 1 thread: {med[(side, 1)] / med[(side, 2)]:.2f}x")


if __name__ == "__main__":
    main()
