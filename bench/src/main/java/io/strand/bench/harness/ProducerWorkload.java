package io.strand.bench.harness;

import io.strand.bench.clients.ClientKind;
import io.strand.bench.clients.PerfProducer;
import java.util.Properties;

/**
 * Producer throughput: records of one size, no key, sent as fast as the producer takes them for
 * a fixed time (or up to a record count), then flushed. The rate counts acknowledged records over
 * the time from the first send to the end of the flush. Settings other than acks and
 * compression.type are each client's defaults.
 */
record ProducerWorkload(int recordSize, String acks, String compression) {

    String label() {
        String size = recordSize % 1024 == 0 ? recordSize / 1024 + " KiB" : recordSize + " B";
        return "producer " + size + ", acks=" + acks + ", " + compression;
    }

    Properties props(BrokerTarget broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("acks", acks);
        p.put("compression.type", compression);
        p.put("client.id", "bench-producer");
        return p;
    }

    /** One run into {@code topic}, a new topic the caller created (and deletes afterwards). */
    Measurement run(ClientKind client, BrokerTarget broker, String topic, double seconds, long maxRecords) {
        byte[][] payloads = Payloads.pool(recordSize, 42);
        try (PerfProducer producer = client.producer(props(broker))) {
            CountingCallback cb = new CountingCallback();
            // Metadata and connections first: the run measures sending, not bootstrapping.
            producer.send(topic, payloads[0], cb);
            producer.flush();
            check(cb, 1);
            cb.reset();

            Resources resources = Resources.start(broker);
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long sent = 0;
            while (sent < maxRecords) {
                producer.send(topic, payloads[(int) (sent & (Payloads.POOL - 1))], cb);
                sent++;
                if ((sent & 255) == 0 && System.nanoTime() > deadline) {
                    break;
                }
            }
            producer.flush();
            long nanos = System.nanoTime() - start;
            long allocated = resources.allocatedBytes();
            check(cb, sent);
            ClientMetricsLog.print(broker, producer.metrics());
            return Measurement.throughput(sent, sent * recordSize, nanos, resources, allocated);
        }
    }

    private static void check(CountingCallback cb, long sent) {
        if (cb.failed.get() > 0) {
            throw new IllegalStateException(cb.failed.get() + " of " + sent + " sends failed", cb.firstError.get());
        }
        if (cb.acked.get() != sent) {
            throw new IllegalStateException("flush() returned with " + cb.acked.get() + " of " + sent + " sends acknowledged");
        }
    }
}
