package io.strand.clients.consumer;

import io.strand.clients.CommonClientConfigs;
import io.strand.common.config.AbstractConfig;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Range;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.config.ConfigDef.ValidString;
import io.strand.common.config.ConfigException;
import io.strand.common.serialization.Deserializer;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's settings: the same keys and Apache Kafka 4.x defaults as kafka-clients'
 * {@code ConsumerConfig}. Apache class names of deserializers, assignors and interceptors are
 * accepted for their Strand equivalents.
 */
public class ConsumerConfig extends AbstractConfig {

    public static final String GROUP_ID_CONFIG = CommonClientConfigs.GROUP_ID_CONFIG;
    public static final String GROUP_INSTANCE_ID_CONFIG = CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG;
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    public static final String DEFAULT_GROUP_PROTOCOL = "classic";
    public static final String GROUP_REMOTE_ASSIGNOR_CONFIG = "group.remote.assignor";
    public static final String DEFAULT_GROUP_REMOTE_ASSIGNOR = null;
    public static final String MAX_POLL_RECORDS_CONFIG = "max.poll.records";
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = CommonClientConfigs.MAX_POLL_INTERVAL_MS_CONFIG;
    public static final String SESSION_TIMEOUT_MS_CONFIG = CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG;
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG;
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_DNS_LOOKUP_CONFIG = CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;
    public static final String ENABLE_AUTO_COMMIT_CONFIG = "enable.auto.commit";
    public static final String AUTO_COMMIT_INTERVAL_MS_CONFIG = "auto.commit.interval.ms";
    public static final String PARTITION_ASSIGNMENT_STRATEGY_CONFIG = "partition.assignment.strategy";
    public static final String AUTO_OFFSET_RESET_CONFIG = "auto.offset.reset";
    public static final String FETCH_MIN_BYTES_CONFIG = "fetch.min.bytes";
    public static final int DEFAULT_FETCH_MIN_BYTES = 1;
    public static final String FETCH_MAX_BYTES_CONFIG = "fetch.max.bytes";
    public static final int DEFAULT_FETCH_MAX_BYTES = 50 * 1024 * 1024;
    public static final String FETCH_MAX_WAIT_MS_CONFIG = "fetch.max.wait.ms";
    public static final int DEFAULT_FETCH_MAX_WAIT_MS = 500;
    public static final String METADATA_MAX_AGE_CONFIG = CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
    public static final String MAX_PARTITION_FETCH_BYTES_CONFIG = "max.partition.fetch.bytes";
    public static final int DEFAULT_MAX_PARTITION_FETCH_BYTES = 1024 * 1024;
    public static final String SEND_BUFFER_CONFIG = CommonClientConfigs.SEND_BUFFER_CONFIG;
    public static final String RECEIVE_BUFFER_CONFIG = CommonClientConfigs.RECEIVE_BUFFER_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String CLIENT_RACK_CONFIG = CommonClientConfigs.CLIENT_RACK_CONFIG;
    public static final String DEFAULT_CLIENT_RACK = CommonClientConfigs.DEFAULT_CLIENT_RACK;
    public static final String RECONNECT_BACKOFF_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG;
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG;
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    public static final String CHECK_CRCS_CONFIG = "check.crcs";
    public static final String KEY_DESERIALIZER_CLASS_CONFIG = "key.deserializer";
    public static final String VALUE_DESERIALIZER_CLASS_CONFIG = "value.deserializer";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG;
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG;
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    public static final String EXCLUDE_INTERNAL_TOPICS_CONFIG = "exclude.internal.topics";
    public static final boolean DEFAULT_EXCLUDE_INTERNAL_TOPICS = true;
    public static final String ISOLATION_LEVEL_CONFIG = "isolation.level";
    public static final String DEFAULT_ISOLATION_LEVEL = "read_uncommitted";
    public static final String ALLOW_AUTO_CREATE_TOPICS_CONFIG = "allow.auto.create.topics";
    public static final boolean DEFAULT_ALLOW_AUTO_CREATE_TOPICS = true;
    public static final String SECURITY_PROTOCOL_CONFIG = CommonClientConfigs.SECURITY_PROTOCOL_CONFIG;

