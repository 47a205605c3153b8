package dev.mproc.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    @DisplayName("FIPS 180-4's examples: \"abc\" and the two-block message")
    void standardExamples() {
        assertArrayEquals(HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(HexFormat.of().parseHex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
                Sha256.of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    @DisplayName("equals the JDK's SHA-256 for every length around the block and padding boundaries, in any split")
    void matchesJdk() throws Exception {
        Random random = new Random(42);
        for (int length = 0; length <= 300; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(message);
            assertArrayEquals(expected, Sha256.of(message), "length " + length);
            int split = length == 0 ? 0 : random.nextInt(length);
            byte[] inParts = new Sha256().update(message, 0, split).update(message, split, length - split).digest();
            assertArrayEquals(expected, inParts, "length " + length + " split at " + split);
        }
    }
}
