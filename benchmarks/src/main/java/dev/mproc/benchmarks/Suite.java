package dev.mproc.benchmarks;

import dev.mproc.benchmarks.Catalog.Family;
import dev.mproc.benchmarks.Catalog.Workload;
import dev.mproc.spi.BackendProvider;
import dev.mproc.spi.IpcProvider;
import dev.mproc.spi.SpawnProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench.sh all}: every workload family of {@link Catalog}, on CPython's {@code multiprocessing} and on
 * every spawn × IPC combination on the class path, interleaved (each round runs a family on every side before the
 * next family, in an order that rotates by round), unpinned and — in the full mode, for the families where placement
 * matters — pinned to one vCPU and to two. Every measurement carries the machine's busy CPU and our own processes'
 * CPU over its time: one where other programs took more than {@code --max-foreign} CPUs is run again, at most
 * {@code --retries} times, and then reported as disturbed instead of as a figure. Results go to a folder:
 * {@code results.json}, {@code results.csv}, {@code report.md} and a PNG chart per family ({@link Report}).
 *
 * Past {@code --budget} seconds (quick mode: 100) disturbed measurements are no longer run again.
 *
 * <p>Usage: {@code Suite [--quick | --full] [--rounds N] [--max-foreign CPUS] [--retries N] [--budget S] [--only REGEX]
 * [--placements unpinned|all] [--python PATH | --no-python] [--script mp_bench.py] [--out DIR]}.
 */
public final class Suite {

    /** A side of the comparison: CPython, or mproc on one spawn × IPC combination. */
    record Side(String name, String spawn, String ipc) {
        boolean python() {
            return spawn == null;
        }
    }

    /** Where the parent and its children run. */
    record Placement(String name, int parentCpu, int childCpu) {
    }

    static final Placement UNPINNED = new Placement("unpinned", -1, -1);
    static final Placement ONE_CPU = new Placement("one vCPU", 0, 0);
    static final Placement TWO_CPUS = new Placement("two vCPUs", 0, 1);

    /**
     * One workload run by one side in one round.
     *
     * @param side the side's name
     * @param placement the placement's name
     * @param workload the workload's id
     * @param round the round, from 0
     * @param attempts how many runs it took (more than 1 after a disturbed run)
     * @param metrics the figures, empty when unsupported or failed
     * @param foreignCpus the CPUs other programs used on average while it ran (of the last attempt)
     * @param disturbed whether the last attempt was still disturbed
     * @param wallSeconds how long the last attempt took, start of the workload to its end (cleanup included)
     * @param note {@code "unsupported: …"} or {@code "error: …"}, else {@code null}
     */
    record Measurement(String side, String placement, String workload, int round, int attempts,
            Map<String, Double> metrics, double foreignCpus, boolean disturbed, double wallSeconds, String note) {
    }

    /** The settings of one run of the suite. */
    record Settings(boolean quick, int rounds, double maxForeign, int retries, double budgetSeconds, Pattern only,
            boolean allPlacements, String python, Path script, Path out) {
    }

    private final Settings settings;
    private final List<Side> sides;
    private final Path log;
    private final long started = System.nanoTime();
    private int retriesSkipped;

    private Suite(Settings settings, List<Side> sides, Path log) {
        this.settings = settings;
        this.sides = sides;
        this.log = log;
    }

    /**
     * @param args see the class comment
     * @throws Exception if the results cannot be written
     */
    public static void main(String[] args) throws Exception {
        Settings s = parse(args);
        Files.createDirectories(s.out());
        List<Side> sides = new ArrayList<>();
        if (s.python() != null) {
            sides.add(new Side("Python", null, null));
        }
        List<String> spawns = available(SpawnProvider.class);
        List<String> ipcs = available(IpcProvider.class);
        for (String spawn : spawns) {
            for (String ipc : ipcs) {
                sides.add(new Side(spawn + " × " + ipc, spawn, ipc));
            }
        }
        Machine machine = Machine.describe(s.python());
        System.out.printf("mproc benchmarks, %s mode: %d round(s), sides: %s%n", s.quick() ? "quick" : "full",
                s.rounds(), String.join(", ", sides.stream().map(Side::name).toList()));
        System.out.println(machine.oneLine());
        if (s.python() == null) {
            System.out.println("python3 not found: the Python column is empty");
        }
        Suite suite = new Suite(s, sides, s.out().resolve("sides.log"));
        long t0 = System.nanoTime();
        List<Measurement> results = suite.run();
        double minutes = (System.nanoTime() - t0) / 60e9;
        Report report = new Report(s, sides, suite.placements(), machine.withLoadAfter(), results, minutes,
                suite.retriesSkipped);
        System.out.println();
        System.out.print(report.terminalTable());
        report.writeAll(s.out());
        System.out.printf("%nresults: %s (report.md, results.json, results.csv, one PNG per family); %.1f min%n",
                s.out(), minutes);
    }

