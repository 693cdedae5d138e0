package io.strand.common.message;

import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;

/** A request read off the wire: its header and, where the API is known, its body. */
public final class RequestFrame {
    private final RequestHeader header;
    private final Struct body;

    public RequestFrame(RequestHeader header, Struct body) {
        this.header = header;
        this.body = body;
    }

    public RequestHeader header() {
        return header;
    }

    public Struct body() {
        return body;
    }

    @Override
    public String toString() {
        return header + " " + body;
    }
}
