package dev.mproc.examples.create;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.Target;
import dev.mproc.examples.Pace;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Seed 002, 将进程定义为类 ({@code class ClockProcess(multiprocessing.Process)} with an interval, printing the time
 * five times): a class implementing {@link Target} whose constructor takes the interval.
 */
public final class ClockProcess {

    private ClockProcess() {
    }

    /** Prints the time {@code n} times, {@code interval} apart. */
    static final class Clock implements Target {
        private static final long serialVersionUID = 1L;
        private final Duration interval;

        Clock(Duration interval) {
            this.interval = interval;
        }

        @Override
        public void run() throws InterruptedException {
            long start = System.nanoTime();
            for (int n = 5; n > 0; n--) {
                System.out.println(String.format("the time is %s (pid %d, +%s)",
                        LocalTime.now().truncatedTo(ChronoUnit.MILLIS),
                        Mproc.currentProcess().pid(), Pace.since(start)));
                Thread.sleep(interval.toMillis());
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Process<Void> p = Mproc.context().process(new Clock(Pace.of(3))).start();
        System.out.println(String.format("started ClockProcess pid %d %s", p.pid().getAsLong(), Pace.note(3)));
        p.join();
        System.out.println("why: start() ships the Clock with its interval to a new JVM and calls run() there; the five"
                + " lines are one interval apart because the child sleeps between them");
    }
}
