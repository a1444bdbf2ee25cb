#!/usr/bin/env bash
# Instructions executed inside `Classifier::run` for one language's articles
# (data/samples and tests/gold), counted by valgrind's callgrind: repeatable
# where wall-clock times on a shared machine are not.
#
#   benches/callgrind.sh ko|zh|id|de|en|firehose
#
# Runs the `classify` example on the corpus 5 times and 10 times over (JSON
# Lines on stdin) and prints the difference: the work of 5 passes, without
# construction or the one-time compilation of lazy patterns. With callgrind's
# cache and branch simulation on, it also prints mispredicted branches, L1
# misses and an estimate of the cycles (instructions / 4, plus 15 per
# mispredicted branch and 10 per L1 miss). Set against the same estimate for
# the bare tokenizer, that estimate came close to the wall-clock ratios
# criterion measured on this machine (BENCHMARKS.md), where instruction
# counts alone did not.
set -euo pipefail
cd "$(dirname "$0")/.."
lang=${1:?language code or firehose}
cargo build --release --example classify >/dev/null 2>&1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus() {
  python3 - "$lang" "$1" <<'PY'
import glob, json, os, sys
lang, reps = sys.argv[1], int(sys.argv[2])
if lang == "firehose":
    files = sorted(glob.glob("benches/data/firehose/*"))
else:
    files = sorted(glob.glob(f"data/samples/{lang}-*")) + sorted(glob.glob(f"tests/gold/{lang}-*"))
files = [f for f in files if f.endswith((".txt", ".md", ".html"))]
for r in range(reps):
    for f in files:
        print(json.dumps({"id": f"{r}-{os.path.basename(f)}", "text": open(f, encoding="utf-8").read()}))
PY
}
# Ir, mispredicted conditional branches, L1 data and instruction read misses
count() {
  corpus "$1" > "$tmp/in.jsonl"
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
    --toggle-collect='outage_news::classifier::Classifier::run' \
    --callgrind-out-file="$tmp/cg.out" ./target/release/examples/classify - < "$tmp/in.jsonl" >/dev/null 2>&1
  callgrind_annotate --auto=no --show=Ir,Bcm,D1mr,I1mr "$tmp/cg.out" | grep 'PROGRAM TOTALS' \
    | grep -o '[0-9,]* (' | tr -d ', ('
}
five=$(count 5 | tr '\n' ' ')
ten=$(count 10 | tr '\n' ' ')
python3 -c '
import sys
lang = sys.argv[1]
five, ten = [int(x) for x in sys.argv[2].split()], [int(x) for x in sys.argv[3].split()]
ir, bcm, d1, i1 = (t - f for f, t in zip(five, ten))
cycles = ir / 4 + 15 * bcm + 10 * (d1 + i1)
print(f"{lang}, 5 passes: {ir / 1e6:.1f}M instructions, {bcm / 1e3:.0f}K mispredicted branches, "
      f"{(d1 + i1) / 1e3:.0f}K L1 misses, about {cycles / 1e6:.1f}M cycles")
' "$lang" "$five" "$ten"
