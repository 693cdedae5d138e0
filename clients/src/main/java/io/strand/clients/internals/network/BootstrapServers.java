package io.strand.clients.internals.network;

import io.strand.clients.CommonClientConfigs;
import io.strand.common.config.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses and resolves bootstrap.servers. */
public final class BootstrapServers {

    private static final Logger log = LoggerFactory.getLogger(BootstrapServers.class);

    private BootstrapServers() {
    }

    /**
     * The addresses of {@code servers} ("host:port", "[ipv6]:port"), resolved. With
     * {@code resolve_canonical_bootstrap_servers_only} each host is expanded to the canonical
     * names of all its addresses. A host that does not resolve is skipped with a warning.
     *
     * @throws ConfigException naming bootstrap.servers when an entry is malformed or none resolves
     */
    public static List<InetSocketAddress> parseAndResolve(List<String> servers, String dnsLookup) {
        if (servers == null || servers.isEmpty()) {
            throw new ConfigException(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers,
                "No bootstrap servers given: set bootstrap.servers to host:port[,host:port...]");
        }
        Set<InetSocketAddress> addresses = new LinkedHashSet<>();
        for (String entry : servers) {
            String url = entry == null ? "" : entry.trim();
            if (url.isEmpty()) {
                continue;
            }
            String host = host(url);
            Integer port = port(url);
            if (host == null || port == null || host.isEmpty()) {
                throw new ConfigException(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, url,
                    "Invalid url in bootstrap.servers: expected host:port");
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                log.warn("Couldn't resolve server {} from bootstrap.servers as DNS resolution failed for {}", url, host);
                continue;
            }
            if (CommonClientConfigs.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY.equals(dnsLookup)) {
                addresses.addAll(canonical(host, port));
            } else {
                addresses.add(address);
            }
        }
        if (addresses.isEmpty()) {
            throw new ConfigException(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers,
                "No resolvable bootstrap urls given in bootstrap.servers");
        }
        return new ArrayList<>(addresses);
    }

    private static List<InetSocketAddress> canonical(String host, int port) {
        List<InetSocketAddress> out = new ArrayList<>();
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                out.add(new InetSocketAddress(a.getCanonicalHostName(), port));
            }
        } catch (UnknownHostException e) {
            log.warn("Couldn't resolve server {} from bootstrap.servers: {}", host, e.toString());
        }
        return out;
    }

    /** The host of "host:port" or "[v6]:port"; null if malformed. */
    static String host(String url) {
        if (url.startsWith("[")) {
            int close = url.indexOf(']');
            return close < 0 ? null : url.substring(1, close);
        }
        int colon = url.lastIndexOf(':');
        if (colon < 0 || url.indexOf(':') != colon) {
            return null;
        }
        return url.substring(0, colon);
    }

    /** The port of "host:port"; null if missing, not a number or out of range. */
    static Integer port(String url) {
        int colon = url.lastIndexOf(':');
        if (colon < 0 || (url.startsWith("[") && colon < url.indexOf(']'))) {
            return null;
        }
        try {
            int port = Integer.parseInt(url.substring(colon + 1));
            return port >= 0 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
