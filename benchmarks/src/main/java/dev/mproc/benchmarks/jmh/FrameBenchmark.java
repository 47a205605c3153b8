package dev.mproc.benchmarks.jmh;

import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.ipc.netty.internal.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The netty backend's frame handling for one small request, as the object server sees it: building a request
 * frame ({@link Wire#request}), reading a response's header, and the server pipeline's length-prefixed framing
 * (the {@code LengthFieldBasedFrameDecoder} and {@code LengthFieldPrepender} of its listener) run in an
 * {@link EmbeddedChannel}, one frame per read and sixteen frames per read (a busy connection's batch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameBenchmark {

    private static final int BATCH = 16;
    /** The backend's default frame limit (64 MiB); only bounds the decoder. */
    private static final int MAX_FRAME_BYTES = 64 << 20;

    private byte[] args;
    private byte[] request;
    private byte[] response;
    private byte[] oneOnTheWire;
    private byte[] batchOnTheWire;
    private EmbeddedChannel channel;
    private long requestId;

    /** Encodes a small argument and prepares the bytes a socket read would deliver. */
    @Setup
    public void setUp() {
        args = DefaultCodec.standard().encode(42);
        request = Wire.request(7, 3, (byte) 10, (byte) 0, 1, args);
        response = Wire.response(7, Wire.OK, args);
        oneOnTheWire = prefixed(request, 1);
        batchOnTheWire = prefixed(request, BATCH);
        channel = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES + 4, 0, 4, 0, 4),
                new LengthFieldPrepender(4));
    }

    /** Closes the channel. */
    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    private static byte[] prefixed(byte[] frame, int copies) {
        ByteBuffer b = ByteBuffer.allocate(copies * (4 + frame.length));
        for (int i = 0; i < copies; i++) {
            b.putInt(frame.length).put(frame);
        }
        return b.array();
    }

    /**
     * @return a request frame for a call with one small argument
     */
    @Benchmark
    public byte[] buildRequest() {
        return Wire.request(++requestId, 3, (byte) 10, (byte) 0, 1, args);
    }

    /**
     * @return the request id and status of a response, read as the client does before decoding the payload
     */
    @Benchmark
    public long readResponseHeader() {
        ByteBuffer b = ByteBuffer.wrap(response);
        return b.getLong() + b.get();
    }

    /**
     * @return the readable bytes of the frame cut from one read
     */
    @Benchmark
    public int decodeOneFrame() {
        channel.writeInbound(Unpooled.wrappedBuffer(oneOnTheWire));
        ByteBuf frame = channel.readInbound();
        int n = frame.readableBytes();
        frame.release();
        return n;
    }

    /**
     * @return the readable bytes of the sixteen frames cut from one read
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decodeSixteenFramesPerRead() {
        channel.writeInbound(Unpooled.wrappedBuffer(batchOnTheWire));
        int n = 0;
        for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            n += frame.readableBytes();
            frame.release();
        }
        return n;
    }

    /**
     * @return the bytes the prepender put on the wire for one response frame
     */
    @Benchmark
    public int encodeOneFrame() {
        channel.writeOutbound(Unpooled.wrappedBuffer(response));
        int n = 0;
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            n += b.readableBytes();
            b.release();
        }
        return n;
    }
}
