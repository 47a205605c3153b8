package dev.mproc.benchmarks.jmh;

import dev.mproc.internal.codec.DefaultCodec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's cost per small object, both ways: what every queue item, pipe message, manager call and pool task
 * pays on each side of the wire. The shapes are the ones the side-by-side workloads send (an {@code Integer}), plus
 * the other common small messages: a short string, a list and a map in the compact form, and a serializable record,
 * which takes the Java-serialization fallback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** A small user type outside the compact form. */
    public record Point(int x, int y, String label) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Which object is encoded and decoded. */
    @Param({"integer", "string", "list", "map", "record"})
    public String shape;

    private final DefaultCodec codec = DefaultCodec.standard();
    private Object value;
    private byte[] encoded;

    /** Builds the value and its encoding once. */
    @Setup
    public void setUp() {
        value = switch (shape) {
            case "integer" -> 123_456;
            case "string" -> "task-42 finished";
            case "list" -> new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8));
            case "map" -> {
                Map<String, Integer> m = new LinkedHashMap<>();
                m.put("a", 1);
                m.put("b", 2);
                m.put("c", 3);
                yield m;
            }
            case "record" -> new Point(3, 4, "p");
            default -> throw new IllegalArgumentException(shape);
        };
        encoded = codec.encode(value);
    }

    /**
     * @return the encoding, so that it is not optimized away
     */
    @Benchmark
    public byte[] encode() {
        return codec.encode(value);
    }

    /**
     * @return the decoded object
     */
    @Benchmark
    public Object decode() {
        return codec.decode(encoded);
    }

    /**
     * @return the object after a round trip through bytes, as a message pays it end to end
     */
    @Benchmark
    public Object roundTrip() {
        return codec.decode(codec.encode(value));
    }
}
