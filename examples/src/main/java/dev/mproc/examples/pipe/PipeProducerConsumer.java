package dev.mproc.examples.pipe;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import java.io.EOFException;

/**
 * Seed 004, Pipe 实现生产者消费者模型: a producer sends five messages and closes its end; the consumer receives until
 * end of file. Every process closes the handles it does not use — the seed's children close one end each, its
 * parent both — because the consumer sees end of file only once every handle of the sending end is closed. Here
 * the pipe is one-way and each child gets only the end it uses.
 */
public final class PipeProducerConsumer {

    private PipeProducerConsumer() {
    }

    static void consumer(String name, Connection reader) throws Exception {
        while (true) {
            try {
                Object ret = reader.recv();
                System.out.println(String.format("%s work is %s (consumer pid %d)",
                        name, ret, Mproc.currentProcess().pid()));
            } catch (EOFException e) {
                System.out.println("=============== end of file: every handle of the sending end is closed");
                break;
            }
        }
        reader.close();
    }

    static void producer(Connection writer) throws Exception {
        for (int i = 0; i < 5; i++) {
            writer.send("doing: " + i);
        }
        writer.close();
        System.out.println(String.format("producer %d sent 5 messages and closed its end",
                Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Pipe pipe = ctx.pipe(false);
        Connection reader = pipe.reader();
        Connection writer = pipe.writer();
        String data = "process pipe";
        Process<Void> pT1 = ctx.process(() -> consumer(data, reader)).start();
        Process<Void> pT2 = ctx.process(() -> producer(writer)).start();
        pipe.close(); // main's handles; the children hold their own
        pT1.join();
        pT2.join();
        System.out.println(String.format("consumer exit %d, producer exit %d",
                pT1.exitCode().getAsInt(), pT2.exitCode().getAsInt()));
        System.out.println("why: messages arrive whole and in order; end of file comes after the last one, once the"
                + " producer and main have both closed their handles of the sending end");
    }
}
