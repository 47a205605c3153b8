package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.Handshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the {@link Handshake}, the first handler of every connection. Once the peer has proved it
 * knows the secret, it asks {@link Admission} what comes next and replaces itself with that handler. A peer that
 * fails, stays silent too long, or is refused admission is closed with a logged reason, having received nothing
 * but the challenge.
 */
final class AuthHandler extends ChannelInboundHandlerAdapter {

    /** How long a connection may take to authenticate before it is dropped. */
    static final long AUTH_TIMEOUT_MILLIS = 10_000;

    private static final System.Logger LOG = System.getLogger("dev.mproc.ipc.netty.control");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Decides what an authenticated peer becomes. */
    interface Admission {
        /**
         * @param token the token the peer authenticated with
         * @return the handler that serves this peer from now on, or {@code null} to refuse it
         */
        ChannelHandler admit(long token);

        /** @return why a refused token was refused, for the log */
        String refusal();
    }

    private final byte[] secret;
    private final Admission admission;
    private byte[] challenge;
    private ScheduledFuture<?> timeout;

    AuthHandler(byte[] secret, Admission admission) {
        this.secret = secret;
        this.admission = admission;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        challenge = new byte[Handshake.CHALLENGE_BYTES];
        RANDOM.nextBytes(challenge);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(challenge));
        timeout = ctx.executor().schedule(() -> reject(ctx, "no authentication within " + AUTH_TIMEOUT_MILLIS + " ms"),
                AUTH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (challenge != null) {
                authenticate(ctx, ByteBufUtil.getBytes(frame));
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void authenticate(ChannelHandlerContext ctx, byte[] response) {
        if (response.length != Handshake.RESPONSE_BYTES) {
            reject(ctx, "malformed authentication response (" + response.length + " bytes)");
            return;
        }
        long token = ByteBuffer.wrap(response, 0, Long.BYTES).getLong();
        byte[] childNonce = Arrays.copyOfRange(response, Long.BYTES, Long.BYTES + Handshake.CHILD_NONCE_BYTES);
        byte[] proof = Arrays.copyOfRange(response, Long.BYTES + Handshake.CHILD_NONCE_BYTES, response.length);
        if (!Handshake.matches(Handshake.childProof(secret, challenge, token), proof)) {
            reject(ctx, "authentication failed (wrong secret)");
            return;
        }
        ChannelHandler next = admission.admit(token);
        if (next == null) {
            reject(ctx, "authenticated, but " + admission.refusal());
            return;
        }
        challenge = null;
        timeout.cancel(false);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.parentProof(secret, childNonce, token)));
        ctx.pipeline().replace(this, "session", next);
    }

    private void reject(ChannelHandlerContext ctx, String reason) {
        if (challenge != null && ctx.channel().isActive()) {
            LOG.log(System.Logger.Level.WARNING, "connection from {0} closed: {1}", ctx.channel().remoteAddress(), reason);
            challenge = null;
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "connection from {0} closed before authentication: {1}",
                ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