    /** The assignors whose names may appear in partition.assignment.strategy of Apache's consumer protocol. */
    public static final List<String> ASSIGN_FROM_SUBSCRIBED_ASSIGNORS = List.of(
        RangeAssignor.RANGE_ASSIGNOR_NAME, RoundRobinAssignor.ROUNDROBIN_ASSIGNOR_NAME,
        StickyAssignor.STICKY_ASSIGNOR_NAME, CooperativeStickyAssignor.COOPERATIVE_STICKY_ASSIGNOR_NAME);

    /** auto.offset.reset values; by_duration:&lt;ISO-8601 duration&gt; (KIP-1106) resets to that long ago. */
    public static final String AUTO_OFFSET_RESET_LATEST = "latest";
    public static final String AUTO_OFFSET_RESET_EARLIEST = "earliest";
    public static final String AUTO_OFFSET_RESET_NONE = "none";
    public static final String AUTO_OFFSET_RESET_BY_DURATION_PREFIX = "by_duration:";

    private static final Logger log = LoggerFactory.getLogger(ConsumerConfig.class);

    private static final AtomicInteger CLIENT_ID_SEQUENCE = new AtomicInteger(1);

    private static final ConfigDef CONFIG = define();

    private static ConfigDef define() {
        ConfigDef def = CommonClientConfigs.defineCommonConfigs(new ConfigDef(), 64 * 1024);
        return def
            .define(GROUP_ID_CONFIG, Type.STRING, null, Importance.HIGH, CommonClientConfigs.GROUP_ID_DOC)
            .define(GROUP_INSTANCE_ID_CONFIG, Type.STRING, null, ConfigDef.LambdaValidator.with((name, value) -> {
                if (value != null && ((String) value).trim().isEmpty()) {
                    throw new ConfigException(name, value, "group.instance.id must be null or a non-empty string");
                }
            }, () -> "null or non-empty string"), Importance.MEDIUM,
                CommonClientConfigs.GROUP_INSTANCE_ID_DOC)
            .define(GROUP_PROTOCOL_CONFIG, Type.STRING, DEFAULT_GROUP_PROTOCOL,
                ConfigDef.CaseInsensitiveValidString.in("classic", "consumer"), Importance.HIGH,
                "The group protocol: classic (JoinGroup/SyncGroup, client-side assignors). The KIP-848 "
                    + "consumer protocol is not supported yet.")
            .define(GROUP_REMOTE_ASSIGNOR_CONFIG, Type.STRING, DEFAULT_GROUP_REMOTE_ASSIGNOR, Importance.MEDIUM,
                "The server-side assignor of the consumer group protocol (not supported yet).")
            .define(SESSION_TIMEOUT_MS_CONFIG, Type.INT, 45000, Importance.HIGH,
                CommonClientConfigs.SESSION_TIMEOUT_MS_DOC)
            .define(HEARTBEAT_INTERVAL_MS_CONFIG, Type.INT, 3000, Importance.HIGH,
                CommonClientConfigs.HEARTBEAT_INTERVAL_MS_DOC)
            .define(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, Type.LIST,
                Arrays.asList(RangeAssignor.class, CooperativeStickyAssignor.class), new ConfigDef.NonNullValidator(),
                Importance.MEDIUM, "The assignors this member offers, preferred first; the group uses the first one "
                    + "all members offer. Class names; Apache's (org.apache.kafka.clients.consumer.RangeAssignor) work too.")
            .define(ENABLE_AUTO_COMMIT_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                "Commit the positions of what poll() returned, every auto.commit.interval.ms, and on close.")
            .define(AUTO_COMMIT_INTERVAL_MS_CONFIG, Type.INT, 5000, Range.atLeast(0), Importance.LOW,
                "Milliseconds between automatic commits.")
            .define(MAX_POLL_RECORDS_CONFIG, Type.INT, DEFAULT_MAX_POLL_RECORDS, Range.atLeast(1), Importance.MEDIUM,
                "The most records one poll() returns.")
            .define(MAX_POLL_INTERVAL_MS_CONFIG, Type.INT, 300000, Range.atLeast(1), Importance.MEDIUM,
                CommonClientConfigs.MAX_POLL_INTERVAL_MS_DOC)
            .define(AUTO_OFFSET_RESET_CONFIG, Type.STRING, AUTO_OFFSET_RESET_LATEST, new AutoOffsetResetValidator(),
                Importance.MEDIUM, "Where to start without a committed offset, or when the position is out of range: "
                    + "latest, earliest, none (throw NoOffsetForPartitionException) or by_duration:<ISO-8601 duration>.")
            .define(FETCH_MIN_BYTES_CONFIG, Type.INT, DEFAULT_FETCH_MIN_BYTES, Range.atLeast(0), Importance.HIGH,
                "The least data the broker should return for a fetch; it waits up to fetch.max.wait.ms for it.")
            .define(FETCH_MAX_BYTES_CONFIG, Type.INT, DEFAULT_FETCH_MAX_BYTES, Range.atLeast(0), Importance.MEDIUM,
                "The most data the broker should return for one fetch (a first batch larger than this is still returned).")
            .define(FETCH_MAX_WAIT_MS_CONFIG, Type.INT, DEFAULT_FETCH_MAX_WAIT_MS, Range.atLeast(0), Importance.LOW,
                "The most milliseconds the broker waits for fetch.min.bytes.")
            .define(MAX_PARTITION_FETCH_BYTES_CONFIG, Type.INT, DEFAULT_MAX_PARTITION_FETCH_BYTES, Range.atLeast(0),
                Importance.HIGH, "The most data per partition the broker should return in one fetch.")
            .define(CHECK_CRCS_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                "Check the CRC-32C of every batch fetched.")
            .define(KEY_DESERIALIZER_CLASS_CONFIG, Type.CLASS, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                "Deserializer class for keys (unless an instance is passed to the constructor).")
            .define(VALUE_DESERIALIZER_CLASS_CONFIG, Type.CLASS, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                "Deserializer class for values (unless an instance is passed to the constructor).")
            .define(DEFAULT_API_TIMEOUT_MS_CONFIG, Type.INT, 60 * 1000, Range.atLeast(0), Importance.MEDIUM,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_DOC)
            .define(INTERCEPTOR_CLASSES_CONFIG, Type.LIST, Collections.emptyList(), new ConfigDef.NonNullValidator(),
                Importance.LOW, "ConsumerInterceptor classes, called in order.")
            .define(EXCLUDE_INTERNAL_TOPICS_CONFIG, Type.BOOLEAN, DEFAULT_EXCLUDE_INTERNAL_TOPICS, Importance.MEDIUM,
                "Whether a pattern subscription leaves out internal topics such as __consumer_offsets.")
            .define(ISOLATION_LEVEL_CONFIG, Type.STRING, DEFAULT_ISOLATION_LEVEL,
                ValidString.in("read_committed", "read_uncommitted"), Importance.MEDIUM,
                "read_committed returns transactional records only once committed and never those of aborted "
                    + "transactions; read_uncommitted returns everything.")
            .define(ALLOW_AUTO_CREATE_TOPICS_CONFIG, Type.BOOLEAN, DEFAULT_ALLOW_AUTO_CREATE_TOPICS, Importance.MEDIUM,
                "Whether subscribing to or assigning a topic that does not exist may create it, where the broker allows.");
    }

