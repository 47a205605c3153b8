package dev.mproc;

import java.io.Serializable;

/**
 * An object whose state is shared by several processes: a queue, a pipe end, a lock, a shared value, a
 * shared-memory segment, a manager's map. What a process holds is a <em>handle</em> to that state.
 *
 * <h2>Passing a shared object to another process</h2>
 * A shared object may be captured by a serializable target or task, passed as one of its arguments, or
 * carried inside any message the context's codec encodes (a queue item, a pipe message, a value of a
 * manager's map). Encoding a handle writes only where the state lives and which object it is; it never
 * copies the state. The receiving process decodes a new handle to the same object, so an update made
 * through either handle is seen through the other. Handles to the same object are {@link Object#equals
 * equal} and have the same {@link Object#hashCode hash code} in every process. A handle can be decoded only
 * by a process of the same context family, which holds the credentials the backend demands; elsewhere
 * decoding fails with {@link CodecException}.
 *
 * <h2>Lifecycle</h2>
 * The process that creates a shared object is its <em>owner</em>; a {@link dev.mproc.shared.Manager}'s
 * objects are owned by that manager. The state lives as long as its owner: the IPC backend reclaims it when
 * the owner exits, normally or not (killed, out of memory), so a crash leaves nothing behind. Other
 * processes may come and go freely. Once the owner has gone, the object is gone for everybody: a call on a
 * surviving handle fails with {@link MprocException}, and a call that was blocked on the object is woken
 * with that exception rather than left waiting. So create an object in a process that outlives every user of
 * it, usually the parent, or in a manager. The exception is a {@link dev.mproc.shared.SharedMemory} (and a
 * {@link dev.mproc.shared.ShareableList}): its name goes with its owner, as Python's does with its resource tracker,
 * but handles attached before keep their memory until they are closed. Some objects also end explicitly: see
 * {@link dev.mproc.shared.SharedMemory#unlink()} and {@link dev.mproc.shared.Manager#shutdown()}.
 *
 * <h2>Threads and memory effects</h2>
 * Unless its interface says otherwise, a shared object may be used concurrently by any number of threads
 * in any number of processes. Processes share no Java heap, so the visibility guarantees of each
 * interface concern <em>shared state</em>: the contents of shared objects. An operation that changes
 * shared state has taken effect for every process when it returns, except where an interface documents an
 * asynchronous hand-off (such as {@link dev.mproc.queue.Queue#put(Object)}). The synchronizers of
 * {@link dev.mproc.sync} then order such changes across processes, as their counterparts in
 * {@code java.util.concurrent} order memory writes across threads.
 *
 * <p>This is a marker: the interface has no methods, and only the IPC backends implement it.
 */
public interface SharedObject extends Serializable {
}
