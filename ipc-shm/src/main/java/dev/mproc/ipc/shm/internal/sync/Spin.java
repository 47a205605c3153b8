package dev.mproc.ipc.shm.internal.sync;

/**
 * The adaptive spin budget of this process: how many times a blocked caller re-checks a word before it sleeps
 * on a futex. Waking a sleeper on another core costs tens of microseconds on the machines measured (SHM-NOTES),
 * so a short spin pays when the holder is running elsewhere; when the holder shares the core, spinning only burns
 * its time slice. The budget grows when a spin succeeded and shrinks when it did not; with one CPU it is zero.
 * Races on the budget are harmless: it is a hint.
 */
final class Spin {

    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;
    private static final int MIN = MULTI_CORE ? 16 : 0;
    /**
     * Pauses between two looks at a contended word. Each look pulls the word's line to this CPU, and the holder
     * must then fetch it back to release: looking without pause costs the holder a transfer per look. With 8, two
     * processes incrementing under one lock measured 14–24 M/s against 5–6 M/s with 1 (LockedIncrementBenchmark).
     */
    static final int PAUSES = Math.max(1, Integer.getInteger("mproc.shm.spinPauses", 8));
    /** The most looks: about 8,000 pauses, a few hundred microseconds, whatever the pauses per look. */
    private static final int MAX = MULTI_CORE ? Math.max(MIN, 8192 / PAUSES) : 0;
    private static int budget = MIN * 8;

    private Spin() {
    }

    /** Waits the pause between two looks at a contended word. */
    static void pause() {
        for (int i = 0; i < PAUSES; i++) {
            Thread.onSpinWait();
        }
    }

    /** @return the number of re-checks to make before sleeping */
    static int budget() {
        return budget;
    }

    /** The caller's spin obtained what it waited for. */
    static void succeeded() {
        int b = budget;
        budget = Math.min(MAX, b + (b >> 2) + 16);
    }

    /** The caller's spin ran out. */
    static void failed() {
        int b = budget;
        budget = Math.max(MIN, b - (b >> 3) - 1);
    }
}
