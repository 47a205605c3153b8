package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.pipe.Pipe;
import dev.mproc.queue.JoinableQueue;
import dev.mproc.queue.Queue;
import dev.mproc.queue.SimpleQueue;
import dev.mproc.shared.ByteArray;
import dev.mproc.shared.DoubleArray;
import dev.mproc.shared.DoubleValue;
import dev.mproc.shared.IntArray;
import dev.mproc.shared.IntValue;
import dev.mproc.shared.LongArray;
import dev.mproc.shared.LongValue;
import dev.mproc.shared.Manager;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import dev.mproc.sync.Semaphore;

/** The netty backend's factories of this family of shared objects. */
public final class Managers {

    private Managers() {
    }

    /**
     * Creates a manager owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @return the proxy
     */
    public static Manager manager(ObjectFactory factory) {
        throw factory.notProvided("manager");
    }
}
