package dev.mproc.ipc.shm.internal;

/**
 * {@code futex(2)} on words of shared memory: the only way a process of this backend sleeps. The words are
 * shared between processes, so the operations never use {@code FUTEX_PRIVATE_FLAG} (a waiter using it is never
 * woken by another process), and each process passes the address at which it has the word mapped: the kernel
 * identifies a shared futex by the page behind the address, not by the address.
 *
 * <p>Callers keep a waiter indication inside the futex word itself, so that a wake with nobody waiting costs no
 * system call and no wakeup is lost (SHM-NOTES, pitfall 1). A word must be 4-byte aligned.
 */
public final class Futex {

    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;

    /** What a {@link #await} ended with. */
    public enum Wake {
        /** Woken, or the word no longer held the expected value, or a spurious return: check the word again. */
        CHECK,
        /** The timeout elapsed. */
        TIMED_OUT
    }

    private Futex() {
    }

    /**
     * Sleeps while the word at {@code address} holds {@code expected}, at most {@code timeoutNanos}.
     *
     * @param address the word's address in this process
     * @param expected the value the caller saw; the kernel checks it atomically with going to sleep
     * @param timeoutNanos the longest sleep, or a negative value for no limit
     * @return why it returned; a caller always re-reads the word
     * @throws InterruptedException if the thread is interrupted on entry or was interrupted while sleeping (the
     *     interrupt is noticed when the sleep ends, so callers use bounded sleeps)
     */
    public static Wake await(long address, int expected, long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long[] timeout = timeoutNanos < 0 ? null
                : new long[] {timeoutNanos / 1_000_000_000L, timeoutNanos % 1_000_000_000L};
        long r = LibC.syscall(LibC.SYS_FUTEX, address, FUTEX_WAIT, expected, timeout, 0L, 0);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (r == 0) {
            return Wake.CHECK;
        }
        int errno = LibC.errno();
        if (errno == LibC.ETIMEDOUT) {
            return Wake.TIMED_OUT;
        }
        if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
            return Wake.CHECK;
        }
        throw new IllegalStateException("futex wait failed: errno " + errno);
    }

    /**
     * Wakes up to {@code count} sleepers on the word at {@code address}.
     *
     * @param address the word's address in this process
     * @param count how many to wake; {@link Integer#MAX_VALUE} for all
     * @return how many were woken
     */
    public static int wake(long address, int count) {
        long r = LibC.syscall(LibC.SYS_FUTEX, address, FUTEX_WAKE, count, null, 0L, 0);
        if (r < 0) {
            throw new IllegalStateException("futex wake failed: errno " + LibC.errno());
        }
        return (int) r;
    }
}
