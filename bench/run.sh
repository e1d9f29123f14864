#!/usr/bin/env bash
# Rebound import benchmark: one command, from a fresh clone with
# ../shared/testdata beside the repository. See bench/README.md.
#
#   bench/run.sh
#
# Builds the corpora (once; kept in bench/out/corpus), then measures, each
# in its own process so that its peak RSS is its own:
#   - on one core (taskset -c 0, GOMAXPROCS=1): read + SHA-256, the bare
#     muktihari/fit streaming decode, Rebound's decode/fit alone, the full
#     import into a fresh SQLite database, Garmin's @garmin/fitsdk under
#     node, and encoding/xml vs Rebound's GPX and TCX decoders;
#   - on two cores (GOMAXPROCS=2, no taskset): the full import;
#   - the full import of the 10,000-file corpus on one and two cores (peak
#     RSS from 1,000 to 10,000 files).
# The 1,000-file measurements run REPEAT times, interleaved; the table
# keeps the fastest run of each and the highest peak RSS of any. Results go
# to bench/out/results/<time>.jsonl and the table to <time>.md (and
# latest.md).
#
# Environment: REPEAT (default 3), N (1000), N_BIG (10000; 0 skips the
# 10,000-file runs), XML_COPIES (25), TESTDATA (../shared/testdata beside
# the repository), OUT (bench/out).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
testdata=${TESTDATA:-$(dirname "$root")/shared/testdata}
repeat=${REPEAT:-3}
n=${N:-1000}
n_big=${N_BIG:-10000}
xml_copies=${XML_COPIES:-25}

if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
for tool in go node npm taskset; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 1; }
done
if [ ! -f "$testdata/manifest.tsv" ]; then
  echo "run.sh: the shared test corpus is not at $testdata (set TESTDATA)" >&2
  exit 1
fi

mkdir -p "$out/bin" "$out/corpus" "$out/results"
echo "== build" >&2
(cd "$root" && go build -o "$out/bin/mkcorpus" ./bench/cmd/mkcorpus && go build -o "$out/bin/importbench" ./bench/cmd/importbench)
ib=$out/bin/importbench

echo "== corpora (built once, in $out/corpus)" >&2
fit=$out/corpus/fit-$n
big=$out/corpus/fit-$n_big
xml=$out/corpus/xml-$xml_copies
[ -d "$fit" ] || "$out/bin/mkcorpus" -testdata "$testdata" -n "$n" -out "$fit"
if [ "$n_big" -gt 0 ]; then
  [ -d "$big" ] || "$out/bin/mkcorpus" -testdata "$testdata" -n "$n_big" -out "$big"
fi
[ -d "$xml" ] || "$out/bin/mkcorpus" -testdata "$testdata" -xml -copies "$xml_copies" -out "$xml"

if [ ! -d "$here/fitsdk/node_modules/@garmin/fitsdk" ]; then
  echo "== npm ci (bench/fitsdk)" >&2
  (cd "$here/fitsdk" && npm ci --no-audit --no-fund --loglevel=error)
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=$out/results/$stamp.jsonl
table=$out/results/$stamp.md
: >"$results"

one() { taskset -c 0 env GOMAXPROCS=1 "$@" | tee -a "$results"; }
two() { env GOMAXPROCS=2 "$@" | tee -a "$results"; }

{
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "tools: $(go version | cut -d' ' -f3-), node $(node --version)"
  echo "started: $stamp, load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$table.head" >&2

for i in $(seq "$repeat"); do
  echo "== round $i of $repeat" >&2
  one "$ib" -mode sha256 -label sha256 "$fit"
  one "$ib" -mode decode -label decode "$fit"
  one "$ib" -mode fit -label fit "$fit"
  one "$ib" -mode import -label import-1 "$fit"
  two "$ib" -mode import -label import-2 "$fit"
  one node "$here/fitsdk/decode.mjs" --label fitsdk "$fit"
  for f in gpx tcx; do
    one "$ib" -mode xml -label "$f-xml" "$xml/$f"
    one "$ib" -mode rebound-xml -label "$f-rebound-xml" "$xml/$f"
  done
done
if [ "$n_big" -gt 0 ]; then
  echo "== $n_big files" >&2
  one "$ib" -mode import -label import-1-10k "$big"
  two "$ib" -mode import -label import-2-10k "$big"
fi

{
  cat "$table.head"
  echo "finished: $(date -u +%Y%m%dT%H%M%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "$ib" report "$results"
} >"$table"
rm -f "$table.head"
cp "$table" "$out/results/latest.md"
echo >&2
cat "$table"
echo >&2
echo "results: $results, table: $table" >&2
