package dev.mproc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The benchmarks' small JSON reader reads what both sides print")
class JsonTest {

    @Test
    @DisplayName("a measurement line from mp_bench.py")
    void pythonLine() {
        Map<String, Object> o = Json.object("{\"workload\": \"pipe-rt\", \"metrics\": {\"pipe-rt\": 15460, "
                + "\"pipe-rt-p99\": 6.2407e4}, \"ok\": true, \"none\": null, \"list\": [1, 2.5], \"s\": \"a\\\"b\\u00e9\"}");
        assertEquals("pipe-rt", o.get("workload"));
        assertEquals(Map.of("pipe-rt", 15460.0, "pipe-rt-p99", 62407.0), o.get("metrics"));
        assertEquals(true, o.get("ok"));
        assertEquals(List.of(1.0, 2.5), o.get("list"));
        assertEquals("a\"bé", o.get("s"));
    }

    @Test
    @DisplayName("strings written with quote() read back the same")
    void quoteRoundTrip() {
        String s = "tab\t, newline\n, quote \" and backslash \\ and \u0001";
        assertEquals(s, Json.parse(Json.quote(s)));
    }

    @Test
    @DisplayName("garbage is refused with the place it went wrong")
    void garbage() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
    }
}
