package dev.mproc.spawn.posix;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A service that does not listen: it never looks at the stop request. With the argument {@code hang} it also
 * registers a shutdown hook that never returns, so its JVM cannot even finish shutting down. It tells the FIFO
 * named by its first argument when it is ready.
 */
public final class DeafService implements Service {

    /** Created by name in the detached JVM. */
    public DeafService() {
    }

    @Override
    public void run(ServiceControl control) throws Exception {
        if (control.args().contains("hang")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try (OutputStream out = Files.newOutputStream(Path.of(control.args().get(0)))) {
            out.write("ready\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        new CountDownLatch(1).await();
    }
}
