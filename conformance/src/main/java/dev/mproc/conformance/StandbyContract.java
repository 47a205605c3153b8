package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Warm standby children ({@link ContextOptions.Builder#standbyProcesses(int)}): process semantics unchanged. */
public abstract class StandbyContract extends BackendCombination {

    /** Counts the tasks run in one JVM: a fresh process starts it at zero. */
    static final AtomicInteger TASKS_IN_THIS_JVM = new AtomicInteger();

    @Override
    protected ContextOptions.Builder options() {
        return super.options().standbyProcesses(1);
    }

    @Test
    @DisplayName("a ready standby takes the next start, runs one task only, with its own pid and fresh static state,"
            + " and is listed only once it has a task")
    void standbyRunsOneTaskAsAFreshProcess() throws Exception {
        long[] first = startWhenReady();
        long[] second = startWhenReady();
        assertEquals(1, first[1], "the first task found fresh static state");
        assertEquals(1, second[1], "a standby never runs a second task: the next one finds fresh static state too");
        assertNotEquals(first[0], second[0], "each task ran in a process of its own");
        assertNotEquals(Mproc.currentProcess().pid(), first[0]);
        assertTrue(context().awaitStandby(Duration.ofMinutes(1)), "a replacement is ready again");
        assertTrue(Mproc.activeChildren().isEmpty(), "an idle standby is in no listing: " + Mproc.activeChildren());
    }

    private long[] startWhenReady() throws Exception {
        assertTrue(context().awaitStandby(Duration.ofMinutes(1)), "a standby child booted and authenticated");
        Process<long[]> p = context().task(() -> new long[] {Mproc.currentProcess().pid(),
                TASKS_IN_THIS_JVM.incrementAndGet()}).start();
        p.join();
        assertEquals(0, p.exitCode().getAsInt());
        assertEquals(p.pid().getAsLong(), p.result()[0]);
        return p.result();
    }

    @Test
    @DisplayName("awaitStandby answers false at once where no standby is kept, and after the context is closed")
    void awaitStandbyWithoutStandbys() throws Exception {
        try (Context none = Mproc.context(super.options().build())) {
            // No limit that matters: a wait that did not answer at once would run into the class's timeout.
            assertFalse(none.awaitStandby(Duration.ofDays(1)));
        }
        Context closed = Mproc.context(options().build());
        closed.close();
        assertFalse(closed.awaitStandby(Duration.ofDays(1)));
    }
}
