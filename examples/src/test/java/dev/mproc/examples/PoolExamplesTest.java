package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pool")
class PoolExamplesTest {

    private static void assertIncreasing(List<Integer> indexes, Output out) {
        for (int i = 1; i < indexes.size(); i++) {
            int at = i;
            assertTrue(indexes.get(i) > indexes.get(i - 1), () -> "out of order at step " + at + "\n" + out);
        }
    }

    private static List<String> values(List<Matcher> matches, int group) {
        return matches.stream().map(m -> m.group(group)).toList();
    }

    @Test
    @DisplayName("pool-apply: each call starts after the previous one returned; Mark~ after the last, done after join")
    void poolApply() throws Exception {
        Output out = Output.run("pool-apply");
        List<Integer> ends = out.every("^end$");
        assertEquals(4, ends.size(), out::toString);
        List<Integer> sequence = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sequence.add(out.first("^msg: hello " + i + " "));
            sequence.add(ends.get(i));
            sequence.add(out.first("^apply returned: done hello " + i + "$"));
        }
        sequence.add(out.first("^Mark~"));
        sequence.add(out.first("^Sub-process\\(es\\) done\\.$"));
        assertIncreasing(sequence, out);
    }

    @Test
    @DisplayName("pool-apply-async: at most 3 calls at once on 3 workers; 'Sub-process(es) done.' after every call")
    void poolApplyAsync() throws Exception {
        Output out = Output.run("pool-apply-async");
        for (int i = 0; i < 4; i++) {
            out.assertOrder("^msg: hello " + i + " ", "^end \\(hello " + i + "\\)$");
        }
        assertTrue(out.mostOpen("^msg: hello \\d ", "^end \\(hello \\d\\)$") <= 3, out::toString);
        out.first("^Mark~");
        int done = out.first("^Sub-process\\(es\\) done\\.$");
        assertTrue(Collections.max(out.every("^end \\(hello \\d\\)$")) < done, out::toString);
    }

    @Test
    @DisplayName("pool-results: get() returns each call's value, in submission order, after every call ended")
    void poolResults() throws Exception {
        Output out = Output.run("pool-results");
        List<Integer> results = out.every("^::: ");
        assertEquals(List.of("done hello 0", "done hello 1", "done hello 2"),
                values(out.matches("^::: (.*)$"), 1), out::toString);
        assertTrue(Collections.max(out.every("^end \\(hello \\d\\)$")) < results.get(0), out::toString);
        out.assertOrder("^::: done hello 2$", "^Sub-process\\(es\\) done\\.$");
    }

    @Test
    @DisplayName("pool-four-functions: each function runs once in a worker; join returns after the last")
    void poolFourFunctions() throws Exception {
        Output out = Output.run("pool-four-functions");
        long parent = out.number("^parent process (\\d+) ");
        int done = out.first("^All subprocesses done\\.$");
        for (String task : List.of("Lee", "Marlon", "Allen", "Frank")) {
            out.assertCount(1, "^Run task " + task + "-\\d+$");
            assertNotEquals(parent, out.number("^Run task " + task + "-(\\d+)$"));
            int runs = out.first("^Task " + task + ", runs [0-9.]+ seconds\\.$");
            assertTrue(out.first("^Run task " + task + "-") < runs && runs < done, out::toString);
        }
    }

    @Test
    @DisplayName("pool-ten-tasks: ten tasks on at most three workers, never more than three at once")
    void poolTenTasks() throws Exception {
        Output out = Output.run("pool-ten-tasks");
        out.assertCount(10, "^\\d+ started, pid \\d+$");
        out.assertCount(10, "^\\d+ done, took [0-9.]+ s$");
        for (int i = 0; i < 10; i++) {
            out.assertOrder("^" + i + " started", "^" + i + " done");
        }
        assertTrue(out.mostOpen("^\\d+ started", "^\\d+ done") <= 3, out::toString);
        Set<String> pids = Set.copyOf(values(out.matches("^\\d+ started, pid (\\d+)$"), 1));
        assertTrue(pids.size() <= 3, out::toString);
        assertTrue(Collections.max(out.every("^\\d+ done")) < out.first("^-----end-----$"), out::toString);
    }

    @Test
    @DisplayName("pool-map-imap: map gives the list, imap's iterator gives the same results in order")
    void poolMapImap() throws Exception {
        Output out = Output.run("pool-map-imap");
        out.first("^\\[KEL, SIMLE\\]$");
        int kel = out.first("^KEL$");
        assertEquals("SIMLE", out.lines.get(kel + 1), out::toString);
    }

    @Test
    @DisplayName("pool-apply-vs-async-vs-map: all four give the cubes in order; apply runs the tasks one by one")
    void poolApplyVsAsyncVsMap() throws Exception {
        Output out = Output.run("pool-apply-vs-async-vs-map");
        List<Matcher> results = out.matches("^(\\w+) results \\[(.*)\\], user_time ([0-9.]+) s$");
        assertEquals(List.of("apply", "applyAsync", "map", "starmap"), values(results, 1), out::toString);
        assertTrue(results.stream().allMatch(m -> m.group(2).equals("1000000, 8000000, 27000000")), out::toString);
        int from = out.first("^-- apply --$");
        int to = out.first("^apply results");
        List<String> applyLines = out.lines.subList(from + 1, to).stream()
                .map(l -> l.replaceAll(": pid .*", "")).toList();
        assertEquals(List.of("task 100", "task 100 done", "task 200", "task 200 done", "task 300", "task 300 done"),
                applyLines, out::toString);
        double threeSleeps = 3 * Pace.of(1).toNanos() / 1e9;
        assertTrue(Double.parseDouble(results.get(0).group(3)) >= threeSleeps - 0.005, out::toString);
    }

    @Test
    @DisplayName("pool-callback: callbacks run in the parent on the result thread, after their task, before get()")
    void poolCallback() throws Exception {
        Output out = Output.run("pool-callback");
        List<Matcher> callbacks = out.matches("^(\\d+) MainProcess (\\S+) callback: (\\d+) type=Integer$");
        assertEquals(4, callbacks.size(), out::toString);
        for (Matcher m : callbacks) {
            assertEquals(out.pid, Long.parseLong(m.group(1)), out::toString);
            assertEquals("mproc-pool-results", m.group(2), out::toString);
        }
        assertEquals(Set.of("5", "6", "7", "8"), Set.copyOf(values(callbacks, 3)), out::toString);
        for (int k = 0; k < 4; k++) {
            out.assertOrder("^\\d+ PoolWorker-\\d+ \\S+ printing-" + k + "$", "callback: " + (k + 5) + " ");
        }
        for (Matcher m : out.matches("^(\\d+) PoolWorker-\\d+ \\S+ printing-\\d$")) {
            assertNotEquals(out.pid, Long.parseLong(m.group(1)), out::toString);
        }
        List<Integer> gets = out.every(" MainProcess main get: ");
        assertEquals(List.of("5", "6", "7", "8"), values(out.matches(" MainProcess main get: (\\d+)$"), 1));
        assertTrue(Collections.max(out.every("callback: ")) < gets.get(0), out::toString);
    }

    @Test
    @DisplayName("pool-initializer: the initializer runs in each worker before its tasks; maxTasksPerChild(1) gives"
            + " every task a fresh worker")
    void poolInitializer() throws Exception {
        Output out = Output.run("pool-initializer");
        int second = out.first("^-- the same with maxTasksPerChild\\(1\\) --$");
        String initializer = "^(\\d+) PoolWorker-\\d+ \\S+ initializer: started 8$";
        String task = "^(\\d+) PoolWorker-\\d+ \\S+ printing-(\\d+)$";
        assertEquals(2, out.every(initializer).stream().filter(i -> i < second).count(), out::toString);
        List<String> secondPids = new ArrayList<>();
        for (int i : out.every(task)) {
            String pid = out.lines.get(i).split(" ")[0];
            int from = i < second ? 0 : second;
            int init = out.first("^" + pid + " PoolWorker-\\d+ \\S+ initializer: started 8$", from);
            assertTrue(init < i, () -> "a task before its worker's initializer\n" + out);
            if (i > second) {
                secondPids.add(pid);
            }
        }
        assertEquals(List.of("5", "6", "7", "8"),
                values(out.matches(task), 2).subList(0, 4), out::toString);
        assertEquals(4, Set.copyOf(secondPids).size(), () -> "maxTasksPerChild(1) reused a worker\n" + out);
    }

    @Test
    @DisplayName("pool-queue-apply: the writer puts all four letters before the reader, which gets them in order")
    void poolQueueApply() throws Exception {
        Output out = Output.run("pool-queue-apply");
        List<Integer> puts = out.every("^put: [WANG] ");
        List<Integer> gets = out.every("^get: [WANG] ");
        assertTrue(puts.size() == 4 && gets.size() == 4 && puts.get(3) < gets.get(0), out::toString);
        assertEquals(List.of("W", "A", "N", "G"), values(out.matches("^get: (\\w) "), 1));
        out.first("^write_func returned 4$");
        out.first("^read_func returned \\[W, A, N, G\\]$");
    }

    @Test
    @DisplayName("pool-queue-apply-async: the reader returns the letters in the order the writer put them")
    void poolQueueApplyAsync() throws Exception {
        Output out = Output.run("pool-queue-apply-async");
        assertEquals(List.of("W", "A", "N", "G"), values(out.matches("^get: (\\w) "), 1));
        out.assertOrder("^4$", "^\\[W, A, N, G\\]$");
    }

    @Test
    @DisplayName("pool-ctrl-c: SIGINT runs the hook that terminates the pool; workers gone, tasks cancelled, exit 130")
    void poolCtrlC() throws Exception {
        Output out = Output.run("pool-ctrl-c"); // checks exit code 130
        out.assertOrder("^run_proc\\(\\d\\) in worker \\d+$", "^Ctrl-C: ", "^shutdown hook: terminating the pool$");
        Matcher m = out.match("^workers \\[(.*)\\] still alive: \\[\\]; tasks cancelled: (\\d) of 5$");
        assertEquals("5", m.group(2), out::toString);
        List<Long> workers = Arrays.stream(m.group(1).split(", ")).map(Long::parseLong).collect(Collectors.toList());
        assertEquals(4, workers.size(), out::toString);
        for (long pid : workers) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " alive");
        }
        out.assertAbsent("^run_proc\\(\\d\\) done$", "no task may finish: the pool is terminated mid-task");
    }
}
