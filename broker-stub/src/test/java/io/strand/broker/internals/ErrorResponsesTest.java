package io.strand.broker.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.DeleteTopics;
import io.strand.common.message.FindCoordinator;
import io.strand.common.message.Frames;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void everyApiAndVersionHasAnEncodableErrorResponse() {
        for (ApiKeys api : ApiKeys.values()) {
            for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
                Struct request = ApiDefinitions.of(api).newRequest();
                Struct response = ErrorResponses.of(api, v, request, Errors.NOT_LEADER_OR_FOLLOWER);
                ByteBuf frame = Frames.encodeResponse(ByteBufAllocator.DEFAULT, api, v, 1, response);
                frame.skipBytes(4);
                Struct decoded = Frames.decodeResponse(frame, api, v, 1);
                frame.release();
                assertEquals(response, decoded, api + " v" + v);
                ErrorResponses.of(api, v, null, Errors.INVALID_REQUEST);
            }
        }
    }

    @Test
    void producePartitionsMirrorTheRequest() {
        Struct p0 = Produce.Request.PartitionData.SCHEMA.newStruct().set(Produce.Request.PartitionData.INDEX, 0);
        Struct p3 = Produce.Request.PartitionData.SCHEMA.newStruct().set(Produce.Request.PartitionData.INDEX, 3);
        Struct t = Produce.Request.TopicData.SCHEMA.newStruct().set(Produce.Request.TopicData.NAME, "orders")
            .set(Produce.Request.TopicData.PARTITION_DATA, List.of(p0, p3));
        Struct request = Produce.DEFINITION.newRequest().set(Produce.Request.TOPIC_DATA, List.of(t));
        Struct response = ErrorResponses.of(ApiKeys.PRODUCE, (short) 9, request, Errors.NOT_LEADER_OR_FOLLOWER);
        Struct topic = response.get(Produce.Response.RESPONSES).get(0);
        assertEquals("orders", topic.get(Produce.Response.TopicResponse.NAME));
        List<Struct> parts = topic.get(Produce.Response.TopicResponse.PARTITION_RESPONSES);
        assertEquals(2, parts.size());
        assertEquals(3, parts.get(1).getInt(Produce.Response.PartitionResponse.INDEX));
        assertEquals(Errors.NOT_LEADER_OR_FOLLOWER.code(),
            parts.get(1).getShort(Produce.Response.PartitionResponse.ERROR_CODE));
    }

    @Test
    void nameListsBecomeResultsWithTheName() {
        Struct request = DeleteTopics.DEFINITION.newRequest().set(DeleteTopics.Request.TOPIC_NAMES, List.of("a", "b"));
        List<Struct> results = ErrorResponses.of(ApiKeys.DELETE_TOPICS, (short) 4, request, Errors.UNKNOWN_SERVER_ERROR)
            .get(DeleteTopics.Response.RESPONSES);
        assertEquals(List.of("a", "b"), results.stream().map(r -> r.get(DeleteTopics.Response.TopicResult.NAME)).toList());

        Struct find = FindCoordinator.DEFINITION.newRequest().set(FindCoordinator.Request.COORDINATOR_KEYS, List.of("g"));
        Struct c = ErrorResponses.of(ApiKeys.FIND_COORDINATOR, (short) 4, find, Errors.COORDINATOR_NOT_AVAILABLE)
            .get(FindCoordinator.Response.COORDINATORS).get(0);
        assertEquals("g", c.get(FindCoordinator.Response.Coordinator.KEY));
        assertEquals(Errors.COORDINATOR_NOT_AVAILABLE.code(), c.getShort(FindCoordinator.Response.Coordinator.ERROR_CODE));
    }
}
