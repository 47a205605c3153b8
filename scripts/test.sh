#!/usr/bin/env bash
# Runs every test: the whole build on the default JDK (17), then again on JDK 25 where it is installed
# (set MPROC_SECOND_JDK to another JDK's home, or to "none" to skip that pass).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp verify
second=${MPROC_SECOND_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ "$second" != none ] && [ -x "$second/bin/java" ]; then
  echo "=== again on $("$second/bin/java" -version 2>&1 | head -1) ==="
  JAVA_HOME="$second" mvn -B -ntp verify
fi
