package io.strand.clients.internals.network;

import io.netty.buffer.ByteBuf;
import io.strand.common.Node;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Struct;

/**
 * A response from a broker, decoded at the version the request was sent at.
 *
 * <p>Ownership of the frame: a response whose body holds RECORDS fields (Fetch) keeps those
 * fields as slices of the received frame, without copying. Such a response holds one reference
 * to the frame ({@link #holdsFrame()}), and its receiver must call {@link #release()} once it no
 * longer reads the body or any record slice taken from it. For every other API the frame is
 * released as soon as the body is decoded, and {@code release()} does nothing. Calling
 * {@code release()} on every response is always correct; calling it twice is harmless.
 *
 * <p>A response to a request sent without expecting one (Produce with acks=0) has no body.
 */
public final class ClientResponse {

    private final Node node;
    private final ApiKeys api;
    private final short version;
    private final int correlationId;
    private final Struct body;
    private final long latencyNanos;
    private ByteBuf frame;

    ClientResponse(Node node, ApiKeys api, short version, int correlationId, Struct body, long latencyNanos,
                   ByteBuf frame) {
        this.node = node;
        this.api = api;
        this.version = version;
        this.correlationId = correlationId;
        this.body = body;
        this.latencyNanos = latencyNanos;
        this.frame = frame;
    }

    public Node node() {
        return node;
    }

    public ApiKeys api() {
        return api;
    }

    /** The version the request was sent at and the response decoded at. */
    public short version() {
        return version;
    }

    public int correlationId() {
        return correlationId;
    }

    /** The decoded response body; null when no response was expected. */
    public Struct body() {
        return body;
    }

    public boolean hasResponse() {
        return body != null;
    }

    /** From the send call to the response's arrival (or, without a response, to the write). */
    public long latencyNanos() {
        return latencyNanos;
    }

    public double latencyMs() {
        return latencyNanos / 1_000_000.0;
    }

    /** Whether the body aliases the received frame, which {@link #release()} gives back. */
    public synchronized boolean holdsFrame() {
        return frame != null;
    }

    /** Gives back the frame the body's record slices alias; afterwards those slices must not be read. */
    public synchronized void release() {
        if (frame != null) {
            ByteBuf f = frame;
            frame = null;
            f.release();
        }
    }

    @Override
    public String toString() {
        return "ClientResponse(" + api.name + " v" + version + " from node " + node.id() + ", correlationId="
            + correlationId + ", latencyMs=" + latencyMs() + ")";
    }
}
