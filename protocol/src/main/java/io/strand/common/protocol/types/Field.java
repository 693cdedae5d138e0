package io.strand.common.protocol.types;

import io.netty.buffer.ByteBuf;
import io.strand.common.Uuid;
import java.util.List;

/**
 * One field of a message, declared once with the versions that carry it. A field is written as
 * a static constant and then handed to {@link StructSchema#of}, which fixes its position; after
 * that it is frozen, and it is the key for reading and writing its value in a {@link Struct}.
 *
 * <pre>
 *   static final Field&lt;String&gt; TRANSACTIONAL_ID = Field.string("transactional_id").versions(3).nullable();
 * </pre>
 *
 * @param <T> the Java type of the value
 */
public final class Field<T> {

    /** Highest version number a definition may name; plans are cached up to here. */
    static final int MAX_VERSION = 127;

    private final String name;
    private final Type<T> type;
    private short minVersion = 0;
    private short maxVersion = MAX_VERSION;
    private short nullableMin = -1;
    private short nullableMax = -1;
    private int tag = -1;
    private short taggedMin = -1;
    private boolean ignorable;
    private T defaultValue;
    private boolean defaultSet;
    private StructSchema owner;
    private int index = -1;

    private Field(String name, Type<T> type) {
        this.name = name;
        this.type = type;
    }

    // ---- factories, one per wire type -------------------------------------------------------

    public static Field<Boolean> bool(String name) {
        return new Field<>(name, Types.BOOLEAN);
    }

    public static Field<Byte> int8(String name) {
        return new Field<>(name, Types.INT8);
    }

    public static Field<Short> int16(String name) {
        return new Field<>(name, Types.INT16);
    }

    public static Field<Integer> uint16(String name) {
        return new Field<>(name, Types.UINT16);
    }

    public static Field<Integer> int32(String name) {
        return new Field<>(name, Types.INT32);
    }

    public static Field<Long> uint32(String name) {
        return new Field<>(name, Types.UINT32);
    }

    public static Field<Long> int64(String name) {
        return new Field<>(name, Types.INT64);
    }

    public static Field<Double> float64(String name) {
        return new Field<>(name, Types.FLOAT64);
    }

    public static Field<Uuid> uuid(String name) {
        return new Field<>(name, Types.UUID);
    }

    public static Field<String> string(String name) {
        return new Field<>(name, Types.STRING);
    }

    public static Field<byte[]> bytes(String name) {
        return new Field<>(name, Types.BYTES);
    }

    public static Field<ByteBuf> records(String name) {
        return new Field<>(name, Types.RECORDS);
    }

    /** An array of primitives, e.g. {@code Field.array("replica_nodes", Types.INT32)}. */
    public static <E> Field<List<E>> array(String name, Type<E> element) {
        return new Field<>(name, Types.arrayOf(element));
    }

    /** An array of structs. */
    public static Field<List<Struct>> structs(String name, StructSchema element) {
        return new Field<>(name, Types.arrayOf(element.type()));
    }

    /** A single nested struct. */
    public static Field<Struct> struct(String name, StructSchema schema) {
        return new Field<>(name, schema.type());
    }

    // ---- modifiers, used only while declaring -------------------------------------------------

    /** Present from {@code min} on ("N+"). */
    public Field<T> versions(int min) {
        return versions(min, MAX_VERSION);
    }

    /** Present in versions {@code min} to {@code max} inclusive. */
    public Field<T> versions(int min, int max) {
        checkOpen();
        if (min < 0 || max < min || max > MAX_VERSION) {
            throw new SchemaException("Field " + name + ": bad version range " + min + "-" + max);
        }
        this.minVersion = (short) min;
        this.maxVersion = (short) max;
        return this;
    }

    /** May be null in every version that carries it. */
    public Field<T> nullable() {
        return nullable(0, MAX_VERSION);
    }

    /** May be null from {@code min} on. */
    public Field<T> nullable(int min) {
        return nullable(min, MAX_VERSION);
    }

    public Field<T> nullable(int min, int max) {
        checkOpen();
        if (!type.hasNullForm()) {
            throw new SchemaException("Field " + name + ": type " + type + " cannot be null");
        }
        this.nullableMin = (short) min;
        this.nullableMax = (short) max;
        return this;
    }

    /** A tagged field in every (flexible) version that carries it. */
    public Field<T> tagged(int tag) {
        return tagged(tag, minVersion);
    }

    /** A tagged field from version {@code from} on; the versions before carry it as a regular field. */
    public Field<T> tagged(int tag, int from) {
        checkOpen();
        if (tag < 0) {
            throw new SchemaException("Field " + name + ": negative tag " + tag);
        }
        this.tag = tag;
        this.taggedMin = (short) from;
        return this;
    }

    /** The value held until set, and the one that may be written where no version carries the field. */
    public Field<T> defaultsTo(T value) {
        checkOpen();
        this.defaultValue = value;
        this.defaultSet = true;
        return this;
    }

    /**
     * Writing a non-default value at a version without the field silently drops it, instead of
     * failing: for fields that are hints, as Kafka marks them.
     */
    public Field<T> ignorable() {
        checkOpen();
        this.ignorable = true;
        return this;
    }

    // ---- queries ------------------------------------------------------------------------------

    public String name() {
        return name;
    }

    public Type<T> type() {
        return type;
    }

    public short minVersion() {
        return minVersion;
    }

    public short maxVersion() {
        return maxVersion;
    }

    public boolean isIn(short version) {
        return version >= minVersion && version <= maxVersion;
    }

    public boolean isNullableIn(short version) {
        return version >= nullableMin && version <= nullableMax && nullableMin >= 0;
    }

    public boolean isTaggedIn(short version) {
        return tag >= 0 && version >= taggedMin && isIn(version);
    }

    public int tag() {
        return tag;
    }

    public boolean isIgnorable() {
        return ignorable;
    }

    public T defaultValue() {
        return defaultSet ? defaultValue : type.defaultValue();
    }

    public boolean isDefault(T value) {
        return type.isDefault(value, defaultValue());
    }

    /** The schema this field belongs to, or null before it is placed in one. */
    public StructSchema owner() {
        return owner;
    }

    int index() {
        return index;
    }

    void placeIn(StructSchema schema, int index) {
        if (owner != null) {
            throw new SchemaException("Field " + name + " is already part of " + owner.name()
                + "; declare a separate field for " + schema.name());
        }
        if (tag >= 0 && taggedMin > maxVersion) {
            throw new SchemaException("Field " + name + " is tagged from v" + taggedMin + " but ends at v" + maxVersion);
        }
        this.owner = schema;
        this.index = index;
    }

    private void checkOpen() {
        if (owner != null) {
            throw new SchemaException("Field " + name + " is frozen: it belongs to " + owner.name());
        }
    }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
