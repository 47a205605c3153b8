package dev.mproc.subprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubprocessFailedExceptionTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the message names the command and the exit code, then quotes the last lines of stderr")
    void message() {
        SubprocessFailedException e = new SubprocessFailedException(List.of("make", "all"), 2, new byte[0],
                utf8("cc: error\nmake: *** [all] Error 1\n"));
        assertEquals("command [make, all] exited with code 2; its standard error ends with:\n"
                + "cc: error\nmake: *** [all] Error 1", e.getMessage());
        assertEquals("command [sleep, 9] was ended by signal 9 (SIGKILL)",
                new SubprocessFailedException(List.of("sleep", "9"), -9, new byte[0], new byte[0]).getMessage());
        assertEquals("command [x] was ended by signal 40",
                new SubprocessFailedException(List.of("x"), -40, new byte[0], new byte[0]).getMessage());
    }

    @Test
    @DisplayName("the tail is at most 20 lines and starts at a line boundary")
    void tail() {
        String many = IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        assertEquals(IntStream.rangeClosed(81, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")),
                SubprocessFailedException.tail(utf8(many + "\n\n")));
        String longLines = IntStream.rangeClosed(1, 5).mapToObj(i -> i + "x".repeat(999))
                .collect(Collectors.joining("\n"));
        String tail = SubprocessFailedException.tail(utf8(longLines));
        assertEquals("4" + "x".repeat(999) + "\n5" + "x".repeat(999), tail);
        assertEquals("", SubprocessFailedException.tail(new byte[0]));
    }

    @Test
    @DisplayName("checkExitCode passes 0 and raises otherwise")
    void checkExitCode() {
        CompletedProcess ok = new CompletedProcess(List.of("true"), 0, new byte[0], new byte[0]);
        assertEquals(ok, ok.checkExitCode());
        CompletedProcess failed = new CompletedProcess(List.of("false"), 1, utf8("o"), utf8("e"));
        SubprocessFailedException e = assertThrows(SubprocessFailedException.class, failed::checkExitCode);
        assertEquals(1, e.exitCode());
        assertEquals(List.of("false"), e.command());
        assertEquals("o", new String(e.stdout(), StandardCharsets.UTF_8));
    }
}
