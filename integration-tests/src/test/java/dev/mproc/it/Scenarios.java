package dev.mproc.it;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.MprocException;
import dev.mproc.Process;
import dev.mproc.conformance.ProcStat;
import dev.mproc.internal.DefaultContext;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import dev.mproc.pool.WorkerDiedException;
import dev.mproc.queue.Queue;
import dev.mproc.shared.SharedMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fault scenarios that only a container shows cleanly, run inside one. Each prints what it saw and ends with
 * {@code scenario <name>: 1 passed, 0 failed} (or 0 passed, 1 failed, with the reason above it).
 */
public final class Scenarios {

    private static final String CHILD_MAIN = "dev.mproc.internal.child.ChildMain";

    private Scenarios() {
    }

    /**
     * @param args the scenario's name, then the spawn and IPC backends
     * @throws Exception if the scenario itself breaks
     */
    public static void main(String[] args) throws Exception {
        String name = args[0];
        System.setProperty(ContextOptions.SPAWN_PROPERTY, args[1]);
        System.setProperty(ContextOptions.IPC_PROPERTY, args[2]);
        String failure;
        try {
            failure = switch (name) {
                case "parent-killed" -> parentKilled(args[1], args[2]);
                case "pid1-orphans" -> pid1Orphans();
                case "oom" -> oomKilledWorker();
                case "cpu-quota" -> cpuQuota();
                case "read-only" -> readOnlyRoot();
                case "small-shm" -> smallDevShm();
                default -> "unknown scenario " + name;
            };
        } catch (Exception | AssertionError e) {
            e.printStackTrace(System.out);
            failure = e.toString();
        }
        if (failure != null) {
            System.out.println("FAILED: " + failure);
        }
        System.out.println("scenario " + name + ": " + (failure == null ? "1 passed, 0 failed" : "0 passed, 1 failed"));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The parent JVM is SIGKILLed: within 2 s no daemon child is left, and no zombie remains. */
    private static String parentKilled(String spawn, String ipc) throws Exception {
        List<String> cmd = List.of("java", "-cp", System.getProperty("java.class.path"),
                "dev.mproc.conformance.ParentProgram", spawn, ipc, "block");
        java.lang.Process parent = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        String daemonLine = out.readLine();
        String mainLine = out.readLine();
        System.out.println("parent said: " + daemonLine + " / " + mainLine);
        long daemon = Long.parseLong(daemonLine.substring("daemon ".length()));
        if (!isRunning(daemon)) {
            return "the daemon child " + daemon + " was not running before the parent was killed";
        }
        parent.destroyForcibly();
        parent.waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> left;
        do {
            left = leftovers();
            if (left.isEmpty()) {
                System.out.println("nothing left " + (2000 - (deadline - System.nanoTime()) / 1_000_000)
                        + " ms after SIGKILL");
                return null;
            }
            TimeUnit.MILLISECONDS.sleep(20); // not our processes: /proc is all there is to watch
        } while (System.nanoTime() < deadline);
        return "2 s after SIGKILL of the parent: " + left;
    }

    /** Processes that should not exist: mproc children, and zombies of any kind. */
    private static List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit) || Long.parseLong(n) == self) {
                    continue;
                }
                String state = ProcStat.state(Long.parseLong(n));
                String cmdline = cmdline(Long.parseLong(n));
                if ("Z".equals(state)) {
                    found.add(n + " zombie");
                } else if (cmdline.contains(CHILD_MAIN)) {
                    found.add(n + " mproc child in state " + state);
                }
            }
        }
        return found;
    }

    /** The JVM is PID 1: children and orphaned grandchildren are reaped, or mproc says what it needs. */
    private static String pid1Orphans() throws Exception {
        if (ProcessHandle.current().pid() != 1) {
            return "this scenario must run as PID 1, not " + ProcessHandle.current().pid();
        }
        List<String> warnings = captureWarnings();
        Context ctx = Mproc.context();
        Process<Long> child = ctx.task(() -> {
            // A grandchild that outlives its parent: re-parented to PID 1 when the child exits.
            return new ProcessBuilder("sleep", "0.3").start().pid();
        }).start();
        child.join();
        long orphan = child.result();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (isRunning(orphan) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        String state = ProcStat.state(orphan);
        System.out.println("child " + child.pid().getAsLong() + " exit " + child.exitCode().getAsInt()
                + "; orphaned grandchild " + orphan + " state " + state);
        if (state == null) {
            return null; // reaped
        }
        String expected = DefaultContext.PID1_WARNING.replace("{0}", ctx.spawnBackend());
        if ("Z".equals(state) && warnings.contains(expected)) {
            System.out.println("not reaped, and mproc said why: " + expected);
            return null;
        }
        return "orphan " + orphan + " in state " + state + ", and no warning naming what is needed (saw "
                + warnings + ")";
    }

    /** A pool worker is OOM-killed under the container's memory limit: its task fails with the status. */
    private static String oomKilledWorker() throws Exception {
        List<String> options = new ArrayList<>(ContextOptions.DEFAULT_JVM_OPTIONS);
        options.add("-Xmx2g"); // more than the container may use: the kernel, not the JVM, stops the worker
        try (Context ctx = Mproc.context(ContextOptions.builder().jvmOptions(options).build())) {
            Pool pool = ctx.pool(PoolOptions.builder().processes(1).build());
            long t0 = System.nanoTime();
            System.out.println("pool started");
            AsyncResult<Integer> hog = pool.applyAsync(() -> {
                List<byte[]> keep = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    byte[] b = new byte[16 << 20];
                    java.util.Arrays.fill(b, (byte) i);
                    keep.add(b);
                }
                return keep.size();
            });
            try {
                hog.get(Duration.ofMinutes(2));
                return "the memory hog completed: no limit in force?";
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof WorkerDiedException died)) {
                    return "expected WorkerDiedException, got " + e.getCause();
                }
                System.out.println("worker " + died.pid() + " died with exit code " + died.exitCode() + " after "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
                if (died.exitCode() != -9) {
                    return "expected exit code -9 (SIGKILL by the OOM killer), got " + died.exitCode();
                }
            }
            int after = pool.apply(() -> 42);
            System.out.println("the pool serves again: " + after);
            pool.terminate();
            pool.join();
            return after == 42 ? null : "wrong result after the OOM kill: " + after;
        }
    }

    /** A CPU quota of one CPU: cpuCount() and the default pool size follow it. */
    private static String cpuQuota() throws Exception {
        Context ctx = Mproc.context();
        Pool pool = ctx.pool();
        int processes = pool.processes();
        pool.terminate();
        pool.join();
        System.out.println("cpuCount " + Mproc.cpuCount() + ", context " + ctx.cpuCount() + ", pool " + processes);
        return Mproc.cpuCount() == 1 && ctx.cpuCount() == 1 && processes == 1 ? null
                : "cpuCount/pool size do not follow the quota of 1 CPU";
    }

    /** A read-only root file system with a writable /tmp: processes, queues and pools still work. */
    private static String readOnlyRoot() throws Exception {
        if (Files.isWritable(Path.of("/"))) {
            return "the root file system is writable: the scenario did not apply";
        }
        Context ctx = Mproc.context();
        Queue<String> q = ctx.queue();
        Process<Void> p = ctx.process(() -> q.put("from " + Mproc.currentProcess().name())).start();
        String got = q.get(Duration.ofSeconds(60));
        p.join();
        Pool pool = ctx.pool(PoolOptions.builder().processes(1).build());
        int r = pool.apply(() -> 6 * 7);
        pool.terminate();
        pool.join();
        System.out.println("queue gave '" + got + "', pool gave " + r + ", child exit " + p.exitCode().getAsInt());
        return r == 42 && got.startsWith("from Process-") && p.exitCode().getAsInt() == 0 ? null
                : "something did not work on a read-only root";
    }

    /**
     * A small {@code /dev/shm} (the container's {@code --shm-size}): a segment that does not fit is refused with an
     * error naming the size asked and the room free, and what was stored before is intact and usable from a child.
     */
    private static String smallDevShm() throws Exception {
        Context ctx = Mproc.context();
        if (!"shm".equals(ctx.ipcBackend())) {
            return "the shared-memory backend was not chosen: " + ctx.ipcBackend();
        }
        long free = Files.getFileStore(Path.of("/dev/shm")).getUsableSpace();
        Queue<String> q = ctx.queue();
        q.put("stored before");
        SharedMemory small = ctx.sharedMemory(64 << 10);
        small.buffer().putLong(0, 0x1234_5678_9abc_def0L);
        long asked = 4 * free + (16 << 20);
        String refusal;
        try {
            ctx.sharedMemory(asked).close();
            return "a segment of " + asked + " bytes was created in a /dev/shm with " + free + " bytes free";
        } catch (MprocException e) {
            refusal = e.getMessage();
        }
        System.out.println("refused: " + refusal);
        if (!refusal.contains(Long.toString(asked)) || !refusal.contains("free")) {
            return "the refusal does not name the size asked and the room free: " + refusal;
        }
        Process<Long> child = ctx.task(() -> {
            q.put("from the child");
            return small.buffer().getLong(0);
        }).start();
        child.join();
        String first = q.get(Duration.ofSeconds(60));
        String second = q.get(Duration.ofSeconds(60));
        System.out.println("after the refusal: queue gave '" + first + "', '" + second + "'; the child read "
                + Long.toHexString(child.result()) + " from the small segment");
        return first.equals("stored before") && second.equals("from the child") && child.result() == 0x1234_5678_9abc_def0L
                ? null : "what was stored before the refusal did not survive it";
    }

    private static List<String> captureWarnings() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logger.getLogger("dev.mproc").addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return seen;
    }

    private static boolean isRunning(long pid) {
        String s = ProcStat.state(pid);
        return s != null && !s.equals("Z") && !s.equals("X");
    }


    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
