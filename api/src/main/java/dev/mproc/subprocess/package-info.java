/**
 * External programs as child processes: Python's {@code subprocess}, on mproc's spawn backends, without the pipe
 * deadlock.
 *
 * <pre>{@code
 * Context ctx = Mproc.context();
 * CompletedProcess r = ctx.subprocess("git", "rev-parse", "HEAD").captureOutput().run();   // checks the exit code
 * String head = r.stdoutText().strip();
 *
 * try (Subprocess p = ctx.subprocess("tail", "-f", log.toString()).stdout(StreamTarget.pipe()).start()) {
 *     p.stdoutLines().filter(l -> l.contains("ERROR")).limit(3).forEach(System.out::println);
 *     p.terminate();
 * }
 * }</pre>
 *
 * <h2>The deadlock, and why it cannot happen here</h2>
 * A pipe holds 64 KiB on Linux. A parent that waits for a child to exit before reading the child's output pipe
 * waits for ever once the child has written 64 KiB + 1 byte: the child blocks in {@code write} until someone
 * reads, and the parent reads only after the exit. Python's {@code Popen.wait()} and the JDK's
 * {@link java.lang.Process#waitFor()} both hang this way (seed 002 shows it with {@code dd}); so does a parent
 * that writes a large input to the child's stdin while the child blocks writing its output.
 *
 * <p>Here a piped output is always being read by the spawn backend as it arrives, into memory held by the
 * {@link Subprocess}, so no wait on the exit can hang on a full pipe:
 * <ul>
 *   <li>Output nobody has asked to stream is read as it arrives, without limit.</li>
 *   <li>Output you stream ({@link Subprocess#stdout()}, {@link Subprocess#stdoutLines()}) is read at most 1 MiB
 *       ahead of you, so a slow consumer holds a chatty child back instead of filling the heap — until any thread
 *       waits for the exit ({@link Subprocess#waitFor()}, {@link Subprocess#communicate}, {@link Subprocess#onExit()}),
 *       which lifts the limit. (Two streams read one after the other by one thread can still stall each other;
 *       stream one of them, or give each its own thread.)</li>
 *   <li>Input is written without blocking the thread that waits for the output: {@link Subprocess#communicate}
 *       writes stdin, reads stdout and stderr concurrently, and returns when all three are done.</li>
 * </ul>
 * The price is memory: pipe only what you read, and send the rest to a file or discard it.
 *
 * <h2>Threads</h2>
 * On the processbuilder backend every piped output stream is read by a thread of its own (plus a writer thread
 * for a piped stdin, started on the first write): the JDK hands out a child's pipes only as blocking
 * {@link java.io.InputStream}s, with no descriptor to select on, so reading two pipes concurrently takes two
 * threads. The posix-fork backend holds the descriptors and can serve every child's pipes from one event thread.
 *
 * <h2>Exit codes and signals</h2>
 * As for {@link dev.mproc.Process}: {@code n} after {@code exit(n)}, {@code -s} when signal {@code s} ended the
 * child. The posix-fork backend sees the real wait status. The processbuilder backend sees what the JDK reports,
 * {@code 128 + s} for a child ended by signal {@code s}; it reports {@code -s} when mproc sent that signal
 * ({@link Subprocess#kill()} gives {@code -9}) and {@code 128 + s} otherwise, since an external program may
 * also exit with such a code itself.
 */
package dev.mproc.subprocess;
