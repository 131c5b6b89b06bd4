#!/usr/bin/env bash
# Streams one large object direct to and from s3proxy and through camgate (pre-signed by Bob,
# signature verified and authorized), alternating the two, ROUNDS times in each direction, and
# reports the throughput of each transfer and the CPU seconds each process spent on it
# (utime + stime from /proc/PID/stat), so that the gateway's cost per GiB is seen apart from the
# machine's load. Bounded: ROUNDS × 4 transfers of BIG_MIB MiB. Needs a build:
#   mvn -B -q package -DskipTests && benchmarks/proxy/stream.sh
# Prints a Markdown section for benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
. benchmarks/proxy/common.sh
gateway_over_s3proxy
presign() { java -cp "$jar" benchmarks/proxy/Presign.java "$host" "$1" AKIDexampleBOB00000000000000000012 \
  demoBobSecretKey000000000000012 1 "$2"; }
getpath=$(presign bench/big GET); putpath=$(presign bench/big PUT)

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # clock ticks
sys_cpu() { awk '{print $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
# transfer LABEL curl-args...: prints "LABEL MiB/s gateway-cpu-s gateway-system-s s3proxy-cpu-s"
transfer() {
  local label=$1; shift
  local g0 k0 s0 speed g1 k1 s1
  g0=$(cpu "$gwpid"); k0=$(sys_cpu "$gwpid"); s0=$(cpu "$s3pid")
  speed=$(curl -sf -w '%{speed_download} %{speed_upload}' "$@")
  g1=$(cpu "$gwpid"); k1=$(sys_cpu "$gwpid"); s1=$(cpu "$s3pid")
  python3 -c "d,u='$speed'.split(); print('$label', f'{max(float(d),float(u))/1048576:.0f}', f'{($g1-$g0)/$tick:.2f}', f'{($k1-$k0)/$tick:.2f}', f'{($s1-$s0)/$tick:.2f}')"
}
check() { # curl args of a GET, checks the body's digest
  local got; got=$(curl -sf "$@" | sha256sum | cut -d' ' -f1)
  [[ $got == "$sum" ]] || { echo "digest mismatch through $*" >&2; exit 1; }
}
direct_get=(-o /dev/null "http://127.0.0.1:$s3/$bucket/bench/big")
gw_get=(-o /dev/null -H "Host: $host" "http://127.0.0.1:$gw$getpath")
direct_put=(-o /dev/null -T "$work/big" -H "Content-Type: application/octet-stream" "http://127.0.0.1:$s3/$bucket/bench/big")
gw_put=(-o /dev/null -T "$work/big" -H "Content-Type: application/octet-stream" -H "Host: $host" "http://127.0.0.1:$gw$putpath")
transfer warmup "${gw_put[@]}" > /dev/null
check -H "Host: $host" "http://127.0.0.1:$gw$getpath"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
# The first GET of a round follows a 1 GiB PUT of the object it reads, whose pages the kernel may
# still be writing back: direct and camgate take turns going first, so neither always pays for it.
for i in $(seq 1 "$ROUNDS"); do
  if (( i % 2 )); then
    rows+=("$(transfer "GET-direct" "${direct_get[@]}")" "$(transfer "GET-camgate" "${gw_get[@]}")")
    rows+=("$(transfer "PUT-direct" "${direct_put[@]}")" "$(transfer "PUT-camgate" "${gw_put[@]}")")
  else
    rows+=("$(transfer "GET-camgate" "${gw_get[@]}")" "$(transfer "GET-direct" "${direct_get[@]}")")
    rows+=("$(transfer "PUT-camgate" "${gw_put[@]}")" "$(transfer "PUT-direct" "${direct_put[@]}")")
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
check "http://127.0.0.1:$s3/$bucket/bench/big"

summary() { # direction
  printf '%s\n' "${rows[@]}" | python3 -c "
import sys, statistics as st
rows=[l.split() for l in sys.stdin if l.startswith('$1-')]
d=[float(r[1]) for r in rows if r[0]=='$1-direct']; c=[float(r[1]) for r in rows if r[0]=='$1-camgate']
pairs=[f'{b/a:.2f}' for a,b in zip(d,c)]
cpu=[float(r[2]) for r in rows if r[0]=='$1-camgate']
gib=$BIG_MIB/1024
print(f'| $1 | {st.median(d):.0f} | {st.median(c):.0f} | {st.median(c)/st.median(d):.2f} | {\", \".join(pairs)} | {st.median(cpu)/gib:.2f} |')"
}
cat <<R
### Streaming ${BIG_MIB} MiB through camgate ($(date -u '+%Y-%m-%d %H:%M UTC'), load ${load_before} before, ${load_after} after)

Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1).
Command: \`ROUNDS=$ROUNDS BIG_MIB=$BIG_MIB benchmarks/proxy/stream.sh\` (curl, loopback, s3proxy filesystem store;
camgate \`serve\` with -Xmx256m verifying Bob's pre-signed URL; direct and through camgate alternate, taking turns going first).

| direction | direct MiB/s (median) | camgate MiB/s (median) | ratio | ratio per round | camgate CPU s per GiB (median) |
|---|---:|---:|---:|---|---:|
$(summary GET)
$(summary PUT)

Each transfer (MiB/s, camgate CPU s, of which in the kernel, s3proxy CPU s):
$(printf '    %s\n' "${rows[@]}")
R
