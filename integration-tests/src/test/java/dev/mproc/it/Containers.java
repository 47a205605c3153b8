package dev.mproc.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs a Java main class of this module's test class path inside a Linux container made from the locally built
 * base image ({@code scripts/containers.sh}), with network mode {@code none}. The class path's directories and
 * the local Maven repository are bind-mounted read-only at the same paths, so the container runs exactly the
 * code under test.
 */
final class Containers {

    static final String IMAGE = System.getProperty("mproc.container.image", "mproc-base:bookworm-jdk17-2");

    /** What a container run printed, and the exit code of its Java program. */
    record Run(int exitCode, String output) {
        /**
         * @param label the line's label before the counts, e.g. "kit"
         * @return {passed, failed} from a line "label: N passed, M failed"
         */
        long[] counts(String label) {
            Matcher m = Pattern.compile(Pattern.quote(label) + ": (\\d+) passed, (\\d+) failed").matcher(output);
            long[] last = null;
            while (m.find()) {
                last = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
            }
            Assertions.assertNotNull(last, "no '" + label + ": N passed, M failed' line in:\n" + output);
            return last;
        }
    }

    private Containers() {
    }

    /**
     * Checks that Docker and the base image are here. Without them the container suite is skipped with one
     * message, except under {@code CI=true}, where a skipped container suite is a failure.
     */
    static void requireDocker() {
        String why = null;
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                why = "no Docker engine answers";
            } else if (!imageExists()) {
                why = "the base image " + IMAGE + " is not built (run scripts/containers.sh as root)";
            }
        } catch (RuntimeException e) {
            why = "Docker is not usable: " + e.getMessage();
        }
        if (why != null) {
            String message = "container tests cannot run here: " + why;
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: a skipped container suite is a failure)");
            }
            Assumptions.abort(message);
        }
    }

    private static boolean imageExists() {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    /**
     * Runs {@code java -cp <this class path> <main> <args>} in a fresh container and waits for it to end.
     *
     * @param init whether tini runs as PID 1 (else the JVM is PID 1)
     * @param host changes to the container's host configuration (memory, CPUs, read-only root...)
     * @param main the main class
     * @param args its arguments
     * @return the exit code and output
     */
    static Run runJava(boolean init, Consumer<com.github.dockerjava.api.model.HostConfig> host, String main,
            String... args) {
        String classPath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>();
        if (init) {
            cmd.addAll(List.of("tini", "-s", "--"));
        }
        cmd.addAll(List.of("java", "-cp", classPath, main));
        cmd.addAll(List.of(args));
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))) {
            c.withNetworkMode("none")
                    // The JVM encodes arguments, file names and environment in the locale's charset: without a
                    // UTF-8 locale (a bare image has none set) non-ASCII arguments to programs turn into '?'.
                    .withEnv("LANG", "C.UTF-8")
                    .withCommand(cmd.toArray(new String[0]))
                    .withCreateContainerCmdModifier(create -> host.accept(create.getHostConfig()))
                    // The run's end is awaited below, with its exit code; Testcontainers' one-shot check treats a
                    // container that saw an OOM kill inside it as not finished and keeps polling.
                    .withStartupCheckStrategy(new StartupCheckStrategy() {
                        @Override
                        public StartupStatus checkStartupState(com.github.dockerjava.api.DockerClient client,
                                String containerId) {
                            return StartupStatus.SUCCESSFUL;
                        }
                    });
            for (String root : mountRoots(classPath)) {
                c.withFileSystemBind(root, root, BindMode.READ_ONLY);
            }
            c.start();
            int code = DockerClientFactory.instance().client().waitContainerCmd(c.getContainerId()).start()
                    .awaitStatusCode(15, TimeUnit.MINUTES);
            return new Run(code, c.getLogs());
        }
    }

    /** The local Maven repository as a whole, and every other class path entry by itself. */
    private static Set<String> mountRoots(String classPath) {
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath();
        Set<String> roots = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!Files.exists(p)) {
                continue;
            }
            roots.add(p.startsWith(repo) ? repo.toString() : p.toString());
        }
        return roots;
    }
}
