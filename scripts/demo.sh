#!/usr/bin/env bash
# Builds mproc and runs the examples tour: the main demo and every program of the seed texts, each in its own JVM,
# with real pids, results, exit codes and timings. Arguments go to the tour:
#   scripts/demo.sh                          everything, in order
#   scripts/demo.sh list                     the examples and their groups
#   scripts/demo.sh daemon-and-non-daemon    one example;  scripts/demo.sh pool   one group
#   scripts/demo.sh --spawn processbuilder --ipc netty demo    backends by name (default: the best on the class path)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cp=$(scripts/classpath.sh examples)
exec java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mproc.examples.Tour "$@"
