package io.strand.broker.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/** Turns one request frame (size prefix stripped) into its outcome; owns and releases the frame. */
@FunctionalInterface
public interface RequestProcessor {

    CompletableFuture<Outcome> process(Channel channel, int nodeId, ByteBuf frame);
}
