package io.strand.clients.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.strand.common.KafkaException;

/**
 * Splits the byte stream into size-prefixed frames and passes each on (size stripped) as a
 * retained slice of one buffer as big as the frame. A size that is negative or above the limit
 * is not a Kafka response: the connection is failed with {@link InvalidFrameException} saying so.
 *
 * <p>Once a frame's size is known and much of it is still to come, {@link #readTarget} offers the
 * unfilled rest of that buffer to the channel's reads ({@link FrameReadAllocator}): the socket
 * then reads straight into the frame, as many bytes as it holds in one call, and a large Fetch
 * response is never copied in user space. Only the read that brought the size in is copied.
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {

    /** The four bytes of a TLS alert record read as a size: a PLAINTEXT client talking to an SSL listener. */
    private static final int TLS_RECORD_AS_SIZE = 0x15030300;

    /**
     * Below this many missing bytes a frame's rest is read the usual way: a read bounded by the
     * frame would leave the frames after it to another system call, which costs more than copying
     * a few kilobytes.
     */
    static final int MIN_DIRECT_READ = 16 * 1024;

    private final int maxFrameSize;
    private final String peer;
    private ByteBuf cumulation;
    /** The slice {@link #readTarget} last handed out, recognised when the read passes it back. */
    private ByteBuf target;
    private boolean failed;

    FrameDecoder(int maxFrameSize, String peer) {
        this.maxFrameSize = maxFrameSize;
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (failed) {
            in.release();
            return;
        }
        append(ctx, in);
        while (cumulation != null && cumulation.readableBytes() >= 4) {
            int size = cumulation.getInt(cumulation.readerIndex());
            if (size < 0 || size > maxFrameSize) {
                failed = true;
                releaseCumulation();
                ctx.fireExceptionCaught(new InvalidFrameException(invalidSizeMessage(size)));
                return;
            }
            if (cumulation.readableBytes() < 4 + size) {
                reserve(ctx, 4 + size);
                break;
            }
            cumulation.skipBytes(4);
            ByteBuf frame = cumulation.readRetainedSlice(size);
            if (!cumulation.isReadable()) {
                releaseCumulation();
            }
            ctx.fireChannelRead(frame);
        }
    }

    private String invalidSizeMessage(int size) {
        String hint = size == TLS_RECORD_AS_SIZE
            ? " It looks like a TLS record: is the listener SSL? Strand supports only security.protocol=PLAINTEXT."
            : " Is " + peer + " a Kafka broker?";
        return "Invalid response size " + size + " from " + peer + ": a response must be between 0 and "
            + maxFrameSize + " bytes." + hint;
    }

    /**
     * The unfilled rest of the frame being assembled, as an empty retained slice to read into, or
     * null when the next read should get a buffer of its own: no frame started, its size not yet
     * known, or fewer than {@link #MIN_DIRECT_READ} bytes missing. Called for each read, just before it.
     */
    ByteBuf readTarget() {
        target = null;
        if (failed || cumulation == null || cumulation.readableBytes() < 4) {
            return null;
        }
        int missing = 4 + cumulation.getInt(cumulation.readerIndex()) - cumulation.readableBytes();
        // channelRead reserved the whole frame when its size arrived, so the room is there.
        if (missing < MIN_DIRECT_READ || cumulation.writableBytes() < missing) {
            return null;
        }
        target = cumulation.retainedSlice(cumulation.writerIndex(), missing).clear();
        return target;
    }

    private void append(ChannelHandlerContext ctx, ByteBuf in) {
        if (in == target) {
            // The read wrote into the cumulation's own memory: only its writer index moves.
            target = null;
            cumulation.writerIndex(cumulation.writerIndex() + in.readableBytes());
            in.release();
            return;
        }
        if (cumulation == null) {
            cumulation = in;
            return;
        }
        try {
            // Never let the buffer expand itself: grow() copies once into a buffer of the needed size.
            if (cumulation.writableBytes() < in.readableBytes()) {
                grow(ctx, cumulation.readableBytes() + in.readableBytes());
            }
            cumulation.writeBytes(in);
        } finally {
            in.release();
        }
    }

    /** Makes room for a whole frame once its size is known, so the rest arrives without further copies. */
    private void reserve(ChannelHandlerContext ctx, int frameBytes) {
        if (cumulation.capacity() - cumulation.readerIndex() < frameBytes) {
            grow(ctx, frameBytes);
        }
    }

    private void grow(ChannelHandlerContext ctx, int capacity) {
        ByteBuf bigger = ctx.alloc().buffer(Math.max(capacity, cumulation.readableBytes()));
        bigger.writeBytes(cumulation);
        cumulation.release();
        cumulation = bigger;
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseCumulation();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseCumulation();
        ctx.fireChannelInactive();
    }

    /** A response frame that cannot be a Kafka response. */
    static final class InvalidFrameException extends KafkaException {
        private static final long serialVersionUID = 1L;

        InvalidFrameException(String message) {
            super(message);
        }
    }
}
