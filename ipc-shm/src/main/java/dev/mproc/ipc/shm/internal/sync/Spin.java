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
    private static final int MAX = MULTI_CORE ? 4096 : 0;
    private static int budget = MIN * 8;

    private Spin() {
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
