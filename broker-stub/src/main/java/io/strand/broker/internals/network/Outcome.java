package io.strand.broker.internals.network;

import io.netty.buffer.ByteBuf;

/**
 * What one request leaves for its connection to do, in request order: write an encoded
 * response frame, write nothing (Produce with acks=0), or close the connection.
 */
public record Outcome(ByteBuf response, boolean close) {

    public static final Outcome NO_RESPONSE = new Outcome(null, false);
    public static final Outcome CLOSE = new Outcome(null, true);

    public static Outcome respond(ByteBuf frame) {
        return new Outcome(frame, false);
    }
}
