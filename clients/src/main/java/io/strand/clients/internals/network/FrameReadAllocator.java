package io.strand.clients.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;

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
        // Everything but allocate() is the adaptive handle's: read counting, sizing, when to stop.
        return new DelegatingHandle(new AdaptiveRecvByteBufAllocator().newHandle()) {
            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                ByteBuf target = frames.readTarget();
                return target != null ? target : delegate().allocate(alloc);
            }
        };
    }
}
