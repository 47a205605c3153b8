package dev.mproc.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The compact (non-serialization) form: round trips, exact tags, and rejection of malformed data. */
class DefaultCodecCompactTest {

    private final DefaultCodec codec = DefaultCodec.standard();

    private Object roundTrip(Object value) {
        return codec.decode(codec.encode(value));
    }

    private void assertCompactRoundTrip(Object value, int expectedTag) {
        byte[] bytes = codec.encode(value);
        assertEquals(expectedTag, bytes[0] & 0xFF, "tag of " + value);
        Object back = codec.decode(bytes);
        if (value == null) {
            assertNull(back);
        } else {
            assertEquals(value.getClass(), back.getClass());
            assertEquals(value, back);
        }
    }

    @Test
    void scalarsRoundTripInCompactForm() {
        assertCompactRoundTrip(null, DefaultCodec.TAG_NULL);
        assertCompactRoundTrip(true, DefaultCodec.TAG_TRUE);
        assertCompactRoundTrip(false, DefaultCodec.TAG_FALSE);
        for (byte b : new byte[] {0, 1, -1, Byte.MIN_VALUE, Byte.MAX_VALUE}) {
            assertCompactRoundTrip(b, DefaultCodec.TAG_BYTE);
        }
        for (short s : new short[] {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE}) {
            assertCompactRoundTrip(s, DefaultCodec.TAG_SHORT);
        }
        for (char c : new char[] {'a', '\0', '\uffff', '\ud800'}) {
            assertCompactRoundTrip(c, DefaultCodec.TAG_CHAR);
        }
        for (int i : new int[] {0, 1, -1, 63, -64, 64, 1 << 20, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertCompactRoundTrip(i, DefaultCodec.TAG_INT);
        }
        for (long l : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40, -(1L << 40)}) {
            assertCompactRoundTrip(l, DefaultCodec.TAG_LONG);
        }
        for (float f : new float[] {0f, -0f, 1.5f, Float.NaN, Float.MIN_VALUE, Float.NEGATIVE_INFINITY}) {
            assertCompactRoundTrip(f, DefaultCodec.TAG_FLOAT);
        }
        for (double d : new double[] {0d, -0d, Math.PI, Double.NaN, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertCompactRoundTrip(d, DefaultCodec.TAG_DOUBLE);
        }
    }

    @Test
    void smallIntegersAreVarintEncoded() {
        assertEquals(2, codec.encode(5).length);
        assertEquals(2, codec.encode(-5).length);
        assertEquals(6, codec.encode(Integer.MIN_VALUE).length);
        assertEquals(2, codec.encode(0L).length);
        assertEquals(11, codec.encode(Long.MIN_VALUE).length);
    }

    @Test
    void aBareIntegerHasTheBytesOfAnIntegerInsideACollection() {
        // A bare Integer takes a shortcut; its bytes must stay those the general writer gives an element.
        for (int i : new int[] {0, 1, -1, 63, -64, 64, -65, 8191, 8192, 1 << 20, -(1 << 27), 1 << 27,
                Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            byte[] bare = codec.encode(i);
            byte[] inList = codec.encode(new ArrayList<>(List.of(i)));
            assertEquals(DefaultCodec.TAG_LIST, inList[0] & 0xFF);
            assertArrayEquals(bare, Arrays.copyOfRange(inList, inList.length - bare.length, inList.length),
                    "encoding of " + i);
            assertEquals(i, codec.decode(bare));
            assertEquals(List.of(i), codec.decode(inList));
        }
    }

    @Test
    void nanPayloadSurvives() {
        double oddNan = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        Object back = roundTrip(oddNan);
        assertEquals(Double.doubleToRawLongBits(oddNan), Double.doubleToRawLongBits((Double) back));
    }

    @Test
    void stringsRoundTrip() {
        assertCompactRoundTrip("", DefaultCodec.TAG_STRING);
        assertCompactRoundTrip("hello", DefaultCodec.TAG_STRING);
        assertCompactRoundTrip("h\u00e9llo w\u00f6rld \u4e16\u754c \ud83d\ude00 \0", DefaultCodec.TAG_STRING);
        char[] big = new char[3 * 1024 * 1024];
        Arrays.fill(big, '\u00e9');
        assertCompactRoundTrip(new String(big), DefaultCodec.TAG_STRING);
        assertEquals(1 + 1 + 5, codec.encode("hello").length);
    }

    @Test
    void stringWithUnpairedSurrogateFallsBackAndIsPreserved() {
        String broken = "a\ud800b\udc00";
        byte[] bytes = codec.encode(broken);
        assertEquals(DefaultCodec.TAG_JAVA, bytes[0] & 0xFF);
        assertEquals(broken, codec.decode(bytes));
    }

    @Test
    void primitiveArraysRoundTrip() {
        assertArrayEquals(new byte[0], (byte[]) roundTrip(new byte[0]));
        assertArrayEquals(new int[0], (int[]) roundTrip(new int[0]));
        assertArrayEquals(new long[0], (long[]) roundTrip(new long[0]));
        assertArrayEquals(new double[0], (double[]) roundTrip(new double[0]));

        assertArrayEquals(new int[] {1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE},
                (int[]) roundTrip(new int[] {1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}));
        assertArrayEquals(new long[] {1, -1, Long.MIN_VALUE, Long.MAX_VALUE},
                (long[]) roundTrip(new long[] {1, -1, Long.MIN_VALUE, Long.MAX_VALUE}));
        assertArrayEquals(new double[] {1.5, -0.0, Double.NaN, Double.MIN_VALUE},
                (double[]) roundTrip(new double[] {1.5, -0.0, Double.NaN, Double.MIN_VALUE}));

        assertEquals(DefaultCodec.TAG_BYTES, codec.encode(new byte[3])[0]);
        assertEquals(DefaultCodec.TAG_INTS, codec.encode(new int[3])[0]);
        assertEquals(DefaultCodec.TAG_LONGS, codec.encode(new long[3])[0]);
        assertEquals(DefaultCodec.TAG_DOUBLES, codec.encode(new double[3])[0]);
    }

    @Test
    void largeArraysRoundTrip() {
        byte[] tenMiB = new byte[10 * 1024 * 1024];
        new Random(1).nextBytes(tenMiB);
        byte[] encoded = codec.encode(tenMiB);
        assertEquals(DefaultCodec.TAG_BYTES, encoded[0]);
        assertEquals(tenMiB.length + 1 + 4, encoded.length);
        assertArrayEquals(tenMiB, (byte[]) codec.decode(encoded));

        int[] ints = new Random(2).ints(1_000_000).toArray();
        assertArrayEquals(ints, (int[]) roundTrip(ints));
        long[] longs = new Random(3).longs(1_000_000).toArray();
        assertArrayEquals(longs, (long[]) roundTrip(longs));
        double[] doubles = new Random(4).doubles(1_000_000).toArray();
        assertArrayEquals(doubles, (double[]) roundTrip(doubles));
    }

    @Test
    void collectionsRoundTripAsTheDocumentedTypes() {
        assertCompactRoundTrip(new ArrayList<>(), DefaultCodec.TAG_LIST);
        assertCompactRoundTrip(new LinkedHashMap<>(), DefaultCodec.TAG_MAP);
        assertCompactRoundTrip(new LinkedHashSet<>(), DefaultCodec.TAG_SET);

        ArrayList<Object> list = new ArrayList<>(Arrays.asList(1, "two", null, 3.0, 'c', 0));
        assertCompactRoundTrip(list, DefaultCodec.TAG_LIST);

        HashMap<Object, Object> hashMap = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            hashMap.put("k" + i, i % 3 == 0 ? null : (long) i);
        }
        hashMap.put(null, "null key");
        Object mapBack = roundTrip(hashMap);
        assertInstanceOf(LinkedHashMap.class, mapBack);
        assertEquals(hashMap, mapBack);
        // Order is the sender's iteration order.
        assertEquals(new ArrayList<>(hashMap.keySet()), new ArrayList<>(((Map<?, ?>) mapBack).keySet()));

        HashSet<Object> hashSet = new HashSet<>(Arrays.asList("a", "b", 3, null));
        Object setBack = roundTrip(hashSet);
        assertInstanceOf(LinkedHashSet.class, setBack);
        assertEquals(hashSet, setBack);
        assertEquals(new ArrayList<>(hashSet), new ArrayList<>((Set<?>) setBack));
    }

    @Test
    void nestedCollectionsRoundTrip() {
        LinkedHashMap<Object, Object> root = new LinkedHashMap<>();
        ArrayList<Object> inner = new ArrayList<>();
        inner.add(new ArrayList<>(List.of(1, 2, 3)));
        inner.add(new HashSet<>(List.of("x", "y")));
        inner.add(new int[] {7});
        root.put("lists", inner);
        root.put(42, new HashMap<>(Map.of("deep", new ArrayList<>(List.of(new LinkedHashMap<>())))));
        root.put(new ArrayList<>(List.of("composite", "key")), "value");

        byte[] bytes = codec.encode(root);
        assertEquals(DefaultCodec.TAG_MAP, bytes[0]);
        @SuppressWarnings("unchecked")
        Map<Object, Object> back = (Map<Object, Object>) codec.decode(bytes);
        assertEquals(3, back.size());
        List<?> lists = (List<?>) back.get("lists");
        assertEquals(List.of(1, 2, 3), lists.get(0));
        assertEquals(Set.of("x", "y"), lists.get(1));
        assertArrayEquals(new int[] {7}, (int[]) lists.get(2));
        assertEquals(Map.of("deep", List.of(Map.of())), back.get(42));
        assertEquals("value", back.get(List.of("composite", "key")));
    }

    @Test
    void collectionWithNonCompactElementFallsBackAsAWhole() {
        ArrayList<Object> list = new ArrayList<>();
        list.add(1);
        list.add(new java.util.Date(0));
        byte[] bytes = codec.encode(list);
        assertEquals(DefaultCodec.TAG_JAVA, bytes[0]);
        assertEquals(list, codec.decode(bytes));
    }

    @Test
    void otherCollectionClassesKeepTheirTypeThroughTheFallback() {
        java.util.TreeMap<String, Integer> tree = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        tree.put("a", 1);
        tree.put("b", 2);
        Object back = roundTrip(tree);
        assertInstanceOf(java.util.TreeMap.class, back);
        assertEquals(List.of("b", "a"), new ArrayList<>(((Map<?, ?>) back).keySet()));

        Object immutable = roundTrip(List.of(1, 2));
        assertEquals(List.of(1, 2), immutable);
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) immutable).clear());
    }

    @Test
    void sharedAndCyclicCollectionsFallBackAndKeepIdentity() {
        ArrayList<Object> shared = new ArrayList<>(List.of("s"));
        ArrayList<Object> twice = new ArrayList<>();
        twice.add(shared);
        twice.add(shared);
        byte[] bytes = codec.encode(twice);
        assertEquals(DefaultCodec.TAG_JAVA, bytes[0]);
        List<?> back = (List<?>) codec.decode(bytes);
        assertSame(back.get(0), back.get(1));

        ArrayList<Object> cycle = new ArrayList<>();
        cycle.add("x");
        cycle.add(cycle);
        List<?> cycleBack = (List<?>) roundTrip(cycle);
        assertSame(cycleBack, cycleBack.get(1));
        assertEquals("x", cycleBack.get(0));
    }

    @Test
    void decodesFromTheMiddleOfABuffer() {
        byte[] encoded = codec.encode(new ArrayList<>(List.of("a", 1L)));
        byte[] padded = new byte[encoded.length + 10];
        Arrays.fill(padded, (byte) 0x7f);
        System.arraycopy(encoded, 0, padded, 5, encoded.length);
        assertEquals(List.of("a", 1L), codec.decode(padded, 5, encoded.length));
    }

    @Test
    void emptyTruncatedAndGarbageDataAreCodecExceptions() {
        assertThrows(CodecException.class, () -> codec.decode(new byte[0]));
        CodecException unknown = assertThrows(CodecException.class, () -> codec.decode(new byte[] {(byte) 0xEE}));
        assertTrue(unknown.getMessage().contains("unknown tag 0xee"), unknown.getMessage());

        Object[] samples = {"hello", 300, Integer.MIN_VALUE, 123456789L, 3.0, 'c', (short) 7, new int[] {1, 2},
            new long[] {3},
            new double[] {4}, new byte[] {1, 2, 3}, new ArrayList<>(List.of("a", "b")),
            new LinkedHashMap<>(Map.of("k", 1)), new LinkedHashSet<>(Set.of(1))};
        for (Object sample : samples) {
            byte[] bytes = codec.encode(sample);
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] truncated = Arrays.copyOf(bytes, cut);
                CodecException e = assertThrows(CodecException.class, () -> codec.decode(truncated),
                        () -> "truncated " + sample + " to " + truncated.length);
                if (cut > 0) {
                    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
                }
            }
            byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
            assertThrows(CodecException.class, () -> codec.decode(trailing));
        }
        // A varint that never ends, and one too long for an int.
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {DefaultCodec.TAG_INT, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1}));
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {DefaultCodec.TAG_INT, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}));
    }

    @Test
    void hugeClaimedLengthsFailWithoutAllocating() {
        // uvarint 0x7fffffff = ff ff ff ff 07
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        for (int tag : new int[] {DefaultCodec.TAG_STRING, DefaultCodec.TAG_BYTES, DefaultCodec.TAG_INTS,
            DefaultCodec.TAG_LONGS, DefaultCodec.TAG_DOUBLES, DefaultCodec.TAG_LIST, DefaultCodec.TAG_MAP,
            DefaultCodec.TAG_SET}) {
            byte[] data = new byte[1 + huge.length + 3];
            data[0] = (byte) tag;
            System.arraycopy(huge, 0, data, 1, huge.length);
            CodecException e = assertThrows(CodecException.class, () -> codec.decode(data));
            assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
        }
        // Larger than an int can hold.
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {DefaultCodec.TAG_BYTES, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}));
    }

    @Test
    void randomGarbageOnlyEverThrowsCodecException() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                // Make most samples start with a valid tag, so the parser gets past the first byte.
                garbage[0] = (byte) random.nextInt(DefaultCodec.TAG_JAVA + 1);
            }
            try {
                codec.decode(garbage);
            } catch (CodecException expected) {
                // fine: the only permitted failure
            }
        }
    }

    @Test
    void compactNestingBeyondMaxDepthIsRejectedOnDecode() {
        ArrayList<Object> deep = new ArrayList<>();
        ArrayList<Object> cursor = deep;
        for (int i = 0; i < 60; i++) {
            ArrayList<Object> next = new ArrayList<>();
            cursor.add(next);
            cursor = next;
        }
        byte[] bytes = DefaultCodec.standard().encode(deep);
        assertEquals(DefaultCodec.TAG_LIST, bytes[0]);

        DefaultCodec strict = new DefaultCodec(50, 1000, 1000, 1 << 20, null);
        CodecException e = assertThrows(CodecException.class, () -> strict.decode(bytes));
        assertTrue(e.getMessage().contains("maxDepth 50"), e.getMessage());

        // The strict codec itself does not flatten it; the fallback is then refused by the filter.
        byte[] strictBytes = strict.encode(deep);
        assertEquals(DefaultCodec.TAG_JAVA, strictBytes[0]);
        CodecException e2 = assertThrows(CodecException.class, () -> strict.decode(strictBytes));
        assertTrue(e2.getMessage().contains("maxDepth 50"), e2.getMessage());
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 2_000; i++) {
                        ArrayList<Object> value = new ArrayList<>(List.of(random.nextLong(), "s" + random.nextInt()));
                        assertEquals(value, codec.decode(codec.encode(value)));
                        Money money = new Money("EUR", random.nextLong());
                        assertEquals(money, codec.decode(codec.encode(money)));
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    record Money(String currency, long cents) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
