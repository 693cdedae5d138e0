package io.strand.broker.internals.cluster;

import io.strand.common.errors.InvalidConfigurationException;
import io.strand.common.record.TimestampType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A topic's configuration: Kafka's topic-level keys with Kafka 4's defaults, and the overrides
 * given at creation. The broker acts on message.timestamp.type and max.message.bytes; the others
 * are kept and described so that tools reading them see what a Kafka broker would show.
 */
public final class TopicConfig {

    public static final String TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";

    /** Kafka 4's topic defaults, in the order DescribeConfigs lists them. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cleanup.policy", "delete");
        d.put("compression.type", "producer");
        d.put("compression.gzip.level", "-1");
        d.put("compression.lz4.level", "9");
        d.put("compression.zstd.level", "3");
        d.put("delete.retention.ms", "86400000");
        d.put("file.delete.delay.ms", "60000");
        d.put("flush.messages", "9223372036854775807");
        d.put("flush.ms", "9223372036854775807");
        d.put("index.interval.bytes", "4096");
        d.put("local.retention.bytes", "-2");
        d.put("local.retention.ms", "-2");
        d.put("max.compaction.lag.ms", "9223372036854775807");
        d.put(MAX_MESSAGE_BYTES, "1048588");
        d.put("message.timestamp.after.max.ms", "3600000");
        d.put("message.timestamp.before.max.ms", "9223372036854775807");
        d.put(TIMESTAMP_TYPE, "CreateTime");
        d.put("min.cleanable.dirty.ratio", "0.5");
        d.put("min.compaction.lag.ms", "0");
        d.put("min.insync.replicas", "1");
        d.put("preallocate", "false");
        d.put("remote.storage.enable", "false");
        d.put("retention.bytes", "-1");
        d.put("retention.ms", "604800000");
        d.put("segment.bytes", "1073741824");
        d.put("segment.index.bytes", "10485760");
        d.put("segment.jitter.ms", "0");
        d.put("segment.ms", "604800000");
        d.put("unclean.leader.election.enable", "false");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private static final Set<String> NUMERIC = Set.of("delete.retention.ms", "file.delete.delay.ms", "flush.messages",
        "flush.ms", "index.interval.bytes", "local.retention.bytes", "local.retention.ms", "max.compaction.lag.ms",
        MAX_MESSAGE_BYTES, "message.timestamp.after.max.ms", "message.timestamp.before.max.ms", "min.compaction.lag.ms",
        "min.insync.replicas", "retention.bytes", "retention.ms", "segment.bytes", "segment.index.bytes",
        "segment.jitter.ms", "segment.ms", "compression.gzip.level", "compression.lz4.level", "compression.zstd.level");

    private final Map<String, String> overrides;
    private final TimestampType timestampType;
    private final int maxMessageBytes;

    private TopicConfig(Map<String, String> overrides) {
        this.overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
        this.timestampType = "LogAppendTime".equals(get(TIMESTAMP_TYPE))
            ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
        this.maxMessageBytes = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(get(MAX_MESSAGE_BYTES)));
    }

    public static TopicConfig defaults() {
        return new TopicConfig(Map.of());
    }

    /**
     * Checks and keeps the overrides; a null value means the default.
     *
     * @throws InvalidConfigurationException naming the key and value at fault
     */
    public static TopicConfig of(Map<String, String> overrides) {
        Map<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (!DEFAULTS.containsKey(key)) {
                throw new InvalidConfigurationException("Unknown topic config name: " + key);
            }
            if (value == null) {
                continue;
            }
            validate(key, value.trim());
            kept.put(key, value.trim());
        }
        return new TopicConfig(kept);
    }

    private static void validate(String key, String value) {
        if (NUMERIC.contains(key)) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException("Invalid value " + value + " for configuration " + key
                    + ": Not a number of type LONG");
            }
        }
        switch (key) {
            case TIMESTAMP_TYPE -> require(key, value, Set.of("CreateTime", "LogAppendTime"));
            case "cleanup.policy" -> {
                for (String p : value.split(",")) {
                    require(key, p.trim(), Set.of("delete", "compact"));
                }
            }
            case "compression.type" -> require(key, value,
                Set.of("producer", "uncompressed", "none", "gzip", "snappy", "lz4", "zstd"));
            case "preallocate", "unclean.leader.election.enable", "remote.storage.enable" ->
                require(key, value, Set.of("true", "false"));
            case MAX_MESSAGE_BYTES -> {
                if (Long.parseLong(value) < 0) {
                    throw new InvalidConfigurationException("Invalid value " + value + " for configuration " + key
                        + ": Value must be at least 0");
                }
            }
            default -> {
            }
        }
    }

    private static void require(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new InvalidConfigurationException("Invalid value " + value + " for configuration " + key
                + ": String must be one of: " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
    }

    /** The effective value: the override, else Kafka's default. */
    public String get(String key) {
        String v = overrides.get(key);
        return v != null ? v : DEFAULTS.get(key);
    }

    public boolean isOverridden(String key) {
        return overrides.containsKey(key);
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }
}
