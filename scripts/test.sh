#!/usr/bin/env bash
# Runs every test: the whole build on the default JDK (17), including the conformance kit and fault scenarios in
# Linux containers, then again on JDK 25 where it is installed (set MPROC_SECOND_JDK to another JDK's home, or to
# "none" to skip that pass).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The container suite needs Docker and the locally built base image; as root, provision both. Elsewhere the suite
# skips itself with one message (and fails under CI=true, where a skipped container suite is a failure).
if [ "$(id -u)" = 0 ]; then
  scripts/containers.sh || echo "container provisioning failed: the container suite will say why" >&2
fi
mvn -B -ntp verify
second=${MPROC_SECOND_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ "$second" != none ] && [ -x "$second/bin/java" ]; then
  echo "=== again on $("$second/bin/java" -version 2>&1 | head -1) ==="
  JAVA_HOME="$second" mvn -B -ntp verify
fi
