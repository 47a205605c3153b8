package dev.mproc.ipc.shm.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The C library calls of this backend, bound with JNA's direct mapping ({@code Native.register}): about 55 ns a
 * call where an interface proxy costs microseconds (see SHM-NOTES). Direct mapping cannot bind varargs, so
 * {@code open} and {@code syscall} get fixed-arity prototypes that pass every argument explicitly: a shorter
 * {@code futex} prototype would leave garbage in the timeout register. Functions that set {@code errno} return -1
 * and {@link #errno()} reads the value JNA saved right after the call.
 */
final class LibC {

    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final int ENOSPC = 28;
    static final int EEXIST = 17;
    static final int ESRCH = 3;
    static final int ETIMEDOUT = 110;

    static final int O_RDWR = 2;
    static final int O_CREAT = 0x40;
    static final int O_EXCL = 0x80;
    static final int O_NOFOLLOW = 0x20000;
    static final int O_CLOEXEC = 0x80000;

    /** {@code SYS_futex}: 202 on x86-64, 98 on aarch64. */
    static final long SYS_FUTEX = Platform.isARM() ? 98 : 202;

    static {
        Native.register(LibC.class, NativeLibrary.getInstance("libc.so.6"));
    }

    private LibC() {
    }

    static native int open(String path, int flags, int mode);

    static native int posix_fallocate(int fd, long offset, long length);

    static native int close(int fd);

    static native int kill(int pid, int signal);

    /**
     * {@code syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3)}.
     *
     * @param timeout {@code {seconds, nanoseconds}} of a relative timeout, or {@code null} for none
     */
    static native long syscall(long number, long uaddr, int op, int val, long[] timeout, long uaddr2, int val3);

    static int errno() {
        return Native.getLastError();
    }
}
