package dev.mproc.spi;

/**
 * SHA-256 (FIPS 180-4) in plain Java, for the handshake on a child's start path.
 *
 * <p>Why not {@link java.security.MessageDigest}: its first use in a fresh JVM initialises the JCA provider
 * framework — the security properties, the SUN provider's service table, the OID registry — and the byte-array
 * view handles SHA-2 is written with, ≈ 16 ms of a child's start on these machines, for hashing a few hundred
 * bytes. This class loads nothing beyond itself. The tests check it against the JDK's implementation.
 *
 * <p>Not thread-safe: one instance per computation.
 */
final class Sha256 {

    /** Bytes per digest. */
    static final int DIGEST_BYTES = 32;
    /** Bytes per input block, which HMAC's key padding depends on. */
    static final int BLOCK_BYTES = 64;

    /** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
    private static final int[] K = fractionBits(64, true);
    /** Initial hash: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
    private static final int[] H0 = fractionBits(8, false);

    private final int[] h = H0.clone();
    private final int[] w = new int[64];
    private final byte[] block = new byte[BLOCK_BYTES];
    private int filled;
    private long length;

    /**
     * Adds bytes to the message.
     *
     * @param bytes the bytes
     * @return this
     */
    Sha256 update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    /**
     * Adds part of an array to the message.
     *
     * @param bytes the array
     * @param offset where the part starts
     * @param count how many bytes
     * @return this
     */
    Sha256 update(byte[] bytes, int offset, int count) {
        length += count;
        int at = offset;
        int end = offset + count;
        while (at < end) {
            int n = Math.min(BLOCK_BYTES - filled, end - at);
            System.arraycopy(bytes, at, block, filled, n);
            filled += n;
            at += n;
            if (filled == BLOCK_BYTES) {
                compress();
                filled = 0;
            }
        }
        return this;
    }

    /**
     * Completes the hash; the instance must not be used afterwards.
     *
     * @return the 32-byte digest
     */
    byte[] digest() {
        long bits = length * 8;
        block[filled++] = (byte) 0x80;
        if (filled > BLOCK_BYTES - Long.BYTES) {
            java.util.Arrays.fill(block, filled, BLOCK_BYTES, (byte) 0);
            compress();
            filled = 0;
        }
        java.util.Arrays.fill(block, filled, BLOCK_BYTES - Long.BYTES, (byte) 0);
        for (int i = 0; i < Long.BYTES; i++) {
            block[BLOCK_BYTES - 1 - i] = (byte) (bits >>> (8 * i));
        }
        compress();
        byte[] out = new byte[DIGEST_BYTES];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }

    /**
     * The hash of one array.
     *
     * @param bytes the message
     * @return its 32-byte digest
     */
    static byte[] of(byte[] bytes) {
        return new Sha256().update(bytes).digest();
    }

    private void compress() {
        for (int i = 0; i < 16; i++) {
            w[i] = (block[4 * i] & 0xff) << 24 | (block[4 * i + 1] & 0xff) << 16
                    | (block[4 * i + 2] & 0xff) << 8 | block[4 * i + 3] & 0xff;
        }
        for (int i = 16; i < 64; i++) {
            int s0 = Integer.rotateRight(w[i - 15], 7) ^ Integer.rotateRight(w[i - 15], 18) ^ (w[i - 15] >>> 3);
            int s1 = Integer.rotateRight(w[i - 2], 17) ^ Integer.rotateRight(w[i - 2], 19) ^ (w[i - 2] >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        int f = h[5];
        int g = h[6];
        int hh = h[7];
        for (int i = 0; i < 64; i++) {
            int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int choose = (e & f) ^ (~e & g);
            int t1 = hh + s1 + choose + K[i] + w[i];
            int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int majority = (a & b) ^ (a & c) ^ (b & c);
            int t2 = s0 + majority;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }

    /**
     * The standard's constants, derived as the standard defines them rather than copied as a table: a double
     * carries the 32 fraction bits of these roots (all below 7) with ≈ 18 bits to spare.
     */
    private static int[] fractionBits(int count, boolean cubeRoot) {
        int[] out = new int[count];
        int found = 0;
        for (int candidate = 2; found < count; candidate++) {
            if (isPrime(candidate)) {
                double root = cubeRoot ? Math.cbrt(candidate) : Math.sqrt(candidate);
                out[found++] = (int) (long) ((root - Math.floor(root)) * 0x1p32);
            }
        }
        return out;
    }

    private static boolean isPrime(int n) {
        for (int d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
