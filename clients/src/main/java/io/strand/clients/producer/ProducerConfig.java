package io.strand.clients.producer;

import io.strand.clients.CommonClientConfigs;
import io.strand.common.compress.Compression;
import io.strand.common.compress.GzipCompression;
import io.strand.common.compress.Lz4Compression;
import io.strand.common.compress.ZstdCompression;
import io.strand.common.config.AbstractConfig;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Range;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.config.ConfigException;
import io.strand.common.record.CompressionType;
import io.strand.common.serialization.Serializer;
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
 * The producer's settings, with Apache Kafka 4.x's keys, defaults and cross-checks. The key
 * constants have Apache's names, so code that refers to {@code ProducerConfig.ACKS_CONFIG}
 * compiles as it is.
 *
 * <p>Checks across keys, as Kafka 4.x makes them: idempotence (on by default) needs acks=all,
 * retries above 0 and at most 5 requests in flight per connection. More than 5 in flight is an
 * error unless idempotence is turned off; for acks and retries, a conflict is an error if the
 * user set {@code enable.idempotence=true} explicitly, and otherwise turns idempotence off. {@code delivery.timeout.ms} must be at least
 * {@code linger.ms + request.timeout.ms}: an explicit smaller value is an error, the default is
 * raised to that sum.
 */
public class ProducerConfig extends AbstractConfig {

    private static final Logger log = LoggerFactory.getLogger(ProducerConfig.class);
    private static final AtomicInteger CLIENT_ID_SEQUENCE = new AtomicInteger(1);
    private static final int MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_DNS_LOOKUP_CONFIG = CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;
    public static final String METADATA_MAX_AGE_CONFIG = CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
    public static final String METADATA_MAX_IDLE_CONFIG = "metadata.max.idle.ms";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG = "partitioner.adaptive.partitioning.enable";
    public static final String PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG = "partitioner.availability.timeout.ms";
    public static final String PARTITIONER_IGNORE_KEYS_CONFIG = "partitioner.ignore.keys";
    public static final String ACKS_CONFIG = "acks";
    public static final String LINGER_MS_CONFIG = "linger.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String SEND_BUFFER_CONFIG = CommonClientConfigs.SEND_BUFFER_CONFIG;
    public static final String RECEIVE_BUFFER_CONFIG = CommonClientConfigs.RECEIVE_BUFFER_CONFIG;
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    public static final String RECONNECT_BACKOFF_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG;
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG;
    public static final String ENABLE_METRICS_PUSH_CONFIG = "enable.metrics.push";
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    public static final String METRIC_REPORTER_CLASSES_CONFIG = "metric.reporters";
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = "max.in.flight.requests.per.connection";
    public static final String RETRIES_CONFIG = CommonClientConfigs.RETRIES_CONFIG;
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG;
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG;
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG;
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    public static final String TRANSACTION_TIMEOUT_CONFIG = "transaction.timeout.ms";
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";
    public static final String SECURITY_PROTOCOL_CONFIG = CommonClientConfigs.SECURITY_PROTOCOL_CONFIG;

    private static final ConfigDef CONFIG = define();

