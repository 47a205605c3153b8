package dev.mproc.internal;

import dev.mproc.BackendUnavailableException;
import dev.mproc.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses one backend of a kind: the name given in code, else the one named by a system property, else the
 * available provider with the highest priority. Every failure lists every candidate with its reason, so that
 * one message tells the user what to put on the class path or which property to set.
 */
public final class Backends {

    private Backends() {
    }

    /** A provider found on the class path, or the reason one could not even be loaded. */
    record Candidate<P extends BackendProvider>(P provider, String loadFailure) {
        String describe() {
            if (provider == null) {
                return "(provider could not be loaded): " + loadFailure;
            }
            return provider.availability().available()
                    ? provider.name() + ": available, priority " + provider.priority()
                    : provider.name() + ": unavailable: " + provider.availability().reason();
        }
    }

    /**
     * Finds the providers of a type with {@link ServiceLoader}; a provider that fails to load is kept as a
     * candidate with its error instead of hiding the others.
     *
     * @param type the provider interface
     * @param <P> the provider type
     * @return the candidates in class-path order
     */
    public static <P extends BackendProvider> List<Candidate<P>> discover(Class<P> type) {
        List<Candidate<P>> found = new ArrayList<>();
        Iterator<P> it = ServiceLoader.load(type, Backends.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(new Candidate<>(it.next(), null));
            } catch (ServiceConfigurationError e) {
                found.add(new Candidate<>(null, e.getMessage()));
            }
        }
        return found;
    }

    /**
     * Chooses a provider.
     *
     * @param kind "spawn" or "IPC", for messages
     * @param property the system property that names a backend
     * @param explicitName the name chosen in code, or {@code null}
     * @param candidates what {@link #discover} found
     * @param example a module to suggest when nothing is on the class path
     * @param <P> the provider type
     * @return the chosen, available provider
     * @throws BackendUnavailableException naming every candidate and the property
     */
    public static <P extends BackendProvider> P choose(String kind, String property, String explicitName,
            List<Candidate<P>> candidates, String example) {
        String requested = explicitName;
        String source = "chosen in code";
        if (requested == null) {
            requested = System.getProperty(property);
            source = "chosen by system property " + property;
        }
        if (requested != null && !requested.isBlank()) {
            String name = requested.trim();
            for (Candidate<P> c : candidates) {
                if (c.provider() != null && c.provider().name().equals(name)) {
                    if (c.provider().availability().available()) {
                        return c.provider();
                    }
                    throw new BackendUnavailableException("mproc " + kind + " backend '" + name + "' (" + source
                            + ") is unavailable: " + c.provider().availability().reason());
                }
            }
            throw new BackendUnavailableException("mproc " + kind + " backend '" + name + "' (" + source
                    + ") is not on the class path; candidates: " + list(candidates));
        }
        if (candidates.isEmpty()) {
            throw new BackendUnavailableException("No mproc " + kind + " backend on the class path. Add one (for example "
                    + example + ") or name one with -D" + property + "=<name>.");
        }
        return candidates.stream()
                .filter(c -> c.provider() != null && c.provider().availability().available())
                .map(Candidate::provider)
                .max(Comparator.comparingInt(BackendProvider::priority)
                        .thenComparing(BackendProvider::name, Comparator.reverseOrder()))
                .orElseThrow(() -> new BackendUnavailableException("No usable mproc " + kind + " backend; candidates: "
                        + list(candidates) + ". Add a backend that works here (for example " + example
                        + ") or name one with -D" + property + "=<name>."));
    }

    private static <P extends BackendProvider> String list(List<Candidate<P>> candidates) {
        if (candidates.isEmpty()) {
            return "none";
        }
        return candidates.stream().map(Candidate::describe).collect(Collectors.joining("; "));
    }
}
