package dev.mproc.internal.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing of the pool's messages: a CHUNK header written in place, RESULTS split and checked. */
class PoolProtocolTest {

    /** A RESULTS message with one outcome per payload, as a worker writes it. */
    private static byte[] results(byte[]... payloads) {
        int size = 1 + 4;
        for (byte[] p : payloads) {
            size += PoolProtocol.RESULT_HEADER + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(PoolProtocol.RESULTS).putInt(payloads.length);
        for (int i = 0; i < payloads.length; i++) {
            b.putLong(100 + i).put((byte) (i % 2 == 0 ? 1 : 0)).putLong(5_000 + i).putInt(payloads[i].length)
                    .put(payloads[i]);
        }
        return b.array();
    }

    @Test
    void aChunkHeaderIsWrittenInFrontOfItsBodyWithoutACopy() {
        byte[] message = new byte[PoolProtocol.CHUNK_HEADER + 3];
        message[PoolProtocol.CHUNK_HEADER] = 7;
        assertSame(message, PoolProtocol.chunk(message, 42, 9, PoolProtocol.KIND_FUNCTION));
        ByteBuffer b = ByteBuffer.wrap(message);
        assertEquals(PoolProtocol.CHUNK, b.get());
        assertEquals(42, b.getLong());
        assertEquals(9, b.getLong());
        assertEquals(PoolProtocol.KIND_FUNCTION, b.get());
        assertEquals(7, b.get());
    }

    @Test
    void resultsSplitIntoOutcomesInOrder() {
        byte[] message = results(new byte[] {1, 2, 3}, new byte[0], new byte[] {4});
        List<PoolProtocol.Outcome> outcomes = PoolProtocol.results(message);
        assertEquals(3, outcomes.size());
        assertEquals(100, outcomes.get(0).chunkId());
        assertTrue(outcomes.get(0).ok());
        assertFalse(outcomes.get(1).ok());
        assertEquals(5_002, outcomes.get(2).nanos());
        PoolProtocol.Outcome first = outcomes.get(0);
        assertArrayEquals(new byte[] {1, 2, 3},
                Arrays.copyOfRange(message, first.offset(), first.offset() + first.length()));
        assertEquals(0, outcomes.get(1).length());
        assertEquals(4, message[outcomes.get(2).offset()]);
        assertEquals(List.of(), PoolProtocol.results(results()));
    }

    @Test
    void malformedResultsAreRefusedWithTheReason() {
        assertMalformed(new byte[] {PoolProtocol.RESULTS, 0, 0}, "3 bytes");
        assertMalformed(new byte[] {PoolProtocol.READY, 0, 0, 0, 0}, "type 0x31");
        byte[] good = results(new byte[] {1, 2, 3}, new byte[] {4});
        byte[] negativeCount = good.clone();
        ByteBuffer.wrap(negativeCount).putInt(1, -1);
        assertMalformed(negativeCount, "-1 outcomes");
        byte[] hugeCount = good.clone();
        ByteBuffer.wrap(hugeCount).putInt(1, Integer.MAX_VALUE);
        assertMalformed(hugeCount, "cannot fit");
        byte[] moreThanSent = results(new byte[30]);
        ByteBuffer.wrap(moreThanSent).putInt(1, 2);
        assertMalformed(moreThanSent, "outcome 1 is truncated");
        int firstLength = 1 + 4 + 8 + 1 + 8;
        byte[] negativeLength = good.clone();
        ByteBuffer.wrap(negativeLength).putInt(firstLength, -2);
        assertMalformed(negativeLength, "claims -2 bytes");
        byte[] overlong = good.clone();
        ByteBuffer.wrap(overlong).putInt(firstLength, 1_000);
        assertMalformed(overlong, "claims 1000 bytes");
        assertMalformed(Arrays.copyOf(good, good.length + 2), "2 unexpected bytes");
        assertMalformed(Arrays.copyOf(good, good.length - 1), "claims 1 bytes, 0 remain");
    }

    private static void assertMalformed(byte[] message, String expected) {
        CodecException e = assertThrows(CodecException.class, () -> PoolProtocol.results(message));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
