package dev.mproc.sync;

/**
 * A hold on a lock or on a semaphore permit, released by {@link #close()}, for try-with-resources, as
 * Python's {@code with lock:} does:
 * <pre>{@code
 * try (Held held = lock.hold()) {
 *     counter.set(counter.get() + 1);
 * }
 * }</pre>
 * Obtained from {@link Lock#hold()} or {@link Semaphore#hold()}.
 */
public interface Held extends AutoCloseable {

    /**
     * Releases the hold. Only the first call releases; later calls have no effect, so a second close can
     * never release a hold that another thread or process obtained meanwhile.
     *
     * @throws IllegalStateException if the hold is on an {@link RLock} and the calling thread is not the one
     *     that obtained it
     */
    @Override
    void close();
}
