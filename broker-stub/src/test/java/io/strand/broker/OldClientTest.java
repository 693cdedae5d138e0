package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An older Apache client (kafka-clients 2.8, copied to target/ by the build) negotiates versions
 * with the broker, produces and consumes. Two versions of one artifact cannot share a class path,
 * so the old jar runs in its own child-first class loader, driven by reflection.
 */
class OldClientTest {

    private static final String JAR_PROPERTY = "strand.oldKafkaClientsJar";

    private static StubBroker broker;
    private static URLClassLoader oldKafka;

    @BeforeAll
    static void start() throws IOException {
        String jar = System.getProperty(JAR_PROPERTY);
        assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)),
            "SKIPPED: the old kafka-clients jar is missing (" + JAR_PROPERTY + "=" + jar
                + "); run through Maven, which copies it to target/old-kafka-clients");
        oldKafka = new ChildFirst(new URL[] {Path.of(jar).toUri().toURL()}, OldClientTest.class.getClassLoader());
        broker = StubBroker.builder().nodes(2).build();
    }

    @AfterAll
    static void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        if (oldKafka != null) {
            oldKafka.close();
        }
    }

    @Test
    void oldProducerAndConsumerNegotiateAndRoundTrip() throws Exception {
        broker.createTopic("old-client", 2);
        Thread current = Thread.currentThread();
        ClassLoader saved = current.getContextClassLoader();
        current.setContextClassLoader(oldKafka);
        try {
            assertEquals("2.8.2", oldKafka.loadClass("org.apache.kafka.common.utils.AppInfoParser")
                .getMethod("getVersion").invoke(null));
            produce(50);
            assertEquals(50, consume(50).size());
        } finally {
            current.setContextClassLoader(saved);
        }
    }

    private static void produce(int count) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        Class<?> producerType = oldKafka.loadClass("org.apache.kafka.clients.producer.KafkaProducer");
        Class<?> recordType = oldKafka.loadClass("org.apache.kafka.clients.producer.ProducerRecord");
        Object producer = producerType.getConstructor(Properties.class).newInstance(p);
        try {
            Method send = producerType.getMethod("send", recordType);
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Object record = recordType.getConstructor(String.class, Object.class, Object.class)
                    .newInstance("old-client", "k" + i, "v" + i);
                acks.add((Future<?>) send.invoke(producer, record));
            }
            for (Future<?> f : acks) {
                f.get();
            }
        } finally {
            producerType.getMethod("close").invoke(producer);
        }
    }

    private static List<String> consume(int count) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("group.id", "old-group");
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        Class<?> consumerType = oldKafka.loadClass("org.apache.kafka.clients.consumer.KafkaConsumer");
        Object consumer = consumerType.getConstructor(Properties.class).newInstance(p);
        List<String> values = new ArrayList<>();
        try {
            consumerType.getMethod("subscribe", Collection.class).invoke(consumer, List.of("old-client"));
            Method poll = consumerType.getMethod("poll", Duration.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (Object record : (Iterable<?>) poll.invoke(consumer, Duration.ofMillis(200))) {
                    values.add((String) record.getClass().getMethod("value").invoke(record));
                }
            }
            consumerType.getMethod("commitSync").invoke(consumer);
        } finally {
            consumerType.getMethod("close").invoke(consumer);
        }
        return values;
    }

    /** Loads org.apache.kafka classes from the old jar first; everything else from the test class path. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.apache.kafka.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
