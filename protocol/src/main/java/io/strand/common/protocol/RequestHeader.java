package io.strand.common.protocol;

import io.netty.buffer.ByteBuf;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.protocol.types.DecodeFailure;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import io.strand.common.utils.ByteUtils;

/**
 * Request header v0 (key, version, correlation id), v1 (+ client id) and v2 (+ tagged fields).
 * The client id stays a classic nullable string even in v2: the header is read before the
 * broker knows whether the body is flexible.
 */
public final class RequestHeader {

    private final short apiKey;
    private final short apiVersion;
    private final int correlationId;
    private final String clientId;
    private final short headerVersion;

    public RequestHeader(ApiKeys api, short apiVersion, String clientId, int correlationId) {
        this(api.id, apiVersion, clientId, correlationId, api.requestHeaderVersion(apiVersion));
    }

    public RequestHeader(short apiKey, short apiVersion, String clientId, int correlationId, short headerVersion) {
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
        this.correlationId = correlationId;
        this.clientId = clientId;
        this.headerVersion = headerVersion;
    }

    public short apiKey() {
        return apiKey;
    }

    /** The API, or null when Strand does not implement the key the peer sent. */
    public ApiKeys api() {
        return ApiKeys.forId(apiKey);
    }

    public short apiVersion() {
        return apiVersion;
    }

    public int correlationId() {
        return correlationId;
    }

    public String clientId() {
        return clientId;
    }

    public short headerVersion() {
        return headerVersion;
    }

    /** Encoded size in bytes. */
    public int size() {
        int size = 8;
        if (headerVersion >= 1) {
            size += Types.STRING.sizeOf(clientId, (short) 0, false, true);
        }
        return headerVersion >= 2 ? size + 1 : size;
    }

    public void write(ByteBuf out) {
        out.writeShort(apiKey);
        out.writeShort(apiVersion);
        out.writeInt(correlationId);
        if (headerVersion >= 1) {
            Types.STRING.write(out, clientId, (short) 0, false, true);
        }
        if (headerVersion >= 2) {
            ByteUtils.writeUnsignedVarint(0, out);
        }
    }

    /**
     * Reads a header. The header version follows from the key and version read first: for a key
     * Strand does not implement it is taken as v1, enough to answer with an error.
     */
    public static RequestHeader read(ByteBuf in) {
        try {
            if (in.readableBytes() < 8) {
                throw new DecodeFailure("request header needs 8 bytes but only " + in.readableBytes() + " remain");
            }
            short key = in.readShort();
            short version = in.readShort();
            int correlationId = in.readInt();
            ApiKeys api = ApiKeys.forId(key);
            short headerVersion = api == null ? 1 : api.requestHeaderVersion(version);
            String clientId = Types.STRING.read(in, version, false, true);
            if (headerVersion >= 2) {
                skipTaggedFields(in);
            }
            return new RequestHeader(key, version, clientId, correlationId, headerVersion);
        } catch (DecodeFailure e) {
            throw new ProtocolDecodeException("RequestHeader", (short) -1, e.path(), e.getMessage(), e);
        }
    }

    /**
     * Header tagged fields carry nothing Strand uses yet. They are read by the same code as a
     * body's (bounds, ascending tags), through a struct that knows no fields.
     */
    static final StructSchema TAGS_ONLY = StructSchema.of("HeaderTaggedFields");

    static void skipTaggedFields(ByteBuf in) {
        TAGS_ONLY.read(in, (short) 0, true);
    }

    @Override
    public String toString() {
        ApiKeys api = api();
        return "RequestHeader(" + (api == null ? "key " + apiKey : api.name) + " v" + apiVersion
            + ", correlationId=" + correlationId + ", clientId=" + clientId + ")";
    }
}
