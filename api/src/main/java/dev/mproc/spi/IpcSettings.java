package dev.mproc.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a context gives its IPC backend: the secret every connection proves it knows, the codec for objects,
 * the largest frame a peer may send, and a private directory (mode 0700) for socket or shared-memory files.
 */
public final class IpcSettings {

    private final byte[] secret;
    private final Codec codec;
    private final int maxFrameBytes;
    private final Path runtimeDirectory;

    /**
     * @param secret the context's secret (at least 16 bytes); copied
     * @param codec the codec for objects crossing processes
     * @param maxFrameBytes the largest frame accepted from a peer; a larger one closes that peer's channel
     * @param runtimeDirectory a directory only this user can enter, owned by the context, removed when it closes
     */
    public IpcSettings(byte[] secret, Codec codec, int maxFrameBytes, Path runtimeDirectory) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("secret must have at least 16 bytes, got " + secret.length);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, got " + maxFrameBytes);
        }
        this.secret = secret.clone();
        this.codec = Objects.requireNonNull(codec, "codec");
        this.maxFrameBytes = maxFrameBytes;
        this.runtimeDirectory = Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
    }

    /** @return a copy of the secret */
    public byte[] secret() {
        return secret.clone();
    }

    /** @return the codec */
    public Codec codec() {
        return codec;
    }

    /** @return the largest frame a peer may send */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** @return the private directory for this backend's files */
    public Path runtimeDirectory() {
        return runtimeDirectory;
    }
}
