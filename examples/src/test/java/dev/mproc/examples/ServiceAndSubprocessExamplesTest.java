package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("external programs and the daemon service")
class ServiceAndSubprocessExamplesTest {

    @Test
    @DisplayName("pipe-deadlock: 64 KiB, 64 KiB + 1 and 10 MiB all arrive whole; arguments are not mangled")
    void pipeDeadlock() throws Exception {
        Output out = Output.run("pipe-deadlock");
        assertEquals(64 * 1024, out.number("^head -c 65536: (\\d+) bytes read, exit 0"), out::toString);
        assertEquals(64 * 1024 + 1, out.number("^head -c 65537: (\\d+) bytes read, exit 0"), out::toString);
        assertEquals(10 << 20, out.number("^head -c 10485760: (\\d+) bytes read, exit 0"), out::toString);
        assertTrue(out.lines.contains("arguments arrive unmangled: two words|it's|$HOME|"), out::toString);
    }

    @Test
    @DisplayName("daemon-service: started once, a second start refused, restarted, stopped in order, then not running")
    void daemonService() throws Exception {
        Output out = Output.run("daemon-service");
        out.match("^start: exit 0 ");
        out.match("^status: exit 0 ");
        out.match("^start again: exit 1 .*already running");
        out.match("^restart: exit 0 ");
        out.match("^stop: exit 0 ");
        out.match("^status: exit 3 ");
        out.match("^the restarted service logged its start: true; orderly stop logged: true");
    }
}
