package dev.mproc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mproc.BackendUnavailableException;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.spi.Availability;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnProvider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackendsTest {

    private static final String EXAMPLE = "dev.mproc:mproc-spawn-processbuilder";

    /** A provider that is only a name, a priority and an availability: discovery needs nothing more. */
    private record FakeProvider(String name, int priority, Availability availability) implements SpawnProvider {
        @Override
        public SpawnBackend create() {
            throw new UnsupportedOperationException("discovery tests never create a backend");
        }
    }

    private static final FakeProvider PORTABLE = new FakeProvider("portable", 0, Availability.ready());
    private static final FakeProvider FAST = new FakeProvider("fast", 10, Availability.ready());
    private static final FakeProvider ALIEN = new FakeProvider("alien", 20,
            Availability.unavailable("not Linux (os.name=Plan 9)"));

    @AfterEach
    void clearProperty() {
        System.clearProperty(ContextOptions.SPAWN_PROPERTY);
    }

    private static List<Backends.Candidate<SpawnProvider>> candidates(SpawnProvider... providers) {
        return java.util.Arrays.stream(providers).map(p -> new Backends.Candidate<>(p, null)).toList();
    }

    @Test
    @DisplayName("without a choice, the available provider with the highest priority wins")
    void highestAvailablePriorityWins() {
        assertSame(FAST, Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY, null,
                candidates(PORTABLE, ALIEN, FAST), EXAMPLE));
    }

    @Test
    @DisplayName("a name given in code beats the system property")
    void codeBeatsProperty() {
        System.setProperty(ContextOptions.SPAWN_PROPERTY, "fast");
        assertSame(PORTABLE, Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY, "portable",
                candidates(PORTABLE, FAST), EXAMPLE));
    }

    @Test
    @DisplayName("the system property overrides priority")
    void propertyOverridesPriority() {
        System.setProperty(ContextOptions.SPAWN_PROPERTY, "portable");
        assertSame(PORTABLE, Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY, null,
                candidates(PORTABLE, FAST), EXAMPLE));
    }

    @Test
    @DisplayName("nothing on the class path: one message says what to add and which property to set")
    void noneFound() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY, null, candidates(), EXAMPLE));
        assertEquals("No mproc spawn backend on the class path. Add one (for example "
                + "dev.mproc:mproc-spawn-processbuilder) or name one with -Dmproc.spawn=<name>.", e.getMessage());
    }

    @Test
    @DisplayName("a named backend that is missing: the message names it, its source and every candidate")
    void namedMissing() {
        System.setProperty(ContextOptions.SPAWN_PROPERTY, "posix-fork");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY, null, candidates(PORTABLE, ALIEN),
                        EXAMPLE));
        assertEquals("mproc spawn backend 'posix-fork' (chosen by system property mproc.spawn) is not on the class "
                + "path; candidates: portable: available, priority 0; alien: unavailable: not Linux (os.name=Plan 9)",
                e.getMessage());
    }

    @Test
    @DisplayName("a named backend that cannot work here: the message gives its reason")
    void namedUnavailable() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY, "alien", candidates(PORTABLE, ALIEN),
                        EXAMPLE));
        assertEquals("mproc spawn backend 'alien' (chosen in code) is unavailable: not Linux (os.name=Plan 9)",
                e.getMessage());
    }

    @Test
    @DisplayName("every candidate unavailable: each is listed with its reason")
    void allUnavailable() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY, null,
                        List.of(new Backends.Candidate<>(ALIEN, null),
                                new Backends.Candidate<SpawnProvider>(null, "Provider x.Broken could not be instantiated")),
                        EXAMPLE));
        assertEquals("No usable mproc spawn backend; candidates: alien: unavailable: not Linux (os.name=Plan 9); "
                + "(provider could not be loaded): Provider x.Broken could not be instantiated. Add a backend that "
                + "works here (for example dev.mproc:mproc-spawn-processbuilder) or name one with "
                + "-Dmproc.spawn=<name>.", e.getMessage());
    }

    @Test
    @DisplayName("on the api's own class path ServiceLoader finds no backend, and the context says so")
    void realClassPathWithoutBackends() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Mproc.context(ContextOptions.builder().build()));
        assertEquals("No mproc spawn backend on the class path. Add one (for example "
                + "dev.mproc:mproc-spawn-processbuilder) or name one with -Dmproc.spawn=<name>.", e.getMessage());
    }
}
