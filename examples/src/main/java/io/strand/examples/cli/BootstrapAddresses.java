package io.strand.examples.cli;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code host:port[,host:port...]} as the examples accept it in --bootstrap-server. */
final class BootstrapAddresses {

    private BootstrapAddresses() {
    }

    /** @throws UsageException naming the entry that is not host:port */
    static List<InetSocketAddress> parse(String bootstrapServers) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String entry : bootstrapServers.split(",")) {
            String s = entry.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new UsageException("--bootstrap-server entries must be host:port, got '" + s + "'");
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException("--bootstrap-server port must be a number, got '" + s + "'");
            }
            if (port < 1 || port > 65535) {
                throw new UsageException("--bootstrap-server port must be 1 to 65535, got '" + s + "'");
            }
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        return out;
    }
}
