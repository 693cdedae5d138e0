package io.strand.common.protocol.types;

import io.netty.buffer.ByteBuf;
import io.strand.common.Uuid;
import io.strand.common.utils.ByteUtils;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The protocol's primitive types. Compound types (arrays, structs) are made by {@link #arrayOf} and {@link StructSchema}. */
public final class Types {

    private Types() {
    }

    public static final Type<Boolean> BOOLEAN = new Fixed<>("BOOLEAN", 1, Boolean.FALSE, Boolean.class) {
        @Override
        void put(ByteBuf out, Boolean v) {
            out.writeByte(v ? 1 : 0);
        }

        @Override
        Boolean get(ByteBuf in) {
            return in.readByte() != 0;
        }
    };

    public static final Type<Byte> INT8 = new Fixed<>("INT8", 1, (byte) 0, Byte.class) {
        @Override
        void put(ByteBuf out, Byte v) {
            out.writeByte(v);
        }

        @Override
        Byte get(ByteBuf in) {
            return in.readByte();
        }
    };

    public static final Type<Short> INT16 = new Fixed<>("INT16", 2, (short) 0, Short.class) {
        @Override
        void put(ByteBuf out, Short v) {
            out.writeShort(v);
        }

        @Override
        Short get(ByteBuf in) {
            return in.readShort();
        }
    };

    public static final Type<Integer> UINT16 = new Fixed<>("UINT16", 2, 0, Integer.class) {
        @Override
        void put(ByteBuf out, Integer v) {
            if (v < 0 || v > 0xFFFF) {
                throw new SchemaException("UINT16 value " + v + " is out of range 0..65535");
            }
            out.writeShort(v);
        }

        @Override
        Integer get(ByteBuf in) {
            return in.readUnsignedShort();
        }
    };

    public static final Type<Integer> INT32 = new Fixed<>("INT32", 4, 0, Integer.class) {
        @Override
        void put(ByteBuf out, Integer v) {
            out.writeInt(v);
        }

        @Override
        Integer get(ByteBuf in) {
            return in.readInt();
        }
    };

    public static final Type<Long> UINT32 = new Fixed<>("UINT32", 4, 0L, Long.class) {
        @Override
        void put(ByteBuf out, Long v) {
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new SchemaException("UINT32 value " + v + " is out of range 0..4294967295");
            }
            out.writeInt((int) (long) v);
        }

