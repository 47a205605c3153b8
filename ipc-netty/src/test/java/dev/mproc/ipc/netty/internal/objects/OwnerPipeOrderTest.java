package dev.mproc.ipc.netty.internal.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import io.netty.channel.DefaultEventLoop;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The owner's handles of a pipe work on its state directly, but some of their sends travel through the event loop
 * (when a receiver is parked at the peer). These tests hold the event loop still, so that those sends are
 * certainly in flight when the owner acts next.
 */
@Timeout(30)
class OwnerPipeOrderTest {

    private DefaultEventLoop loop;
    private ObjectServer server;
    private ObjectClient client;

    @BeforeEach
    void start() {
        loop = new DefaultEventLoop();
        server = new ObjectServer(loop, "test:" + System.nanoTime());
        client = Clients.registerLocal(server);
    }

    @AfterEach
    void stop() throws InterruptedException {
        Clients.unregisterLocal(server);
        server.close();
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await();
    }

    private Pipe pipe() {
        return Pipes.pipe(new ObjectFactory() {
            @Override
            public <T> T create(Function<ObjectServer, ServerObject> state, BiFunction<Ref, ObjectClient, T> proxy) {
                long id = server.register(state.apply(server));
                return proxy.apply(new Ref(server.address(), id), client);
            }

            @Override
            public UnsupportedOperationException notProvided(String primitive) {
                return new UnsupportedOperationException(primitive);
            }
        }, false);
    }

    @Test
    @DisplayName("closing the owner's writer right after sends still on their way to a parked receiver: they arrive, then EOF")
    void closeDoesNotOvertakeSendsInFlight() throws Exception {
        Pipe pipe = pipe();
        Connection reader = pipe.reader();
        Connection writer = pipe.writer();
        List<Object> received = new ArrayList<>();
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                while (true) {
                    received.add(reader.recv());
                }
            } catch (EOFException e) {
                done.complete(null);
            } catch (Throwable t) {
                done.complete(t);
            }
        });
        receiver.start();
        awaitParked(receiver);

        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // With a receiver parked, these sends are posted through the event loop, which is held still.
        for (int i = 0; i < 3; i++) {
            writer.send(i);
        }
        writer.close();
        release.countDown();

        assertNull(done.get(10, TimeUnit.SECONDS), "the receiver ended at end of file");
        assertEquals(List.of(0, 1, 2), received, "everything sent before the close, then end of file");
        assertThrows(EOFException.class, reader::recv);
    }

    /** Waits until the receiver's request is parked at the reader: it waits for an answer, and was dispatched. */
    private void awaitParked(Thread receiver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiver.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver never waited");
            }
            Thread.sleep(1);
        }
        loop.submit(() -> { }).get();
    }
}
