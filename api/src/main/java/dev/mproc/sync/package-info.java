/**
 * Synchronizers shared by processes: {@link dev.mproc.sync.Lock}, {@link dev.mproc.sync.RLock},
 * {@link dev.mproc.sync.Semaphore}, {@link dev.mproc.sync.BoundedSemaphore}, {@link dev.mproc.sync.Event},
 * {@link dev.mproc.sync.Condition} and {@link dev.mproc.sync.Barrier}, as in Python's
 * {@code multiprocessing.synchronize}, spelled like {@code java.util.concurrent}.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>A {@link java.time.Duration} timeout of zero or less means "do not wait"; a {@code null} timeout is
 *       a {@link java.lang.NullPointerException}. Python's {@code acquire(False, t)} ignores {@code t}; here
 *       it is {@code tryAcquire()}, which takes no timeout.</li>
 *   <li>Blocking methods throw {@link java.lang.InterruptedException} if the calling thread is interrupted
 *       on entry or while waiting; the interrupt status is then cleared and nothing was acquired.</li>
 *   <li>Misuse that Python reports with {@code ValueError}, {@code RuntimeError} or {@code AssertionError}
 *       (releasing an unheld lock, over-releasing a bounded semaphore, waiting on a condition without its
 *       lock) throws {@link java.lang.IllegalStateException}, which unlike an {@code assert} never
 *       disappears.</li>
 *   <li>Processes share no heap: the memory effects each interface states concern shared state (the
 *       contents of shared objects), as explained in {@link dev.mproc.SharedObject}.</li>
 * </ul>
 *
 * <h2>When a holder dies</h2>
 * Python deadlocks when a process dies holding a lock. Here, a hold left by a process that died is
 * recovered: the lock, or the semaphore permit, passes to the next acquirer as if it had been released, and
 * that acquirer succeeds normally, so code written for Python runs unchanged. The data the lock protected
 * may be half-updated, though; a caller that cares asks right after acquiring:
 * <pre>{@code
 * lock.acquire();
 * try {
 *     if (lock.lastOwnerDied()) {
 *         repairSharedState();
 *     }
 *     update();
 * } finally {
 *     lock.release();
 * }
 * }</pre>
 * {@code lastOwnerDied()} describes the calling thread's latest acquisition through that handle, so it needs
 * no synchronization and cannot be confused by other acquirers. Each recovered hold is reported to exactly
 * one acquirer. Death means the end of the holder's process; a thread that ends while holding a lock leaves
 * it held, as in {@code java.util.concurrent}.
 */
package dev.mproc.sync;
