# Sourced by the proxy benchmarks: a scratch directory and the child processes, both cleaned
# up on exit, free loopback ports, waiting for a listener, the example bucket, and the start of
# an nginx configuration kept in $work/nginx.
work=$(mktemp -d /tmp/camgate-bench.XXXXXX)
mkdir -p "$work/nginx"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await() { for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.5; done; echo "nothing on port $1" >&2; exit 1; }
bucket=examplebucket-1250000001
host=$bucket.cos.ap-shanghai.myqcloud.com
# nginx_head WORKERS: an nginx.conf up to the inside of its http block (no access log, temp files in $work/nginx).
nginx_head() {
  cat <<N
worker_processes $1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
N
}
# static_upstream: nginx (one worker) serving a 1 KiB object as /$bucket/bench/obj-1k on port $up
# (pid $up_pid), the fast upstream that lets the small-object figures measure the proxies.
static_upstream() {
  up=$(port)
  mkdir -p "$work/www/$bucket/bench" "$work/nginx"
  head -c 1024 /dev/urandom > "$work/www/$bucket/bench/obj-1k"
  chmod -R a+rX "$work"  # nginx workers run as another user
  { nginx_head 1; cat <<N; } > "$work/nginx/nginx.conf"
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$up; root $work/www; }
}
N
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & up_pid=$!; pids+=($up_pid)
}
# gateway_config DIR AUTHORIZE PORT: the example configuration in DIR with one route to the static upstream.
gateway_config() {
  local dir=$1 authorize=$2 p=$3 admin; admin=$(port)
  rm -rf "$dir"; cp -r config "$dir"
  cat > "$dir/camgate.yaml" <<Y
listen: {address: 127.0.0.1, port: $p}
admin: {address: 127.0.0.1, port: $admin}
routes:
  - {name: nginx, buckets: [$bucket], upstream: "http://127.0.0.1:$up", auth: none, authorize: $authorize, maxConnections: 64}
Y
}
# gateway JAR DIR AUTHORIZE PORT [java options...]: camgate serve on that configuration (java: $GW_JAVA
# or java), pid $gw_pid (not in a subshell: the pid must reach the cleanup).
gateway() {
  local jar=$1 dir=$2; gateway_config "$2" "$3" "$4"; shift 4
  ${GW_JAVA:-java} -Xmx256m "$@" -jar "$jar" serve --config "$dir" > "$dir.log" 2>&1 & gw_pid=$!; pids+=($gw_pid)
}
# presign JAR N: N pre-signed request-targets for Bob's GET of the 1 KiB object, in $work/paths.
presign() {
  java -cp "$1" benchmarks/proxy/Presign.java "$host" bench/obj-1k AKIDexampleBOB00000000000000000012 \
    demoBobSecretKey000000000000012 "$2" > "$work/paths"
}
