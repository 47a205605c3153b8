package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.Scheduling;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scheduling controls per child: nice value, CPU affinity, policy; and the kernel's refusals, word for word. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchedulingTest {

    private static SpawnBackend backend;
    private static int lastCpu;

    @BeforeAll
    static void open() {
        backend = new PosixSpawnProvider().create();
        lastCpu = CpuBudget.affinityCount() - 1;
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static SpawnedProcess sleeper(Scheduling s) throws IOException {
        return backend.spawn(LaunchSpec.builder(List.of("/bin/sleep", "60")).scheduling(s).build());
    }

    private static void kill(SpawnedProcess p) throws Exception {
        p.signal(9, false);
        assertEquals(ExitStatus.signaled(9), p.onExit().get(30, TimeUnit.SECONDS));
    }

    private static String cpusAllowed(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().split(":")[1].trim();
    }

    @Test
    @DisplayName("nice value, batch policy and CPUs apply to the child from its start")
    void niceBatchAndCpus() throws Exception {
        SpawnedProcess p = sleeper(Scheduling.builder().nice(5).policy(Scheduling.Policy.BATCH).cpus(lastCpu).build());
        try {
            assertEquals("5", Programs.stat(p.pid(), 19), "nice");
            assertEquals("3", Programs.stat(p.pid(), 41), "policy SCHED_BATCH");
            assertEquals(Integer.toString(lastCpu), cpusAllowed(p.pid()));
        } finally {
            kill(p);
        }
    }

    @Test
    @DisplayName("the idle policy applies, and the spawning thread's CPUs are restored for the next child")
    void idleAndAffinityRestored() throws Exception {
        SpawnedProcess pinned = sleeper(Scheduling.builder().policy(Scheduling.Policy.IDLE).cpus(0).build());
        SpawnedProcess free = sleeper(Scheduling.inherit());
        try {
            assertEquals("5", Programs.stat(pinned.pid(), 41), "policy SCHED_IDLE");
            assertEquals("0", cpusAllowed(pinned.pid()));
            assertEquals("0", Programs.stat(free.pid(), 41), "policy SCHED_OTHER");
            assertEquals(cpusAllowed(ProcessHandle.current().pid()), cpusAllowed(free.pid()));
        } finally {
            kill(pinned);
            kill(free);
        }
    }

    @Test
    @DisplayName("a real-time policy applies where this process may use one (as root), else the kernel's refusal")
    void realTime() throws Exception {
        Scheduling fifo = Scheduling.builder().realTime(Scheduling.Policy.FIFO, 10).build();
        if (!hasCapSysNice()) {
            IOException e = assertThrows(IOException.class, () -> sleeper(fifo));
            assertEquals(refusal("FIFO"), e.getMessage());
            return;
        }
        SpawnedProcess p = sleeper(fifo);
        try {
            assertEquals("1", Programs.stat(p.pid(), 41), "policy SCHED_FIFO");
            assertEquals("10", Programs.stat(p.pid(), 40), "real-time priority");
        } finally {
            kill(p);
        }
    }

    private static String refusal(String policy) {
        return "cannot start /bin/sleep: Operation not permitted (errno 1); the kernel refused scheduling policy "
                + policy + " priority 10 (real-time policies need CAP_SYS_NICE or RLIMIT_RTPRIO)";
    }

    private static boolean hasCapSysNice() throws IOException {
        String eff = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                .findFirst().orElseThrow().split(":")[1].trim();
        return (Long.parseUnsignedLong(eff, 16) & (1L << 23)) != 0;
    }

    @Test
    @DisplayName("CPUs that do not exist are refused with the kernel's reason")
    void missingCpus() {
        IOException e = assertThrows(IOException.class, () -> sleeper(Scheduling.builder().cpus(1000).build()));
        assertEquals("the kernel refused CPU affinity [1000] for the child: Invalid argument (errno 22); the CPUs "
                + "must exist and be among those this process may use", e.getMessage());
    }

    @Test
    @DisplayName("without CAP_SYS_NICE a lower nice value and a real-time policy are refused with the kernel's reason")
    void refusedWithoutPrivilege() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set", "-sys_nice", "--inh-caps", "-sys_nice"));
        cmd.addAll(Programs.java(SchedulingProbe.class, List.of()));
        java.lang.Process probe = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = List.of(new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n"));
        assertEquals(0, probe.waitFor());
        assertEquals(List.of("the kernel refused nice value -5 for a child: Permission denied (errno 13); a nice "
                + "value below the parent's needs CAP_SYS_NICE or RLIMIT_NICE",
                "cannot start /bin/true: Operation not permitted (errno 1); the kernel refused scheduling policy FIFO "
                        + "priority 10 (real-time policies need CAP_SYS_NICE or RLIMIT_RTPRIO)"), lines);
    }

    @Test
    @DisplayName("a context's scheduling reaches every thread of its child JVMs, and their cpuCount honours the CPUs")
    void contextScheduling() throws Exception {
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend(PosixSpawnProvider.NAME)
                .ipcBackend("netty").scheduling(Scheduling.builder().nice(7).cpus(lastCpu).build()).build())) {
            Process<String> p = ctx.task(() -> {
                List<String> nices = new ArrayList<>();
                try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                    for (Path t : tasks.toList()) {
                        String stat = Files.readString(t.resolve("stat"));
                        nices.add(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
                    }
                }
                return nices.stream().distinct().toList() + " " + Mproc.context().cpuCount() + " "
                        + Runtime.getRuntime().availableProcessors();
            }).start();
            p.join();
            assertEquals("[7] 1 1", p.result());
        }
    }
}
