package dev.mproc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.benchmarks.Report.Row;
import dev.mproc.benchmarks.Report.Status;
import dev.mproc.benchmarks.Suite.Measurement;
import dev.mproc.benchmarks.Suite.Settings;
import dev.mproc.benchmarks.Suite.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The suite's report turns measurements into cells, ratios and files")
class ReportTest {

    private static final Side PYTHON = new Side("Python", null, null);
    private static final Side NETTY = new Side("posix-fork × netty", "posix-fork", "netty");
    private static final Settings SETTINGS = new Settings(true, 3, 0.25, 1, 0, Pattern.compile(".*"), false,
            "python3", Path.of("mp_bench.py"), Path.of("out"));

    private static Measurement ok(Side side, String workload, int round, Map<String, Double> metrics) {
        return new Measurement(side.name(), "unpinned", workload, round, 1, metrics, 0.0, false, 1.0, null);
    }

    private static Measurement disturbed(Side side, String workload, int round, Map<String, Double> metrics) {
        return new Measurement(side.name(), "unpinned", workload, round, 2, metrics, 1.5, true, 1.0, null);
    }

    private static Report report(List<Measurement> ms) {
        return new Report(SETTINGS, List.of(PYTHON, NETTY), List.of(Suite.UNPINNED), Machine.describe(null), ms, 0.5, 0);
    }

    private static Row row(Report r, String metric) {
        return r.rows().stream().filter(x -> x.metric().id().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a cell is the median of the undisturbed rounds; disturbed rounds are left out")
    void medianOfUndisturbedRounds() {
        Report r = report(List.of(
                ok(NETTY, "queue-1to1", 0, Map.of("queue-1to1", 100.0)),
                disturbed(NETTY, "queue-1to1", 1, Map.of("queue-1to1", 1.0)),
                ok(NETTY, "queue-1to1", 2, Map.of("queue-1to1", 300.0)),
                ok(PYTHON, "queue-1to1", 0, Map.of("queue-1to1", 400.0))));
        Report.Cell c = row(r, "queue-1to1").cells().get(NETTY.name());
        assertEquals(Status.OK, c.status());
        assertEquals(200.0, c.median());
        assertEquals(2, c.n());
    }

    @Test
    @DisplayName("a figure disturbed in every round is reported as disturbed, not as a number")
    void disturbedEverywhere() {
        Report r = report(List.of(disturbed(NETTY, "pipe-oneway", 0, Map.of("pipe-oneway", 5.0)),
                ok(PYTHON, "pipe-oneway", 0, Map.of("pipe-oneway", 10.0))));
        Row row = row(r, "pipe-oneway");
        assertEquals(Status.DISTURBED, row.cells().get(NETTY.name()).status());
        assertTrue(Double.isNaN(r.ratio(row, NETTY.name())));
        assertTrue(r.terminalTable().contains("disturbed"));
    }

    @Test
    @DisplayName("a missing primitive is n/a with the backend's message")
    void unsupportedIsNotApplicable() {
        Report r = report(List.of(new Measurement(NETTY.name(), "unpinned", "shm", 0, 1, Map.of(), 0, false, 0,
                "unsupported: IPC backend 'netty' does not provide sharedMemory() yet"),
                ok(PYTHON, "shm", 0, Map.of("shm-write", 1e9, "shm-read", 2e9))));
        Report.Cell c = row(r, "shm-write").cells().get(NETTY.name());
        assertEquals(Status.NA, c.status());
        assertTrue(c.note().contains("sharedMemory"));
    }

    @Test
    @DisplayName("ratios read 'how many times better mproc is': Python's time over mproc's, mproc's rate over Python's")
    void ratioDirection() {
        Report r = report(List.of(
                ok(PYTHON, "pipe-rt", 0, Map.of("pipe-rt", 20_000.0, "pipe-rt-p99", 40_000.0)),
                ok(NETTY, "pipe-rt", 0, Map.of("pipe-rt", 40_000.0, "pipe-rt-p99", 40_000.0)),
                ok(PYTHON, "queue-1to1", 0, Map.of("queue-1to1", 100.0)),
                ok(NETTY, "queue-1to1", 0, Map.of("queue-1to1", 300.0))));
        assertEquals(0.5, r.ratio(row(r, "pipe-rt"), NETTY.name()));
        assertEquals(3.0, r.ratio(row(r, "queue-1to1"), NETTY.name()));
    }

    @Test
    @DisplayName("the results folder gets JSON, CSV, the Markdown report and a PNG per family measured")
    void writesFiles(@TempDir Path dir) throws Exception {
        List<Measurement> ms = new ArrayList<>();
        ms.add(ok(PYTHON, "queue-1to1", 0, Map.of("queue-1to1", 100.0)));
        ms.add(ok(NETTY, "queue-1to1", 0, Map.of("queue-1to1", 50.0)));
        report(ms).writeAll(dir);
        Object json = Json.parse(Files.readString(dir.resolve("results.json")));
        assertTrue(json instanceof Map);
        assertTrue(Files.readString(dir.resolve("results.csv")).contains("queue-1to1"));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("(0.50×)"));
        assertTrue(md.contains("![Queue and SimpleQueue"));
        assertTrue(Files.size(dir.resolve("queue.png")) > 1000);
    }
}
