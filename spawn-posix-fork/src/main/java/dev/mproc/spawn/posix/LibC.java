package dev.mproc.spawn.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library functions this backend calls, bound once with JNA's direct mapping ({@code Native.register}):
 * about 55 ns per call plus a little per argument, where an interface proxy costs microseconds. Direct mapping
 * cannot bind varargs, so variadic functions ({@code open}, {@code prctl}) get fixed-arity prototypes with every
 * argument passed explicitly. Errors: functions that set {@code errno} return -1 and {@link #errno()} reads the
 * value JNA saved right after the call; the {@code posix_spawn} family returns the error number itself.
 *
 * <p>Loading this class binds every symbol; a libc without one of them (glibc before 2.34 lacks
 * {@code posix_spawn_file_actions_addclosefrom_np}) fails here, once, and {@link PosixSupport} reports it as
 * the reason this backend is unavailable. Constants are Linux's on x86-64 and aarch64, the architectures the
 * probe accepts.
 */
final class LibC {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ECHILD = 10;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EINVAL = 22;

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0x40;
    static final int O_TRUNC = 0x200;
    static final int O_APPEND = 0x400;
    static final int O_CLOEXEC = 0x80000;

    static final short POSIX_SPAWN_SETPGROUP = 0x02;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSCHEDULER = 0x20;
    static final short POSIX_SPAWN_SETSID = 0x80;

    static final int SCHED_OTHER = 0;
    static final int SCHED_FIFO = 1;
    static final int SCHED_RR = 2;
    static final int SCHED_BATCH = 3;
    static final int SCHED_IDLE = 5;

    static final int WNOHANG = 1;
    static final int WEXITED = 4;
    static final int WNOWAIT = 0x01000000;
    static final int P_ALL = 0;
    static final int P_PID = 1;

    static final int PR_SET_CHILD_SUBREAPER = 36;
    static final int PR_GET_CHILD_SUBREAPER = 37;

    static final int PRIO_PROCESS = 0;

    static final int F_SETFD = 2;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int FD_CLOEXEC = 1;
    static final int F_GETLK = 5;
    static final int F_SETLK = 6;
    static final int F_SETLKW = 7;
    static final short F_WRLCK = 1;
    static final short F_UNLCK = 2;
    /** {@code struct flock}: short l_type @0, short l_whence @2, off_t l_start @8, off_t l_len @16, pid_t l_pid @24. */
    static final int FLOCK_BYTES = 32;
    static final int FLOCK_PID_OFFSET = 24;
    /** {@code struct stat}: 144 bytes on x86-64, 128 on aarch64; {@code st_dev} @0 and {@code st_ino} @8 on both. */
    static final int STAT_BYTES = 256;
    static final int STAT_INO_OFFSET = 8;

    /** glibc's opaque types, with room to spare: 80, 336 and 128 bytes on x86-64 and aarch64. */
    static final int FILE_ACTIONS_BYTES = 256;
    static final int SPAWNATTR_BYTES = 512;
    static final int SIGSET_BYTES = 128;
    /**
     * Offset of {@code __policy} in glibc's {@code posix_spawnattr_t} ({@code <spawn.h>}: short flags, pid_t
     * pgrp, sigset_t sd, sigset_t ss, struct sched_param sp, int policy), the same on x86-64 and aarch64.
     */
    static final int SPAWNATTR_POLICY_OFFSET = 268;
    /** {@code siginfo_t}: 128 bytes; {@code si_pid} at offset 16, {@code si_code} at 8, {@code si_status} at 24. */
    static final int SIGINFO_BYTES = 128;
    static final int SIGINFO_PID_OFFSET = 16;
    /** {@code cpu_set_t}: 1024 CPUs. */
    static final int CPU_SET_BYTES = 128;

    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    // ---- spawning ----------------------------------------------------------------------------------------------

    static native int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attr, Pointer argv,
            Pointer envp);

    static native int posix_spawnp(int[] pid, String file, Pointer fileActions, Pointer attr, Pointer argv,
            Pointer envp);

    static native int posix_spawn_file_actions_init(Pointer fileActions);

    static native int posix_spawn_file_actions_destroy(Pointer fileActions);

    static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    static native int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    static native int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int lowFd);

    static native int posix_spawnattr_init(Pointer attr);

    static native int posix_spawnattr_destroy(Pointer attr);

    static native int posix_spawnattr_setflags(Pointer attr, short flags);

    static native int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

    static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

    static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigdefault);

    static native int posix_spawnattr_setschedpolicy(Pointer attr, int policy);

    static native int posix_spawnattr_setschedparam(Pointer attr, Pointer schedParam);

    static native int posix_spawnattr_getschedpolicy(Pointer attr, int[] policy);

    static native int sigemptyset(Pointer set);

    static native int sigfillset(Pointer set);

    // ---- file descriptors --------------------------------------------------------------------------------------

    static native int pipe2(int[] fds, int flags);

    static native int open(String path, int flags, int mode);

    static native long write(int fd, Pointer buffer, long count);

    static native int close(int fd);

    static native int dup2(int fd, int newFd);

    static native int ftruncate(int fd, long length);

    static native int fcntl(int fd, int cmd, Pointer flock);

    /** {@code fcntl} with an integer argument ({@code F_SETFD}); fixed arity, as the other prototype. */
    static native int fcntl(int fd, int cmd, long arg);

    static native int stat(String path, Pointer buf);

    static native int fstat(int fd, Pointer buf);

    // ---- waiting and signals -----------------------------------------------------------------------------------

    static native int waitpid(int pid, int[] status, int options);

    static native int waitid(int idType, int id, Pointer info, int options);

    static native int kill(int pid, int signal);

    static native int getpid();

    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    // ---- scheduling --------------------------------------------------------------------------------------------

    static native int sched_getaffinity(int pid, long size, Pointer mask);

    static native int sched_setaffinity(int pid, long size, Pointer mask);

    static native int setpriority(int which, int who, int prio);

    static native int umask(int mask);

    static native String strerror(int errno);

    /** @return the {@code errno} of the last call on this thread that failed */
    static int errno() {
        return Native.getLastError();
    }

    /**
     * @param errno an error number
     * @return its description and symbolic number, for example {@code "Operation not permitted (errno 1)"}
     */
    static String describe(int errno) {
        return strerror(errno) + " (errno " + errno + ")";
    }
}
