package io.strand.broker.reliability;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.Uuid;
import io.strand.common.compress.Compression;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Type;
import io.strand.common.protocol.types.Types;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MemoryRecordsBuilder;
import io.strand.common.record.TimestampType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fills any request or response schema at any version from a seed: small numbers, names from a
 * small pool, short arrays, and for records a real v2 batch, so that what it builds is both
 * valid on the wire and often meaningful to a broker or client. Shared with the clients
 * module's reliability tests through this module's test-jar.
 */
public final class RandomStructs {

    private static final String[] NAMES = {"fuzz-0", "fuzz-1", "fuzz-2", "", "group-0", "consumer", "range", "x.y_z"};
    private static final int[] INTS = {-1, 0, 1, 2, 3, 5, 100, 1000};
    private static final long[] LONGS = {-2, -1, 0, 1, 5, 1000, 1_700_000_000_000L};

    private final Random random;

    public RandomStructs(Random random) {
        this.random = random;
    }

    public Struct fill(StructSchema schema, short version) {
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
        if (f.isNullableIn(version) && random.nextInt(6) == 0) {
            s.set(f, null);
        } else {
            s.set(f, (T) value(f.type(), version));
        }
    }

    private Object value(Type<?> type, short version) {
        if (type.elementType() != null) {
            List<Object> list = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                list.add(value(type.elementType(), version));
            }
            return list;
        }
        if (type.structSchema() != null) {
            return fill(type.structSchema(), version);
        }
        if (type == Types.BOOLEAN) {
            return random.nextBoolean();
        } else if (type == Types.INT8) {
            return (byte) random.nextInt(4);
        } else if (type == Types.INT16) {
            return (short) (random.nextInt(7) - 1);
        } else if (type == Types.UINT16) {
            return random.nextInt(6);
        } else if (type == Types.INT32) {
            return INTS[random.nextInt(INTS.length)];
        } else if (type == Types.UINT32) {
            return (long) random.nextInt(6);
        } else if (type == Types.INT64) {
            return LONGS[random.nextInt(LONGS.length)];
        } else if (type == Types.FLOAT64) {
            return random.nextDouble();
        } else if (type == Types.UUID) {
            return random.nextBoolean() ? Uuid.ZERO_UUID : new Uuid(random.nextLong(), random.nextLong());
        } else if (type == Types.STRING) {
            return NAMES[random.nextInt(NAMES.length)];
        } else if (type == Types.BYTES) {
            byte[] b = new byte[random.nextInt(17)];
            random.nextBytes(b);
            return b;
        } else if (type == Types.RECORDS) {
            return records();
        }
        throw new IllegalArgumentException("No value for type " + type.name());
    }

    /** One v2 batch of 1 to 3 records, idempotent or not, compressed or not. */
    private ByteBuf records() {
        ByteBuf out = Unpooled.buffer();
        Compression compression = switch (random.nextInt(4)) {
            case 0 -> Compression.gzip().build();
            case 1 -> Compression.lz4().build();
            default -> Compression.NONE;
        };
        MemoryRecordsBuilder b = MemoryRecords.builder(out, compression, TimestampType.CREATE_TIME, 0);
        if (random.nextBoolean()) {
            b.producerState(random.nextInt(3), (short) 0, random.nextInt(3), false);
        }
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.append(System.currentTimeMillis(), random.nextBoolean() ? null : ("k" + i).getBytes(StandardCharsets.UTF_8),
                ("value-" + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8));
        }
        b.build();
        return out;
    }

    /** Releases the record buffers {@link #fill} put into {@code s}. */
    public static void release(Struct s) {
        for (Field<?> f : s.schema().fields()) {
            releaseRecords(s, f);
        }
    }

    private static void releaseRecords(Struct s, Field<?> f) {
        Object v = s.get(f);
        if (v instanceof ByteBuf b) {
            b.release();
        } else if (v instanceof Struct nested) {
            nested.schema().fields().forEach(g -> releaseRecords(nested, g));
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Struct nested) {
                    nested.schema().fields().forEach(g -> releaseRecords(nested, g));
                }
            }
        }
    }
}
