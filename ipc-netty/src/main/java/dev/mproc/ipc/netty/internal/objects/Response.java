package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A response as the client sees it.
 *
 * @param status the status byte ({@code Wire.OK}, {@code FAILED}, {@code TIMEOUT}, {@code CANCELLED})
 * @param payload the payload, positioned at its start
 */
public record Response(byte status, ByteBuffer payload) {

    /** @return whether the request succeeded */
    public boolean ok() {
        return status == Wire.OK;
    }

    /** @return whether a blocking request's timeout elapsed */
    public boolean timedOut() {
        return status == Wire.TIMEOUT;
    }

    /** @return the error kind of a FAILED response */
    public byte errorKind() {
        return payload.get(payload.position());
    }

    /** @return the message of a FAILED response */
    public String errorMessage() {
        ByteBuffer p = payload.duplicate();
        p.get();
        byte[] m = new byte[p.remaining()];
        p.get(m);
        return new String(m, StandardCharsets.UTF_8);
    }

    /** @return the payload as an array */
    public byte[] bytes() {
        ByteBuffer p = payload.duplicate();
        byte[] b = new byte[p.remaining()];
        p.get(b);
        return b;
    }

    /**
     * Throws the exception a FAILED response stands for; misuse errors keep the types the api documents.
     *
     * @return this response, if it did not fail
     */
    public Response orThrow() {
        if (status != Wire.FAILED) {
            return this;
        }
        String message = errorMessage();
        switch (errorKind()) {
            case Wire.ERR_ILLEGAL_STATE, Wire.ERR_CLOSED -> throw new IllegalStateException(message);
            case Wire.ERR_ILLEGAL_ARGUMENT -> throw new IllegalArgumentException(message);
            default -> throw new MprocException(message);
        }
    }
}
