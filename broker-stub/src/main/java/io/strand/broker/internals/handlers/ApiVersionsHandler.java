package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.ErrorResponses;
import io.strand.broker.internals.RequestContext;
import io.strand.common.message.ApiVersions;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** ApiVersions: the APIs this broker serves, each over the full range the protocol module implements. */
public final class ApiVersionsHandler implements ApiHandler {

    /** Kafka's rule for the client software name and version sent from v3 (KIP-511). */
    private static final Pattern SOFTWARE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

    private final List<Struct> apiKeys;

    public ApiVersionsHandler(Collection<ApiKeys> served) {
        List<Struct> keys = new ArrayList<>();
        TreeSet<ApiKeys> sorted = new TreeSet<>((a, b) -> Short.compare(a.id, b.id));
        sorted.addAll(served);
        sorted.add(ApiKeys.API_VERSIONS);
        for (ApiKeys api : sorted) {
            Struct k = ApiVersions.Response.ApiVersion.SCHEMA.newStruct();
            k.set(ApiVersions.Response.ApiVersion.API_KEY, api.id);
            k.set(ApiVersions.Response.ApiVersion.MIN_VERSION, api.oldestVersion());
            k.set(ApiVersions.Response.ApiVersion.MAX_VERSION, api.latestVersion());
            keys.add(k);
        }
        this.apiKeys = List.copyOf(keys);
    }

    /** The answer to a well-formed request. */
    public Struct supported() {
        Struct response = ApiVersions.DEFINITION.newResponse();
        response.set(ApiVersions.Response.API_KEYS, apiKeys);
        return response;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        if (context.apiVersion() >= 3) {
            String name = request.get(ApiVersions.Request.CLIENT_SOFTWARE_NAME);
            String version = request.get(ApiVersions.Request.CLIENT_SOFTWARE_VERSION);
            if (!valid(name) || !valid(version)) {
                return CompletableFuture.completedFuture(
                    ErrorResponses.of(ApiKeys.API_VERSIONS, context.apiVersion(), request, Errors.INVALID_REQUEST));
            }
        }
        return CompletableFuture.completedFuture(supported());
    }

    private static boolean valid(String s) {
        return s != null && SOFTWARE.matcher(s).matches();
    }
}
