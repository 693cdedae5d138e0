package io.strand.bench.harness;

import java.util.Locale;

/** The two brokers the harness compares. */
public enum BrokerKind {
    /** Strand's bundled broker (broker-stub), in-memory storage. */
    BUNDLED,
    /** Apache Kafka 4.1, one KRaft node, through RealKafka. */
    REAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BrokerKind parse(String s) {
        for (BrokerKind k : values()) {
            if (k.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new Args.UsageException("--brokers takes bundled and real, not '" + s + "'");
    }
}
