package dev.mproc.examples;

import dev.mproc.ContextOptions;
import dev.mproc.spi.BackendProvider;
import dev.mproc.spi.IpcProvider;
import dev.mproc.spi.SpawnProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The examples tour: lists the examples, runs one, a group, or all of them in sequence, each in its own JVM.
 *
 * <pre>
 * Tour [--spawn NAME] [--ipc NAME] [all | list | NAME | GROUP ...]
 * </pre>
 *
 * <p>The backends are those on the class path (the available one with the highest priority of each kind) unless
 * {@code --spawn} or {@code --ipc} names one; the choice reaches every example as {@code -Dmproc.spawn} and
 * {@code -Dmproc.ipc}. Exit code: 0 when every example ended as expected, 1 otherwise, 2 for a usage error.
 */
public final class Tour {

    /** How long one example may run before it and its processes are killed. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final PrintStream out;
    private final boolean terminal;

    Tour(PrintStream out) {
        this.out = out;
        this.terminal = out == System.out && stdoutIsTerminal();
    }

    /**
     * Runs the tour.
     *
     * @param args options and names, see the class documentation
     * @throws Exception if an example cannot be started
     */
    public static void main(String[] args) throws Exception {
        System.exit(new Tour(System.out).run(args));
    }

    int run(String[] args) throws Exception {
        Map<String, String> backends = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String option = a.startsWith("--spawn") ? "spawn" : a.startsWith("--ipc") ? "ipc" : null;
            if (option != null && (a.equals("--" + option) || a.startsWith("--" + option + "="))) {
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : "";
                if (value.isBlank()) {
                    return usage("--" + option + " needs a backend name");
                }
                backends.put(option, value);
            } else if (a.equals("--help") || a.equals("-h")) {
                return usage(null);
            } else if (a.startsWith("-")) {
                return usage("unknown option " + a);
            } else {
                words.add(a);
            }
        }
        if (words.equals(List.of("list"))) {
            list();
            return 0;
        }
        Set<Example> chosen = new LinkedHashSet<>();
        for (String w : words.isEmpty() ? List.of("all") : words) {
            if (w.equals("all")) {
                chosen.addAll(Catalog.EXAMPLES);
            } else if (Catalog.GROUPS.containsKey(w)) {
                chosen.addAll(Catalog.inGroup(w));
            } else {
                Optional<Example> e = Catalog.byName(w);
                if (e.isEmpty()) {
                    return usage("no example or group named '" + w + "' (see: list)");
                }
                chosen.add(e.get());
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Optional<String> spawn = choose("spawn", SpawnProvider.class, backends.get("spawn"));
        Optional<String> ipc = choose("ipc", IpcProvider.class, backends.get("ipc"));
        if (spawn.isEmpty() || ipc.isEmpty()) {
            return 2;
        }
        properties.put(ContextOptions.SPAWN_PROPERTY, spawn.get());
        properties.put(ContextOptions.IPC_PROPERTY, ipc.get());
        return runAll(new ArrayList<>(chosen), new ExampleRunner(properties));
    }

    private int runAll(List<Example> examples, ExampleRunner runner) throws Exception {
        out.println("Each example runs in its own JVM: java -cp <this class path> -Dmproc.spawn=... -Dmproc.ipc=..."
                + " <main class>");
        out.printf(Locale.ROOT, "The seeds' sleeps are scaled by %.2f; pids and timings are real.%n%n", Pace.SCALE);
        long start = System.nanoTime();
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            out.printf("[%d/%d] %s: %s (%s)%n", i + 1, examples.size(), e.name(), e.title(), e.seeds());
            Relay relay = new Relay(String.format("[%d/%d] %s", i + 1, examples.size(), e.name()));
            ExampleRunner.Result r = runner.run(e, relay, TIMEOUT);
            relay.clearStatus();
            String how = r.timedOut() ? "timed out after " + TIMEOUT.toSeconds() + " s, killed"
                    : "exit " + r.exitCode() + (r.exitCode() == 130 ? " (128 + SIGINT)" : "");
            out.printf("  -> %s, %s%s%n%n", how, Pace.seconds(r.elapsed().toNanos()),
                    r.asExpected() ? "" : ", expected exit " + e.expectedExit());
            if (!r.asExpected()) {
                unexpected.add(e.name());
            }
        }
        out.printf("tour: %d example%s in %s, %s%n", examples.size(), examples.size() == 1 ? "" : "s",
                Pace.since(start), unexpected.isEmpty() ? "all as expected" : "not as expected: " + unexpected);
        return unexpected.isEmpty() ? 0 : 1;
    }

