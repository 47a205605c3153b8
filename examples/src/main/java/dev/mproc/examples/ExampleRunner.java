package dev.mproc.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one example in its own JVM — {@code java -cp <this JVM's class path> <main class>} — because what several
 * examples show depends on that JVM's main thread ending. Standard output and standard error come back merged, line
 * by line, from the example and from every process it starts (they inherit its streams); the run is over when the
 * last of them has closed the stream, which may be after the example's JVM has exited (an orphan).
 */
public final class ExampleRunner {

    /** Receives a run's output as it comes. */
    public interface Listener {
        /**
         * One line of output.
         *
         * @param line the line, without its terminator
         */
        void line(String line);

        /**
         * Called about ten times a second while the run goes on.
         *
         * @param elapsed since the start
         * @param silent since the last line (or the start)
         */
        default void tick(Duration elapsed, Duration silent) {
        }
    }

    /**
     * How a run ended.
     *
     * @param example the example
     * @param exitCode the exit code of the example's JVM
     * @param lines every line of output, in the order they arrived
     * @param elapsed from the start until the output closed
     * @param pid the pid of the example's JVM
     * @param timedOut whether the run was stopped by the timeout (then the processes seen were killed)
     */
    public record Result(Example example, int exitCode, List<String> lines, Duration elapsed, long pid,
            boolean timedOut) {

        /** @return whether the run ended in time with the exit code the example expects */
        public boolean asExpected() {
            return !timedOut && exitCode == example.expectedExit();
        }
    }

    private final Map<String, String> properties;

    /**
     * A runner that passes system properties to every example's JVM, such as {@code mproc.spawn}.
     *
     * @param properties the properties, in order
     */
    public ExampleRunner(Map<String, String> properties) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * The command that runs an example: this JVM's {@code java}, its class path, the properties, the main class.
     *
     * @param example the example
     * @return the command line
     */
    public List<String> command(Example example) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED"); // Netty's epoll transport; JDK 22+ warns without it
        cmd.add("-XX:TieredStopAtLevel=1"); // short programs: a quicker start beats peak speed
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(example.mainClass().getName());
        return cmd;
    }

    /**
     * Runs an example and waits until its output has closed or the timeout has elapsed.
     *
     * @param example the example
     * @param listener receives the output as it comes
     * @param timeout the longest the run may take; then the example and every descendant seen are killed
     * @return how it ended
     * @throws IOException if the JVM cannot be started
     * @throws InterruptedException if interrupted while waiting; the example is then killed
     */
    public Result run(Example example, Listener listener, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        java.lang.Process process = new ProcessBuilder(command(example)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        long[] lastLine = {start};
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lastLine) {
                        lastLine[0] = System.nanoTime();
                        lines.add(line);
                        listener.line(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "example-output-" + example.name());
        reader.setDaemon(true);
        reader.start();

        // Descendants are recorded while the example runs, so that a timeout can kill them after it has exited.
        Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
        boolean timedOut = false;
        boolean done = false;
        try {
            while (reader.isAlive()) {
                if (process.isAlive()) {
                    process.descendants().forEach(seen::add);
                }
                reader.join(100);
                long now = System.nanoTime();
                synchronized (lastLine) {
                    listener.tick(Duration.ofNanos(now - start), Duration.ofNanos(now - lastLine[0]));
                }
                if (reader.isAlive() && now - start > timeout.toNanos()) {
                    timedOut = true;
                    break;
                }
            }
            done = !timedOut;
        } finally {
            if (!done) {
                process.descendants().forEach(seen::add);
                seen.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(5_000);
            }
        }
        int exit = process.waitFor();
        synchronized (lastLine) {
            return new Result(example, exit, List.copyOf(lines), Duration.ofNanos(System.nanoTime() - start),
                    process.pid(), timedOut);
        }
    }
}
