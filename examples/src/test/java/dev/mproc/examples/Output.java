package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of one example run in its own JVM, with the queries the tests make. Every failure message carries the
 * whole output. Patterns are searched within lines ({@link Matcher#find()}); anchor them to match whole lines.
 */
final class Output {

    /** Longer than any example takes on a slow machine; a run that exceeds it is a failure, not a wait. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    final List<String> lines;
    final long pid;
    final Duration elapsed;

    private Output(ExampleRunner.Result result) {
        this.lines = result.lines();
        this.pid = result.pid();
        this.elapsed = result.elapsed();
    }

    /**
     * Runs an example by its catalog name, with the backends the test JVM names in {@code mproc.spawn} and
     * {@code mproc.ipc} if any, and checks that it ended in time with its expected exit code.
     */
    static Output run(String name) throws Exception {
        Example example = Catalog.byName(name).orElseThrow(() -> new AssertionError("no example " + name));
        Map<String, String> properties = new LinkedHashMap<>();
        for (String p : List.of("mproc.spawn", "mproc.ipc")) {
            if (System.getProperty(p) != null) {
                properties.put(p, System.getProperty(p));
            }
        }
        ExampleRunner.Result result = new ExampleRunner(properties).run(example, line -> { }, TIMEOUT);
        Output out = new Output(result);
        assertFalse(result.timedOut(), () -> name + " did not end within " + TIMEOUT + "\n" + out);
        assertEquals(example.expectedExit(), result.exitCode(), () -> name + ": exit code\n" + out);
        return out;
    }

    /** The index of the first line where the pattern is found. */
    int first(String regex) {
        return first(regex, 0);
    }

    /** The index of the first line at or after {@code from} where the pattern is found. */
    int first(String regex, int from) {
        Pattern p = Pattern.compile(regex);
        for (int i = from; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        throw new AssertionError("no line from " + from + " on matches /" + regex + "/\n" + this);
    }

    /** The indexes of every line where the pattern is found. */
    List<Integer> every(String regex) {
        Pattern p = Pattern.compile(regex);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                found.add(i);
            }
        }
        return found;
    }

    /** The match on the first line where the pattern is found, for its groups. */
    Matcher match(String regex) {
        Matcher m = Pattern.compile(regex).matcher(lines.get(first(regex)));
        assertTrue(m.find());
        return m;
    }

    /** The matches on every line where the pattern is found, in order. */
    List<Matcher> matches(String regex) {
        List<Matcher> found = new ArrayList<>();
        for (int i : every(regex)) {
            Matcher m = Pattern.compile(regex).matcher(lines.get(i));
            assertTrue(m.find());
            found.add(m);
        }
        return found;
    }

    /** A long captured by the first match of a pattern with one group. */
    long number(String regex) {
        return Long.parseLong(match(regex).group(1));
    }

    boolean has(String regex) {
        return !every(regex).isEmpty();
    }

    void assertAbsent(String regex, String why) {
        List<Integer> found = every(regex);
        if (!found.isEmpty()) {
            fail(why + ": line " + found.get(0) + " matches /" + regex + "/\n" + this);
        }
    }

    /** Asserts that the first lines matching the patterns come in this order. */
    void assertOrder(String... regexes) {
        int previous = -1;
        for (String regex : regexes) {
            int at = first(regex);
            if (at <= previous) {
                fail("/" + regex + "/ (line " + at + ") should come after line " + previous + "\n" + this);
            }
            previous = at;
        }
    }

    /** Asserts that the number of lines matching the pattern is as expected. */
    void assertCount(int expected, String regex) {
        assertEquals(expected, every(regex).size(), () -> "lines matching /" + regex + "/\n" + this);
    }

    /**
     * The most "open" intervals at any point of the output, where a line matching {@code open} opens one and a line
     * matching {@code close} closes one: how many processes were inside at once, as their own lines tell.
     */
    int mostOpen(String open, String close) {
        Pattern o = Pattern.compile(open);
        Pattern c = Pattern.compile(close);
        int now = 0;
        int most = 0;
        for (String line : lines) {
            if (o.matcher(line).find()) {
                most = Math.max(most, ++now);
            }
            if (c.matcher(line).find()) {
                now--;
            }
        }
        return most;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("--- output (pid " + pid + ", " + elapsed.toMillis() + " ms) ---\n");
        for (int i = 0; i < lines.size(); i++) {
            b.append(String.format("%3d | %s%n", i, lines.get(i)));
        }
        return b.toString();
    }
}
