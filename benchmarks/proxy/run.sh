#!/usr/bin/env bash
# Small-object GETs through (a) nginx proxy_pass, (b) camgate with authorization off,
# (c) camgate verifying pre-signed COS signatures and authorizing, and (d) nginx asking camgate's
# ingress listener with auth_request, all to the same s3proxy on loopback; then a 1 GiB GET direct from s3proxy and through camgate. Bounded: each wrk run
# lasts DURATION seconds after a short warm-up. Needs Debian's wrk and nginx, and a build:
#   mvn -B -q package -DskipTests && benchmarks/proxy/run.sh
# Prints a Markdown section for benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
. benchmarks/proxy/common.sh
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs: apt-get install wrk nginx-light" >&2; exit 1; }
a=$(port); b=$(port); c=$(port); d=$(port); admin_b=$(port); admin_c=$(port); ingress_c=$(port)

await "$s3"
curl -sf -X PUT "http://127.0.0.1:$s3/$bucket" > /dev/null
head -c 1024 /dev/urandom > "$work/obj-1k"
curl -sf -X PUT -H "Content-Type: application/octet-stream" --data-binary @"$work/obj-1k" "http://127.0.0.1:$s3/$bucket/bench/obj-1k" > /dev/null
head -c $((BIG_MIB * 1024 * 1024)) /dev/zero > "$work/big"; curl -sf -X PUT -T "$work/big" -H "Content-Type: application/octet-stream" \
  "http://127.0.0.1:$s3/$bucket/bench/big" > /dev/null

mkdir -p "$work/nginx"
{ nginx_head 2; cat <<N; } > "$work/nginx/nginx.conf"
  upstream s3 { server 127.0.0.1:$s3; keepalive 64; }
  server {
    listen 127.0.0.1:$a;
    location / { proxy_pass http://s3; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
  upstream camgate { server 127.0.0.1:$ingress_c; keepalive 64; }
  server {
    listen 127.0.0.1:$d;
    location / {
      auth_request /_camgate;
      proxy_pass http://s3/$bucket/; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off;
    }
    location = /_camgate {
      internal;
      proxy_pass http://camgate/v1/auth-request; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-Content-Length \$http_content_length;
      proxy_set_header X-Original-Method \$request_method;
      proxy_set_header X-Original-URI \$request_uri;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_set_header Host \$http_host;
    }
  }
}
N
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & pids+=($!)

gateway_config() { # dir port authorize admin-port ingress-line
  cp -r config "$1"
  cat > "$1/camgate.yaml" <<Y
listen: {address: 127.0.0.1, port: $2}
admin: {address: 127.0.0.1, port: $4}
$5
routes:
  - {name: s3proxy, buckets: [$bucket], upstream: "http://127.0.0.1:$s3", auth: none, authorize: $3, maxConnections: 64}
Y
}
gateway_config "$work/off" "$b" false "$admin_b" ""
gateway_config "$work/on" "$c" true "$admin_c" "ingress: {address: 127.0.0.1, port: $ingress_c}"
java -Xmx512m -jar "$jar" serve --config "$work/off" > "$work/off.log" 2>&1 & pids+=($!)
java -Xmx512m -jar "$jar" serve --config "$work/on" > "$work/on.log" 2>&1 & pids+=($!)
await "$a"; await "$b"; await "$c"; await "$d"

java -cp "$jar" benchmarks/proxy/Presign.java "$host" bench/obj-1k AKIDexampleBOB00000000000000000012 \
  demoBobSecretKey000000000000012 2000 > "$work/paths"
probe=$(head -1 "$work/paths")
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$c$probe") == 200 ]] || { echo "signed probe failed" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$c/bench/obj-1k") == 403 ]] || { echo "unsigned probe not denied" >&2; exit 1; }

bench() { # label url [extra wrk args...]
  local label=$1 url=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" > "$work/$label.txt"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$label.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$label.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$label.txt")
  if grep -q "Non-2xx" "$work/$label.txt"; then echo "$label: non-2xx answers: $(grep Non-2xx "$work/$label.txt")" >&2; exit 1; fi
  echo "$label $rps $p50 $p99"
}
ra=$(bench a "http://127.0.0.1:$a/$bucket/bench/obj-1k")
rb=$(bench b "http://127.0.0.1:$b/bench/obj-1k" -H "Host: $host")
rc=$(COS_HOST=$host PATHS="$work/paths" bench c "http://127.0.0.1:$c" -s benchmarks/proxy/cycle.lua)
rd=$(COS_HOST=$host PATHS="$work/paths" bench d "http://127.0.0.1:$d" -s benchmarks/proxy/cycle.lua)

big() { curl -s -o /dev/null -w '%{speed_download}' "$@"; }
bigpath=$(java -cp "$jar" benchmarks/proxy/Presign.java "$host" bench/big AKIDexampleBOB00000000000000000012 \
  demoBobSecretKey000000000000012 1)
# Alternate direct and through-gateway downloads, best of three each, so the page cache favours neither.
direct=0; through=0
for _ in 1 2 3; do
  d=$(big "http://127.0.0.1:$s3/$bucket/bench/big"); t=$(big -H "Host: $host" "http://127.0.0.1:$c$bigpath")
  direct=$(python3 -c "print(max($direct, $d))"); through=$(python3 -c "print(max($through, $t))")
done

read -r _ rps_a p50_a p99_a <<< "$ra"; read -r _ rps_b p50_b p99_b <<< "$rb"; read -r _ rps_c p50_c p99_c <<< "$rc"
read -r _ rps_d p50_d p99_d <<< "$rd"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
cat <<R
### Proxy: 1 KiB GETs through nginx and camgate ($(date -u +%Y-%m-%d))

Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), nginx $(nginx -v 2>&1 | cut -d/ -f2), shared with other builds.
camgate runs as \`serve\` does: admin listener, JSON access log (to a file here), decision log, meters.
Command: \`DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS BIG_MIB=$BIG_MIB benchmarks/proxy/run.sh\` (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after 3 s of warm-up; everything on loopback; s3proxy filesystem store, no auth).

| path | requests/s | p50 | p99 |
|---|---:|---:|---:|
| (a) nginx proxy_pass | $rps_a | $p50_a | $p99_a |
| (b) camgate, authorize: false | $rps_b | $p50_b | $p99_b |
| (c) camgate, COS signature + authorization, 2000 pre-signed URLs cycled | $rps_c | $p50_c | $p99_c |
| (d) nginx auth_request to camgate's ingress listener, same URLs, then proxy_pass | $rps_d | $p50_d | $p99_d |

Ratios: (c)/(a) = $(ratio "$rps_c" "$rps_a") (target ≥ 1.0), (c)/(b) = $(ratio "$rps_c" "$rps_b") (target ≥ 0.9).

${BIG_MIB} MiB GET (best of three, alternating): direct from s3proxy $(python3 -c "print(f'{$direct/1048576:.0f}')") MiB/s, through camgate (pre-signed, authorized) $(python3 -c "print(f'{$through/1048576:.0f}')") MiB/s, ratio $(ratio "$through" "$direct") (target ≥ 0.9).
R
