package io.strand.common.protocol.types;

import io.netty.buffer.ByteBuf;
import io.strand.common.errors.UnsupportedVersionException;
import io.strand.common.utils.ByteUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An ordered list of fields: the body of a request or response, or an element of one of its
 * arrays. Reading and writing run from a per-version plan (which fields are regular, which are
 * tagged, which are absent), computed once per version, so that no code anywhere asks "is this
 * field in this version" while a message is on the wire.
 */
public final class StructSchema {

    private final String name;
    private final Field<?>[] fields;
    private final StructType type = new StructType();
    private final Plan[] plans = new Plan[Field.MAX_VERSION + 1];

    private StructSchema(String name, Field<?>[] fields) {
        this.name = name;
        this.fields = fields.clone();
        for (int i = 0; i < this.fields.length; i++) {
            this.fields[i].placeIn(this, i);
        }
        checkTags();
    }

    /** Declares a struct; the order of {@code fields} is the order on the wire. */
    public static StructSchema of(String name, Field<?>... fields) {
        return new StructSchema(name, fields);
    }

    public String name() {
        return name;
    }

    public List<Field<?>> fields() {
        return List.of(fields);
    }

    public Struct newStruct() {
        return new Struct(this);
    }

    /** This schema as the type of a field that holds one struct (or, in arrays, each element). */
    public Type<Struct> type() {
        return type;
    }

    /** The struct schema a field holds directly or as array elements, or null for other fields. */
    public static StructSchema nestedSchemaOf(Field<?> f) {
        Type<?> t = f.type().elementType() != null ? f.type().elementType() : f.type();
        return t.structSchema();
    }

    // ---- writing ----------------------------------------------------------------------------

