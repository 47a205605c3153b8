package dev.mproc.shared;

import dev.mproc.SharedObject;
import dev.mproc.sync.RLock;
import java.util.Optional;

/**
 * A fixed-length array of {@code int} elements shared by processes, initially all zero: Python's
 * {@code Array('i', n)} and {@code RawArray}. Created by {@link dev.mproc.Primitives#intArray(int)} (with a
 * lock) or {@link dev.mproc.Primitives#intArray(int, boolean)}.
 *
 * <p>{@link #get(int)} and {@link #set(int, int)} read and write one element whole, and a set has taken
 * effect for every process when it returns, as a volatile write does across threads. On an array with a
 * lock (see the package documentation), every method takes the {@linkplain #lock() lock} for its duration,
 * so a bulk copy is atomic as a whole; it waits while another thread holds the lock, without reacting to
 * interruption (the interrupt status stays set). On a lock-free array a bulk copy is not atomic: it may see
 * a concurrent change in some elements and not in others, and orders with other processes only through a
 * synchronizer.
 */
public interface IntArray extends SharedObject {

    /**
     * Returns the number of elements, fixed at creation.
     *
     * @return the length
     */
    int length();

    /**
     * Returns one element.
     *
     * @param index the element's index
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #length()}
     */
    int get(int index);

    /**
     * Sets one element.
     *
     * @param index the element's index
     * @param value the new element
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #length()}
     */
    void set(int index, int value);

    /**
     * Copies consecutive elements out of this array: Python's {@code arr[index:index + length]}.
     *
     * @param index the first element to copy
     * @param destination where to copy them
     * @param offset where in {@code destination} the first one goes
     * @param length how many elements to copy
     * @throws IndexOutOfBoundsException if a range falls outside this array or {@code destination}; nothing
     *     is copied
     */
    void copyTo(int index, int[] destination, int offset, int length);

    /**
     * Copies consecutive elements into this array: Python's {@code arr[index:index + length] = source}.
     *
     * @param index the first element to overwrite
     * @param source where to copy from
     * @param offset where in {@code source} the first one is
     * @param length how many elements to copy
     * @throws IndexOutOfBoundsException if a range falls outside this array or {@code source}; nothing is
     *     copied
     */
    void copyFrom(int index, int[] source, int offset, int length);

    /**
     * Returns a copy of the whole array: Python's {@code arr[:]}.
     *
     * @return a new array with {@link #length()} elements
     */
    default int[] toArray() {
        int[] copy = new int[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    /**
     * Returns the lock every method of this array takes, to be held by a caller around a sequence of calls
     * that must be atomic as a whole. Python's {@code get_lock()}.
     *
     * @return the associated lock, or empty for a lock-free array
     */
    Optional<RLock> lock();
}
