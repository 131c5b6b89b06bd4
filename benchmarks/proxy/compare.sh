#!/usr/bin/env bash
# Two builds of camgate under the same load, interleaved in one run, so that their ratio holds
# on a machine shared with other work: 1 KiB GETs from an nginx upstream on loopback, through
# (off) a route with authorize: false and (on) pre-signed COS URLs verified and authorized.
# Each round runs wrk against every build and path in turn (which build goes first alternates);
# the table has each round's figures, with each gateway's CPU time per request (utime + stime from
# /proc/PID/stat over the measured run). The same jar twice with BEFORE_OPTS and AFTER_OPTS
# (java options) compares settings instead of builds; MEASURE="on" measures one path only.
#   benchmarks/proxy/compare.sh BEFORE.jar AFTER.jar
#   BEFORE_OPTS="" AFTER_OPTS="-Dio.netty.eventLoopThreads=2" benchmarks/proxy/compare.sh target/camgate.jar target/camgate.jar
# Bounded: 4 x WARMUP s + ROUNDS x 2 builds x 2 paths x (3 s warm-up + DURATION s). Needs Debian's wrk and nginx.
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1; after=$2
DURATION=${DURATION:-10}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-1}; ROUNDS=${ROUNDS:-3}; WARMUP=${WARMUP:-0}
MEASURED=${MEASURE:-off on}
read -r -a before_opts <<< "${BEFORE_OPTS:-}"; read -r -a after_opts <<< "${AFTER_OPTS:-}"
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs: apt-get install wrk nginx-light" >&2; exit 1; }
. benchmarks/proxy/lib.sh

static_upstream
declare -A ports gw_pids
for build in before after; do
  jar=$before; opts=("${before_opts[@]}")
  [[ $build == after ]] && { jar=$after; opts=("${after_opts[@]}"); }
  ports[$build-off]=$(port); gateway "$jar" "$work/$build-off" false "${ports[$build-off]}" "${opts[@]}"; gw_pids[$build-off]=$gw_pid
  ports[$build-on]=$(port); gateway "$jar" "$work/$build-on" true "${ports[$build-on]}" "${opts[@]}"; gw_pids[$build-on]=$gw_pid
done
await "$up"; for k in "${!ports[@]}"; do await "${ports[$k]}"; done

presign "$after" 2000
for build in before after; do
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:${ports[$build-on]}$(head -1 "$work/paths")") == 200 ]] \
    || { echo "$build: signed probe failed: $(curl -s -H "Host: $host" "http://127.0.0.1:${ports[$build-on]}$(head -1 "$work/paths")")" >&2; exit 1; }
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:${ports[$build-off]}/bench/obj-1k") == 200 ]] \
    || { echo "$build: unauthorized route failed" >&2; exit 1; }
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
run() { # label pid url [wrk args...] -> "requests/s CPU-us-per-request"
  local label=$1 pid=$2 url=$3 t0 t1; shift 3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" > /dev/null
  t0=$(ticks "$pid")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$@" "$url" > "$work/$label.txt"
  t1=$(ticks "$pid")
  if grep -q "Non-2xx" "$work/$label.txt"; then echo "$label: $(grep Non-2xx "$work/$label.txt")" >&2; exit 1; fi
  echo "$(awk '/^Requests\/sec/ {print $2}' "$work/$label.txt")" \
    "$(awk -v t="$((t1 - t0))" -v hz="$tick" '/requests in/ {printf "%.1f", t * 1e6 / hz / $1}' "$work/$label.txt")"
}
# WARMUP s of load on each gateway first, so that the rounds find the JIT done
if (( WARMUP > 0 )); then
  for k in "${!ports[@]}"; do
    if [[ $k == *-on ]]; then COS_HOST=$host PATHS="$work/paths" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s benchmarks/proxy/cycle.lua "http://127.0.0.1:${ports[$k]}"
    else wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -H "Host: $host" "http://127.0.0.1:${ports[$k]}/bench/obj-1k"; fi > /dev/null
  done
fi
echo "load $(cut -d' ' -f1-3 /proc/loadavg) before; ${BEFORE_OPTS:+before: $BEFORE_OPTS; }${AFTER_OPTS:+after: $AFTER_OPTS}"
echo
echo "| round | path | before (req/s) | after (req/s) | after / before | before CPU µs/req | after CPU µs/req |"
echo "|---|---|---:|---:|---:|---:|---:|"
for r in $(seq 1 "$ROUNDS"); do
  for path in $MEASURED; do
    declare -A rps cpu
    order="before after"; (( r % 2 == 0 )) && order="after before"  # who goes first alternates
    for build in $order; do
      if [[ $path == off ]]; then
        read -r rps[$build] cpu[$build] <<< "$(run "$r-$path-$build" "${gw_pids[$build-$path]}" \
          "http://127.0.0.1:${ports[$build-$path]}/bench/obj-1k" -H "Host: $host")"
      else
        read -r rps[$build] cpu[$build] <<< "$(COS_HOST=$host PATHS="$work/paths" run "$r-$path-$build" \
          "${gw_pids[$build-$path]}" "http://127.0.0.1:${ports[$build-$path]}" -s benchmarks/proxy/cycle.lua)"
      fi
    done
    echo "| $r | $path | ${rps[before]} | ${rps[after]} | $(python3 -c "print(f'{${rps[after]} / ${rps[before]}:.3f}')") | ${cpu[before]} | ${cpu[after]} |"
  done
done
echo
echo "load $(cut -d' ' -f1-3 /proc/loadavg) after"
