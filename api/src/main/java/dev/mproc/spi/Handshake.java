package dev.mproc.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

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
        if (expected.length != received.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < expected.length; i++) {
            difference |= expected[i] ^ received[i];
        }
        return difference == 0;
    }

    /**
     * The child's side of the handshake, over a link that carries frames: receives the challenge, answers with
     * its token, a nonce of its own and its proof, and checks the parent's proof.
     *
     * @param link the fresh link to the parent
     * @param token the child's registration token
     * @param secret the context's secret
     * @param peer how to name the parent in an error
     * @throws IOException if the link breaks, the challenge is malformed or the parent does not know the secret
     */
    public static void authenticateChild(ControlLink link, long token, byte[] secret, String peer)
            throws IOException {
        byte[] challenge = link.receive();
        if (challenge.length != CHALLENGE_BYTES) {
            throw new IOException("the parent sent a malformed challenge (" + challenge.length + " bytes)");
        }
        byte[] childNonce = childNonce();
        ByteBuffer response = ByteBuffer.allocate(RESPONSE_BYTES)
                .putLong(token).put(childNonce).put(childProof(secret, challenge, token));
        link.send(response.array());
        byte[] proof = link.receive();
        if (!matches(parentProof(secret, childNonce, token), proof)) {
            throw new IOException("the peer at " + peer + " does not know the context's secret");
        }
    }

    /**
     * The parent's side of the handshake, over a link that carries frames: challenges the child, checks its
     * token and proof, and proves itself in turn.
     *
     * @param link the fresh link to the child
     * @param token the token the child must present
     * @param secret the context's secret
     * @param random the source of the challenge
     * @throws IOException if the link breaks, or the child's answer is malformed, names another token or does not
     *     prove the secret; nothing about the secret has been sent then
     */
    public static void authenticateParent(ControlLink link, long token, byte[] secret, SecureRandom random)
            throws IOException {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        link.send(challenge);
        byte[] response = link.receive();
        if (response.length != RESPONSE_BYTES) {
            throw new IOException("malformed handshake response (" + response.length + " bytes, expected "
                    + RESPONSE_BYTES + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(response);
        long presented = in.getLong();
        byte[] childNonce = new byte[CHILD_NONCE_BYTES];
        in.get(childNonce);
        byte[] proof = new byte[PROOF_BYTES];
        in.get(proof);
        if (!matches(childProof(secret, challenge, token), proof)) {
            throw new IOException("the child did not prove that it knows the context's secret");
        }
        if (presented != token) {
            throw new IOException("the child presented another registration token");
        }
        link.send(parentProof(secret, childNonce, token));
    }

    /**
     * Fresh random bytes from the kernel, read directly rather than through {@link SecureRandom}, whose first
     * instance costs a freshly started child ≈ 16 ms (the JCA framework); falls back to it where there is no
     * {@code /dev/urandom}.
     */
    private static byte[] childNonce() throws IOException {
        byte[] nonce = new byte[CHILD_NONCE_BYTES];
        Path urandom = Path.of("/dev/urandom");
        if (Files.isReadable(urandom)) {
            try (InputStream in = Files.newInputStream(urandom)) {
                if (in.readNBytes(nonce, 0, nonce.length) == nonce.length) {
                    return nonce;
                }
            }
        }
        new SecureRandom().nextBytes(nonce);
        return nonce;
    }

    /**
     * HMAC-SHA256 (RFC 2104) over {@link Sha256}, which, unlike {@code javax.crypto.Mac} or
     * {@code MessageDigest}, costs a freshly started child nothing to set up; this runs on every child's start
     * path.
     */
    static byte[] hmac(byte[] secret, byte[] label, byte[] nonce, long token) {
        byte[] key = secret.length > Sha256.BLOCK_BYTES ? Sha256.of(secret) : secret;
        byte[] inner = new byte[Sha256.BLOCK_BYTES];
        byte[] outer = new byte[Sha256.BLOCK_BYTES];
        for (int i = 0; i < Sha256.BLOCK_BYTES; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        byte[] innerHash = new Sha256().update(inner).update(label).update(nonce)
                .update(ByteBuffer.allocate(Long.BYTES).putLong(0, token).array()).digest();
        return new Sha256().update(outer).update(innerHash).digest();
    }
}
