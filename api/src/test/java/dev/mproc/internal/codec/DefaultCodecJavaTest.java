package dev.mproc.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** The Java serialization fallback: lambdas, user classes, error messages, filter limits, class loading. */
class DefaultCodecJavaTest {

    private final DefaultCodec codec = DefaultCodec.standard();

    /** A lambda target that Java serialization can write. */
    interface IntOp extends Serializable {
        int apply(int x);
    }

    record Money(String currency, long cents) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record Wrapper(Object payload) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record Holder(byte[] data) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static final class NotSerializableThing {
        final int value;

        NotSerializableThing(int value) {
            this.value = value;
        }
    }

    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    static final class ExplodesOnRead implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) {
            throw new IllegalStateException("boom on read");
        }
    }

    static final class ExplodesOnWrite implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) {
            throw new IllegalStateException("boom on write");
        }
    }

    /** Loaded a second time by {@link ChildFirstLoader} to show the context loader is used. */
    public static final class Isolated implements Serializable {
        private static final long serialVersionUID = 1L;
        public int value = 7;

        public Isolated() {
        }
    }

    private static Node chain(int length) {
        Node head = null;
        for (int i = 0; i < length; i++) {
            head = new Node(i, head);
        }
        return head;
    }

    @Test
    void lambdasCapturingCompactAndSerializedValuesRoundTripWithoutJavaSerialization() {
        java.util.List<Integer> numbers = new ArrayList<>(List.of(1, 2, 3));
        Money price = new Money("EUR", 7);
        IntOp op = x -> x + numbers.size() + (int) price.cents();
        byte[] bytes = codec.encode(op);
        assertEquals(DefaultCodec.TAG_LAMBDA, bytes[0]);
        assertEquals(20, ((IntOp) codec.decode(bytes)).apply(10));
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(CodecException.class, () -> codec.decode(truncated), () -> "cut at " + truncated.length);
        }
    }

    @Test
    void withAnAllowListPatternLambdasGoThroughTheFilteredJavaSerialization() {
        DefaultCodec strict = new DefaultCodec(100, 1_000_000, 1_000_000, 1 << 24,
                "java.lang.*;java.lang.invoke.SerializedLambda;" + DefaultCodecJavaTest.class.getName() + "*;!*");
        int offset = 2;
        IntOp add = x -> x + offset;
        byte[] bytes = strict.encode(add);
        assertEquals(DefaultCodec.TAG_JAVA, bytes[0]);
        assertEquals(12, ((IntOp) strict.decode(bytes)).apply(10));
    }

    @Test
    void serializableLambdaCapturingAnArgumentRoundTrips() {
        int offset = 5;
        IntOp add = x -> x + offset;
        byte[] bytes = codec.encode(add);
        assertEquals(DefaultCodec.TAG_LAMBDA, bytes[0], "lambdas skip Java serialization");
        IntOp back = (IntOp) codec.decode(bytes);
        assertNotSame(add, back);
        assertEquals(15, back.apply(10));
    }

    @Test
    void lambdaCapturingUserObjectsRoundTrips() {
        Money price = new Money("EUR", 250);
        List<String> names = new ArrayList<>(List.of("a", "bb", "ccc"));
        IntOp op = x -> (int) price.cents() * x + names.get(x).length();
        IntOp back = (IntOp) codec.decode(codec.encode(op));
        assertEquals(503, back.apply(2));
    }

    @Test
    void lambdaCapturingANonSerializableObjectNamesThatClass() {
        NotSerializableThing thing = new NotSerializableThing(3);
        IntOp op = x -> x + thing.hashCode();
        CodecException e = assertThrows(CodecException.class, () -> codec.encode(op));
        assertTrue(e.getMessage().startsWith("cannot encode " + op.getClass().getName() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": class " + NotSerializableThing.class.getName()
                + " is not serializable (it does not implement java.io.Serializable)"), e.getMessage());
    }

    @Test
    void nonSerializableValueMessageNamesTheClass() {
        String name = NotSerializableThing.class.getName();
        CodecException e = assertThrows(CodecException.class, () -> codec.encode(new NotSerializableThing(1)));
        assertEquals("cannot encode " + name + ": class " + name
                + " is not serializable (it does not implement java.io.Serializable)", e.getMessage());

        CodecException nested = assertThrows(CodecException.class,
                () -> codec.encode(new Wrapper(new Wrapper(new NotSerializableThing(2)))));
        assertEquals("cannot encode " + Wrapper.class.getName() + ": class " + name
                + " is not serializable (it does not implement java.io.Serializable)", nested.getMessage());

        ArrayList<Object> list = new ArrayList<>(List.of(1, "x"));
        list.add(new NotSerializableThing(3));
        CodecException inList = assertThrows(CodecException.class, () -> codec.encode(list));
        assertTrue(inList.getMessage().contains("class " + name + " is not serializable"), inList.getMessage());
    }

    @Test
    void nonSerializableLambdaGetsAHint() {
        IntUnaryOperator plain = x -> x + 1;
        CodecException e = assertThrows(CodecException.class, () -> codec.encode(plain));
        assertTrue(e.getMessage().contains("$$Lambda"), e.getMessage());
        assertTrue(e.getMessage().contains("target interface extends java.io.Serializable"), e.getMessage());
    }

    @Test
    void userRecordsFallBackToJavaSerialization() {
        Money money = new Money("USD", 1234);
        byte[] bytes = codec.encode(money);
        assertEquals(DefaultCodec.TAG_JAVA, bytes[0]);
        assertEquals(money, codec.decode(bytes));

        Holder holder = new Holder(new byte[] {1, 2, 3});
        assertArrayEquals(holder.data(), ((Holder) codec.decode(codec.encode(holder))).data());

        Node list = chain(200);
        Node back = (Node) codec.decode(codec.encode(list));
        int count = 0;
        for (Node n = back; n != null; n = n.next) {
            assertEquals(199 - count, n.value);
            count++;
        }
        assertEquals(200, count);
    }

    @Test
    void exceptionsFromUserSerializationCodeBecomeCodecExceptions() {
        CodecException write = assertThrows(CodecException.class, () -> codec.encode(new ExplodesOnWrite()));
        assertTrue(write.getMessage().contains("boom on write"), write.getMessage());
        assertTrue(write.getMessage().contains(ExplodesOnWrite.class.getName()), write.getMessage());

        // Written by a plain stream because the class cannot write itself through the codec.
        byte[] bytes = javaSerialize(new Wrapper(new ExplodesOnRead()));
        CodecException read = assertThrows(CodecException.class, () -> codec.decode(bytes));
        assertInstanceOf(IllegalStateException.class, read.getCause());
    }

    @Test
    void depthLimitRejectsDeepLinkedStructures() {
        DefaultCodec strict = new DefaultCodec(50, 1_000, 10_000, 1 << 20, null);
        byte[] shallow = strict.encode(chain(40));
        assertEquals(40, countNodes((Node) strict.decode(shallow)));

        byte[] deep = strict.encode(chain(200));
        CodecException e = assertThrows(CodecException.class, () -> strict.decode(deep));
        assertTrue(e.getMessage().contains("depth 51 exceeds maxDepth 50"), e.getMessage());
        assertTrue(e.getMessage().contains("deserialization filter"), e.getMessage());
    }

    @Test
    void referenceArrayAndStreamLimitsAreEnforced() {
        ArrayList<Object> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(new Money("EUR", i));
        }
        DefaultCodec fewRefs = new DefaultCodec(100, 1_000, 20, 1 << 20, null);
        CodecException refs = assertThrows(CodecException.class, () -> fewRefs.decode(fewRefs.encode(many)));
        assertTrue(refs.getMessage().contains("maxReferences 20"), refs.getMessage());

        DefaultCodec shortArrays = new DefaultCodec(100, 10, 1_000, 1 << 20, null);
        assertEquals(10, ((Holder) shortArrays.decode(shortArrays.encode(new Holder(new byte[10])))).data().length);
        CodecException arrays = assertThrows(CodecException.class,
                () -> shortArrays.decode(shortArrays.encode(new Holder(new byte[11]))));
        assertTrue(arrays.getMessage().contains("array length 11 exceeds maxArrayLength 10"), arrays.getMessage());

        DefaultCodec smallStreams = new DefaultCodec(100, 1_000, 1_000, 100, null);
        CodecException stream = assertThrows(CodecException.class,
                () -> smallStreams.decode(smallStreams.encode(new Money("EUR", 1))));
        assertTrue(stream.getMessage().contains("maxStreamBytes 100"), stream.getMessage());
    }

    @Test
    void hugeClaimedArrayLengthInASerializedStreamIsRejected() {
        byte[] payload = new byte[16];
        Arrays.fill(payload, (byte) 7);
        byte[] bytes = codec.encode(new Holder(payload));
        int at = indexOf(bytes, new byte[] {0, 0, 0, 16, 7, 7, 7, 7});
        assertTrue(at > 0);
        bytes[at] = 0x7F;
        bytes[at + 1] = (byte) 0xFF;
        bytes[at + 2] = (byte) 0xFF;
        bytes[at + 3] = (byte) 0xF0;
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(bytes));
        assertTrue(e.getMessage().contains("array length 2147483632"), e.getMessage());
    }

    @Test
    void patternCanRejectAndAllowClasses() {
        DefaultCodec denyCodecPackage = new DefaultCodec(100, 1_000, 1_000, 1 << 20, "!dev.mproc.internal.codec.*");
        CodecException e = assertThrows(CodecException.class,
                () -> denyCodecPackage.decode(denyCodecPackage.encode(new Money("EUR", 1))));
        assertTrue(e.getMessage().contains("class " + Money.class.getName() + " rejected by the pattern"),
                e.getMessage());
        // The compact form never reaches the filter.
        assertEquals("plain", denyCodecPackage.decode(denyCodecPackage.encode("plain")));

        DefaultCodec allowList = new DefaultCodec(100, 1_000, 1_000, 1 << 20,
                "java.lang.*;java.lang.invoke.SerializedLambda;dev.mproc.**;!*");
        int offset = 1;
        IntOp op = x -> x + offset;
        assertEquals(3, ((IntOp) allowList.decode(allowList.encode(op))).apply(2));
        CodecException date = assertThrows(CodecException.class,
                () -> allowList.decode(allowList.encode(new java.util.Date(0))));
        assertTrue(date.getMessage().contains("class java.util.Date rejected by the pattern"), date.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new DefaultCodec(100, 1, 1, 1, "maxdepth=oops"));
        assertThrows(IllegalArgumentException.class, () -> new DefaultCodec(0, 1, 1, 1, null));
    }

    @Test
    void missingClassIsNamed() throws IOException {
        byte[] bytes = codec.encode(new Money("EUR", 1));
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader bootstrapOnly = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(bootstrapOnly);
            CodecException e = assertThrows(CodecException.class, () -> codec.decode(bytes));
            assertTrue(e.getMessage().contains("class " + Money.class.getName() + " not found"), e.getMessage());
        } finally {
            thread.setContextClassLoader(saved);
        }

        // A name no loader knows, written into otherwise valid data.
        byte[] renamed = bytes.clone();
        byte[] original = "$Money".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(renamed, original);
        renamed[at + original.length - 1] = 'X';
        String missing = Money.class.getName().replace("$Money", "$MoneX");
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(renamed));
        assertTrue(e.getMessage().contains("class " + missing + " not found"), e.getMessage());
    }

    @Test
    void classesResolveThroughTheContextLoaderElseTheCodecsLoader() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        ChildFirstLoader loader = new ChildFirstLoader(getClass().getClassLoader(), Isolated.class.getName());
        try {
            Object isolated = loader.loadClass(Isolated.class.getName()).getDeclaredConstructor().newInstance();
            assertNotSame(Isolated.class, isolated.getClass());
            byte[] bytes = codec.encode(isolated);

            thread.setContextClassLoader(loader);
            assertSame(isolated.getClass(), codec.decode(bytes).getClass());

            thread.setContextClassLoader(null);
            assertSame(Isolated.class, codec.decode(bytes).getClass());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void truncatedAndCorruptedStreamsOnlyThrowCodecException() {
        Wrapper value = new Wrapper(new ArrayList<Object>(List.of(new Money("EUR", 5), chain(5), new int[] {1, 2},
                new java.util.Date(0), "text")));
        byte[] bytes = codec.encode(value);
        List<?> decoded = (List<?>) ((Wrapper) codec.decode(bytes)).payload();
        List<?> original = (List<?>) value.payload();
        assertEquals(original.size(), decoded.size());
        for (int i = 0; i < original.size(); i++) {
            if (original.get(i) instanceof int[] ints) {
                assertTrue(Arrays.equals(ints, (int[]) decoded.get(i)), "int[] survives");
            } else if (original.get(i) instanceof Node) {
                assertEquals(Node.class, decoded.get(i).getClass(), "the chain survives");
            } else {
                assertEquals(original.get(i), decoded.get(i));
            }
        }
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(CodecException.class, () -> codec.decode(truncated), () -> "cut at " + truncated.length);
        }
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = bytes.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[1 + random.nextInt(mutated.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                codec.decode(mutated);
            } catch (CodecException expected) {
                // the only permitted failure
            }
        }
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {DefaultCodec.TAG_JAVA}));
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {DefaultCodec.TAG_JAVA, 1, 2, 3, 4}));
    }

    private static int countNodes(Node head) {
        int count = 0;
        for (Node n = head; n != null; n = n.next) {
            count++;
        }
        return count;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] javaSerialize(Object value) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(DefaultCodec.TAG_JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** Defines one class itself, from the same bytes, so it is a different class from the application's. */
    private static final class ChildFirstLoader extends ClassLoader {
        private final String isolatedName;

        ChildFirstLoader(ClassLoader parent, String isolatedName) {
            super(parent);
            this.isolatedName = isolatedName;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(isolatedName)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] code = in.readAllBytes();
                        loaded = defineClass(name, code, 0, code.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
