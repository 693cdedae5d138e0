package io.strand.partitioners;

import io.strand.clients.producer.RoundRobinPartitioner;
import io.strand.clients.producer.Partitioner;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.config.ConfigException;
import io.strand.common.utils.Utils;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends the records of chosen keys to chosen partitions, for example every record keyed
 * {@code us} to partition 0 and {@code eu} to partition 1, and the other keys by a fallback rule.
 * The mapping comes from the producer's configuration, in either or both forms:
 * <pre>
 *   partitioner.class=io.strand.partitioners.KeyMappingPartitioner
 *   partitioner.key.mapping=us:0,eu:1
 *   partitioner.key.mapping.apac=2          # one key per setting; the key may contain ',' or ':'
 *   partitioner.key.fallback=hash           # hash | consistent-hash | round-robin | fail | a partition
 * </pre>
 * In the list form the partition follows the last {@code ':'}, so {@code a:b:3} maps key
 * {@code a:b}. The same mapping applies to every topic the producer writes.
 *
 * <p>A key matches by its string form: a {@code String} key as it is, a {@code byte[]} key decoded
 * as UTF-8, any other key through {@code toString()} (so an {@code Integer} key 7 matches
 * {@code 7:2}). Keys that match no entry, and null keys, follow {@code partitioner.key.fallback}:
 * <ul>
 *   <li>{@code hash} (default): murmur2 of the serialized key modulo the partition count, where the
 *   producer's default partitioner would put it; null keys round-robin;</li>
 *   <li>{@code consistent-hash}: as {@link ConsistentHashPartitioner};</li>
 *   <li>{@code round-robin}: as {@link RoundRobinPartitioner}, ignoring the key;</li>
 *   <li>{@code fail}: {@code send} throws a {@link KafkaException} naming the key;</li>
 *   <li>a partition number: every unmapped record goes there.</li>
 * </ul>
 * Mapped keys share their partitions with fallback keys unless the fallback avoids them; this
 * partitioner does not reserve partitions.
 *
 * <p>Wrong settings fail in {@code configure} with a {@link ConfigException} naming the setting and
 * the key. A mapped partition that the topic does not have is only known at send: {@code send}
 * then throws a ConfigException naming the setting, the key, the topic and its partition count.
 * Thread-safe: the mapping is immutable after {@code configure}.
 */
public class KeyMappingPartitioner implements Partitioner {

    public static final String MAPPING_CONFIG = "partitioner.key.mapping";
    public static final String MAPPING_PREFIX = MAPPING_CONFIG + ".";
    public static final String FALLBACK_CONFIG = "partitioner.key.fallback";

    public static final String FALLBACK_HASH = "hash";
    public static final String FALLBACK_CONSISTENT_HASH = "consistent-hash";
    public static final String FALLBACK_ROUND_ROBIN = "round-robin";
    public static final String FALLBACK_FAIL = "fail";

    /** The settings, for documentation; the prefixed form cannot be declared and is described here. */
    public static final ConfigDef CONFIG = new ConfigDef()
        .define(MAPPING_CONFIG, Type.LIST, List.of(), Importance.HIGH,
            "KeyMappingPartitioner: comma-separated key:partition pairs. Keys may also be mapped one per setting "
                + "as " + MAPPING_PREFIX + "<key>=<partition>. At least one key must be mapped.")
        .define(FALLBACK_CONFIG, Type.STRING, FALLBACK_HASH, Importance.MEDIUM,
            "KeyMappingPartitioner: where records of unmapped or null keys go: hash (murmur2 modulo the "
                + "partition count, like the default partitioner), consistent-hash, round-robin, fail, or a "
                + "partition number.");

    /** An entry of the mapping, with the setting it came from so that errors can name it. */
    private static final class Target {
        final int partition;
        final String setting;

        Target(int partition, String setting) {
            this.partition = partition;
            this.setting = setting;
        }
    }

