package io.strand.clients.internals.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.config.ConfigException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapServersTest {

    @Test
    void parsesHostPortPairs() {
        List<InetSocketAddress> a = BootstrapServers.parseAndResolve(List.of("127.0.0.1:9092", " localhost:19092 ",
            "[::1]:9093", "127.0.0.1:9092"), "use_all_dns_ips");
        assertEquals(3, a.size());
        assertEquals(9092, a.get(0).getPort());
        assertEquals("127.0.0.1", a.get(0).getHostString());
        assertEquals(19092, a.get(1).getPort());
        assertEquals(9093, a.get(2).getPort());
        assertTrue(a.get(2).getAddress() instanceof java.net.Inet6Address);
    }

    @Test
    void malformedEntriesNameTheSettingAndTheEntry() {
        for (String bad : new String[] {"localhost", "localhost:", "localhost:abc", ":9092", "host:70000",
            "[::1]", "::1:9092", "http://host:9092"}) {
            ConfigException e = assertThrows(ConfigException.class,
                () -> BootstrapServers.parseAndResolve(List.of(bad), "use_all_dns_ips"), bad);
            assertEquals("Invalid value " + bad + " for configuration bootstrap.servers: Invalid url in bootstrap.servers:"
                + " expected host:port", e.getMessage());
        }
    }

    @Test
    void nothingResolvableFails() {
        ConfigException e = assertThrows(ConfigException.class,
            () -> BootstrapServers.parseAndResolve(List.of("no-such-host.invalid:9092"), "use_all_dns_ips"));
        assertTrue(e.getMessage().contains("No resolvable bootstrap urls given in bootstrap.servers"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> BootstrapServers.parseAndResolve(List.of(), "use_all_dns_ips"));
        assertTrue(e.getMessage().contains("bootstrap.servers"), e.getMessage());
    }

    @Test
    void canonicalLookupExpandsToNames() {
        List<InetSocketAddress> a = BootstrapServers.parseAndResolve(List.of("127.0.0.1:9092"),
            "resolve_canonical_bootstrap_servers_only");
        assertEquals(1, a.size());
        assertEquals(9092, a.get(0).getPort());
    }
}
