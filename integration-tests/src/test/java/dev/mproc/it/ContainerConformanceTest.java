package dev.mproc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole conformance kit, per backend combination, inside a Linux container with its own PID namespace. */
class ContainerConformanceTest {

    @BeforeAll
    static void docker() {
        Containers.requireDocker();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {ProcessBuilderNettyKit.class, PosixNettyKit.class, ProcessBuilderShmKit.class, PosixShmKit.class})
    @DisplayName("the conformance kit passes inside a container")
    void kitPassesInContainer(Class<?> kit) {
        Containers.Run run = Containers.runJava(true, host -> { }, KitRunner.class.getName(), kit.getName());
        long[] counts = run.counts("kit");
        System.out.printf("container kit %s: %d passed, %d failed%n", kit.getSimpleName(), counts[0], counts[1]);
        assertEquals(0, counts[1], run.output());
        assertTrue(counts[0] > 100, "the whole kit ran: " + counts[0]);
        assertEquals(0, run.exitCode(), run.output());
    }
}
