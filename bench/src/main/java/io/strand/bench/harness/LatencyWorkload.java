package io.strand.bench.harness;

import io.strand.bench.clients.ClientKind;
import io.strand.bench.clients.PerfConsumer;
import io.strand.bench.clients.PerfProducer;
import io.strand.bench.clients.RecordSink;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a fixed rate: a producer sends at {@code rate} records a second, each
 * value carrying its send time (System.nanoTime) and sequence number; a consumer of the same
 * library, in a group that joined before the first send, reads them on another thread of this JVM.
 * Latency is the time from handing the record to send() to poll() returning it. The first
 * {@code warmupSeconds} of records are left out of the percentiles. Both clients run with their
 * default settings (the producer's linger.ms is part of what is measured).
 */
record LatencyWorkload(int recordSize, int rate, double warmupSeconds, double seconds) {

    // With the pid: each client library counts in its own JVM, and two runs must never share a group.
    private static final AtomicInteger GROUPS = new AtomicInteger();

    String label() {
        return "end-to-end latency at " + rate / 1000 + "k records/s, " + recordSize + " B";
    }

    /** One run through {@code topic}, a new topic the caller created (and deletes afterwards). */
    Measurement run(ClientKind client, BrokerTarget broker, String topic) throws InterruptedException {
        if (recordSize < 16) {
            throw new IllegalArgumentException("latency records need at least 16 bytes, not " + recordSize);
        }
        long warm = (long) (rate * warmupSeconds);
        long total = warm + (long) (rate * seconds);
        long[] latencies = new long[(int) (total - warm)];
        Reader reader = new Reader(client, broker, topic, total, warm, latencies);
        Thread readerThread = new Thread(reader, "bench-latency-consumer");
        try {
            readerThread.start();
            if (!reader.assigned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(client.label() + " consumer got no partitions from " + broker + " in 60 s",
                    reader.error.get());
            }
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            p.put("client.id", "bench-latency-producer");
            byte[] filler = Payloads.pool(recordSize, 3)[0];
            CountingCallback cb = new CountingCallback();
            Resources resources;
            long start;
            long sendNanos;
            try (PerfProducer producer = client.producer(p)) {
                resources = Resources.start(broker);
                start = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        LockSupport.parkNanos(due - now);
                    }
                    byte[] value = filler.clone();
                    ByteBuffer.wrap(value).putLong(0, System.nanoTime()).putLong(8, i);
                    producer.send(topic, value, cb);
                }
                producer.flush();
                sendNanos = System.nanoTime() - start;
                ClientMetricsLog.print(broker, producer.metrics());
            }
            readerThread.join(60_000);
            reader.stop = true;
            readerThread.join(10_000);
            if (reader.error.get() != null) {
                throw new IllegalStateException(client.label() + " consumer failed", reader.error.get());
            }
            if (cb.failed.get() > 0) {
                throw new IllegalStateException(cb.failed.get() + " sends failed", cb.firstError.get());
            }
            if (reader.received != total) {
                throw new IllegalStateException(client.label() + " consumer read " + reader.received + " of " + total
                    + " records from " + broker);
            }
            Measurement m = Measurement.throughput(total, total * recordSize, sendNanos, resources, 0);
            int n = latencies.length;
            return m.withLatency(Stats.percentile(latencies, n, 0.50) / 1e6, Stats.percentile(latencies, n, 0.99) / 1e6,
                Stats.percentile(latencies, n, 0.999) / 1e6);
        } finally {
            reader.stop = true;
            readerThread.join(10_000);
        }
    }

    /** The consumer side: polls until every record arrived, noting each one's latency. */
    private static final class Reader implements Runnable, RecordSink {
        final CountDownLatch assigned = new CountDownLatch(1);
        final AtomicReference<Throwable> error = new AtomicReference<>();
        private final ClientKind client;
        private final BrokerTarget broker;
        private final String topic;
        private final long total;
        private final long warm;
        private final long[] latencies;
        volatile boolean stop;
        volatile long received;

        Reader(ClientKind client, BrokerTarget broker, String topic, long total, long warm, long[] latencies) {
            this.client = client;
            this.broker = broker;
            this.topic = topic;
            this.total = total;
            this.warm = warm;
            this.latencies = latencies;
        }

        @Override
        public void run() {
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            p.put("group.id", "bench-latency-" + ProcessHandle.current().pid() + "-" + GROUPS.incrementAndGet());
            p.put("auto.offset.reset", "earliest");
            p.put("client.id", "bench-latency-consumer");
            try (PerfConsumer consumer = client.consumer(p)) {
                consumer.subscribe(topic, new PerfConsumer.AssignmentListener() {
                    @Override
                    public void revoked(int partitions) {
                    }

                    @Override
                    public void assigned(int partitions) {
                        if (partitions > 0) {
                            assigned.countDown();
                        }
                    }
                });
                while (!stop && received < total) {
                    consumer.poll(Duration.ofMillis(50), this);
                }
                ClientMetricsLog.print(broker, consumer.metrics());
            } catch (Throwable t) {
                error.set(t);
                assigned.countDown();
            }
        }

        @Override
        public void accept(byte[] key, byte[] value, long timestamp) {
            if (value == null || value.length < 16) {
                return; // the empty record BrokerHandle writes to every new partition
            }
            long now = System.nanoTime();
            ByteBuffer b = ByteBuffer.wrap(value);
            long seq = b.getLong(8);
            if (seq >= warm) {
                latencies[(int) (seq - warm)] = now - b.getLong(0);
            }
            received++;
        }
    }
}
