package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("join")
class JoinExamplesTest {

    @Test
    @DisplayName("join-order: each number follows its child's end, in order, in both versions; the total outlasts 3 s")
    void joinOrder() throws Exception {
        Output out = Output.run("join-order");
        int loop = out.first("^-- the same with a list and a loop --$");
        for (int from : new int[] {0, loop}) {
            int previous = from;
            for (int k = 1; k <= 3; k++) {
                int gone = out.first("^is gone \\(" + k + " s\\)$", from);
                int number = out.first("^" + k + "$", from);
                assertTrue(gone < number && number > previous, () -> "join order\n" + out);
                previous = number;
            }
        }
        List<Matcher> totals = out.matches("^main process: ([0-9.]+) s$");
        double longest = Pace.of(3).toNanos() / 1e9;
        assertTrue(totals.size() == 2 && totals.stream().allMatch(m -> Double.parseDouble(m.group(1)) >= longest),
                () -> "a total shorter than the longest child\n" + out);
    }

    @Test
    @DisplayName("with-join: the child's line comes before main's")
    void withJoin() throws Exception {
        Output out = Output.run("with-join");
        out.assertOrder("^==============: child done \\(pid \\d+\\)$", "^--------end$");
    }

    @Test
    @DisplayName("no-join: main goes on, and the JVM still waits for its non-daemon child to finish")
    void noJoin() throws Exception {
        Output out = Output.run("no-join");
        out.first("^--------end$");
        out.first("^==============: child done \\(pid \\d+\\)$");
    }
}
