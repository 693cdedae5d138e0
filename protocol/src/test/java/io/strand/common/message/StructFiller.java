package io.strand.common.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.Uuid;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Type;
import io.strand.common.protocol.types.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills every field a version carries with a value that differs from its default, so that a
 * round trip proves each field's position, type and encoding. With {@code nulls} set, fields
 * that may be null in the version are null instead, to prove the null forms.
 */
final class StructFiller {

    private int counter = 1;
    private final boolean nulls;

    StructFiller(boolean nulls) {
        this.nulls = nulls;
    }

    Struct fill(StructSchema schema, short version) {
        Struct s = schema.newStruct();
        for (Field<?> f : schema.fields()) {
            if (f.isIn(version)) {
                set(s, f, version);
            }
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private <T> void set(Struct s, Field<T> f, short version) {
        if (nulls && f.isNullableIn(version) && f.defaultValue() != null) {
            s.set(f, null);
            return;
        }
        T value = f.type() == Types.BOOLEAN ? (T) Boolean.valueOf(!(Boolean) f.defaultValue())
            : (T) valueOf(f.type(), version);
        if (f.isDefault(value)) {
            throw new IllegalStateException(f.name() + ": the filler produced the default " + value);
        }
        s.set(f, value);
    }

    private Object valueOf(Type<?> type, short version) {
        int n = counter++;
        if (type.elementType() != null) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                list.add(valueOf(type.elementType(), version));
            }
            return list;
        }
        if (type.structSchema() != null) {
            return fill(type.structSchema(), version);
        }
        if (type == Types.BOOLEAN) {
            return Boolean.TRUE;
        } else if (type == Types.INT8) {
            return (byte) (n % 100 + 1);
        } else if (type == Types.INT16) {
            return (short) (1000 + n);
        } else if (type == Types.UINT16) {
            return 40000 + n;
        } else if (type == Types.INT32) {
            return 100000 + n;
        } else if (type == Types.UINT32) {
            return 3000000000L + n;
        } else if (type == Types.INT64) {
            return 10000000000L + n;
        } else if (type == Types.FLOAT64) {
            return 1.5 + n;
        } else if (type == Types.UUID) {
            return new Uuid(0x1234_5678_9abc_def0L + n, 0x0fed_cba9_8765_4321L + n);
        } else if (type == Types.STRING) {
            return "v" + n + "-\u00e9\u4e2d";
        } else if (type == Types.BYTES) {
            return new byte[] {(byte) n, 1, 2, (byte) 0xff};
        } else if (type == Types.RECORDS) {
            ByteBuf b = Unpooled.buffer();
            for (int i = 0; i < 7; i++) {
                b.writeByte(n + i);
            }
            return b;
        }
        throw new IllegalArgumentException("no filler for " + type);
    }
}
