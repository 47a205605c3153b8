package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.Region;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on shared memory: spins briefly, then sleeps on a <em>signal word</em> in bounded slices.
 *
 * <p>A signal word is a futex word whose bit 0 says "someone sleeps on me" (SHM-NOTES, pitfall 1: the waiter
 * indication lives in the futex word itself). A waiter reads the word, sets the bit with a CAS, re-checks its
 * condition and sleeps on exactly the value it wrote; whoever changes the condition (with a volatile write) then
 * calls {@link #signal}, which costs one volatile read when nobody sleeps, and otherwise advances the word (clearing
 * the bit) before waking every sleeper. The volatile write of the condition and the volatile read of the word on
 * one side, the CAS of the word and the volatile re-read of the condition on the other, make sure that either the
 * signaller sees the bit or the waiter sees the new condition.
 *
 * <p>The spin budget adapts per instance: it doubles (up to {@link #MAX_SPIN_NANOS}) when spinning found the
 * condition, grows to cover the wait when a failed spin was followed by a short wait (under four times the
 * longest spin, wake-up included), and halves after a longer one; with one processor there is no spinning at all, since the peer cannot run
 * while we spin. Each sleep slice ends after at most {@link #SLICE_NANOS}, when the caller's {@link Check} runs
 * (owner alive? dead lock holder? end of file?). Thread-safe; the budget is a hint shared by the instance's users.
 */
final class Waiter {

    /** Bit 0 of a signal word: somebody sleeps on it. The rest counts signals, in steps of 2. */
    static final int SLEEPER = 1;
    static final long MAX_SPIN_NANOS = Long.getLong("mproc.shm.spinNanos", 50_000);
    static final long MIN_SPIN_NANOS = 1_000;
    /** The longest single sleep; liveness and interrupts (through {@link Sleeper}) are checked at least this often. */
    static final long SLICE_NANOS = 100_000_000;
    /**
     * The first sleep of a wait, spent in the kernel on the calling thread (deaf to interrupts meanwhile, and
     * {@code RUNNABLE}); later ones go through {@link Sleeper}. A peer that pauses for less than this (a few
     * milliseconds of work between messages is common) then wakes us with a single futex wake, one hop; past it,
     * a wake costs two (the helper's futex, then the caller's unpark), measured at tens of microseconds more on
     * a loaded machine. 20 ms, the slice the sync primitives sleep in directly, bounds how late an interrupt of
     * a freshly blocked call is answered, and how long such a call shows {@code RUNNABLE} before {@code WAITING}.
     */
    static final long DIRECT_SLEEP_NANOS = Long.getLong("mproc.shm.directSleepNanos", 20_000_000);
    /**
     * Pauses between two looks at the condition while spinning. A look reads the peer's line (a ring's TAIL): looking
     * without pause pulls that line away from the writer after each of its writes, so that every message costs two
     * transfers of it between the CPUs; a few pauses let several messages gather between looks, read in one burst.
     */
    static final int SPIN_PAUSES = Integer.getInteger("mproc.shm.spinPauses", 8);
    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() > 1;

    /** What a wait ended with. */
    enum Outcome {
        /** The condition held. */
        READY,
        /** The deadline passed first. */
        TIMED_OUT,
        /** The check asked to stop. */
        STOPPED
    }

    /** Runs after every sleep slice, off the fast path. */
    @FunctionalInterface
    interface Check {
        /**
         * @return {@code true} to stop waiting
         * @throws dev.mproc.MprocException to fail the wait, e.g. when the owner has exited
         */
        boolean stop();
    }

    private volatile long spinNanos = SPIN ? MAX_SPIN_NANOS / 4 : 0;
    /**
     * When a wait of this instance last ran its check. Waits cut short by interrupts never finish a slice, so a
     * wait also runs the check before sleeping when none ran for a slice: a thread interrupted over and over
     * still finds out that the owner or the peer has gone.
     */
    private volatile long lastCheck = System.nanoTime();

    /**
     * Waits until {@code ready} holds, the deadline passes or the check stops it.
     *
     * @param region the region of the signal word
     * @param word the signal word's offset
     * @param ready the condition; must read shared memory with volatile or acquire reads
     * @param deadline a {@link System#nanoTime()} value, or {@link Long#MAX_VALUE} for none
     * @param check runs after each slice
     * @return the outcome
     * @throws InterruptedException if interrupted while waiting
     */
    Outcome await(Region region, int word, BooleanSupplier ready, long deadline, Check check)
            throws InterruptedException {
        if (ready.getAsBoolean()) {
            return Outcome.READY;
        }
        long budget = spinNanos;
        long start = 0;
        if (budget > 0) {
            start = System.nanoTime();
            long end = start + Math.min(budget, Math.max(0, deadline - start));
            for (int i = 1;; i++) {
                for (int p = 0; p < SPIN_PAUSES; p++) {
                    Thread.onSpinWait();
                }
                if (ready.getAsBoolean()) {
                    spinNanos = Math.min(MAX_SPIN_NANOS, budget * 2);
                    return Outcome.READY;
                }
                if ((i & 31) == 0 && System.nanoTime() - end >= 0) {
                    break;
                }
            }
        }
        Outcome o = sleepUntil(region, word, ready, deadline, check);
        if (budget > 0) {
            // Judged by the whole wait, not by the spin alone: a wait that ended soon after the spin gave up (the
            // peer answered, and most of the time went into waking us) would have been caught by a longer spin, so
            // the budget grows to cover it; a budget that only shrank on failures could never grow back past the
            // peer's answer time. A long wait means the peer is away: spinning does not pay.
            long waited = System.nanoTime() - start;
            spinNanos = o == Outcome.READY && waited < 4 * MAX_SPIN_NANOS
                    ? Math.min(MAX_SPIN_NANOS, Math.max(budget * 2, waited))
                    : Math.max(MIN_SPIN_NANOS, budget / 2);
        }
        return o;
    }

    private Outcome sleepUntil(Region region, int word, BooleanSupplier ready, long deadline, Check check)
            throws InterruptedException {
        long address = region.address(word);
        int sleeps = 0;
        while (true) {
            long now = System.nanoTime();
            if (now - lastCheck >= SLICE_NANOS) {
                lastCheck = now;
                if (check.stop()) {
                    return ready.getAsBoolean() ? Outcome.READY : Outcome.STOPPED;
                }
            }
            if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
                return ready.getAsBoolean() ? Outcome.READY : Outcome.TIMED_OUT;
            }
            int v = region.getIntVolatile(word);
            if (ready.getAsBoolean()) {
                return Outcome.READY;
            }
            if ((v & SLEEPER) == 0) {
                if (!region.compareAndSetInt(word, v, v | SLEEPER)) {
                    continue;
                }
                v |= SLEEPER;
                if (ready.getAsBoolean()) {
                    return Outcome.READY;
                }
            }
            long slice = deadline == Long.MAX_VALUE ? SLICE_NANOS : Math.min(SLICE_NANOS, deadline - now);
            if (sleeps++ == 0) {
                // The first sleep of a wait is on this thread: a wake then costs one hop, not two (futex to
                // helper, unpark to caller), which is what a peer that paused briefly pays.
                Futex.await(address, v, Math.min(slice, DIRECT_SLEEP_NANOS));
            } else {
                Sleeper.sleep(address, v, slice);
            }
            if (ready.getAsBoolean()) {
                return Outcome.READY;
            }
            long after = System.nanoTime();
            // A slice that ended unsignalled runs the check; a signalled waiter re-checks its condition at once,
            // and runs the check only every half slice, so that busy neighbours cannot starve it.
            if (region.getIntVolatile(word) == v || after - lastCheck >= SLICE_NANOS / 2) {
                lastCheck = after;
                if (check.stop()) {
                    return Outcome.STOPPED;
                }
            }
        }
    }

    /**
     * Wakes the sleepers of a signal word, if any; call after the volatile write that changed their condition.
     *
     * @param region the region of the word
     * @param word its offset
     */
    static void signal(Region region, int word) {
        if ((region.getIntVolatile(word) & SLEEPER) != 0) {
            signalSlow(region, word);
        }
    }

    private static void signalSlow(Region region, int word) {
        while (true) {
            int v = region.getIntVolatile(word);
            if ((v & SLEEPER) == 0) {
                return;
            }
            if (region.compareAndSetInt(word, v, (v + 2) & ~SLEEPER)) {
                Futex.wake(region.address(word), Integer.MAX_VALUE);
                return;
            }
        }
    }
}
