#!/usr/bin/env python3
"""Summarise the last `cargo bench` run (target/criterion) as the tables of
BENCHMARKS.md: time and throughput per benchmark and the ratios the project
tracks. Throughput and ratios use criterion's median (robust to bursts of
load from other tenants of a shared machine); the mean is shown beside it.
Usage: python3 benches/report.py [target/criterion]"""
import json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"
rows = {}
for dirpath, _, files in os.walk(root):
    if os.path.basename(dirpath) != "new" or "estimates.json" not in files:
        continue
    bench = json.load(open(os.path.join(dirpath, "benchmark.json")))
    est = json.load(open(os.path.join(dirpath, "estimates.json")))
    ns = est["median"]["point_estimate"]
    mean = est["mean"]["point_estimate"]
    tp = (bench.get("throughput") or {}).get("Bytes")
    name = bench["full_id"]
    rows[name] = (ns, tp / (ns / 1e9) / 2**20 if tp else None, mean)

def mibs(name):
    return rows.get(name, (None, None, None))[1]

def fmt_time(ns):
    for unit, d in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= d:
            return f"{ns / d:.2f} {unit}"
    return f"{ns:.0f} ns"

print("| benchmark | median time | mean time | throughput (median) |")
print("| --- | ---: | ---: | ---: |")
for name in sorted(rows):
    ns, t, mean = rows[name]
    print(f"| {name} | {fmt_time(ns)} | {fmt_time(mean)} | {'' if t is None else f'{t:.2f} MiB/s'} |")

print()
print("| ratio | value | target |")
print("| --- | ---: | ---: |")
for lang, target in (("ko", 0.8), ("zh", 0.6), ("id", 0.5), ("de", 0.5), ("en", 0.5)):
    e, t = mibs(f"{lang}/end_to_end"), mibs(f"{lang}/tokenizer")
    if e and t:
        print(f"| {lang}: end to end / tokenizer | {e / t:.2f}x | >= {target}x |")
m, o = mibs("firehose/mix_9_in_10_not_outage"), mibs("firehose/outage_reports_only")
if m and o:
    print(f"| firehose mix / outage reports only (per byte) | {m / o:.2f}x | >= 3x |")
b1, ba = mibs("batch/classify_batch/1_thread"), mibs("batch/classify_batch/all_cores")
if b1 and ba:
    print(f"| batch all cores / 1 thread | {ba / b1:.2f}x | >= 1.7x |")
c = rows.get("construction/Classifier::new")
if c:
    print(f"| Classifier::new() | {fmt_time(c[0])} | < 300 ms |")

# The Latin-script lines' budget: at 0.5x of `unicode_words`, the whole
# pipeline may take twice the tokenizer's time. What three stages alone
# take of it (each measured by itself, its tables hot in the cache).
print()
print("| language | budget at 0.5x (2 x tokenizer) | 1_clean | 2_detect | 4_dictionary_pass | those three | share of the budget | end to end |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for lang in ("id", "de", "en"):
    t = rows.get(f"{lang}/tokenizer")
    parts = [rows.get(f"{lang}/{s}") for s in ("1_clean", "2_detect", "4_dictionary_pass")]
    e = rows.get(f"{lang}/end_to_end")
    if t and e and all(parts):
        three = sum(p[0] for p in parts)
        cells = " | ".join(fmt_time(p[0]) for p in parts)
        print(f"| {lang} | {fmt_time(2 * t[0])} | {cells} | {fmt_time(three)} | {100 * three / (2 * t[0]):.0f}% | {fmt_time(e[0])} |")

# The same end to end against three readings of "`unicode_words` alone"
# (benches/pipeline.rs): line by line (the acceptance ratio; its ASCII
# lines take unicode-segmentation's ASCII-only shortcut, 1.13+), each whole
# article, and line by line always on the UAX #29 path.
print()
print("| language | end to end | / tokenizer (lines; the target's ratio) | / tokenizer_whole_article | / tokenizer_uax29 (lines) |")
print("| --- | ---: | ---: | ---: | ---: |")
for lang in ("id", "de", "en"):
    e = mibs(f"{lang}/end_to_end")
    base = [mibs(f"{lang}/{b}") for b in ("tokenizer", "tokenizer_whole_article", "tokenizer_uax29")]
    if e and all(base):
        cells = " | ".join(f"{e / b:.2f}x" for b in base)
        print(f"| {lang} | {fmt_time(rows[f'{lang}/end_to_end'][0])} | {cells} |")
