package io.strand.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The records the record-layer benchmarks write: 100-byte JSON-like values, no key, as a producer of events might send. */
final class BenchRecords {

    static final int VALUE_SIZE = 100;

    private BenchRecords() {
    }

    /** Values that share their field names but differ in their numbers, so codecs see realistic redundancy. */
    static byte[][] values(int count) {
        Random random = new Random(17);
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            String json = "{\"id\":" + (100_000 + random.nextInt(900_000)) + ",\"user\":\"user-" + random.nextInt(10_000)
                + "\",\"event\":\"" + (random.nextBoolean() ? "click" : "view") + "\",\"ts\":" + (1_700_000_000_000L + i)
                + ",\"pad\":\"";
            StringBuilder sb = new StringBuilder(json);
            while (sb.length() < VALUE_SIZE - 2) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            values[i] = sb.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
        }
        return values;
    }
}
