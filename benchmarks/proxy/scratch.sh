# Sourced by the proxy benchmarks: a scratch directory ($work) and the child processes ($pids),
# both cleaned up on exit, free loopback ports, and the start of a foreground nginx's config.
work=$(mktemp -d /tmp/camgate-bench.XXXXXX)
mkdir -p "$work/nginx"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# nginx.conf up to the open http block, for `nginx -c $work/nginx/nginx.conf -p $work/nginx`; $1 workers.
nginx_conf_head() {
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
