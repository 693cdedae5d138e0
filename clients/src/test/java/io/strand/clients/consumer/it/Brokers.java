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
            RealKafka.shared().createTopic(topic, partitions);
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /** For {@code @MethodSource}: both brokers. */
    public static Stream<Target> both() {
        return Stream.of(STUB, REAL);
    }

    public static String uniqueTopic(String prefix) {
        return prefix + "-" + TOPICS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }
}
