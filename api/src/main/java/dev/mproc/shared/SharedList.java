package dev.mproc.shared;

import dev.mproc.SharedObject;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A list held by a {@link Manager} and shared by processes: Python's {@code Manager().list()}. Created by
 * {@link Manager#list()}.
 *
 * <p>Each method is one atomic operation on the shared list; a sequence of calls is not, so
 * {@code list.set(0, list.get(0) + 1)} loses updates when processes race, while
 * {@code list.updateAndGet(0, n -> n + 1)} does not. Why this is not a {@link java.util.List}, how elements
 * are compared and why {@code null} is refused is explained in the package documentation. Removal by index
 * is named {@link #removeAt(int)} so that it cannot be confused with {@link #remove(Object)} on a list of
 * integers.
 *
 * <p>Each call waits for the manager to answer; it does not react to interruption. Changes have taken
 * effect for every process when the call returns. After the manager has shut down, every method throws
 * {@link dev.mproc.MprocException}. Elements that cannot be encoded or decoded fail with
 * {@link dev.mproc.CodecException}, and the list is unchanged.
 *
 * @param <E> the type of the elements
 */
public interface SharedList<E> extends SharedObject {

    /**
     * Returns the number of elements.
     *
     * @return the length
     */
    int size();

    /**
     * Returns one element.
     *
     * @param index the element's index
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     */
    E get(int index);

    /**
     * Replaces one element.
     *
     * @param index the element's index
     * @param element the new element
     * @return the element it replaced
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     * @throws NullPointerException if {@code element} is {@code null}
     */
    E set(int index, E element);

    /**
     * Replaces one element if it equals an expected value.
     *
     * @param index the element's index
     * @param expected the element the caller believes present
     * @param element the new element
     * @return {@code true} if the element was replaced
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     * @throws NullPointerException if {@code expected} or {@code element} is {@code null}
     */
    boolean compareAndSet(int index, E expected, E element);

    /**
     * Replaces one element by a function of it, atomically, and returns the result. The function runs in
     * the calling thread, never in another process; if another update wins the race it runs again on the
     * newer element, so it must be free of side effects.
     *
     * @param index the element's index
     * @param update computes the new element from the current one
     * @return the new element
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     * @throws NullPointerException if {@code update} is {@code null} or returns {@code null}
     */
    default E updateAndGet(int index, UnaryOperator<E> update) {
        E current;
        E next;
        do {
            current = get(index);
            next = update.apply(current);
        } while (!compareAndSet(index, current, next));
        return next;
    }

    /**
     * Appends an element: Python's {@code append}.
     *
     * @param element the element
     * @throws NullPointerException if {@code element} is {@code null}
     */
    void add(E element);

    /**
     * Inserts an element, shifting later ones: Python's {@code insert}.
     *
     * @param index where the element goes, from 0 to {@link #size()}
     * @param element the element
     * @throws IndexOutOfBoundsException if {@code index} is negative or greater than {@link #size()}
     * @throws NullPointerException if {@code element} is {@code null}
     */
    void add(int index, E element);

    /**
     * Appends every element of a local collection, in its iteration order, in one atomic operation:
     * Python's {@code extend}.
     *
     * @param elements the elements
     * @throws NullPointerException if {@code elements} holds {@code null}; nothing is appended
     */
    void addAll(Collection<? extends E> elements);

    /**
     * Removes the element at an index, shifting later ones: Python's {@code pop(index)}.
     *
     * @param index the element's index
     * @return the removed element
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     */
    E removeAt(int index);

    /**
     * Removes the first element equal to a value: Python's {@code remove}, which raises
     * {@code ValueError} where this returns {@code false}.
     *
     * @param element the value
     * @return {@code true} if an element was removed
     * @throws NullPointerException if {@code element} is {@code null}
     */
    boolean remove(E element);

    /**
     * Returns the index of the first element equal to a value.
     *
     * @param element the value
     * @return the index, or -1 if none is equal (Python raises {@code ValueError})
     * @throws NullPointerException if {@code element} is {@code null}
     */
    int indexOf(E element);

    /**
     * Tells whether an element equals a value.
     *
     * @param element the value
     * @return {@code true} if some element is equal to it
     * @throws NullPointerException if {@code element} is {@code null}
     */
    default boolean contains(E element) {
        return indexOf(element) >= 0;
    }

    /**
     * Removes every element.
     */
    void clear();

    /**
     * Returns a consistent local copy of the whole list: Python's {@code list[:]}, and the way to iterate.
     * Later changes to either list do not affect the other.
     *
     * @return a new modifiable list
     */
    List<E> snapshot();
}
