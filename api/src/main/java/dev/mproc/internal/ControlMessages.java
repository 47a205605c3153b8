package dev.mproc.internal;

/**
 * The messages parent and child exchange over the control channel once it is authenticated. The first byte
 * is the type; the rest is codec output.
 *
 * <pre>
 * parent → child   TASK     | 1 | encoded Target or Task
 * child → parent   OUTCOME  | 2 | 0 = returned, 1 = threw | encoded result or exception
 * </pre>
 */
public final class ControlMessages {

    /** Type byte of the task the child runs. */
    public static final byte TASK = 1;
    /** Type byte of the child's outcome report. */
    public static final byte OUTCOME = 2;
    /** Outcome kind: the task returned; the payload is the result. */
    public static final byte RETURNED = 0;
    /** Outcome kind: the task threw; the payload is the exception. */
    public static final byte THREW = 1;

    private ControlMessages() {
    }

    /**
     * @param encodedTarget the codec's bytes of the target
     * @return the TASK message
     */
    public static byte[] task(byte[] encodedTarget) {
        byte[] m = new byte[encodedTarget.length + 1];
        m[0] = TASK;
        System.arraycopy(encodedTarget, 0, m, 1, encodedTarget.length);
        return m;
    }

    /**
     * @param kind {@link #RETURNED} or {@link #THREW}
     * @param payload the codec's bytes of the result or exception
     * @return the OUTCOME message
     */
    public static byte[] outcome(byte kind, byte[] payload) {
        byte[] m = new byte[payload.length + 2];
        m[0] = OUTCOME;
        m[1] = kind;
        System.arraycopy(payload, 0, m, 2, payload.length);
        return m;
    }
}
