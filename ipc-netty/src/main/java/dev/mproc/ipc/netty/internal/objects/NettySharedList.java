package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.SharedList;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The proxy of a manager's {@link ListObject}. Elements are encoded and decoded here, in the caller.
 * {@link #updateAndGet} retries on a compare-and-set of the exact bytes it read ({@link ListObject#SWAP}), which
 * hands back the newer element when another process won.
 *
 * @param <E> the type of the elements
 */
final class NettySharedList<E> extends ManagerContainer implements SharedList<E> {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the list's handle
     * @param client the client of the manager's owner
     */
    NettySharedList(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    public int size() {
        return call(ListObject.SIZE).getInt();
    }

    @Override
    public E get(int index) {
        return element(call(ListObject.GET, ManagerProtocol.args(index)));
    }

    @Override
    public E set(int index, E element) {
        return element(call(ListObject.SET, ManagerProtocol.args(index, ManagerProtocol.encode(element, "element"))));
    }

    @Override
    public boolean compareAndSet(int index, E expected, E element) {
        byte[] e = ManagerProtocol.encode(expected, "expected");
        byte[] n = ManagerProtocol.encode(element, "element");
        return call(ListObject.COMPARE_AND_SET, ManagerProtocol.args(index, e, n)).get() != 0;
    }

    @Override
    public E updateAndGet(int index, UnaryOperator<E> update) {
        Objects.requireNonNull(update, "update");
        byte[] current = ManagerProtocol.rawValue(call(ListObject.GET, ManagerProtocol.args(index)));
        for (;;) {
            E next = Objects.requireNonNull(update.apply(decode(current)), "the element update returned");
            ByteBuffer reply = call(ListObject.SWAP,
                    ManagerProtocol.args(index, current, ManagerProtocol.CODEC.encode(next)));
            if (reply.get() != 0) {
                return next;
            }
            current = new byte[reply.remaining()];
            reply.get(current);
        }
    }

    @Override
    public void add(E element) {
        call(ListObject.ADD, ManagerProtocol.args(ManagerProtocol.encode(element, "element")));
    }

    @Override
    public void add(int index, E element) {
        call(ListObject.INSERT, ManagerProtocol.args(index, ManagerProtocol.encode(element, "element")));
    }

    @Override
    public void addAll(Collection<? extends E> elements) {
        // Copy first: the argument may change meanwhile, and nothing may be sent if one element is refused.
        Object[] copy = elements.toArray();
        for (Object e : copy) {
            Objects.requireNonNull(e, "an element of elements");
        }
        byte[][] encoded = new byte[copy.length][];
        int size = 4;
        for (int i = 0; i < copy.length; i++) {
            encoded[i] = ManagerProtocol.CODEC.encode(copy[i]);
            size += 4 + encoded[i].length;
        }
        ByteBuffer args = ByteBuffer.allocate(size).putInt(copy.length);
        for (byte[] f : encoded) {
            args.putInt(f.length).put(f);
        }
        call(ListObject.ADD_ALL, args.array());
    }

    @Override
    public E removeAt(int index) {
        return element(call(ListObject.REMOVE_AT, ManagerProtocol.args(index)));
    }

    @Override
    public boolean remove(E element) {
        return call(ListObject.REMOVE, ManagerProtocol.args(ManagerProtocol.encode(element, "element"))).get() != 0;
    }

    @Override
    public int indexOf(E element) {
        return call(ListObject.INDEX_OF, ManagerProtocol.args(ManagerProtocol.encode(element, "element"))).getInt();
    }

    @Override
    public void clear() {
        call(ListObject.CLEAR);
    }

    @Override
    public List<E> snapshot() {
        ByteBuffer data = call(ListObject.SNAPSHOT);
        int n = data.getInt();
        List<E> copy = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            copy.add(decode(ManagerProtocol.field(data)));
        }
        return copy;
    }

    private E element(ByteBuffer data) {
        return decode(ManagerProtocol.rawValue(data));
    }

    @SuppressWarnings("unchecked") // the type argument is not checked across processes, as documented
    private E decode(byte[] encoded) {
        return encoded == null ? null : (E) ManagerProtocol.CODEC.decode(encoded);
    }
}
