# Sourced by the proxy benchmarks that need the s3proxy upstream: lib.sh, then s3proxy. Needs $jar and $s3jar.
[[ -f $jar && -f $s3jar ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
. benchmarks/proxy/lib.sh
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
