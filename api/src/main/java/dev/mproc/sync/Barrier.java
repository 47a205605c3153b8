package dev.mproc.sync;

import dev.mproc.SharedObject;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A reusable barrier at which a fixed number of parties, threads of any processes, wait for each other:
 * Python's {@code multiprocessing.Barrier}, shaped like {@link java.util.concurrent.CyclicBarrier}. Created
 * by {@link dev.mproc.Primitives#barrier(int)} or {@link dev.mproc.Primitives#barrier(int, BarrierAction)}.
 *
 * <p>Each pass releases the parties once all have arrived, after running the {@linkplain BarrierAction
 * action}, if any, in the last to arrive; then the barrier is ready for the next pass.
 *
 * <h2>Breaking</h2>
 * The barrier breaks when a waiting party is interrupted or its timeout elapses, when the action throws,
 * when {@link #abort()} is called, or when the process of a waiting party dies (Python would leave the
 * others waiting). A broken barrier makes every waiting party and every later {@code await} throw
 * {@link BrokenBarrierException}, until {@link #reset()}. The party whose interruption, timeout or action
 * broke the barrier receives that cause instead: {@link InterruptedException}, {@link TimeoutException}
 * (Python raises {@code BrokenBarrierError} here too) or the action's exception. A party that has not yet
 * arrived cannot be known to have died; use timeouts where parties may die before arriving.
 *
 * <p>Memory effects: changes to shared state made by any party before its {@code await}, and by the action,
 * are visible to every party once its {@code await} returns normally.
 */
public interface Barrier extends SharedObject {

    /**
     * Waits until all parties have arrived at the barrier.
     *
     * @return the arrival index of the caller in this pass: 0 for the first to arrive,
     *     {@code parties() - 1} for the last, which ran the action (Python's numbering;
     *     {@link java.util.concurrent.CyclicBarrier} counts the other way)
     * @throws InterruptedException if interrupted on entry or while waiting; the barrier breaks
     * @throws BrokenBarrierException if the barrier is broken, or breaks while the caller waits
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * Waits up to the timeout until all parties have arrived at the barrier.
     *
     * @param timeout the longest time to wait; zero or less means do not wait, so the barrier breaks
     *     unless the caller is the last party to arrive
     * @return the arrival index of the caller, as {@link #await()}
     * @throws TimeoutException if the timeout elapsed; the barrier breaks
     * @throws InterruptedException if interrupted on entry or while waiting; the barrier breaks
     * @throws BrokenBarrierException if the barrier is broken, or breaks while the caller waits
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /**
     * Returns the number of parties needed to pass the barrier.
     *
     * @return the number given at creation
     */
    int parties();

    /**
     * Returns the number of parties waiting at the barrier at the moment of the check. Python's
     * {@code n_waiting}. Never blocks.
     *
     * @return the waiting parties, from 0 to {@code parties() - 1}
     */
    int waiting();

    /**
     * Tells whether the barrier is broken. Never blocks.
     *
     * @return {@code true} if the barrier is broken and not yet {@linkplain #reset() reset}
     */
    boolean isBroken();

    /**
     * Breaks the barrier: every waiting party and every later {@code await} throws
     * {@link BrokenBarrierException} until {@link #reset()}. Never blocks.
     */
    void abort();

    /**
     * Returns the barrier to its initial state: parties waiting now throw {@link BrokenBarrierException},
     * then the barrier is usable again, a broken one included. Never blocks.
     */
    void reset();
}
