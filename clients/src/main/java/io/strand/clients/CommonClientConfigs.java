package io.strand.clients;

import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Range;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.config.ConfigDef.ValidString;
import io.strand.common.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keys, docs and defaults shared by the producer, the consumer and the admin client, under the
 * names and with the defaults of Apache kafka-clients 4.x. {@link #defineCommonConfigs} adds
 * them to a client's {@link ConfigDef}; {@link #postProcessBackoffConfigs} derives the backoff
 * maxima the way Apache does when the user set only the base value.
 */
public final class CommonClientConfigs {

    private CommonClientConfigs() {
    }

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String BOOTSTRAP_SERVERS_DOC = "A list of host:port pairs used to make the first "
        + "connection to the cluster, written host1:port1,host2:port2,.... The client discovers every broker from "
        + "the metadata of the first one that answers, so this list need not name them all, but naming more than "
        + "one keeps the client starting when one is down.";

    public static final String CLIENT_DNS_LOOKUP_CONFIG = "client.dns.lookup";
    public static final String CLIENT_DNS_LOOKUP_DOC = "How the client uses DNS. With use_all_dns_ips (the default) "
        + "each address a host name resolves to is tried in turn until a connection succeeds. With "
        + "resolve_canonical_bootstrap_servers_only each bootstrap entry is resolved to its canonical name first, "
        + "then treated as use_all_dns_ips.";

    public static final String METADATA_MAX_AGE_CONFIG = "metadata.max.age.ms";
    public static final String METADATA_MAX_AGE_DOC = "Milliseconds after which metadata is refreshed even if no "
        + "leader change or error asked for it, so that new brokers and partitions are found.";

    public static final String SEND_BUFFER_CONFIG = "send.buffer.bytes";
    public static final String SEND_BUFFER_DOC = "The TCP send buffer (SO_SNDBUF) of each connection; -1 keeps the "
        + "operating system's default.";

    public static final String RECEIVE_BUFFER_CONFIG = "receive.buffer.bytes";
    public static final String RECEIVE_BUFFER_DOC = "The TCP receive buffer (SO_RCVBUF) of each connection; -1 keeps "
        + "the operating system's default, which Linux grows to suit the connection. A consumer that reads a fast "
        + "link should use -1: against a broker on the same host, the consumer's 64 KiB default bounds the rate, "
        + "and -1 read 1.4 to 2.2 times as many records a second (docs/PERFORMANCE.md).";

    public static final String CLIENT_ID_CONFIG = "client.id";
    public static final String CLIENT_ID_DOC = "A name sent with every request, so that broker logs, quotas and "
        + "metrics can tell this application apart. Also names the client's threads.";

    public static final String CLIENT_RACK_CONFIG = "client.rack";
    public static final String CLIENT_RACK_DOC = "The rack this client runs in, matched against broker.rack.";
    public static final String DEFAULT_CLIENT_RACK = "";

    public static final String RECONNECT_BACKOFF_MS_CONFIG = "reconnect.backoff.ms";
    public static final String RECONNECT_BACKOFF_MS_DOC = "Milliseconds to wait before reconnecting to a broker "
        + "after a failed connection. Each further failure doubles the wait, up to reconnect.backoff.max.ms, with "
        + "20% random jitter.";
    public static final long DEFAULT_RECONNECT_BACKOFF_MS = 50L;

    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "reconnect.backoff.max.ms";
    public static final String RECONNECT_BACKOFF_MAX_MS_DOC = "The most milliseconds to wait before reconnecting "
        + "to a broker that keeps failing.";
    public static final long DEFAULT_RECONNECT_BACKOFF_MAX_MS = 1000L;

    public static final String RETRIES_CONFIG = "retries";
    public static final String RETRIES_DOC = "How many times a request that failed with a retriable error is sent "
        + "again.";

    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "Milliseconds to wait before retrying a failed request, "
        + "doubled on each further failure up to retry.backoff.max.ms, with 20% random jitter.";
    public static final long DEFAULT_RETRY_BACKOFF_MS = 100L;

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "The most milliseconds to wait between retries of a "
        + "request that keeps failing.";
    public static final long DEFAULT_RETRY_BACKOFF_MAX_MS = 1000L;

    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = "metrics.sample.window.ms";
    public static final String METRICS_SAMPLE_WINDOW_MS_DOC = "The time window over which one metrics sample is "
        + "computed.";

    public static final String METRICS_NUM_SAMPLES_CONFIG = "metrics.num.samples";
    public static final String METRICS_NUM_SAMPLES_DOC = "How many samples windowed metrics (rates, averages, "
        + "maxima) are computed over.";

    public static final String METRICS_RECORDING_LEVEL_CONFIG = "metrics.recording.level";
    public static final String METRICS_RECORDING_LEVEL_DOC = "The highest recording level of the metrics kept.";

    public static final String SECURITY_PROTOCOL_CONFIG = "security.protocol";
    public static final String SECURITY_PROTOCOL_DOC = "The protocol used to talk to brokers. Strand supports "
        + "PLAINTEXT only for now; SSL, SASL_PLAINTEXT and SASL_SSL are rejected when the client is created.";
    public static final String DEFAULT_SECURITY_PROTOCOL = "PLAINTEXT";

    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG = "socket.connection.setup.timeout.ms";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_DOC = "Milliseconds the client waits for a "
        + "connection to be established before it gives up on it. Each further consecutive failure doubles the "
        + "wait, up to socket.connection.setup.timeout.max.ms.";
    public static final long DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS = 10 * 1000L;

    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG = "socket.connection.setup.timeout.max.ms";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_DOC = "The most milliseconds the client "
        + "waits for a connection to be established.";
    public static final long DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS = 30 * 1000L;

    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
    public static final String CONNECTIONS_MAX_IDLE_MS_DOC = "Idle connections are closed after this many "
        + "milliseconds.";
    public static final long DEFAULT_CONNECTIONS_MAX_IDLE_MS = 9 * 60 * 1000L;

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_DOC = "The most milliseconds the client waits for the response "
        + "to a request. When it passes, the request fails (and is retried if retries allow) and the connection "
        + "it was sent on is closed.";
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 30 * 1000;

    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = "default.api.timeout.ms";
    public static final String DEFAULT_API_TIMEOUT_MS_DOC = "The timeout of client operations that take no "
        + "timeout argument.";

    public static final String GROUP_ID_CONFIG = "group.id";
    public static final String GROUP_ID_DOC = "The consumer group this client belongs to. Needed for subscribe() "
        + "and for committing offsets to Kafka.";

    public static final String GROUP_INSTANCE_ID_CONFIG = "group.instance.id";
    public static final String GROUP_INSTANCE_ID_DOC = "A unique, stable id of this member of the group, which "
        + "makes it a static member: a restart within session.timeout.ms does not cause a rebalance.";

    public static final String MAX_POLL_INTERVAL_MS_CONFIG = "max.poll.interval.ms";
    public static final String MAX_POLL_INTERVAL_MS_DOC = "The most milliseconds between calls to poll() before "
        + "the consumer is considered failed and leaves the group.";

    public static final String REBALANCE_TIMEOUT_MS_CONFIG = "rebalance.timeout.ms";

    public static final String SESSION_TIMEOUT_MS_CONFIG = "session.timeout.ms";
    public static final String SESSION_TIMEOUT_MS_DOC = "Milliseconds without heartbeats after which the group "
        + "coordinator removes this member from the group.";

    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    public static final String HEARTBEAT_INTERVAL_MS_DOC = "Milliseconds between heartbeats to the group "
        + "coordinator; keep it well under session.timeout.ms.";

    /** The values of client.dns.lookup. */
    public static final String USE_ALL_DNS_IPS = "use_all_dns_ips";
    public static final String RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY = "resolve_canonical_bootstrap_servers_only";

    private static final List<String> SECURITY_PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /**
     * security.protocol: PLAINTEXT, in any case. The other protocols Kafka knows fail with a
     * message that says they are not supported yet, anything else with the list of valid names.
     */
    public static final ConfigDef.Validator SECURITY_PROTOCOL_VALIDATOR = ConfigDef.LambdaValidator.with(
        (name, value) -> {
            String v = value == null ? null : ((String) value).toUpperCase(Locale.ROOT);
            if ("PLAINTEXT".equals(v)) {
                return;
            }
            if (SECURITY_PROTOCOLS.contains(v)) {
                throw new ConfigException(name, value, "Strand supports only PLAINTEXT; " + v
                    + " is not supported yet.");
            }
            throw new ConfigException(name, value, "String must be one of (case insensitive): "
                + String.join(", ", SECURITY_PROTOCOLS));
        }, () -> "(case insensitive) [PLAINTEXT]");

    /**
     * Adds the connection and metadata settings every client has, with Apache's defaults.
     * The receive buffer is the one default that differs by client (producer 32 KiB, consumer
     * and admin 64 KiB).
     */
    public static ConfigDef defineCommonConfigs(ConfigDef def, int defaultReceiveBufferBytes) {
        return def
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonNullValidator(),
                Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(CLIENT_DNS_LOOKUP_CONFIG, Type.STRING, USE_ALL_DNS_IPS,
                ValidString.in(USE_ALL_DNS_IPS, RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY), Importance.MEDIUM,
                CLIENT_DNS_LOOKUP_DOC)
            .define(CLIENT_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, CLIENT_ID_DOC)
            .define(CLIENT_RACK_CONFIG, Type.STRING, DEFAULT_CLIENT_RACK, Importance.LOW, CLIENT_RACK_DOC)
            .define(METADATA_MAX_AGE_CONFIG, Type.LONG, 5 * 60 * 1000L, Range.atLeast(0), Importance.LOW,
                METADATA_MAX_AGE_DOC)
            .define(SEND_BUFFER_CONFIG, Type.INT, 128 * 1024, Range.atLeast(-1), Importance.MEDIUM, SEND_BUFFER_DOC)
            .define(RECEIVE_BUFFER_CONFIG, Type.INT, defaultReceiveBufferBytes, Range.atLeast(-1), Importance.MEDIUM,
                RECEIVE_BUFFER_DOC)
            .define(RECONNECT_BACKOFF_MS_CONFIG, Type.LONG, DEFAULT_RECONNECT_BACKOFF_MS, Range.atLeast(0L),
                Importance.LOW, RECONNECT_BACKOFF_MS_DOC)
            .define(RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, DEFAULT_RECONNECT_BACKOFF_MAX_MS, Range.atLeast(0L),
                Importance.LOW, RECONNECT_BACKOFF_MAX_MS_DOC)
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, DEFAULT_RETRY_BACKOFF_MS, Range.atLeast(0L), Importance.LOW,
                RETRY_BACKOFF_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, DEFAULT_RETRY_BACKOFF_MAX_MS, Range.atLeast(0L),
                Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC)
            .define(REQUEST_TIMEOUT_MS_CONFIG, Type.INT, DEFAULT_REQUEST_TIMEOUT_MS, Range.atLeast(0),
                Importance.MEDIUM, REQUEST_TIMEOUT_MS_DOC)
            .define(SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Type.LONG, DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS,
                Range.atLeast(0L), Importance.MEDIUM, SOCKET_CONNECTION_SETUP_TIMEOUT_MS_DOC)
            .define(SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Type.LONG,
                DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS, Range.atLeast(0L), Importance.MEDIUM,
                SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_DOC)
            .define(CONNECTIONS_MAX_IDLE_MS_CONFIG, Type.LONG, DEFAULT_CONNECTIONS_MAX_IDLE_MS, Importance.MEDIUM,
                CONNECTIONS_MAX_IDLE_MS_DOC)
            .define(SECURITY_PROTOCOL_CONFIG, Type.STRING, DEFAULT_SECURITY_PROTOCOL, SECURITY_PROTOCOL_VALIDATOR,
                Importance.MEDIUM, SECURITY_PROTOCOL_DOC)
            .define(METRICS_SAMPLE_WINDOW_MS_CONFIG, Type.LONG, 30000L, Range.atLeast(1L), Importance.LOW,
                METRICS_SAMPLE_WINDOW_MS_DOC)
            .define(METRICS_NUM_SAMPLES_CONFIG, Type.INT, 2, Range.atLeast(1), Importance.LOW,
                METRICS_NUM_SAMPLES_DOC)
            .define(METRICS_RECORDING_LEVEL_CONFIG, Type.STRING, "INFO", ValidString.in("INFO", "DEBUG", "TRACE"),
                Importance.LOW, METRICS_RECORDING_LEVEL_DOC);
    }

    /**
     * When the user raised reconnect.backoff.ms (or retry.backoff.ms) above the default maximum
     * but left the maximum unset, the maximum follows the base value, as in Apache: a base above
     * its cap would otherwise be silently lowered. Returns the values to override.
     */
    public static Map<String, Object> postProcessBackoffConfigs(Map<String, ?> originals, Map<String, ?> parsed) {
        Map<String, Object> overrides = new HashMap<>();
        raiseMaxToBase(originals, parsed, RECONNECT_BACKOFF_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS_CONFIG, overrides);
        raiseMaxToBase(originals, parsed, RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MAX_MS_CONFIG, overrides);
        return overrides;
    }

    private static void raiseMaxToBase(Map<String, ?> originals, Map<String, ?> parsed, String baseKey, String maxKey,
                                       Map<String, Object> overrides) {
        if (!originals.containsKey(maxKey) && parsed.containsKey(baseKey) && parsed.containsKey(maxKey)) {
            long base = (Long) parsed.get(baseKey);
            long max = (Long) parsed.get(maxKey);
            if (base > max) {
                overrides.put(maxKey, base);
            }
        }
    }
}
