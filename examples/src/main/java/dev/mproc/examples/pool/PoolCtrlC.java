package dev.mproc.examples.pool;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import dev.mproc.sync.Semaphore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seed 000, multiprocessing.Pool实现守护进程: stop a pool's workers when the program is stopped with Ctrl-C. Python
 * wraps the work in {@code try: … except: p.terminate()}; in Java Ctrl-C raises no exception — the JVM runs its
 * shutdown hooks and exits with 130 — so the hook is where the pool is terminated.
 *
 * <p>The example presses Ctrl-C itself once a task runs: it sends SIGINT to its own pid. When SIGINT is ignored in
 * this process (a program started in the background by a non-interactive shell inherits that), or the JVM runs with
 * {@code -Xrs}, a signal would do nothing or skip the hooks, so it calls {@code System.exit(130)} instead, which runs
 * the same hooks.
 */
public final class PoolCtrlC {

    private PoolCtrlC() {
    }

    static int runProc(int name, Semaphore started) throws InterruptedException {
        System.out.println(String.format("run_proc(%d) in worker %d", name, Mproc.currentProcess().pid()));
        started.release();
        Thread.sleep(60_000); // far longer than the example: only Ctrl-C ends it
        System.out.println(String.format("run_proc(%d) done", name));
        return name;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if the example itself fails
     */
    public static void main(String[] args) throws Exception {
        Context ctx = Mproc.context();
        Pool p = ctx.pool(PoolOptions.builder().processes(4).build());
        List<Long> workers = p.workerPids();
        List<AsyncResult<Integer>> results = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shutdown hook: terminating the pool");
            p.terminate();
            try {
                p.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long cancelled = results.stream().filter(AsyncResult::isCancelled).count();
            List<Long> alive = workers.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                    .orElse(false)).toList();
            System.out.println(String.format("workers %s still alive: %s; tasks cancelled: %d of %d",
                    workers, alive, cancelled, results.size()));
            System.out.println("why: Ctrl-C runs the JVM's shutdown hooks, and this one terminates the pool: its"
                    + " workers are killed mid-task, its unfinished tasks cancelled; the JVM exits with 128 + SIGINT");
        }, "terminate-pool"));

        Semaphore started = ctx.semaphore(0);
        for (int i = 0; i < 5; i++) {
            int name = i;
            results.add(p.applyAsync(() -> runProc(name, started)));
        }
        p.close();
        started.acquire(); // a task is running
        pressCtrlC();
        p.join(); // where the seed's program waits when Ctrl-C comes
    }

    private static void pressCtrlC() throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        Optional<String> reason = whySigintWouldNotWork();
        if (reason.isPresent()) {
            System.out.println("Ctrl-C: " + reason.get() + ", so System.exit(130) stands in for it");
            System.exit(130);
        }
        System.out.println("Ctrl-C: sending SIGINT to pid " + pid);
        new ProcessBuilder("sh", "-c", "kill -INT " + pid).inheritIO().start().waitFor();
    }

    private static Optional<String> whySigintWouldNotWork() throws IOException {
        if (ProcessHandle.current().info().arguments().map(a -> List.of(a).contains("-Xrs")).orElse(false)) {
            return Optional.of("this JVM runs with -Xrs (no shutdown hooks on signals)");
        }
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Optional.of("no /proc/self/status to tell whether SIGINT is ignored");
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (ignored & (1L << (2 - 1))) != 0
                        ? Optional.of("SIGINT is ignored in this process (started in the background)")
                        : Optional.empty();
            }
        }
        return Optional.of("/proc/self/status does not list ignored signals");
    }
}
