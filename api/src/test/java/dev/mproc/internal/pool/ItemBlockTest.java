package dev.mproc.internal.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import dev.mproc.internal.codec.DefaultCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire form of a chunk's items and results: typed blocks, the codec fallback, and malformed data refused. */
class ItemBlockTest {

    private static final int HEADROOM = PoolProtocol.CHUNK_HEADER;

    private final DefaultCodec codec = DefaultCodec.standard();

    private byte[] encode(List<?> items) {
        return ItemBlock.encode(codec, items, 0, items.size(), HEADROOM);
    }

    private List<?> decode(byte[] encoded) {
        return ItemBlock.decode(codec, encoded, HEADROOM, encoded.length - HEADROOM);
    }

    /** Encodes, checks the form byte, decodes, and checks every item's value and exact class. */
    private void assertRoundTrip(List<?> items, byte form) {
        byte[] encoded = encode(items);
        assertEquals(form, encoded[HEADROOM], "form of " + items);
        List<?> back = decode(encoded);
        assertEquals(items.size(), back.size());
        for (int i = 0; i < items.size(); i++) {
            Object expected = items.get(i);
            Object actual = back.get(i);
            assertEquals(expected, actual, "item " + i);
            if (expected != null) {
                assertEquals(expected.getClass(), actual.getClass(), "class of item " + i);
            }
        }
    }

    private static byte[] block(byte form, int count, int bodyBytes) {
        return ByteBuffer.allocate(HEADROOM + ItemBlock.BLOCK_HEADER + bodyBytes).position(HEADROOM).put(form)
                .putInt(count).array();
    }

    @Test
    void integersTravelAsOneIntBlockOfFourBytesEach() {
        List<Integer> items = List.of(0, 1, -1, 127, 128, -129, Integer.MIN_VALUE, Integer.MAX_VALUE, 46_341 * 46_341);
        assertRoundTrip(items, ItemBlock.INTS);
        assertEquals(HEADROOM + ItemBlock.BLOCK_HEADER + 4 * items.size(), encode(items).length);
    }

