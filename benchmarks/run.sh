#!/usr/bin/env bash
# Reproduces the measurements in benchmarks/RESULTS.md: builds the gateway and the JMH jar,
# then runs each benchmark bounded in time, logging `uptime` (the load) before and after.
# Usage: benchmarks/run.sh [step ...]
#   steps: decision scan-ratio casbin key common-path hot-pool floor casbin-large compile footprint median request
#          limiter shared-limit
# (no step: all of them, about 30 minutes on 2 cores). Output goes to benchmarks/results/, or to $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-benchmarks/results}
jar=benchmarks/target/benchmarks.jar
heap=(-Xmx12g -XX:+UseParallelGC)
cpu=io.camgate.bench.CpuTimeProfiler

build() {
  [ -z "${SKIP_BUILD:-}" ] || return 0
  mvn -B -q install -DskipTests
  rm -rf benchmarks/target          # no stale classes in the shaded jar
  mvn -B -q -f benchmarks/pom.xml package
}

# run NAME JMH-ARGS...: one JMH run, its text log and JSON results under $out
run() {
  local name=$1; shift
  { echo "load before: $(uptime)"; java -jar "$jar" "$@" -rf json -rff "$out/$name.json"
    echo "load after: $(uptime)"; } > "$out/$name.txt" 2>&1
  grep -E '^[A-Za-z]+Benchmark\.' "$out/$name.txt" || true
}

decision() {
  # the index, the full scan (every statement per decision) and the caller-only reference at
  # 10 .. 1,000,000 statements
  run decision 'DecisionBenchmark.decide$' -p engine=index,fullscan,callerscan -f 1 -wi 10 -w 2 -i 5 -r 2 \
    -jvmArgsAppend "${heap[*]} -Dcamgate.bench.maxScanStatements=1000000" -prof gc -prof "$cpu"
}

scan-ratio() {
  # the index and the full scan alone at the two large sizes, in one run
  run decision-scan 'DecisionBenchmark.decide$' -p engine=index,fullscan -p statements=100000,1000000 -f 1 -wi 5 -w 2 -i 5 \
    -r 2 -jvmArgsAppend "${heap[*]} -Dcamgate.bench.maxScanStatements=1000000" -prof "$cpu"
}

casbin() {
  # jCasbin up to 100,000 statements
  run decision-casbin 'DecisionBenchmark.decide$' -p engine=casbin -p statements=10,1000,100000 -f 1 -wi 5 -w 2 -i 5 -r 2 \
    -prof "$cpu"
}

key() {
  # the index alone at three sizes, every caller compiled ahead and compiled on first request:
  # the issue's 1,000,000-versus-1,000 target
  run decision-key 'DecisionBenchmark.decide$' -p engine=index,index-lazy -p statements=1000,100000,1000000 -f 1 \
    -wi 4 -w 2 -i 5 -r 2 -jvmArgsAppend "${heap[*]}" -prof "$cpu"
}

common-path() {
  # the same decisions, only requests that evaluate no condition: what the common path allocates
  run decision-unconditioned 'DecisionBenchmark.decide$' -p engine=index -p requests=unconditioned \
    -p statements=1000,100000 -f 1 -wi 10 -w 2 -i 5 -r 2 -prof gc -prof "$cpu"
}

hot-pool() {
  # 64 distinct requests instead of 4,096: requests and the index paths they take stay in the
  # CPU caches, which shows the decision's compute cost apart from its cache misses
  run decision-hot 'DecisionBenchmark.decide$' -p engine=index -p requestPool=64 -f 1 -wi 10 -w 2 -i 5 -r 2 \
    -jvmArgsAppend "${heap[*]}" -prof "$cpu"
}

floor() {
  # one caller compiled on first request at 100,000 statements, cycling 1, 64 and 4,096 requests:
  # one request repeated is the decision with everything in the CPU caches and every branch
  # predicted, the least one costs; 4,096 is the key figure's pool
  run decision-floor 'DecisionBenchmark.decide$' -p engine=index-lazy -p statements=100000 -p requestPool=1,64,4096 \
    -f 1 -wi 5 -w 1 -i 5 -r 2 -jvmArgsAppend "${heap[*]}"
}

casbin-large() {
  # one jCasbin decision at 1,000,000 statements takes most of a second: single shots
  run decision-casbin-1m 'DecisionBenchmark.decide$' -p engine=casbin -p statements=1000000 -bm ss -f 1 -wi 3 -i 10 \
    -jvmArgsAppend "${heap[*]} -Dcamgate.bench.maxScanStatements=1000000"
}

compile() {
  run compile CompileBenchmark -f 1 -wi 2 -i 5 -prof "$cpu"
}

footprint() {
  { echo "load before: $(uptime)"; java "${heap[@]}" -cp "$jar" io.camgate.bench.IndexFootprint 1000 100000 1000000
    echo "load after: $(uptime)"; } > "$out/footprint.txt" 2>&1
  cat "$out/footprint.txt"
}

median() {
  # percentiles of single decisions (each timed on its own, so the timer's own cost is included;
  # the baseline, the harness taking a request and deciding nothing, shows that cost; leastWork,
  # one caller lookup and one prefix comparison, what the same requests cost before any policy logic)
  run decision-sample 'DecisionBenchmark.(decide|baseline|leastWork)$' -p engine=index,index-lazy \
    -p statements=1000,100000,1000000 -bm sample -f 1 -wi 5 -i 5 -w 1 -r 1 -jvmArgsAppend "${heap[*]}"
}

request() {
  run request 'ClassifyBenchmark|SignatureBenchmark|GlobBenchmark' -f 2 -wi 5 -i 5 -w 1 -r 1 -prof gc -prof "$cpu"
}

limiter() {
  # the limiter on the request path, buckets in this replica and leased from a redis-server the
  # benchmark starts (Debian's redis-server must be installed)
  run limiter LimiterBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc -prof "$cpu"
}

shared-limit() {
  # admitted / budget across three replicas sharing one redis-server, skewed load, 10 s, three times
  for i in 1 2 3; do timeout 60 java -cp "$jar" io.camgate.bench.SharedLimitRun 2000 10; done \
    | grep -v 'INFO io.lettuce' | tee "$out/shared-limit-run.txt"
}

mkdir -p "$out"
build
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(decision casbin key common-path hot-pool casbin-large compile footprint median request)
for step in "${steps[@]}"; do "$step"; done
