#!/usr/bin/env bash
# Runs the side-by-side load rig (HAProxy vs HAKit) from the repository root; see benchmarks/RIG.md.
# Every argument goes to io.hakit.benchmarks.rig.LoadRig (try --help).
# Builds benchmarks.jar (and hakit.jar) first when they are missing or HAKIT_RIG_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in wrk haproxy nginx taskset; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "rig: '$tool' is missing; on Debian: apt-get install wrk haproxy nginx-light util-linux" >&2
    exit 2
  fi
done

if [ "${HAKIT_RIG_BUILD:-0}" = 1 ] || [ ! -f benchmarks/target/benchmarks.jar ] \
    || [ ! -f ha-examples/target/hakit.jar ]; then
  ./mvnw -B -q -pl benchmarks,ha-examples -am package -DskipTests
fi

exec java -cp benchmarks/target/benchmarks.jar io.hakit.benchmarks.rig.LoadRig "$@"
