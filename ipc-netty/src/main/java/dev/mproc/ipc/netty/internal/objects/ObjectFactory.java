package dev.mproc.ipc.netty.internal.objects;

import java.util.function.BiFunction;
import java.util.function.Function;

/** Creates objects owned by this process: registers their state at the local object server, builds the proxy. */
public interface ObjectFactory {

    /**
     * @param state creates the state, given the server (for timers and related objects)
     * @param proxy builds the proxy from the handle and the owner's own client
     * @param <T> the proxy type
     * @return the proxy
     */
    <T> T create(Function<ObjectServer, ServerObject> state, BiFunction<Ref, ObjectClient, T> proxy);

    /**
     * The error for a primitive not provided yet.
     *
     * @param primitive the factory's name
     * @return the exception to throw
     */
    UnsupportedOperationException notProvided(String primitive);
}
