package io.strand.common.record;

/**
 * The codec of a record batch, as stored in bits 0-2 of its attributes. The ids and names are
 * part of the wire protocol and of the {@code compression.type} setting, so they never change.
 * The codecs themselves live in {@link io.strand.common.compress.Compression}.
 */
public enum CompressionType {
    NONE((byte) 0, "none"),
    GZIP((byte) 1, "gzip"),
    SNAPPY((byte) 2, "snappy"),
    LZ4((byte) 3, "lz4"),
    ZSTD((byte) 4, "zstd");

    // values() clones its array on every call; lookups on the read path use this copy.
    private static final CompressionType[] BY_ID = values();

    public final byte id;
    public final String name;

    CompressionType(byte id, String name) {
        this.id = id;
        this.name = name;
    }

    /** @throws IllegalArgumentException for ids 5-7, which no Kafka version defines */
    public static CompressionType forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new IllegalArgumentException("Unknown compression type id " + id
                + " (known: 0=none, 1=gzip, 2=snappy, 3=lz4, 4=zstd)");
        }
        return BY_ID[id];
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static CompressionType forName(String name) {
        for (CompressionType type : BY_ID) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown compression type '" + name
            + "' (known: none, gzip, snappy, lz4, zstd)");
    }

    @Override
    public String toString() {
        return name;
    }
}
