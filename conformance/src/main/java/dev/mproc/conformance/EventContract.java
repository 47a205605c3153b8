package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.sync.Event;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link Event}, across real processes. */
public abstract class EventContract extends BackendCombination {

    @Test
    @DisplayName("an event starts clear; set and clear change what every process sees")
    void setAndClear() throws Exception {
        Event e = context().event();
        assertFalse(e.isSet());
        e.set();
        assertTrue(e.isSet());
        Process<Boolean> child = context().task(e::isSet).start();
        child.join();
        assertTrue(child.result());
        e.clear();
        Process<Boolean> again = context().task(e::isSet).start();
        again.join();
        assertFalse(again.result());
    }

    @Test
    @DisplayName("a child blocked in await() wakes when the parent sets the event")
    void childWakesOnSet() throws Exception {
        Event go = context().event();
        Event ready = context().event();
        Process<Boolean> child = context().task(() -> {
            ready.set();
            go.await();
            return go.isSet();
        }).start();
        assertTrue(ready.await(Duration.ofSeconds(30)), "the child started waiting");
        assertTrue(child.isAlive(), "the child is blocked on the event");
        go.set();
        child.join();
        assertTrue(child.result());
    }

    @Test
    @DisplayName("await with a timeout returns false after the timeout when nobody sets the event")
    void awaitTimesOut() throws Exception {
        Event e = context().event();
        Process<Long> child = context().task(() -> {
            long t0 = System.nanoTime();
            boolean set = e.await(Duration.ofMillis(300));
            return set ? -1L : System.nanoTime() - t0;
        }).start();
        child.join();
        assertTrue(child.result() >= TimeUnit.MILLISECONDS.toNanos(300), "waited " + child.result() + " ns");
        assertFalse(e.await(Duration.ZERO));
        e.set();
        assertTrue(e.await(Duration.ZERO));
    }

    @Test
    @DisplayName("set wakes every waiter, in several processes at once")
    void setWakesAll() throws Exception {
        Event go = context().event();
        Process<Boolean> a = context().task(() -> go.await(Duration.ofSeconds(30))).start();
        Process<Boolean> b = context().task(() -> go.await(Duration.ofSeconds(30))).start();
        go.set();
        a.join();
        b.join();
        assertTrue(a.result());
        assertTrue(b.result());
    }

    @Test
    @DisplayName("a thread waiting on an event can be interrupted")
    void awaitIsInterruptible() throws Exception {
        Event e = context().event();
        Call waiter = inThread(() -> e.await());
        assertEquals(InterruptedException.class, waiter.interruptAndAwait().getClass());
        e.set();
        assertTrue(e.await(Duration.ofSeconds(5)), "the event still works after a cancelled wait");
        assertThrows(NullPointerException.class, () -> e.await(null));
    }
}
