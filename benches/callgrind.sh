#!/usr/bin/env bash
# Instructions executed inside `Classifier::run` for one language's articles
# (data/samples and tests/gold), counted by valgrind's callgrind: repeatable
# where wall-clock times on a shared machine are not.
#
#   benches/callgrind.sh ko|zh|id|de|en|firehose
#
# Runs the `classify` example on the corpus 5 times and 10 times over (JSON
# Lines on stdin) and prints the difference: the work of 5 passes, without
# construction or the one-time compilation of lazy patterns.
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
count() {
  corpus "$1" > "$tmp/in.jsonl"
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --toggle-collect='outage_news::classifier::Classifier::run' \
    --callgrind-out-file="$tmp/cg.out" ./target/release/examples/classify - < "$tmp/in.jsonl" 2>&1 >/dev/null \
    | grep -o 'Collected : [0-9]*' | grep -o '[0-9]*'
}
five=$(count 5)
ten=$(count 10)
echo "$lang: $(( (ten - five) / 100000 ))e5 instructions for 5 passes"
