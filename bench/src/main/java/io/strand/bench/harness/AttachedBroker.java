package io.strand.bench.harness;

import java.time.Duration;

/** A broker another JVM started, known by its address and its process id (for its CPU time). */
record AttachedBroker(BrokerKind kind, String bootstrapServers, long pid) implements BrokerTarget {

    @Override
    public long cpuNanos() {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    @Override
    public String toString() {
        return kind.label() + "(" + bootstrapServers + ")";
    }
}
