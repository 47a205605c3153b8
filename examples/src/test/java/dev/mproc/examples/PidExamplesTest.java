package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("pid and ppid")
class PidExamplesTest {

    @Test
    @DisplayName("fork-pids: the child's ppid is the parent's pid; the parent's ppid is whoever started it")
    void forkPids() throws Exception {
        Output out = Output.run("fork-pids");
        long parent = out.number("^parent (\\d+) ");
        long child = out.number("^child (\\d+)$");
        assertEquals(out.pid, parent);
        assertEquals(parent, out.number("^After fork process pid=" + child + ",ppid=(\\d+)$"));
        assertEquals(ProcessHandle.current().pid(), out.number("^After fork process pid=" + parent + ",ppid=(\\d+)$"));
        out.assertOrder("^child \\d+$", "^child over$", "^After fork process pid=" + child + ",");
    }

    @Test
    @DisplayName("orphan: once the parent has exited, the child's parent is another process")
    void orphan() throws Exception {
        Output out = Output.run("orphan");
        long parent = out.number("^the parent PID is (\\d+)$");
        assertEquals(out.pid, parent);
        assertEquals(out.number("^the PID is (\\d+)$"), out.number("^my PID is (\\d+)$"));
        assertEquals(parent, out.number("^my parent process-1 PID is (\\d+)$"));
        assertNotEquals(parent, out.number("^my parent process-2 PID is (-?\\d+)$"));
        out.assertOrder("^this is parent process", "^my parent process-2 PID", "^this is child process$");
    }

    @Test
    @DisplayName("current-process: MainProcess, the pool's 4 daemon workers as active children, none after join")
    void currentProcess() throws Exception {
        Output out = Output.run("current-process");
        assertEquals(out.pid, out.number("^ProcessInfo\\[name=MainProcess, pid=(\\d+), daemon=false\\]$"));
        List<Matcher> children = out.matches("^active child <Process name='PoolWorker-\\d+' pid=(\\d+) .*> daemon=(\\w+)$");
        assertEquals(4, children.size(), out::toString);
        assertTrue(children.stream().allMatch(m -> m.group(2).equals("true")), out::toString);
        Set<String> workers = Arrays.stream(out.match("^pool worker pids \\[(.*)\\]$").group(1).split(", "))
                .collect(Collectors.toSet());
        assertEquals(workers, children.stream().map(m -> m.group(1)).collect(Collectors.toSet()), out::toString);
        assertTrue(out.number("^cpu count (\\d+)$") >= 1);
        out.first("^active children after close\\(\\) and join\\(\\): \\[\\]$");
    }
}
