package dev.mproc.spi;

import java.io.IOException;
import java.time.Duration;

/**
 * The child side of the control channel: reached by class name from a freshly started child JVM (see
 * {@link IpcBackend#childConnectorClass()}). Implementations keep the start path lean — plain JDK I/O, no event
 * loops.
 */
public interface ChildConnector {

    /**
     * Connects to the parent and authenticates both ways with the context's secret.
     *
     * @param address the control server's {@link ControlServer#address() address}
     * @param token the child's registration token
     * @param secret the context's secret
     * @param timeout how long to wait for the connection and the handshake
     * @param maxFrameBytes the largest message accepted from the parent; a larger one is a protocol violation
     * @return the authenticated link
     * @throws IOException if the parent cannot be reached, does not prove it knows the secret, or times out
     */
    ControlLink connect(String address, long token, byte[] secret, Duration timeout, int maxFrameBytes)
            throws IOException;
}
