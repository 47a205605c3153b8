package dev.mproc.ipc.netty.internal.objects;

/**
 * The owner's view of one client connection (a process using the owner's objects, or the owner itself). Runs on
 * the owner's event loop.
 */
public interface Session {

    /** @return a number unique among the owner's sessions, for messages */
    long id();

    /** @return the pid of the process at the other end, or -1 if unknown */
    long peerPid();

    /**
     * Sends a response frame.
     *
     * @param frame the frame
     */
    void send(byte[] frame);

    /** @return whether the connection is still open */
    boolean isOpen();
}
