/**
 * Internal, not API: shared values and arrays of the shared-memory backend, read and written in place (no
 * message per access) in slots of the owner's {@link dev.mproc.ipc.shm.internal.sync.Arena}, a large array in a
 * segment of its own. A value or array with a lock takes its {@link dev.mproc.ipc.shm.internal.sync.ShmRLock}
 * around every method; a lock-free one uses one atomic access per method.
 */
package dev.mproc.ipc.shm.internal.values;
