package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("daemon processes and daemon threads")
class DaemonExamplesTest {

    @Test
    @DisplayName("daemon-child: the daemon child is terminated (-15) when main ends, before it is done")
    void daemonChild() throws Exception {
        Output out = Output.run("daemon-child");
        out.assertAbsent("is done$", "a daemon child must be cut off when main ends");
        Matcher m = out.match("^after main: Process-1 \\(pid \\d+, daemon\\) ended with exit code (-?\\d+),");
        assertEquals("-15", m.group(1), out::toString);
        out.assertOrder("^main$", "^after main: Process-1");
    }

    @Test
    @DisplayName("daemon-child-joined: joined before main ends, the daemon runs to its end and exits 0")
    void daemonChildJoined() throws Exception {
        Output out = Output.run("daemon-child-joined");
        out.assertOrder("^\\d+ is running$", "^\\d+ is done$", "^main \\(pid \\d+\\); the child's exit code 0 ");
    }

    @Test
    @DisplayName("daemon-and-non-daemon: main------- ends main; daemon p1 is cut off (-15), non-daemon p2 finishes (0)")
    void daemonAndNonDaemon() throws Exception {
        Output out = Output.run("daemon-and-non-daemon");
        out.assertAbsent("^end123$", "daemon p1 must be terminated when main ends, during its 1 s sleep");
        out.assertOrder("^456$", "^end456$");
        out.assertOrder("^main-------$", "^after main: p1 ");
        assertEquals(-15, out.number("^after main: p1 \\(pid \\d+, daemon\\) ended with exit code (-?\\d+),"));
        assertEquals(0, out.number("^after main: p2 \\(pid \\d+, non-daemon\\) ended with exit code (-?\\d+),"));
    }

    @Test
    @DisplayName("daemon-thread: the JVM exits when main ends, taking the sleeping daemon thread along")
    void daemonThread() throws Exception {
        Output out = Output.run("daemon-thread");
        out.first("^main$");
        out.assertAbsent("is done$", "a daemon thread must not outlive the JVM's last non-daemon thread");
    }

    @Test
    @DisplayName("daemon-and-non-daemon-threads: the daemon thread finishes while the non-daemon thread still runs")
    void daemonAndNonDaemonThreads() throws Exception {
        Output out = Output.run("daemon-and-non-daemon-threads");
        out.first("^main-------");
        out.assertOrder("^123$", "^end123$");
        out.assertOrder("^456$", "^end456$");
    }

    @Test
    @DisplayName("daemon-cannot-have-children: start() in a daemon throws IllegalStateException")
    void daemonCannotHaveChildren() throws Exception {
        Output out = Output.run("daemon-cannot-have-children");
        out.first("threw java\\.lang\\.IllegalStateException: daemonic processes are not allowed to have children");
        out.first("^daemon exit code 0$");
    }
}
