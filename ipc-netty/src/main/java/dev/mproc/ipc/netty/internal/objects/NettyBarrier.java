package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * The proxy of a {@link BarrierObject}. The action, encoded once at creation, travels with the handle and is
 * decoded on first use in the process that runs it: the owner never runs user code.
 */
final class NettyBarrier extends RemoteObject implements Barrier {
    private static final long serialVersionUID = 1L;

    private final int parties;
    private final byte[] encodedAction;
    private transient volatile BarrierAction action;

    /**
     * @param ref the barrier's handle
     * @param client the owner's client
     * @param parties how many parties pass together
     * @param action the action, or {@code null}
     * @param encodedAction the action as the codec encoded it, or {@code null}
     */
    NettyBarrier(Ref ref, ObjectClient client, int parties, BarrierAction action, byte[] encodedAction) {
        super(ref, client);
        this.parties = parties;
        this.action = action;
        this.encodedAction = encodedAction;
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return awaitNanos(Timeouts.FOREVER);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a wait without timeout timed out", e);
        }
    }

    @Override
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        return awaitNanos(Timeouts.nanos(timeout));
    }

    private int awaitNanos(long nanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        if (Thread.interrupted()) {
            abort();
            throw new InterruptedException();
        }
        Response r = client().call(ref.id(), BarrierObject.WAIT, WireTimeouts.args(nanos), this::undoWait);
        if (r.timedOut()) {
            throw new TimeoutException("the barrier's timeout elapsed before all " + parties
                    + " parties arrived; the barrier is broken");
        }
        ByteBuffer p = r.payload();
        byte outcome = p.get();
        int index = p.getInt();
        long pass = p.getLong();
        if (outcome == BarrierObject.BROKEN) {
            throw new BrokenBarrierException();
        }
        if (outcome == BarrierObject.RUN_ACTION) {
            runAction(pass);
        }
        return index;
    }

    private void runAction(long pass) throws BrokenBarrierException {
        try {
            action().run();
        } catch (RuntimeException | Error e) {
            client().callQuick(ref.id(), BarrierObject.ACTION_DONE, actionDone(pass, false));
            throw e;
        }
        ByteBuffer done = client().callQuick(ref.id(), BarrierObject.ACTION_DONE, actionDone(pass, true)).payload();
        if (done.get(done.position()) == BarrierObject.BROKEN) {
            throw new BrokenBarrierException();
        }
    }

    /** A wait answered after the caller was interrupted: if it was this party's turn to run the action, break. */
    private void undoWait(Response late) {
        ByteBuffer p = late.payload();
        if (p.get(p.position()) == BarrierObject.RUN_ACTION) {
            client().callQuick(ref.id(), BarrierObject.ACTION_DONE, actionDone(p.getLong(p.position() + 5), false));
        }
    }

    private static byte[] actionDone(long pass, boolean succeeded) {
        return ByteBuffer.allocate(9).putLong(pass).put((byte) (succeeded ? 1 : 0)).array();
    }

    private BarrierAction action() {
        BarrierAction a = action;
        if (a == null) {
            a = (BarrierAction) DefaultCodec.standard().decode(encodedAction, 0, encodedAction.length);
            action = a;
        }
        return a;
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public int waiting() {
        ByteBuffer p = client().callQuick(ref.id(), BarrierObject.WAITING).payload();
        return p.getInt(p.position());
    }

    @Override
    public boolean isBroken() {
        ByteBuffer p = client().callQuick(ref.id(), BarrierObject.IS_BROKEN).payload();
        return p.get(p.position()) != 0;
    }

    @Override
    public void abort() {
        client().callQuick(ref.id(), BarrierObject.ABORT);
    }

    @Override
    public void reset() {
        client().callQuick(ref.id(), BarrierObject.RESET);
    }
}
