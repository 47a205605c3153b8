package dev.mproc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fault scenarios that only a container shows cleanly, for each spawn backend with netty. */
class ContainerFaultTest {

    private static final String IPC = "netty";

    @BeforeAll
    static void docker() {
        Containers.requireDocker();
    }

    private static void expectPass(String scenario, Containers.Run run) {
        System.out.println(run.output());
        long[] counts = run.counts("scenario " + scenario);
        System.out.printf("container scenario %s: %d passed, %d failed%n", scenario, counts[0], counts[1]);
        assertEquals(1, counts[0], run.output());
        assertEquals(0, run.exitCode(), run.output());
    }

    @ParameterizedTest(name = "{0} × netty")
    @ValueSource(strings = {"processbuilder", "posix-fork"})
    @DisplayName("the parent JVM killed with SIGKILL: within 2 s no daemon child is left and no zombie remains")
    void parentKilled(String spawn) {
        expectPass("parent-killed", Containers.runJava(true, h -> { }, Scenarios.class.getName(),
                "parent-killed", spawn, IPC));
    }

    @ParameterizedTest(name = "{0} × netty")
    @ValueSource(strings = {"processbuilder", "posix-fork"})
    @DisplayName("the JVM as PID 1: orphaned grandchildren are reaped, or mproc says precisely what it needs")
    void jvmAsPid1(String spawn) {
        expectPass("pid1-orphans", Containers.runJava(false, h -> { }, Scenarios.class.getName(),
                "pid1-orphans", spawn, IPC));
    }

    @ParameterizedTest(name = "{0} × netty")
    @ValueSource(strings = {"processbuilder", "posix-fork"})
    @DisplayName("a worker OOM-killed under a memory limit fails its task with exit code -9; the pool serves on")
    void oomKilledWorker(String spawn) {
        long limit = 384L << 20;
        expectPass("oom", Containers.runJava(true, h -> h.withMemory(limit).withMemorySwap(limit),
                Scenarios.class.getName(), "oom", spawn, IPC));
    }

    @ParameterizedTest(name = "{0} × netty")
    @ValueSource(strings = {"processbuilder", "posix-fork"})
    @DisplayName("a CPU quota of 1 CPU: cpuCount() and the default pool size follow it")
    void cpuQuota(String spawn) {
        expectPass("cpu-quota", Containers.runJava(true, h -> h.withNanoCPUs(1_000_000_000L),
                Scenarios.class.getName(), "cpu-quota", spawn, IPC));
    }

    @ParameterizedTest(name = "{0} × netty")
    @ValueSource(strings = {"processbuilder", "posix-fork"})
    @DisplayName("a read-only root file system with a writable /tmp: mproc still works")
    void readOnlyRoot(String spawn) {
        expectPass("read-only", Containers.runJava(true, h -> h.withReadonlyRootfs(true)
                .withTmpFs(java.util.Map.of("/tmp", "rw,exec,size=512m")),
                Scenarios.class.getName(), "read-only", spawn, IPC));
    }

    @ParameterizedTest(name = "{0} × shm")
    @ValueSource(strings = {"processbuilder", "posix-fork"})
    @DisplayName("a small /dev/shm (8 MiB): a segment that does not fit is refused, naming the size and the room free;"
            + " what was stored before stays intact")
    void smallDevShm(String spawn) {
        expectPass("small-shm", Containers.runJava(true, h -> h.withShmSize(8L << 20),
                Scenarios.class.getName(), "small-shm", spawn, "shm"));
    }
}
