package io.strand.common.header.internals;

import io.strand.common.header.Header;

import java.util.Arrays;
import java.util.Objects;

/** The plain {@link Header}: a key and a value array, held as given (not copied). */
public final class RecordHeader implements Header {

    private final String key;
    private final byte[] value;

    public RecordHeader(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "Null header keys are not permitted");
        this.value = value;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Header)) {
            return false;
        }
        Header other = (Header) o;
        return key.equals(other.key()) && Arrays.equals(value, other.value());
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RecordHeader(key = " + key + ", value = " + Arrays.toString(value) + ")";
    }
}
