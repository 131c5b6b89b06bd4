#!/usr/bin/env bash
# The gateway, not the store: 1 KiB GETs from a static nginx upstream (one worker, on loopback)
# through (a) nginx proxy_pass (2 workers, keep-alive pool of 64), (b) camgate verifying 2000
# pre-signed COS URLs and authorizing, and (c) camgate with authorize: false, interleaved round by
# round after a warm-up (which path goes first rotates), (d) the floor of any Netty proxy here:
# benchmarks/proxy/BareProxy.java, the same HTTP codecs with nothing of camgate's work between them,
# and (e) the floor of Netty itself: the same relay without codecs, moving the bytes unread. Per run:
# requests/s, p50, p99, the CPU per request of the proxy's processes (utime + stime from
# /proc/PID/stat over the measured window, and utime alone: user space; nginx: master and every
# worker), and the Java proxies' heap allocation per request (JFR's
# jdk.ThreadAllocationStatistics, every thread's allocated bytes at the start and the end of the
# window, summed). Then time to peak: a fresh gateway (full authorization) is started and loaded in
# 1 s wrk slices from its start; the first slice within 10 % of (b)'s median is the time to peak.
#   mvn -B -q package -DskipTests && benchmarks/proxy/fast.sh
#   JAR=other.jar GW_OPTS="-XX:+UseParallelGC" PEAK_JAVA="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java" benchmarks/proxy/fast.sh
# PEAK_JAVA lists the java binaries whose time to peak is measured (the default java unless given);
# with AOT=1 each of them that is JDK 25 or later also trains an ahead-of-time cache
# (scripts/aot-cache.sh, TRAIN_SECONDS of this load) and is measured again with it.
# Bounded: 5 x WARMUP s + ROUNDS x 5 x DURATION s + PEAK_SECONDS per time-to-peak series.
# Prints a Markdown section for benchmarks/RESULTS.md. Needs Debian's wrk and nginx.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10}; CONNECTIONS=${CONNECTIONS:-64}; ROUNDS=${ROUNDS:-4}; WARMUP=${WARMUP:-20}
PEAK_SECONDS=${PEAK_SECONDS:-30}; PEAK_JAVA=${PEAK_JAVA:-java}; AOT=${AOT:-0}; TRAIN_SECONDS=${TRAIN_SECONDS:-20}
jar=${JAR:-target/camgate.jar}
read -r -a gw_opts <<< "${GW_OPTS:-}"
[[ -f $jar ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs: apt-get install wrk nginx-light" >&2; exit 1; }
. benchmarks/proxy/lib.sh
static_upstream
a=$(port); b=$(port); c=$(port)
mkdir -p "$work/proxy"
{ nginx_head 2 | sed "s#$work/nginx#$work/proxy#g"; cat <<N; } > "$work/proxy/nginx.conf"
  keepalive_requests 1000000;
  upstream static { server 127.0.0.1:$up; keepalive 64; }
  server {
    listen 127.0.0.1:$a;
    location / { proxy_pass http://static; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
N
nginx -c "$work/proxy/nginx.conf" -p "$work/proxy" & nginx_pid=$!; pids+=($nginx_pid)
gateway "$jar" "$work/on" true "$b" "${gw_opts[@]}"; on_pid=$gw_pid
gateway "$jar" "$work/off" false "$c" "${gw_opts[@]}"; off_pid=$gw_pid
d=$(port)
${GW_JAVA:-java} -Xmx256m "${gw_opts[@]}" -cp "$jar" benchmarks/proxy/BareProxy.java "$d" "$up" "/$bucket" > "$work/bare.log" 2>&1 &
bare_pid=$!; pids+=($bare_pid)
e=$(port)
${GW_JAVA:-java} -Xmx256m "${gw_opts[@]}" -cp "$jar" benchmarks/proxy/BareProxy.java "$e" "$up" "/$bucket" bytes > "$work/bytes.log" 2>&1 &
bytes_pid=$!; pids+=($bytes_pid)
await "$up"; await "$a"; await "$b"; await "$c"; await "$d"; await "$e"
presign "$jar" 2000
probe=$(head -1 "$work/paths")
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$b$probe") == 200 ]] || { echo "signed probe failed" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$b/bench/obj-1k") == 403 ]] || { echo "unsigned probe not denied" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$c/bench/obj-1k") == 200 ]] || { echo "unauthorized route failed" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$a/$bucket/bench/obj-1k") == 200 ]] || { echo "nginx probe failed" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$d/bench/obj-1k") == 200 ]] || { echo "bare proxy probe failed" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$e/$bucket/bench/obj-1k") == 200 ]] || { echo "byte relay probe failed" >&2; exit 1; }

