package dev.mproc.spawn.posix;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import java.io.IOException;

/**
 * A parent JVM that is a child subreaper (started with {@code -Dmproc.posix.subreaper=true}). Its child starts
 * a grandchild that waits on a FIFO, and exits; the grandchild is then this JVM's adopted orphan. Prints
 * {@code subreaper <bool>}, {@code statuses <ProcessBuilder child> <posix-fork child>}, {@code grandchild <pid>},
 * then, when its standard input closes, {@code orphans reaped <n>}.
 * Usage: {@code SubreaperProgram <fifo>}.
 */
public final class SubreaperProgram {

    private SubreaperProgram() {
    }

    /**
     * @param args the FIFO the grandchild waits on
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        String fifo = args[0];
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend(PosixSpawnProvider.NAME)
                .ipcBackend("netty").build())) {
            System.out.println("subreaper " + Subreaper.isEnabled());
            java.lang.Process jdkChild = new ProcessBuilder("/bin/sh", "-c", "exit 3").start();
            Process<Void> ours = ctx.process(() -> System.exit(4)).start();
            ours.join();
            System.out.println("statuses " + jdkChild.waitFor() + " " + ours.exitCode().getAsInt());
            Process<Long> child = ctx.task(() -> startGrandchild(fifo)).start();
            child.join();
            System.out.println("grandchild " + child.result());
            System.out.flush();
            System.in.read();
            System.out.println("orphans reaped " + Subreaper.orphansReaped());
        }
    }

    private static long startGrandchild(String fifo) throws IOException {
        return new ProcessBuilder("/bin/sh", "-c", "read line < " + fifo).start().pid();
    }
}
