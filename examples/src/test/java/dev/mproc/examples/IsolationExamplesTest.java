package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("memory isolation between processes")
class IsolationExamplesTest {

    @Test
    @DisplayName("memory-isolation: the child's assignment to a static field leaves the parent's unchanged")
    void memoryIsolation() throws Exception {
        Output out = Output.run("memory-isolation");
        assertNotEquals(out.pid, out.number("^child \\(pid (\\d+)\\): pl1$"));
        out.assertOrder("^child \\(pid \\d+\\): pl1$", "^main \\(pid " + out.pid + "\\): pl$");
    }

    @Test
    @DisplayName("no-shared-state: three children change their copies of a field, the parent's stays as it was")
    void noSharedState() throws Exception {
        Output out = Output.run("no-shared-state");
        for (int data : new int[] {100, 200, 300}) {
            out.first("^task " + data + " done: pid \\d+, sh_dock_code is \\[31, 32, " + data + "\\]$");
        }
        out.first("^main: sh_dock_code is \\[31, 32, 33, 34\\]$");
    }
}
