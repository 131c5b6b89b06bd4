#!/usr/bin/env bash
# The README's test command: installs from Debian whatever the tests need and is missing, then
# runs every test (mvn -B verify). Extra arguments go to Maven, e.g. scripts/test.sh -o.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need: a command (looked up on PATH) or an absolute path, then the Debian
# packages that provide it, tried in order until one installs. Add a line per new need.
needs=(
  "mvn            maven"
  "javac          openjdk-17-jdk-headless"
  "/usr/sbin/nginx nginx-light nginx"   # io.camgate.cli.NginxAuthRequestTest
  "/usr/bin/chromium chromium"          # io.camgate.loadtest.ReportInChromiumTest (headless)
  "/usr/bin/redis-server redis-server"  # io.camgate.limits.SharedLimitsTest (starts its own on a free port)
  "/usr/bin/etcd etcd-server"           # io.camgate.store.StoreModeTest, io.camgate.cli.StoreReplicasTest (start their own on free ports)
  "/usr/bin/aws awscli"                 # io.camgate.proxy.AwsCliThroughGatewayTest (real S3 clients, issue 23)
  "/usr/bin/rclone rclone"              # io.camgate.proxy.RcloneThroughGatewayTest
  "/usr/bin/s3cmd s3cmd"                # io.camgate.proxy.S3cmdThroughGatewayTest
)

present() {
  case $1 in
    /*) [ -x "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "scripts/test.sh: $* needs root (or sudo)" >&2; return 1
  fi
}

updated=false
for need in "${needs[@]}"; do
  read -r what packages <<<"$need"
  present "$what" && continue
  if ! $updated; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    updated=true
  fi
  installed=false
  for package in $packages; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package"; then
      installed=true
      break
    fi
  done
  if ! $installed || ! present "$what"; then
    echo "scripts/test.sh: could not install $what (tried: $packages)" >&2
    exit 1
  fi
done

exec mvn -B verify "$@"
