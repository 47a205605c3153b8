package dev.mproc;

/**
 * No backend could be chosen for a context: none is on the class path, the one named is missing, or every
 * candidate is unavailable on this machine. The message lists every candidate with its reason and names the
 * system property that selects one.
 */
public class BackendUnavailableException extends MprocException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the diagnostic listing the candidates
     */
    public BackendUnavailableException(String message) {
        super(message);
    }
}
