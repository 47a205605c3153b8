package dev.mproc.spi;

import dev.mproc.CodecException;

/**
 * Turns objects into bytes for another process and back. Implementations must be thread-safe and must
 * never run attacker-chosen code while decoding: Java deserialization, if used, goes through an
 * {@link java.io.ObjectInputFilter} with depth, size and reference limits.
 */
public interface Codec {

    /**
     * Encodes one object graph.
     *
     * @param value the object, may be {@code null}
     * @return the encoded bytes
     * @throws CodecException if the value (or an object it refers to) cannot be encoded; the message names
     *     the offending class
     */
    byte[] encode(Object value);

    /**
     * Decodes bytes produced by {@link #encode(Object)} of the same codec.
     *
     * @param data the buffer
     * @param offset where the encoded object starts
     * @param length how many bytes it has
     * @return the decoded object, may be {@code null}
     * @throws CodecException if the bytes are malformed, refer to a class that is not available, or are
     *     rejected by the deserialization filter
     */
    Object decode(byte[] data, int offset, int length);

    /**
     * Decodes a whole array produced by {@link #encode(Object)}.
     *
     * @param data the encoded bytes
     * @return the decoded object, may be {@code null}
     * @throws CodecException as {@link #decode(byte[], int, int)}
     */
    default Object decode(byte[] data) {
        return decode(data, 0, data.length);
    }
}
