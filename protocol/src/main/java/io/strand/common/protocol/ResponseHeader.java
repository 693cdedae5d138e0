package io.strand.common.protocol;

import io.netty.buffer.ByteBuf;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.protocol.types.DecodeFailure;
import io.strand.common.utils.ByteUtils;

/** Response header v0 (correlation id) and v1 (+ tagged fields). */
public final class ResponseHeader {

    private final int correlationId;
    private final short headerVersion;

    public ResponseHeader(int correlationId, short headerVersion) {
        this.correlationId = correlationId;
        this.headerVersion = headerVersion;
    }

    public int correlationId() {
        return correlationId;
    }

    public short headerVersion() {
        return headerVersion;
    }

    /** Encoded size in bytes. */
    public int size() {
        return headerVersion >= 1 ? 5 : 4;
    }

    public void write(ByteBuf out) {
        out.writeInt(correlationId);
        if (headerVersion >= 1) {
            ByteUtils.writeUnsignedVarint(0, out);
        }
    }

    public static ResponseHeader read(ByteBuf in, short headerVersion) {
        try {
            if (in.readableBytes() < 4) {
                throw new DecodeFailure("response header needs 4 bytes but only " + in.readableBytes() + " remain");
            }
            int correlationId = in.readInt();
            if (headerVersion >= 1) {
                RequestHeader.skipTaggedFields(in);
            }
            return new ResponseHeader(correlationId, headerVersion);
        } catch (DecodeFailure e) {
            throw new ProtocolDecodeException("ResponseHeader", headerVersion, e.path(), e.getMessage(), e);
        }
    }

    /** Reads only the correlation id, to match a response to its request before the header version is known. */
    public static int peekCorrelationId(ByteBuf frame) {
        if (frame.readableBytes() < 4) {
            throw new ProtocolDecodeException("ResponseHeader", (short) -1, "correlation_id",
                "frame of " + frame.readableBytes() + " bytes is too short for a correlation id", null);
        }
        return frame.getInt(frame.readerIndex());
    }

    @Override
    public String toString() {
        return "ResponseHeader(correlationId=" + correlationId + ", v" + headerVersion + ")";
    }
}