    private static ConfigDef define() {
        ConfigDef def = CommonClientConfigs.defineCommonConfigs(new ConfigDef(), 32 * 1024);
        return def
            .define(ACKS_CONFIG, Type.STRING, "all", ConfigDef.CaseInsensitiveValidString.in("all", "-1", "0", "1"),
                Importance.LOW, "How many replicas must have the records before the leader answers: 0 (no "
                    + "answer at all), 1 (the leader alone) or all (-1: every in-sync replica).")
            .define(ENABLE_IDEMPOTENCE_CONFIG, Type.BOOLEAN, true, Importance.LOW, "Write each record exactly once "
                + "per partition, in order, despite retries: the broker deduplicates by producer id and sequence "
                + "number. Needs acks=all, retries > 0 and max.in.flight.requests.per.connection <= 5.")
            .define(BATCH_SIZE_CONFIG, Type.INT, 16384, Range.atLeast(0), Importance.MEDIUM, "The bytes a batch "
                + "for one partition holds before it is sent (a larger record gets a batch of its own).")
            .define(LINGER_MS_CONFIG, Type.LONG, 5L, Range.atLeast(0), Importance.MEDIUM, "Milliseconds a batch "
                + "waits for more records before it is sent if it is not full.")
            .define(BUFFER_MEMORY_CONFIG, Type.LONG, 32 * 1024 * 1024L, Range.atLeast(0L), Importance.HIGH, "The "
                + "bytes of records waiting to be sent that the producer may hold; send blocks for at most "
                + "max.block.ms when they are used up.")
            .define(MAX_BLOCK_MS_CONFIG, Type.LONG, 60 * 1000L, Range.atLeast(0), Importance.MEDIUM, "The most "
                + "milliseconds send and partitionsFor block, waiting for metadata or for buffer memory.")
            .define(DELIVERY_TIMEOUT_MS_CONFIG, Type.INT, 120 * 1000, Range.atLeast(0), Importance.MEDIUM, "The "
                + "most milliseconds from send to success or failure, retries included. At least linger.ms + "
                + "request.timeout.ms.")
            .define(RETRIES_CONFIG, Type.INT, Integer.MAX_VALUE, Range.between(0, Integer.MAX_VALUE), Importance.HIGH,
                "How many times a batch that failed with a retriable error is sent again (within "
                    + "delivery.timeout.ms).")
            .define(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Type.INT, 5, Range.atLeast(1), Importance.LOW, "The most "
                + "Produce requests waiting for a response per broker. Above 1 without idempotence, retries can "
                + "reorder records.")
            .define(COMPRESSION_TYPE_CONFIG, Type.STRING, "none",
                ConfigDef.ValidString.in("none", "gzip", "snappy", "lz4", "zstd"), Importance.HIGH, "The codec "
                    + "each batch is compressed with: none, gzip, snappy, lz4 or zstd.")
            .define(COMPRESSION_GZIP_LEVEL_CONFIG, Type.INT, GzipCompression.DEFAULT_LEVEL,
                levelValidator(GzipCompression.MIN_LEVEL, GzipCompression.MAX_LEVEL, GzipCompression.DEFAULT_LEVEL),
                Importance.MEDIUM, "The gzip level (1 to 9, or -1 for the default).")
            .define(COMPRESSION_LZ4_LEVEL_CONFIG, Type.INT, Lz4Compression.DEFAULT_LEVEL,
                Range.between(Lz4Compression.MIN_LEVEL, Lz4Compression.MAX_LEVEL), Importance.MEDIUM,
                "The lz4 level (1 to 17).")
            .define(COMPRESSION_ZSTD_LEVEL_CONFIG, Type.INT, ZstdCompression.DEFAULT_LEVEL,
                Range.between(ZstdCompression.MIN_LEVEL, ZstdCompression.MAX_LEVEL), Importance.MEDIUM,
                "The zstd level (-131072 to 22).")
            .define(MAX_REQUEST_SIZE_CONFIG, Type.INT, 1024 * 1024, Range.atLeast(0), Importance.MEDIUM, "The "
                + "most bytes of one Produce request; a larger record is rejected with RecordTooLargeException.")
            .define(METADATA_MAX_IDLE_CONFIG, Type.LONG, 5 * 60 * 1000L, Range.atLeast(5000), Importance.LOW,
                "Milliseconds after which a topic not produced to is dropped from the metadata requests.")
            .define(PARTITIONER_CLASS_CONFIG, Type.CLASS, null, Importance.MEDIUM, "A Partitioner for records "
                + "that name no partition. Unset: murmur2 of the key, and uniform sticky batching for records "
                + "without a key.")
            .define(PARTITIONER_IGNORE_KEYS_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, "With the built-in "
                + "partitioning, treat keyed records like records without a key (sticky batching).")
            .define(PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                "Accepted for compatibility; Strand's built-in partitioner chooses uniformly among partitions "
                    + "with a leader and does not weigh brokers by queue size.")
            .define(PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                "Accepted for compatibility; not used (see partitioner.adaptive.partitioning.enable).")
            .define(INTERCEPTOR_CLASSES_CONFIG, Type.LIST, List.of(), Importance.LOW, "ProducerInterceptor "
                + "classes, run in this order on every record sent and every acknowledgement.")
            .define(KEY_SERIALIZER_CLASS_CONFIG, Type.CLASS, Importance.HIGH, "The Serializer of record keys.")
            .define(VALUE_SERIALIZER_CLASS_CONFIG, Type.CLASS, Importance.HIGH, "The Serializer of record values.")
            .define(TRANSACTIONAL_ID_CONFIG, Type.STRING, null, Importance.LOW, "Transactions are not supported "
                + "by Strand's producer yet; setting this fails construction.")
            .define(TRANSACTION_TIMEOUT_CONFIG, Type.INT, 60000, Range.atLeast(0), Importance.LOW,
                "Accepted for compatibility; only used with transactions, which are not supported yet.")
            .define(ENABLE_METRICS_PUSH_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                "Accepted for compatibility; Strand does not push metrics to brokers (KIP-714).")
            .define(METRIC_REPORTER_CLASSES_CONFIG, Type.LIST, List.of(), Importance.LOW,
                "Accepted for compatibility; metrics are read through metrics(), reporters are not loaded.");
    }

