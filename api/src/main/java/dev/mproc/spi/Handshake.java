package dev.mproc.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The challenge–response both ends of a control connection perform, for transports that carry byte frames.
 *
 * <pre>
 *   parent                                   child
 *     | -- CHALLENGE: nonce (32 bytes) ----------&gt; |
 *     | &lt;-- RESPONSE: token (8) | childNonce (16)   |
 *     |            | HMAC(secret, "child"|nonce|token) (32)
 *     | -- ACCEPT: HMAC(secret, "parent"|childNonce|token) (32) --&gt; |
 * </pre>
 *
 * <p>The parent proves nothing until the child has proved it knows the secret, so a peer that does not know
 * it learns nothing; the child checks the parent's proof, so a process that binds a look-alike address cannot
 * hand it a task. HMAC-SHA256 throughout; proofs are compared in constant time.
 */
public final class Handshake {

    /** Length of the parent's challenge. */
    public static final int CHALLENGE_BYTES = 32;
    /** Length of the child's nonce. */
    public static final int CHILD_NONCE_BYTES = 16;
    /** Length of an HMAC-SHA256 proof. */
    public static final int PROOF_BYTES = 32;
    /** Length of the child's response frame. */
    public static final int RESPONSE_BYTES = Long.BYTES + CHILD_NONCE_BYTES + PROOF_BYTES;

    private static final int HMAC_BLOCK = 64;
    private static final byte[] CHILD_LABEL = "mproc-child-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARENT_LABEL = "mproc-parent-v1".getBytes(StandardCharsets.US_ASCII);

    private Handshake() {
    }

    /**
     * The child's proof that it knows the secret.
     *
     * @param secret the context's secret
     * @param challenge the parent's nonce
     * @param token the child's registration token
     * @return 32 bytes
     */
    public static byte[] childProof(byte[] secret, byte[] challenge, long token) {
        return hmac(secret, CHILD_LABEL, challenge, token);
    }

    /**
     * The parent's proof that it knows the secret.
     *
     * @param secret the context's secret
     * @param childNonce the child's nonce
     * @param token the child's registration token
     * @return 32 bytes
     */
    public static byte[] parentProof(byte[] secret, byte[] childNonce, long token) {
        return hmac(secret, PARENT_LABEL, childNonce, token);
    }

    /**
     * Compares two proofs in time independent of where they differ.
     *
     * @param expected the proof computed locally
     * @param received the proof the peer sent
     * @return whether they are equal
     */
    public static boolean matches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    /**
     * HMAC-SHA256 (RFC 2104) over {@link MessageDigest}. Not {@code javax.crypto.Mac}: in a freshly started child
     * the first {@code Mac.getInstance} costs 20–25 ms (the JCE framework and its provider checks), while SHA-256
     * from the default provider costs well under a millisecond, and this runs on every child's start path.
     */
    static byte[] hmac(byte[] secret, byte[] label, byte[] nonce, long token) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256; reaching this means a broken installation.
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
        byte[] key = secret.length > HMAC_BLOCK ? sha.digest(secret) : secret;
        byte[] inner = new byte[HMAC_BLOCK];
        byte[] outer = new byte[HMAC_BLOCK];
        for (int i = 0; i < HMAC_BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        sha.update(inner);
        sha.update(label);
        sha.update(nonce);
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(0, token).array());
        byte[] innerHash = sha.digest();
        sha.update(outer);
        return sha.digest(innerHash);
    }
}
