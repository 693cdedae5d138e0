package io.strand.common.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.ResponseHeader;
import io.strand.common.protocol.types.Struct;
import java.util.function.Consumer;

/**
 * Whole frames: a 4-byte size, the header, the body. Encoding measures the frame first and
 * writes it into one pooled buffer of exactly that size, so each byte is copied once.
 * Decoding takes a frame whose size prefix the transport has already stripped and checked.
 */
public final class Frames {

    private Frames() {
    }

    public static ByteBuf encodeRequest(ByteBufAllocator alloc, RequestHeader header, Struct body) {
        ApiKeys api = header.api();
        if (api == null) {
            throw new IllegalArgumentException("Cannot encode a request for unknown API key " + header.apiKey());
        }
        ApiDefinition def = ApiDefinitions.of(api);
        short version = header.apiVersion();
        return frame(alloc, header.size() + def.sizeOfRequest(body, version), out -> {
            header.write(out);
            def.writeRequest(out, body, version);
        });
    }

    public static ByteBuf encodeResponse(ByteBufAllocator alloc, ApiKeys api, short version, int correlationId,
                                         Struct body) {
        ApiDefinition def = ApiDefinitions.of(api);
        ResponseHeader header = new ResponseHeader(correlationId, api.responseHeaderVersion(version));
        return frame(alloc, header.size() + def.sizeOfResponse(body, version), out -> {
            header.write(out);
            def.writeResponse(out, body, version);
        });
    }

    /** A size prefix and {@code size} bytes from {@code content}, in one buffer allocated at its final size. */
    private static ByteBuf frame(ByteBufAllocator alloc, int size, Consumer<ByteBuf> content) {
        ByteBuf out = alloc.buffer(4 + size);
        try {
            out.writeInt(0);
            content.accept(out);
            out.setInt(0, out.readableBytes() - 4);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Reads a request frame (without its size prefix). The body aliases {@code frame} where it
     * holds records: keep the frame until the body is no longer used.
     *
     * @throws ProtocolDecodeException if the header or body is malformed, the API unknown or the
     *                                 version unsupported; {@link #readRequestHeader} alone lets
     *                                 a server answer such a request with an error
     */
    public static RequestFrame decodeRequest(ByteBuf frame) {
        RequestHeader header = readRequestHeader(frame);
        ApiKeys api = header.api();
        if (api == null) {
            throw new ProtocolDecodeException("Request", header.apiVersion(), "api_key",
                "unknown API key " + header.apiKey(), null);
        }
        Struct body = ApiDefinitions.of(api).readRequest(frame, header.apiVersion());
        requireConsumed(frame, api.name + "Request", header.apiVersion());
        return new RequestFrame(header, body);
    }

    public static RequestHeader readRequestHeader(ByteBuf frame) {
        return RequestHeader.read(frame);
    }

    /** Reads a response frame (without its size prefix) to a request of {@code api} at {@code version}. */
    public static Struct decodeResponse(ByteBuf frame, ApiKeys api, short version, int expectedCorrelationId) {
        ResponseHeader header = ResponseHeader.read(frame, api.responseHeaderVersion(version));
        if (header.correlationId() != expectedCorrelationId) {
            throw new ProtocolDecodeException(api.name + "Response", version, "correlation_id",
                "expected correlation id " + expectedCorrelationId + " but got " + header.correlationId(), null);
        }
        Struct body = ApiDefinitions.of(api).readResponse(frame, version);
        requireConsumed(frame, api.name + "Response", version);
        return body;
    }

    private static void requireConsumed(ByteBuf frame, String what, short version) {
        if (frame.isReadable()) {
            throw new ProtocolDecodeException(what, version, "", frame.readableBytes()
                + " bytes left over after the message", null);
        }
    }
}
