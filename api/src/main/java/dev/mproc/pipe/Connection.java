package dev.mproc.pipe;

import dev.mproc.SharedObject;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;

/**
 * One end of a {@link Pipe}: sends and receives whole messages, objects or raw bytes. Python's
 * {@code multiprocessing.connection.Connection}.
 *
 * <h2>Messages</h2>
 * A connection carries discrete messages: each send is received by exactly one receive, whole, never merged
 * with its neighbours or split, and in the order sent; an empty message is a message. Objects are encoded by
 * the context's codec, so {@link #send(Object)} accepts anything the codec can encode, {@code null}
 * included. Object and byte messages share one stream and carry no type tag: {@link #recvBytes()} returns
 * the next message whatever sent it (for an object, the codec's encoding), and {@link #recv()} decodes the
 * next message with the codec, whatever sent it. A message may be as large as the context's maximum message
 * size.
 *
 * <h2>Direction</h2>
 * Both ends of a duplex pipe can send and receive. Of a one-way pipe, the {@linkplain Pipe#reader() reader}
 * only receives and the {@linkplain Pipe#writer() writer} only sends; using an end in the wrong direction
 * throws {@link IllegalStateException} whose message says the connection is read-only or write-only.
 *
 * <h2>Closing and end of file</h2>
 * {@link #close()} closes this process's handle. An end stays open while any process holds an open handle
 * to it, as a file descriptor inherited by several processes does; so a parent may close its copy of the
 * end it gave a child without disturbing the child. Once every handle of the peer end is closed, or the
 * processes holding them have exited, and every message sent before has been received, a receive throws
 * {@link EOFException}. A send to a peer end that is closed everywhere throws {@link IOException} (Python's
 * {@code BrokenPipeError}). A backend may hand a message over without waiting for the other side, as the
 * netty backend does; it then reports this failure on a later call of the same handle: at the latest on the
 * first call after a receive or a poll that returned, and on every send from then on.
 *
 * <p>The pipe's state lives with the process that created it (see {@link dev.mproc.SharedObject}). If that
 * process exits, the messages it held are lost, and the calls of other processes throw {@link IOException}.
 *
 * <h2>Threads and memory effects</h2>
 * A connection may be used by several threads: concurrent sends are serialized so messages never
 * interleave, and each message goes to exactly one of several concurrent receivers. Changes to shared state
 * made before a send are visible to the process that receives that message, after its receive returns.
 */
public interface Connection extends SharedObject, AutoCloseable {

    /**
     * Sends an object as one message, encoded with the context's codec. May block while the peer is not
     * reading and the pipe's buffer is full. A send that has started writing a message completes it before
     * reacting to interruption, so the peer never sees part of a message.
     *
     * @param value the object, may be {@code null}
     * @throws IOException if the peer end is closed everywhere (Python's {@code BrokenPipeError}; possibly
     *     reported by a later call, see the class description) or the transport failed
     * @throws InterruptedException if interrupted before the message was started; nothing is sent
     * @throws dev.mproc.CodecException if the value cannot be encoded; nothing is sent
     * @throws IllegalArgumentException if the encoded value exceeds the context's maximum message size
     * @throws IllegalStateException if this end is read-only or this handle is closed
     */
    void send(Object value) throws IOException, InterruptedException;

    /**
     * Sends a whole array as one byte message. Blocks, and reacts to interruption, as
     * {@link #send(Object)}.
     *
     * @param data the message, may be empty
     * @throws IOException as {@link #send(Object)}
     * @throws InterruptedException as {@link #send(Object)}
     * @throws IllegalArgumentException if the message exceeds the context's maximum message size
     * @throws IllegalStateException if this end is read-only or this handle is closed
     */
    void sendBytes(byte[] data) throws IOException, InterruptedException;

