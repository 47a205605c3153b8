package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A manager at its owner: creates containers as objects of the same server, on behalf of any process holding the
 * manager's handle, and disposes them all when shut down. After shutdown it stays registered as a small
 * tombstone, so that every process learns "shut down" rather than "no such object"; the owner's context closing
 * removes it with everything else.
 */
final class ManagerObject implements ServerObject {

    /** Op: create a map; answers its id (8 bytes). */
    static final byte NEW_MAP = 10;
    /** Op: create a list; answers its id. */
    static final byte NEW_LIST = 11;
    /** Op: create a namespace (a map of attribute names); answers its id. */
    static final byte NEW_NAMESPACE = 12;
    /** Op: dispose every container; later creations fail. Idempotent. */
    static final byte SHUTDOWN = 13;
    /** Op: one byte, 1 if shut down. */
    static final byte IS_SHUTDOWN = 14;

    private final ObjectServer server;
    private final ClassLoader loader;
    private final List<Long> containers = new ArrayList<>();
    private boolean shutdown;

    /**
     * @param server the server its containers are registered with
     * @param loader the creator's class loader, with which containers decode keys and values
     */
    ManagerObject(ObjectServer server, ClassLoader loader) {
        this.server = server;
        this.loader = loader;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        switch (op) {
            case NEW_MAP, NEW_NAMESPACE -> create(request, new MapObject(loader));
            case NEW_LIST -> create(request, new ListObject(loader));
            case SHUTDOWN -> {
                shutdown();
                request.ok();
            }
            case IS_SHUTDOWN -> request.ok(new byte[] {(byte) (shutdown ? 1 : 0)});
            default -> request.fail(Wire.ERR_PROTOCOL, "a manager has no op " + op);
        }
    }

    private void create(Request request, ServerObject container) {
        if (shutdown) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "the manager has shut down; it creates no more containers");
            return;
        }
        long id = server.registerOnLoop(container);
        containers.add(id);
        request.ok(ByteBuffer.allocate(8).putLong(id).array());
    }

    private void shutdown() {
        if (shutdown) {
            return;
        }
        shutdown = true;
        for (long id : containers) {
            server.disposeOnLoop(id);
        }
        containers.clear();
    }

    @Override
    public void dispose() {
        shutdown();
    }
}
