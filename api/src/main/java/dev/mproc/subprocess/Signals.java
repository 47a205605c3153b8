package dev.mproc.subprocess;

/** Names of the common signals, for messages. */
final class Signals {

    private Signals() {
    }

    /**
     * @param exitCode an exit code in Python's convention
     * @return "exited with code n" or "was ended by signal s (SIGNAME)"
     */
    static String describeEnd(int exitCode) {
        if (exitCode >= 0) {
            return "exited with code " + exitCode;
        }
        String name = name(-exitCode);
        return "was ended by signal " + (-exitCode) + (name == null ? "" : " (" + name + ")");
    }

    /**
     * @param signal a signal number
     * @return its Linux name, or {@code null} when it is not a common one
     */
    static String name(int signal) {
        return switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 14 -> "SIGALRM";
            case 15 -> "SIGTERM";
            default -> null;
        };
    }
}
