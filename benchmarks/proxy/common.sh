# Sourced by the proxy benchmarks that use s3proxy: scratch.sh, waiting for a listener, and the
# s3proxy upstream. Needs $jar and $s3jar.
[[ -f $jar && -f $s3jar ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
. benchmarks/proxy/scratch.sh
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
