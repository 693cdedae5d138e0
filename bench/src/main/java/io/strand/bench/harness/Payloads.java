package io.strand.bench.harness;

import java.util.SplittableRandom;

/**
 * Record values like kafka-producer-perf-test's: random upper-case letters. A fixed pool, made
 * before the run, so the send loop spends nothing making them.
 */
final class Payloads {

    static final int POOL = 1024;

    private Payloads() {
    }

    static byte[][] pool(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] pool = new byte[POOL][size];
        for (byte[] p : pool) {
            for (int i = 0; i < size; i++) {
                p[i] = (byte) ('A' + random.nextInt(26));
            }
        }
        return pool;
    }
}
