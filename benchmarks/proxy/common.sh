# Sourced by the proxy benchmarks that need the s3proxy upstream: lib.sh, then s3proxy. The jar
# under test is $JAR (default target/camgate.jar); BIG_MIB (default 1024) sizes the large object.
jar=${JAR:-target/camgate.jar}
s3jar=target/s3proxy/s3proxy.jar
BIG_MIB=${BIG_MIB:-1024}
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

# camgate ($jar, GW_OPTS) on port $gw (pid $gwpid) authorizing the example configuration in front
# of this s3proxy, both awaited; the bucket created there; a random $work/big of BIG_MIB MiB and
# its SHA-256 in $sum.
gateway_over_s3proxy() {
  gw=$(port); admin=$(port)
  cp -r config "$work/gw"
  cat > "$work/gw/camgate.yaml" <<Y
listen: {address: 127.0.0.1, port: $gw}
admin: {address: 127.0.0.1, port: $admin}
routes:
  - {name: s3proxy, buckets: [$bucket], upstream: "http://127.0.0.1:$s3", auth: none, authorize: true}
Y
  java -Xmx256m ${GW_OPTS:-} -jar "$jar" serve --config "$work/gw" > "$work/gw.log" 2>&1 & gwpid=$!; pids+=($gwpid)
  await "$s3"; await "$gw"
  curl -sf -X PUT "http://127.0.0.1:$s3/$bucket" > /dev/null
  head -c $((BIG_MIB * 1024 * 1024)) /dev/urandom > "$work/big"
  sum=$(sha256sum < "$work/big" | cut -d' ' -f1)
}
