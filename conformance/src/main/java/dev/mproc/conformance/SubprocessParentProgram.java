package dev.mproc.conformance;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.subprocess.Subprocess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parent JVM for the die-with-parent test of subprocesses, which needs a parent the test can kill: starts
 * {@code sleep 300} with {@code dieWithParent(true)}, prints {@code subprocess <pid>}, and blocks.
 *
 * <p>Usage: {@code SubprocessParentProgram <spawn> <ipc>}.
 */
public final class SubprocessParentProgram {

    private SubprocessParentProgram() {
    }

    /**
     * Runs the scenario.
     *
     * @param args spawn backend, IPC backend
     * @throws Exception if the subprocess cannot be started
     */
    public static void main(String[] args) throws Exception {
        System.setProperty(ContextOptions.SPAWN_PROPERTY, args[0]);
        System.setProperty(ContextOptions.IPC_PROPERTY, args[1]);
        Context ctx = Mproc.context();
        Subprocess sleeper = ctx.subprocess("sleep", "300").dieWithParent(true).start();
        System.out.println("subprocess " + sleeper.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * The command that runs this program with the current JVM and class path.
     *
     * @param args the program's arguments
     * @return the command line
     */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SubprocessParentProgram.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
