/**
 * JMH microbenchmarks of the hot paths behind the side-by-side figures, one class per path: {@link
 * dev.mproc.benchmarks.jmh.CodecBenchmark} (the codec, both ways) and {@link dev.mproc.benchmarks.jmh.FrameBenchmark}
 * (the netty backend's frames). A new hot path gets a class of its own here — the ring buffers of {@code ipc-shm}
 * (offer/poll) when they land — and is picked up by {@code scripts/bench.sh jmh [regex]} without further wiring: the
 * annotation processor lists every {@code @Benchmark} of the module in {@code META-INF/BenchmarkList}.
 */
package dev.mproc.benchmarks.jmh;
