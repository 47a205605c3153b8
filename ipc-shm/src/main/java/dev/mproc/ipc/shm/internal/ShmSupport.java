package dev.mproc.ipc.shm.internal;

import dev.mproc.spi.Availability;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Whether this machine can run the shared-memory backend; probed once. */
public final class ShmSupport {

    private static volatile Availability availability;

    private ShmSupport() {
    }

    /** @return ready, or the reason the backend cannot work here */
    public static Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = probe();
            availability = a;
        }
        return a;
    }

    private static Availability probe() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return Availability.unavailable("needs Linux (futex, /dev/shm); this is " + os);
        }
        Path root = SegmentFiles.root();
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            return Availability.unavailable(root + " is not a writable directory");
        }
        try {
            ByteBuffer word = ByteBuffer.allocateDirect(8);
            Futex.wake(com.sun.jna.Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(word)), 1);
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("cannot call futex(2) through JNA: " + e);
        }
        return Availability.ready();
    }
}
