package dev.mproc.internal;

import dev.mproc.RemoteException;
import dev.mproc.spi.Codec;

/** How an exception thrown in one process travels to another: itself if it can, else a faithful stand-in. */
public final class RemoteFailures {

    private static final int MAX_CAUSES = 16;

    private RemoteFailures() {
    }

    /**
     * Encodes an exception for another process: the exception itself when it and everything it refers to can be
     * serialized, else a {@link RemoteException} chain keeping each class name, message and stack trace.
     *
     * @param codec the codec
     * @param t the exception
     * @return the encoded exception
     */
    public static byte[] encode(Codec codec, Throwable t) {
        try {
            return codec.encode(t);
        } catch (RuntimeException e) {
            return codec.encode(standIn(t, 0));
        }
    }

    private static Throwable standIn(Throwable t, int depth) {
        Throwable cause = t.getCause() == null || t.getCause() == t || depth > MAX_CAUSES
                ? null : standIn(t.getCause(), depth + 1);
        return new RemoteException(t.getClass().getName(), t.getMessage(), t.getStackTrace(), cause);
    }
}
