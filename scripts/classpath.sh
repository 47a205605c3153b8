#!/usr/bin/env bash
# Prints the run-time class path of one module (its classes plus its dependencies), after building it.
set -euo pipefail
module=$1
cd "$(dirname "$0")/.."
mvn -B -q -ntp -Dstyle.color=never -pl "$module" -am install -DskipTests >&2
mvn -B -q -ntp -Dstyle.color=never -pl "$module" dependency:build-classpath -Dmdep.outputFile="$PWD/$module/target/classpath.txt" >&2
echo "$PWD/$module/target/classes:$(cat "$module/target/classpath.txt")"
