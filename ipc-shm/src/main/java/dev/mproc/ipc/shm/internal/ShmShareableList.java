package dev.mproc.ipc.shm.internal;

import dev.mproc.MprocException;
import dev.mproc.shared.ShareableList;
import dev.mproc.shared.SharedMemoryNotFoundException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A handle to a {@link ShareableList} of this backend: a {@link Segment} of kind
 * {@link Segment.Kind#SHAREABLE_LIST} laid out as follows (offsets relative to the segment's data, native byte
 * order):
 *
 * <pre>
 * offset          size   field
 *      0             4   COUNT      the number of elements n, fixed at creation
 *      4             4   (reserved, zero)
 *      8          16*n   ENTRIES, one per element i, at ENTRIES + i * ENTRY:
 *                          +0  4  SLOT      offset of the element's slot in the data, a multiple of 8
 *                          +4  4  CAPACITY  bytes in the slot: 8 for a number, a boolean or null; for a string
 *                                           or byte array its encoded length rounded up to a multiple of 8,
 *                                           at least 8
 *                          +8  8  META      the element's type (high 32 bits, TYPE_*) and encoded length (low 32
 *                                           bits); written with release after the slot's bytes
 *   8 + 16*n             -   the slots, in element order
 * </pre>
 *
 * A number is stored in the first 8 bytes of its slot: a {@code long} as it is, a {@code double} as its raw bits,
 * a {@code boolean} as 0 or 1. A string is stored as UTF-8, a byte array as is, and META holds the length.
 * SLOT and CAPACITY never change after creation, so a handle reads them once when it attaches; a {@link #get}
 * reads META once and clamps the length to the slot, so a racing {@link #set} can give it a mixture of the old
 * and the new value but never a read outside the slot or an exception (the {@link ShareableList} contract).
 *
 * <p>Attaching, decoding and lifecycle are those of {@link ShmSharedMemory}: each handle maps the segment itself,
 * a handle decoded after the list was unlinked throws {@link SharedMemoryNotFoundException} on first use, and
 * handles naming the same segment are equal. Thread-safe as the contract allows: the list itself is not
 * synchronized.
 */
final class ShmShareableList implements ShareableList {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int COUNT = 0;
    static final int ENTRIES = 8;
    static final int ENTRY = 16;
    static final int SLOT = 0;
    static final int CAPACITY = 4;
    static final int META = 8;

    static final int TYPE_NULL = 0;
    static final int TYPE_BOOLEAN = 1;
    static final int TYPE_LONG = 2;
    static final int TYPE_DOUBLE = 3;
    static final int TYPE_STRING = 4;
    static final int TYPE_BYTES = 5;

    private final String name;
    private final int size;
    private transient volatile Attachment attachment;
    private transient volatile RuntimeException attachFailure;

    /** A handle's mapping and the immutable slot table read from it. */
    private record Attachment(Segment segment, Region data, int[] slots, int[] capacities) {
    }

    private ShmShareableList(String name, int size, Attachment attachment) {
        this.name = name;
        this.size = size;
        this.attachment = attachment;
    }

    /**
     * Creates a list owned by this process.
     *
     * @param values the initial elements
     * @return an attached handle
     * @throws IllegalArgumentException if an element's type is not supported, or the list would not fit one
     *     segment mapping
     * @throws MprocException if {@code /dev/shm} has no room
     */
    static ShmShareableList create(List<?> values) {
        Objects.requireNonNull(values, "values");
        Object[] elements = values.toArray();
        int n = elements.length;
        Object[] stored = new Object[n];
        long[] capacities = new long[n];
        long total = ENTRIES + (long) ENTRY * n;
        for (int i = 0; i < n; i++) {
            stored[i] = normalize(elements[i], i);
            capacities[i] = Math.max(8, roundUp(encodedLength(stored[i])));
            total += capacities[i];
        }
        if (total > Segment.MAX_DATA) {
            throw new IllegalArgumentException("a shareable list of " + n + " elements needs " + total
                    + " bytes, more than one segment mapping holds (" + Segment.MAX_DATA + ")");
        }
        Segment segment = Segment.create(Segment.Kind.SHAREABLE_LIST, total);
        Region data = segment.data();
        data.setInt(COUNT, n);
        int[] slots = new int[n];
        int[] caps = new int[n];
        long slot = ENTRIES + (long) ENTRY * n;
        for (int i = 0; i < n; i++) {
            int entry = ENTRIES + ENTRY * i;
            slots[i] = (int) slot;
            caps[i] = (int) capacities[i];
            data.setInt(entry + SLOT, slots[i]);
            data.setInt(entry + CAPACITY, caps[i]);
            slot += capacities[i];
        }
        ShmShareableList list = new ShmShareableList(segment.name(), n, new Attachment(segment, data, slots, caps));
        for (int i = 0; i < n; i++) {
            list.store(list.attachment, i, stored[i]);
        }
        return list;
    }

    /**
     * Attaches a new handle to an existing list.
     *
     * @param name the segment's name
     * @return an attached handle
     * @throws SharedMemoryNotFoundException if no segment has that name
     * @throws MprocException if the segment is not a shareable list of this layout version, or its table is
     *     damaged
     */
    static ShmShareableList attach(String name) {
        Objects.requireNonNull(name, "name");
        Attachment a = open(name);
        return new ShmShareableList(name, a.slots.length, a);
    }

    private static Attachment open(String name) {
        Segment segment = Segment.attach(name, Segment.Kind.SHAREABLE_LIST);
        Region data = segment.data();
        int n = data.getInt(COUNT);
        long size = data.size();
        if (n < 0 || ENTRIES + (long) ENTRY * n > size) {
            throw new MprocException("refusing shareable list " + name + ": it claims " + n + " elements, which its "
                    + size + " bytes cannot hold");
        }
        int[] slots = new int[n];
        int[] caps = new int[n];
        for (int i = 0; i < n; i++) {
            int entry = ENTRIES + ENTRY * i;
            slots[i] = data.getInt(entry + SLOT);
            caps[i] = data.getInt(entry + CAPACITY);
            if (slots[i] < ENTRIES + ENTRY * n || (slots[i] & 7) != 0 || caps[i] < 8
                    || (long) slots[i] + caps[i] > size) {
                throw new MprocException("refusing shareable list " + name + ": the slot of element " + i
                        + " (offset " + slots[i] + ", " + caps[i] + " bytes) lies outside its " + size + " bytes");
            }
        }
        return new Attachment(segment, data, slots, caps);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(int index) {
        Attachment a = attached();
        Objects.checkIndex(index, size);
        Region data = a.data;
        long meta = data.getLongAcquire(ENTRIES + ENTRY * index + META);
        int type = (int) (meta >>> 32);
        int slot = a.slots[index];
        switch (type) {
            case TYPE_BOOLEAN:
                return data.getLong(slot) != 0;
            case TYPE_LONG:
                return data.getLong(slot);
            case TYPE_DOUBLE:
                return Double.longBitsToDouble(data.getLong(slot));
            case TYPE_STRING:
            case TYPE_BYTES:
                // Clamped: a racing set may have changed the length; never read outside the slot.
                int length = Math.min(Math.max(0, (int) meta), a.capacities[index]);
                byte[] bytes = new byte[length];
                data.get(slot, bytes, 0, length);
                return type == TYPE_STRING ? new String(bytes, StandardCharsets.UTF_8) : bytes;
            default:
                return null;
        }
    }

    @Override
    public void set(int index, Object value) {
        Attachment a = attached();
        Objects.checkIndex(index, size);
        store(a, index, normalize(value, index));
    }

    private void store(Attachment a, int index, Object value) {
        byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : value instanceof byte[] b ? b : null;
        long length = bytes != null ? bytes.length : 8;
        if (length > a.capacities[index]) {
            throw new IllegalArgumentException("element " + index + " of shareable list " + name + " has room for "
                    + a.capacities[index] + " bytes; the new value needs " + length + " (exceeds available storage)");
        }
        Region data = a.data;
        int slot = a.slots[index];
        int type;
        if (value == null) {
            type = TYPE_NULL;
        } else if (value instanceof Boolean b) {
            type = TYPE_BOOLEAN;
            data.setLong(slot, b ? 1 : 0);
        } else if (value instanceof Long l) {
            type = TYPE_LONG;
            data.setLong(slot, l);
        } else if (value instanceof Double d) {
            type = TYPE_DOUBLE;
            data.setLong(slot, Double.doubleToRawLongBits(d));
        } else {
            type = value instanceof String ? TYPE_STRING : TYPE_BYTES;
            data.put(slot, bytes, 0, bytes.length);
        }
        data.setLongRelease(ENTRIES + ENTRY * index + META, ((long) type << 32) | (length & 0xffffffffL));
    }

    @Override
    public int indexOf(Object value) {
        attached();
        Object wanted = comparable(value);
        for (int i = 0; i < size; i++) {
            if (matches(get(i), wanted)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int count(Object value) {
        attached();
        Object wanted = comparable(value);
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (matches(get(i), wanted)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public List<Object> toList() {
        attached();
        List<Object> copy = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            copy.add(get(i));
        }
        return copy;
    }

    @Override
    public void close() {
        Attachment a = attachment;
        attachment = null;
        attachFailure = null;
        if (a != null) {
            a.segment.detach();
        }
    }

    @Override
    public void unlink() {
        try {
            if (!Files.deleteIfExists(SegmentFiles.file(name))) {
                throw new SharedMemoryNotFoundException("shareable list " + name
                        + " is already unlinked (by a process, or by its owner's exit)");
            }
        } catch (IOException e) {
            throw new MprocException("cannot unlink shareable list " + name + ": " + e, e);
        }
    }

    private Attachment attached() {
        Attachment a = attachment;
        if (a == null) {
            RuntimeException failure = attachFailure;
            if (failure instanceof SharedMemoryNotFoundException) {
                throw new SharedMemoryNotFoundException(failure.getMessage());
            }
            if (failure != null) {
                throw new MprocException("shareable list " + name + " could not be attached: " + failure.getMessage(),
                        failure);
            }
            throw new IllegalStateException("this handle of shareable list " + name + " is closed");
        }
        return a;
    }

    /** The stored form of a value: Integer, Short and Byte become Long, Float becomes Double. */
    private static Object normalize(Object value, int index) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof String || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        throw new IllegalArgumentException("element " + index + " of a shareable list must be null, a Boolean, an"
                + " integral number up to Long, a Float or Double, a String or a byte[]; not a "
                + value.getClass().getName());
    }

    /** A query value in stored form, or itself if no element can equal it. */
    private static Object comparable(Object value) {
        try {
            return normalize(value, 0);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static boolean matches(Object element, Object wanted) {
        if (element instanceof byte[] a && wanted instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return Objects.equals(element, wanted);
    }

    /** Bytes a stored-form value occupies in its slot. */
    private static long encodedLength(Object value) {
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        return 8;
    }

    private static long roundUp(long n) {
        return (n + 7) & ~7L;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            attachment = open(name);
        } catch (RuntimeException e) {
            // Reported on use: decoding a message must not fail because one handle in it is stale.
            attachFailure = e;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShmShareableList other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "ShareableList[" + name + ", " + size + " elements" + (attachment == null ? ", detached" : "") + "]";
    }
}
