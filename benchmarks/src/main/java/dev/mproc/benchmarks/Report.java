package dev.mproc.benchmarks;

import dev.mproc.benchmarks.Catalog.Family;
import dev.mproc.benchmarks.Catalog.Kind;
import dev.mproc.benchmarks.Catalog.Metric;
import dev.mproc.benchmarks.Catalog.Workload;
import dev.mproc.benchmarks.Suite.Measurement;
import dev.mproc.benchmarks.Suite.Placement;
import dev.mproc.benchmarks.Suite.Settings;
import dev.mproc.benchmarks.Suite.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results of one run of the suite, aggregated into rows (a figure of a workload at a placement) with a cell per
 * side — the median over the undisturbed rounds and their spread, or why there is no figure — and written out as a
 * terminal table, JSON, CSV, and a Markdown report with one PNG chart per family ({@link Charts}).
 */
final class Report {

    /** Why a cell has, or has no, figure. */
    enum Status {
        OK, DISTURBED, NA, ERROR
    }

    /** One side's figure for a row. */
    record Cell(Status status, double median, double min, double max, int n, double disturbedMedian, String note) {
        static final Cell NONE = new Cell(Status.NA, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, null);
    }

    /** A figure of a workload at a placement, on every side. */
    record Row(Workload workload, Metric metric, String placement, Map<String, Cell> cells) {
        Family family() {
            return workload.family();
        }
    }

    private final Settings settings;
    private final List<Side> sides;
    private final List<Placement> placements;
    private final Machine machine;
    private final List<Measurement> measurements;
    private final double minutes;
    private final int retriesSkipped;
    private final List<Row> rows = new ArrayList<>();

    Report(Settings settings, List<Side> sides, List<Placement> placements, Machine machine,
            List<Measurement> measurements, double minutes, int retriesSkipped) {
        this.settings = settings;
        this.sides = sides;
        this.placements = placements;
        this.machine = machine;
        this.measurements = measurements;
        this.minutes = minutes;
        this.retriesSkipped = retriesSkipped;
        aggregate();
    }

    List<Row> rows() {
        return rows;
    }

    List<Side> sides() {
        return sides;
    }

    private void aggregate() {
        List<String> placementOrder = List.of(Suite.UNPINNED.name(), Suite.ONE_CPU.name(), Suite.TWO_CPUS.name());
        for (Workload w : Catalog.WORKLOADS) {
            for (Metric metric : w.metrics()) {
                for (String placement : placementOrder) {
                    List<Measurement> ms = measurements.stream()
                            .filter(m -> m.workload().equals(w.id()) && m.placement().equals(placement)).toList();
                    if (ms.isEmpty()) {
                        continue;
                    }
                    Map<String, Cell> cells = new LinkedHashMap<>();
                    for (Side side : sides) {
                        cells.put(side.name(), cell(ms.stream().filter(m -> m.side().equals(side.name())).toList(),
                                metric.id()));
                    }
                    rows.add(new Row(w, metric, placement, cells));
                }
            }
        }
    }

