package dev.mproc.spawn.posix;

import dev.mproc.spi.Availability;
import java.util.Locale;
import java.util.Set;

/**
 * Whether the posix-fork backend can work in this JVM: one probe, run once, whose answer every entry point of
 * the module consults, so a missing library or the wrong operating system shows up as a reason in the
 * backend's {@link Availability} and never as a {@link LinkageError} at a random call.
 *
 * <p>The probe, in order: the kill switch {@value #DISABLED_PROPERTY}{@code =true}; Linux; x86-64 or aarch64
 * (the constants in {@link LibC} are theirs); JNA on the class path; then every libc function bound through
 * JNA, which needs glibc 2.34 or later ({@code posix_spawn_file_actions_addclosefrom_np}).
 */
public final class PosixSupport {

    /** System property that turns the backend off when {@code true}; read once, by the probe. */
    public static final String DISABLED_PROPERTY = "mproc.posix.disabled";

    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");
    private static final Availability AVAILABILITY = probe();

    private PosixSupport() {
    }

    /** @return whether the backend can be used here */
    public static boolean isAvailable() {
        return AVAILABILITY.available();
    }

    /** @return the probe's result, with the reason when unavailable */
    public static Availability availability() {
        return AVAILABILITY;
    }

    /**
     * Throws if the backend cannot be used here; every public entry point that reaches native code calls it.
     *
     * @throws UnsupportedOperationException naming the reason
     */
    public static void ensureAvailable() {
        if (!AVAILABILITY.available()) {
            throw new UnsupportedOperationException("spawn backend posix-fork is unavailable: "
                    + AVAILABILITY.reason());
        }
    }

    private static Availability probe() {
        if (Boolean.parseBoolean(System.getProperty(DISABLED_PROPERTY))) {
            return Availability.unavailable("disabled by -D" + DISABLED_PROPERTY + "=true");
        }
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Availability.unavailable("not Linux (os.name=" + os + ")");
        }
        String arch = System.getProperty("os.arch", "");
        if (!ARCHITECTURES.contains(arch)) {
            return Availability.unavailable("architecture " + arch + " is not supported (x86-64 and aarch64 are)");
        }
        try {
            Class.forName("com.sun.jna.Native", false, PosixSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable("JNA (net.java.dev.jna:jna) is not on the class path");
        }
        try {
            Class.forName(LibC.class.getName(), true, PosixSupport.class.getClassLoader());
            return Availability.ready();
        } catch (ClassNotFoundException | LinkageError e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            return Availability.unavailable("the C library cannot be bound through JNA (glibc 2.34 or later is "
                    + "needed): " + cause);
        }
    }
}
