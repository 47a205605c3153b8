package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Manager, Lock, Semaphore, Event, Value and Array, the executor")
class SharedStateExamplesTest {

    /** The seed's total: 500 + 5 × 100 + 5 × 200. */
    private static final long EXACT = 2000;

    @Test
    @DisplayName("manager-dict: the children's changes to the manager's dict and list are the parent's")
    void managerDict() throws Exception {
        Output out = Output.run("manager-dict");
        String dict = out.lines.get(out.first("^\\{count=7, "));
        for (String entry : List.of("100=1000000", "200=8000000", "300=27000000")) {
            assertTrue(dict.contains(entry), out::toString);
        }
        Matcher list = out.match("^\\[0, 1, 2, 3, 4, (\\d+), (\\d+), (\\d+)\\]$");
        assertEquals(Set.of("100", "200", "300"), Set.of(list.group(1), list.group(2), list.group(3)));
    }

    @Test
    @DisplayName("manager-lock: never more than 2000 without a lock, exactly 2000 with one (in two blocks) and with"
            + " merge")
    void managerLock() throws Exception {
        Output out = Output.run("manager-lock");
        assertTrue(out.number("^without a lock: count (\\d+),") <= EXACT, out::toString);
        assertEquals(EXACT, out.number("^with a lock: count (\\d+),"), out::toString);
        assertEquals(EXACT, out.number("^with merge, no lock: count (\\d+),"), out::toString);

        int from = out.first("^-- with a lock --$");
        int to = out.first("^with a lock: count");
        Pattern stepLine = Pattern.compile("^share_data count is (\\d+) \\(pid (\\d+)\\)$");
        List<Matcher> steps = out.lines.subList(from + 1, to).stream().map(stepLine::matcher).filter(Matcher::find)
                .toList();
        assertEquals(10, steps.size(), out::toString);
        long count = 500;
        for (int block = 0; block < 2; block++) {
            String pid = steps.get(block * 5).group(2);
            long step = Long.parseLong(steps.get(block * 5).group(1)) - count;
            for (Matcher m : steps.subList(block * 5, block * 5 + 5)) {
                assertEquals(pid, m.group(2), () -> "the lock let the other process in\n" + out);
                assertEquals(count + step, Long.parseLong(m.group(1)), out::toString);
                count += step;
            }
        }
        assertEquals(EXACT, count);
    }

    @Test
    @DisplayName("semaphore-two: never more than two processes between acquire and release")
    void semaphoreTwo() throws Exception {
        Output out = Output.run("semaphore-two");
        out.assertCount(5, "^Process-\\d+ acquire$");
        out.assertCount(5, "^Process-\\d+ release$");
        for (Matcher m : out.matches("^(Process-\\d+) acquire$")) {
            out.assertOrder("^" + m.group(1) + " acquire$", "^" + m.group(1) + " release$");
        }
        assertTrue(out.mostOpen("^Process-\\d+ acquire$", "^Process-\\d+ release$") <= 2, out::toString);
    }

    @Test
    @DisplayName("semaphore-three: five processes enter, never more than three work at once")
    void semaphoreThree() throws Exception {
        Output out = Output.run("semaphore-three");
        for (int data = 100; data <= 500; data += 100) {
            out.assertOrder("^--------data: " + data + " enter work", "^data: " + data + " start work",
                    "^data: " + data + " done work$");
        }
        assertTrue(out.mostOpen("^data: \\d+ start work", "^data: \\d+ done work$") <= 3, out::toString);
        long most = out.number("^at most (\\d+) processes were inside at once");
        assertTrue(most >= 1 && most <= 3, out::toString);
    }

    @Test
    @DisplayName("event-wait: the timed wait gives up unset, then main sets the event, then the untimed wait returns")
    void eventWait() throws Exception {
        Output out = Output.run("event-wait");
        out.assertOrder("^wait_for_event_timeout: e\\.is_set\\(\\)->false$", "^main: setting the event",
                "^wait_for_event: e\\.is_set\\(\\)->true$");
    }

    @Test
    @DisplayName("value-array: the parent reads the value and the element the child wrote")
    void valueArray() throws Exception {
        Output out = Output.run("value-array");
        out.assertOrder("^\\[0, 1, 2, 3, 4, 5, 6, 7, 8, 9\\]$", "^3\\.14$", "^\\[0, 9999, 2, 3, 4, 5, 6, 7, 8, 9\\]$");
    }

    @Test
    @DisplayName("executor: every task's result comes from a worker process, in invokeAll's order")
    void executor() throws Exception {
        Output out = Output.run("executor");
        long main = out.number("^main pid (\\d+)$");
        List<Matcher> results = out.matches("^(submit|invokeAll): (\\d+)\\*\\*3 = (\\d+) in pid (\\d+)$");
        assertEquals(List.of("100", "200", "300", "400", "500"), results.stream().map(m -> m.group(2)).toList(),
                out::toString);
        List<String> workers = Arrays.asList(out.match("^worker pids \\[(.*)\\]$").group(1).split(", "));
        for (Matcher m : results) {
            long v = Long.parseLong(m.group(2));
            assertEquals(v * v * v, Long.parseLong(m.group(3)));
            assertNotEquals(main, Long.parseLong(m.group(4)));
            assertTrue(workers.contains(m.group(4)), out::toString);
        }
    }
}
