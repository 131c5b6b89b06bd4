#!/usr/bin/env bash
# Profiles camgate under fast.sh's load (1 KiB GETs from a static nginx upstream, wrk -t1 -c64):
# after WARMUP s, async-profiler is attached for SECONDS s in each mode of MODES (cpu, alloc, wall,
# lock) and prints the hottest frames and call paths of each into OUT (collapsed stacks too, for
# flame graphs). PATHS_KIND=b (pre-signed COS URLs, full authorization; the default) or c
# (authorize: false). async-profiler's native library comes from its Maven Central jar:
#   mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1
#   OUT=/tmp/profile benchmarks/proxy/profile.sh
# Bounded: WARMUP + MODES x SECONDS seconds of load.
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-30}; SECONDS_EACH=${SECONDS_EACH:-20}; MODES=${MODES:-cpu alloc}; PATHS_KIND=${PATHS_KIND:-b}
CONNECTIONS=${CONNECTIONS:-64}; OUT=${OUT:-/tmp/camgate-profile}
jar=${JAR:-target/camgate.jar}
read -r -a gw_opts <<< "${GW_OPTS:-}"
ap_jar=${AP_JAR:-$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar}
[[ -f $jar && -f $ap_jar ]] || { echo "needs $jar and $ap_jar" >&2; exit 1; }
. benchmarks/proxy/lib.sh
mkdir -p "$OUT"
unzip -q -o "$ap_jar" linux-x64/libasyncProfiler.so -d "$work"
lib=$work/linux-x64/libasyncProfiler.so
static_upstream
gw=$(port)
authorize=true; [[ $PATHS_KIND == c ]] && authorize=false
gateway "$jar" "$work/gw" "$authorize" "$gw" "${gw_opts[@]}"
await "$up"; await "$gw"
presign "$jar" 2000
load() { # seconds
  if [[ $PATHS_KIND == c ]]; then
    wrk -t1 -c"$CONNECTIONS" -d"$1s" -H "Host: $host" "http://127.0.0.1:$gw/bench/obj-1k"
  else
    COS_HOST=$host PATHS="$work/paths" wrk -t1 -c"$CONNECTIONS" -d"$1s" -s benchmarks/proxy/cycle.lua "http://127.0.0.1:$gw"
  fi
}
load "$WARMUP" > /dev/null
# top COLLAPSED: the frames with the most samples of their own, and the methods most samples pass through.
top() {
  python3 - "$1" <<'PY'
import sys, collections
own, through, total = collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(" ", 1)
    frames, n = stack.split(";"), int(n)
    total += n
    own[frames[-1]] += n
    for f in set(frames):
        through[f] += n
print(f"{total} samples")
print("own:")
for f, n in own.most_common(40):
    print(f"  {100 * n / total:5.1f}%  {f}")
print("through (camgate, netty, jdk, logging):")
for f, n in through.most_common(400)[:200]:
    if any(k in f for k in ("camgate", "netty", "java/", "jackson", "logback", "slf4j")):
        print(f"  {100 * n / total:5.1f}%  {f}")
PY
}
for mode in $MODES; do
  # quoted: jcmd would read an unquoted key=value as its own argument
  jcmd "$gw_pid" JVMTI.agent_load "$lib" "\"start,event=$mode${INTERVAL:+,interval=$INTERVAL}\"" > /dev/null
  load "$SECONDS_EACH" | grep -E "Requests/sec|requests in" > "$OUT/$mode.wrk"
  jcmd "$gw_pid" JVMTI.agent_load "$lib" "\"stop,file=$OUT/$mode.collapsed,collapsed\"" > /dev/null
  top "$OUT/$mode.collapsed" > "$OUT/$mode.txt"
  echo "$mode: $(tr '\n' ' ' < "$OUT/$mode.wrk")"
done
echo "profiles in $OUT"
