#!/usr/bin/env bash
# Measures a Guichet distribution: time from launch to GET /api/v1/health = 200, resident memory (RSS) and
# heap in use after a full GC, once idle. Each run unpacks the archive afresh (empty database).
# Usage: docs/scripts/measure-start.sh [archive.tar.gz] [runs]
set -euo pipefail
archive=${1:-karaf-assembly/target/guichet-karaf-1.0.0-SNAPSHOT.tar.gz}
runs=${2:-3}
port=${GUICHET_HTTP_PORT:-18581}
ssh=${GUICHET_SSH_PORT:-18501}
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  tar xzf "$archive" -C "$dir" --strip-components=1
  start=$(date +%s%N)
  GUICHET_HTTP_PORT=$port GUICHET_SSH_PORT=$ssh "$dir/bin/karaf" server > "$dir/console.log" 2>&1 &
  launcher=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health")" = 200 ]; do
    sleep 0.1
    if (( ($(date +%s%N) - start) / 1000000000 > 300 )); then echo "no health after 300 s" >&2; break; fi
  done
  up_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 20
  pid=$(pgrep -f "karaf.home=$dir" | head -1)
  rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
  jcmd "$pid" GC.run > /dev/null
  heap=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  echo "run $i: health UP after ${up_ms} ms; idle RSS $((rss_kb / 1024)) MB; heap used after GC ${heap}"
  kill "$pid"; wait "$launcher" 2>/dev/null || true
  rm -rf "$dir"
done
