package dev.mproc.ipc.netty.internal.objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** A remote process's connection to the object server, after it authenticated (its token is its pid). */
public final class ChannelSession extends ChannelInboundHandlerAdapter implements Session {

    private static final System.Logger LOG = System.getLogger("dev.mproc.ipc.netty.objects");

    private final ObjectServer server;
    private final long id;
    private final long peerPid;
    private Channel channel;
    private boolean writesPending;

    /**
     * @param server the server
     * @param peerPid the peer's pid, as it claimed in the handshake
     */
    public ChannelSession(ObjectServer server, long peerPid) {
        this.server = server;
        this.id = server.newSessionId();
        this.peerPid = peerPid;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public long peerPid() {
        return peerPid;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void send(byte[] frame) {
        // Batch responses produced while handling one read burst: flushed in channelReadComplete.
        channel.write(Unpooled.wrappedBuffer(frame));
        if (!writesPending) {
            writesPending = true;
            channel.eventLoop().execute(this::flush);
        }
    }

    private void flush() {
        writesPending = false;
        channel.flush();
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (!server.dispatch(this, frame.nioBuffer())) {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "object session {0} (pid {1}) closed: {2}", id, peerPid, cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.sessionClosed(this);
        ctx.fireChannelInactive();
    }
}
