/**
 * Internal, not API: the synchronizers of the shared-memory backend, as words in shared memory with futex waits.
 *
 * <p>Every structure lives in a slot of its owner's {@link dev.mproc.ipc.shm.internal.sync.Arena}; its handle
 * ({@link dev.mproc.ipc.shm.internal.sync.ShmObject}) carries only the segment name and the slot's offset. Each
 * class documents its layout (an ASCII diagram, offsets as named constants) and its protocol. Common rules:
 * <ul>
 *   <li>An uncontended operation is one atomic instruction on the futex word (a CAS or a swap); a release or a
 *       signal makes a {@code FUTEX_WAKE} system call only when the word (or a count kept by the sleepers
 *       themselves) says somebody sleeps.</li>
 *   <li>A blocked caller spins for an adaptive budget ({@code Spin}), then sleeps on the futex in slices of at
 *       most 20 ms ({@code Wait}); each slice re-checks interruption and the deadline, and every 100 ms the
 *       liveness of the holder it waits for (recovery) and of the structure's owner (a gone owner fails the wait
 *       with {@link dev.mproc.MprocException}). No core is kept busy while blocked.</li>
 *   <li>A lock records its holder's pid in the futex word itself (and its start time beside it), and a semaphore
 *       counts the permits each process holds through {@code hold()}, so that a dead process's hold is recovered
 *       and reported to exactly one acquirer ({@code lastOwnerDied()}).</li>
 * </ul>
 */
package dev.mproc.ipc.shm.internal.sync;
