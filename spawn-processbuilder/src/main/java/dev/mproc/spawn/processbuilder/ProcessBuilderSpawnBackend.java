package dev.mproc.spawn.processbuilder;

import dev.mproc.StreamTarget;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Starts children with {@link ProcessBuilder}; the JDK's own reaper thread waits for them. Piped streams of a
 * subprocess are served by a thread each (the api's {@link dev.mproc.spi.InputStreamPublisher} and
 * {@link dev.mproc.spi.OutputStreamStdin}): the JDK offers nothing else.
 */
final class ProcessBuilderSpawnBackend implements SpawnBackend {

    private static final File NULL_FILE = new File(System.getProperty("os.name", "").startsWith("Windows")
            ? "NUL" : "/dev/null");

    @Override
    public SpawnedProcess spawn(LaunchSpec spec) throws IOException {
        if (spec.dieWithParent()) {
            throw new UnsupportedOperationException("spawn backend processbuilder cannot make a child die with its "
                    + "parent (the JDK has no parent-death signal); use spawn backend posix-fork");
        }
        if (spec.newProcessGroup()) {
            throw new UnsupportedOperationException("spawn backend processbuilder cannot start a child in a new "
                    + "process group; use spawn backend posix-fork");
        }
        if (spec.newSession()) {
            throw new UnsupportedOperationException("spawn backend processbuilder cannot start a child in a new "
                    + "session; use spawn backend posix-fork");
        }
        if (!spec.scheduling().isInherited()) {
            throw new UnsupportedOperationException("spawn backend processbuilder cannot set a child's scheduling ("
                    + spec.scheduling() + "); use spawn backend posix-fork");
        }
        ProcessBuilder builder = new ProcessBuilder(spec.command());
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        Map<String, String> env = builder.environment();
        spec.environment().forEach((key, value) -> {
            if (value == null) {
                env.remove(key);
            } else {
                env.put(key, value);
            }
        });
        byte[] stdin = spec.stdinBytes();
        builder.redirectInput(stdin == null ? source(spec.stdin()) : ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(redirect(spec.stdout()));
        builder.redirectError(redirect(spec.stderr()));
        java.lang.Process process = builder.start();
        if (stdin != null) {
            try (OutputStream out = process.getOutputStream()) {
                out.write(stdin);
            } catch (IOException e) {
                // The child ended before reading its input; its exit status tells the rest.
            }
        }
        return new ProcessBuilderChild(process, stdin == null && spec.stdin().kind() == StreamTarget.Kind.PIPE,
                spec.stdout().kind() == StreamTarget.Kind.PIPE, spec.stderr().kind() == StreamTarget.Kind.PIPE);
    }

    private static ProcessBuilder.Redirect source(StreamTarget source) {
        return switch (source.kind()) {
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case DISCARD -> ProcessBuilder.Redirect.from(NULL_FILE);
            case FILE -> ProcessBuilder.Redirect.from(source.file().toFile());
            case PIPE -> ProcessBuilder.Redirect.PIPE;
        };
    }

    private static ProcessBuilder.Redirect redirect(StreamTarget target) {
        return switch (target.kind()) {
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case DISCARD -> ProcessBuilder.Redirect.DISCARD;
            case FILE -> target.append()
                    ? ProcessBuilder.Redirect.appendTo(target.file().toFile())
                    : ProcessBuilder.Redirect.to(target.file().toFile());
            case PIPE -> ProcessBuilder.Redirect.PIPE;
        };
    }
}
