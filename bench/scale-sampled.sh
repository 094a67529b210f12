#!/bin/bash
# A large-ledger run of bench/scale.ts with the disk in use and the process's memory sampled every 30 s
# (docs/scaling.md). Usage: bench/scale-sampled.sh LEDGER_DIR DB_FILE OUT_PREFIX
#   e.g. bench/scale-sampled.sh /work/big/ledger-50000000 /work/big/bench-50m.duckdb /work/big/scale50m
# Writes OUT_PREFIX.json (the bench's figures), .err (its log and /usr/bin/time -v) and .samples
# (time, MB of disk in use, MB of the database and its spill files, RSS in kB of the largest node process).
set -u
dir=$1 db=$2 out=$3
cd "$(dirname "$0")/.."
(
  while true; do
    echo "$(date -u +%H:%M:%S) $(df -B1M --output=used / | tail -1) $(du -sm "$db"* 2>/dev/null | awk '{s += $1} END {print s}') $(ps -o rss= -C node | sort -n | tail -1)"
    sleep 30
  done
) > "$out.samples" 2>&1 &
sampler=$!
/usr/bin/time -v npx tsx bench/scale.ts --dir "$dir" --db "$db" --reps 1 --ingest-reps 1 --naive-points 1 > "$out.json" 2> "$out.err"
echo "exit $?" >> "$out.err"
kill $sampler