tick=$(getconf CLK_TCK)
# ticks FIELDS PID...: CPU ticks of the processes so far; FIELDS '$14' is user space, '$14 + $15' both.
ticks() { local f=$1 t=0 p; shift; for p in "$@"; do t=$((t + $(awk "{print $f}" "/proc/$p/stat"))); done; echo $t; }
nginx_pids() { echo "$nginx_pid" $(pgrep -P "$nginx_pid"); }
# wrk_path PATH SECONDS [--latency]: wrk against path a, b, c, d or e, its output on stdout.
wrk_path() {
  local path=$1 secs=$2; shift 2
  case $path in
    a) wrk -t1 -c"$CONNECTIONS" -d"${secs}s" "$@" "http://127.0.0.1:$a/$bucket/bench/obj-1k" ;;
    b) COS_HOST=$host PATHS="$work/paths" wrk -t1 -c"$CONNECTIONS" -d"${secs}s" "$@" -s benchmarks/proxy/cycle.lua "http://127.0.0.1:$b" ;;
    c) wrk -t1 -c"$CONNECTIONS" -d"${secs}s" "$@" -H "Host: $host" "http://127.0.0.1:$c/bench/obj-1k" ;;
    d) wrk -t1 -c"$CONNECTIONS" -d"${secs}s" "$@" "http://127.0.0.1:$d/bench/obj-1k" ;;
    e) wrk -t1 -c"$CONNECTIONS" -d"${secs}s" "$@" "http://127.0.0.1:$e/$bucket/bench/obj-1k" ;;
  esac
}
# allocated PID: bytes every Java thread of PID has allocated so far, summed (JFR's
# jdk.ThreadAllocationStatistics is emitted for every thread when a recording starts and stops).
alloc_start() { jcmd "$1" JFR.start name=alloc settings=none +jdk.ThreadAllocationStatistics#enabled=true > /dev/null; }
alloc_stop() { # PID -> bytes allocated between alloc_start and now
  jcmd "$1" JFR.stop name=alloc filename="$work/alloc.jfr" > /dev/null
  jfr print --json --events jdk.ThreadAllocationStatistics "$work/alloc.jfr" | python3 -c '
import json, sys
first, last = {}, {}
for e in json.load(sys.stdin)["recording"]["events"]:
    t, v = e["values"]["thread"]["javaThreadId"], e["values"]["allocated"]
    first.setdefault(t, v); last[t] = v
print(sum(last[t] - first[t] for t in last))'
  rm -f "$work/alloc.jfr"
}
# measure PATH ROUND: one measured run; prints "round path rps p50 p99 cpu-us/req alloc-B/req load user-cpu-us/req".
measure() {
  local path=$1 r=$2 pidlist t0 t1 u0 u1 bytes=- out="$work/$2-$1.txt" n
  case $path in a) pidlist=$(nginx_pids) ;; b) pidlist=$on_pid ;; c) pidlist=$off_pid ;; d) pidlist=$bare_pid ;; e) pidlist=$bytes_pid ;; esac
  [[ $path != a ]] && alloc_start "$pidlist"
  t0=$(ticks '$14 + $15' $pidlist); u0=$(ticks '$14' $pidlist)
  wrk_path "$path" "$DURATION" --latency > "$out"
  t1=$(ticks '$14 + $15' $pidlist); u1=$(ticks '$14' $pidlist)
  [[ $path != a ]] && bytes=$(alloc_stop "$pidlist")
  if grep -q -E "Non-2xx|Socket errors" "$out"; then echo "$path: $(grep -h -E 'Non-2xx|Socket errors' "$out")" >&2; exit 1; fi
  n=$(awk '/requests in/ {print $1}' "$out")
  echo "$r $path $(awk '/^Requests\/sec/ {print $2}' "$out") $(awk '$1 == "50%" {print $2}' "$out") $(awk '$1 == "99%" {print $2}' "$out")" \
    "$(python3 -c "print(f'{($t1 - $t0) * 1e6 / $tick / $n:.1f}')")" \
    "$([[ $bytes == - ]] && echo - || python3 -c "print(f'{$bytes / $n:.0f}')")" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(python3 -c "print(f'{($u1 - $u0) * 1e6 / $tick / $n:.1f}')")"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The first JFR recording of a JVM loads JFR and has the JIT compile it (seconds of C2 time on two
