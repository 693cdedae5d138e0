package io.strand.clients.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The read buffers of one connection: the rest of a large frame when its {@link FrameDecoder}
 * offers it, else Netty's adaptive buffers. Reading into the frame saves a copy of every byte of
 * a Fetch response and lets one system call take all the socket holds; with Netty's buffers
 * alone, reads stop at 64 KiB and each is copied again into the frame.
 *
 * <p>Netty drives a handle as allocate, read, then fireChannelRead of that same buffer, all on
 * the channel's event loop, so the decoder sees the slice it offered come straight back.
 */
final class FrameReadAllocator implements RecvByteBufAllocator {

    private final FrameDecoder frames;

    FrameReadAllocator(FrameDecoder frames) {
        this.frames = frames;
    }

    @Override
    public Handle newHandle() {
        return new FrameHandle(frames, (ExtendedHandle) new AdaptiveRecvByteBufAllocator().newHandle());
    }

    /** Netty's adaptive handle with one change: allocate() prefers the decoder's frame. */
    private static final class FrameHandle implements ExtendedHandle {
        private final FrameDecoder frames;
        private final ExtendedHandle adaptive;

        FrameHandle(FrameDecoder frames, ExtendedHandle adaptive) {
            this.frames = frames;
            this.adaptive = adaptive;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf target = frames.readTarget();
            return target != null ? target : adaptive.allocate(alloc);
        }

        @Override
        public int guess() {
            return adaptive.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            adaptive.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            adaptive.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            adaptive.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return adaptive.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            adaptive.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return adaptive.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return adaptive.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return adaptive.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            adaptive.readComplete();
        }
    }
}