    private static Cell cell(List<Measurement> ms, String metric) {
        List<Double> ok = new ArrayList<>();
        List<Double> disturbed = new ArrayList<>();
        String note = null;
        for (Measurement m : ms) {
            Double v = m.metrics().get(metric);
            if (v != null) {
                (m.disturbed() ? disturbed : ok).add(v);
            } else if (m.note() != null) {
                note = m.note();
            }
        }
        if (!ok.isEmpty()) {
            ok.sort(null);
            return new Cell(Status.OK, median(ok), ok.get(0), ok.get(ok.size() - 1), ok.size(), Double.NaN, null);
        }
        if (!disturbed.isEmpty()) {
            return new Cell(Status.DISTURBED, Double.NaN, Double.NaN, Double.NaN, 0, median(disturbed), null);
        }
        if (note != null && note.startsWith("error")) {
            return new Cell(Status.ERROR, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, note);
        }
        return new Cell(Status.NA, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, note);
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** How many times better the side is than Python on this row (above 1: better), or NaN. */
    double ratio(Row row, String side) {
        Cell py = row.cells().get("Python");
        Cell mine = row.cells().get(side);
        if (py == null || mine == null || py.status() != Status.OK || mine.status() != Status.OK) {
            return Double.NaN;
        }
        return row.metric().kind().higherIsBetter() ? mine.median() / py.median() : py.median() / mine.median();
    }

    /** The best ratio among the mproc sides, or NaN. */
    double bestRatio(Row row) {
        return mprocSides().stream().mapToDouble(s -> ratio(row, s.name())).filter(r -> !Double.isNaN(r)).max()
                .orElse(Double.NaN);
    }

    List<Side> mprocSides() {
        return sides.stream().filter(s -> !s.python()).toList();
    }

    // ---- formatting ----------------------------------------------------------------------------------------------

    static String format(Kind kind, double v) {
        return switch (kind) {
            case TIME -> v < 1e6 ? String.format("%.1f µs", v / 1e3)
                    : v < 1e9 ? String.format("%.1f ms", v / 1e6) : String.format("%.2f s", v / 1e9);
            case RATE -> v < 1e3 ? String.format("%.0f /s", v)
                    : v < 1e6 ? String.format("%.1f k/s", v / 1e3) : String.format("%.2f M/s", v / 1e6);
            case BANDWIDTH -> v < (1L << 30) ? String.format("%.0f MiB/s", v / (1 << 20))
                    : String.format("%.2f GiB/s", v / (1L << 30));
        };
    }

    static String formatCell(Kind kind, Cell c, boolean withSpread) {
        return switch (c.status()) {
            case OK -> format(kind, c.median()) + (withSpread && c.n() > 1 && c.median() != 0
                    ? String.format(" ±%.0f%%", 50 * (c.max() - c.min()) / c.median()) : "");
            case DISTURBED -> "disturbed";
            case ERROR -> "error";
            case NA -> "n/a";
        };
    }

    static String formatRatio(double r) {
        if (Double.isNaN(r)) {
            return "—";
        }
        return r < 0.1 ? String.format("%.3f×", r) : String.format("%.2f×", r);
    }

    private static String shortName(Side side) {
        if (side.python()) {
            return "Python";
        }
        String spawn = side.spawn().equals("processbuilder") ? "pb" : side.spawn().equals("posix-fork") ? "posix"
                : side.spawn();
        return spawn + "×" + side.ipc();
    }

    // ---- terminal ------------------------------------------------------------------------------------------------

    String terminalTable() {
        StringBuilder b = new StringBuilder();
        int labelWidth = 58;
        b.append(String.format("%-" + labelWidth + "s %-10s", "workload", "placement"));
        for (Side s : sides) {
            b.append(String.format(" %13s", shortName(s)));
        }
        b.append(String.format(" %8s%n", "best ×"));
        Family family = null;
        for (Row row : rows) {
            if (row.family() != family) {
                family = row.family();
                b.append("-- ").append(family.title).append('\n');
            }
            String label = row.metric().label();
            if (label.length() > labelWidth) {
                label = label.substring(0, labelWidth - 1) + "…";
            }
            b.append(String.format("%-" + labelWidth + "s %-10s", label, row.placement()));
            for (Side s : sides) {
                b.append(String.format(" %13s", formatCell(row.metric().kind(), row.cells().get(s.name()), false)));
            }
            b.append(String.format(" %8s%n", formatRatio(bestRatio(row))));
        }
        b.append("best ×: the best mproc combination against Python, above 1 when mproc is better (time: Python's over "
                + "mproc's; rates: mproc's over Python's). pb = processbuilder, posix = posix-fork.\n");
        b.append("disturbed: other programs used more than " + settings.maxForeign() + " CPUs while it ran, in every "
                + "attempt; n/a: the combination lacks the primitive (or Python has no such figure).\n");
        return b.toString();
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    void writeAll(Path dir) throws IOException {
        Files.writeString(dir.resolve("results.json"), json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
        Map<Family, String> charts = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            List<Row> familyRows = rows.stream().filter(r -> r.family() == f).toList();
            if (familyRows.isEmpty()) {
                continue;
            }
            String file = f.id + ".png";
            try {
                Charts.write(this, f, familyRows, dir.resolve(file));
                charts.put(f, file);
            } catch (IOException | RuntimeException | LinkageError e) {
                charts.put(f, null);
                System.out.println("chart " + file + " not written: " + e);
            }
        }
        Files.writeString(dir.resolve("report.md"), markdown(charts), StandardCharsets.UTF_8);
    }

    private String json() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"mode\": ").append(Json.quote(settings.quick() ? "quick" : "full")).append(",\n");
        b.append("  \"rounds\": ").append(settings.rounds()).append(",\n");
        b.append("  \"max_foreign_cpus\": ").append(Json.number(settings.maxForeign())).append(",\n");
        b.append("  \"retries\": ").append(settings.retries()).append(",\n");
        b.append("  \"retries_skipped_past_budget\": ").append(retriesSkipped).append(",\n");
        b.append("  \"minutes\": ").append(Json.number(Math.round(minutes * 100) / 100.0)).append(",\n");
        b.append("  \"machine\": {").append(machine.facts().entrySet().stream()
                .map(e -> Json.quote(e.getKey()) + ": " + Json.quote(e.getValue()))
                .collect(Collectors.joining(", "))).append("},\n");
        b.append("  \"sides\": [").append(sides.stream().map(s -> Json.quote(s.name()))
                .collect(Collectors.joining(", "))).append("],\n");
        b.append("  \"placements\": [").append(placements.stream().map(p -> "{\"name\": " + Json.quote(p.name())
                + ", \"parent_cpu\": " + p.parentCpu() + ", \"child_cpu\": " + p.childCpu() + "}")
                .collect(Collectors.joining(", "))).append("],\n");
        b.append("  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            b.append("    {\"family\": ").append(Json.quote(r.family().id))
                    .append(", \"workload\": ").append(Json.quote(r.workload().id()))
                    .append(", \"metric\": ").append(Json.quote(r.metric().id()))
                    .append(", \"label\": ").append(Json.quote(r.metric().label()))
                    .append(", \"kind\": ").append(Json.quote(r.metric().kind().name().toLowerCase()))
                    .append(", \"size\": ").append(r.workload().size(settings.quick()))
                    .append(", \"size_unit\": ").append(Json.quote(r.workload().size()))
                    .append(", \"placement\": ").append(Json.quote(r.placement()))
                    .append(", \"cells\": {");
            List<String> cells = new ArrayList<>();
            for (Side s : sides) {
                Cell c = r.cells().get(s.name());
                cells.add(Json.quote(s.name()) + ": {\"status\": " + Json.quote(c.status().name().toLowerCase())
                        + ", \"median\": " + Json.number(c.median()) + ", \"min\": " + Json.number(c.min())
                        + ", \"max\": " + Json.number(c.max()) + ", \"n\": " + c.n()
                        + ", \"disturbed_median\": " + Json.number(c.disturbedMedian())
                        + ", \"ratio_vs_python\": " + Json.number(s.python() ? Double.NaN : ratio(r, s.name()))
                        + (c.note() == null ? "" : ", \"note\": " + Json.quote(c.note())) + "}");
            }
            b.append(String.join(", ", cells)).append("}}").append(i + 1 < rows.size() ? "," : "").append('\n');
        }
        b.append("  ],\n  \"measurements\": [\n");
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            b.append("    {\"side\": ").append(Json.quote(m.side()))
                    .append(", \"placement\": ").append(Json.quote(m.placement()))
                    .append(", \"workload\": ").append(Json.quote(m.workload()))
                    .append(", \"round\": ").append(m.round() + 1)
                    .append(", \"attempts\": ").append(m.attempts())
                    .append(", \"foreign_cpus\": ").append(Json.number(Math.round(m.foreignCpus() * 1000) / 1000.0))
                    .append(", \"disturbed\": ").append(m.disturbed())
                    .append(", \"wall_s\": ").append(Json.number(Math.round(m.wallSeconds() * 1000) / 1000.0))
                    .append(", \"metrics\": {").append(m.metrics().entrySet().stream()
                            .map(e -> Json.quote(e.getKey()) + ": " + Json.number(e.getValue()))
                            .collect(Collectors.joining(", "))).append('}')
                    .append(m.note() == null ? "" : ", \"note\": " + Json.quote(m.note()))
                    .append('}').append(i + 1 < measurements.size() ? "," : "").append('\n');
        }
        return b.append("  ]\n}\n").toString();
    }

    private String csv() {
        StringBuilder b = new StringBuilder(
                "family,workload,metric,label,kind,placement,side,status,median,min,max,n,ratio_vs_python\n");
        for (Row r : rows) {
            for (Side s : sides) {
                Cell c = r.cells().get(s.name());
                b.append(String.join(",", r.family().id, r.workload().id(), r.metric().id(),
                        csvQuote(r.metric().label()), r.metric().kind().name().toLowerCase(), r.placement(),
                        csvQuote(s.name()), c.status().name().toLowerCase(), csvNumber(c.median()),
                        csvNumber(c.min()), csvNumber(c.max()), Integer.toString(c.n()),
                        csvNumber(s.python() ? Double.NaN : ratio(r, s.name())))).append('\n');
            }
        }
        return b.toString();
    }

    private static String csvQuote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Json.number(v);
    }

    private String markdown(Map<Family, String> charts) {
        StringBuilder b = new StringBuilder("# mproc against CPython's multiprocessing\n\n");
        b.append("Generated by `scripts/bench.sh all ").append(settings.quick() ? "--quick" : "--full")
                .append("` in ").append(String.format("%.1f", minutes)).append(" minutes: ")
                .append(settings.rounds()).append(settings.rounds() == 1 ? " round" : " rounds")
                .append(", sides interleaved (each round runs a family on every side before the next family, the side "
                        + "that goes first rotating by round). A cell is the median over the rounds whose measurement "
                        + "was not disturbed, with half the spread between the lowest and highest as ±%.\n\n");
        b.append("## Machine\n\n| | |\n| --- | --- |\n");
        machine.facts().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        b.append("\n**Sides.** ").append(sides.stream().map(s -> s.python() ? "CPython (`python3`, start method "
                + "spawn unless a row says otherwise)" : "mproc " + s.spawn() + " × " + s.ipc())
                .collect(Collectors.joining("; "))).append(".\n\n");
        b.append("**Warm-up and JVM options.** Every loop measured follows a warm-up of the same loop, in the same "
                + "processes, of a quarter of its size (a fifth for the Pool family), on both sides: a long-running "
                + "program has its code compiled (CPython has no JIT, so its warm-up only evens the field). mproc's "
                + "children run with `ContextOptions.PEAK_PERFORMANCE_JVM_OPTIONS` (C2 compiler), as the "
                + "documentation advises for children that run long loops, except in the process-start workloads "
                + "and the pool-creation one, which measure the defaults tuned for start (C1 only).\n\n");
        b.append("**Placements.** unpinned: the scheduler decides; one vCPU: parent and children on CPU 0 "
                + "(`taskset -c 0`); two vCPUs: the parent on CPU 0, its children on CPU 1. On a VM a cross-vCPU "
                + "wake-up costs tens of µs, while streaming gains from two CPUs, so latency and throughput differ "
                + "by placement on both sides.\n\n");
        b.append("**Load check.** Around every measurement each side reads the machine's busy CPU time "
                + "(`/proc/stat`) and the CPU time of its own process tree; a measurement during which other "
                + "programs used more than ").append(settings.maxForeign()).append(" CPUs on average is run again (at "
                + "most ").append(settings.retries()).append(settings.retries() == 1 ? " time" : " times")
                .append("), then shown as *disturbed* rather than as a noisy figure (`results.json` keeps its value "
                        + "and the foreign load of every attempt). *n/a*: the combination lacks the primitive, or "
                        + "the figure exists on one side only.\n\n");
        b.append("**Ratio** (in parentheses): how many times better mproc is than Python; below 1 mproc is slower. "
                + "For times it is Python's time over mproc's, for rates mproc's rate over Python's.\n\n");
        long disturbed = measurements.stream().filter(Measurement::disturbed).count();
        long rerun = measurements.stream().filter(m -> m.attempts() > 1).count();
        b.append(String.format("Measurements: %d; run again after other load: %d; still disturbed: %d%s.%n%n",
                measurements.size(), rerun, disturbed, retriesSkipped == 0 ? "" : String.format(
                        " (%d of them not run again: past the time budget of %.0f s)", retriesSkipped,
                        settings.budgetSeconds())));
        for (Family f : Family.values()) {
            List<Row> familyRows = rows.stream().filter(r -> r.family() == f).toList();
            if (familyRows.isEmpty()) {
                continue;
            }
            b.append("## ").append(f.title).append("\n\n");
            b.append("Sizes: ").append(Catalog.of(f).stream()
                    .filter(w -> familyRows.stream().anyMatch(r -> r.workload() == w))
                    .map(w -> "`" + w.id() + "` "
                    + String.format("%,d", w.size(settings.quick())) + " " + w.size())
                    .collect(Collectors.joining("; "))).append(".\n\n");
            b.append("| workload | placement |");
            for (Side s : sides) {
                b.append(' ').append(s.python() ? "CPython" : s.name()).append(" |");
            }
            b.append("\n| --- | --- |");
            sides.forEach(s -> b.append(" ---: |"));
            b.append('\n');
            for (Row r : familyRows) {
                b.append("| ").append(r.metric().label()).append(" | ").append(r.placement()).append(" |");
                for (Side s : sides) {
                    Cell c = r.cells().get(s.name());
                    b.append(' ').append(formatCell(r.metric().kind(), c, true));
                    double ratio = s.python() ? Double.NaN : ratio(r, s.name());
                    if (!Double.isNaN(ratio)) {
                        b.append(" (").append(formatRatio(ratio)).append(')');
                    }
                    b.append(" |");
                }
                b.append('\n');
            }
            String chart = charts.get(f);
            if (chart != null) {
                b.append("\n![").append(f.title).append(": mproc against CPython](").append(chart).append(")\n");
            }
            List<String> slower = familyRows.stream().filter(r -> bestRatio(r) < 1)
                    .map(r -> r.metric().label() + " (" + r.placement() + "): best " + formatRatio(bestRatio(r)))
                    .toList();
            if (!slower.isEmpty()) {
                b.append("\n**mproc is slower than CPython here:** ").append(String.join("; ", slower))
                        .append(".\n");
            }
            List<String> notes = familyRows.stream().flatMap(r -> r.cells().entrySet().stream()
                    .filter(e -> e.getValue().note() != null)
                    .map(e -> e.getKey() + ", `" + r.workload().id() + "`: " + e.getValue().note()))
                    .distinct().toList();
            if (!notes.isEmpty()) {
                b.append("\nWhy a cell has no figure: ").append(String.join("; ", notes)).append(".\n");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
