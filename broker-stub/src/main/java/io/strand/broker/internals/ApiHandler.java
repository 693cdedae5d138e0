package io.strand.broker.internals;

import io.strand.common.protocol.types.Struct;

import java.util.concurrent.CompletableFuture;

/**
 * Serves one API key. The connection layer decodes the request, calls the handler on a Netty
 * event-loop thread, and writes whatever the future completes with; the future may complete
 * later on another thread (long-poll Fetch, JoinGroup waiting for a rebalance). Responses still
 * leave each connection in request order, which the connection layer guarantees, not the handler.
 *
 * <p>A handler that cannot serve a request completes with a response carrying the error code,
 * never exceptionally, except for bugs: an exceptional completion closes the connection.
 */
@FunctionalInterface
public interface ApiHandler {

    CompletableFuture<Struct> handle(RequestContext context, Struct request);
}
