/**
 * Pipes between processes: a {@link dev.mproc.pipe.Pipe} holds two {@link dev.mproc.pipe.Connection}s,
 * as Python's {@code multiprocessing.Pipe()} returns two {@code Connection} objects.
 *
 * <p>Error mapping from Python: {@code EOFError} is {@link java.io.EOFException}; {@code BrokenPipeError}
 * and "end of file during message" are {@link java.io.IOException}; {@code OSError('connection is
 * read-only')}, {@code 'write-only'} and {@code 'handle is closed'} are {@link java.lang.IllegalStateException};
 * {@code ValueError} for a bad offset or size is {@link java.lang.IndexOutOfBoundsException};
 * {@code BufferTooShort} is {@link dev.mproc.pipe.BufferTooShortException}.
 */
package dev.mproc.pipe;
