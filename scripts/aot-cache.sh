#!/usr/bin/env bash
# Trains an ahead-of-time cache for camgate on JDK 25 or later (JEPs 483, 514 and 515: classes
# loaded and linked, and method profiles, from a training run), so that a gateway started with it
# reaches its full rate sooner. Optional: camgate runs the same without it, and on JDK 17 the
# flag does not exist.
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java scripts/aot-cache.sh target/camgate.jar CONFIG_DIR camgate.aot \
#     READY_URL TRAINING_COMMAND...
# Starts `camgate serve --config CONFIG_DIR` recording into the cache, waits until READY_URL
# answers, runs TRAINING_COMMAND (traffic like production's: the cache keeps the profiles of the
# code it ran), then stops the gateway with SIGTERM; the JVM writes the cache as it exits. Then:
#   java -XX:AOTCache=camgate.aot -jar target/camgate.jar serve --config CONFIG_DIR
# The cache fits only the JVM build and the jar it was trained with: train it again after either changes.
set -euo pipefail
(( $# >= 5 )) || { sed -n '2,13p' "$0" >&2; exit 2; }
jar=$1 config=$2 out=$3 ready=$4; shift 4
java=${JAVA:-java}
version=$("$java" -version 2>&1 | head -1 | sed 's/.*version "\([0-9]*\).*/\1/')
(( version >= 25 )) || { echo "aot-cache: $java is Java $version; the AOT cache needs 25 or later" >&2; exit 1; }
log=$out.training.log
"$java" -XX:AOTCacheOutput="$out" ${TRAIN_OPTS:-} -jar "$jar" serve --config "$config" > "$log" 2>&1 & pid=$!
trap 'kill "$pid" 2> /dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -s -o /dev/null "$ready" && break
  kill -0 "$pid" 2> /dev/null || { echo "aot-cache: the gateway exited; see $log" >&2; exit 1; }
  sleep 0.25
done
"$@"
kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
[[ -s $out ]] || { echo "aot-cache: no cache written; see $log" >&2; exit 1; }
echo "aot-cache: wrote $out ($(du -h "$out" | cut -f1))"
