package io.strand.bench.harness;

/**
 * What a workload needs of a broker: where it listens, and the CPU time its JVM has used. The
 * harness's {@link BrokerHandle} owns the broker; a client host JVM sees it as an {@link AttachedBroker}.
 */
interface BrokerTarget {

    BrokerKind kind();

    String bootstrapServers();

    /** CPU time the broker's JVM has used so far, all threads (clock-tick resolution). */
    long cpuNanos();
}
