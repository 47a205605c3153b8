package dev.mproc.spi;

import java.util.Objects;

/**
 * Whether a backend can work on this machine, and if not, why. Providers compute it from one cheap probe
 * (operating system, a native library, a file system), never by failing later at a random call site.
 *
 * @param available {@code true} if the backend can be used here
 * @param reason why it cannot be used; empty when available
 */
public record Availability(boolean available, String reason) {

    private static final Availability AVAILABLE = new Availability(true, "");

    /** Checks the invariants: an unavailable backend always gives a reason. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable backend must say why");
        }
    }

    /**
     * The backend can be used.
     *
     * @return the shared "available" instance
     */
    public static Availability ready() {
        return AVAILABLE;
    }

    /**
     * The backend cannot be used here.
     *
     * @param reason a sentence naming what is missing (for example "not Linux (os.name=Mac OS X)")
     * @return an unavailable result carrying the reason
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