    private static Settings parse(String[] args) {
        boolean quick = true;
        Integer rounds = null;
        double maxForeign = 0.25;
        Integer retries = null;
        Double budget = null;
        Pattern only = Pattern.compile(".*");
        boolean allPlacements = false;
        String python = Machine.findOnPath("python3");
        Path script = Path.of("benchmarks/src/main/python/mp_bench.py");
        Path out = null;
        Boolean placements = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--max-foreign" -> maxForeign = Double.parseDouble(args[++i]);
                case "--retries" -> retries = Integer.parseInt(args[++i]);
                case "--budget" -> budget = Double.parseDouble(args[++i]);
                case "--only" -> only = Pattern.compile(args[++i]);
                case "--placements" -> placements = args[++i].equals("all");
                case "--python" -> python = args[++i];
                case "--no-python" -> python = null;
                case "--script" -> script = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see scripts/bench.sh");
            }
        }
        allPlacements = placements != null ? placements : !quick;
        if (out == null) {
            out = Path.of("benchmarks/results", LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                    "yyyyMMdd-HHmmss")) + (quick ? "-quick" : "-full"));
        }
        return new Settings(quick, rounds != null ? rounds : quick ? 1 : 3, maxForeign,
                retries != null ? retries : quick ? 1 : 2, budget != null ? budget : quick ? 100 : 0, only,
                allPlacements, python, script, out);
    }

    /** The names of the available providers of one kind, in class-path order; one that fails to load is skipped. */
    private static <P extends BackendProvider> List<String> available(Class<P> type) {
        List<String> names = new ArrayList<>();
        Iterator<P> it = ServiceLoader.load(type, Suite.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                P p = it.next();
                if (p.availability().available()) {
                    names.add(p.name());
                } else {
                    System.out.println(type.getSimpleName() + " " + p.name() + " is unavailable here: "
                            + p.availability().reason());
                }
            } catch (ServiceConfigurationError e) {
                System.out.println("a " + type.getSimpleName() + " could not be loaded: " + e.getMessage());
            }
        }
        return names;
    }

    List<Placement> placements() {
        boolean taskset = Files.isExecutable(Path.of("/usr/bin/taskset")) && Runtime.getRuntime().availableProcessors() > 1;
        return settings.allPlacements() && taskset ? List.of(UNPINNED, ONE_CPU, TWO_CPUS) : List.of(UNPINNED);
    }

    private List<Measurement> run() throws IOException, InterruptedException {
        List<Measurement> all = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            List<Side> order = new ArrayList<>(sides);
            Collections.rotate(order, -round); // each side goes first in turn
            for (Family family : Family.values()) {
                List<Workload> workloads = Catalog.of(family).stream()
                        .filter(w -> settings.only().matcher(w.id()).find()).toList();
                if (workloads.isEmpty()) {
                    continue;
                }
                for (Placement placement : family.placed ? placements() : List.of(UNPINNED)) {
                    System.out.printf("round %d/%d, %s, %s:", round + 1, settings.rounds(), family.title,
                            placement.name());
                    for (Side side : order) {
                        System.out.print(" " + side.name());
                        System.out.flush();
                        all.addAll(measure(side, placement, workloads, round));
                    }
                    System.out.println();
                }
            }
        }
        return all;
    }

    /** Runs the workloads on one side, then runs again, one by one, those that other load disturbed. */
    private List<Measurement> measure(Side side, Placement placement, List<Workload> workloads, int round)
            throws IOException, InterruptedException {
        Map<String, Measurement> byWorkload = new LinkedHashMap<>();
        for (Measurement m : runSide(side, placement, workloads, round, 1)) {
            byWorkload.put(m.workload(), m);
        }
        for (Workload w : workloads) {
            Measurement m = byWorkload.get(w.id());
            for (int attempt = 2; m != null && m.disturbed() && attempt <= settings.retries() + 1; attempt++) {
                if (settings.budgetSeconds() > 0 && (System.nanoTime() - started) / 1e9 > settings.budgetSeconds()) {
                    retriesSkipped++; // past the time budget: reported as disturbed without running it again
                    break;
                }
                System.out.print(" (again: " + w.id() + ", " + String.format("%.2f", m.foreignCpus())
                        + " CPUs of other load)");
                List<Measurement> again = runSide(side, placement, List.of(w), round, attempt);
                m = again.isEmpty() ? m : again.get(0);
            }
            if (m == null) {
                m = new Measurement(side.name(), placement.name(), w.id(), round, 1, Map.of(), 0, false, 0,
                        "error: no result (see sides.log)");
            }
            byWorkload.put(w.id(), m);
        }
        if (byWorkload.values().stream().anyMatch(m -> m.note() != null && m.note().startsWith("error"))) {
            System.out.print(" (error, see sides.log)");
        }
        return new ArrayList<>(byWorkload.values());
    }

    private List<Measurement> runSide(Side side, Placement placement, List<Workload> workloads, int round,
            int attempt) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (placement.parentCpu() >= 0) {
            command.addAll(List.of("taskset", "-c", Integer.toString(placement.parentCpu())));
        }
        if (side.python()) {
            command.addAll(List.of(settings.python(), settings.script().toString(), "suite"));
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    MprocSide.class.getName(), side.spawn(), side.ipc()));
        }
        command.add(Integer.toString(placement.parentCpu()));
        command.add(Integer.toString(placement.childCpu()));
        for (Workload w : workloads) {
            command.add(w.id() + "=" + w.size(settings.quick()));
        }
        Files.writeString(log, "\n== " + side.name() + ", " + placement.name() + ", round " + (round + 1)
                + ", attempt " + attempt + ": " + String.join(" ", command.subList(Math.max(0, command.size()
                - workloads.size()), command.size())) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        java.lang.Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        p.getOutputStream().close();
        List<Measurement> results = new ArrayList<>();
        long limitSeconds = (settings.quick() ? 60 : 600) + 60L * workloads.size();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("{")) {
                    results.add(toMeasurement(side, placement, round, attempt, line));
                }
            }
        }
        p.waitFor();
        watchdog.interrupt();
        return results;
    }

    private Measurement toMeasurement(Side side, Placement placement, int round, int attempt, String line) {
        Map<String, Object> o = Json.object(line);
        String workload = (String) o.get("workload");
        if (o.containsKey("unsupported")) {
            return new Measurement(side.name(), placement.name(), workload, round, attempt, Map.of(), 0, false, 0,
                    "unsupported: " + o.get("unsupported"));
        }
        if (o.containsKey("error")) {
            return new Measurement(side.name(), placement.name(), workload, round, attempt, Map.of(), 0, false, 0,
                    "error: " + o.get("error"));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o.get("metrics");
        m.forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
        double wallSeconds = ((Number) o.get("wall_ns")).doubleValue() / 1e9;
        double ticksPerSecond = ((Number) o.get("ticks_per_s")).doubleValue();
        double foreignTicks = ((Number) o.get("busy_ticks")).doubleValue() - ((Number) o.get("own_ticks")).doubleValue();
        // Both counters move in whole ticks (10 ms): forgive one tick per CPU and one of our own, or a 50 ms
        // measurement would read 0.4 CPUs of other load from rounding alone.
        double slack = Runtime.getRuntime().availableProcessors() + 1;
        double foreign = Math.max(0, (foreignTicks - slack) / ticksPerSecond / Math.max(wallSeconds, 1e-3));
        return new Measurement(side.name(), placement.name(), workload, round, attempt, metrics, foreign,
                foreign > settings.maxForeign(), wallSeconds, null);
    }
}
