package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * cpuCount under a cgroup CPU quota, with real cgroups: the test creates two nested cgroups (needs root and a
 * writable cgroup file system; cgroup v1's cpu controller or cgroup v2).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CpuQuotaTest {

    private Path outer;
    private Path inner;
    private boolean v2;

    @BeforeEach
    void createCgroups() throws IOException {
        Path v1 = Path.of("/sys/fs/cgroup/cpu");
        Path unified = Path.of("/sys/fs/cgroup");
        String name = "mproc-test-" + ProcessHandle.current().pid();
        if (Files.isWritable(v1.resolve("cgroup.procs")) && Files.exists(v1.resolve("cpu.cfs_quota_us"))) {
            outer = Files.createDirectory(v1.resolve(name));
        } else if (Files.isWritable(unified.resolve("cgroup.subtree_control"))
                && Files.readString(unified.resolve("cgroup.controllers")).contains("cpu")) {
            v2 = true;
            Files.writeString(unified.resolve("cgroup.subtree_control"), "+cpu");
            outer = Files.createDirectory(unified.resolve(name));
            Files.writeString(outer.resolve("cgroup.subtree_control"), "+cpu");
        }
        Assumptions.assumeTrue(outer != null, "needs root and a writable cgroup file system with the cpu controller");
        inner = Files.createDirectory(outer.resolve("inner"));
        quota(outer, 150_000); // one and a half CPUs
        quota(inner, 50_000);  // half a CPU inside it (cgroup v1 refuses a child above its parent)
    }

    private void quota(Path cgroup, long micros) throws IOException {
        if (v2) {
            Files.writeString(cgroup.resolve("cpu.max"), micros + " 100000");
        } else {
            Files.writeString(cgroup.resolve("cpu.cfs_quota_us"), Long.toString(micros));
        }
    }

    @AfterEach
    void removeCgroups() throws IOException {
        for (Path dir : new Path[] {inner, outer}) {
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        }
    }

    @Test
    @DisplayName("the tightest quota from a process's cgroup up to the root counts, in CPUs")
    void tightestQuota() throws Exception {
        try (SpawnBackend backend = new PosixSpawnProvider().create()) {
            SpawnedProcess p = backend.spawn(LaunchSpec.builder(List.of("/bin/sleep", "60")).build());
            try {
                assertEquals(OptionalDouble.empty(), CpuBudget.quotaCpus(Long.toString(p.pid())));
                Files.writeString(outer.resolve("cgroup.procs"), Long.toString(p.pid()));
                assertEquals(OptionalDouble.of(1.5), CpuBudget.quotaCpus(Long.toString(p.pid())));
                Files.writeString(inner.resolve("cgroup.procs"), Long.toString(p.pid()));
                assertEquals(OptionalDouble.of(0.5), CpuBudget.quotaCpus(Long.toString(p.pid())));
            } finally {
                p.signal(9, false);
            }
            assertEquals(ExitStatus.signaled(9), p.onExit().get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("a JVM in a cgroup with half a CPU counts one CPU")
    void jvmInCgroup() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                inner.resolve("cgroup.procs").toString()));
        cmd.addAll(Programs.java(CpuCountProbe.class, List.of()));
        java.lang.Process probe = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, probe.waitFor());
        assertEquals("1", out);
    }
}
