#!/usr/bin/env bash
# Two builds of camgate under the same load, interleaved in one run, so that their ratio holds
# on a machine shared with other work: 1 KiB GETs from an nginx upstream on loopback, through
# (off) a route with authorize: false and (on) pre-signed COS URLs verified and authorized.
# Each round runs wrk against every build and path in turn (which build goes first alternates);
# the table has each round's figures.
#   benchmarks/proxy/compare.sh BEFORE.jar AFTER.jar
# Bounded: ROUNDS x 2 builds x 2 paths x (3 s warm-up + DURATION s). Needs Debian's wrk and nginx.
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1; after=$2
DURATION=${DURATION:-10}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-1}; ROUNDS=${ROUNDS:-3}
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs: apt-get install wrk nginx-light" >&2; exit 1; }
. benchmarks/proxy/lib.sh

static_upstream
declare -A ports
for build in before after; do
  jar=$before; [[ $build == after ]] && jar=$after
  ports[$build-off]=$(port); gateway "$jar" "$work/$build-off" false "${ports[$build-off]}"
  ports[$build-on]=$(port); gateway "$jar" "$work/$build-on" true "${ports[$build-on]}"
done
await "$up"; for k in "${!ports[@]}"; do await "${ports[$k]}"; done

presign "$after" 2000
for build in before after; do
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:${ports[$build-on]}$(head -1 "$work/paths")") == 200 ]] \
    || { echo "$build: signed probe failed: $(curl -s -H "Host: $host" "http://127.0.0.1:${ports[$build-on]}$(head -1 "$work/paths")")" >&2; exit 1; }
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:${ports[$build-off]}/bench/obj-1k") == 200 ]] \
    || { echo "$build: unauthorized route failed" >&2; exit 1; }
done

run() { # label url [wrk args...] -> requests/s
  local label=$1 url=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$@" "$url" > "$work/$label.txt"
  if grep -q "Non-2xx" "$work/$label.txt"; then echo "$label: $(grep Non-2xx "$work/$label.txt")" >&2; exit 1; fi
  awk '/^Requests\/sec/ {print $2}' "$work/$label.txt"
}
echo "| round | path | before (req/s) | after (req/s) | after / before |"
echo "|---|---|---:|---:|---:|"
for r in $(seq 1 "$ROUNDS"); do
  for path in off on; do
    declare -A rps
    order="before after"; (( r % 2 == 0 )) && order="after before"  # who goes first alternates
    for build in $order; do
      if [[ $path == off ]]; then
        rps[$build]=$(run "$r-$path-$build" "http://127.0.0.1:${ports[$build-$path]}/bench/obj-1k" -H "Host: $host")
      else
        rps[$build]=$(COS_HOST=$host PATHS="$work/paths" run "$r-$path-$build" "http://127.0.0.1:${ports[$build-$path]}" \
          -s benchmarks/proxy/cycle.lua)
      fi
    done
    echo "| $r | $path | ${rps[before]} | ${rps[after]} | $(python3 -c "print(f'{${rps[after]} / ${rps[before]}:.3f}')") |"
  done
done
