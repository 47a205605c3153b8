package dev.mproc.examples.shared;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.shared.DoubleValue;
import dev.mproc.shared.IntArray;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Seed 002, 四、共享内存通信Array、Value: {@code Value('d', 0.0)} and {@code Array('i', range(10))}; the child sets the
 * value to 3.14 and element 1 to 9999, and the parent sees both changes.
 */
public final class ValueArray {

    private ValueArray() {
    }

    static void func(DoubleValue n, IntArray a) {
        n.set(3.14);
        a.set(1, 9999);
        System.out.println(String.format("child %d set the value and a[1]", Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        DoubleValue num = ctx.doubleValue(0.0);
        IntArray arr = ctx.intArray(10);
        int[] range = IntStream.range(0, 10).toArray();
        arr.copyFrom(0, range, 0, range.length);
        System.out.println(Arrays.toString(arr.toArray()));
        Process<Void> p = ctx.process(() -> func(num, arr)).start();
        p.join();
        System.out.println(num.get());
        System.out.println(Arrays.toString(arr.toArray()));
        System.out.println("why: the value and the array are shared objects: the child received handles to them, not"
                + " copies, so its writes are what the parent reads after join()");
    }
}
