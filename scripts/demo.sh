#!/usr/bin/env bash
# Shows camgate deciding real questions against the example configuration in config/.
# Run after building: mvn -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/camgate.jar
bucket='qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001'

echo "== camgate check --config config"
java -jar "$jar" check --config config

ask() {
  local caption=$1; shift
  echo
  echo "== $caption"
  java -jar "$jar" explain --config config "$@"
}
ask "alice submits a CI media job (group policy)" --principal 100000000011 --action name/ci:CreateMediaJobs \
  --resource 'qcs::ci:ap-shanghai:uid/1250000001:bucket/examplebucket-1250000001/video.mp4'
ask "carol (read-only) tries to upload" --principal 100000000013 --action name/cos:PutObject --resource "$bucket/a.txt"
ask "dave reads secret/ (explicit deny wins over his allow)" --principal 100000000014 --action name/cos:GetObject \
  --resource "$bucket/secret/plan.txt"
ask "erin downloads from the office network" --principal 100000000015 --action name/cos:GetObject \
  --resource "$bucket/a.txt" --context qcs:ip=10.1.2.3 --context cos:secure-transport=true
ask "erin downloads from elsewhere" --principal 100000000015 --action name/cos:GetObject \
  --resource "$bucket/a.txt" --context qcs:ip=203.0.113.9 --context cos:secure-transport=true
ask "an anonymous caller reads public/ (bucket policy)" --principal anonymous --action name/cos:GetObject \
  --resource "$bucket/public/logo.png"
ask "the partner's sub-user reads shared/ (cross-account: own policy + bucket grant)" --principal 100000000021 \
  --action name/cos:GetObject --resource "$bucket/shared/report.pdf"
ask "the owner reads anything (root)" --principal 100000000001 --action name/cos:GetObject --resource "$bucket/secret/plan.txt"