    private Map<String, Target> mapping = Map.of();
    private Fallback fallback = fallback(FALLBACK_HASH);

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> parsed = CONFIG.parse(configs);
        Map<String, Target> m = new HashMap<>();
        for (Object entry : (List<?>) parsed.get(MAPPING_CONFIG)) {
            String item = String.valueOf(entry);
            int colon = item.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException(MAPPING_CONFIG, configs.get(MAPPING_CONFIG),
                    "Entry '" + item + "' must be key:partition");
            }
            String key = item.substring(0, colon).trim();
            put(m, key, item.substring(colon + 1).trim(), MAPPING_CONFIG, configs.get(MAPPING_CONFIG));
        }
        for (Map.Entry<String, ?> e : configs.entrySet()) {
            if (e.getKey().startsWith(MAPPING_PREFIX)) {
                String key = e.getKey().substring(MAPPING_PREFIX.length());
                put(m, key, e.getValue() == null ? "" : e.getValue().toString().trim(), e.getKey(), e.getValue());
            }
        }
        if (m.isEmpty()) {
            throw new ConfigException(MAPPING_CONFIG, configs.get(MAPPING_CONFIG), "KeyMappingPartitioner maps no "
                + "key; set " + MAPPING_CONFIG + "=key:partition,... or " + MAPPING_PREFIX + "<key>=<partition>");
        }
        this.fallback = fallback((String) parsed.get(FALLBACK_CONFIG));
        this.mapping = Map.copyOf(m);
    }

    private static void put(Map<String, Target> m, String key, String partition, String setting, Object rawValue) {
        if (key.isEmpty()) {
            throw new ConfigException(setting, rawValue, "A mapped key must not be empty");
        }
        int p;
        try {
            p = Integer.parseInt(partition);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, rawValue,
                "Partition '" + partition + "' of key '" + key + "' is not a number");
        }
        if (p < 0) {
            throw new ConfigException(setting, rawValue, "Partition " + p + " of key '" + key + "' is negative");
        }
        Target previous = m.put(key, new Target(p, setting));
        if (previous != null) {
            throw new ConfigException(setting, rawValue, "Key '" + key + "' is mapped twice (to partition "
                + previous.partition + " in " + previous.setting + " and to " + p + ")");
        }
    }

    /** Where an unmapped record goes; {@code name} is the key's string form, for messages. */
    @FunctionalInterface
    private interface Fallback {
        int partition(String topic, String name, Object key, byte[] keyBytes, Cluster cluster, int count);
    }

    private static Fallback fallback(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case FALLBACK_HASH: {
                RoundRobinPartitioner keyless = new RoundRobinPartitioner();
                return (topic, name, key, keyBytes, cluster, count) -> keyBytes == null
                    ? keyless.partition(topic, key, null, null, null, cluster)
                    : Utils.toPositive(Utils.murmur2(keyBytes)) % count;
            }
            case FALLBACK_CONSISTENT_HASH: {
                ConsistentHashPartitioner consistent = new ConsistentHashPartitioner();
                return (topic, name, key, keyBytes, cluster, count) ->
                    consistent.partition(topic, key, keyBytes, null, null, cluster);
            }
            case FALLBACK_ROUND_ROBIN: {
                RoundRobinPartitioner roundRobin = new RoundRobinPartitioner();
                return (topic, name, key, keyBytes, cluster, count) ->
                    roundRobin.partition(topic, key, keyBytes, null, null, cluster);
            }
            case FALLBACK_FAIL:
                return (topic, name, key, keyBytes, cluster, count) -> {
                    throw new KafkaException((name == null ? "A record with a null key" : "Key '" + name + "'")
                        + " for topic '" + topic + "' is not in " + MAPPING_CONFIG + " and " + FALLBACK_CONFIG
                        + "=" + FALLBACK_FAIL);
                };
            default:
                return fixed(value);
        }
    }

    private static Fallback fixed(String value) {
        int partition;
        try {
            partition = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(FALLBACK_CONFIG, value,
                "Expected hash, consistent-hash, round-robin, fail or a partition number");
        }
        if (partition < 0) {
            throw new ConfigException(FALLBACK_CONFIG, value, "A partition number must not be negative");
        }
        return (topic, name, key, keyBytes, cluster, count) -> {
            if (partition >= count) {
                throw new ConfigException(FALLBACK_CONFIG + " is partition " + partition + ", but topic '" + topic
                    + "' has " + count + " partitions (record key '" + name + "')");
            }
            return partition;
        };
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        int count = cluster.partitionsForTopic(topic).size();
        String name = keyString(key);
        Target target = name == null ? null : mapping.get(name);
        if (target == null) {
            return fallback.partition(topic, name, key, keyBytes, cluster, count);
        }
        if (target.partition >= count) {
            throw new ConfigException(target.setting + " maps key '" + name + "' to partition " + target.partition
                + ", but topic '" + topic + "' has " + count + " partitions");
        }
        return target.partition;
    }

    private static String keyString(Object key) {
        if (key == null || key instanceof String) {
            return (String) key;
        }
        if (key instanceof byte[]) {
            return new String((byte[]) key, StandardCharsets.UTF_8);
        }
        return key.toString();
    }

    @Override
    public void close() {
    }
}
