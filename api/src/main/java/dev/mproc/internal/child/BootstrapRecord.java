package dev.mproc.internal.child;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fresh child reads from its standard input before anything else: the secret and how to reach the
 * parent, plus its identity. Standard input is a private pipe from the parent, so the secret never appears on
 * a command line or in the environment.
 *
 * <pre>
 * int magic 'mpr2' | short secretLength | secret | long token | UTF connectorClass | UTF bootHookClass | UTF address
 * | int connectTimeoutMillis | int maxFrameBytes | UTF name | boolean daemon | int n | n × int identity
 * | long parentPid | UTF parentName | UTF spawnBackend | UTF ipcBackend | UTF javaExecutable | UTF classPath
 * | int m | m × UTF jvmOption
 * </pre>
 *
 * <p>{@code bootHookClass} is the spawn backend's {@link dev.mproc.spi.ChildBootHook}, empty when it has none.
 */
public record BootstrapRecord(byte[] secret, long token, String connectorClass, String bootHookClass, String address,
        int connectTimeoutMillis, int maxFrameBytes, String name, boolean daemon, int[] identity, long parentPid,
        String parentName, String spawnBackend, String ipcBackend, String javaExecutable, String classPath,
        List<String> jvmOptions) {

    private static final int MAGIC = 0x6d707232;

    /**
     * @return the record's wire form
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(secret.length);
            out.write(secret);
            out.writeLong(token);
            out.writeUTF(connectorClass);
            out.writeUTF(bootHookClass);
            out.writeUTF(address);
            out.writeInt(connectTimeoutMillis);
            out.writeInt(maxFrameBytes);
            out.writeUTF(name);
            out.writeBoolean(daemon);
            out.writeInt(identity.length);
            for (int i : identity) {
                out.writeInt(i);
            }
            out.writeLong(parentPid);
            out.writeUTF(parentName);
            out.writeUTF(spawnBackend);
            out.writeUTF(ipcBackend);
            out.writeUTF(javaExecutable);
            out.writeUTF(classPath);
            out.writeInt(jvmOptions.size());
            for (String option : jvmOptions) {
                out.writeUTF(option);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a record.
     *
     * @param stream the child's standard input
     * @return the record
     * @throws IOException if the stream ends early or does not hold a record (the JVM was not started by mproc)
     */
    public static BootstrapRecord read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != MAGIC) {
            throw new IOException("standard input does not start with an mproc bootstrap record");
        }
        byte[] secret = new byte[in.readUnsignedShort()];
        in.readFully(secret);
        long token = in.readLong();
        String connector = in.readUTF();
        String bootHook = in.readUTF();
        String address = in.readUTF();
        int timeout = in.readInt();
        int maxFrame = in.readInt();
        String name = in.readUTF();
        boolean daemon = in.readBoolean();
        int[] identity = new int[checkCount(in.readInt())];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = in.readInt();
        }
        long parentPid = in.readLong();
        String parentName = in.readUTF();
        String spawn = in.readUTF();
        String ipc = in.readUTF();
        String java = in.readUTF();
        String classPath = in.readUTF();
        int options = checkCount(in.readInt());
        List<String> jvmOptions = new ArrayList<>(options);
        for (int i = 0; i < options; i++) {
            jvmOptions.add(in.readUTF());
        }
        return new BootstrapRecord(secret, token, connector, bootHook, address, timeout, maxFrame, name, daemon, identity,
                parentPid, parentName, spawn, ipc, java, classPath, List.copyOf(jvmOptions));
    }

    private static int checkCount(int n) throws IOException {
        if (n < 0 || n > 4096) {
            throw new IOException("malformed bootstrap record (count " + n + ")");
        }
        return n;
    }
}
