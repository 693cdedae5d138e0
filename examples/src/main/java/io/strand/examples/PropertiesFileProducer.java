package io.strand.examples;

import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import io.strand.examples.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;

/**
 * A producer configured entirely from a properties file, the way many kafka-clients programs
 * start: {@code KafkaProducer.properties} names the serializers by their org.apache.kafka class
 * names, and Strand accepts them as they are.
 */
public final class PropertiesFileProducer extends BaseCommand {

    /** The file bundled in this jar, used when --config names none. */
    static final String BUNDLED_CONFIG = "KafkaProducer.properties";

    public PropertiesFileProducer() {
        super("producer-config", "a producer configured from a kafka-clients properties file",
            "Loads a producer configuration from a properties file (by default the KafkaProducer.properties\n"
                + "bundled in this jar, written for Apache kafka-clients), points bootstrap.servers at the broker\n"
                + "in use, and sends records \"javarecord0\", \"javarecord1\", ... without keys.",
            Option.BOOTSTRAP_SERVER,
            Option.value("config", "file",
                "producer properties (default: the " + BUNDLED_CONFIG + " in this jar)", null),
            Option.topic("first"),
            Option.records(10));
    }

    @Override
    public int run(Invocation in) throws Exception {
        String config = in.string("config");
        Properties properties = config == null ? loadBundled() : load(Path.of(config));
        String fromFile = properties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, in.bootstrapServers());
        if (fromFile != null && !fromFile.equals(in.bootstrapServers())) {
            in.out().println("bootstrap.servers from the file (" + fromFile + ") replaced by " + in.bootstrapServers());
        }
        in.target().createTopic(in.topic(), 1);

        List<RecordMetadata> sent = send(properties, in.topic(), in.records());
        in.out().println("Sent " + sent.size() + " records:");
        in.out().print(Deliveries.byPartition(sent));
        return 0;
    }

    /** Sends {@code count} records with the producer the properties describe; returns where they landed. */
    static List<RecordMetadata> send(Properties properties, String topic, int count) throws Exception {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (int i = 0; i < count; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, "javarecord" + i)));
            }
        }
        // close() waited until every record was acknowledged or failed: get() does not block.
        List<RecordMetadata> sent = new ArrayList<>();
        for (Future<RecordMetadata> f : futures) {
            sent.add(f.get());
        }
        return sent;
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("--config: no such file " + file);
        }
        return properties;
    }

    static Properties loadBundled() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PropertiesFileProducer.class.getClassLoader().getResourceAsStream(BUNDLED_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_CONFIG + " is missing from the jar");
            }
            properties.load(in);
        }
        return properties;
    }
}
