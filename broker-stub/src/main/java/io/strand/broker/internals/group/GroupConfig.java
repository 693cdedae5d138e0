package io.strand.broker.internals.group;

import java.util.Map;

/**
 * Settings of the group coordinator, under the broker configuration keys Apache Kafka uses for them.
 *
 * <p>Every default is Kafka's except {@code group.initial.rebalance.delay.ms}: 0 here, 3000 in
 * Kafka. The delay lets a group that starts empty collect several members into its first
 * generation; Kafka's own documentation advises 0 for development and tests, which is what this
 * broker is for, and a test that starts one consumer should not wait three seconds for it.
 *
 * @param minSessionTimeoutMs          {@code group.min.session.timeout.ms}: shortest session timeout a member may ask for
 * @param maxSessionTimeoutMs          {@code group.max.session.timeout.ms}: longest session timeout a member may ask for
 * @param initialRebalanceDelayMs      {@code group.initial.rebalance.delay.ms}: how long an empty group waits for more members
 * @param maxSize                      {@code group.max.size}: most members of one group
 * @param offsetMetadataMaxBytes       {@code offset.metadata.max.bytes}: longest metadata string of a commit
 * @param offsetsRetentionMs           {@code offsets.retention.minutes} in milliseconds: how long offsets of a group
 *                                     without members are kept
 * @param offsetsRetentionCheckIntervalMs {@code offsets.retention.check.interval.ms}: how often expired offsets and
 *                                     empty groups are looked for
 */
public record GroupConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs, int maxSize,
                          int offsetMetadataMaxBytes, long offsetsRetentionMs, long offsetsRetentionCheckIntervalMs) {

    public static final String MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String MAX_SIZE = "group.max.size";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";

    public GroupConfig {
        require(minSessionTimeoutMs >= 0, MIN_SESSION_TIMEOUT_MS, minSessionTimeoutMs, "must not be negative");
        require(maxSessionTimeoutMs >= minSessionTimeoutMs, MAX_SESSION_TIMEOUT_MS, maxSessionTimeoutMs,
            "must not be below " + MIN_SESSION_TIMEOUT_MS + " (" + minSessionTimeoutMs + ")");
        require(initialRebalanceDelayMs >= 0, INITIAL_REBALANCE_DELAY_MS, initialRebalanceDelayMs, "must not be negative");
        require(maxSize >= 1, MAX_SIZE, maxSize, "must be at least 1");
        require(offsetMetadataMaxBytes >= 0, OFFSET_METADATA_MAX_BYTES, offsetMetadataMaxBytes, "must not be negative");
        require(offsetsRetentionMs >= 1, OFFSETS_RETENTION_MINUTES, offsetsRetentionMs / 60_000, "must be at least 1");
        require(offsetsRetentionCheckIntervalMs >= 1, OFFSETS_RETENTION_CHECK_INTERVAL_MS,
            offsetsRetentionCheckIntervalMs, "must be at least 1");
    }

    /** Kafka's defaults, except an initial rebalance delay of 0 (see the class comment). */
    public static GroupConfig defaults() {
        return new GroupConfig(6_000, 1_800_000, 0, Integer.MAX_VALUE, 4096, 7L * 24 * 60 * 60 * 1000, 600_000);
    }

    /**
     * The defaults overridden by whichever of this class's keys {@code props} holds (other keys are
     * ignored: they belong to the rest of the broker). Values may be numbers or decimal strings.
     *
     * @throws IllegalArgumentException naming the key whose value is not a number or out of range
     */
    public static GroupConfig fromProperties(Map<String, ?> props) {
        GroupConfig d = defaults();
        return new GroupConfig(
            (int) number(props, MIN_SESSION_TIMEOUT_MS, d.minSessionTimeoutMs),
            (int) number(props, MAX_SESSION_TIMEOUT_MS, d.maxSessionTimeoutMs),
            (int) number(props, INITIAL_REBALANCE_DELAY_MS, d.initialRebalanceDelayMs),
            (int) number(props, MAX_SIZE, d.maxSize),
            (int) number(props, OFFSET_METADATA_MAX_BYTES, d.offsetMetadataMaxBytes),
            number(props, OFFSETS_RETENTION_MINUTES, d.offsetsRetentionMs / 60_000) * 60_000,
            number(props, OFFSETS_RETENTION_CHECK_INTERVAL_MS, d.offsetsRetentionCheckIntervalMs));
    }

    public GroupConfig withSessionTimeoutBounds(int minMs, int maxMs) {
        return new GroupConfig(minMs, maxMs, initialRebalanceDelayMs, maxSize, offsetMetadataMaxBytes,
            offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withInitialRebalanceDelayMs(int delayMs) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, delayMs, maxSize, offsetMetadataMaxBytes,
            offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withMaxSize(int size) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, size,
            offsetMetadataMaxBytes, offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withOffsetMetadataMaxBytes(int bytes) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxSize, bytes,
            offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withOffsetsRetention(long retentionMs, long checkIntervalMs) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxSize,
            offsetMetadataMaxBytes, retentionMs, checkIntervalMs);
    }

    private static long number(Map<String, ?> props, String key, long fallback) {
        Object v = props.get(key);
        if (v == null) {
            return fallback;
        }
        long value;
        if (v instanceof Number) {
            value = ((Number) v).longValue();
        } else {
            try {
                value = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'", e);
            }
        }
        boolean isLong = key.equals(OFFSETS_RETENTION_MINUTES) || key.equals(OFFSETS_RETENTION_CHECK_INTERVAL_MS);
        if (!isLong && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(key + " = " + value + " is out of range");
        }
        return value;
    }

    private static void require(boolean ok, String key, long value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key + " = " + value + ": " + rule);
        }
    }
}
