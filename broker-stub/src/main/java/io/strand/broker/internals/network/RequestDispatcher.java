package io.strand.broker.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.ErrorResponses;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.faults.FaultInjector;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Frames;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request's header and body, applies armed faults, calls the API's handler and
 * encodes its response. What cannot be read decides the answer: an unreadable header, an API
 * key or version without a known shape leave nothing to answer with, so the connection closes;
 * a body that does not decode gets the API's error response with INVALID_REQUEST; an API that
 * no handler serves gets UNSUPPORTED_VERSION in its own shape.
 */
public final class RequestDispatcher implements RequestProcessor {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Map<ApiKeys, ApiHandler> handlers;
    private final FaultInjector faults;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Struct> apiVersions;

    /**
     * @param apiVersions the ApiVersions answer listing what {@code handlers} serve, for the
     *                    fallback to a version this broker does not know
     */
    public RequestDispatcher(Map<ApiKeys, ApiHandler> handlers, FaultInjector faults,
                             ScheduledExecutorService scheduler, Supplier<Struct> apiVersions) {
        this.handlers = new EnumMap<>(handlers);
        this.faults = faults;
        this.scheduler = scheduler;
        this.apiVersions = apiVersions;
    }

    @Override
    public CompletableFuture<Outcome> process(Channel channel, int nodeId, ByteBuf frame) {
        RequestHeader header;
        try {
            header = Frames.readRequestHeader(frame);
        } catch (ProtocolDecodeException e) {
            frame.release();
            log.warn("Node {}: unreadable request header from {}; closing the connection: {}", nodeId,
                channel.remoteAddress(), e.getMessage());
            return CompletableFuture.completedFuture(Outcome.CLOSE);
        }
        ApiKeys api = header.api();
        short version = header.apiVersion();
        if (api == null) {
            frame.release();
            log.warn("Node {}: request with unknown API key {} from {} (client {}); closing the connection",
                nodeId, header.apiKey(), channel.remoteAddress(), header.clientId());
            return CompletableFuture.completedFuture(Outcome.CLOSE);
        }
        if (!api.isVersionSupported(version)) {
            frame.release();
            if (api == ApiKeys.API_VERSIONS) {
                // The client does not know our range yet: v0 carries it, whatever version it asked in.
                return respond(channel, api, (short) 0, header.correlationId(),
                    ErrorResponses.apiVersionsFallback(apiVersions.get()));
            }
            log.warn("Node {}: {} v{} from {} is outside {}-{}; closing the connection", nodeId, api.name, version,
                channel.remoteAddress(), api.oldestVersion(), api.latestVersion());
            return CompletableFuture.completedFuture(Outcome.CLOSE);
        }
        Struct body;
        try {
            body = ApiDefinitions.of(api).readRequest(frame, version);
        } catch (ProtocolDecodeException e) {
            frame.release();
            log.warn("Node {}: malformed {} v{} from {} (client {}): {}", nodeId, api.name, version,
                channel.remoteAddress(), header.clientId(), e.getMessage());
            return respond(channel, api, version, header.correlationId(),
                ErrorResponses.of(api, version, null, Errors.INVALID_REQUEST));
        }
        RequestContext context = new RequestContext(header, nodeId, (InetSocketAddress) channel.remoteAddress());
        FaultInjector.Decision fault = faults.onRequest(nodeId, api);
        if (fault.disconnectBefore()) {
            frame.release();
            log.info("Node {}: injected fault: dropping the connection on {} (correlation id {})", nodeId, api.name,
                header.correlationId());
            return CompletableFuture.completedFuture(Outcome.CLOSE);
        }
        CompletableFuture<Struct> response;
        if (fault.error() != null) {
            response = CompletableFuture.completedFuture(ErrorResponses.of(api, version, body, fault.error()));
        } else {
            response = invoke(api, context, body);
        }
        CompletableFuture<Outcome> outcome = response.handle((resp, error) -> {
            frame.release();
            if (error != null) {
                if (!(unwrap(error) instanceof CloseConnection)) {
                    log.error("Node {}: handler for {} v{} failed; closing the connection from {}", nodeId, api.name,
                        version, channel.remoteAddress(), error);
                }
                return Outcome.CLOSE;
            }
            if (fault.disconnectAfter()) {
                RecordBuffers.release(resp);
                log.info("Node {}: injected fault: {} handled, connection dropped before the response", nodeId,
                    api.name);
                return Outcome.CLOSE;
            }
            return resp == null ? Outcome.NO_RESPONSE : encode(channel, api, version, header.correlationId(), resp);
        });
        return fault.delayMs() > 0 ? delay(outcome, fault.delayMs()) : outcome;
    }

    private CompletableFuture<Struct> invoke(ApiKeys api, RequestContext context, Struct body) {
        ApiHandler handler = handlers.get(api);
        if (handler == null) {
            return CompletableFuture.completedFuture(ErrorResponses.of(api, context.apiVersion(), body,
                Errors.UNSUPPORTED_VERSION));
        }
        try {
            CompletableFuture<Struct> f = handler.handle(context, body);
            return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException(
                "Handler for " + api.name + " returned no future"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Outcome> delay(CompletableFuture<Outcome> outcome, long delayMs) {
        CompletableFuture<Outcome> later = new CompletableFuture<>();
        Executor delayed = r -> scheduler.schedule(r, delayMs, TimeUnit.MILLISECONDS);
        outcome.whenCompleteAsync((o, e) -> {
            if (e != null) {
                later.completeExceptionally(e);
            } else {
                later.complete(o);
            }
        }, delayed);
        return later;
    }

    private static CompletableFuture<Outcome> respond(Channel channel, ApiKeys api, short version, int correlationId,
                                                      Struct body) {
        return CompletableFuture.completedFuture(encode(channel, api, version, correlationId, body));
    }

    private static Outcome encode(Channel channel, ApiKeys api, short version, int correlationId, Struct body) {
        try {
            return Outcome.respond(Frames.encodeResponse(channel.alloc(), api, version, correlationId, body));
        } catch (RuntimeException e) {
            log.error("Cannot encode the {} v{} response; closing the connection", api.name, version, e);
            return Outcome.CLOSE;
        } finally {
            RecordBuffers.release(body);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A handler completes with this to close the connection on purpose (Produce acks=0 that failed). */
    public static final class CloseConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CloseConnection(String reason) {
            super(reason, null, false, false);
        }
    }
}
