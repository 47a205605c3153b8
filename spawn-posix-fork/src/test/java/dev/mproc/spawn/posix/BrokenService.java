package dev.mproc.spawn.posix;

/** A service that cannot even be created. */
public final class BrokenService implements Service {

    /** Fails, as a misconfigured service would. */
    public BrokenService() {
        throw new IllegalStateException("no configuration");
    }

    @Override
    public void run(ServiceControl control) {
        throw new AssertionError("never created");
    }
}
