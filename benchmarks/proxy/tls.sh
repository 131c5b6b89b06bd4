#!/usr/bin/env bash
# 1 KiB GETs to a TLS upstream: nginx serving the file over https (the upstream) behind
# (a) nginx proxy_pass with a keep-alive pool of verified TLS connections and (b) camgate with
# authorization off and an https:// route trusting the test CA, in interleaved rounds.
# Bounded: each wrk run lasts DURATION seconds after a short warm-up, ROUNDS rounds.
#   mvn -B -q package -DskipTests && benchmarks/proxy/tls.sh
# Prints a Markdown section for benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
jar=target/camgate.jar
[[ -f $jar ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null && command -v openssl >/dev/null \
  || { echo "needs: apt-get install wrk nginx-light openssl" >&2; exit 1; }
. benchmarks/proxy/lib.sh
await() { for _ in $(seq 1 120); do curl -sk -o /dev/null "$1" && return 0; sleep 0.5; done; echo "nothing at $1" >&2; exit 1; }
bucket=examplebucket-1250000001
host=$bucket.cos.ap-shanghai.myqcloud.com
up=$(port); a=$(port); b=$(port); admin_b=$(port)

# A test CA and the upstream's certificate for 127.0.0.1 and localhost.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=bench CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2> /dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$work/up.key" -out "$work/up.csr" 2> /dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$work/san.ext"
openssl x509 -req -in "$work/up.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/san.ext" -out "$work/up.pem" 2> /dev/null
mkdir -p "$work/www/$bucket/bench"
head -c 1024 /dev/urandom > "$work/www/$bucket/bench/obj-1k"
chmod -R a+rX "$work"   # nginx's workers run as another user when started as root

{ nginx_head 1; cat <<N; } > "$work/nginx/nginx.conf"
  server {
    listen 127.0.0.1:$up ssl;
    ssl_certificate $work/up.pem; ssl_certificate_key $work/up.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    keepalive_requests 100000;
    root $work/www;
  }
  upstream tlsup { server 127.0.0.1:$up; keepalive 64; }
  server {
    listen 127.0.0.1:$a;
    location / {
      proxy_pass https://tlsup; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_ssl_verify on; proxy_ssl_trusted_certificate $work/ca.pem; proxy_ssl_name localhost;
      proxy_ssl_server_name on; proxy_ssl_protocols TLSv1.2 TLSv1.3; proxy_ssl_session_reuse on;
    }
  }
}
N
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & pids+=($!)

cp -r config "$work/gw"
cp "$work/ca.pem" "$work/gw/upstream-ca.pem"
cat > "$work/gw/camgate.yaml" <<Y
listen: {address: 127.0.0.1, port: $b}
admin: {address: 127.0.0.1, port: $admin_b}
routes:
  - {name: tls-nginx, buckets: [$bucket], upstream: "https://127.0.0.1:$up", auth: none, authorize: false,
     maxConnections: 64, tls: {ca: upstream-ca.pem}}
Y
java -Xmx512m -jar "$jar" serve --config "$work/gw" > "$work/gw.log" 2>&1 & pids+=($!)
await "https://127.0.0.1:$up/"; await "http://127.0.0.1:$a/"; await "http://127.0.0.1:$b/"
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$a/$bucket/bench/obj-1k") == 200 ]] \
  || { echo "nginx probe failed: $(tail -5 "$work/nginx/error.log")" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$b/bench/obj-1k") == 200 ]] \
  || { echo "camgate probe failed: $(tail -5 "$work/gw.log")" >&2; exit 1; }

bench() { # label url [extra wrk args...]
  local label=$1 url=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$@" "$url" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" > "$work/$label.txt"
  if grep -q "Non-2xx" "$work/$label.txt"; then echo "$label: $(grep -h 'Non-2xx' "$work/$label.txt")" >&2; exit 1; fi
  echo "$(awk '/^Requests\/sec/ {print $2}' "$work/$label.txt") $(awk '$1 == "50%" {print $2}' "$work/$label.txt") $(awk '$1 == "99%" {print $2}' "$work/$label.txt")"
}
rows=""; ratios=()
for r in $(seq 1 "$ROUNDS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r rps_a p50_a p99_a <<< "$(bench a "http://127.0.0.1:$a/$bucket/bench/obj-1k")"
  read -r rps_b p50_b p99_b <<< "$(bench b "http://127.0.0.1:$b/bench/obj-1k" -H "Host: $host")"
  [[ -n $rps_a && -n $rps_b ]] || exit 1
  ratio=$(python3 -c "print(f'{$rps_b / $rps_a:.2f}')"); ratios+=("$ratio")
  rows+="| $r | $load | $rps_a | $p50_a | $p99_a | $rps_b | $p50_b | $p99_b | $ratio |"$'\n'
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
cat <<R
### Proxy: 1 KiB GETs to a TLS upstream, nginx proxy_pass and camgate ($(date -u '+%Y-%m-%d %H:%M UTC'))

Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), nginx $(nginx -v 2>&1 | cut -d/ -f2), $(openssl version | cut -d' ' -f1-2); shared with other sessions' builds and tests (1-minute load average per round below).
Upstream: nginx serving the file over TLS (TLS 1.3, P-256 certificate from a test CA). (a) nginx \`proxy_pass https://\` with a keep-alive pool of 64, certificate and name verified; (b) camgate \`serve\`, \`authorize: false\`, route \`https://127.0.0.1\` trusting the test CA (verified, pooled), JSON access log to a file.
Command: \`DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS ROUNDS=$ROUNDS benchmarks/proxy/tls.sh\` (each run wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after 2 s of warm-up; (a) and (b) alternate within each round).

| round | load | (a) nginx req/s | p50 | p99 | (b) camgate req/s | p50 | p99 | (b)/(a) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows}
Median ratio camgate / nginx: **$median**.
R
