package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import java.nio.ByteBuffer;

/**
 * Base of the proxies of a manager's containers: one blocking, uninterruptible round trip per method, as the api
 * promises ("each call waits for the manager to answer"), with the container named in every failure.
 */
abstract class ManagerContainer extends RemoteObject {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the container's handle
     * @param client the client of the manager's owner
     */
    ManagerContainer(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    /**
     * Runs one operation at the owner.
     *
     * @param op the operation
     * @param args its arguments
     * @return the reply's op-specific data
     * @throws MprocException if the manager was shut down or its owner is gone
     */
    final ByteBuffer call(byte op, byte[] args) {
        Response response;
        try {
            response = client().callQuick(ref.id(), op, args);
        } catch (MprocException e) {
            throw new MprocException(this + ": " + e.getMessage(), e);
        }
        return ManagerProtocol.checked(response.payload(), toString());
    }

    /**
     * @param op an operation without arguments
     * @return the reply's op-specific data
     */
    final ByteBuffer call(byte op) {
        return call(op, noArgs());
    }
}
