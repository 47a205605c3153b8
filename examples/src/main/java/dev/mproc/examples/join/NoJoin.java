package dev.mproc.examples.join;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;

/**
 * Seed 004, 1. 不使用join: the same child as {@link WithJoin}, not joined: the parent prints {@code --------end} and a
 * tiny elapsed time at once, and the child's line comes later.
 */
public final class NoJoin {

    private NoJoin() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        Mproc.context().process(() -> WithJoin.processTask(100)).start();
        System.out.println("--------end");
        System.out.println("-----elapsed: " + Pace.since(start));
        System.out.println("why: without join main goes on at once; the JVM still waits for its non-daemon child before"
                + " exiting, so the child's line appears after main's");
    }
}
