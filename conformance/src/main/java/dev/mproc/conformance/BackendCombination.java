package dev.mproc.conformance;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What every contract of the kit stands on: one spawn × IPC backend combination and a context made of it,
 * opened once per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class BackendCombination {

    private Context ctx;

    /**
     * A spawn backend and an IPC backend, by name.
     *
     * @param spawn the spawn backend
     * @param ipc the IPC backend
     */
    public record Combination(String spawn, String ipc) {
        @Override
        public String toString() {
            return spawn + " × " + ipc;
        }
    }

    /** @return the backends under test */
    protected abstract Combination combination();

    /** @return the spawn backend under test */
    protected String spawnBackend() {
        return combination().spawn();
    }

    /** @return the IPC backend under test */
    protected String ipcBackend() {
        return combination().ipc();
    }

    /** @return the options of the context under test; subclasses may add to them */
    protected ContextOptions.Builder options() {
        return ContextOptions.builder().spawnBackend(spawnBackend()).ipcBackend(ipcBackend());
    }

    @BeforeAll
    void openContext() {
        ctx = Mproc.context(options().build());
    }

    @AfterAll
    void closeContext() {
        if (ctx != null) {
            ctx.close();
        }
    }

    /** @return the context under test */
    protected Context context() {
        return ctx;
    }

    /** A blocking call, made on a thread of its own by {@link #inThread(Blocking)}. */
    @FunctionalInterface
    protected interface Blocking {
        /** @throws Exception whatever the call ends with */
        void call() throws Exception;
    }

    /**
     * A thread making one blocking call, and what the call ended with.
     *
     * @param thread the thread, started
     * @param ended completes with {@code null} if the call returned, or with what it threw
     */
    protected record Call(Thread thread, CompletableFuture<Throwable> ended) {

        /**
         * Interrupts the thread and waits for the call to end.
         *
         * @return what the call threw, {@code null} if it returned
         * @throws Exception if it did not end within 30 s
         */
        public Throwable interruptAndAwait() throws Exception {
            thread.interrupt();
            return ended.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Makes a blocking call on a new thread, for tests of interruption and of waking.
     *
     * @param call the call
     * @return the started thread and the call's outcome
     */
    protected static Call inThread(Blocking call) {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                call.call();
                ended.complete(null);
            } catch (Throwable e) { // NOPMD: the test inspects whatever the call threw
                ended.complete(e);
            }
        }, "kit-blocking-call");
        t.start();
        return new Call(t, ended);
    }
}
