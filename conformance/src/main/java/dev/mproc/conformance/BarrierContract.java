package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.shared.IntValue;
import dev.mproc.sync.Barrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link Barrier}, across real processes. */
public abstract class BarrierContract extends BackendCombination {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final long FOREVER_MS = 120_000;

    @Test
    @DisplayName("three parties in three processes pass together, and the action runs once per pass before release")
    void partiesPassWithAction() throws Exception {
        IntValue runs = context().intValue(0, false);
        Barrier barrier = context().barrier(3, () -> runs.incrementAndGet());
        assertEquals(3, barrier.parties());
        int passes = 5;
        List<Process<List<Integer>>> children = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            children.add(context().task(() -> pass(barrier, runs, passes)).start());
        }
        List<Integer> mine = pass(barrier, runs, passes);
        List<List<Integer>> all = new ArrayList<>();
        all.add(mine);
        for (Process<List<Integer>> p : children) {
            p.join();
            all.add(p.result());
        }
        for (int i = 0; i < passes; i++) {
            Set<Integer> indexes = new HashSet<>();
            for (List<Integer> party : all) {
                indexes.add(party.get(i));
            }
            assertEquals(Set.of(0, 1, 2), indexes, "arrival indexes of pass " + i);
        }
        assertEquals(passes, runs.get());
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    private static List<Integer> pass(Barrier barrier, IntValue runs, int passes) throws Exception {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            indexes.add(barrier.await(LONG));
            if (runs.get() != i + 1) {
                throw new IllegalStateException("after pass " + i + " the action ran " + runs.get() + " times");
            }
        }
        return indexes;
    }

    @Test
    @DisplayName("a timeout breaks the barrier: TimeoutException for the party that waited, broken for all others")
    void timeoutBreaksForAll() throws Exception {
        Barrier barrier = context().barrier(3);
        Process<String> child = context().task(() -> outcome(barrier)).start();
        awaitWaiting(barrier, 1);
        long t0 = System.nanoTime();
        assertThrows(TimeoutException.class, () -> barrier.await(Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(300).toNanos());
        child.join();
        assertEquals("broken", child.result());
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, barrier::await, "later waits fail at once");
        Process<String> late = context().task(() -> outcome(barrier)).start();
        late.join();
        assertEquals("broken", late.result());
    }

    @Test
    @DisplayName("abort breaks the barrier for waiting and later parties")
    void abortBreaks() throws Exception {
        Barrier barrier = context().barrier(2);
        Process<String> child = context().task(() -> outcome(barrier)).start();
        awaitWaiting(barrier, 1);
        barrier.abort();
        child.join();
        assertEquals("broken", child.result());
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(LONG));
    }

    @Test
    @DisplayName("reset breaks the current pass for its waiters, then the barrier works again, an aborted one too")
    void resetMakesUsableAgain() throws Exception {
        Barrier barrier = context().barrier(2);
        Process<String> child = context().task(() -> outcome(barrier)).start();
        awaitWaiting(barrier, 1);
        barrier.reset();
        child.join();
        assertEquals("broken", child.result());
        assertFalse(barrier.isBroken());
        barrier.abort();
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertFalse(barrier.isBroken());
        Process<String> again = context().task(() -> outcome(barrier)).start();
        int index = barrier.await(LONG);
        again.join();
        assertEquals(1, index + Integer.parseInt(again.result()), "the two parties got indexes 0 and 1");
    }

    @Test
    @DisplayName("an action that throws breaks the barrier: its runner gets the exception, the others broken")
    void failingActionBreaks() throws Exception {
        Barrier barrier = context().barrier(2, () -> {
            throw new IllegalStateException("action failed");
        });
        Process<String> child = context().task(() -> outcome(barrier)).start();
        awaitWaiting(barrier, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> barrier.await(LONG));
        assertEquals("action failed", e.getMessage());
        child.join();
        assertEquals("broken", child.result());
        assertTrue(barrier.isBroken());
    }

    @Test
    @DisplayName("the action runs in the last party to arrive, even in a child")
    void actionRunsInLastParty() throws Exception {
        IntValue ranIn = context().intValue(0, false);
        Barrier barrier = context().barrier(2, () -> ranIn.set((int) ProcessHandle.current().pid()));
        Process<Integer> child = context().task(() -> {
            return barrier.await(LONG);
        });
        // The parent arrives first, so the child is last.
        Thread parent = new Thread(() -> {
            try {
                barrier.await(LONG);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        parent.start();
        awaitWaiting(barrier, 1);
        child.start();
        child.join();
        parent.join();
        assertEquals(1, child.result());
        assertEquals((int) child.pid().getAsLong(), ranIn.get());
    }

    @Test
    @DisplayName("a party killed while waiting breaks the barrier for the others")
    void killedPartyBreaks() throws Exception {
        Barrier barrier = context().barrier(3);
        Process<Void> victim = context().process(() -> {
            barrier.await();
            Thread.sleep(FOREVER_MS);
        }).start();
        Process<String> survivor = context().task(() -> outcome(barrier)).start();
        awaitWaiting(barrier, 2);
        victim.kill();
        victim.join();
        survivor.join();
        assertEquals("broken", survivor.result());
        assertTrue(barrier.isBroken());
    }

    @Test
    @DisplayName("interrupting a waiting party breaks the barrier: InterruptedException for it, broken for the others")
    void interruptBreaks() throws Exception {
        Barrier barrier = context().barrier(3);
        Process<String> child = context().task(() -> outcome(barrier)).start();
        awaitWaiting(barrier, 1);
        Call party = inThread(() -> barrier.await());
        awaitWaiting(barrier, 2);
        assertEquals(InterruptedException.class, party.interruptAndAwait().getClass());
        child.join();
        assertEquals("broken", child.result());
        assertTrue(barrier.isBroken());
    }

    @Test
    @DisplayName("a barrier of one passes at once; a zero timeout breaks a barrier the caller cannot complete")
    void edgeCases() throws Exception {
        Barrier one = context().barrier(1);
        assertEquals(0, one.await());
        assertEquals(0, one.await(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> context().barrier(0));
        assertThrows(NullPointerException.class, () -> context().barrier(2, null));
        Barrier two = context().barrier(2);
        assertThrows(TimeoutException.class, () -> two.await(Duration.ZERO));
        assertTrue(two.isBroken());
        assertThrows(NullPointerException.class, () -> two.await(null));
    }

    /** Waits at the barrier; returns the index, or "broken". */
    private static String outcome(Barrier barrier) throws Exception {
        try {
            return Integer.toString(barrier.await(LONG));
        } catch (BrokenBarrierException e) {
            return "broken";
        }
    }

    private static void awaitWaiting(Barrier barrier, int parties) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (barrier.waiting() < parties) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + parties + " parties arrived");
            }
            Thread.onSpinWait();
        }
    }
}
