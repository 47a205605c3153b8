package dev.mproc.spi;

/**
 * What every backend provider tells the context's discovery: a name users choose it by, a priority among
 * the available ones, and whether it can work here. Providers are found with {@link java.util.ServiceLoader},
 * so they need a public no-argument constructor, and constructing one must be cheap and must not touch the
 * backend's heavy dependencies (native libraries, event loops) — that happens in {@code create}.
 */
public interface BackendProvider {

    /**
     * The name users select this backend by, in code or with a system property; lower case, stable.
     *
     * @return the backend's name, for example {@code "processbuilder"}
     */
    String name();

    /**
     * Relative preference when no backend is chosen explicitly: the highest priority among the available
     * providers wins. The portable backends use 0; platform-specific faster ones use higher values.
     *
     * @return this provider's priority
     */
    int priority();

    /**
     * Whether the backend can work on this machine; computed once and cached by the provider.
     *
     * @return the availability, with a reason when unavailable
     */
    Availability availability();
}