# cores): so the warm-up runs under a recording too, and none of that falls in a measured window.
(( ROUNDS == 0 )) || for p in "$on_pid" "$off_pid" "$bare_pid" "$bytes_pid"; do alloc_start "$p"; done
(( ROUNDS == 0 )) || for path in a b c d e; do wrk_path "$path" "$WARMUP" > /dev/null; done
(( ROUNDS == 0 )) || for p in "$on_pid" "$off_pid" "$bare_pid" "$bytes_pid"; do alloc_stop "$p" > /dev/null; done
rows=()
for r in $(seq 1 "$ROUNDS"); do
  order=(a b c d e); order=("${order[@]:$(( (r - 1) % 5 ))}" "${order[@]:0:$(( (r - 1) % 5 ))}")
  for path in "${order[@]}"; do rows+=("$(measure "$path" "$r")"); done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Medians of every column per path; the ratios are medians of the per-round ratios.
printf '%s\n' "${rows[@]}" > "$work/rows"
# ROUNDS=0 measures only the time to peak, against PEAK requests/s.
(( ROUNDS == 0 )) && summary="PEAK ${PEAK:?ROUNDS=0 needs PEAK}" || summary=$(python3 - "$work/rows" <<'PY'
import sys, statistics as st
def us(v):
    for unit, f in (("us", 1), ("ms", 1e3), ("s", 1e6)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * f
rows = [l.split() for l in open(sys.argv[1])]
names = {"a": "(a) nginx proxy_pass, 2 workers", "b": "(b) camgate, full authorization", "c": "(c) camgate, authorize: false",
         "d": "(d) bare Netty proxy (BareProxy.java)", "e": "(e) Netty relaying bytes (BareProxy.java bytes)"}
m = {}
print("| path | requests/s | p50 | p99 | CPU µs per request | of which user space | allocated B per request |")
print("|---|---:|---:|---:|---:|---:|---:|")
for p in "abcde":
    rs = [r for r in rows if r[1] == p]
    x = m[p] = dict(rps=st.median(float(r[2]) for r in rs), p50=st.median(us(r[3]) for r in rs),
                    p99=st.median(us(r[4]) for r in rs), cpu=st.median(float(r[5]) for r in rs),
                    user=st.median(float(r[8]) for r in rs))
    alloc = "-" if rs[0][6] == "-" else "%.0f" % st.median(float(r[6]) for r in rs)
    print("| %s | %.0f | %.2f ms | %.2f ms | %.1f | %.1f | %s |"
          % (names[p], x["rps"], x["p50"] / 1e3, x["p99"] / 1e3, x["cpu"], x["user"], alloc))
def ratios(p, q):
    return [float(x[2]) / float(y[2]) for x in rows for y in rows if x[0] == y[0] and x[1] == p and y[1] == q]
ra, rc, rd, da, ea = ratios("b", "a"), ratios("b", "c"), ratios("b", "d"), ratios("d", "a"), ratios("e", "a")
print()
print("Ratios (medians of the per-round ratios): (b)/(a) = **%.2f** (per round: %s), (b)/(c) = **%.2f** (per round: %s)."
      % (st.median(ra), ", ".join("%.2f" % v for v in ra), st.median(rc), ", ".join("%.2f" % v for v in rc)))
print("The floor: (d)/(a) = **%.2f** (per round: %s); (b)/(d) = **%.2f** (per round: %s); (e)/(a) = **%.2f** (per round: %s)."
      % (st.median(da), ", ".join("%.2f" % v for v in da), st.median(rd), ", ".join("%.2f" % v for v in rd),
         st.median(ea), ", ".join("%.2f" % v for v in ea)))
print("p99 of (b) minus p99 of (a): %+.2f ms; CPU per request (b)/(a): %.2f, (d)/(a): %.2f, (e)/(a): %.2f."
      % ((m["b"]["p99"] - m["a"]["p99"]) / 1e3, m["b"]["cpu"] / m["a"]["cpu"], m["d"]["cpu"] / m["a"]["cpu"],
         m["e"]["cpu"] / m["a"]["cpu"]))
print("PEAK %.0f" % m["b"]["rps"])
PY
)
peak=$(awk '/^PEAK/ {print $2}' <<< "$summary")

# peak_series LABEL JAVA [java options...]: a fresh gateway with full authorization, loaded in 1 s
# slices from its start; prints "LABEL seconds-to-peak slice-list".
peak_series() {
  local label=$1 java=$2 p t0 now slices=() rps hit=-; shift 2
  p=$(port)
  t0=$EPOCHREALTIME
  GW_JAVA=$java gateway "$jar" "$work/peak" true "$p" "${gw_opts[@]}" "$@"
  until curl -s -o /dev/null "http://127.0.0.1:$p/"; do sleep 0.05; done
  while now=$(since "$t0"); awk "BEGIN {exit !($now < $PEAK_SECONDS)}"; do
    rps=$(wrk_path_to "$p" 1 | awk '/^Requests\/sec/ {printf "%.0f", $2}')
    now=$(since "$t0")
    slices+=("${now}s:$rps")
    [[ $hit == - ]] && awk "BEGIN {exit !($rps >= 0.9 * $peak)}" && hit=$now
  done
  kill "$gw_pid"; wait "$gw_pid" 2> /dev/null || true
  echo "$label: $hit s after start (1 s slices, seconds from start:requests/s: ${slices[*]})"
}
since() { awk "BEGIN {printf \"%.1f\", $EPOCHREALTIME - $1}"; }
wrk_path_to() { COS_HOST=$host PATHS="$work/paths" wrk -t1 -c"$CONNECTIONS" -d"${2}s" -s benchmarks/proxy/cycle.lua "http://127.0.0.1:$1"; }
peaks=()
for java in $PEAK_JAVA; do
  version=$("$java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')
  peaks+=("$(peak_series "java $version" "$java")")
  if [[ $AOT == 1 && ${version%%.*} -ge 25 ]]; then
    p=$(port); gateway_config "$work/train" true "$p"
    JAVA=$java TRAIN_OPTS="-Xmx256m ${GW_OPTS:-}" scripts/aot-cache.sh "$jar" "$work/train" "$work/camgate.aot" "http://127.0.0.1:$p/" \
      env COS_HOST="$host" PATHS="$work/paths" wrk -t1 -c"$CONNECTIONS" -d"${TRAIN_SECONDS}s" -s benchmarks/proxy/cycle.lua \
      "http://127.0.0.1:$p" > "$work/aot.log" 2>&1 || { cat "$work/aot.log" >&2; exit 1; }
    peaks+=("$(peak_series "java $version, AOT cache" "$java" -XX:AOTCache="$work/camgate.aot")")
  fi
done

cat <<R
### Proxy: 1 KiB GETs from a static upstream, the gateway measured ($(date -u '+%Y-%m-%d %H:%M UTC'), load ${load_before} before, ${load_after} after)

Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1), nginx $(nginx -v 2>&1 | cut -d/ -f2).
Command: \`DURATION=$DURATION CONNECTIONS=$CONNECTIONS ROUNDS=$ROUNDS WARMUP=$WARMUP GW_OPTS="${GW_OPTS:-}" benchmarks/proxy/fast.sh\`
(jar: \`$jar\`; upstream: nginx, one worker, serving the file; each path warmed for ${WARMUP} s, then wrk -t1 -c$CONNECTIONS
-d${DURATION}s --latency per path and round, the order rotating; camgate \`serve\` -Xmx256m, JSON access log to a file).
CPU per request: utime + stime of the proxy's processes over the window / requests (user space: utime alone). Allocation:
JFR jdk.ThreadAllocationStatistics summed over camgate's threads over the window / requests. Medians over the rounds:

$(grep -v '^PEAK' <<< "$summary")

Each run (round, path, requests/s, p50, p99, CPU µs/request, allocated B/request, 1-minute load, user-space CPU µs/request):
$(printf '    %s\n' "${rows[@]}")

Time to peak (first 1 s slice from process start at ≥ 90 % of (b)'s median, $peak requests/s):
$(printf -- '- %s\n' "${peaks[@]}")
R
