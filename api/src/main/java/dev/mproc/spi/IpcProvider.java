package dev.mproc.spi;

/**
 * Service-provider interface of an IPC backend: how processes reach each other — the parent-to-child
 * control channel and every shared object. Register implementations in
 * {@code META-INF/services/dev.mproc.spi.IpcProvider}.
 */
public interface IpcProvider extends BackendProvider {

    /**
     * Creates the backend for one context. Called at most once per context, only when available.
     *
     * @param settings the context's secret, codec and limits
     * @return a new backend instance, owned by the calling context
     */
    IpcBackend create(IpcSettings settings);
}
