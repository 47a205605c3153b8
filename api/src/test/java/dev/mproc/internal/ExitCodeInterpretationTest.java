package dev.mproc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mproc.spi.ExitStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExitCodeInterpretationTest {

    @Test
    @DisplayName("exact statuses are reported as they are: exit codes, and signals as negative numbers")
    void exact() {
        assertEquals(0, ChildProcess.interpret(ExitStatus.exited(0), true, 0));
        assertEquals(137, ChildProcess.interpret(ExitStatus.exited(137), false, 0));
        assertEquals(-9, ChildProcess.interpret(ExitStatus.signaled(9), true, 0));
    }

    @Test
    @DisplayName("an ambiguous 128+n is signal n when the parent sent it or the child reported nothing")
    void ambiguous() {
        assertEquals(-15, ChildProcess.interpret(ExitStatus.ambiguous(143), true, 15));
        assertEquals(-9, ChildProcess.interpret(ExitStatus.ambiguous(137), false, 0));
        assertEquals(137, ChildProcess.interpret(ExitStatus.ambiguous(137), true, 0));
        assertEquals(3, ChildProcess.interpret(ExitStatus.ambiguous(3), false, 0));
        assertEquals(200, ChildProcess.interpret(ExitStatus.ambiguous(200), false, 0));
    }
}