    /**
     * Sends part of an array as one byte message. Blocks, and reacts to interruption, as
     * {@link #send(Object)}.
     *
     * @param data the array holding the message
     * @param offset where the message starts in {@code data}
     * @param length how many bytes it has, may be zero
     * @throws IOException as {@link #send(Object)}
     * @throws InterruptedException as {@link #send(Object)}
     * @throws IndexOutOfBoundsException if {@code offset} or {@code length} is negative or
     *     {@code offset + length > data.length}
     * @throws IllegalArgumentException if the message exceeds the context's maximum message size
     * @throws IllegalStateException if this end is read-only or this handle is closed
     */
    void sendBytes(byte[] data, int offset, int length) throws IOException, InterruptedException;

    /**
     * Receives the next message and decodes it with the context's codec, waiting until one arrives.
     *
     * @return the decoded object, may be {@code null}
     * @throws EOFException if the peer end is closed everywhere and every message has been received
     * @throws IOException if the peer closed or died in the middle of a message, or the transport failed
     * @throws InterruptedException if interrupted while waiting; no message is consumed
     * @throws dev.mproc.CodecException if the message cannot be decoded; the message is consumed
     * @throws IllegalStateException if this end is write-only or this handle is closed
     */
    Object recv() throws IOException, InterruptedException;

    /**
     * Receives the next message as bytes, waiting until one arrives.
     *
     * @return a new array holding exactly the message
     * @throws EOFException if the peer end is closed everywhere and every message has been received
     * @throws IOException if the peer closed or died in the middle of a message, or the transport failed
     * @throws InterruptedException if interrupted while waiting; no message is consumed
     * @throws IllegalStateException if this end is write-only or this handle is closed
     */
    byte[] recvBytes() throws IOException, InterruptedException;

    /**
     * Receives the next message into a caller's buffer, waiting until one arrives.
     *
     * @param buffer where to write the message
     * @param offset where in {@code buffer} the message starts
     * @return the length of the message in bytes; {@code buffer} is unchanged beyond that length
     * @throws BufferTooShortException if the message is longer than {@code buffer.length - offset}; the
     *     message is consumed and carried by the exception, and {@code buffer} is unchanged
     * @throws EOFException if the peer end is closed everywhere and every message has been received
     * @throws IOException if the peer closed or died in the middle of a message, or the transport failed
     * @throws InterruptedException if interrupted while waiting; no message is consumed
     * @throws IndexOutOfBoundsException if {@code offset} is negative or greater than {@code buffer.length}
     * @throws IllegalStateException if this end is write-only or this handle is closed
     */
    int recvBytesInto(byte[] buffer, int offset) throws IOException, InterruptedException;

    /**
     * Tells whether a receive would return without waiting: a message is ready, or the peer end is closed
     * everywhere and drained, so that a receive throws {@link EOFException} at once. Never blocks and never
     * consumes any part of a message.
     *
     * @return {@code true} if a receive would not wait
     * @throws IOException if the transport failed
     * @throws IllegalStateException if this end is write-only or this handle is closed
     */
    boolean poll() throws IOException;

    /**
     * Waits up to the timeout until a receive would return without waiting, as defined by {@link #poll()}.
     * Never consumes any part of a message.
     *
     * @param timeout the longest time to wait; zero or less means do not wait
     * @return {@code true} if a receive would not wait, {@code false} if the timeout elapsed first
     * @throws IOException if the transport failed
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is {@code null}
     * @throws IllegalStateException if this end is write-only or this handle is closed
     */
    boolean poll(Duration timeout) throws IOException, InterruptedException;

    /**
     * Tells whether this end can receive. Stays true after the peer closed.
     *
     * @return {@code false} only for the writer of a one-way pipe
     */
    boolean isReadable();

    /**
     * Tells whether this end can send. Stays true after the peer closed.
     *
     * @return {@code false} only for the reader of a one-way pipe
     */
    boolean isWritable();

    /**
     * Tells whether this process has closed this handle.
     *
     * @return {@code true} after {@link #close()}
     */
    boolean isClosed();

    /**
     * Closes this process's handle to this end. Messages this handle has sent are still delivered. Once
     * every handle of this end is closed, the peer receives end of file after the messages sent before.
     * Calling it again has no effect.
     */
    @Override
    void close();
}
