package dev.mproc;

/**
 * Stands in for an exception thrown in another process that could not itself be sent back (it, or something it
 * refers to, is not serializable). Keeps the original class name, message and stack trace.
 */
public final class RemoteException extends MprocException {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * @param remoteClassName the class of the original exception
     * @param message the original message
     * @param stackTrace the original stack trace
     * @param cause the original cause, converted the same way, or {@code null}
     */
    public RemoteException(String remoteClassName, String message, StackTraceElement[] stackTrace, Throwable cause) {
        super(remoteClassName + (message == null ? "" : ": " + message), cause);
        this.remoteClassName = remoteClassName;
        setStackTrace(stackTrace);
    }

    /** @return the fully qualified class name of the exception thrown in the other process */
    public String remoteClassName() {
        return remoteClassName;
    }
}
