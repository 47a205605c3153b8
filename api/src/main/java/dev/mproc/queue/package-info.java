/**
 * Queues shared by processes: {@link dev.mproc.queue.Queue}, {@link dev.mproc.queue.JoinableQueue} and
 * {@link dev.mproc.queue.SimpleQueue}, as in Python's {@code multiprocessing}.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Items cross processes through the context's {@link dev.mproc.spi.Codec}: an item that cannot be
 *       encoded fails in the caller of {@code put}, before anything is enqueued, with
 *       {@link dev.mproc.CodecException} (Python reports such failures later, from its feeder thread).</li>
 *   <li>Queues reject {@code null} items with {@link java.lang.NullPointerException}, as
 *       {@link java.util.concurrent.BlockingQueue} does, so that {@code null} and an empty
 *       {@link java.util.Optional} can mean "no item". A Python port sends a sentinel value instead of
 *       {@code None}.</li>
 *   <li>A {@link java.time.Duration} timeout of zero or less means "do not wait"; a {@code null} timeout is
 *       a {@link java.lang.NullPointerException}. Python's {@code put(x, False, t)} and {@code get(False, t)}
 *       ignore {@code t}; here they are spelled {@code putNowait(x)} and {@code getNowait()}, which take no
 *       timeout at all.</li>
 *   <li>Blocking methods throw {@link java.lang.InterruptedException} if the calling thread is interrupted
 *       on entry or while waiting; the interrupt status is then cleared and the operation has had no
 *       effect.</li>
 *   <li>Python's {@code queue.Full} and {@code queue.Empty} are {@link dev.mproc.queue.QueueFullException}
 *       and {@link dev.mproc.queue.QueueEmptyException}; Python's {@code ValueError} for a closed queue or
 *       too many {@code task_done()} calls is {@link java.lang.IllegalStateException}.</li>
 * </ul>
 */
package dev.mproc.queue;
