package io.strand.broker.internals;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;

import java.net.InetSocketAddress;

/**
 * What a handler may know about a request besides its body: the decoded header, the node that
 * received it (several nodes share one process), and the peer, for client ids in DescribeGroups.
 */
public record RequestContext(RequestHeader header, int nodeId, InetSocketAddress clientAddress) {

    public ApiKeys api() {
        return header.api();
    }

    public short apiVersion() {
        return header.apiVersion();
    }

    public String clientId() {
        return header.clientId();
    }

    public String clientHost() {
        return clientAddress == null ? "" : "/" + clientAddress.getAddress().getHostAddress();
    }
}
