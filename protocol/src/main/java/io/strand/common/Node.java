package io.strand.common;

import java.util.Objects;

/** A broker as metadata describes it: id, host, port and optional rack. */
public final class Node {
    private static final Node NO_NODE = new Node(-1, "", -1, null);

    private final int id;
    private final String host;
    private final int port;
    private final String rack;

    public Node(int id, String host, int port) {
        this(id, host, port, null);
    }

    public Node(int id, String host, int port, String rack) {
        this.id = id;
        this.host = host;
        this.port = port;
        this.rack = rack;
    }

    public static Node noNode() {
        return NO_NODE;
    }

    public boolean isEmpty() {
        return host == null || host.isEmpty() || port < 0;
    }

    public int id() {
        return id;
    }

    public String idString() {
        return Integer.toString(id);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean hasRack() {
        return rack != null;
    }

    public String rack() {
        return rack;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node)) {
            return false;
        }
        Node n = (Node) o;
        return id == n.id && port == n.port && Objects.equals(host, n.host) && Objects.equals(rack, n.rack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, host, port, rack);
    }

    @Override
    public String toString() {
        return host + ":" + port + " (id: " + id + " rack: " + rack + ")";
    }
}
