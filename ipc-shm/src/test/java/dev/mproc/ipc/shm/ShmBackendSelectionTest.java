package dev.mproc.ipc.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.BackendUnavailableException;
import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Automatic choice of the shm backend over netty, and its diagnostics where it cannot work. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmBackendSelectionTest {

    @Test
    @DisplayName("with shm and netty on the class path and /dev/shm usable, a context without a choice gets shm")
    void chosenOverNetty() {
        assertTrue(new ShmIpcProvider().availability().available(), new ShmIpcProvider().availability().reason());
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder").build())) {
            assertEquals("shm", ctx.ipcBackend());
        }
    }

    @Test
    @DisplayName("in a JVM whose shared-memory root does not exist, shm is unavailable with the reason and netty is chosen")
    @SuppressWarnings("try") // the forced context exists only to show it cannot be made
    void unavailableWithAReason() throws Exception {
        List<String> jvm = new ArrayList<>(ContextOptions.DEFAULT_JVM_OPTIONS);
        jvm.add("-Dmproc.shm.root=/nonexistent/mproc-test");
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder").ipcBackend("netty")
                .jvmOptions(jvm).build())) {
            Process<String> child = ctx.task(() -> {
                StringBuilder seen = new StringBuilder();
                seen.append(new ShmIpcProvider().availability().reason()).append('\n');
                try (Context auto = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder").build())) {
                    seen.append(auto.ipcBackend()).append('\n');
                }
                try (Context forced = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder")
                        .ipcBackend("shm").build())) {
                    seen.append("shm was given");
                } catch (BackendUnavailableException e) {
                    seen.append(e.getMessage());
                }
                return seen.toString();
            }).start();
            child.join();
            String[] lines = child.result().split("\n");
            assertEquals("/nonexistent/mproc-test is not a writable directory", lines[0]);
            assertEquals("netty", lines[1]);
            assertEquals("mproc IPC backend 'shm' (chosen in code) is unavailable: /nonexistent/mproc-test is not a"
                    + " writable directory", lines[2]);
        }
    }
}
