package dev.mproc.examples;

import java.time.Duration;
import java.util.Locale;

/**
 * The seeds' waits, scaled down so that the whole tour runs in a minute or two. A seed's {@code time.sleep(3)} is
 * {@code Pace.sleep(3)} here and sleeps {@code 3 × SCALE} seconds; every example that scales says so in its output.
 * Waits whose length decides what the example shows (a daemon child that must still be sleeping when main ends)
 * are not scaled.
 */
public final class Pace {

    /** Real seconds per seed second. */
    public static final double SCALE = 0.25;

    private Pace() {
    }

    /**
     * A seed's wait, scaled.
     *
     * @param seedSeconds the wait in the seed program
     * @return the wait here
     */
    public static Duration of(double seedSeconds) {
        return Duration.ofNanos(Math.round(seedSeconds * SCALE * 1e9));
    }

    /**
     * Sleeps for a seed's wait, scaled.
     *
     * @param seedSeconds the wait in the seed program
     * @throws InterruptedException if interrupted while sleeping
     */
    public static void sleep(double seedSeconds) throws InterruptedException {
        Thread.sleep(of(seedSeconds).toMillis());
    }

    /**
     * The line an example prints when it scales the seed's waits.
     *
     * @param exampleSeedSeconds one of the seed's waits, to show what it becomes
     * @return for example {@code (the seed's waits are scaled by 0.25: its 3 s sleep takes 0.75 s here)}
     */
    public static String note(double exampleSeedSeconds) {
        return String.format(Locale.ROOT, "(the seed's waits are scaled by %.2f: its %s s sleep takes %s here)", SCALE,
                trim(exampleSeedSeconds), seconds(of(exampleSeedSeconds).toNanos()));
    }

    /**
     * Seconds elapsed since a {@link System#nanoTime()} reading, for printing.
     *
     * @param startNanos the reading
     * @return for example {@code 0.81 s}
     */
    public static String since(long startNanos) {
        return seconds(System.nanoTime() - startNanos);
    }

    /**
     * A duration in seconds, for printing.
     *
     * @param nanos the duration
     * @return for example {@code 0.81 s}
     */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
