package dev.mproc.conformance;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
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
}