        @Override
        Long get(ByteBuf in) {
            return in.readUnsignedInt();
        }
    };

    public static final Type<Long> INT64 = new Fixed<>("INT64", 8, 0L, Long.class) {
        @Override
        void put(ByteBuf out, Long v) {
            out.writeLong(v);
        }

        @Override
        Long get(ByteBuf in) {
            return in.readLong();
        }
    };

    public static final Type<Double> FLOAT64 = new Fixed<>("FLOAT64", 8, 0.0, Double.class) {
        @Override
        void put(ByteBuf out, Double v) {
            out.writeDouble(v);
        }

        @Override
        Double get(ByteBuf in) {
            return in.readDouble();
        }

        @Override
        public boolean isDefault(Double value, Double defaultValue) {
            // Bitwise, as Kafka compares doubles: -0.0 and NaN payloads are not the default.
            return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(defaultValue);
        }
    };

    public static final Type<Uuid> UUID = new Fixed<>("UUID", 16, Uuid.ZERO_UUID, Uuid.class) {
        @Override
        void put(ByteBuf out, Uuid v) {
            out.writeLong(v.getMostSignificantBits());
            out.writeLong(v.getLeastSignificantBits());
        }

        @Override
        Uuid get(ByteBuf in) {
            return new Uuid(in.readLong(), in.readLong());
        }
    };

    /** Signed varint, zigzag encoded. Used by the record format; message fields do not use it. */
    public static final Type<Integer> VARINT = new Type<>("VARINT") {
        @Override
        public void write(ByteBuf out, Integer value, short version, boolean flexible, boolean nullable) {
            ByteUtils.writeVarint(value, out);
        }

        @Override
        public int sizeOf(Integer value, short version, boolean flexible, boolean nullable) {
            return ByteUtils.sizeOfVarint(value);
        }

        @Override
        public Integer read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            try {
                return ByteUtils.readVarint(in);
            } catch (IllegalArgumentException e) {
                throw new DecodeFailure(e.getMessage());
            }
        }

        @Override
        public Integer defaultValue() {
            return 0;
        }

        @Override
        public Class<?> valueClass() {
            return Integer.class;
        }
    };

    /** Signed varlong, zigzag encoded. */
    public static final Type<Long> VARLONG = new Type<>("VARLONG") {
        @Override
        public void write(ByteBuf out, Long value, short version, boolean flexible, boolean nullable) {
            ByteUtils.writeVarlong(value, out);
        }

        @Override
        public int sizeOf(Long value, short version, boolean flexible, boolean nullable) {
            return ByteUtils.sizeOfVarlong(value);
        }

        @Override
        public Long read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            try {
                return ByteUtils.readVarlong(in);
            } catch (IllegalArgumentException e) {
                throw new DecodeFailure(e.getMessage());
            }
        }

        @Override
        public Long defaultValue() {
            return 0L;
        }

        @Override
        public Class<?> valueClass() {
            return Long.class;
        }
    };

    /** Unsigned varint: lengths in flexible versions and tagged-field headers. */
    public static final Type<Integer> UNSIGNED_VARINT = new Type<>("UNSIGNED_VARINT") {
        @Override
        public void write(ByteBuf out, Integer value, short version, boolean flexible, boolean nullable) {
            ByteUtils.writeUnsignedVarint(value, out);
        }

        @Override
        public int sizeOf(Integer value, short version, boolean flexible, boolean nullable) {
            return ByteUtils.sizeOfUnsignedVarint(value);
        }

        @Override
        public Integer read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            return readUnsignedVarint(in);
        }

        @Override
        public Integer defaultValue() {
            return 0;
        }

        @Override
        public Class<?> valueClass() {
            return Integer.class;
        }
    };

    /** STRING / NULLABLE_STRING, or COMPACT_STRING / COMPACT_NULLABLE_STRING in flexible versions. */
    public static final Type<String> STRING = new Type<>("STRING") {
        @Override
        public void write(ByteBuf out, String value, short version, boolean flexible, boolean nullable) {
            if (value == null) {
                writeLength(out, -1, flexible, true);
                return;
            }
            // Measure, then encode straight into the frame: no intermediate byte[] per string.
            int utf8 = io.netty.buffer.ByteBufUtil.utf8Bytes(value);
            if (utf8 > Short.MAX_VALUE) {
                throw new SchemaException("String of " + utf8 + " UTF-8 bytes is longer than the protocol's limit of "
                    + Short.MAX_VALUE);
            }
            writeLength(out, utf8, flexible, true);
            // reserve exactly utf8 bytes: writeCharSequence would reserve the worst case and
            // grow (copy) a buffer that was allocated at its exact size
            io.netty.buffer.ByteBufUtil.reserveAndWriteUtf8(out, value, utf8);
        }

        @Override
        public int sizeOf(String value, short version, boolean flexible, boolean nullable) {
            if (value == null) {
                return sizeOfLength(-1, flexible, true);
            }
            int utf8 = io.netty.buffer.ByteBufUtil.utf8Bytes(value);
            return sizeOfLength(utf8, flexible, true) + utf8;
        }

        @Override
        public String read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            int len = readLength(in, flexible, true);
            if (len < 0) {
                if (!nullable) {
                    throw new DecodeFailure("null string where the field is not nullable");
                }
                return null;
            }
            if (len > Short.MAX_VALUE) {
                throw new DecodeFailure("string length " + len + " exceeds " + Short.MAX_VALUE);
            }
            need(in, len, "string");
            String s = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
            in.skipBytes(len);
            return s;
        }

        @Override
        public String defaultValue() {
            return "";
        }

        @Override
        public boolean hasNullForm() {
            return true;
        }

        @Override
        public Class<?> valueClass() {
            return String.class;
        }
    };

    /** BYTES / NULLABLE_BYTES, or their compact forms in flexible versions. */
    public static final Type<byte[]> BYTES = new Type<>("BYTES") {
        private final byte[] empty = new byte[0];

        @Override
        public void write(ByteBuf out, byte[] value, short version, boolean flexible, boolean nullable) {
            if (value == null) {
                writeLength(out, -1, flexible, false);
                return;
            }
            writeLength(out, value.length, flexible, false);
            out.writeBytes(value);
        }

        @Override
        public int sizeOf(byte[] value, short version, boolean flexible, boolean nullable) {
            return value == null ? sizeOfLength(-1, flexible, false) : sizeOfLength(value.length, flexible, false)
                + value.length;
        }

        @Override
        public byte[] read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            int len = readLength(in, flexible, false);
            if (len < 0) {
                if (!nullable) {
                    throw new DecodeFailure("null bytes where the field is not nullable");
                }
                return null;
            }
            need(in, len, "bytes");
            byte[] b = new byte[len];
            in.readBytes(b);
            return b;
        }

        @Override
        public byte[] defaultValue() {
            return empty;
        }

        @Override
        public boolean isDefault(byte[] value, byte[] defaultValue) {
            return Arrays.equals(value, defaultValue);
        }

        @Override
        public boolean hasNullForm() {
            return true;
        }

        @Override
        public Class<?> valueClass() {
            return byte[].class;
        }
    };

    /**
     * RECORDS: length-prefixed record batches. Decoding returns a slice that shares the frame's
     * memory (no copy, not retained): the caller keeps the frame alive while it uses the slice.
     * Writing copies the readable bytes of the given buffer without moving its indexes.
     */
    public static final Type<ByteBuf> RECORDS = new Type<>("RECORDS") {
        @Override
        public void write(ByteBuf out, ByteBuf value, short version, boolean flexible, boolean nullable) {
            if (value == null) {
                writeLength(out, -1, flexible, false);
                return;
            }
            writeLength(out, value.readableBytes(), flexible, false);
            out.writeBytes(value, value.readerIndex(), value.readableBytes());
        }

        @Override
        public int sizeOf(ByteBuf value, short version, boolean flexible, boolean nullable) {
            return value == null ? sizeOfLength(-1, flexible, false)
                : sizeOfLength(value.readableBytes(), flexible, false) + value.readableBytes();
        }

        @Override
        public ByteBuf read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            int len = readLength(in, flexible, false);
            if (len < 0) {
                if (!nullable) {
                    throw new DecodeFailure("null records where the field is not nullable");
                }
                return null;
            }
            need(in, len, "records");
            return in.readSlice(len);
        }

        @Override
        public ByteBuf defaultValue() {
            return null;
        }

        @Override
        public boolean hasNullForm() {
            return true;
        }

        @Override
        public Class<?> valueClass() {
            return ByteBuf.class;
        }
    };

    /** An array of elements: ARRAY (int32 length) or COMPACT_ARRAY (unsigned varint length + 1). */
    public static <E> Type<List<E>> arrayOf(Type<E> element) {
        return new ArrayOf<>(element);
    }

    static final class ArrayOf<E> extends Type<List<E>> {
        final Type<E> element;

        ArrayOf(Type<E> element) {
            super("ARRAY[" + element.name() + "]");
            this.element = element;
        }

        @Override
        public void write(ByteBuf out, List<E> value, short version, boolean flexible, boolean nullable) {
            if (value == null) {
                writeLength(out, -1, flexible, false);
                return;
            }
            int n = value.size();
            writeLength(out, n, flexible, false);
            for (int i = 0; i < n; i++) {
                E e = value.get(i);
                if (e == null) {
                    throw new SchemaException("array element " + i + " is null");
                }
                element.write(out, e, version, flexible, false);
            }
        }

        @Override
        public int sizeOf(List<E> value, short version, boolean flexible, boolean nullable) {
            if (value == null) {
                return sizeOfLength(-1, flexible, false);
            }
            int n = value.size();
            int size = sizeOfLength(n, flexible, false);
            for (int i = 0; i < n; i++) {
                size += element.sizeOf(value.get(i), version, flexible, false);
            }
            return size;
        }

        @Override
        public List<E> read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            int n = readLength(in, flexible, false);
            if (n < 0) {
                if (!nullable) {
                    throw new DecodeFailure("null array where the field is not nullable");
                }
                return null;
            }
            // Every element takes at least one byte: a count above the bytes left is a lie, and
            // refusing it here keeps a 4-byte frame from allocating a 2-billion-slot list.
            if (n > in.readableBytes()) {
                throw new DecodeFailure("array of " + n + " elements but only " + in.readableBytes() + " bytes remain");
            }
            List<E> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                try {
                    list.add(element.read(in, version, flexible, false));
                } catch (DecodeFailure e) {
                    throw e.atIndex(i);
                }
            }
            return list;
        }

        @Override
        public List<E> defaultValue() {
            return Collections.emptyList();
        }

        @Override
        public Type<?> elementType() {
            return element;
        }

        @Override
        public boolean isDefault(List<E> value, List<E> defaultValue) {
            return value == null ? defaultValue == null : value.isEmpty() && defaultValue != null && defaultValue.isEmpty();
        }

        @Override
        public boolean hasNullForm() {
            return true;
        }

        @Override
        public Class<?> valueClass() {
            return List.class;
        }
    }

    /** Fixed-width numbers and ids: the length check is done once here for all of them. */
    abstract static class Fixed<T> extends Type<T> {
        private final int size;
        private final T defaultValue;
        private final Class<T> valueClass;

        Fixed(String name, int size, T defaultValue, Class<T> valueClass) {
            super(name);
            this.size = size;
            this.defaultValue = defaultValue;
            this.valueClass = valueClass;
        }

        abstract void put(ByteBuf out, T value);

        abstract T get(ByteBuf in);

        @Override
        public final void write(ByteBuf out, T value, short version, boolean flexible, boolean nullable) {
            put(out, value);
        }

        @Override
        public final int sizeOf(T value, short version, boolean flexible, boolean nullable) {
            return size;
        }

        @Override
        public final T read(ByteBuf in, short version, boolean flexible, boolean nullable) {
            if (in.readableBytes() < size) {
                throw new DecodeFailure(name() + " needs " + size + " bytes but only " + in.readableBytes() + " remain");
            }
            return get(in);
        }

        @Override
        public T defaultValue() {
            return defaultValue;
        }

        @Override
        public Class<?> valueClass() {
            return valueClass;
        }
    }

    /**
     * Writes a length or count. Strings use int16 in classic versions; bytes, records and arrays
     * int32; flexible versions use an unsigned varint of length + 1, with 0 meaning null.
     */
    static void writeLength(ByteBuf out, int length, boolean flexible, boolean shortLength) {
        if (flexible) {
            ByteUtils.writeUnsignedVarint(length + 1, out);
        } else if (shortLength) {
            out.writeShort(length);
        } else {
            out.writeInt(length);
        }
    }

    static int sizeOfLength(int length, boolean flexible, boolean shortLength) {
        return flexible ? ByteUtils.sizeOfUnsignedVarint(length + 1) : shortLength ? 2 : 4;
    }

    /** Reads a length or count; returns -1 for null and rejects any other negative value. */
    static int readLength(ByteBuf in, boolean flexible, boolean shortLength) {
        int len;
        if (flexible) {
            len = readUnsignedVarint(in) - 1;
            if (len < -1) {
                // an unsigned varint above 2^31 wraps negative: reject it as a length
                throw new DecodeFailure("compact length " + Integer.toUnsignedString(len + 1) + " is out of range");
            }
        } else if (shortLength) {
            Type.need(in, 2, "length");
            len = in.readShort();
        } else {
            Type.need(in, 4, "length");
            len = in.readInt();
        }
        if (len < -1) {
            throw new DecodeFailure("negative length " + len);
        }
        return len;
    }

    static int readUnsignedVarint(ByteBuf in) {
        try {
            return ByteUtils.readUnsignedVarint(in);
        } catch (IllegalArgumentException e) {
            throw new DecodeFailure(e.getMessage());
        }
    }
}