    private static ConfigDef.Validator levelValidator(int min, int max, int defaultLevel) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            int level = (Integer) value;
            if (level != defaultLevel && (level < min || level > max)) {
                throw new ConfigException(name, value, "Must be between " + min + " and " + max + ", or "
                    + defaultLevel + " for the codec's default");
            }
        }, () -> "[" + min + ",...," + max + "] or " + defaultLevel);
    }

    public ProducerConfig(Properties props) {
        super(CONFIG, props);
    }

    public ProducerConfig(Map<String, Object> props) {
        super(CONFIG, props);
    }

    ProducerConfig(Map<?, ?> props, boolean doLog) {
        super(CONFIG, props, doLog);
    }

    public static Set<String> configNames() {
        return CONFIG.names();
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsed) {
        Map<String, Object> originals = originals();
        Map<String, Object> overrides = new HashMap<>(
            CommonClientConfigs.postProcessBackoffConfigs(originals, parsed));
        if (parsed.get(TRANSACTIONAL_ID_CONFIG) != null) {
            throw new ConfigException(TRANSACTIONAL_ID_CONFIG, parsed.get(TRANSACTIONAL_ID_CONFIG),
                "Strand's producer does not support transactions yet; remove transactional.id");
        }
        String clientId = (String) parsed.get(CLIENT_ID_CONFIG);
        if (clientId == null || clientId.isEmpty()) {
            overrides.put(CLIENT_ID_CONFIG, "producer-" + CLIENT_ID_SEQUENCE.getAndIncrement());
        }
        String acks = parseAcks((String) parsed.get(ACKS_CONFIG));
        overrides.put(ACKS_CONFIG, acks);
        if ((Boolean) parsed.get(ENABLE_IDEMPOTENCE_CONFIG) && !idempotenceFits(originals, parsed, acks)) {
            overrides.put(ENABLE_IDEMPOTENCE_CONFIG, false);
        }
        checkDeliveryTimeout(originals, parsed, overrides);
        return overrides;
    }

    /**
     * Whether idempotence can stay on. As in Kafka 4.x: more than 5 requests in flight is an error
     * whenever idempotence is on, even by default; retries=0 or acks other than all are errors when
     * the user asked for idempotence, and turn it off quietly when it is only the default.
     */
    private static boolean idempotenceFits(Map<String, Object> originals, Map<String, Object> parsed, String acks) {
        boolean explicit = originals.containsKey(ENABLE_IDEMPOTENCE_CONFIG);
        int retries = (Integer) parsed.get(RETRIES_CONFIG);
        int maxInFlight = (Integer) parsed.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (maxInFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
            throw new ConfigException(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlight, "To use the idempotent "
                + "producer, max.in.flight.requests.per.connection must be set to at most 5 (or set "
                + "enable.idempotence=false).");
        }
        boolean fits = true;
        if (retries == 0) {
            if (explicit) {
                throw new ConfigException(RETRIES_CONFIG, retries,
                    "Must set retries to non-zero when using the idempotent producer (enable.idempotence=true).");
            }
            log.info("Idempotence will be disabled because {} is set to 0.", RETRIES_CONFIG);
            fits = false;
        }
        if (!"-1".equals(acks)) {
            if (explicit) {
                throw new ConfigException(ACKS_CONFIG, originals.get(ACKS_CONFIG), "Must set acks to all in order "
                    + "to use the idempotent producer (enable.idempotence=true). Otherwise we cannot guarantee "
                    + "idempotence.");
            }
            log.info("Idempotence will be disabled because {} is set to {}, not set to 'all'.", ACKS_CONFIG, acks);
            fits = false;
        }
        return fits;
    }

    private static void checkDeliveryTimeout(Map<String, Object> originals, Map<String, Object> parsed,
                                             Map<String, Object> overrides) {
        int deliveryTimeoutMs = (Integer) parsed.get(DELIVERY_TIMEOUT_MS_CONFIG);
        long lingerMs = (Long) parsed.get(LINGER_MS_CONFIG);
        int requestTimeoutMs = (Integer) parsed.get(REQUEST_TIMEOUT_MS_CONFIG);
        int needed = (int) Math.min(lingerMs + requestTimeoutMs, Integer.MAX_VALUE);
        if (deliveryTimeoutMs >= needed) {
            return;
        }
        if (originals.containsKey(DELIVERY_TIMEOUT_MS_CONFIG)) {
            throw new ConfigException(DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs, "delivery.timeout.ms should "
                + "be equal to or larger than linger.ms + request.timeout.ms (" + lingerMs + " + " + requestTimeoutMs
                + " = " + needed + ")");
        }
        log.warn("{} should be equal to or larger than {} + {}. Setting it to {}.", DELIVERY_TIMEOUT_MS_CONFIG,
            LINGER_MS_CONFIG, REQUEST_TIMEOUT_MS_CONFIG, needed);
        overrides.put(DELIVERY_TIMEOUT_MS_CONFIG, needed);
    }

    private static String parseAcks(String acks) {
        return "all".equals(acks.trim().toLowerCase(Locale.ROOT)) ? "-1" : acks.trim();
    }

    /** acks as the Produce request carries it: -1, 0 or 1. */
    public short acks() {
        return Short.parseShort(getString(ACKS_CONFIG));
    }

    public boolean idempotenceEnabled() {
        return getBoolean(ENABLE_IDEMPOTENCE_CONFIG);
    }

    /** The codec of compression.type with its configured level. */
    public Compression compression() {
        CompressionType type = CompressionType.forName(getString(COMPRESSION_TYPE_CONFIG));
        switch (type) {
            case GZIP:
                return Compression.gzip().level(getInt(COMPRESSION_GZIP_LEVEL_CONFIG)).build();
            case LZ4:
                return Compression.lz4().level(getInt(COMPRESSION_LZ4_LEVEL_CONFIG)).build();
            case ZSTD:
                return Compression.zstd().level(getInt(COMPRESSION_ZSTD_LEVEL_CONFIG)).build();
            default:
                return Compression.of(type).build();
        }
    }

    /**
     * The configuration with serializer instances given to the constructor standing for the
     * key.serializer and value.serializer classes, as Apache's producer does.
     */
    static Map<String, Object> appendSerializers(Map<String, Object> configs, Serializer<?> keySerializer,
                                                 Serializer<?> valueSerializer) {
        Map<String, Object> copy = new HashMap<>(configs);
        if (keySerializer != null) {
            copy.put(KEY_SERIALIZER_CLASS_CONFIG, keySerializer.getClass());
        }
        if (valueSerializer != null) {
            copy.put(VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getClass());
        }
        return copy;
    }

    static Map<String, Object> propsToMap(Properties properties) {
        Map<String, Object> map = new HashMap<>(properties.size());
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw new ConfigException(String.valueOf(entry.getKey()), entry.getValue(), "Key must be a string.");
            }
            map.put((String) entry.getKey(), entry.getValue());
        }
        // Properties.getProperty also sees defaults, which entrySet does not.
        for (String name : properties.stringPropertyNames()) {
            map.putIfAbsent(name, properties.getProperty(name));
        }
        return map;
    }

    public static void main(String[] args) {
        System.out.println(CONFIG.toMarkdown());
    }
}
