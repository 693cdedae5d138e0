package io.strand.clients.internals.network;

import io.strand.clients.CommonClientConfigs;
import io.strand.common.config.AbstractConfig;

/** The settings a {@link NetworkClient} runs with, read from a client's configuration or set directly in tests. */
public final class NetworkConfig {

    /** Responses above this size close the connection: nothing a broker sends is that large, garbage may claim to be. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 100 * 1024 * 1024;

    String clientId = "strand";
    long requestTimeoutMs = CommonClientConfigs.DEFAULT_REQUEST_TIMEOUT_MS;
    long reconnectBackoffMs = CommonClientConfigs.DEFAULT_RECONNECT_BACKOFF_MS;
    long reconnectBackoffMaxMs = CommonClientConfigs.DEFAULT_RECONNECT_BACKOFF_MAX_MS;
    long connectionSetupTimeoutMs = CommonClientConfigs.DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS;
    long connectionSetupTimeoutMaxMs = CommonClientConfigs.DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS;
    long connectionsMaxIdleMs = CommonClientConfigs.DEFAULT_CONNECTIONS_MAX_IDLE_MS;
    int sendBufferBytes = 128 * 1024;
    int receiveBufferBytes = 64 * 1024;
    int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

    public NetworkConfig() {
    }

    /** Reads the keys of {@link CommonClientConfigs#defineCommonConfigs} from a client's configuration. */
    public static NetworkConfig from(AbstractConfig config, String clientId) {
        return new NetworkConfig()
            .clientId(clientId)
            .requestTimeoutMs(config.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG))
            .reconnectBackoffMs(config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG),
                config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG))
            .connectionSetupTimeoutMs(config.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG),
                config.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG))
            .connectionsMaxIdleMs(config.getLong(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG))
            .socketBuffers(config.getInt(CommonClientConfigs.SEND_BUFFER_CONFIG),
                config.getInt(CommonClientConfigs.RECEIVE_BUFFER_CONFIG));
    }

    public NetworkConfig clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public NetworkConfig requestTimeoutMs(long ms) {
        this.requestTimeoutMs = ms;
        return this;
    }

    public NetworkConfig reconnectBackoffMs(long baseMs, long maxMs) {
        this.reconnectBackoffMs = baseMs;
        this.reconnectBackoffMaxMs = Math.max(baseMs, maxMs);
        return this;
    }

    public NetworkConfig connectionSetupTimeoutMs(long baseMs, long maxMs) {
        this.connectionSetupTimeoutMs = baseMs;
        this.connectionSetupTimeoutMaxMs = Math.max(baseMs, maxMs);
        return this;
    }

    public NetworkConfig connectionsMaxIdleMs(long ms) {
        this.connectionsMaxIdleMs = ms;
        return this;
    }

    public NetworkConfig socketBuffers(int sendBytes, int receiveBytes) {
        this.sendBufferBytes = sendBytes;
        this.receiveBufferBytes = receiveBytes;
        return this;
    }

    public NetworkConfig maxResponseSize(int bytes) {
        this.maxResponseSize = bytes;
        return this;
    }

    public String clientId() {
        return clientId;
    }

    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }
}
