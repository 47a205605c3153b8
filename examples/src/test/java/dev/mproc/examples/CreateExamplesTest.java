package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("creating processes")
class CreateExamplesTest {

    @Test
    @DisplayName("function-target: the function runs in the child the parent started, to its end")
    void functionTarget() throws Exception {
        Output out = Output.run("function-target");
        long child = out.number("child pid (\\d+)");
        assertNotEquals(out.pid, child);
        assertEquals(child, out.number("^pl is running \\(pid (\\d+)\\)$"));
        out.assertOrder("^pl is running", "^pl is gone$");
    }

    @Test
    @DisplayName("subclass-target: the Target's constructor state reaches the child, which runs run() to its end")
    void subclassTarget() throws Exception {
        Output out = Output.run("subclass-target");
        long child = out.number("child pid (\\d+)");
        assertNotEquals(out.pid, child);
        assertEquals(child, out.number("^pl is running \\(pid (\\d+), process name pl\\)$"));
        out.assertOrder("^pl is running", "^pl is gone$");
    }

    @Test
    @DisplayName("clock-process: five ticks from the child, at least one interval apart")
    void clockProcess() throws Exception {
        Output out = Output.run("clock-process");
        long child = out.number("^started ClockProcess pid (\\d+)");
        List<Matcher> ticks = out.matches("^the time is \\S+ \\(pid (\\d+), \\+([0-9.]+) s\\)$");
        assertEquals(5, ticks.size(), out::toString);
        double interval = Pace.of(3).toNanos() / 1e9;
        for (int i = 0; i < ticks.size(); i++) {
            assertEquals(child, Long.parseLong(ticks.get(i).group(1)), out::toString);
            if (i > 0) {
                double gap = Double.parseDouble(ticks.get(i).group(2)) - Double.parseDouble(ticks.get(i - 1).group(2));
                assertTrue(gap >= interval - 0.011, () -> "ticks closer than the interval\n" + out);
            }
        }
    }

    @ParameterizedTest(name = "{0}: three children, each reporting main as its parent, each ending after it starts")
    @ValueSource(strings = {"many-processes", "many-processes-class"})
    void manyProcesses(String name) throws Exception {
        Output out = Output.run(name);
        long main = out.number("^main: pid (\\d+), parent pid \\d+$");
        assertEquals(out.pid, main);
        List<Matcher> starts = out.matches("^task (\\d+): pid (\\d+), parent pid (\\d+)$");
        assertEquals(3, starts.size(), out::toString);
        Set<String> pids = new HashSet<>();
        for (Matcher m : starts) {
            assertEquals(main, Long.parseLong(m.group(3)), out::toString);
            assertTrue(pids.add(m.group(2)), () -> "two tasks in one process\n" + out);
            out.assertOrder("^task " + m.group(1) + ": pid " + m.group(2) + ",",
                    "^task " + m.group(1) + " done: pid " + m.group(2) + "$");
        }
        assertEquals(Set.of("100", "200", "300"), Set.of(starts.stream().map(m -> m.group(1)).toArray()),
                out::toString);
    }
}
