package io.strand.clients.internals.network;

import io.strand.common.protocol.types.Struct;

/**
 * Builds a request body once the version is known. The network client picks the version per
 * connection (the highest that Strand, the broker and this builder all allow) and calls
 * {@link #build} on its network thread, just before encoding.
 *
 * <p>Buffers the body refers to (Produce records) are copied into the request frame when it is
 * encoded; they must stay valid until the send's future completes.
 */
@FunctionalInterface
public interface RequestBuilder {

    /**
     * The body at {@code version}. May throw {@link io.strand.common.errors.UnsupportedVersionException}
     * when the request cannot be expressed at that version; the send fails with it.
     */
    Struct build(short version);

    /** The oldest version this request can be sent at; by default any the API has. */
    default short oldestAllowedVersion() {
        return 0;
    }

    /** The newest version this request can be sent at; by default any the API has. */
    default short latestAllowedVersion() {
        return Short.MAX_VALUE;
    }

    /** A builder limited to versions {@code oldest} to {@code latest}. */
    static RequestBuilder ofVersions(short oldest, short latest, RequestBuilder build) {
        return new RequestBuilder() {
            @Override
            public Struct build(short version) {
                return build.build(version);
            }

            @Override
            public short oldestAllowedVersion() {
                return oldest;
            }

            @Override
            public short latestAllowedVersion() {
                return latest;
            }
        };
    }
}
