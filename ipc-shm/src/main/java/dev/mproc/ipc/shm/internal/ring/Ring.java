package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.MprocException;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.SpillFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A multi-producer, multi-consumer ring of variable-length records in shared memory: the storage of a queue or of
 * one direction of a pipe. Producers serialize on a producer {@link RingLock}, consumers on a consumer lock; the
 * two sides share only the positions and the signal words, so a producer and a consumer never wait for each other
 * unless the ring is full or empty.
 *
 * <h2>Layout</h2>
 * At {@code base} in its region (every line 64 bytes, so that each side writes its own cache lines):
 * <pre>
 * offset  size  field
 *      0     4  BUFFER_BYTES    bytes of the record buffer, a power of two
 *      4     4  ITEM_CAPACITY   most items held at once ({@link Integer#MAX_VALUE}: only the bytes bound it)
 *      8     4  FLAGS           {@link #JOINABLE}: count unfinished tasks
 *     64     8  TAIL            producers' public line: byte position after the last committed record
 *     72     8  PUT_COUNT       records committed, ever
 *     80     8  SPILL_OUT       bytes of spilled messages committed, ever
 *    128    16  PRODUCER_LOCK   producers' private line: {@link RingLock}
 *    160     8  PENDING_TAIL    the commit in progress: TAIL, PUT_COUNT, SPILL_OUT it will set
 *    168     8  PENDING_PUT
 *    176     8  PENDING_SPILL_OUT
 *    192     8  HEAD            consumers' public line: byte position of the next record to take
 *    200     8  TAKE_COUNT      records taken, ever
 *    208     8  SPILL_IN        bytes of spilled messages taken, ever
 *    256    16  CONSUMER_LOCK   consumers' private line: {@link RingLock}
 *    288     8  PENDING_HEAD    the take in progress, as for the producers
 *    296     8  PENDING_TAKE
 *    304     8  PENDING_SPILL_IN
 *    320     4  DATA_SIGNAL     signal word ({@link Waiter}): a record was committed
 *    384     4  SPACE_SIGNAL    signal word: a record was taken
 *    448     8  UNFINISHED      tasks put and not yet done (joinable queues)
 *    456     4  JOIN_SIGNAL     signal word: UNFINISHED reached zero
 *    512     -  BUFFER          BUFFER_BYTES of records
 * </pre>
 * A record starts on an 8-byte boundary and takes {@code align8(8 + LENGTH)} bytes:
 * <pre>
 * offset  size  field
 *      0     4  LENGTH   bytes of payload after the header
 *      4     4  TYPE     {@link #DATA} the message itself; {@link #SPILL} [message length (8), file name (UTF-8)]
 *                        of a message kept in a spill file; {@link #PAD} filler up to the end of the buffer
 *      8     -  payload
 * </pre>
 * A record never wraps: when it does not fit before the end of the buffer, a PAD record fills the rest (a header
 * always fits, since records are 8-aligned) and the record starts at offset 0; a record that ends exactly at the
 * end of the buffer needs no PAD. PAD and record are committed together.
 *
 * <h2>Commit and crash safety</h2>
 * A producer writes the PAD, the header and the payload with plain writes past TAIL, where no consumer looks, and
 * then commits with one release write of TAIL: a consumer's acquire read of TAIL makes the whole record visible,
 * and a record is never visible before it is complete. Before the commit the producer writes the PENDING_ words,
 * after it the counters. A producer killed at any point leaves at most an invisible half record; the next
 * producer takes the lock over from the dead holder ({@link RingLock}) and repairs the counters: if TAIL equals
 * PENDING_TAIL the commit happened and the counters take the pending values, otherwise nothing happened. The
 * consumer side mirrors this with HEAD. A joinable put counts its task before the commit (a consumer could finish
 * it otherwise before it is counted), so a producer killed between the two leaves one task unfinished for ever;
 * {@code join(Duration)} is the remedy, as for a consumer that dies holding an item.
 *
 * <h2>Capacity</h2>
 * Items: a bounded queue holds at most ITEM_CAPACITY records, counted as PUT_COUNT − TAKE_COUNT. Bytes: a message
 * whose record would take more than a quarter of the buffer is spilled into a file of the owner's directory
 * ({@link SpillFiles}), and only its name travels; spilled bytes not yet taken are limited to
 * {@link #SPILL_BUDGET}, except that one spilled message is always admitted into an empty budget, so a single
 * message of any size passes. A consumer reads the file after taking the record and removes it.
 *
 * <h2>Signals</h2>
 * A commit signals DATA_SIGNAL, a take SPACE_SIGNAL; each costs a volatile read when nobody sleeps. {@link Waiter}
 * asks for a volatile write of the condition before the signal; here TAIL and HEAD are written with release
 * stores, and the lock's release, an atomic swap (a full fence), stands between them and the signal's read.
 */
final class Ring {

    static final int BUFFER_BYTES = 0;
    static final int ITEM_CAPACITY = 4;
    static final int FLAGS = 8;
    static final int TAIL = 64;
    static final int PUT_COUNT = 72;
    static final int SPILL_OUT = 80;
    static final int PENDING_TAIL = 160;
    static final int PENDING_PUT = 168;
    static final int PENDING_SPILL_OUT = 176;
    static final int PRODUCER_LOCK = 128;
    static final int HEAD = 192;
    static final int TAKE_COUNT = 200;
    static final int SPILL_IN = 208;
    static final int PENDING_HEAD = 288;
    static final int PENDING_TAKE = 296;
    static final int PENDING_SPILL_IN = 304;
    static final int CONSUMER_LOCK = 256;
    static final int DATA_SIGNAL = 320;
    static final int SPACE_SIGNAL = 384;
    static final int UNFINISHED = 448;
    static final int JOIN_SIGNAL = 456;
    /** Bytes before the buffer. */
    static final int HEADER = 512;

    static final int RECORD_LENGTH = 0;
    static final int RECORD_TYPE = 4;
    static final int RECORD_HEADER = 8;

    static final int DATA = 1;
    static final int PAD = 2;
    static final int SPILL = 3;

    static final int JOINABLE = 1;

    /** Spilled bytes a ring admits before producers wait; one message alone always passes. */
    static final long SPILL_BUDGET = Long.getLong("mproc.shm.spillBudget", 4L << 20);

    private final Region region;
    private final int base;
    private final int buffer;
    private final int bufferBytes;
    private final int mask;
    private final int itemCapacity;
    private final boolean joinable;
    private final ProcessIdentity owner;
    private final RingLock producerLock;
    private final RingLock consumerLock;
    final Waiter dataWaiter = new Waiter();
    final Waiter spaceWaiter = new Waiter();

    // Guarded by the producer lock: the last HEAD seen, so that a producer rereads the consumer's line only when
    // the ring looks full.
    private long cachedHead;
    // Guarded by the producer lock: the last TAKE_COUNT seen, reread only when a bounded ring looks full.
    private long cachedTake;
    // Guarded by the consumer lock: the last TAIL seen.
    private long cachedTail;

    /**
     * @param region the region holding the ring
     * @param base where the ring starts, 64-byte aligned
     * @param owner the process whose directory holds spill files
     */
    Ring(Region region, int base, ProcessIdentity owner) {
        this.region = region;
        this.base = base;
        this.buffer = base + HEADER;
        this.bufferBytes = region.getInt(base + BUFFER_BYTES);
        this.mask = bufferBytes - 1;
        this.itemCapacity = region.getInt(base + ITEM_CAPACITY);
        this.joinable = (region.getInt(base + FLAGS) & JOINABLE) != 0;
        this.owner = owner;
        this.producerLock = new RingLock(region, base + PRODUCER_LOCK);
        this.consumerLock = new RingLock(region, base + CONSUMER_LOCK);
        if (Integer.bitCount(bufferBytes) != 1 || base + HEADER + (long) bufferBytes > region.size()) {
            throw new MprocException("refusing a ring of " + bufferBytes + " bytes at " + base + " in a region of "
                    + region.size() + " bytes: the memory is not a ring of this layout");
        }
    }

    /**
     * @param bufferBytes bytes of the record buffer
     * @return bytes the ring takes in its region
     */
    static int size(int bufferBytes) {
        return HEADER + bufferBytes;
    }

    /**
     * Formats a ring in zeroed memory.
     *
     * @param region the region
     * @param base where, 64-byte aligned
     * @param bufferBytes a power of two, at least 4096
     * @param itemCapacity most items at once, {@link Integer#MAX_VALUE} for no limit but the bytes
     * @param joinable whether puts count unfinished tasks
     */
    static void format(Region region, int base, int bufferBytes, int itemCapacity, boolean joinable) {
        if (Integer.bitCount(bufferBytes) != 1 || bufferBytes < 4096) {
            throw new IllegalArgumentException("a ring buffer has a power of two of at least 4096 bytes, not "
                    + bufferBytes);
        }
        region.setInt(base + BUFFER_BYTES, bufferBytes);
        region.setInt(base + ITEM_CAPACITY, itemCapacity);
        region.setInt(base + FLAGS, joinable ? JOINABLE : 0);
        RingLock.format(region, base + PRODUCER_LOCK);
        RingLock.format(region, base + CONSUMER_LOCK);
    }

    Region region() {
        return region;
    }

    int base() {
        return base;
    }

    // ---- state seen from outside ------------------------------------------------------------------------------

    /** @return whether a committed record waits to be taken */
    boolean hasRecord() {
        return region.getLongVolatile(base + TAIL) != region.getLongVolatile(base + HEAD);
    }

    /** @return records committed and not taken, approximate */
    long size() {
        long taken = region.getLongVolatile(base + TAKE_COUNT);
        long put = region.getLongVolatile(base + PUT_COUNT);
        return Math.max(0, put - taken);
    }

    /** @return records taken, ever: it moves while consumers work */
    long takeCount() {
        return region.getLongVolatile(base + TAKE_COUNT);
    }

    /** @return the item capacity */
    int itemCapacity() {
        return itemCapacity;
    }

    /** @return the largest message kept inside the buffer; larger ones are spilled */
    int largestInline() {
        return bufferBytes / 4 - RECORD_HEADER;
    }

    // ---- producing -------------------------------------------------------------------------------------------

    private static int align8(long n) {
        return (int) ((n + 7) & ~7L);
    }

    /**
     * Puts one message, waiting for room up to the deadline.
     *
     * @param data the message's array
     * @param offset where it starts
     * @param length its bytes
     * @param deadline a {@link System#nanoTime()} value; {@link Long#MAX_VALUE} for none; a passed one means
     *     do not wait
     * @param stopWhen gives up when it holds, checked before each attempt and while waiting (e.g. the peer
     *     closed); read with volatile reads
     * @param check runs while waiting, after each sleep slice; stopping it gives up
     * @return whether the message was put
     * @throws InterruptedException if interrupted before the message was committed; nothing is put
     */
    boolean put(byte[] data, int offset, int length, long deadline, BooleanSupplier stopWhen, Waiter.Check check)
            throws InterruptedException {
        return put(data, offset, length, deadline, stopWhen, check, joinable);
    }

    /**
     * As {@link #put(byte[], int, int, long, BooleanSupplier, Waiter.Check)}, for a message whose task a joinable
     * queue has counted already ({@link #countTask()}) when {@code countTask} is false.
     */
    boolean put(byte[] data, int offset, int length, long deadline, BooleanSupplier stopWhen, Waiter.Check check,
            boolean countTask) throws InterruptedException {
        if (length <= largestInline()) {
            return putRecord(DATA, data, offset, length, 0, deadline, stopWhen, check, countTask);
        }
        String name = SpillFiles.newName();
        Path file = SpillFiles.file(owner, name);
        writeSpill(file, data, offset, length);
        boolean put = false;
        try {
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            byte[] payload = ByteBuffer.allocate(8 + n.length).putLong(length).put(n).array();
            put = putRecord(SPILL, payload, 0, payload.length, length, deadline, stopWhen, check, countTask);
            return put;
        } finally {
            if (!put) {
                deleteQuietly(file);
            }
        }
    }

    /**
     * Puts an inline message if it fits now: the fast path of a put, which neither reads the clock nor waits.
     *
     * @param data the message, whole
     * @return whether it was put; {@code false} also for a message that would be spilled, which {@link #put} takes
     */
    boolean tryPut(byte[] data) {
        int length = data.length;
        return length <= largestInline()
                && writeOnce(DATA, data, 0, length, align8(RECORD_HEADER + (long) length), 0, joinable);
    }

    private boolean putRecord(int type, byte[] data, int offset, int length, long spilled, long deadline,
            BooleanSupplier stopWhen, Waiter.Check check, boolean countTask) throws InterruptedException {
        int need = align8(RECORD_HEADER + (long) length);
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (stopWhen.getAsBoolean()) {
                return false;
            }
            if (writeOnce(type, data, offset, length, need, spilled, countTask)) {
                return true;
            }
            Waiter.Outcome o = spaceWaiter.await(region, base + SPACE_SIGNAL,
                    () -> roomFor(need, spilled) || stopWhen.getAsBoolean(), deadline, check);
            if (o != Waiter.Outcome.READY) {
                return false;
            }
        }
    }

    /** One attempt: under the producer lock, writes and commits the record if it fits now, then signals it. */
    private boolean writeOnce(int type, byte[] data, int offset, int length, int need, long spilled,
            boolean countTask) {
        boolean written;
        if (producerLock.lock()) {
            repairProducer();
        }
        try {
            written = tryWrite(type, data, offset, length, need, spilled, countTask);
        } finally {
            producerLock.unlock();
        }
        if (written) {
            Waiter.signal(region, base + DATA_SIGNAL);
        }
        return written;
    }

    /** A hint for a waiting producer, read without the lock: whether the record would fit now. */
    private boolean roomFor(int need, long spilled) {
        long tail = region.getLongVolatile(base + TAIL);
        long head = region.getLongVolatile(base + HEAD);
        return fits(tail, head, need) && itemRoom() && spillRoom(spilled);
    }

    private boolean fits(long tail, long head, int need) {
        int toEnd = bufferBytes - (int) (tail & mask);
        long total = need <= toEnd ? need : (long) toEnd + need;
        return tail + total - head <= bufferBytes;
    }

    private boolean itemRoom() {
        return itemCapacity == Integer.MAX_VALUE
                || region.getLongVolatile(base + PUT_COUNT) - region.getLongVolatile(base + TAKE_COUNT) < itemCapacity;
    }

    private boolean spillRoom(long spilled) {
        if (spilled == 0) {
            return true;
        }
        long out = region.getLongVolatile(base + SPILL_OUT) - region.getLongVolatile(base + SPILL_IN);
        return out <= 0 || out + spilled <= SPILL_BUDGET;
    }

    /** Under the producer lock: writes and commits the record if it fits now. */
    private boolean tryWrite(int type, byte[] data, int offset, int length, int need, long spilled,
            boolean countTask) {
        long tail = region.getLong(base + TAIL);
        long put = region.getLong(base + PUT_COUNT);
        if (!hasRoom(tail, put, need) || !spillRoom(spilled)) {
            return false;
        }
        long newTail = writeRecord(tail, type, data, offset, length, need);
        if (countTask) {
            region.getAndAddLong(base + UNFINISHED, 1);
        }
        commit(newTail, put + 1, spilled);
        return true;
    }

    /**
     * Under the producer lock: whether a record of {@code need} bytes fits after {@code tail} and the item capacity
     * admits one more than {@code put}; rereads the consumers' line only when the copies say no.
     */
    private boolean hasRoom(long tail, long put, int need) {
        if (!fits(tail, cachedHead, need)) {
            cachedHead = region.getLongVolatile(base + HEAD);
            if (!fits(tail, cachedHead, need)) {
                return false;
            }
        }
        if (itemCapacity != Integer.MAX_VALUE && put - cachedTake >= itemCapacity) {
            cachedTake = region.getLongVolatile(base + TAKE_COUNT);
            return put - cachedTake < itemCapacity;
        }
        return true;
    }

    /** Under the producer lock: writes a record (and the PAD before it, if any) past TAIL; returns its end. */
    private long writeRecord(long tail, int type, byte[] data, int offset, int length, int need) {
        int index = (int) (tail & mask);
        int toEnd = bufferBytes - index;
        long newTail = tail + need;
        if (need > toEnd) {
            region.setInt(buffer + index + RECORD_LENGTH, toEnd - RECORD_HEADER);
            region.setInt(buffer + index + RECORD_TYPE, PAD);
            index = 0;
            newTail += toEnd;
        }
        region.setInt(buffer + index + RECORD_LENGTH, length);
        region.setInt(buffer + index + RECORD_TYPE, type);
        region.put(buffer + index + RECORD_HEADER, data, offset, length);
        return newTail;
    }

    /** Under the producer lock: makes every record written up to {@code newTail} visible at once. */
    private void commit(long newTail, long newPut, long spilled) {
        long spillOut = region.getLong(base + SPILL_OUT) + spilled;
        region.setLong(base + PENDING_TAIL, newTail);
        region.setLong(base + PENDING_PUT, newPut);
        region.setLong(base + PENDING_SPILL_OUT, spillOut);
        // A release store suffices: the signal protocol (Waiter) wants the commit ordered before our read of
        // DATA_SIGNAL, and the producer lock's release, an atomic swap, lies between the two.
        region.setLongRelease(base + TAIL, newTail);
        region.setLongRelease(base + PUT_COUNT, newPut);
        if (spilled != 0) {
            region.setLongRelease(base + SPILL_OUT, spillOut);
        }
    }

    /**
     * Puts a run of messages whose tasks are counted already (a {@link Feeder}'s backlog): waits for room for the
     * first, up to the deadline, then writes as many of them as fit with one commit and one signal, so that a
     * backlog costs the lock, the commit and the wake-up once per run instead of once per message. A message too
     * large for the ring is put alone, spilled.
     *
     * @param items the encoded messages
     * @param from the first to put
     * @param deadline as for {@link #put}
     * @param stopWhen as for {@link #put}
     * @param check as for {@link #put}
     * @return how many were put, from {@code from} on; 0 if the wait ended first
     * @throws InterruptedException if interrupted before anything was committed
     */
    int putRun(List<byte[]> items, int from, long deadline, BooleanSupplier stopWhen, Waiter.Check check)
            throws InterruptedException {
        byte[] first = items.get(from);
        if (first.length > largestInline()) {
            return put(first, 0, first.length, deadline, stopWhen, check, false) ? 1 : 0;
        }
        int need = align8(RECORD_HEADER + (long) first.length);
        int written;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (stopWhen.getAsBoolean()) {
                return 0;
            }
            if (producerLock.lock()) {
                repairProducer();
            }
            try {
                written = tryWriteRun(items, from);
            } finally {
                producerLock.unlock();
            }
            if (written > 0) {
                break;
            }
            Waiter.Outcome o = spaceWaiter.await(region, base + SPACE_SIGNAL,
                    () -> roomFor(need, 0) || stopWhen.getAsBoolean(), deadline, check);
            if (o != Waiter.Outcome.READY) {
                return 0;
            }
        }
        Waiter.signal(region, base + DATA_SIGNAL);
        return written;
    }

    /** Under the producer lock: writes inline messages from {@code from} on while they fit, then commits them. */
    private int tryWriteRun(List<byte[]> items, int from) {
        long tail = region.getLong(base + TAIL);
        long put = region.getLong(base + PUT_COUNT);
        int largest = largestInline();
        int i = from;
        while (i < items.size()) {
            byte[] m = items.get(i);
            int need = align8(RECORD_HEADER + (long) m.length);
            if (m.length > largest || !hasRoom(tail, put, need)) {
                break;
            }
            tail = writeRecord(tail, DATA, m, 0, m.length, need);
            put++;
            i++;
        }
        if (i > from) {
            commit(tail, put, 0);
        }
        return i - from;
    }

    /** Under a producer lock taken over from a dead holder: finishes or forgets its commit. */
    private void repairProducer() {
        if (region.getLongVolatile(base + TAIL) == region.getLong(base + PENDING_TAIL)) {
            region.setLongRelease(base + PUT_COUNT, region.getLong(base + PENDING_PUT));
            region.setLongRelease(base + SPILL_OUT, region.getLong(base + PENDING_SPILL_OUT));
        }
    }

    // ---- consuming -------------------------------------------------------------------------------------------

    /**
     * Takes the next message if one is committed; never waits, except briefly for the consumer lock.
     *
     * @return the message, or {@code null} if there is none
     */
    byte[] poll() {
        // No look at TAIL before locking: the consumer lock's line is the consumers' own, while TAIL's is the
        // producers', and tryTake reads TAIL only when the copy it keeps says the ring is empty.
        Object taken;
        if (consumerLock.lock()) {
            repairConsumer();
        }
        try {
            taken = tryTake();
        } finally {
            consumerLock.unlock();
        }
        if (taken == null) {
            return null;
        }
        Waiter.signal(region, base + SPACE_SIGNAL);
        return taken instanceof byte[] b ? b : readSpill((String) taken);
    }

    /**
     * Takes the next message, waiting up to the deadline.
     *
     * @param deadline as for {@link #put}
     * @param stopWhen also ends the wait when it holds, checked like the data (e.g. the peer closed)
     * @param check runs after each sleep slice
     * @return the message, or {@code null} if the wait ended without one
     * @throws InterruptedException if interrupted while waiting; nothing is taken
     */
    byte[] take(long deadline, BooleanSupplier stopWhen, Waiter.Check check)
            throws InterruptedException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            byte[] m = poll();
            if (m != null) {
                return m;
            }
            Waiter.Outcome o = dataWaiter.await(region, base + DATA_SIGNAL,
                    () -> hasRecord() || stopWhen.getAsBoolean(), deadline, check);
            if (o != Waiter.Outcome.READY || !hasRecord() && stopWhen.getAsBoolean()) {
                return null;
            }
            // Ready: a record is there (another consumer may still take it first: then wait again).
        }
    }

    /** Under the consumer lock: takes the head record; a byte array, a spill file name, or {@code null}. */
    private Object tryTake() {
        long head = region.getLong(base + HEAD);
        // Another process may have taken past the TAIL this one saw last: reread unless it is ahead of HEAD.
        if (cachedTail - head <= 0) {
            cachedTail = region.getLongAcquire(base + TAIL);
            if (cachedTail == head) {
                return null;
            }
        }
        int index = (int) (head & mask);
        long newHead = head;
        if (region.getInt(buffer + index + RECORD_TYPE) == PAD) {
            newHead += bufferBytes - index;
            index = 0;
        }
        int length = region.getInt(buffer + index + RECORD_LENGTH);
        int type = region.getInt(buffer + index + RECORD_TYPE);
        newHead += align8(RECORD_HEADER + (long) length);
        byte[] payload = new byte[length];
        region.get(buffer + index + RECORD_HEADER, payload, 0, length);
        long spilled = 0;
        Object result = payload;
        if (type == SPILL) {
            ByteBuffer p = ByteBuffer.wrap(payload);
            spilled = p.getLong();
            result = new String(payload, 8, length - 8, StandardCharsets.US_ASCII);
        } else if (type != DATA) {
            throw new MprocException("corrupt ring: record type " + type + " at position " + head);
        }
        long take = region.getLong(base + TAKE_COUNT) + 1;
        long spillIn = region.getLong(base + SPILL_IN) + spilled;
        region.setLong(base + PENDING_HEAD, newHead);
        region.setLong(base + PENDING_TAKE, take);
        region.setLong(base + PENDING_SPILL_IN, spillIn);
        // Release, as for TAIL: the consumer lock's swap orders it before our read of SPACE_SIGNAL.
        region.setLongRelease(base + HEAD, newHead);
        region.setLongRelease(base + TAKE_COUNT, take);
        if (spilled != 0) {
            region.setLongRelease(base + SPILL_IN, spillIn);
        }
        return result;
    }

    private void repairConsumer() {
        if (region.getLongVolatile(base + HEAD) == region.getLong(base + PENDING_HEAD)) {
            region.setLongRelease(base + TAKE_COUNT, region.getLong(base + PENDING_TAKE));
            region.setLongRelease(base + SPILL_IN, region.getLong(base + PENDING_SPILL_IN));
        }
    }

    // ---- joinable --------------------------------------------------------------------------------------------

    /** @return the process whose directory holds the spill files: the ring's owner */
    ProcessIdentity owner() {
        return owner;
    }

    /** @return whether puts count unfinished tasks */
    boolean joinable() {
        return joinable;
    }

    /** Counts a task for an item a joinable queue has accepted and will commit later ({@link Feeder}). */
    void countTask() {
        region.getAndAddLong(base + UNFINISHED, 1);
    }

    /** @return tasks put and not yet done */
    long unfinished() {
        return region.getLongVolatile(base + UNFINISHED);
    }

    /**
     * Marks one task done.
     *
     * @return {@code false} if none was unfinished; nothing changed then
     */
    boolean taskDone() {
        while (true) {
            long u = region.getLongVolatile(base + UNFINISHED);
            if (u <= 0) {
                return false;
            }
            if (region.compareAndSetLong(base + UNFINISHED, u, u - 1)) {
                if (u == 1) {
                    Waiter.signal(region, base + JOIN_SIGNAL);
                }
                return true;
            }
        }
    }

    // ---- spill files -----------------------------------------------------------------------------------------

    private static void writeSpill(Path file, byte[] data, int offset, int length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(data, offset, length);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (NoSuchFileException e) {
            throw new MprocException("cannot spill a message of " + length + " bytes: the directory of the ring's"
                    + " owner is gone (the owner has exited)", e);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new MprocException("cannot spill a message of " + length + " bytes into " + file + ": " + e, e);
        }
    }

    private byte[] readSpill(String name) {
        Path file = SpillFiles.file(owner, name);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MprocException("cannot read a spilled message from " + file + " (its owner may have exited): "
                    + e, e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the owner's tracker, which removes the owner's whole directory.
        }
    }

    // ---- test support ----------------------------------------------------------------------------------------

    /**
     * Takes the producer lock and writes the start of a record past TAIL without committing it: what a producer
     * killed in the middle of a write leaves behind. For tests.
     *
     * @param garbage bytes written where the next record would go
     */
    void beginWriteForTest(byte[] garbage) {
        producerLock.lock();
        long tail = region.getLong(base + TAIL);
        int index = (int) (tail & mask);
        int n = Math.min(garbage.length, bufferBytes - index);
        region.setInt(buffer + index + RECORD_LENGTH, Integer.MAX_VALUE);
        region.setInt(buffer + index + RECORD_TYPE, 99);
        region.put(buffer + index + RECORD_HEADER, garbage, 0, Math.max(0, n - RECORD_HEADER));
    }
}
