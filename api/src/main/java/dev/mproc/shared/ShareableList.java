package dev.mproc.shared;

import dev.mproc.SharedObject;
import java.util.List;

/**
 * A fixed-length list of simple values stored in a {@link SharedMemory} segment: Python's
 * {@code multiprocessing.shared_memory.ShareableList}. Created by
 * {@link dev.mproc.Primitives#shareableList(List)}; attached by name with
 * {@link dev.mproc.Primitives#attachShareableList(String)}, or by decoding a handle another process sent.
 *
 * <h2>Elements</h2>
 * An element is {@code null}, a {@link Boolean}, a {@link Long} ({@link Integer}, {@link Short} and
 * {@link Byte} are stored as {@code Long}), a {@link Double} ({@link Float} is stored as {@code Double}), a
 * {@link String} (stored as UTF-8) or a {@code byte[]}. Each slot has a fixed size chosen at creation: 8
 * bytes for a number, a boolean or {@code null}, and for a string or byte array its encoded length rounded up
 * to a multiple of 8. {@link #set(int, Object)} may change an element's type as long as the new value fits
 * the slot.
 *
 * <h2>Concurrency</h2>
 * The list is not synchronized, as Python's is not: a {@link #get(int)} concurrent with a
 * {@link #set(int, Object)} of the same index may return the old value, the new one or, for a string or byte
 * array, a mixture; it never reads outside the slot, and never throws because of the race. Guard elements
 * that change with a {@link dev.mproc.sync.Lock}.
 *
 * <p>Lifecycle as {@link SharedMemory}: {@link #close()} detaches this handle, {@link #unlink()} removes the
 * name, and the creator's exit unlinks it.
 */
public interface ShareableList extends SharedObject, AutoCloseable {

    /**
     * Returns the name of the segment holding the list, by which another process can attach to it.
     *
     * @return the segment's name
     */
    String name();

    /**
     * Returns the number of elements, fixed at creation.
     *
     * @return the length
     */
    int size();

    /**
     * Returns one element.
     *
     * @param index the element's index
     * @return the element: {@code null}, a {@code Boolean}, a {@code Long}, a {@code Double}, a
     *     {@code String} or a new {@code byte[]}
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     * @throws IllegalStateException if this handle is closed
     */
    Object get(int index);

    /**
     * Replaces one element.
     *
     * @param index the element's index
     * @param value the new element, of one of the supported types
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     * @throws IllegalArgumentException if the value's type is not supported, or it does not fit the slot
     *     (Python's {@code ValueError('... exceeds available storage')}); the list is unchanged
     * @throws IllegalStateException if this handle is closed
     */
    void set(int index, Object value);

    /**
     * Returns the index of the first element equal to the value; byte arrays are compared by content.
     *
     * @param value the value to look for, may be {@code null}
     * @return the index, or -1 if no element is equal (Python raises {@code ValueError})
     * @throws IllegalStateException if this handle is closed
     */
    int indexOf(Object value);

    /**
     * Counts the elements equal to the value; byte arrays are compared by content.
     *
     * @param value the value to count, may be {@code null}
     * @return how many elements are equal to it
     * @throws IllegalStateException if this handle is closed
     */
    int count(Object value);

    /**
     * Returns a local copy of the elements: Python's {@code list(sl)}. Not atomic as a whole.
     *
     * @return a new modifiable list with {@link #size()} elements, in order
     * @throws IllegalStateException if this handle is closed
     */
    List<Object> toList();

    /**
     * Detaches this handle, as {@link SharedMemory#close()} does. Calling it again has no effect.
     */
    @Override
    void close();

    /**
     * Removes the segment's name, as {@link SharedMemory#unlink()} does.
     *
     * @throws SharedMemoryNotFoundException if the segment has already been unlinked, by any process
     */
    void unlink();
}
