package dev.mproc.ipc.shm;

import dev.mproc.ipc.shm.internal.ShmIpcBackend;
import dev.mproc.ipc.shm.internal.ShmSupport;
import dev.mproc.spi.Availability;
import dev.mproc.spi.IpcBackend;
import dev.mproc.spi.IpcProvider;
import dev.mproc.spi.IpcSettings;

/**
 * The same-host IPC backend: shared objects in memory mapped from {@code /dev/shm}, where the kernel is involved
 * only when a process must sleep ({@code futex(2)} through JNA). Chosen over the socket backend when both are on the
 * class path and {@code /dev/shm} is usable. The control channel between a parent and its children, and the
 * manager's maps and lists, are the socket backend's: this backend depends on {@code mproc-ipc-netty}.
 */
public final class ShmIpcProvider implements IpcProvider {

    /** The name this backend is chosen by. */
    public static final String NAME = "shm";

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public ShmIpcProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Above the portable socket backend, which it builds on. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        return ShmSupport.availability();
    }

    @Override
    public IpcBackend create(IpcSettings settings) {
        return new ShmIpcBackend(settings);
    }
}
