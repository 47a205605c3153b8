package dev.mproc.spawn.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The two calls a daemon child makes at boot, bound on their own: a child pays for binding only what it uses
 * (binding {@link LibC}'s forty functions would cost every daemon child more start-up time).
 */
final class ParentDeathSignal {

    static final int SIGKILL = 9;
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int PR_GET_PDEATHSIG = 2;
    private static final int EXIT_ORPHANED = 1;

    static {
        Native.register(ParentDeathSignal.class, NativeLibrary.getInstance("libc.so.6"));
    }

    private ParentDeathSignal() {
    }

    private static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    private static native int getppid();

    /**
     * Asks for SIGKILL when the parent dies, then exits at once if the parent is already gone.
     *
     * @param parentPid the parent's pid, as the parent itself reported it
     * @throws IllegalStateException if the kernel refused the {@code prctl}
     */
    static void arm(long parentPid) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) {
            throw new IllegalStateException("prctl(PR_SET_PDEATHSIG) failed: errno " + Native.getLastError());
        }
        int ppid = getppid();
        if (ppid != parentPid) {
            System.err.println("mproc: parent " + parentPid + " ended before this daemon child armed its death "
                    + "signal (parent is now " + ppid + "); exiting");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }
    }

    /**
     * @return the signal this process gets when its parent dies, 0 for none ({@code PR_GET_PDEATHSIG})
     */
    static int current() {
        Memory signal = new Memory(Integer.BYTES);
        if (prctl(PR_GET_PDEATHSIG, Pointer.nativeValue(signal), 0, 0, 0) != 0) {
            throw new IllegalStateException("prctl(PR_GET_PDEATHSIG) failed: errno " + Native.getLastError());
        }
        return signal.getInt(0);
    }
}
