package dev.mproc.examples.create;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.Target;
import dev.mproc.examples.Pace;

/**
 * Seed 001, 进程创建的两种方式, 方式二 ({@code class MyProcess(Process)} with {@code __init__} and {@code run}). In Java
 * the class does not extend mproc's {@link Process}, which is the parent's handle on the child: it implements
 * {@link Target}, its constructor sets the state, and {@link Target#run()} is Python's {@code run()}.
 */
public final class SubclassTarget {

    private SubclassTarget() {
    }

    /** Python's {@code MyProcess}: state set in the constructor travels to the child with the object. */
    static final class MyProcess implements Target {
        private static final long serialVersionUID = 1L;
        private final String name;

        MyProcess(String name) {
            this.name = name;
        }

        @Override
        public void run() throws InterruptedException {
            System.out.println(String.format("%s is running (pid %d, process name %s)",
                    name, Mproc.currentProcess().pid(),
                    Mproc.currentProcess().name()));
            Pace.sleep(2);
            System.out.println(String.format("%s is gone", name));
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Process<Void> p = Mproc.context().process(new MyProcess("pl")).name("pl").start();
        System.out.println(String.format("main process (pid %d, child pid %d) %s",
                Mproc.currentProcess().pid(), p.pid().getAsLong(),
                Pace.note(2)));
        System.out.println("why: the object is serialized with its field and rebuilt in the child, where run()"
                + " executes; main prints first because starting a child JVM takes longer than one println");
    }
}
