package dev.mproc.ipc.netty.internal.objects;

/**
 * What a handle remembers for {@code lastOwnerDied()}: per thread, whether its latest acquisition through this
 * handle took over a hold left by a dead process. Lives in a transient field of the proxy, created on first use
 * (also after the proxy arrived in another process).
 */
final class NettyOwnerDeath {

    private final ThreadLocal<Boolean> flag = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /**
     * Records the calling thread's latest acquisition.
     *
     * @param died whether it recovered a dead process's hold
     */
    void acquired(boolean died) {
        flag.set(died);
    }

    /** @return what the calling thread's latest acquisition recorded */
    boolean lastOwnerDied() {
        return flag.get();
    }
}
