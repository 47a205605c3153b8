package dev.mproc.examples.pipe;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seed 002, 进程通信 一、通信Pipe: the child sends {@code [42, None, 'hello']} through one end of a duplex pipe, the
 * parent receives it at the other end and terminates the child.
 */
public final class PipeSend {

    private PipeSend() {
    }

    static void f(Connection conn) throws Exception {
        List<Object> message = new ArrayList<>(Arrays.asList(42, null, "hello"));
        conn.send(message);
        System.out.println(String.format("child %d sent %s", Mproc.currentProcess().pid(), message));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if the pipe fails
     */
    public static void main(String[] args) throws Exception {
        Context ctx = Mproc.context();
        Pipe pipe = ctx.pipe(); // duplex; of a one-way pipe(false) only right() sends and only left() receives
        Connection parentConn = pipe.left(); // the seed's names: this end goes to the child
        Connection childConn = pipe.right();
        Process<Void> p = ctx.process(() -> f(parentConn)).start();
        System.out.println("parent received " + childConn.recv());
        p.terminate();
        p.join();
        System.out.println(String.format("child exit code %d (0 if it had ended already, -15 if terminate() cut it"
                + " off)", p.exitCode().getAsInt()));
        pipe.close();
        System.out.println("why: each send() is received whole by one recv() at the other end; the object travels"
                + " encoded, so the parent gets an equal list, null included");
    }
}
