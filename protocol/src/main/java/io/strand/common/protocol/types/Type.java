package io.strand.common.protocol.types;

import io.netty.buffer.ByteBuf;

/**
 * A wire type. Flexible versions switch strings, bytes and arrays to their compact forms; the
 * switch is made here, once per type, and nowhere in message definitions.
 *
 * @param <T> the Java type of a value
 */
public abstract class Type<T> {

    private final String name;

    protected Type(String name) {
        this.name = name;
    }

    /** The type's name as the protocol guide spells it, e.g. "INT32" or "COMPACT_STRING". */
    public String name() {
        return name;
    }

    /**
     * Writes a value. {@code value} is null only when {@code nullable} (the field may be null in
     * this version) and {@link #hasNullForm()} hold; nullable structs also mark presence.
     */
    public abstract void write(ByteBuf out, T value, short version, boolean flexible, boolean nullable);

    /** The exact number of bytes {@link #write} would produce for this value. */
    public abstract int sizeOf(T value, short version, boolean flexible, boolean nullable);

    /**
     * Reads a value; every length is checked against {@code in.readableBytes()} before anything
     * is allocated.
     *
     * @param nullable whether the field may be null in this version; a null on the wire where it
     *                 may not be is a {@link DecodeFailure}
     */
    public abstract T read(ByteBuf in, short version, boolean flexible, boolean nullable);

    /** The value a field of this type holds until set, when its definition names no other. */
    public abstract T defaultValue();

    /** Whether the wire form can say null (strings, bytes, records, arrays, structs). */
    public boolean hasNullForm() {
        return false;
    }

    /** Whether {@code value} equals the default; overridden where equals() is not enough. */
    public boolean isDefault(T value, T defaultValue) {
        return java.util.Objects.equals(value, defaultValue);
    }

    /** For arrays, the element type; null otherwise. */
    public Type<?> elementType() {
        return null;
    }

    /** For structs, their schema; null otherwise. */
    public StructSchema structSchema() {
        return null;
    }

    /** The Java class of values, used to check values set by callers. */
    public abstract Class<?> valueClass();

    @Override
    public String toString() {
        return name;
    }

    static void need(ByteBuf in, long bytes, String what) {
        if (bytes > in.readableBytes()) {
            throw new DecodeFailure(what + " needs " + bytes + " bytes but only " + in.readableBytes() + " remain");
        }
    }
}
