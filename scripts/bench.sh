#!/usr/bin/env bash
# Benchmarks, side by side with CPython's multiprocessing on this machine.
#   scripts/bench.sh all [--quick|--full] [options]   every workload family, CPython and every spawn x IPC combination
#       on the class path, interleaved, with a load check; table on the terminal, report in benchmarks/results/<time>/
#       (options: --rounds N, --max-foreign CPUS, --retries N, --budget SECONDS, --only REGEX, --placements unpinned|all, --no-python,
#       --out DIR; quick: 1 round, unpinned, small sizes, under 2 minutes; full: 3 rounds, 3 placements, full sizes)
#   scripts/bench.sh start [runs] [rounds]   child start latency (start -> running, start+join)
#   scripts/bench.sh pool [rounds] [scale]    Pool map / map chunksize 1 / applyAsync / imapUnordered / create, 2 workers
#   scripts/bench.sh ipc [rounds] [scale]     Pipe round trip, Queue/SimpleQueue 1->1, Manager map set; 3 placements
#   scripts/bench.sh spawn [runs] [rounds]    spawn backends: /bin/true via posix-fork, processbuilder, bare posix_spawn; start+join
#   scripts/bench.sh jmh [regex] [jmh options] JMH microbenchmarks of the hot paths (codec, frames); e.g. jmh Codec -f 1 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-start}
shift || true
scripts/setup.sh
cp=$(scripts/classpath.sh benchmarks)
case "$what" in
  all) exec "${JAVA:-java}" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mproc.benchmarks.Suite --script benchmarks/src/main/python/mp_bench.py "$@" ;;
  start) exec "${JAVA:-java}" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mproc.benchmarks.StartLatencyBenchmark benchmarks/src/main/python/mp_bench.py "$@" ;;
  pool) exec "${JAVA:-java}" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mproc.benchmarks.PoolBenchmark benchmarks/src/main/python/mp_bench.py "$@" ;;
  ipc) exec "${JAVA:-java}" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mproc.benchmarks.IpcBenchmark benchmarks/src/main/python/mp_bench.py "$@" ;;
  jmh) exec "${JAVA:-java}" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main "${@:-dev.mproc.benchmarks.jmh}" ;;
  spawn) exec "${JAVA:-java}" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mproc.benchmarks.SpawnBenchmark "$@" ;;
  *) echo "unknown benchmark: $what (known: all, start, ipc, pool, spawn, jmh)" >&2; exit 2 ;;
esac
