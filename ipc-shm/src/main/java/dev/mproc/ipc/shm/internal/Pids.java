package dev.mproc.ipc.shm.internal;

/**
 * A cheap existence test for a process id, for checks made often enough that reading {@code /proc} (as
 * {@link ProcessIdentity#isAlive()} does) would cost too much: {@code kill(pid, 0)}, one system call. It cannot
 * tell a reused pid from the original process, nor a zombie from a live one; callers that must use {@link
 * ProcessIdentity}.
 */
public final class Pids {

    private Pids() {
    }

    /**
     * @param pid a process id, positive
     * @return {@code true} if a process (or zombie) with that id exists
     */
    public static boolean exists(int pid) {
        if (pid <= 0) {
            return false;
        }
        // EPERM means it exists but belongs to someone else: still a process.
        return LibC.kill(pid, 0) == 0 || LibC.errno() != LibC.ESRCH;
    }
}
