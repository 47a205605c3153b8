package dev.mproc.spawn.processbuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mproc.BackendUnavailableException;
import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Backend selection on a real class path: this module's tests see processbuilder and netty. */
class ProviderSelectionTest {

    @AfterEach
    void clear() {
        System.clearProperty(ContextOptions.SPAWN_PROPERTY);
        System.clearProperty(ContextOptions.IPC_PROPERTY);
    }

    @Test
    @DisplayName("ServiceLoader finds processbuilder and netty, and a context uses them")
    void foundOnClassPath() {
        try (Context ctx = Mproc.context(ContextOptions.builder().build())) {
            assertEquals("processbuilder", ctx.spawnBackend());
            assertEquals("netty", ctx.ipcBackend());
        }
    }

    @Test
    @DisplayName("a system property naming a backend that is not on the class path fails with the candidates")
    void propertyNamesMissingBackend() {
        System.setProperty(ContextOptions.SPAWN_PROPERTY, "posix-fork");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Mproc.context(ContextOptions.builder().build()));
        assertEquals("mproc spawn backend 'posix-fork' (chosen by system property mproc.spawn) is not on the class "
                + "path; candidates: processbuilder: available, priority 0", e.getMessage());
    }

    @Test
    @DisplayName("a name in code beats the property")
    void codeBeatsProperty() {
        System.setProperty(ContextOptions.IPC_PROPERTY, "shm");
        try (Context ctx = Mproc.context(ContextOptions.builder().ipcBackend("netty").build())) {
            assertEquals("netty", ctx.ipcBackend());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Mproc.context(ContextOptions.builder().build()));
        assertEquals("mproc IPC backend 'shm' (chosen by system property mproc.ipc) is not on the class path; "
                + "candidates: netty: available, priority 0", e.getMessage());
    }
}
