package io.strand.clients.internals.network;

import io.strand.common.Node;

/** Told, on the network thread, when a connection becomes ready or is lost. Must not block. */
public interface ConnectionListener {

    default void onReady(Node node, NodeApiVersions versions) {
    }

    default void onDisconnected(Node node, Throwable cause) {
    }
}
