package dev.mproc.conformance;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A parent JVM for the tests of Python's exit rules, which can only be observed from outside: the test starts
 * this program as its own process and watches it and its children.
 *
 * <p>Usage: {@code ParentProgram <spawn> <ipc> <scenario> [fifo]}. It prints {@code daemon <pid>} and
 * {@code child <pid>} lines for the children it started, then {@code main-------} as its main code ends.
 */
public final class ParentProgram {

    private ParentProgram() {
    }

    /**
     * Runs one scenario.
     *
     * @param args spawn backend, IPC backend, scenario ({@code daemon-ends-with-main},
     *     {@code non-daemon-keeps-parent}, {@code block}), and for {@code non-daemon-keeps-parent} a FIFO path
     * @throws Exception if the scenario fails
     */
    public static void main(String[] args) throws Exception {
        System.setProperty(ContextOptions.SPAWN_PROPERTY, args[0]);
        System.setProperty(ContextOptions.IPC_PROPERTY, args[1]);
        Context ctx = Mproc.context();
        Process<Void> daemon = ctx.process(() -> Thread.sleep(120_000)).daemon(true).start();
        System.out.println("daemon " + daemon.pid().getAsLong());
        switch (args[2]) {
            case "daemon-ends-with-main" -> {
                // Only the daemon: main ends at once.
            }
            case "non-daemon-keeps-parent" -> {
                String fifo = args[3];
                Process<Void> child = ctx.process(() -> Files.readAllBytes(Paths.get(fifo))).start();
                System.out.println("child " + child.pid().getAsLong());
            }
            case "block" -> {
                System.out.println("main-------");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> throw new IllegalArgumentException("unknown scenario " + args[2]);
        }
        System.out.println("main-------");
        System.out.flush();
    }

    /**
     * The command that runs this program with the current JVM and class path.
     *
     * @param args the program's arguments
     * @return the command line
     */
    static java.util.List<String> command(String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED"); // JNA in a backend (posix-fork) warns on JDK 22+ without it
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ParentProgram.class.getName());
        cmd.addAll(java.util.List.of(args));
        return cmd;
    }
}
