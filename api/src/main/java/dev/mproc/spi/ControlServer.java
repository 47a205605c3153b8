package dev.mproc.spi;

/**
 * The parent side of the control channel: children connect to {@link #address()} and authenticate; each
 * authenticated child is matched to the registration made for it before it was spawned. A connection that
 * fails authentication, names no expected child, or sends a malformed or oversized frame is closed and logged,
 * and harms no other connection. Thread-safe.
 */
public interface ControlServer {

    /**
     * Where children connect, in the form the backend's {@link ChildConnector} understands (for example
     * {@code unix:/run/dir/ctl.sock} or {@code tcp:127.0.0.1:40123}).
     *
     * @return the address
     */
    String address();

    /**
     * Registers a child that is about to be spawned. The registration is consumed by the first connection
     * that proves knowledge of the secret for this token; a second connection for the same token is refused.
     *
     * @param token a random number the child received privately (in its bootstrap record)
     * @param listener told about the child's connection, its messages and its disconnection
     * @return the session, through which messages are sent once the child is connected
     */
    ControlSession expect(long token, ControlListener listener);
}
