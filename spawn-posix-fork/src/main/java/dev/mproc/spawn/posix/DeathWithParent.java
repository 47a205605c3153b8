package dev.mproc.spawn.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link dev.mproc.spi.LaunchSpec#dieWithParent()} for a program that is not one of mproc's child JVMs, which run
 * no code of ours that could arm the parent-death signal: the program is exec'd through util-linux's
 * {@code setpriv --pdeathsig KILL} (util-linux 2.33 or later), which sets {@code PR_SET_PDEATHSIG} and execs
 * {@code /bin/sh}, which checks that its parent is still this JVM (the parent may have died before the
 * {@code prctl}, and then no signal would ever come) and execs the program: one pid throughout, the program's.
 * The kernel sends the signal when the <em>thread</em> that created the child ends, which is why every child is
 * spawned from a long-lived {@link Spawner} thread. Without {@code setpriv} the spec is refused with
 * {@link UnsupportedOperationException}.
 *
 * <p>The program is resolved here, as {@code posix_spawnp} would (on this process's {@code PATH}), so that a
 * missing program fails {@code start()} with an {@link IOException} rather than as the helper's exit code 127;
 * the program then sees its absolute path as {@code argv[0]}.
 */
final class DeathWithParent {

    static final String SETPRIV = "/usr/bin/setpriv";
    private static final String SHELL = "/bin/sh";
    private static final String CHECK_PARENT = "[ \"$PPID\" = \"$0\" ] || exit 1; exec \"$@\"";

    private DeathWithParent() {
    }

    /** Why the helper cannot be used, or {@code null}; probed once. */
    private static final class Probe {
        static final String UNUSABLE = probe();

        private static String probe() {
            if (!Files.isExecutable(Path.of(SETPRIV))) {
                return SETPRIV + " (util-linux) is not installed";
            }
            try {
                java.lang.Process help = new ProcessBuilder(SETPRIV, "--help").redirectErrorStream(true).start();
                String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                help.waitFor(10, TimeUnit.SECONDS);
                return text.contains("--pdeathsig") ? null
                        : SETPRIV + " has no --pdeathsig option (util-linux 2.33 or later has)";
            } catch (IOException e) {
                return "cannot run " + SETPRIV + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while probing " + SETPRIV;
            }
        }
    }

    /**
     * @param command the program and its arguments
     * @param workingDirectory the child's working directory, or {@code null}
     * @return the command that runs it under the helper
     * @throws UnsupportedOperationException if no helper is available (the message names the backend and why)
     * @throws IOException if the program does not exist or is not executable
     */
    static List<String> wrap(List<String> command, Path workingDirectory) throws IOException {
        String unusable = Probe.UNUSABLE;
        if (unusable != null) {
            throw new UnsupportedOperationException("spawn backend " + PosixSpawnProvider.NAME + " cannot make "
                    + command.get(0) + " die with its parent: " + unusable + "; it execs such programs through "
                    + "'setpriv --pdeathsig KILL'");
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV, "--pdeathsig", "KILL", "--", SHELL, "-c",
                CHECK_PARENT, Long.toString(ProcessHandle.current().pid()), resolve(command.get(0),
                        workingDirectory)));
        wrapped.addAll(command.subList(1, command.size()));
        return wrapped;
    }

    private static String resolve(String program, Path workingDirectory) throws IOException {
        if (program.indexOf('/') >= 0) {
            Path path = workingDirectory == null ? Path.of(program) : workingDirectory.resolve(program);
            check(path, program);
            return program;
        }
        String search = System.getenv("PATH");
        for (String dir : (search == null ? "/bin:/usr/bin" : search).split(":", -1)) {
            Path base = dir.isEmpty() ? Path.of("") : Path.of(dir);
            if (!base.isAbsolute() && workingDirectory != null) {
                base = workingDirectory.resolve(base);
            }
            Path candidate = base.resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        throw new IOException("cannot start " + program + ": No such file or directory (errno " + LibC.ENOENT
                + ", searched PATH " + search + ")");
    }

    private static void check(Path path, String program) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("cannot start " + program + ": No such file or directory (errno " + LibC.ENOENT
                    + ")");
        }
        if (Files.isDirectory(path) || !Files.isExecutable(path)) {
            throw new IOException("cannot start " + program + ": Permission denied (errno " + LibC.EACCES + ")");
        }
    }
}
