package dev.mproc.spawn.posix;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The threads every child is spawned from. Each lives as long as the JVM, for two reasons the kernel imposes:
 * <ul>
 *   <li>{@code PR_SET_PDEATHSIG} fires when the <em>thread</em> that created the child ends, not its process; a
 *       child spawned from a caller's or a pool's thread would be killed when that thread finished.</li>
 *   <li>A child starts with the nice value, CPU affinity and policy of the thread that created it. The nice
 *       value cannot be raised back without privilege once lowered, so children with a nice value of their own
 *       are spawned from a thread that carries it for good: one thread per nice value in use (at most 40).</li>
 * </ul>
 * The default spawner, started on first use, carries the scheduling attributes of the thread that started it.
 * Spawning itself takes a fraction of a millisecond, so one thread per nice value is no bottleneck; everything a
 * spawn needs is prepared by the caller, and the caller writes the child's standard input afterwards.
 */
final class Spawner {

    private static final Object DEFAULT_LOCK = new Object();
    private static volatile Spawner defaultSpawner;
    private static final Map<Integer, Spawner> BY_NICE = new ConcurrentHashMap<>();

    private final BlockingQueue<FutureTask<?>> jobs = new LinkedBlockingQueue<>();

    private Spawner() {
    }

    /**
     * The spawner for children with the given nice value, or the default one.
     *
     * @param nice the nice value, or {@code null} to inherit
     * @return a running spawner
     * @throws IOException if the kernel refused the nice value (lowering it needs privilege)
     */
    static Spawner forNice(Integer nice) throws IOException {
        if (nice == null) {
            Spawner s = defaultSpawner;
            if (s == null) {
                synchronized (DEFAULT_LOCK) {
                    s = defaultSpawner;
                    if (s == null) {
                        s = start("mproc-posix-spawner", null);
                        defaultSpawner = s;
                    }
                }
            }
            return s;
        }
        Spawner s = BY_NICE.get(nice);
        if (s != null) {
            return s;
        }
        synchronized (BY_NICE) {
            s = BY_NICE.get(nice);
            if (s == null) {
                s = start("mproc-posix-spawner-nice" + nice, nice);
                BY_NICE.put(nice, s);
            }
            return s;
        }
    }

    private static Spawner start(String name, Integer nice) throws IOException {
        Spawner spawner = new Spawner();
        CompletableFuture<IOException> ready = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            IOException refused = nice == null ? null : setOwnNice(nice);
            ready.complete(refused);
            if (refused == null) {
                spawner.serve();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        IOException refused = ready.join();
        if (refused != null) {
            throw refused;
        }
        return spawner;
    }

    /** On Linux the nice value belongs to the thread: {@code who = 0} is the calling thread alone. */
    private static IOException setOwnNice(int nice) {
        if (LibC.setpriority(LibC.PRIO_PROCESS, 0, nice) == 0) {
            return null;
        }
        int errno = LibC.errno();
        return new IOException("the kernel refused nice value " + nice + " for a child: " + LibC.describe(errno)
                + (errno == LibC.EACCES || errno == LibC.EPERM
                        ? "; a nice value below the parent's needs CAP_SYS_NICE or RLIMIT_NICE" : ""));
    }

    private void serve() {
        while (true) {
            try {
                jobs.take().run();
            } catch (InterruptedException e) {
                // Nobody owns this thread but us; it must outlive every child it spawned, so it carries on.
            }
        }
    }

    /**
     * Runs a job on this spawner's thread and waits for it, uninterruptibly: once submitted, a spawn happens, and
     * its caller must learn the child's pid. An interrupt that arrives meanwhile is restored afterwards.
     *
     * @param job the work, typically one {@code posix_spawn}
     * @param <T> the result type
     * @return the job's result
     * @throws IOException as thrown by the job
     */
    <T> T call(Callable<T> job) throws IOException {
        FutureTask<T> task = new FutureTask<>(job);
        jobs.add(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
