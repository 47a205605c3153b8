package dev.mproc.ipc.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Serves one authenticated child's control session: frames go to its listener, closing ends the session. */
final class ControlHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("dev.mproc.ipc.netty.control");

    private final NettySession session;
    private Throwable failure;

    ControlHandler(NettySession session) {
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session.bind(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            session.listener.onMessage(ByteBufUtil.getBytes(frame));
        } finally {
            ReferenceCountUtil.release(frame);
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
        session.listener.onDisconnected(failure);
        ctx.fireChannelInactive();
    }
}
