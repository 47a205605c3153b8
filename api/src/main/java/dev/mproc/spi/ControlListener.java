package dev.mproc.spi;

/**
 * Receives the events of one child's control session. Called on a backend thread, one event at a time and in
 * order for a given session; implementations must not block.
 */
public interface ControlListener {

    /** The child connected and authenticated; messages may now be sent. */
    void onConnected();

    /**
     * One message arrived from the child, with its boundaries kept.
     *
     * @param message the message bytes, owned by the listener from now on
     */
    void onMessage(byte[] message);

    /**
     * The connection ended: the child closed it, died, or violated the protocol. Called at most once, and
     * only after {@link #onConnected()}.
     *
     * @param cause why, or {@code null} for an orderly close
     */
    void onDisconnected(Throwable cause);
}
