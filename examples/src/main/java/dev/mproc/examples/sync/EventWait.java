package dev.mproc.examples.sync;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;
import dev.mproc.sync.Event;

/**
 * Seed 002, 三、Event实现进程间同步通信: process {@code block} waits for the event without a timeout, process
 * {@code non-block} waits at most 2 s; main sets the event after 3 s. The seed's output with {@code e.set()}: the
 * timed waiter gives up ({@code False}), main sets the event, the other waiter wakes ({@code True}). Main announces
 * the event before setting it, as the waiter may print before main could print after.
 */
public final class EventWait {

    private EventWait() {
    }

    static void waitForEvent(Event e) throws InterruptedException {
        System.out.println("wait_for_event: starting");
        e.await();
        System.out.println("wait_for_event: e.is_set()->" + e.isSet());
    }

    static void waitForEventTimeout(Event e, double seedSeconds) throws InterruptedException {
        System.out.println("wait_for_event_timeout: starting");
        e.await(Pace.of(seedSeconds));
        System.out.println("wait_for_event_timeout: e.is_set()->" + e.isSet());
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Event e = ctx.event();
        Process<Void> w1 = ctx.process(() -> waitForEvent(e)).name("block").start();
        Process<Void> w2 = ctx.process(() -> waitForEventTimeout(e, 2)).name("non-block").start();
        Pace.sleep(3);
        w2.join(); // the seed's 3 s sleep outlasts the 2 s timeout; joining makes that certain on a slow machine
        System.out.println("main: setting the event " + Pace.note(3));
        e.set();
        w1.join();
        System.out.println("why: await() without a timeout returns only once the event is set, await(timeout) gives up"
                + " when the time is up; without e.set() the 'block' process would wait for ever");
    }
}
