package dev.mproc.benchmarks;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.spawn.posix.PosixSpawnProvider;
import dev.mproc.spawn.processbuilder.ProcessBuilderSpawnProvider;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a spawn backend costs, in one run with interleaved rounds: starting {@code /bin/true} and collecting its
 * exit status through the posix-fork backend, through the processbuilder backend and through a bare
 * {@code posix_spawn} + {@code waitpid} (the floor); then {@code start()+join()} of an empty target on both
 * backends, for a non-daemon child and for a daemon child (which arms its parent-death signal at boot).
 *
 * <p>Usage: {@code SpawnBenchmark [runs=40] [rounds=4]}.
 */
public final class SpawnBenchmark {

    private SpawnBenchmark() {
    }

    /** The floor: {@code posix_spawn} and {@code waitpid} bound directly, no file actions, no attributes. */
    static final class Bare {
        static {
            Native.register(Bare.class, NativeLibrary.getInstance("c"));
        }

        private static final Pointer ENVIRON = NativeLibrary.getInstance("c").getGlobalVariableAddress("environ");
        private static final StringArray ARGV = new StringArray(new String[] {"/bin/true"});

        private Bare() {
        }

        static native int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attr, Pointer argv,
                Pointer envp);

        static native int waitpid(int pid, int[] status, int options);

        static void spawnAndWait() {
            int[] pid = new int[1];
            if (posix_spawn(pid, "/bin/true", null, null, ARGV, ENVIRON.getPointer(0)) != 0) {
                throw new IllegalStateException("posix_spawn failed");
            }
            int[] status = new int[1];
            if (waitpid(pid[0], status, 0) != pid[0] || status[0] != 0) {
                throw new IllegalStateException("waitpid: status " + status[0]);
            }
        }
    }

    /**
     * @param args runs per side, rounds
     * @throws Exception if a side fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int perRound = Math.max(1, runs / rounds);
        Map<String, List<Long>> spawn = new LinkedHashMap<>();
        Map<String, List<Long>> startJoin = new LinkedHashMap<>();
        String posix = PosixSpawnProvider.NAME;
        String pb = ProcessBuilderSpawnProvider.NAME;
        LaunchSpec trueSpec = LaunchSpec.builder(List.of("/bin/true")).build();
        try (SpawnBackend posixBackend = new PosixSpawnProvider().create();
                SpawnBackend pbBackend = new ProcessBuilderSpawnProvider().create();
                Context posixCtx = Mproc.context(ContextOptions.builder().spawnBackend(posix).build());
                Context pbCtx = Mproc.context(ContextOptions.builder().spawnBackend(pb).build())) {
            for (int i = 0; i < 5; i++) { // warm-up: JIT, first control server, first child
                Bare.spawnAndWait();
                spawnAndExit(posixBackend, trueSpec);
                spawnAndExit(pbBackend, trueSpec);
            }
            posixCtx.process(() -> { }).start().join();
            pbCtx.process(() -> { }).start().join();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < perRound; i++) {
                    long t0 = System.nanoTime();
                    Bare.spawnAndWait();
                    add(spawn, "posix_spawn+waitpid, bare JNA", System.nanoTime() - t0);
                    add(spawn, "posix-fork backend", spawnAndExit(posixBackend, trueSpec));
                    add(spawn, "processbuilder backend", spawnAndExit(pbBackend, trueSpec));
                }
                for (int i = 0; i < perRound; i++) {
                    add(startJoin, "posix-fork × netty", startJoin(posixCtx, false));
                    add(startJoin, "processbuilder × netty", startJoin(pbCtx, false));
                    add(startJoin, "posix-fork × netty, daemon", startJoin(posixCtx, true));
                    add(startJoin, "processbuilder × netty, daemon", startJoin(pbCtx, true));
                }
            }
        }
        System.out.printf("%nSpawn cost (JDK %d), ms: median [p10, p90] of %d runs each, %d interleaved rounds%n",
                Runtime.version().feature(), perRound * rounds, rounds);
        System.out.println("/bin/true, spawn until its exit status is known:");
        print(spawn);
        System.out.println("start()+join() of an empty target:");
        print(startJoin);
        double floor = Stats.of(spawn.get("posix_spawn+waitpid, bare JNA")).medianMs();
        System.out.printf("posix-fork / bare = %.2f, processbuilder / bare = %.2f, processbuilder / posix-fork = %.2f%n",
                Stats.of(spawn.get("posix-fork backend")).medianMs() / floor,
                Stats.of(spawn.get("processbuilder backend")).medianMs() / floor,
                Stats.of(spawn.get("processbuilder backend")).medianMs()
                        / Stats.of(spawn.get("posix-fork backend")).medianMs());
        System.out.printf("start+join: processbuilder / posix-fork = %.2f (daemon %.2f)%n",
                Stats.of(startJoin.get("processbuilder × netty")).medianMs()
                        / Stats.of(startJoin.get("posix-fork × netty")).medianMs(),
                Stats.of(startJoin.get("processbuilder × netty, daemon")).medianMs()
                        / Stats.of(startJoin.get("posix-fork × netty, daemon")).medianMs());
    }

    private static long spawnAndExit(SpawnBackend backend, LaunchSpec spec) throws Exception {
        long t0 = System.nanoTime();
        SpawnedProcess p = backend.spawn(spec);
        ExitStatus status = p.onExit().get();
        long elapsed = System.nanoTime() - t0;
        if (status.code() != 0) {
            throw new IllegalStateException("/bin/true ended with " + status);
        }
        return elapsed;
    }

    private static long startJoin(Context ctx, boolean daemon) throws InterruptedException {
        long t0 = System.nanoTime();
        Process<Void> p = ctx.process(() -> { }).daemon(daemon).start();
        p.join();
        long elapsed = System.nanoTime() - t0;
        if (p.exitCode().getAsInt() != 0) {
            throw new IllegalStateException("empty child failed: " + p);
        }
        return elapsed;
    }

    private static void add(Map<String, List<Long>> samples, String side, long nanos) {
        samples.computeIfAbsent(side, k -> new ArrayList<>()).add(nanos);
    }

    private static void print(Map<String, List<Long>> samples) {
        samples.forEach((side, v) -> System.out.printf("  %-36s %s%n", side, Stats.of(v).format()));
    }
}
