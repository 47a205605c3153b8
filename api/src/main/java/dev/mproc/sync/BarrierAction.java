package dev.mproc.sync;

import java.io.Serializable;

/**
 * What a {@link Barrier} runs once per pass, in the last party to arrive, before any party is released.
 * Python's {@code Barrier(parties, action)}.
 *
 * <p>The action is encoded with the barrier, by the context's codec, and runs in whichever process arrives
 * last; so it must be serializable (a lambda written where the barrier is created is, since this interface
 * extends {@link Serializable}), and every participating process must be able to decode it.
 */
@FunctionalInterface
public interface BarrierAction extends Serializable {

    /**
     * Runs the action. An exception it throws breaks the barrier: it propagates from
     * {@link Barrier#await()} in the party that ran it, and the others receive
     * {@link java.util.concurrent.BrokenBarrierException}.
     */
    void run();
}
