package io.strand.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.KafkaException;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigException;
import io.strand.common.serialization.ByteArrayDeserializer;
import io.strand.common.serialization.StringDeserializer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Keys and defaults as Apache 4.x, errors that name the key and value, Apache class names as aliases. */
class ConsumerConfigTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> m = new HashMap<>();
        m.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        m.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        m.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return m;
    }

    /** Apache's class-valued defaults under their Strand names; everything else as Apache prints it. */
    private static String normalize(Object value) {
        String s = String.valueOf(value);
        return s.replace("class org.apache.kafka.", "class io.strand.");
    }

    @Test
    void everySharedKeyHasApachesDefault() {
        ConfigDef ours = ConsumerConfig.configDef();
        var theirs = org.apache.kafka.clients.consumer.ConsumerConfig.configDef().configKeys();
        List<String> compared = new ArrayList<>();
        for (ConfigDef.ConfigKey key : ours.configKeys().values()) {
            var apache = theirs.get(key.name);
            assertTrue(apache != null, key.name + " is not an Apache consumer key");
            if (key.name.equals(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)
                || key.name.equals(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)
                || key.name.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                continue; // required (no default) in both; Apache models bootstrap.servers as an empty default
            }
            assertEquals(normalize(apache.defaultValue), normalize(key.defaultValue), "default of " + key.name);
            assertEquals(apache.type.name(), key.type.name(), "type of " + key.name);
            compared.add(key.name);
        }
        assertTrue(compared.size() > 30, compared.toString());
    }

    @Test
    void keyConstantsMatchApache() throws Exception {
        for (java.lang.reflect.Field f : org.apache.kafka.clients.consumer.ConsumerConfig.class.getFields()) {
            if (!f.getName().endsWith("_CONFIG") || f.getType() != String.class) {
                continue;
            }
            java.lang.reflect.Field ours;
            try {
                ours = ConsumerConfig.class.getField(f.getName());
            } catch (NoSuchFieldException e) {
                // Apache constants for what Strand does not support yet (security, metric reporters, ...)
                continue;
            }
            assertEquals(f.get(null), ours.get(null), f.getName());
        }
        assertEquals("partition.assignment.strategy", ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        assertEquals(org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_MAX_POLL_RECORDS, ConsumerConfig.DEFAULT_MAX_POLL_RECORDS);
        assertEquals(org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_FETCH_MAX_BYTES, ConsumerConfig.DEFAULT_FETCH_MAX_BYTES);
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        Map<String, Object> m = minimal();
        m.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "lots");
        ConfigException e = assertThrows(ConfigException.class, () -> new KafkaConsumer<String, String>(m));
        assertTrue(e.getMessage().contains("max.poll.records") && e.getMessage().contains("lots"), e.getMessage());

        Map<String, Object> reset = minimal();
        reset.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "sometimes");
        e = assertThrows(ConfigException.class, () -> new ConsumerConfig(reset));
        assertTrue(e.getMessage().contains("auto.offset.reset") && e.getMessage().contains("sometimes"), e.getMessage());

        Map<String, Object> zero = minimal();
        zero.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 0);
        e = assertThrows(ConfigException.class, () -> new ConsumerConfig(zero));
        assertTrue(e.getMessage().contains("max.poll.records"), e.getMessage());

        Map<String, Object> missing = minimal();
        missing.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        e = assertThrows(ConfigException.class, () -> new ConsumerConfig(missing));
        assertTrue(e.getMessage().contains("value.deserializer"), e.getMessage());

        Map<String, Object> badClass = minimal();
        badClass.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "org.example.NoSuchDeserializer");
        e = assertThrows(ConfigException.class, () -> new ConsumerConfig(badClass));
        assertTrue(e.getMessage().contains("key.deserializer") && e.getMessage().contains("NoSuchDeserializer"), e.getMessage());

        Map<String, Object> badAssignor = minimal();
        badAssignor.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        badAssignor.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, "org.example.NoSuchAssignor");
        e = assertThrows(ConfigException.class, () -> new KafkaConsumer<String, String>(badAssignor));
        assertTrue(e.getMessage().contains("partition.assignment.strategy"), e.getMessage());

        Map<String, Object> byDuration = minimal();
        byDuration.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "by_duration:PT1H");
        new ConsumerConfig(byDuration);
        byDuration.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "by_duration:an hour");
        e = assertThrows(ConfigException.class, () -> new ConsumerConfig(byDuration));
        assertTrue(e.getMessage().contains("by_duration"), e.getMessage());
    }

    @Test
    void theConsumerGroupProtocolIsRejectedForNow() {
        Map<String, Object> m = minimal();
        m.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConsumerConfig(m));
        assertTrue(e.getMessage().contains("group.protocol") && e.getMessage().contains("not supported"), e.getMessage());
        m.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "CLASSIC");
        new ConsumerConfig(m);
    }

    @Test
    void autoCommitNeedsAGroup() {
        Map<String, Object> m = minimal();
        assertFalse(new ConsumerConfig(m).getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        assertThrows(ConfigException.class, () -> new ConsumerConfig(m));
        m.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        ConsumerConfig c = new ConsumerConfig(m);
        assertTrue(c.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertTrue(c.getString(ConsumerConfig.CLIENT_ID_CONFIG).startsWith("consumer-g-"), c.getString(ConsumerConfig.CLIENT_ID_CONFIG));
    }

    /** A properties file written for kafka-clients, as it is: Apache class names of deserializers and assignors. */
    @Test
    void aKafkaClientsPropertiesFileWorksAsItIs() throws IOException {
        String file = "bootstrap.servers=127.0.0.1:1\n"
            + "group.id=from-file\n"
            + "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n"
            + "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer\n"
            + "partition.assignment.strategy=org.apache.kafka.clients.consumer.RoundRobinAssignor,"
            + "org.apache.kafka.clients.consumer.CooperativeStickyAssignor\n"
            + "max.poll.records=42\n";
        Properties props = new Properties();
        try (Reader r = new StringReader(file)) {
            props.load(r);
        }
        ConsumerConfig config = new ConsumerConfig(props);
        assertEquals(StringDeserializer.class, config.getClass(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG));
        assertEquals(ByteArrayDeserializer.class, config.getClass(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG));
        List<ConsumerPartitionAssignor> assignors = config.getConfiguredInstances(
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerPartitionAssignor.class);
        assertInstanceOf(RoundRobinAssignor.class, assignors.get(0));
        assertInstanceOf(CooperativeStickyAssignor.class, assignors.get(1));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            assertEquals("from-file", consumer.groupMetadata().groupId());
        }
        // And with deserializer instances instead of class names.
        Properties bare = new Properties();
        bare.put("bootstrap.servers", "127.0.0.1:1");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(bare, new StringDeserializer(),
            new StringDeserializer())) {
            assertTrue(consumer.subscription().isEmpty());
        }
    }

    @Test
    void assignorsMustHaveDistinctNamesAndACommonProtocol() {
        Map<String, Object> m = minimal();
        m.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        m.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(RangeAssignor.class, RangeAssignor.class));
        ConfigException e = assertThrows(ConfigException.class, () -> new KafkaConsumer<String, String>(m));
        assertTrue(e.getMessage().contains("range"), e.getMessage());
        m.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class));
        new KafkaConsumer<String, String>(m).close();
    }

    @Test
    void closedConsumersRefuseWork() {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(minimal());
        c.close();
        c.close(); // twice is fine
        assertThrows(IllegalStateException.class, c::assignment);
        try (KafkaConsumer<String, String> other = new KafkaConsumer<>(minimal())) {
            assertThrows(IllegalArgumentException.class, () -> other.close(java.time.Duration.ofMillis(-1)));
        }
    }

    @Test
    void groupApisNeedAGroupId() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(minimal())) {
            assertThrows(io.strand.common.errors.InvalidGroupIdException.class, () -> c.subscribe(List.of("t")));
            assertThrows(io.strand.common.errors.InvalidGroupIdException.class, c::commitSync);
            assertThrows(io.strand.common.errors.InvalidGroupIdException.class, c::groupMetadata);
        }
    }

    @Test
    void constructionFailuresAreKafkaExceptions() {
        Map<String, Object> m = minimal();
        m.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, List.of(String.class));
        KafkaException e = assertThrows(KafkaException.class, () -> new KafkaConsumer<String, String>(m));
        assertTrue(e.getMessage().contains("interceptor.classes") || e.getCause().getMessage().contains("interceptor.classes"),
            e.getMessage());
    }
}
