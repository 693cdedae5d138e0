package io.strand.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.compress.Compression;
import io.strand.common.config.ConfigException;
import io.strand.common.serialization.StringSerializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ProducerConfig against Apache's ProducerConfig 4.1, the definition of keys, defaults and cross-checks. */
class ProducerConfigTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", "localhost:9092");
        m.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        m.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        return m;
    }

    /** Keys whose defaults differ from Apache's on purpose, with the reason in the comment. */
    private static final Set<String> DIFFERENT_ON_PURPOSE = Set.of(
        "client.id",              // both generate producer-N, from their own counters
        "key.serializer",         // Apache's class vs Strand's class of the same name
        "value.serializer",
        "metric.reporters");      // Apache loads its JmxReporter by default; Strand loads no reporters

    @Test
    void everySharedKeyHasApachesDefault() {
        ProducerConfig strand = new ProducerConfig(minimal());
        org.apache.kafka.clients.producer.ProducerConfig apache = new org.apache.kafka.clients.producer.ProducerConfig(minimal());
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (String key : ProducerConfig.configNames()) {
            if (!apache.values().containsKey(key) || DIFFERENT_ON_PURPOSE.contains(key)) {
                continue;
            }
            compared++;
            Object mine = normalize(strand.values().get(key));
            Object theirs = normalize(apache.values().get(key));
            if (!Objects.equals(mine, theirs)) {
                differences.add(key + ": strand=" + mine + " apache=" + theirs);
            }
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
        assertTrue(compared >= 40, "compared only " + compared + " keys");
    }

    @Test
    void definesEveryKeyTheIssueNames() {
        for (String key : List.of("bootstrap.servers", "client.id", "acks", "enable.idempotence", "batch.size",
            "linger.ms", "buffer.memory", "max.block.ms", "delivery.timeout.ms", "request.timeout.ms", "retries",
            "retry.backoff.ms", "retry.backoff.max.ms", "max.in.flight.requests.per.connection", "compression.type",
            "compression.gzip.level", "compression.lz4.level", "compression.zstd.level", "max.request.size",
            "metadata.max.age.ms", "partitioner.class", "partitioner.ignore.keys", "interceptor.classes",
            "key.serializer", "value.serializer")) {
            assertTrue(ProducerConfig.configNames().contains(key), key);
        }
        ProducerConfig c = new ProducerConfig(minimal());
        assertEquals("-1", c.getString("acks"));
        assertTrue(c.idempotenceEnabled());
        assertEquals(16384, c.getInt("batch.size"));
        assertEquals(5L, c.getLong("linger.ms"));
        assertEquals(32L * 1024 * 1024, c.getLong("buffer.memory"));
        assertEquals(60000L, c.getLong("max.block.ms"));
        assertEquals(120000, c.getInt("delivery.timeout.ms"));
        assertEquals(30000, c.getInt("request.timeout.ms"));
        assertEquals(Integer.MAX_VALUE, c.getInt("retries"));
        assertEquals(5, c.getInt("max.in.flight.requests.per.connection"));
        assertEquals(1048576, c.getInt("max.request.size"));
        assertEquals(Compression.NONE, c.compression());
        assertEquals(StringSerializer.class, c.getClass("key.serializer"), "the Apache name stands for Strand's class");
    }

    private static Object normalize(Object v) {
        if (v instanceof Class) {
            return ((Class<?>) v).getName().replace("org.apache.kafka.", "io.strand.");
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(normalize(o));
            }
            return out;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        return v == null ? null : v.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "batch.size|-1",
        "acks|2",
        "compression.type|brotli",
        "linger.ms|soon",
        "retries|-1",
        "max.in.flight.requests.per.connection|0",
        "compression.zstd.level|99",
        "compression.gzip.level|10",
        "compression.lz4.level|0",
        "buffer.memory|-5",
        "enable.idempotence|maybe",
        "key.serializer|com.example.NoSuchSerializer",
        "partitioner.class|org.apache.kafka.clients.producer.NoSuchPartitioner",
        "metadata.max.idle.ms|10"})
    void aBadValueFailsNamingTheKeyAndTheValue(String key, String value) {
        Map<String, Object> props = minimal();
        props.put(key, value);
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(props));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
        assertThrows(org.apache.kafka.common.config.ConfigException.class,
            () -> new org.apache.kafka.clients.producer.ProducerConfig(props), "Apache rejects it too");
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        Map<String, Object> props = minimal();
        props.put("batch.size", List.of(1));
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(props));
        assertTrue(e.getMessage().contains("batch.size"), e.getMessage());
    }

    @Test
    void aMissingSerializerIsNamed() {
        Map<String, Object> props = minimal();
        props.remove("value.serializer");
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(props));
        assertTrue(e.getMessage().contains("value.serializer"), e.getMessage());
    }

    /**
     * Idempotence against acks, retries and max.in.flight, for every combination of explicit and
     * default values: the same errors as Apache, and where there is none the same outcome.
     */
    @Test
    void idempotenceRulesMatchApache() {
        String[] idempotence = {null, "true", "false"};
        String[] acks = {null, "all", "-1", "1", "0"};
        String[] retries = {null, "0", "3"};
        String[] inFlight = {null, "1", "5", "6"};
        int cases = 0;
        for (String idem : idempotence) {
            for (String ack : acks) {
                for (String retry : retries) {
                    for (String flight : inFlight) {
                        Map<String, Object> props = minimal();
                        putIfNotNull(props, "enable.idempotence", idem);
                        putIfNotNull(props, "acks", ack);
                        putIfNotNull(props, "retries", retry);
                        putIfNotNull(props, "max.in.flight.requests.per.connection", flight);
                        String label = props.toString();
                        Boolean apacheIdempotence;
                        try {
                            apacheIdempotence = new org.apache.kafka.clients.producer.ProducerConfig(props)
                                .getBoolean("enable.idempotence");
                        } catch (org.apache.kafka.common.config.ConfigException e) {
                            apacheIdempotence = null;
                        }
                        if (apacheIdempotence == null) {
                            ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(props), label);
                            assertTrue(e.getMessage().contains("idempotent"), e.getMessage());
                        } else {
                            assertEquals(apacheIdempotence, new ProducerConfig(props).idempotenceEnabled(), label);
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(180, cases);
    }

    private static void putIfNotNull(Map<String, Object> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    @Test
    void deliveryTimeoutMustCoverLingerAndRequestTimeout() {
        Map<String, Object> explicit = minimal();
        explicit.put("delivery.timeout.ms", "1000");
        explicit.put("linger.ms", "500");
        explicit.put("request.timeout.ms", "600");
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(explicit));
        assertEquals("delivery.timeout.ms", e.configName());
        assertTrue(e.getMessage().contains("1000") && e.getMessage().contains("linger.ms + request.timeout.ms"));

        Map<String, Object> byDefault = minimal();
        byDefault.put("linger.ms", "100000");
        byDefault.put("request.timeout.ms", "60000");
        assertEquals(160000, new ProducerConfig(byDefault).getInt("delivery.timeout.ms"), "the default is raised");
    }

    @Test
    void transactionsAreRefusedRatherThanIgnored() {
        Map<String, Object> props = minimal();
        props.put("transactional.id", "tx-1");
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(props));
        assertEquals("transactional.id", e.configName());
    }

    @Test
    void codecsGetTheirLevels() {
        Map<String, Object> props = minimal();
        props.put("compression.type", "zstd");
        props.put("compression.zstd.level", "7");
        assertEquals(Compression.zstd().level(7).build(), new ProducerConfig(props).compression());
        props.put("compression.type", "gzip");
        props.put("compression.gzip.level", "-1");
        assertEquals(Compression.gzip().build(), new ProducerConfig(props).compression());
        props.put("compression.type", "lz4");
        props.put("compression.lz4.level", 17);
        assertEquals(Compression.lz4().level(17).build(), new ProducerConfig(props).compression());
    }

    @Test
    void clientIdsAreGeneratedWhenUnset() {
        String a = new ProducerConfig(minimal()).getString("client.id");
        String b = new ProducerConfig(minimal()).getString("client.id");
        assertTrue(a.startsWith("producer-") && b.startsWith("producer-"));
        assertFalse(a.equals(b));
        Map<String, Object> props = minimal();
        props.put("client.id", "mine");
        assertEquals("mine", new ProducerConfig(props).getString("client.id"));
    }

    @Test
    void unknownKeysAreLoggedAsWarnings() {
        Map<String, Object> props = minimal();
        props.put("no.such.setting", "1");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new ProducerConfig(props);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("WARN") && log.contains("no.such.setting"), log);
    }

    @Test
    void nullTransactionalIdIsFine() {
        assertNull(new ProducerConfig(minimal()).getString("transactional.id"));
    }
}