    public ConsumerConfig(Properties props) {
        super(CONFIG, props);
    }

    public ConsumerConfig(Map<String, Object> props) {
        super(CONFIG, props);
    }

    protected ConsumerConfig(Map<?, ?> props, boolean doLog) {
        super(CONFIG, props, doLog);
    }

    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsed) {
        Map<String, Object> out = new HashMap<>(CommonClientConfigs.postProcessBackoffConfigs(originals(), parsed));
        String groupId = (String) parsed.get(GROUP_ID_CONFIG);
        if ("consumer".equalsIgnoreCase((String) parsed.get(GROUP_PROTOCOL_CONFIG))) {
            throw new ConfigException(GROUP_PROTOCOL_CONFIG, parsed.get(GROUP_PROTOCOL_CONFIG),
                "The consumer group protocol (KIP-848) is not supported yet; use group.protocol=classic.");
        }
        if (groupId == null) {
            // Without a group nothing can be committed: auto commit is off unless asked for, which is an error.
            if (originals().containsKey(ENABLE_AUTO_COMMIT_CONFIG) && Boolean.TRUE.equals(parsed.get(ENABLE_AUTO_COMMIT_CONFIG))) {
                throw new ConfigException(ENABLE_AUTO_COMMIT_CONFIG, true,
                    "enable.auto.commit cannot be true when no group.id is set.");
            }
            out.put(ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        String clientId = (String) parsed.get(CLIENT_ID_CONFIG);
        if (clientId == null || clientId.isEmpty()) {
            int n = CLIENT_ID_SEQUENCE.getAndIncrement();
            out.put(CLIENT_ID_CONFIG, groupId == null ? "consumer-" + n : "consumer-" + groupId + "-" + n);
        }
        int session = (Integer) parsed.get(SESSION_TIMEOUT_MS_CONFIG);
        int heartbeat = (Integer) parsed.get(HEARTBEAT_INTERVAL_MS_CONFIG);
        if (heartbeat >= session) {
            // Apache accepts this too; the member will then miss its session now and again.
            log.warn("heartbeat.interval.ms ({}) is not lower than session.timeout.ms ({}): the coordinator will "
                + "drop this member between heartbeats", heartbeat, session);
        }
        return out;
    }

    /**
     * The configs with deserializer instances recorded, so that a consumer built with instances
     * needs no deserializer class names.
     */
    static Map<String, Object> appendDeserializerToConfig(Map<String, Object> configs, Deserializer<?> keyDeserializer,
                                                          Deserializer<?> valueDeserializer) {
        Map<String, Object> out = new HashMap<>(configs);
        if (keyDeserializer != null) {
            out.put(KEY_DESERIALIZER_CLASS_CONFIG, keyDeserializer.getClass());
        }
        if (valueDeserializer != null) {
            out.put(VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer.getClass());
        }
        return out;
    }

    /** The auto.offset.reset duration of a by_duration value, or null for the other values. */
    public static Duration resetDuration(String autoOffsetReset) {
        String v = autoOffsetReset.toLowerCase(Locale.ROOT);
        if (!v.startsWith(AUTO_OFFSET_RESET_BY_DURATION_PREFIX)) {
            return null;
        }
        return Duration.parse(autoOffsetReset.substring(AUTO_OFFSET_RESET_BY_DURATION_PREFIX.length()));
    }

    public static Set<String> configNames() {
        return CONFIG.names();
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public static void main(String[] args) {
        System.out.println(CONFIG.toMarkdown());
    }

    private static final class AutoOffsetResetValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String v = value == null ? "" : ((String) value).toLowerCase(Locale.ROOT);
            if (v.equals(AUTO_OFFSET_RESET_LATEST) || v.equals(AUTO_OFFSET_RESET_EARLIEST)
                || v.equals(AUTO_OFFSET_RESET_NONE)) {
                return;
            }
            if (v.startsWith(AUTO_OFFSET_RESET_BY_DURATION_PREFIX)) {
                try {
                    Duration d = resetDuration((String) value);
                    if (!d.isNegative()) {
                        return;
                    }
                } catch (DateTimeParseException e) {
                    throw new ConfigException(name, value, "by_duration needs an ISO-8601 duration such as "
                        + "by_duration:PT1H: " + e.getMessage());
                }
                throw new ConfigException(name, value, "by_duration must not be negative");
            }
            throw new ConfigException(name, value, "Invalid value; must be one of latest, earliest, none or "
                + "by_duration:<ISO-8601 duration>");
        }

        @Override
        public String toString() {
            return "[latest, earliest, none, by_duration:PnDTnHnMn.nS]";
        }
    }
}
