package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.Handshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link Handshake} on a new connection, then hands each frame to the child's listener. A connection
 * that fails the handshake, names no expected child, stays silent too long, or sends a frame above the limit
 * is closed with a logged reason and receives nothing beyond the challenge.
 */
final class ControlHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("dev.mproc.ipc.netty.control");

    private final NettyControlServer server;
    private byte[] challenge;
    private NettySession session;
    private ScheduledFuture<?> authTimeout;
    private Throwable failure;

    ControlHandler(NettyControlServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        challenge = server.newChallenge(Handshake.CHALLENGE_BYTES);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(challenge));
        authTimeout = ctx.executor().schedule(() -> reject(ctx, "no authentication within "
                + NettyControlServer.AUTH_TIMEOUT_MILLIS + " ms"), NettyControlServer.AUTH_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            byte[] bytes = ByteBufUtil.getBytes(frame);
            if (session != null) {
                session.listener.onMessage(bytes);
            } else if (challenge != null) {
                authenticate(ctx, bytes);
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
        long token = java.nio.ByteBuffer.wrap(response, 0, Long.BYTES).getLong();
        byte[] childNonce = Arrays.copyOfRange(response, Long.BYTES, Long.BYTES + Handshake.CHILD_NONCE_BYTES);
        byte[] proof = Arrays.copyOfRange(response, Long.BYTES + Handshake.CHILD_NONCE_BYTES, response.length);
        byte[] secret = server.secret();
        if (!Handshake.matches(Handshake.childProof(secret, challenge, token), proof)) {
            reject(ctx, "authentication failed (wrong secret)");
            return;
        }
        NettySession claimed = server.claim(token);
        if (claimed == null) {
            reject(ctx, "authenticated, but no child is expected with this token (already connected or cancelled)");
            return;
        }
        challenge = null;
        authTimeout.cancel(false);
        session = claimed;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.parentProof(secret, childNonce, token)));
        session.bind(ctx.channel());
    }

    private void reject(ChannelHandlerContext ctx, String reason) {
        if (session == null && ctx.channel().isActive()) {
            LOG.log(System.Logger.Level.WARNING, "control connection from {0} closed: {1}",
                    ctx.channel().remoteAddress(), reason);
            challenge = null;
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "control connection from {0} closed: {1}",
                ctx.channel().remoteAddress(), cause.toString());
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (authTimeout != null) {
            authTimeout.cancel(false);
        }
        if (session != null) {
            session.listener.onDisconnected(failure);
        }
        ctx.fireChannelInactive();
    }
}
