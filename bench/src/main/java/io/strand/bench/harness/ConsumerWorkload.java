package io.strand.bench.harness;

import io.strand.bench.clients.ClientKind;
import io.strand.bench.clients.PerfConsumer;
import io.strand.bench.clients.PerfProducer;
import io.strand.bench.clients.RecordSink;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumer throughput: a new group reads a topic filled beforehand (by the Apache producer,
 * uncompressed), from the earliest offset, until it has {@code records} records. The time runs
 * from subscribe() to the last record, so the group join is included. The topic holds a quarter
 * more records than a run reads, so that no run ends at the log end: there a consumer's fetch for
 * partitions it has read to the end long-polls fetch.max.wait.ms, which in runs of a second or two
 * would measure that wait rather than the reading. Settings other than the group and
 * auto.offset.reset=earliest are each client's defaults, unless the workload names a
 * receive.buffer.bytes for both.
 */
final class ConsumerWorkload {

    // With the pid: each client library counts in its own JVM, and two runs must never share a group.
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final int recordSize;
    private final long topicRecords;
    /** The receive.buffer.bytes both libraries get, or null for each one's default (64 KiB in both). */
    private final Integer receiveBufferBytes;

    ConsumerWorkload(int recordSize, long readRecords, Integer receiveBufferBytes) {
        this.recordSize = recordSize;
        this.topicRecords = readRecords + readRecords / 4;
        this.receiveBufferBytes = receiveBufferBytes;
    }

    Integer receiveBufferBytes() {
        return receiveBufferBytes;
    }

    int recordSize() {
        return recordSize;
    }

    String label() {
        return "consumer " + recordSize + " B (group join included)"
            + (receiveBufferBytes == null ? "" : ", receive.buffer.bytes=" + receiveBufferBytes + " in both");
    }

    /** Creates and fills the topic every run of this workload on this broker reads. */
    String fill(BrokerHandle broker, int partitions) {
        String topic = broker.createTopic("consume", partitions);
        byte[][] payloads = Payloads.pool(recordSize, 7);
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("acks", "1");
        p.put("linger.ms", "10");
        p.put("batch.size", "65536");
        p.put("client.id", "bench-filler");
        try (PerfProducer producer = ClientKind.APACHE.producer(p)) {
            CountingCallback cb = new CountingCallback();
            for (long i = 0; i < topicRecords; i++) {
                producer.send(topic, payloads[(int) (i & (Payloads.POOL - 1))], cb);
            }
            producer.flush();
            if (cb.acked.get() != topicRecords) {
                throw new IllegalStateException("Filling " + topic + ": " + cb.acked.get() + " of " + topicRecords
                    + " records acknowledged", cb.firstError.get());
            }
        }
        return topic;
    }

    Measurement run(ClientKind client, BrokerTarget broker, String topic, long records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("group.id", "bench-group-" + ProcessHandle.current().pid() + "-" + GROUPS.incrementAndGet());
        p.put("auto.offset.reset", "earliest");
        p.put("client.id", "bench-consumer");
        if (receiveBufferBytes != null) {
            p.put("receive.buffer.bytes", receiveBufferBytes.toString());
        }
        ByteCounter sink = new ByteCounter();
        try (PerfConsumer consumer = client.consumer(p)) {
            Resources resources = Resources.start(broker);
            long start = System.nanoTime();
            long deadline = start + 120_000_000_000L;
            long[] joined = {0};
            consumer.subscribe(topic, new PerfConsumer.AssignmentListener() {
                @Override
                public void revoked(int partitions) {
                }

                @Override
                public void assigned(int partitions) {
                    if (joined[0] == 0 && partitions > 0) {
                        joined[0] = System.nanoTime();
                    }
                }
            });
            long read = 0;
            long firstRecord = 0;
            long lastRecords = 0;
            long longestStall = 0;
            while (read < records) {
                int n = consumer.poll(Duration.ofMillis(100), sink);
                if (n > 0) {
                    long now = System.nanoTime();
                    if (firstRecord == 0) {
                        firstRecord = now;
                    } else {
                        longestStall = Math.max(longestStall, now - lastRecords);
                    }
                    lastRecords = now;
                    read += n;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(client.label() + " consumer read " + read + " of " + records
                        + " records from " + broker + " in 120 s");
                }
            }
            long nanos = System.nanoTime() - start;
            long allocated = resources.allocatedBytes();
            ClientMetricsLog.print(broker, consumer.metrics());
            return Measurement.throughput(read, sink.bytes, nanos, resources, allocated)
                .withConsumerTimes((joined[0] - start) / 1e6, (firstRecord - start) / 1e6, longestStall / 1e6);
        }
    }

    /** Sums value sizes, so every record is looked at. */
    private static final class ByteCounter implements RecordSink {
        long bytes;

        @Override
        public void accept(byte[] key, byte[] value, long timestamp) {
            bytes += value == null ? 0 : value.length;
        }
    }
}
