package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the main demo and the tour")
class DemoAndTourTest {

    private static String tour(int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exit = new Tour(out).run(args);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    @Test
    @DisplayName("demo: results, and exit codes 1, 7, -15 and -9; the daemon child never prints")
    void demo() throws Exception {
        Output out = Output.run("demo");
        for (Matcher m : out.matches("^square-(\\d)\\s+pid \\d+\\s+result (\\d+)\\s+exit 0$")) {
            int n = Integer.parseInt(m.group(1));
            assertEquals(n * n, Integer.parseInt(m.group(2)));
        }
        out.assertCount(4, "^square-\\d ");
        out.first("^throwing target: exit 1, failure seen by the parent: java\\.lang\\.IllegalStateException: boom");
        out.first("^System\\.exit\\(7\\): exit 7$");
        out.first("^terminate\\(\\): exit -15$");
        out.first("^kill\\(\\): exit -9$");
        assertEquals("main-------", out.lines.get(out.lines.size() - 1), out::toString);
        out.assertAbsent("never printed", "the daemon child must be terminated when main ends");
    }

    @Test
    @DisplayName("the catalog: unique names, known groups, a public static main in every example")
    void catalog() throws Exception {
        Set<String> names = new HashSet<>();
        for (Example e : Catalog.EXAMPLES) {
            assertTrue(names.add(e.name()), "duplicate " + e.name());
            assertTrue(e.name().matches("[a-z]+(-[a-z]+)*"), e.name());
            assertTrue(Catalog.GROUPS.containsKey(e.group()), e.group());
            Method main = e.mainClass().getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), e.name());
        }
        for (String group : Catalog.GROUPS.keySet()) {
            assertTrue(!Catalog.inGroup(group).isEmpty(), group);
        }
    }

    @Test
    @DisplayName("tour list: every example, under its group")
    void list() throws Exception {
        String text = tour(0, "list");
        for (Example e : Catalog.EXAMPLES) {
            assertTrue(text.contains("  " + e.name() + " "), e.name());
        }
    }

    @Test
    @DisplayName("tour: an unknown name is a usage error, exit 2")
    void unknownName() throws Exception {
        assertTrue(tour(2, "no-such-example").contains("no example or group named 'no-such-example'"));
    }

    @Test
    @DisplayName("tour --spawn with a backend not on the class path: exit 2, naming what is there")
    void unknownBackend() throws Exception {
        String text = tour(2, "--spawn", "no-such-backend", "with-join");
        assertTrue(text.contains("no usable spawn backend named 'no-such-backend'"), text);
        assertTrue(text.contains("processbuilder"), text);
    }

    @Test
    @DisplayName("tour runs an example by name with the backends given, relays its output and reports its exit")
    void runByName() throws Exception {
        String text = tour(0, "--spawn", "processbuilder", "--ipc=netty", "with-join");
        assertTrue(text.contains("spawn backend: processbuilder (--spawn"), text);
        assertTrue(text.contains("[1/1] with-join: "), text);
        assertTrue(text.contains("    ==============: child done"), text);
        assertTrue(text.contains("  -> exit 0, "), text);
        assertTrue(text.contains("tour: 1 example in "), text);
    }
}
