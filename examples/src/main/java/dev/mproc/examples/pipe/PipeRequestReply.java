package dev.mproc.examples.pipe;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;

/**
 * Seed 004, 2. 管道 Pipe (Pipe 实现数据交互): the child greets the parent through a duplex pipe and waits for the
 * reply. The seed hands both ends to the child, which closes the one it does not use; here the child gets only its
 * own end.
 */
public final class PipeRequestReply {

    private PipeRequestReply() {
    }

    static void processTask(int data, Connection conn1) throws Exception {
        conn1.send("hello main process, the data is " + data);
        System.out.println(String.format("child %d received: %s", Mproc.currentProcess().pid(), conn1.recv()));
        conn1.close();
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if the pipe fails
     */
    public static void main(String[] args) throws Exception {
        Context ctx = Mproc.context();
        Pipe pipe = ctx.pipe();
        Connection conn1 = pipe.left();
        Connection conn2 = pipe.right();
        int data = 100;
        Process<Void> pT = ctx.process(() -> processTask(data, conn1)).start();
        System.out.println(String.format("main %d received: %s", Mproc.currentProcess().pid(), conn2.recv()));
        conn2.send("hello child process");
        System.out.println("======================================");
        pT.join();
        conn1.close();
        conn2.close();
        System.out.println("why: recv() waits for the other side's send(), so the exchange is a strict ping-pong: the"
                + " child's reply line can only come after main received the greeting and answered");
    }
}
