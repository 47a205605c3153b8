package dev.mproc.spawn.posix;

/**
 * The body of a daemon service run by {@link DaemonService}: Python's {@code Daemon.run}. It runs on the
 * service's main thread until it returns (the service then ends with exit code 0, or 1 if it threw) or until it
 * is asked to stop ({@code SIGTERM}, sent by {@link DaemonService#stop}), when it should finish its work and
 * return. The implementing class needs a public no-argument constructor: the detached JVM creates it by name.
 */
@FunctionalInterface
public interface Service {

    /**
     * Runs the service.
     *
     * @param control the arguments and the stop request
     * @throws Exception any failure; it is written to the service's stderr and ends it with exit code 1
     */
    void run(ServiceControl control) throws Exception;
}
