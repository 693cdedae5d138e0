package io.strand.partitioners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.config.ConfigException;
import io.strand.common.utils.Utils;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KeyMappingPartitionerTest {

    private static final Cluster SIX = TestClusters.topic("t", 6);

    private static KeyMappingPartitioner configured(Object... keysAndValues) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", "localhost:9092");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            configs.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        KeyMappingPartitioner partitioner = new KeyMappingPartitioner();
        partitioner.configure(configs);
        return partitioner;
    }

    private static int partition(KeyMappingPartitioner partitioner, Object key, Cluster cluster) {
        byte[] bytes = key == null ? null : String.valueOf(key).getBytes(StandardCharsets.UTF_8);
        return partitioner.partition("t", key, bytes, "v", null, cluster);
    }

    @Test
    void mapsKeysFromTheListAndThePrefixedSettings() {
        Properties props = new Properties();
        props.setProperty("partitioner.key.mapping", " us:0 , eu : 1,a:b:3");
        props.setProperty("partitioner.key.mapping.apac", "2");
        props.setProperty("partitioner.key.mapping.x,y", "5");
        KeyMappingPartitioner partitioner = new KeyMappingPartitioner();
        @SuppressWarnings("unchecked")
        Map<String, ?> configs = (Map<String, ?>) (Map<?, ?>) props;
        partitioner.configure(configs);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, partition(partitioner, "us", SIX));
            assertEquals(1, partition(partitioner, "eu", SIX));
            assertEquals(2, partition(partitioner, "apac", SIX));
            assertEquals(3, partition(partitioner, "a:b", SIX));
            assertEquals(5, partition(partitioner, "x,y", SIX));
        }
    }

    @Test
    void acceptsATypedListAndMatchesNonStringKeysByTheirStringForm() {
        KeyMappingPartitioner partitioner = configured("partitioner.key.mapping", List.of("7:4", "héllo:2"));
        assertEquals(4, partitioner.partition("t", 7, new byte[]{0, 0, 0, 7}, "v", null, SIX));
        byte[] utf8 = "héllo".getBytes(StandardCharsets.UTF_8);
        assertEquals(2, partitioner.partition("t", utf8, utf8, "v", null, SIX));
    }

    @Test
    void unmappedKeysHashLikeTheDefaultPartitionerAndSpreadEvenly() {
        KeyMappingPartitioner partitioner = configured("partitioner.key.mapping", "us:0");
        long[] counts = new long[6];
        for (int i = 0; i < 60_000; i++) {
            byte[] key = ("user-" + i).getBytes(StandardCharsets.UTF_8);
            int p = partitioner.partition("t", "user-" + i, key, "v", null, SIX);
            assertEquals(Utils.toPositive(Utils.murmur2(key)) % 6, p);
            counts[p]++;
        }
        assertTrue(ChiSquare.looksUniform(counts), "chi2=" + ChiSquare.statistic(counts));
    }

    @Test
    void mixedTrafficPutsMappedKeysExactlyAndTheRestEvenly() {
        KeyMappingPartitioner partitioner = configured("partitioner.key.mapping", "hot:0",
            "partitioner.key.fallback", "consistent-hash");
        long[] others = new long[6];
        int hot = 0;
        for (int i = 0; i < 60_000; i++) {
            if (i % 3 == 0) {
                assertEquals(0, partition(partitioner, "hot", SIX));
                hot++;
            } else {
                byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
                int p = partitioner.partition("t", "k" + i, key, "v", null, SIX);
                assertEquals(ConsistentHashPartitioner.partitionForKey(key, 6), p);
                others[p]++;
            }
        }
        assertEquals(20_000, hot);
        assertTrue(ChiSquare.looksUniform(others), "chi2=" + ChiSquare.statistic(others));
    }

    @Test
    void roundRobinAndFixedFallbacks() {
        KeyMappingPartitioner roundRobin = configured("partitioner.key.mapping", "us:0",
            "partitioner.key.fallback", "ROUND-ROBIN");
        long[] counts = new long[6];
        for (int i = 0; i < 600; i++) {
            counts[partition(roundRobin, i % 2 == 0 ? null : "other", SIX)]++;
        }
        for (long c : counts) {
            assertEquals(100, c);
        }
        KeyMappingPartitioner fixed = configured("partitioner.key.mapping", "us:0", "partitioner.key.fallback", "5");
        assertEquals(5, partition(fixed, "other", SIX));
        assertEquals(5, partition(fixed, null, SIX));
        assertEquals(0, partition(fixed, "us", SIX));
    }

    @Test
    void nullKeysGoRoundRobinUnderTheHashFallback() {
        KeyMappingPartitioner partitioner = configured("partitioner.key.mapping", "us:0");
        Cluster someDown = TestClusters.topic("t", 3, 1);
        long[] counts = new long[3];
        for (int i = 0; i < 200; i++) {
            counts[partition(partitioner, null, someDown)]++;
        }
        assertEquals(100, counts[0]);
        assertEquals(0, counts[1]);
        assertEquals(100, counts[2]);
    }

    @Test
    void failFallbackNamesTheKey() {
        KeyMappingPartitioner partitioner = configured("partitioner.key.mapping", "us:0",
            "partitioner.key.fallback", "fail");
        assertEquals(0, partition(partitioner, "us", SIX));
        KafkaException e = assertThrows(KafkaException.class, () -> partition(partitioner, "mars", SIX));
        assertTrue(e.getMessage().contains("'mars'") && e.getMessage().contains("partitioner.key.fallback"),
            e.getMessage());
        KafkaException nullKey = assertThrows(KafkaException.class, () -> partition(partitioner, null, SIX));
        assertTrue(nullKey.getMessage().contains("null key"), nullKey.getMessage());
    }

    @Test
    void aPartitionTheTopicLacksFailsAtSendNamingKeySettingAndTopic() {
        KeyMappingPartitioner partitioner = configured("partitioner.key.mapping", "us:0",
            "partitioner.key.mapping.eu", "9", "partitioner.key.fallback", "7");
        ConfigException mapped = assertThrows(ConfigException.class, () -> partition(partitioner, "eu", SIX));
        assertTrue(mapped.getMessage().contains("partitioner.key.mapping.eu")
            && mapped.getMessage().contains("'eu'") && mapped.getMessage().contains("'t' has 6 partitions"),
            mapped.getMessage());
        ConfigException fallback = assertThrows(ConfigException.class, () -> partition(partitioner, "x", SIX));
        assertTrue(fallback.getMessage().contains("partitioner.key.fallback") && fallback.getMessage().contains("7"),
            fallback.getMessage());
        assertEquals(0, partition(partitioner, "us", SIX));
    }

    @Test
    void badSettingsFailInConfigureNamingTheSettingAndTheKey() {
        assertBad("partitioner.key.mapping", "us:0,eu", "'eu' must be key:partition",
            "partitioner.key.mapping", "us:0,eu");
        assertBad("partitioner.key.mapping", "us", "not a number", "partitioner.key.mapping", "us:zero");
        assertBad("partitioner.key.mapping", ":3", "empty", "partitioner.key.mapping", ":3");
        assertBad("partitioner.key.mapping", "'us'", "negative", "partitioner.key.mapping", "us:-1");
        assertBad("partitioner.key.mapping", "'us' is mapped twice", "", "partitioner.key.mapping", "us:0,us:1");
        assertBad("partitioner.key.mapping.us", "'us' is mapped twice", "partitioner.key.mapping",
            "partitioner.key.mapping", "us:0", "partitioner.key.mapping.us", "1");
        assertBad("partitioner.key.mapping.eu", "'eu'", "not a number", "partitioner.key.mapping.eu", "one");
        assertBad("partitioner.key.mapping", "maps no key", "", "partitioner.key.mapping", "");
        assertBad("partitioner.key.fallback", "sideways", "partition number",
            "partitioner.key.mapping", "us:0", "partitioner.key.fallback", "sideways");
        assertBad("partitioner.key.fallback", "-2", "negative",
            "partitioner.key.mapping", "us:0", "partitioner.key.fallback", "-2");
        assertBad("partitioner.key.mapping", "Expected value to be a comma-separated list", "",
            "partitioner.key.mapping", 42);
    }

    private static void assertBad(String setting, String says, String alsoSays, Object... configs) {
        ConfigException e = assertThrows(ConfigException.class, () -> configured(configs));
        assertEquals(setting, e.configName(), e.getMessage());
        assertTrue(e.getMessage().contains(says) && e.getMessage().contains(alsoSays), e.getMessage());
    }
}
