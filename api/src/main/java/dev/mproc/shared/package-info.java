/**
 * Shared data: typed values and arrays (Python's {@code Value} and {@code Array}), shared-memory segments
 * (Python's {@code shared_memory}), and a {@link dev.mproc.shared.Manager}'s map, list and namespace.
 *
 * <h2>Values and arrays: with a lock or lock-free</h2>
 * Python's {@code Value(typecode, v, lock=True)} wraps the value with a new {@code RLock} taken around each
 * access, and {@code lock=False} gives a raw value. Both exist here, chosen at creation:
 * <ul>
 *   <li>A value or array <em>with a lock</em> (the default, as in Python) has an associated
 *       {@link dev.mproc.sync.RLock}, returned by {@code lock()}, which every method takes for its duration.
 *       A caller that holds the lock therefore excludes every other access, so a sequence of calls is
 *       atomic: this is how Python's counter examples are written. The lock is reentrant so that the
 *       holder can call the value's methods.</li>
 *   <li>A <em>lock-free</em> value or array has no lock: {@code lock()} returns an empty
 *       {@link java.util.Optional}. Each method is atomic on its own (the read-modify-write methods
 *       included, as in {@link java.util.concurrent.atomic.AtomicInteger}); sequences of calls are not.</li>
 * </ul>
 * Either way, {@code v.set(v.get() + 1)} from several processes loses updates, exactly as Python's
 * {@code v.value += 1} does, unless the caller holds a lock around it; {@code v.incrementAndGet()} never
 * loses one.
 *
 * <h2>Manager containers</h2>
 * {@link dev.mproc.shared.SharedMap}, {@link dev.mproc.shared.SharedList} and
 * {@link dev.mproc.shared.SharedNamespace} do not implement {@link java.util.Map} or {@link java.util.List}:
 * those contracts promise live views ({@code keySet()}, {@code subList()}), iterators that can remove, and
 * content-based {@code equals} with any other map or list; across processes each step would be a remote
 * call, and a view would be consistent with nothing. Instead each method is one atomic operation on the
 * shared state, as each method of a Python proxy is, and {@code snapshot()} returns a consistent local copy
 * to iterate. Keys, elements and values cross processes through the context's codec and are compared by
 * the {@code equals} and {@code hashCode} of their decoded form; their classes must define both by value
 * (the identity hash code of an object differs in every process). Containers reject {@code null} keys,
 * values and elements with {@link java.lang.NullPointerException}, as
 * {@link java.util.concurrent.ConcurrentHashMap} does, so that a {@code null} result can mean "absent".
 *
 * <p>Index errors are {@link java.lang.IndexOutOfBoundsException} (Python's {@code IndexError}).
 */
package dev.mproc.shared;
