package io.strand.common.serialization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Edge values and seeded random values for every built-in serde whose value type both clients share. */
final class SerdeCases {

    private static final int RANDOM_COUNT = 200;

    private SerdeCases() {
    }

    static List<SerdeCase> all() {
        return List.of(
                SerdeCase.of("Short", ShortSerializer::new, ShortDeserializer::new,
                        org.apache.kafka.common.serialization.ShortSerializer::new,
                        org.apache.kafka.common.serialization.ShortDeserializer::new, shorts()),
                SerdeCase.of("Integer", IntegerSerializer::new, IntegerDeserializer::new,
                        org.apache.kafka.common.serialization.IntegerSerializer::new,
                        org.apache.kafka.common.serialization.IntegerDeserializer::new, integers()),
                SerdeCase.of("Long", LongSerializer::new, LongDeserializer::new,
                        org.apache.kafka.common.serialization.LongSerializer::new,
                        org.apache.kafka.common.serialization.LongDeserializer::new, longs()),
                SerdeCase.of("Float", FloatSerializer::new, FloatDeserializer::new,
                        org.apache.kafka.common.serialization.FloatSerializer::new,
                        org.apache.kafka.common.serialization.FloatDeserializer::new, floats()),
                SerdeCase.of("Double", DoubleSerializer::new, DoubleDeserializer::new,
                        org.apache.kafka.common.serialization.DoubleSerializer::new,
                        org.apache.kafka.common.serialization.DoubleDeserializer::new, doubles()),
                SerdeCase.of("String", StringSerializer::new, StringDeserializer::new,
                        org.apache.kafka.common.serialization.StringSerializer::new,
                        org.apache.kafka.common.serialization.StringDeserializer::new, strings()),
                SerdeCase.of("ByteArray", ByteArraySerializer::new, ByteArrayDeserializer::new,
                        org.apache.kafka.common.serialization.ByteArraySerializer::new,
                        org.apache.kafka.common.serialization.ByteArrayDeserializer::new, byteArrays()),
                SerdeCase.of("UUID", UUIDSerializer::new, UUIDDeserializer::new,
                        org.apache.kafka.common.serialization.UUIDSerializer::new,
                        org.apache.kafka.common.serialization.UUIDDeserializer::new, uuids()),
                SerdeCase.of("Boolean", BooleanSerializer::new, BooleanDeserializer::new,
                        org.apache.kafka.common.serialization.BooleanSerializer::new,
                        org.apache.kafka.common.serialization.BooleanDeserializer::new,
                        Arrays.asList(true, false, null)),
                SerdeCase.of("Void", VoidSerializer::new, VoidDeserializer::new,
                        org.apache.kafka.common.serialization.VoidSerializer::new,
                        org.apache.kafka.common.serialization.VoidDeserializer::new,
                        Arrays.asList((Object) null)));
    }

    static List<Short> shorts() {
        List<Short> values = new ArrayList<>(Arrays.asList(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, (short) -1,
                (short) 1, (short) 255, (short) 256, (short) 0x7F, (short) 0x80, null));
        Random random = new Random(1);
        for (int i = 0; i < RANDOM_COUNT; i++) {
            values.add((short) random.nextInt());
        }
        return values;
    }

    static List<Integer> integers() {
        List<Integer> values = new ArrayList<>(Arrays.asList(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, 255, 256,
                0x12345678, 0x80000001, null));
        Random random = new Random(2);
        for (int i = 0; i < RANDOM_COUNT; i++) {
            values.add(random.nextInt());
        }
        return values;
    }

    static List<Long> longs() {
        List<Long> values = new ArrayList<>(Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L,
                (long) Integer.MAX_VALUE + 1, 0x0102030405060708L, 0x8000000000000001L, null));
        Random random = new Random(3);
        for (int i = 0; i < RANDOM_COUNT; i++) {
            values.add(random.nextLong());
        }
        return values;
    }

    static List<Float> floats() {
        List<Float> values = new ArrayList<>(Arrays.asList(0f, -0f, 1f, -1f, Float.MIN_VALUE, Float.MAX_VALUE,
                Float.MIN_NORMAL, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00000), 3.14159f, null));
        Random random = new Random(4);
        for (int i = 0; i < RANDOM_COUNT; i++) {
            values.add(Float.intBitsToFloat(random.nextInt()));
        }
        return values;
    }

    static List<Double> doubles() {
        List<Double> values = new ArrayList<>(Arrays.asList(0d, -0d, 1d, -1d, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.MIN_NORMAL, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000000L), Math.PI, null));
        Random random = new Random(5);
        for (int i = 0; i < RANDOM_COUNT; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        return values;
    }

    static List<String> strings() {
        List<String> values = new ArrayList<>(Arrays.asList("", "a", "orders", "\u0000", "caf\u00e9", "\u65e5\u672c\u8a9e",
                "\ud83d\ude00 emoji", "tab\tnew\nline", "x".repeat(10_000), null));
        Random random = new Random(6);
        for (int i = 0; i < RANDOM_COUNT / 4; i++) {
            // Random code points, skipping surrogates, which only round trip in pairs.
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            while (text.length() < length) {
                int cp = random.nextInt(Character.MAX_CODE_POINT + 1);
                if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                    text.appendCodePoint(cp);
                }
            }
            values.add(text.toString());
        }
        return values;
    }

    static List<byte[]> byteArrays() {
        List<byte[]> values = new ArrayList<>(Arrays.asList(new byte[0], new byte[] {0}, new byte[] {-1, 0, 1},
                "hello".getBytes(StandardCharsets.UTF_8), new byte[70_000], null));
        Random random = new Random(7);
        for (int i = 0; i < RANDOM_COUNT / 4; i++) {
            byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            values.add(bytes);
        }
        return values;
    }

    static List<UUID> uuids() {
        List<UUID> values = new ArrayList<>(Arrays.asList(new UUID(0, 0), new UUID(-1, -1),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), null));
        Random random = new Random(8);
        for (int i = 0; i < RANDOM_COUNT / 4; i++) {
            values.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return values;
    }
}
