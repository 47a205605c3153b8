#!/usr/bin/env bash
# Prints the run-time class path of one module (its classes plus its dependencies), after building it in the
# reactor. Nothing is installed into ~/.m2, so several checkouts (worktrees) can build side by side.
set -euo pipefail
module=$1
cd "$(dirname "$0")/.."
out="$PWD/$module/target/classpath.txt"
mvn -B -q -ntp -Dstyle.color=never -pl "$module" -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$out" -Dmdep.includeScope=runtime >&2
# The module's jar rather than its classes directory: children can then start from a class-data-sharing archive,
# which the JVM cannot record for a directory of classes.
jar=$(ls "$PWD/$module/target/"*.jar 2>/dev/null | grep -v -- '-sources\.jar$\|-javadoc\.jar$\|-tests\.jar$' | head -1 || true)
echo "${jar:-$PWD/$module/target/classes}:$(cat "$out")"
