package dev.mproc.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    private static byte[] hmac(byte[] secret, byte[] label, byte[] nonce, long token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(label);
            mac.update(nonce);
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(0, token));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime ships HmacSHA256; reaching this means a broken installation.
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