    @Test
    void longsDoublesAndStringsTravelAsTypedBlocks() {
        assertRoundTrip(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40), ItemBlock.LONGS);
        assertRoundTrip(List.of(0.0, -0.0, 1.5, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE),
                ItemBlock.DOUBLES);
        assertRoundTrip(List.of("", "a", "ünïcödé", "𝄞 clef", "x".repeat(70_000)), ItemBlock.STRINGS);
    }

    @Test
    void aDoubleKeepsItsExactBits() {
        double oddNaN = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        List<?> back = decode(encode(List.of(oddNaN)));
        assertEquals(Double.doubleToRawLongBits(oddNaN), Double.doubleToRawLongBits((Double) back.get(0)));
    }

    @Test
    void theHeadroomIsLeftFreeForTheMessageHeader() {
        byte[] encoded = encode(List.of(1, 2, 3));
        assertArrayEquals(new byte[HEADROOM], Arrays.copyOf(encoded, HEADROOM));
        byte[] fallback = encode(Arrays.asList(1, null));
        assertArrayEquals(new byte[HEADROOM], Arrays.copyOf(fallback, HEADROOM));
    }

    @Test
    void onlyTheGivenRangeIsEncoded() {
        List<Integer> items = List.of(10, 11, 12, 13, 14);
        byte[] encoded = ItemBlock.encode(codec, items, 1, 4, 0);
        assertEquals(List.of(11, 12, 13), ItemBlock.decode(codec, encoded, 0, encoded.length));
        byte[] mixed = ItemBlock.encode(codec, Arrays.asList(null, 1, "two", 3L, null), 1, 4, 0);
        assertEquals(List.of(1, "two", 3L), ItemBlock.decode(codec, mixed, 0, mixed.length));
    }

    @Test
    void listsThatAreNotOneTypeFallBackToTheCodec() {
        assertRoundTrip(List.of(1, 2L), ItemBlock.CODEC);
        assertRoundTrip(List.of(1L, 2), ItemBlock.CODEC);
        assertRoundTrip(List.of(1.0, 2.0f), ItemBlock.CODEC);
        assertRoundTrip(List.of("a", 'b'), ItemBlock.CODEC);
        assertRoundTrip(Arrays.asList(1, null, 3), ItemBlock.CODEC);
        assertRoundTrip(Arrays.asList(null, 1), ItemBlock.CODEC);
        assertRoundTrip(List.of((short) 1, (byte) 2, true), ItemBlock.CODEC);
        assertRoundTrip(List.of(new ArrayList<>(List.of(1, 2)), new ArrayList<>(List.of(3))), ItemBlock.CODEC);
        assertRoundTrip(List.of(), ItemBlock.CODEC);
    }

    @Test
    void aStringUtf8CannotCarryFallsBackToTheCodecAndKeepsItsChars() {
        List<String> items = List.of("fine", "lone \ud800 surrogate");
        assertRoundTrip(items, ItemBlock.CODEC);
    }

    @Test
    void theFallbackKeepsTheCodecsDeserializationFilter() {
        List<Date> items = List.of(new Date(0));
        assertRoundTrip(items, ItemBlock.CODEC);
        DefaultCodec strict = new DefaultCodec(DefaultCodec.DEFAULT_MAX_DEPTH, DefaultCodec.DEFAULT_MAX_ARRAY_LENGTH,
                DefaultCodec.DEFAULT_MAX_REFERENCES, DefaultCodec.DEFAULT_MAX_STREAM_BYTES, "!java.util.Date");
        byte[] encoded = encode(items);
        CodecException e = assertThrows(CodecException.class,
                () -> ItemBlock.decode(strict, encoded, HEADROOM, encoded.length - HEADROOM));
        assertTrue(e.getMessage().contains("rejected"), e.getMessage());
    }

    @Test
    void aDecodedBlockIsReadOnlyAndBoundsChecked() {
        List<?> back = decode(encode(List.of(1, 2)));
        assertThrows(UnsupportedOperationException.class, () -> back.set(0, null));
        assertThrows(IndexOutOfBoundsException.class, () -> back.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> back.get(-1));
        List<?> longs = decode(encode(List.of(1L)));
        assertThrows(IndexOutOfBoundsException.class, () -> longs.get(1));
    }

    @Test
    void aCountThatDisagreesWithTheBytesIsRefused() {
        assertMalformed(block(ItemBlock.INTS, 3, 8), "needs 12 bytes");
        assertMalformed(block(ItemBlock.INTS, 1, 8), "needs 4 bytes");
        assertMalformed(block(ItemBlock.INTS, -1, 0), "-1");
        assertMalformed(block(ItemBlock.INTS, Integer.MAX_VALUE, 4), "needs");
        assertMalformed(block(ItemBlock.LONGS, 2, 12), "needs 16 bytes");
        assertMalformed(block(ItemBlock.DOUBLES, 1, 7), "needs 8 bytes");
        assertMalformed(block(ItemBlock.STRINGS, Integer.MAX_VALUE, 4), "cannot fit");
        assertMalformed(block(ItemBlock.STRINGS, -5, 0), "cannot fit");
    }

    @Test
    void truncatedOrOverlongStringsAreRefused() {
        byte[] encoded = encode(List.of("abc", "de"));
        assertMalformed(Arrays.copyOf(encoded, encoded.length - 1), "claims 2 bytes");
        assertMalformed(Arrays.copyOf(encoded, encoded.length + 3), "unexpected bytes");
        byte[] cut = Arrays.copyOf(encoded, HEADROOM + ItemBlock.BLOCK_HEADER + 4 + 3 + 2);
        assertMalformed(cut, "truncated at string 1");
        byte[] negative = encode(List.of("abc"));
        ByteBuffer.wrap(negative).putInt(HEADROOM + ItemBlock.BLOCK_HEADER, -1);
        assertMalformed(negative, "claims -1 bytes");
    }

    @Test
    void anUnknownFormATruncatedHeaderOrNoDataIsRefused() {
        assertMalformed(block((byte) 0x7f, 0, 0), "unknown form 0x7f");
        assertMalformed(Arrays.copyOf(block(ItemBlock.INTS, 0, 0), HEADROOM + 3), "truncated block header");
        CodecException e = assertThrows(CodecException.class, () -> ItemBlock.decode(codec, new byte[4], 4, 0));
        assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
    }

    @Test
    void theCodecFormMustHoldAList() {
        byte[] notAList = codec.encode(42);
        byte[] data = new byte[1 + notAList.length];
        data[0] = ItemBlock.CODEC;
        System.arraycopy(notAList, 0, data, 1, notAList.length);
        CodecException e = assertThrows(CodecException.class, () -> ItemBlock.decode(codec, data, 0, data.length));
        assertTrue(e.getMessage().contains("java.lang.Integer, not a list"), e.getMessage());
        byte[] garbage = {ItemBlock.CODEC, (byte) 0x7e};
        assertInstanceOf(CodecException.class,
                assertThrows(RuntimeException.class, () -> ItemBlock.decode(codec, garbage, 0, garbage.length)));
    }

    private void assertMalformed(byte[] data, String expected) {
        CodecException e = assertThrows(CodecException.class, () -> decode(data));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
