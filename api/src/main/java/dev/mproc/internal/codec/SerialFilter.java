package dev.mproc.internal.codec;

import java.io.ObjectInputFilter;

/**
 * The limits applied to the Java serialization fallback, shared and immutable. Each decode takes a fresh
 * {@link Session}, which remembers why it rejected a stream: {@link java.io.ObjectInputStream} reports
 * only "filter status: REJECTED", and the codec's error message has to say which limit was hit.
 *
 * <p>Classes are not checked against an allow-list unless a pattern is configured: mproc ships user code
 * (serializable lambdas, captured arguments, user records) whose classes cannot be known in advance. The
 * limits bound what a malformed or hostile stream can make the decoder allocate.
 */
final class SerialFilter {

    private static final long ARRAY_SLACK = 8;

    private final long maxDepth;
    private final long maxArrayLength;
    private final long maxReferences;
    private final long maxStreamBytes;
    private final String pattern;
    private final ObjectInputFilter patternFilter;

    /**
     * @throws IllegalArgumentException if a limit is not positive or the pattern is malformed
     */
    SerialFilter(long maxDepth, long maxArrayLength, long maxReferences, long maxStreamBytes, String pattern) {
        this.maxDepth = positive("maxDepth", maxDepth);
        this.maxArrayLength = positive("maxArrayLength", maxArrayLength);
        this.maxReferences = positive("maxReferences", maxReferences);
        this.maxStreamBytes = positive("maxStreamBytes", maxStreamBytes);
        if (pattern == null || pattern.isBlank()) {
            this.pattern = null;
            this.patternFilter = null;
        } else {
            this.pattern = pattern;
            // Parsed once here so a bad pattern fails at configuration time, not on the first message.
            this.patternFilter = ObjectInputFilter.Config.createFilter(pattern);
        }
    }

    /** @return whether an allow/deny pattern is configured (then every class goes through Java serialization) */
    boolean hasPattern() {
        return patternFilter != null;
    }

    long maxDepth() {
        return maxDepth;
    }

    long maxStreamBytes() {
        return maxStreamBytes;
    }

    /**
     * Starts checking one stream.
     *
     * @param streamLength the exact number of bytes the stream holds
     */
    Session newSession(long streamLength) {
        // Read per stream rather than cached: the JVM-wide filter may be installed after this codec was built.
        return new Session(this, streamLength, ObjectInputFilter.Config.getSerialFilter());
    }

    @Override
    public String toString() {
        return "maxDepth=" + maxDepth + ", maxArrayLength=" + maxArrayLength + ", maxReferences=" + maxReferences
                + ", maxStreamBytes=" + maxStreamBytes + (pattern == null ? "" : ", pattern='" + pattern + "'");
    }

    private static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    /** The filter for one stream. Confined to the decoding thread, like the stream itself. */
    static final class Session implements ObjectInputFilter {
        private final SerialFilter limits;
        private final long streamLength;
        private final ObjectInputFilter jvmWide;
        private String rejection;

        private Session(SerialFilter limits, long streamLength, ObjectInputFilter jvmWide) {
            this.limits = limits;
            this.streamLength = streamLength;
            this.jvmWide = jvmWide;
        }

        /** Why this session rejected the stream, or {@code null} if it has not. */
        String rejection() {
            return rejection;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status byPattern = limits.patternFilter == null
                    ? Status.UNDECIDED
                    : limits.patternFilter.checkInput(info);
            String why = exceededLimit(info);
            if (why == null) {
                why = rejectedByPatterns(info, byPattern);
            }
            if (why != null) {
                // Keep the first reason: later calls may be the stream unwinding, not the real cause.
                if (rejection == null) {
                    rejection = why;
                }
                return Status.REJECTED;
            }
            return byPattern == Status.ALLOWED ? Status.ALLOWED : Status.UNDECIDED;
        }

        private String exceededLimit(FilterInfo info) {
            if (info.streamBytes() > limits.maxStreamBytes) {
                return "stream bytes " + info.streamBytes() + " exceed maxStreamBytes " + limits.maxStreamBytes;
            }
            if (info.depth() > limits.maxDepth) {
                return "depth " + info.depth() + " exceeds maxDepth " + limits.maxDepth;
            }
            if (info.references() > limits.maxReferences) {
                return "references " + info.references() + " exceed maxReferences " + limits.maxReferences;
            }
            long arrayLength = info.arrayLength();
            if (arrayLength > limits.maxArrayLength) {
                return "array length " + arrayLength + " exceeds maxArrayLength " + limits.maxArrayLength;
            }
            // The decoder allocates an array before reading its elements, so a short stream claiming a
            // huge length could exhaust the heap even under maxArrayLength. A real array element takes at
            // least one byte, but collections' readObject also pre-size hash tables (up to about 8 slots
            // per entry at the smallest allowed load factor, and entries take 2+ bytes), hence the slack.
            if (arrayLength > streamLength * ARRAY_SLACK + 64) {
                return "array length " + arrayLength + " is more than " + streamLength
                        + " bytes of serialized data can hold";
            }
            return null;
        }

        private String rejectedByPatterns(FilterInfo info, Status byPattern) {
            Class<?> type = info.serialClass();
            String subject = type == null ? "a limit" : "class " + type.getName();
            if (byPattern == Status.REJECTED) {
                return subject + " rejected by the pattern '" + limits.pattern + "'";
            }
            // Installing a stream filter replaces the JVM-wide one, so consult it to keep its rules in force.
            if (jvmWide != null && jvmWide.checkInput(info) == Status.REJECTED) {
                return subject + " rejected by the JVM-wide filter (jdk.serialFilter)";
            }
            return null;
        }
    }
}
