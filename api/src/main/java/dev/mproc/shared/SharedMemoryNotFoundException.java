package dev.mproc.shared;

import dev.mproc.MprocException;

/**
 * Thrown when a named shared-memory segment does not exist (any more): attaching to a name nobody created
 * or that was unlinked, decoding a handle to an unlinked segment, or unlinking a segment a second time.
 * Python's {@code FileNotFoundError} in these cases.
 */
public class SharedMemoryNotFoundException extends MprocException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message the name that was not found
     */
    public SharedMemoryNotFoundException(String message) {
        super(message);
    }
}
