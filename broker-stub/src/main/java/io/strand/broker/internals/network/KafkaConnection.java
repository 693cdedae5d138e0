package io.strand.broker.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Requests are processed as they arrive, possibly completing out of
 * order (a long-poll Fetch waits while a Metadata request behind it is answered at once), but
 * their responses leave in request order: Kafka clients match responses to requests by order
 * as much as by correlation id. Every field is touched on the channel's event loop only.
 */
final class KafkaConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(KafkaConnection.class);

    /** Above this many unanswered requests the connection stops reading, as a slow consumer of responses. */
    private static final int MAX_PENDING = 256;

    private final RequestProcessor processor;
    private final int nodeId;
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean closed;

    KafkaConnection(RequestProcessor processor, int nodeId) {
        this.processor = processor;
        this.nodeId = nodeId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (closed) {
            frame.release();
            return;
        }
        Slot slot = new Slot();
        pending.add(slot);
        if (pending.size() >= MAX_PENDING) {
            ctx.channel().config().setAutoRead(false);
        }
        CompletableFuture<Outcome> future;
        try {
            future = processor.process(ctx.channel(), nodeId, frame);
        } catch (RuntimeException e) {
            log.error("Node {}: request processing failed; closing connection from {}", nodeId,
                ctx.channel().remoteAddress(), e);
            future = CompletableFuture.completedFuture(Outcome.CLOSE);
        }
        future.whenComplete((outcome, error) -> {
            Outcome o = error != null ? Outcome.CLOSE : outcome;
            if (error != null) {
                log.error("Node {}: request failed; closing connection from {}", nodeId,
                    ctx.channel().remoteAddress(), error);
            }
            if (ctx.executor().inEventLoop()) {
                complete(slot, o);
            } else {
                ctx.executor().execute(() -> complete(slot, o));
            }
        });
    }

    private void complete(Slot slot, Outcome outcome) {
        slot.outcome = outcome;
        if (closed) {
            discard(slot);
            return;
        }
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().outcome != null) {
            Slot head = pending.poll();
            Outcome o = head.outcome;
            if (o.close()) {
                closeNow();
                break;
            }
            if (o.response() != null) {
                ctx.write(o.response(), ctx.voidPromise());
                wrote = true;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (!closed && pending.size() < MAX_PENDING / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void closeNow() {
        closed = true;
        for (Slot s : pending) {
            discard(s);
        }
        pending.clear();
        ctx.close();
    }

    private static void discard(Slot slot) {
        if (slot.outcome != null && slot.outcome.response() != null) {
            slot.outcome.response().release();
            slot.outcome = Outcome.CLOSE;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        for (Slot s : pending) {
            discard(s);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.warn("Node {}: closing connection from {}: {}", nodeId, ctx.channel().remoteAddress(),
                cause.getMessage());
        } else {
            log.debug("Node {}: closing connection from {} after {}", nodeId, ctx.channel().remoteAddress(),
                cause.toString());
        }
        closeNow();
    }

    /** A request's place in line; its outcome is null until the request completes. */
    private static final class Slot {
        Outcome outcome;
    }
}
