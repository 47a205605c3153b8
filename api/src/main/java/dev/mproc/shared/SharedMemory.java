package dev.mproc.shared;

import dev.mproc.SharedObject;
import java.nio.ByteBuffer;

/**
 * A named block of memory shared by processes: Python's {@code multiprocessing.shared_memory.SharedMemory}.
 * Created by {@link dev.mproc.Primitives#sharedMemory(long)}, zero-filled; attached by name with
 * {@link dev.mproc.Primitives#attachSharedMemory(String)}, or by decoding a handle that another process
 * sent, which attaches to the same segment.
 *
 * <h2>Lifecycle</h2>
 * A handle is attached until {@link #close()}, which detaches only this handle; other handles, in this
 * process or others, keep working. {@link #unlink()} removes the name, so nobody can attach any more; the
 * memory itself lives on until every attached handle is closed. The segment is unlinked automatically when
 * the process that created it exits, even if it is killed (the backend's resource tracker), so a crash
 * leaks nothing; an attaching process never unlinks a segment by exiting.
 *
 * <h2>Access and memory effects</h2>
 * The memory is reached through {@link ByteBuffer} views, each with its own position, limit and byte order,
 * as {@link ByteBuffer} always is ({@link java.nio.ByteOrder#BIG_ENDIAN} until changed). Their reads and
 * writes are plain memory accesses: another process may see writes late or in another order unless a
 * synchronizer orders them; changes made before releasing a {@link dev.mproc.sync.Lock} are visible to its
 * next holder. Views are safe for concurrent use only as far as {@link ByteBuffer} is: share the memory,
 * not a view's position.
 *
 * <p>Only a backend that maps memory on this host provides shared memory; others throw
 * {@link UnsupportedOperationException} from the factory methods.
 */
public interface SharedMemory extends SharedObject, AutoCloseable {

    /**
     * Returns the name by which another process of the same context family can attach to the segment.
     *
     * @return the segment's name
     */
    String name();

    /**
     * Returns the usable size of the segment.
     *
     * @return the size in bytes: the size asked at creation, or more if the backend rounds up
     */
    long size();

    /**
     * Returns a new view of the whole segment, position 0 and limit {@link #size()}.
     *
     * @return a direct buffer over the segment
     * @throws IllegalStateException if this handle is closed, or if the segment is larger than
     *     {@link Integer#MAX_VALUE} bytes, the most one buffer can span; use {@link #buffer(long, int)}
     */
    ByteBuffer buffer();

    /**
     * Returns a new view of part of the segment, position 0 and limit {@code length}.
     *
     * @param offset where in the segment the view starts
     * @param length how many bytes the view spans
     * @return a direct buffer over that part of the segment
     * @throws IndexOutOfBoundsException if {@code offset} or {@code length} is negative or
     *     {@code offset + length > size()}
     * @throws IllegalStateException if this handle is closed
     */
    ByteBuffer buffer(long offset, int length);

    /**
     * Detaches this handle; {@link #buffer()} then throws {@link IllegalStateException}. Views obtained
     * before stay valid until they are unreachable: the JDK cannot unmap memory that a buffer may still
     * reach without risking a crash, so the mapping is released when the garbage collector has found every
     * view unreachable. Calling it again has no effect.
     */
    @Override
    void close();

    /**
     * Removes the segment's name, so that nobody can attach any more; attached handles keep working until
     * closed. Any process may unlink, once.
     *
     * @throws SharedMemoryNotFoundException if the segment has already been unlinked, by any process
     */
    void unlink();
}
