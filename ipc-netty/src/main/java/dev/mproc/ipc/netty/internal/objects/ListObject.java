package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.CodecException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A manager's list at the owner: elements as their writers encoded them, decoded only to compare them when
 * their bytes alone cannot tell ({@link ManagerProtocol#sameValue}).
 *
 * <p>Every op answers at once; none parks. Replies follow {@link ManagerProtocol}; an index out of range is a
 * {@link ManagerProtocol#STATUS_INDEX} reply.
 */
final class ListObject implements ServerObject {

    /** Op: the length, an int. */
    static final byte SIZE = 10;
    /** Op (index): the element. */
    static final byte GET = 11;
    /** Op (index, element): the element replaced. */
    static final byte SET = 12;
    /** Op (index, expected, element): boolean, whether the element was equal to expected and is replaced. */
    static final byte COMPARE_AND_SET = 13;
    /** Op (element): nothing. */
    static final byte ADD = 14;
    /** Op (index, element): nothing; the index may equal the length. */
    static final byte INSERT = 15;
    /** Op (count, elements): nothing. */
    static final byte ADD_ALL = 16;
    /** Op (index): the removed element. */
    static final byte REMOVE_AT = 17;
    /** Op (element): boolean, whether an equal element was found and removed. */
    static final byte REMOVE = 18;
    /** Op (element): the index of the first equal element or -1, an int. */
    static final byte INDEX_OF = 19;
    /** Op: remove every element. */
    static final byte CLEAR = 20;
    /** Op: int count, then the elements. */
    static final byte SNAPSHOT = 21;
    /**
     * Op (index, expected, element): the compare-and-set that updateAndGet retries on. If the element's encoding
     * is exactly {@code expected} it becomes {@code element}; answers boolean "swapped", then, when not swapped,
     * the current element so that the caller can retry at once.
     */
    static final byte SWAP = 22;

    private final ClassLoader loader;
    private final List<byte[]> elements = new ArrayList<>();

    /**
     * @param loader resolves the classes of elements when they are decoded (the manager creator's)
     */
    ListObject(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        byte[] reply;
        try {
            reply = apply(op, args);
        } catch (IndexOutOfBoundsException e) {
            reply = ManagerProtocol.errorReply(ManagerProtocol.STATUS_INDEX, e.getMessage());
        } catch (CodecException e) {
            reply = ManagerProtocol.errorReply(ManagerProtocol.STATUS_CODEC, e.getMessage());
        } catch (RuntimeException e) {
            // Comparing elements runs their equals, user code; its failure is the caller's, not the owner's.
            reply = ManagerProtocol.errorReply(ManagerProtocol.STATUS_ERROR, "the manager's list failed: " + e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (reply == null) {
            request.fail(dev.mproc.ipc.netty.internal.Wire.ERR_PROTOCOL, "a list has no op " + op);
        } else {
            request.ok(reply);
        }
    }

    private byte[] apply(byte op, ByteBuffer args) {
        switch (op) {
            case SIZE -> {
                return ManagerProtocol.intReply(elements.size());
            }
            case GET -> {
                return ManagerProtocol.valueReply(elements.get(index(args.getInt())));
            }
            case SET -> {
                int i = index(args.getInt());
                return ManagerProtocol.valueReply(elements.set(i, ManagerProtocol.field(args)));
            }
            case COMPARE_AND_SET -> {
                int i = index(args.getInt());
                byte[] expected = ManagerProtocol.field(args);
                byte[] element = ManagerProtocol.field(args);
                if (ManagerProtocol.sameValue(elements.get(i), expected)) {
                    elements.set(i, element);
                    return ManagerProtocol.boolReply(true);
                }
                return ManagerProtocol.boolReply(false);
            }
            case ADD -> {
                elements.add(ManagerProtocol.field(args));
                return ManagerProtocol.okReply();
            }
            case INSERT -> {
                int i = args.getInt();
                if (i < 0 || i > elements.size()) {
                    throw new IndexOutOfBoundsException("index " + i + " out of bounds for insertion into a list"
                            + " of length " + elements.size());
                }
                elements.add(i, ManagerProtocol.field(args));
                return ManagerProtocol.okReply();
            }
            case ADD_ALL -> {
                int n = args.getInt();
                byte[][] added = new byte[n][];
                for (int i = 0; i < n; i++) {
                    added[i] = ManagerProtocol.field(args);
                }
                elements.addAll(Arrays.asList(added));
                return ManagerProtocol.okReply();
            }
            case REMOVE_AT -> {
                return ManagerProtocol.valueReply(elements.remove(index(args.getInt())));
            }
            case REMOVE -> {
                int i = indexOf(ManagerProtocol.field(args));
                if (i >= 0) {
                    elements.remove(i);
                }
                return ManagerProtocol.boolReply(i >= 0);
            }
            case INDEX_OF -> {
                return ManagerProtocol.intReply(indexOf(ManagerProtocol.field(args)));
            }
            case CLEAR -> {
                elements.clear();
                return ManagerProtocol.okReply();
            }
            case SNAPSHOT -> {
                long size = 5;
                for (byte[] e : elements) {
                    size += 4L + e.length;
                }
                ManagerProtocol.checkReplySize(size, "list");
                ByteBuffer b = ByteBuffer.allocate((int) size).put(ManagerProtocol.STATUS_OK).putInt(elements.size());
                for (byte[] e : elements) {
                    b.putInt(e.length).put(e);
                }
                return b.array();
            }
            case SWAP -> {
                int i = index(args.getInt());
                byte[] expected = ManagerProtocol.field(args);
                byte[] element = ManagerProtocol.field(args);
                byte[] current = elements.get(i);
                if (Arrays.equals(current, expected)) {
                    elements.set(i, element);
                    return ManagerProtocol.boolReply(true);
                }
                return ByteBuffer.allocate(2 + current.length)
                        .put(ManagerProtocol.STATUS_OK).put((byte) 0).put(current).array();
            }
            default -> {
                return null;
            }
        }
    }

    private int index(int i) {
        return java.util.Objects.checkIndex(i, elements.size());
    }

    private int indexOf(byte[] element) {
        for (int i = 0; i < elements.size(); i++) {
            if (ManagerProtocol.sameValue(elements.get(i), element)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void dispose() {
        elements.clear();
    }
}
