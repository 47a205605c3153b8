package dev.mproc.internal;

/**
 * The messages parent and child exchange over the control channel once it is authenticated. The first byte
 * is the type; the rest is codec output.
 *
 * <pre>
 * parent → child   TASK     | 1 | name (UTF) | daemon (1) | n (1) | n × identity (4) | encoded Target or Task
 * child → parent   OUTCOME  | 2 | 0 = returned, 1 = threw | encoded result or exception
 * </pre>
 *
 * The task carries the child's identity (name, daemon flag, identity numbers) rather than its bootstrap record,
 * so that a standby child, started before anyone knew what it would be, learns who it is with its task.
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
     * Who a child is, as its TASK tells it.
     *
     * @param name the process name
     * @param daemon the daemon flag
     * @param identity Python's identity numbers (for {@code Process-1:2} names of its own children)
     * @param targetOffset where the encoded target starts in the message
     */
    public record Assignment(String name, boolean daemon, int[] identity, int targetOffset) {
    }

    /**
     * @param name the child's name
     * @param daemon its daemon flag
     * @param identity its identity numbers
     * @param encodedTarget the codec's bytes of the target
     * @return the TASK message
     */
    public static byte[] task(String name, boolean daemon, int[] identity, byte[] encodedTarget) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(encodedTarget.length + 64);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(TASK);
            out.writeUTF(name);
            out.writeBoolean(daemon);
            out.writeByte(identity.length);
            for (int i : identity) {
                out.writeInt(i);
            }
            out.write(encodedTarget);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the identity at the head of a TASK message.
     *
     * @param task the message
     * @return the assignment
     * @throws java.io.IOException if the message is not a well-formed TASK
     */
    public static Assignment assignment(byte[] task) throws java.io.IOException {
        if (task.length < 1 || task[0] != TASK) {
            throw new java.io.IOException("the parent sent no task (message type " + (task.length == 0 ? -1 : task[0])
                    + ")");
        }
        java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(task, 1, task.length - 1);
        java.io.DataInputStream in = new java.io.DataInputStream(bytes);
        String name = in.readUTF();
        boolean daemon = in.readBoolean();
        int[] identity = new int[in.readUnsignedByte()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = in.readInt();
        }
        return new Assignment(name, daemon, identity, task.length - bytes.available());
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
