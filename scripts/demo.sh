#!/usr/bin/env bash
# Builds mproc and runs the main demo: real child JVMs, their pids, results, exit codes and timings.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cp=$(scripts/classpath.sh examples)
exec java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mproc.examples.Demo "$@"
