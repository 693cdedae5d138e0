package io.strand.broker.internals.handlers;

import io.strand.common.errors.ApiException;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/** Small shared pieces of building responses. */
final class Responses {

    private Responses() {
    }

    static CompletableFuture<Struct> done(Struct response) {
        return CompletableFuture.completedFuture(response);
    }

    /** The error code for a failure: its own for Kafka's typed errors, UNKNOWN_SERVER_ERROR otherwise. */
    static Errors errorOf(RuntimeException e) {
        return e instanceof ApiException ? Errors.forException(e) : Errors.UNKNOWN_SERVER_ERROR;
    }
}
