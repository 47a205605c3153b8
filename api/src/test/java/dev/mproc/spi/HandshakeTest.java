package dev.mproc.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static byte[] reference(byte[] key, byte[] label, byte[] nonce, long token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(label);
        mac.update(nonce);
        mac.update(ByteBuffer.allocate(8).putLong(token).array());
        return mac.doFinal();
    }

    @Test
    @DisplayName("the hand-rolled HMAC equals the JDK's HmacSHA256 for short, block-sized and long keys")
    void hmacMatchesJdk() throws Exception {
        byte[] label = "mproc-child-v1".getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[32];
        for (int len : new int[] {16, 32, 64, 65, 200}) {
            byte[] key = new byte[len];
            for (int i = 0; i < len; i++) {
                key[i] = (byte) (i * 31 + len);
                nonce[i % 32] ^= key[i];
            }
            assertArrayEquals(reference(key, label, nonce, -123456789L),
                    Handshake.hmac(key, label, nonce, -123456789L), "key length " + len);
        }
    }

    @Test
    @DisplayName("proofs depend on the secret, the nonce, the token and the direction")
    void proofsBindEverything() {
        byte[] secret = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;
        byte[] nonce = new byte[32];
        byte[] child = Handshake.childProof(secret, nonce, 5);
        assertTrue(Handshake.matches(child, Handshake.childProof(secret, nonce, 5)));
        assertFalse(Handshake.matches(child, Handshake.childProof(other, nonce, 5)));
        assertFalse(Handshake.matches(child, Handshake.childProof(secret, nonce, 6)));
        assertFalse(Handshake.matches(child, Handshake.parentProof(secret, nonce, 5)));
    }
}