    public void write(ByteBuf out, Struct struct, short version, boolean flexible) {
        if (struct.schema() != this) {
            throw new SchemaException("Cannot write a " + struct.schema().name() + " struct as " + name);
        }
        Plan plan = plan(version);
        Object[] values = struct.values();
        for (Field<?> f : plan.absent) {
            if (!isDefault(f, values[f.index()]) && !f.isIgnorable()) {
                throw new UnsupportedVersionException("Attempted to write a non-default " + f.name() + " in "
                    + name + " at version " + version + ", which has no such field (versions "
                    + f.minVersion() + (f.maxVersion() == Field.MAX_VERSION ? "+" : "-" + f.maxVersion()) + ")");
            }
        }
        for (Field<?> f : plan.regular) {
            writeField(out, f, values[f.index()], version, flexible);
        }
        if (flexible) {
            writeTaggedFields(out, struct, plan, version);
        } else if (plan.tagged.length > 0) {
            throw new SchemaException(name + " v" + version + " has tagged fields but the version is not flexible");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void writeField(ByteBuf out, Field<T> f, Object value, short version, boolean flexible) {
        if (value == null && !f.isNullableIn(version)) {
            throw new SchemaException("Field " + f.name() + " is null but not nullable in version " + version);
        }
        f.type().write(out, (T) value, version, flexible, f.isNullableIn(version));
    }

    @SuppressWarnings("unchecked")
    private static <T> boolean isDefault(Field<T> f, Object value) {
        return f.isDefault((T) value);
    }

    private void writeTaggedFields(ByteBuf out, Struct struct, Plan plan, short version) {
        Object[] values = struct.values();
        List<RawTaggedField> unknown = struct.unknownTaggedFields();
        int count = unknown.size();
        for (Field<?> f : plan.tagged) {
            if (!isDefault(f, values[f.index()])) {
                count++;
            }
        }
        ByteUtils.writeUnsignedVarint(count, out);
        if (count == 0) {
            return;
        }
        int u = 0;
        for (Field<?> f : plan.tagged) {
            while (u < unknown.size() && unknown.get(u).tag() < f.tag()) {
                writeRaw(out, unknown.get(u++));
            }
            Object value = values[f.index()];
            if (isDefault(f, value)) {
                continue;
            }
            ByteUtils.writeUnsignedVarint(f.tag(), out);
            ByteUtils.writeUnsignedVarint(sizeOfField(f, value, version, true), out);
            writeField(out, f, value, version, true);
        }
        while (u < unknown.size()) {
            writeRaw(out, unknown.get(u++));
        }
    }

    private static void writeRaw(ByteBuf out, RawTaggedField raw) {
        ByteUtils.writeUnsignedVarint(raw.tag(), out);
        ByteUtils.writeUnsignedVarint(raw.data().length, out);
        out.writeBytes(raw.data());
    }

    // ---- sizing -----------------------------------------------------------------------------

    /**
     * The exact size {@link #write} produces, so that a frame is allocated once at its final
     * size and its bytes are never copied by a growing buffer.
     */
    public int sizeOf(Struct struct, short version, boolean flexible) {
        Plan plan = plan(version);
        Object[] values = struct.values();
        int size = 0;
        for (Field<?> f : plan.regular) {
            size += sizeOfField(f, values[f.index()], version, flexible);
        }
        if (flexible) {
            List<RawTaggedField> unknown = struct.unknownTaggedFields();
            int count = unknown.size();
            for (RawTaggedField raw : unknown) {
                size += ByteUtils.sizeOfUnsignedVarint(raw.tag()) + ByteUtils.sizeOfUnsignedVarint(raw.data().length)
                    + raw.data().length;
            }
            for (Field<?> f : plan.tagged) {
                Object value = values[f.index()];
                if (!isDefault(f, value)) {
                    count++;
                    int valueSize = sizeOfField(f, value, version, true);
                    size += ByteUtils.sizeOfUnsignedVarint(f.tag()) + ByteUtils.sizeOfUnsignedVarint(valueSize) + valueSize;
                }
            }
            size += ByteUtils.sizeOfUnsignedVarint(count);
        }
        return size;
    }

    @SuppressWarnings("unchecked")
    private static <T> int sizeOfField(Field<T> f, Object value, short version, boolean flexible) {
        return f.type().sizeOf((T) value, version, flexible, f.isNullableIn(version));
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * Reads a struct.
     *
     * @throws DecodeFailure with the path of the field that could not be read
     */
    public Struct read(ByteBuf in, short version, boolean flexible) {
        Plan plan = plan(version);
        Struct struct = new Struct(this);
        Object[] values = struct.values();
        for (Field<?> f : plan.regular) {
            try {
                values[f.index()] = f.type().read(in, version, flexible, f.isNullableIn(version));
            } catch (DecodeFailure e) {
                throw e.within(f.name());
            }
        }
        if (flexible) {
            readTaggedFields(in, struct, plan, version);
        }
        return struct;
    }

    private void readTaggedFields(ByteBuf in, Struct struct, Plan plan, short version) {
        int count = Types.readUnsignedVarint(in);
        if (count > in.readableBytes()) {
            throw new DecodeFailure(count + " tagged fields but only " + in.readableBytes() + " bytes remain")
                .within("_tagged_fields");
        }
        int previousTag = -1;
        for (int i = 0; i < count; i++) {
            int tag = Types.readUnsignedVarint(in);
            int size = Types.readUnsignedVarint(in);
            if (tag <= previousTag && previousTag >= 0) {
                throw new DecodeFailure("tag " + tag + " follows tag " + previousTag + ": tags must ascend")
                    .within("_tagged_fields");
            }
            previousTag = tag;
            if (size < 0 || size > in.readableBytes()) {
                throw new DecodeFailure("tagged field " + tag + " claims " + Integer.toUnsignedString(size)
                    + " bytes but only " + in.readableBytes() + " remain").within("_tagged_fields");
            }
            Field<?> f = plan.taggedField(tag);
            if (f == null) {
                byte[] data = new byte[size];
                in.readBytes(data);
                struct.addUnknownTaggedField(new RawTaggedField(tag, data));
                continue;
            }
            ByteBuf slice = in.readSlice(size);
            try {
                struct.values()[f.index()] = f.type().read(slice, version, true, f.isNullableIn(version));
            } catch (DecodeFailure e) {
                throw e.within(f.name());
            }
            if (slice.isReadable()) {
                throw new DecodeFailure("tagged field " + tag + " has " + slice.readableBytes()
                    + " bytes left over after its value").within(f.name());
            }
        }
    }

    // ---- plans --------------------------------------------------------------------------------

    private Plan plan(short version) {
        if (version < 0 || version > Field.MAX_VERSION) {
            throw new SchemaException(name + ": version " + version + " is out of range");
        }
        Plan p = plans[version];
        if (p == null) {
            // Benign race: two threads may build the same immutable plan; either one is right.
            p = new Plan(fields, version);
            plans[version] = p;
        }
        return p;
    }

    private void checkTags() {
        List<Integer> seen = new ArrayList<>();
        for (Field<?> f : fields) {
            if (f.tag() >= 0) {
                if (seen.contains(f.tag())) {
                    throw new SchemaException(name + ": tag " + f.tag() + " used twice");
                }
                seen.add(f.tag());
            }
        }
    }

    /** Which fields a version carries, and how. Immutable once built. */
    private static final class Plan {
        final Field<?>[] regular;
        final Field<?>[] tagged;
        final Field<?>[] absent;

        Plan(Field<?>[] fields, short version) {
            List<Field<?>> r = new ArrayList<>();
            List<Field<?>> t = new ArrayList<>();
            List<Field<?>> a = new ArrayList<>();
            for (Field<?> f : fields) {
                if (!f.isIn(version)) {
                    a.add(f);
                } else if (f.isTaggedIn(version)) {
                    t.add(f);
                } else {
                    r.add(f);
                }
            }
            t.sort(Comparator.comparingInt(Field::tag));
            regular = r.toArray(new Field<?>[0]);
            tagged = t.toArray(new Field<?>[0]);
            absent = a.toArray(new Field<?>[0]);
        }

        Field<?> taggedField(int tag) {
            for (Field<?> f : tagged) {
                if (f.tag() == tag) {
                    return f;
                }
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(fields);
    }

    /** A struct as a field value: nullable structs carry an int8 marker (-1 null, 1 present). */
    private final class StructType extends Type<Struct> {
        StructType() {
            super("STRUCT");
        }

        @Override
        public void write(ByteBuf out, Struct value, short version, boolean flexible, boolean nullable) {
            if (nullable) {
                out.writeByte(value == null ? -1 : 1);
            }
            if (value != null) {
                StructSchema.this.write(out, value, version, flexible);
            }
        }

        @Override
        public int sizeOf(Struct value, short version, boolean flexible, boolean nullable) {
            return (nullable ? 1 : 0) + (value == null ? 0 : StructSchema.this.sizeOf(value, version, flexible));
        }

        @Override
        public Struct read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            if (nullable) {
                if (!in.isReadable()) {
                    throw new DecodeFailure("struct presence marker needs 1 byte but none remain");
                }
                byte marker = in.readByte();
                if (marker < 0) {
                    return null;
                }
            }
            return StructSchema.this.read(in, version, flexible);
        }

        @Override
        public Struct defaultValue() {
            return new Struct(StructSchema.this);
        }

        @Override
        public StructSchema structSchema() {
            return StructSchema.this;
        }

        @Override
        public boolean isDefault(Struct value, Struct defaultValue) {
            return value == null ? defaultValue == null : value.equals(defaultValue);
        }

        @Override
        public boolean hasNullForm() {
            return true;
        }

        @Override
        public Class<?> valueClass() {
            return Struct.class;
        }
    }
}
