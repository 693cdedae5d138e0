package io.strand.common.protocol.types;

import java.util.Arrays;

/**
 * A tagged field this definition does not know, kept as raw bytes so that a message read and
 * written again loses nothing a newer peer sent.
 */
public final class RawTaggedField {
    private final int tag;
    private final byte[] data;

    public RawTaggedField(int tag, byte[] data) {
        this.tag = tag;
        this.data = data;
    }

    public int tag() {
        return tag;
    }

    public byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawTaggedField && ((RawTaggedField) o).tag == tag
            && Arrays.equals(((RawTaggedField) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawTaggedField(tag=" + tag + ", " + data.length + " bytes)";
    }
}