    /**
     * Relays an example's output, indented, with a progress line while it runs long: on a terminal a status line that
     * the next output replaces, elsewhere a line after every two silent seconds.
     */
    private final class Relay implements ExampleRunner.Listener {
        private final String label;
        private boolean statusShown;
        private long nextSilentReport = 2;
        private long lastStatusTenths = -1;

        Relay(String label) {
            this.label = label;
        }

        @Override
        public synchronized void line(String line) {
            clearStatus();
            out.println("    " + line);
            nextSilentReport = 2;
        }

        @Override
        public synchronized void tick(Duration elapsed, Duration silent) {
            if (terminal) {
                long tenths = elapsed.toMillis() / 100;
                if (elapsed.toSeconds() >= 2 && tenths != lastStatusTenths) {
                    out.printf(Locale.ROOT, "\r\033[K  %s running, %.1f s", label, tenths / 10.0);
                    out.flush();
                    statusShown = true;
                    lastStatusTenths = tenths;
                }
            } else if (silent.toSeconds() >= nextSilentReport) {
                out.printf("    ... %s still running (%d s)%n", label, elapsed.toSeconds());
                nextSilentReport = silent.toSeconds() + 2;
            }
        }

        synchronized void clearStatus() {
            if (statusShown) {
                out.print("\r\033[K");
                statusShown = false;
            }
        }
    }

    /** Whether standard output is a terminal, where a status line can be rewritten in place (Linux only). */
    private static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private void list() {
        out.println("examples (run one with its name, a group with its name, all with 'all' or nothing):");
        for (Map.Entry<String, String> g : Catalog.GROUPS.entrySet()) {
            out.printf("%n%s: %s%n", g.getKey(), g.getValue());
            for (Example e : Catalog.inGroup(g.getKey())) {
                out.printf("  %-30s %s (%s)%n", e.name(), e.title(), e.seeds());
            }
        }
    }

    /** The backend of one kind: the one asked for if it is there and usable, else the best available one. */
    private <P extends BackendProvider> Optional<String> choose(String kind, Class<P> type, String requested) {
        List<P> providers = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (var it = ServiceLoader.load(type).iterator(); ; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                P p = it.next();
                providers.add(p);
                described.add(p.availability().available() ? p.name() + " (priority " + p.priority() + ")"
                        : p.name() + " (unavailable: " + p.availability().reason() + ")");
            } catch (ServiceConfigurationError e) {
                described.add("a provider that failed to load: " + e.getMessage());
            }
        }
        Optional<P> pick = requested != null
                ? providers.stream().filter(p -> p.name().equals(requested) && p.availability().available()).findFirst()
                : providers.stream().filter(p -> p.availability().available())
                        .max(Comparator.comparingInt(BackendProvider::priority));
        String on = described.isEmpty() ? "none" : String.join(", ", described);
        if (pick.isEmpty()) {
            out.printf("no usable %s backend%s; on the class path: %s%n", kind,
                    requested == null ? "" : " named '" + requested + "'", on);
            return Optional.empty();
        }
        out.printf("%s backend: %s (%s; on the class path: %s)%n", kind, pick.get().name(),
                requested == null ? "the best available" : "--" + kind, on);
        return Optional.of(pick.get().name());
    }

    private int usage(String error) {
        if (error != null) {
            out.println("tour: " + error);
        }
        out.println("usage: Tour [--spawn NAME] [--ipc NAME] [all | list | NAME | GROUP ...]");
        out.println("groups: " + Catalog.GROUPS.keySet().stream().collect(Collectors.joining(", ")));
        return error == null ? 0 : 2;
    }
}
