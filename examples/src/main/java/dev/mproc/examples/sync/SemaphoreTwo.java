package dev.mproc.examples.sync;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;
import dev.mproc.sync.Held;
import dev.mproc.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002, 二、信号量Semaphore: {@code Semaphore(2)} and five processes, each printing its name as it acquires and
 * releases; at most two hold a permit at any moment.
 */
@SuppressWarnings("try")
public final class SemaphoreTwo {

    private SemaphoreTwo() {
    }

    static void worker(Semaphore s) throws InterruptedException {
        try (Held held = s.hold()) { // acquire ... release, also when the body throws
            System.out.println(Mproc.currentProcess().name() + " acquire");
            Pace.sleep(1);
            System.out.println(Mproc.currentProcess().name() + " release");
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Semaphore s = ctx.semaphore(2);
        System.out.println(Pace.note(1));
        List<Process<Void>> ps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ps.add(ctx.process(() -> worker(s)).start());
        }
        for (Process<Void> p : ps) {
            p.join(); // the seed leaves this out: its non-daemon children keep the program alive anyway
        }
        System.out.println("why: the semaphore has two permits, so a third process waits in hold() until one of the"
                + " two holders releases; each 'acquire' after the second follows a 'release'");
    }
}
