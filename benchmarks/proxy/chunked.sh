#!/usr/bin/env bash
# Uploads one large object through camgate as an S3 client over plain HTTP would, two ways, in
# the same run and alternating which goes first: chunk-signed (STREAMING-AWS4-HMAC-SHA256-PAYLOAD,
# 128 KiB chunks, every chunk's signature checked by the gateway as the body streams, the body
# decoded on its way to the store) and the unsigned relay (UNSIGNED-PAYLOAD: the same SigV4
# header check, the body relayed as it is: under epoll the kernel splices it, and with
# GW_OPTS=-Dio.netty.transport.noNative=true (NIO) it passes through the JVM as the chunk-signed
# body always does), plus direct to s3proxy for scale. Both bodies are
# signed ahead by benchmarks/proxy/AwsChunked.java and sent by curl, so the client's work is the
# same and only the gateway's differs. Reports MiB/s and the gateway's CPU seconds per transfer.
# Bounded: ROUNDS × 3 transfers of BIG_MIB MiB. Needs a build:
#   mvn -B -q package -DskipTests && benchmarks/proxy/chunked.sh
# Prints a Markdown section for benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
. benchmarks/proxy/common.sh
gateway_over_s3proxy
path=/$bucket/bench/big
# sign MODE: signs Bob's upload of $work/big now (chunked body into $work/signed), curl -H args in $work/MODE.h
sign() {
  java benchmarks/proxy/AwsChunked.java "$1" "127.0.0.1:$gw" "$path" AKIDexampleBOB00000000000000000012 \
    demoBobSecretKey000000000000012 ap-shanghai "$work/big" "$work/signed" | grep -v '^content-length:' \
    | sed 's/^/-H\n/' > "$work/$1.h"
}
headers() { mapfile -t h < "$work/$1.h"; }

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # clock ticks
tick=$(getconf CLK_TCK)
# transfer LABEL curl-args...: prints "LABEL MiB/s gateway-cpu-s s3proxy-cpu-s"
transfer() {
  local label=$1; shift
  local g0 s0 out g1 s1
  g0=$(cpu "$gwpid"); s0=$(cpu "$s3pid")
  out=$(curl -s -o "$work/answer" -w '%{http_code} %{speed_upload}' "$@")
  g1=$(cpu "$gwpid"); s1=$(cpu "$s3pid")
  [[ ${out%% *} == 200 ]] || { echo "$label: HTTP ${out%% *}: $(head -c 500 "$work/answer")" >&2; exit 1; }
  python3 -c "print('$label', f'{float(\"${out#* }\")/1048576:.0f}', f'{($g1-$g0)/$tick:.2f}', f'{($s1-$s0)/$tick:.2f}')"
}
check() { # the object in the store is the file, byte for byte
  local got; got=$(curl -sf "http://127.0.0.1:$s3/$bucket/bench/big" | sha256sum | cut -d' ' -f1)
  [[ $got == "$sum" ]] || { echo "digest mismatch after $1" >&2; exit 1; }
}
direct() { transfer PUT-direct -T "$work/big" "http://127.0.0.1:$s3$path"; }
unsigned() { headers unsigned; transfer PUT-unsigned -T "$work/big" "${h[@]}" "http://127.0.0.1:$gw$path"; }
chunked() { headers signed; transfer PUT-chunked -T "$work/signed" "${h[@]}" "http://127.0.0.1:$gw$path"; }

sign signed; sign unsigned
chunked > /dev/null; check chunk-signed warmup
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for i in $(seq 1 "$ROUNDS"); do
  sign signed; sign unsigned   # fresh x-amz-date each round, well inside the 15 min skew
  if (( i % 2 )); then
    rows+=("$(chunked)"); check chunk-signed; rows+=("$(unsigned)"); check unsigned
  else
    rows+=("$(unsigned)"); check unsigned; rows+=("$(chunked)"); check chunk-signed
  fi
  rows+=("$(direct)")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

summary=$(printf '%s\n' "${rows[@]}" | python3 -c "
import sys, statistics as st
rows=[l.split() for l in sys.stdin]
col=lambda k, i: [float(r[i]) for r in rows if r[0]==k]
c, u, d = col('PUT-chunked', 1), col('PUT-unsigned', 1), col('PUT-direct', 1)
gib=$BIG_MIB/1024
pairs=', '.join(f'{a/b:.2f}' for a, b in zip(c, u))
print(f'| {st.median(c):.0f} | {st.median(u):.0f} | {st.median(d):.0f} | **{st.median(c)/st.median(u):.2f}** | {pairs} | '
      f'{st.median(col(\"PUT-chunked\", 2))/gib:.2f} | {st.median(col(\"PUT-unsigned\", 2))/gib:.2f} |')")
cat <<R
### A ${BIG_MIB} MiB chunk-signed upload through camgate ($(date -u '+%Y-%m-%d %H:%M UTC'), load ${load_before} before, ${load_after} after)

Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1).
Command: \`ROUNDS=$ROUNDS BIG_MIB=$BIG_MIB benchmarks/proxy/chunked.sh\` (curl -T, loopback, s3proxy filesystem store;
camgate \`serve\` with -Xmx256m ${GW_OPTS:-} at its own address, path style, Bob's SigV4; chunk-signed and unsigned take turns going first).

| chunk-signed MiB/s (median) | unsigned relay MiB/s (median) | direct MiB/s (median) | chunk-signed / unsigned | per round | camgate CPU s per GiB, chunk-signed | unsigned |
|---:|---:|---:|---:|---|---:|---:|
$summary

Each transfer (MiB/s, camgate CPU s, s3proxy CPU s):
$(printf '    %s\n' "${rows[@]}")
R
