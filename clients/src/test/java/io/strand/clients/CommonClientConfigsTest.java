package io.strand.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.config.AbstractConfig;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonClientConfigsTest {

    static final class TestClientConfig extends AbstractConfig {
        static final ConfigDef DEF = CommonClientConfigs.defineCommonConfigs(new ConfigDef(), 32 * 1024);

        TestClientConfig(Map<String, ?> props) {
            super(DEF, props, false);
        }

        @Override
        protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsed) {
            return CommonClientConfigs.postProcessBackoffConfigs(originals(), parsed);
        }
    }

    @Test
    void apacheDefaults() {
        TestClientConfig c = new TestClientConfig(Map.of("bootstrap.servers", "localhost:9092"));
        assertEquals(List.of("localhost:9092"), c.getList("bootstrap.servers"));
        assertEquals("use_all_dns_ips", c.getString("client.dns.lookup"));
        assertEquals(300000L, c.getLong("metadata.max.age.ms"));
        assertEquals(50L, c.getLong("reconnect.backoff.ms"));
        assertEquals(1000L, c.getLong("reconnect.backoff.max.ms"));
        assertEquals(100L, c.getLong("retry.backoff.ms"));
        assertEquals(1000L, c.getLong("retry.backoff.max.ms"));
        assertEquals(30000, c.getInt("request.timeout.ms"));
        assertEquals(540000L, c.getLong("connections.max.idle.ms"));
        assertEquals(10000L, c.getLong("socket.connection.setup.timeout.ms"));
        assertEquals(30000L, c.getLong("socket.connection.setup.timeout.max.ms"));
        assertEquals(131072, c.getInt("send.buffer.bytes"));
        assertEquals(32768, c.getInt("receive.buffer.bytes"));
        assertEquals("", c.getString("client.id"));
        assertEquals("PLAINTEXT", c.getString("security.protocol"));
    }

    @Test
    void bootstrapServersIsRequired() {
        ConfigException e = assertThrows(ConfigException.class, () -> new TestClientConfig(Map.of()));
        assertTrue(e.getMessage().contains("bootstrap.servers"), e.getMessage());
    }

    @Test
    void onlyPlaintextIsSupported() {
        assertEquals("plaintext", config("security.protocol", "plaintext").getString("security.protocol"));
        for (String p : new String[] {"SSL", "SASL_PLAINTEXT", "sasl_ssl"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> config("security.protocol", p));
            assertEquals("Invalid value " + p + " for configuration security.protocol: Strand supports only PLAINTEXT; "
                + p.toUpperCase() + " is not supported yet.", e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> config("security.protocol", "TLS"));
        assertTrue(e.getMessage().contains("String must be one of (case insensitive): PLAINTEXT, SSL"), e.getMessage());
    }

    @Test
    void dnsLookupValuesAreChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> config("client.dns.lookup", "default"));
        assertTrue(e.getMessage().startsWith("Invalid value default for configuration client.dns.lookup"), e.getMessage());
    }

    @Test
    void backoffMaximaFollowALargerBaseUnlessSet() {
        assertEquals(5000L, config("reconnect.backoff.ms", "5000").getLong("reconnect.backoff.max.ms"));
        assertEquals(3000L, config("retry.backoff.ms", 3000L).getLong("retry.backoff.max.ms"));
        Map<String, Object> both = new HashMap<>(Map.of("bootstrap.servers", "h:1",
            "reconnect.backoff.ms", "5000", "reconnect.backoff.max.ms", "2000"));
        assertEquals(2000L, new TestClientConfig(both).getLong("reconnect.backoff.max.ms"));
    }

    @Test
    void negativeTimeoutsAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> config("request.timeout.ms", "-1"));
        assertEquals("Invalid value -1 for configuration request.timeout.ms: Value must be at least 0", e.getMessage());
    }

    private static TestClientConfig config(String key, Object value) {
        return new TestClientConfig(Map.of("bootstrap.servers", "h:1", key, value));
    }
}
