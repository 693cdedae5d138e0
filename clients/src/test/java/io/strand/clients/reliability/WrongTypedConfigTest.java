package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigException;
import io.strand.common.serialization.StringDeserializer;
import io.strand.common.serialization.StringSerializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every producer and consumer setting, given a value of the wrong Java type and a string its
 * type cannot parse, makes the client's constructor throw a ConfigException whose message names
 * the setting, and leaves no thread behind.
 */
class WrongTypedConfigTest {

    private static final Logger log = LoggerFactory.getLogger(WrongTypedConfigTest.class);

    /** A value of a Java type the setting's type does not take, and a string it cannot parse (null: any string parses). */
    static List<Object> wrongValues(ConfigDef.Type type) {
        return switch (type) {
            case BOOLEAN -> List.of(42, "maybe");
            case STRING, PASSWORD -> List.of(42, List.of("a"));
            case INT -> List.of(4.5, "twelve");
            case SHORT -> List.of(List.of(1), "70000");
            case LONG -> List.of(1.5, "1e3x");
            case DOUBLE -> List.of(true, "one point five");
            case LIST -> List.of(42, 1.5);
            case CLASS -> List.of(42, "no.such.ClassAnywhere");
        };
    }

    @Test
    void everyProducerSettingRejectsWrongTypes() {
        Map<String, Object> base = new HashMap<>();
        base.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        base.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        base.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        check("producer", ProducerConfig.configDef(), base, props -> new KafkaProducer<String, String>(props).close());
    }

    @Test
    void everyConsumerSettingRejectsWrongTypes() {
        Map<String, Object> base = new HashMap<>();
        base.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        base.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        base.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        base.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        check("consumer", ConsumerConfig.configDef(), base, props -> new KafkaConsumer<String, String>(props).close());
    }

    private static void check(String client, ConfigDef def, Map<String, Object> base, Consumer<Map<String, Object>> create) {
        // The valid base constructs: the failures below come from the one wrong value each.
        create.accept(new HashMap<>(base));
        int threadsBefore = Thread.activeCount();
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            for (Object wrong : wrongValues(key.type)) {
                Map<String, Object> props = new HashMap<>(base);
                props.put(key.name, wrong);
                cases++;
                try {
                    create.accept(props);
                    problems.add(key.name + " (" + key.type + ") = " + describe(wrong) + " was accepted");
                } catch (ConfigException e) {
                    if (e.getMessage() == null || !e.getMessage().contains(key.name)) {
                        problems.add(key.name + " = " + describe(wrong) + ": the message does not name the setting: "
                            + e.getMessage());
                    }
                } catch (RuntimeException e) {
                    problems.add(key.name + " = " + describe(wrong) + " threw " + e + " instead of a ConfigException");
                }
            }
        }
        log.info("{}: {} settings, {} wrong-typed values, {} problems", client, def.configKeys().size(), cases,
            problems.size());
        assertEquals(List.of(), problems);
        assertTrue(cases >= 2 * def.configKeys().size());
        assertTrue(Thread.activeCount() <= threadsBefore, "failed constructions left threads: "
            + threadsBefore + " before, " + Thread.activeCount() + " after");
    }

    private static String describe(Object v) {
        return v.getClass().getSimpleName() + " " + v;
    }
}
