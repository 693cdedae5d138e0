package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.common.message.InitProducerId;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * InitProducerId for idempotent producers: a fresh id at epoch 0 on every call, as Kafka's
 * coordinator does without a transactional id (the client bumps epochs itself). Transactional
 * ids are refused: there is no transaction coordinator here.
 */
public final class InitProducerIdHandler implements ApiHandler {

    private final LongSupplier nextProducerId;

    public InitProducerIdHandler(LongSupplier nextProducerId) {
        this.nextProducerId = nextProducerId;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = InitProducerId.DEFINITION.newResponse();
        if (request.get(InitProducerId.Request.TRANSACTIONAL_ID) != null) {
            response.set(InitProducerId.Response.ERROR_CODE, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code());
            response.set(InitProducerId.Response.PRODUCER_EPOCH, (short) -1);
            return Responses.done(response);
        }
        response.set(InitProducerId.Response.ERROR_CODE, Errors.NONE.code());
        response.set(InitProducerId.Response.PRODUCER_ID, nextProducerId.getAsLong());
        response.set(InitProducerId.Response.PRODUCER_EPOCH, (short) 0);
        return Responses.done(response);
    }
}
