#!/usr/bin/env bash
# Store propagation (issue 19): a real etcd, three replicas, N policy changes (default 200, at
# most 2,000, two minutes at most). Needs Debian's etcd-server (/usr/bin/etcd).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/store-bench.cp
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/store-bench.cp)" \
  io.camgate.store.PropagationMain "${1:-200}"
