package dev.mproc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Fault scenarios that only a container shows cleanly (processbuilder × netty). */
class ContainerFaultTest {

    private static final String SPAWN = "processbuilder";
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

    @Test
    @DisplayName("the parent JVM killed with SIGKILL: within 2 s no daemon child is left and no zombie remains")
    void parentKilled() {
        expectPass("parent-killed", Containers.runJava(true, h -> { }, Scenarios.class.getName(),
                "parent-killed", SPAWN, IPC));
    }

    @Test
    @DisplayName("the JVM as PID 1: orphaned grandchildren are reaped, or mproc says precisely what it needs")
    void jvmAsPid1() {
        expectPass("pid1-orphans", Containers.runJava(false, h -> { }, Scenarios.class.getName(),
                "pid1-orphans", SPAWN, IPC));
    }

    @Test
    @DisplayName("a worker OOM-killed under a memory limit fails its task with exit code -9; the pool serves on")
    void oomKilledWorker() {
        long limit = 384L << 20;
        expectPass("oom", Containers.runJava(true, h -> h.withMemory(limit).withMemorySwap(limit),
                Scenarios.class.getName(), "oom", SPAWN, IPC));
    }

    @Test
    @DisplayName("a CPU quota of 1 CPU: cpuCount() and the default pool size follow it")
    void cpuQuota() {
        expectPass("cpu-quota", Containers.runJava(true, h -> h.withNanoCPUs(1_000_000_000L),
                Scenarios.class.getName(), "cpu-quota", SPAWN, IPC));
    }

    @Test
    @DisplayName("a read-only root file system with a writable /tmp: mproc still works")
    void readOnlyRoot() {
        expectPass("read-only", Containers.runJava(true, h -> h.withReadonlyRootfs(true)
                .withTmpFs(java.util.Map.of("/tmp", "rw,exec,size=512m")),
                Scenarios.class.getName(), "read-only", SPAWN, IPC));
    }
}
