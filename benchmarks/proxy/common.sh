# Sourced by the proxy benchmarks: a scratch directory and the child processes, both cleaned
# up on exit, free loopback ports, waiting for a listener, and the s3proxy upstream. Needs $jar and $s3jar.
[[ -f $jar && -f $s3jar ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d /tmp/camgate-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await() { for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.5; done; echo "nothing on port $1" >&2; exit 1; }
bucket=examplebucket-1250000001
host=$bucket.cos.ap-shanghai.myqcloud.com
# An unsigned s3proxy with a filesystem store in $work/s3 on port $s3, pid $s3pid (not awaited).
s3=$(port)
mkdir -p "$work/s3"
cat > "$work/s3.properties" <<P
s3proxy.authorization=none
s3proxy.endpoint=http://127.0.0.1:$s3
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
P
java -Xmx512m -jar "$s3jar" --properties "$work/s3.properties" > "$work/s3.log" 2>&1 & s3pid=$!; pids+=($s3pid)
