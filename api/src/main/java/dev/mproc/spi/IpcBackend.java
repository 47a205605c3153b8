package dev.mproc.spi;

import dev.mproc.Primitives;
import java.io.IOException;

/**
 * One context's IPC backend. It owns the parent side of the control channel to the context's children and,
 * from later versions of the SPI on, the shared objects. Thread-safe.
 */
public interface IpcBackend extends AutoCloseable {

    /**
     * The parent side of the control channel, started on first use.
     *
     * @return the running control server
     * @throws IOException if it could not be started (for example the socket could not be bound)
     */
    ControlServer controlServer() throws IOException;

    /**
     * The class a freshly started child loads by name to reach {@link #controlServer()}. It implements
     * {@link ChildConnector}, has a public no-argument constructor and must be cheap to load: it runs on every
     * child's start path, before the task, so it must not initialise heavy machinery (event loops, native
     * transports) that the child does not need to speak the protocol.
     *
     * @return the fully qualified class name
     */
    String childConnectorClass();

    /**
     * The factories of the shared objects this backend provides. Those it does not provide (yet) throw
     * {@link UnsupportedOperationException} naming the primitive and the backend (see
     * {@link UnsupportedPrimitives}).
     *
     * @return the factories, for the context to expose
     */
    Primitives primitives();

    /** Stops the control server and removes this backend's files; connected children see end-of-file. */
    @Override
    void close();
}
