package io.strand.common.protocol.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The values of one message or nested element, keyed by the {@link Field} constants of its
 * schema. A new struct holds every field's default.
 *
 * <p>Defaults of array fields are immutable empty lists: set a new list rather than adding to
 * the default one.
 */
public final class Struct {

    private final StructSchema schema;
    private final Object[] values;
    private List<RawTaggedField> unknownTaggedFields = Collections.emptyList();

    Struct(StructSchema schema) {
        this.schema = schema;
        List<Field<?>> fields = schema.fields();
        this.values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(i).defaultValue();
        }
    }

    public StructSchema schema() {
        return schema;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Field<T> field) {
        return (T) values[indexOf(field)];
    }

    public <T> Struct set(Field<T> field, T value) {
        if (value != null && !field.type().valueClass().isInstance(value)) {
            throw new SchemaException("Field " + field.name() + " of " + schema.name() + " takes "
                + field.type().valueClass().getSimpleName() + ", not " + value.getClass().getSimpleName());
        }
        values[indexOf(field)] = value;
        return this;
    }

    // Unboxing shorthands for the common numeric fields.

    public int getInt(Field<Integer> field) {
        return get(field);
    }

    public long getLong(Field<Long> field) {
        return get(field);
    }

    public short getShort(Field<Short> field) {
        return get(field);
    }

    public byte getByte(Field<Byte> field) {
        return get(field);
    }

    public boolean getBoolean(Field<Boolean> field) {
        return get(field);
    }

    /** Sets an INT16 field from an int, failing if it does not fit. */
    public Struct setShort(Field<Short> field, int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new SchemaException("Field " + field.name() + " is INT16; " + value + " does not fit");
        }
        return set(field, (short) value);
    }

    /** Sets an INT8 field from an int, failing if it does not fit. */
    public Struct setByte(Field<Byte> field, int value) {
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
            throw new SchemaException("Field " + field.name() + " is INT8; " + value + " does not fit");
        }
        return set(field, (byte) value);
    }

    /** Tagged fields this definition did not know, in tag order, kept to be written back. */
    public List<RawTaggedField> unknownTaggedFields() {
        return unknownTaggedFields;
    }

    void addUnknownTaggedField(RawTaggedField field) {
        if (unknownTaggedFields.isEmpty()) {
            unknownTaggedFields = new ArrayList<>(2);
        }
        unknownTaggedFields.add(field);
    }

    Object[] values() {
        return values;
    }

    private int indexOf(Field<?> field) {
        if (field.owner() != schema) {
            throw new SchemaException("Field " + field.name() + " belongs to "
                + (field.owner() == null ? "no schema" : field.owner().name()) + ", not " + schema.name());
        }
        return field.index();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Struct)) {
            return false;
        }
        Struct other = (Struct) o;
        return schema == other.schema && Arrays.deepEquals(values, other.values)
            && unknownTaggedFields.equals(other.unknownTaggedFields);
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(schema) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema.name()).append('(');
        List<Field<?>> fields = schema.fields();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields.get(i).name()).append('=');
            Object v = values[i];
            if (v instanceof byte[]) {
                sb.append(((byte[]) v).length).append(" bytes");
            } else if (v instanceof io.netty.buffer.ByteBuf) {
                sb.append(((io.netty.buffer.ByteBuf) v).readableBytes()).append(" bytes");
            } else {
                sb.append(Objects.toString(v));
            }
        }
        return sb.append(')').toString();
    }
}
