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
