package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.sync.Event;
import java.time.Duration;

/** The proxy of an {@link EventObject}. */
public final class NettyEvent extends RemoteObject implements Event {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the event's handle
     * @param client the owner's client
     */
    public NettyEvent(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    public void set() {
        client().callQuick(ref.id(), EventObject.SET);
    }

    @Override
    public void clear() {
        client().callQuick(ref.id(), EventObject.CLEAR);
    }

    @Override
    public boolean isSet() {
        return client().callQuick(ref.id(), EventObject.IS_SET).payload().get() != 0;
    }

    @Override
    public void await() throws InterruptedException {
        client().call(ref.id(), EventObject.WAIT, WireTimeouts.args(Timeouts.FOREVER), null);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return client().call(ref.id(), EventObject.WAIT, WireTimeouts.args(Timeouts.nanos(timeout)), null).ok();
    }
}
