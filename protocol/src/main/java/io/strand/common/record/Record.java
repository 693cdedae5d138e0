package io.strand.common.record;

import io.strand.common.header.Header;
import io.strand.common.utils.Utils;

import java.nio.ByteBuffer;

/**
 * One record of a batch, as a reader sees it. Key and value are read-only views of the batch's
 * (decompressed) bytes, valid as long as those bytes are; copy them to keep them longer.
 */
public interface Record {

    Header[] EMPTY_HEADERS = new Header[0];

    long offset();

    /** The producer sequence number of this record, or {@link RecordBatch#NO_SEQUENCE}. */
    int sequence();

    int sizeInBytes();

    long timestamp();

    /** Legacy (magic 0 and 1) records carry a CRC-32 each; v2 records are covered by their batch's. */
    boolean isValid();

    void ensureValid();

    default boolean hasKey() {
        return keySize() >= 0;
    }

    /** The key's length, or -1 for a null key. */
    int keySize();

    /** The key, or null. */
    ByteBuffer key();

    /** A copy of the key's bytes, or null for a null key. */
    default byte[] keyArray() {
        return Utils.toNullableArray(key());
    }

    default boolean hasValue() {
        return valueSize() >= 0;
    }

    /** The value's length, or -1 for a null value (a tombstone). */
    int valueSize();

    /** The value, or null. */
    ByteBuffer value();

    /**
     * A copy of the value's bytes, or null for a null value. For a consumer whose deserializer
     * wants an array, this is the record's one copy: no view is made on the way.
     */
    default byte[] valueArray() {
        return Utils.toNullableArray(value());
    }

    /** The headers, never null; legacy records have none. */
    Header[] headers();
}
