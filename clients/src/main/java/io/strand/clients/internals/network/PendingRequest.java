package io.strand.clients.internals.network;

import io.netty.util.concurrent.ScheduledFuture;
import io.strand.common.Node;
import io.strand.common.protocol.ApiKeys;
import java.util.concurrent.CompletableFuture;

/** A request from the send call to its completion; touched only on the network thread after creation. */
final class PendingRequest {

    final Node node;
    final ApiKeys api;
    final RequestBuilder builder;
    final long timeoutMs;
    final boolean expectResponse;
    /** Internal requests (the ApiVersions handshake) are sent before the connection is ready and not counted. */
    final boolean internal;
    final long createdNanos;
    final CompletableFuture<ClientResponse> future = new CompletableFuture<>();

    /** The version to send at, or -1 to negotiate from the broker's ApiVersions. */
    short fixedVersion = -1;
    short version = -1;
    int correlationId = -1;
    boolean written;
    ScheduledFuture<?> timeoutTask;

    PendingRequest(Node node, ApiKeys api, RequestBuilder builder, long timeoutMs, boolean expectResponse,
                   boolean internal) {
        this.node = node;
        this.api = api;
        this.builder = builder;
        this.timeoutMs = timeoutMs;
        this.expectResponse = expectResponse;
        this.internal = internal;
        this.createdNanos = System.nanoTime();
    }

    boolean complete(ClientResponse response) {
        cancelTimeout();
        return future.complete(response);
    }

    boolean fail(Throwable t) {
        cancelTimeout();
        return future.completeExceptionally(t);
    }

    private void cancelTimeout() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
    }

    String describe() {
        return api.name + (version >= 0 ? " v" + version : "")
            + (correlationId >= 0 ? " (correlation id " + correlationId + ")" : "");
    }
}
