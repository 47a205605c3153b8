package dev.mproc.spi;

/**
 * Service-provider interface of a spawn backend: how a child JVM is started, watched, signalled and reaped.
 * Register implementations in {@code META-INF/services/dev.mproc.spi.SpawnProvider}.
 */
public interface SpawnProvider extends BackendProvider {

    /**
     * Creates the backend. Called at most once per context, only when {@link #availability()} says available.
     *
     * @return a new backend instance, owned by the calling context
     */
    SpawnBackend create();
}
