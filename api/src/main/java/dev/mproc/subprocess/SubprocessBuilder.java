package dev.mproc.subprocess;

import dev.mproc.StreamTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Describes an external program to run: Python's {@code subprocess.Popen(...)} arguments, as a builder.
 * Obtained from {@link dev.mproc.Context#subprocess(List)} (no shell: each argument reaches the program exactly
 * as given) or {@link dev.mproc.Context#shell(String, String...)} ({@code /bin/sh -c}, only when asked for).
 *
 * <p>Standard streams are inherited unless set, as in Python. A builder can start several processes; it is not
 * thread-safe.
 */
public interface SubprocessBuilder {

    /** @return the program and its arguments, unmodifiable */
    List<String> command();

    /**
     * @param dir the working directory of the program, or {@code null} to inherit this JVM's
     * @return this builder
     */
    SubprocessBuilder directory(Path dir);

    /**
     * Sets or removes one environment variable of the program (the rest is inherited).
     *
     * @param name the variable
     * @param value its value, or {@code null} to remove it
     * @return this builder
     */
    SubprocessBuilder environment(String name, String value);

    /**
     * Replaces the whole environment, as Python's {@code env=}: the program sees exactly these variables.
     *
     * @param environment the variables and their values
     * @return this builder
     */
    SubprocessBuilder environment(Map<String, String> environment);

    /**
     * @param source where standard input comes from: {@link StreamTarget#inherit()} (the default),
     *     {@link StreamTarget#discard()} (end-of-file at once), {@link StreamTarget#file(Path)} (the file is
     *     read), or {@link StreamTarget#pipe()} (written through {@link Subprocess#stdin()} or
     *     {@link Subprocess#communicate(byte[])})
     * @return this builder
     */
    SubprocessBuilder stdin(StreamTarget source);

    /**
     * @param target where standard output goes; {@link StreamTarget#pipe()} to read it in this JVM
     * @return this builder
     */
    SubprocessBuilder stdout(StreamTarget target);

    /**
     * @param target where standard error goes; {@link StreamTarget#pipe()} to read it in this JVM
     * @return this builder
     */
    SubprocessBuilder stderr(StreamTarget target);

    /**
     * Pipes standard output and standard error to this JVM: Python's {@code capture_output=True}.
     *
     * @return this builder
     */
    default SubprocessBuilder captureOutput() {
        return stdout(StreamTarget.pipe()).stderr(StreamTarget.pipe());
    }

    /**
     * Starts the program as leader of a new process group, so that {@link Subprocess#sendSignalToGroup(int)}
     * reaches everything it started, and a {@link Subprocess#communicate(byte[], Duration) timeout} kills the
     * whole group. Needs a backend with process control (posix-fork).
     *
     * @param value whether the program leads a new process group
     * @return this builder
     */
    SubprocessBuilder newProcessGroup(boolean value);

    /**
     * Has the program killed (SIGKILL) when this JVM dies, however it dies — also by SIGKILL, when no shutdown
     * hook runs. Needs a backend with process control (posix-fork).
     *
     * @param value whether the program dies with this JVM
     * @return this builder
     */
    SubprocessBuilder dieWithParent(boolean value);

    /**
     * Starts the program. Returns once the operating system has created the process.
     *
     * @return the running program
     * @throws IOException if the program cannot be started — it does not exist, is not executable, or the
     *     working directory or a redirection file is missing; the message names the program
     * @throws UnsupportedOperationException if the spawn backend cannot provide what was asked (pipes, a new
     *     process group, death with the parent, a signal); the message names the backend
     * @throws IllegalStateException if the context is closed
     */
    Subprocess start() throws IOException;

    /**
     * Runs the program to its end and checks its exit code: Python's {@code subprocess.run(check=True)}. Output
     * is captured only where it was piped ({@link #captureOutput()}).
     *
     * @return the exit code 0 and the captured output
     * @throws SubprocessFailedException if the exit code is not 0; it carries the command, the exit code and the
     *     captured output, and its message ends with the tail of the captured standard error
     * @throws IOException if the program cannot be started or its output cannot be read
     * @throws InterruptedException if the calling thread is interrupted; the program is then killed
     */
    CompletedProcess run() throws IOException, InterruptedException;

    /**
     * Runs the program with the given standard input and a time limit, and checks its exit code. When
     * {@code input} is given and standard input was not set, it is a pipe.
     *
     * @param input the bytes the program reads from standard input, then end-of-file; {@code null} for none
     * @param timeout how long the program may run; it is killed after that
     * @return the exit code 0 and the captured output
     * @throws SubprocessTimeoutException if the program ran out of time; it was killed, and the exception
     *     carries the output read until then
     * @throws SubprocessFailedException if the exit code is not 0
     * @throws IOException if the program cannot be started or its output cannot be read
     * @throws InterruptedException if the calling thread is interrupted; the program is then killed
     */
    CompletedProcess run(byte[] input, Duration timeout)
            throws IOException, InterruptedException, SubprocessTimeoutException;
}
