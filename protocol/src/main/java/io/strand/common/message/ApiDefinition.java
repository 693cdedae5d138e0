package io.strand.common.message;

import io.netty.buffer.ByteBuf;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.errors.UnsupportedVersionException;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.DecodeFailure;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.SchemaException;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;

/**
 * One API's request and response bodies, bound to its key and version range. The only place
 * that decides, from the version, whether a body is flexible.
 */
public final class ApiDefinition {

    private final ApiKeys api;
    private final StructSchema request;
    private final StructSchema response;

    public ApiDefinition(ApiKeys api, StructSchema request, StructSchema response) {
        this.api = api;
        this.request = request;
        this.response = response;
        checkTaggedFieldsAreFlexible(request);
        checkTaggedFieldsAreFlexible(response);
    }

    public ApiKeys api() {
        return api;
    }

    public StructSchema requestSchema() {
        return request;
    }

    public StructSchema responseSchema() {
        return response;
    }

    public Struct newRequest() {
        return request.newStruct();
    }

    public Struct newResponse() {
        return response.newStruct();
    }

    public void writeRequest(ByteBuf out, Struct body, short version) {
        write(request, out, body, version);
    }

    public void writeResponse(ByteBuf out, Struct body, short version) {
        write(response, out, body, version);
    }

    /** The exact encoded size of a request body. */
    public int sizeOfRequest(Struct body, short version) {
        checkVersion(version);
        return request.sizeOf(body, version, api.isFlexible(version));
    }

    /** The exact encoded size of a response body. */
    public int sizeOfResponse(Struct body, short version) {
        checkVersion(version);
        return response.sizeOf(body, version, api.isFlexible(version));
    }

    /** @throws ProtocolDecodeException naming this API, the version and the field at fault */
    public Struct readRequest(ByteBuf in, short version) {
        return read(request, in, version);
    }

    /** @throws ProtocolDecodeException naming this API, the version and the field at fault */
    public Struct readResponse(ByteBuf in, short version) {
        return read(response, in, version);
    }

    private void write(StructSchema schema, ByteBuf out, Struct body, short version) {
        checkVersion(version);
        schema.write(out, body, version, api.isFlexible(version));
    }

    private Struct read(StructSchema schema, ByteBuf in, short version) {
        if (!api.isVersionSupported(version)) {
            throw new ProtocolDecodeException(schema.name(), version, "", "unsupported version (Strand implements "
                + api.oldestVersion() + "-" + api.latestVersion() + ")", null);
        }
        try {
            return schema.read(in, version, api.isFlexible(version));
        } catch (DecodeFailure e) {
            throw new ProtocolDecodeException(schema.name(), version, e.path(), e.getMessage(), e);
        } catch (RuntimeException e) {
            // Netty index errors and the like: still a malformed frame, still named.
            throw new ProtocolDecodeException(schema.name(), version, "", e.toString(), e);
        }
    }

    private void checkVersion(short version) {
        if (!api.isVersionSupported(version)) {
            throw new UnsupportedVersionException(api.name + " version " + version + " is not supported: Strand implements "
                + api.oldestVersion() + "-" + api.latestVersion());
        }
    }

    private void checkTaggedFieldsAreFlexible(StructSchema schema) {
        for (Field<?> f : schema.fields()) {
            for (short v = f.minVersion(); v <= Math.min(f.maxVersion(), api.latestVersion()); v++) {
                if (f.isTaggedIn(v) && !api.isFlexible(v)) {
                    throw new SchemaException(schema.name() + "." + f.name() + " is tagged in v" + v
                        + ", which is not a flexible version of " + api.name);
                }
            }
            StructSchema nested = StructSchema.nestedSchemaOf(f);
            if (nested != null) {
                checkTaggedFieldsAreFlexible(nested);
            }
        }
    }

    @Override
    public String toString() {
        return api.name + " v" + api.oldestVersion() + "-" + api.latestVersion();
    }
}
