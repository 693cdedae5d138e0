package io.strand.clients.consumer.it;

import io.strand.broker.StubBroker;
import io.strand.clients.testkit.RealKafka;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The two brokers every consumer integration test runs against: Strand's bundled broker and a
 * real Apache Kafka 4.1, each shared by the tests of one JVM and started on first use.
 */
public abstract class Brokers {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    /** One broker to test against. */
    public interface Target {
        String name();

        String bootstrapServers();

        void createTopic(String topic, int partitions);

        /** Not stopped after each test: shared per JVM. */
        default boolean isReal() {
            return name().startsWith("real");
        }
    }

    private static volatile StubBroker stub;

    private static synchronized StubBroker stub() {
        if (stub == null) {
            stub = StubBroker.builder().autoCreateTopics(false).build();
            StubBroker s = stub;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return stub;
    }

    public static final Target STUB = new Target() {
        @Override
        public String name() {
            return "stub-broker";
        }

        @Override
        public String bootstrapServers() {
            return stub().bootstrapServers();
        }

        @Override
        public void createTopic(String topic, int partitions) {
            stub().createTopic(topic, partitions);
        }

        @Override
        public String toString() {
            return name();
        }
    };

    public static final Target REAL = new Target() {
        @Override
        public String name() {
            return "real-kafka-4.1";
        }

        @Override
        public String bootstrapServers() {
            return RealKafka.shared().bootstrapServers();
        }

        @Override
        public void createTopic(String topic, int partitions) {
            try {
                RealKafka.shared().createTopic(topic, partitions);
            } catch (IllegalStateException e) {
                // RealKafka's wait for leaders can meet UNKNOWN_TOPIC_OR_PARTITION right after the
                // topic was created (describeTopics is answered before the broker knows it): wait here.
                if (!(rootCause(e) instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                awaitLeaders(topic, partitions);
            }
        }

        private void awaitLeaders(String topic, int partitions) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                try {
                    var d = RealKafka.shared().admin().describeTopics(java.util.List.of(topic)).allTopicNames()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS).get(topic);
                    if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                        return;
                    }
                } catch (Exception retry) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("Topic " + topic + " has no leaders after 60 s", retry);
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Topic " + topic + " has no leader for every partition after 60 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }

        @Override
        public String toString() {
            return name();
        }
    };

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** For {@code @MethodSource}: both brokers. */
    public static Stream<Target> both() {
        return Stream.of(STUB, REAL);
    }

    public static String uniqueTopic(String prefix) {
        return prefix + "-" + TOPICS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }
}
