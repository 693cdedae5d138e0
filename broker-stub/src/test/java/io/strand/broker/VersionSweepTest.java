package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.strand.common.Uuid;
import io.strand.common.message.CreatePartitions;
import io.strand.common.message.CreateTopics;
import io.strand.common.message.DeleteRecords;
import io.strand.common.message.DeleteTopics;
import io.strand.common.message.DescribeCluster;
import io.strand.common.message.DescribeConfigs;
import io.strand.common.message.Fetch;
import io.strand.common.message.FindCoordinator;
import io.strand.common.message.InitProducerId;
import io.strand.common.message.ListOffsets;
import io.strand.common.message.Metadata;
import io.strand.common.message.OffsetForLeaderEpoch;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Struct;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every version of every API the core broker serves, answered without error: a field that exists
 * only in some versions must never be written in the others.
 */
class VersionSweepTest {

    private static StubBroker broker;
    private static RawClient client;
    private static Uuid topicId;

    @BeforeAll
    static void start() throws Exception {
        broker = StubBroker.start();
        broker.createTopic("sweep", 1);
        client = new RawClient(broker.port(0));
        Struct md = Metadata.DEFINITION.newRequest();
        md.set(Metadata.Request.TOPICS, List.of(metadataTopic("sweep")));
        topicId = client.call(ApiKeys.METADATA, 12, md).get(Metadata.Response.TOPICS).get(0)
            .get(Metadata.Response.Topic.TOPIC_ID);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        broker.close();
    }

    @Test
    void metadata() throws Exception {
        for (short v = ApiKeys.METADATA.oldestVersion(); v <= ApiKeys.METADATA.latestVersion(); v++) {
            Struct r = Metadata.DEFINITION.newRequest();
            r.set(Metadata.Request.TOPICS, List.of(metadataTopic("sweep"), metadataTopic("auto-" + v)));
            List<Struct> topics = client.call(ApiKeys.METADATA, v, r).get(Metadata.Response.TOPICS);
            assertEquals(2, topics.size());
            for (Struct t : topics) {
                assertEquals(0, t.getShort(Metadata.Response.Topic.ERROR_CODE), "v" + v + " " + t);
            }
        }
    }

    @Test
    void produceFetchAndOffsets() throws Exception {
        for (short v = ApiKeys.PRODUCE.oldestVersion(); v <= ApiKeys.PRODUCE.latestVersion(); v++) {
            Struct p = Produce.Request.PartitionData.SCHEMA.newStruct();
            p.set(Produce.Request.PartitionData.INDEX, 0);
            p.set(Produce.Request.PartitionData.RECORDS, RawProduce.batch(-1, (short) -1, -1, 2));
            Struct t = Produce.Request.TopicData.SCHEMA.newStruct();
            if (v >= 13) {
                t.set(Produce.Request.TopicData.TOPIC_ID, topicId);
            } else {
                t.set(Produce.Request.TopicData.NAME, "sweep");
            }
            t.set(Produce.Request.TopicData.PARTITION_DATA, List.of(p));
            Struct r = Produce.DEFINITION.newRequest();
            r.setShort(Produce.Request.ACKS, 1);
            r.set(Produce.Request.TIMEOUT_MS, 1000);
            r.set(Produce.Request.TOPIC_DATA, List.of(t));
            Struct pr = client.call(ApiKeys.PRODUCE, v, r).get(Produce.Response.RESPONSES).get(0)
                .get(Produce.Response.TopicResponse.PARTITION_RESPONSES).get(0);
            assertEquals(0, pr.getShort(Produce.Response.PartitionResponse.ERROR_CODE), "Produce v" + v);
        }
        for (short v = ApiKeys.FETCH.oldestVersion(); v <= ApiKeys.FETCH.latestVersion(); v++) {
            Struct p = Fetch.Request.FetchPartition.SCHEMA.newStruct();
            p.set(Fetch.Request.FetchPartition.PARTITION, 0);
            p.set(Fetch.Request.FetchPartition.FETCH_OFFSET, 0L);
            p.set(Fetch.Request.FetchPartition.PARTITION_MAX_BYTES, 1 << 20);
            Struct t = Fetch.Request.FetchTopic.SCHEMA.newStruct();
            if (v >= 13) {
                t.set(Fetch.Request.FetchTopic.TOPIC_ID, topicId);
            } else {
                t.set(Fetch.Request.FetchTopic.TOPIC, "sweep");
            }
            t.set(Fetch.Request.FetchTopic.PARTITIONS, List.of(p));
            Struct r = Fetch.DEFINITION.newRequest();
            r.set(Fetch.Request.MAX_WAIT_MS, 100);
            r.set(Fetch.Request.MIN_BYTES, 1);
            r.set(Fetch.Request.TOPICS, List.of(t));
            Struct pr = client.call(ApiKeys.FETCH, v, r).get(Fetch.Response.RESPONSES).get(0)
                .get(Fetch.Response.FetchableTopicResponse.PARTITIONS).get(0);
            assertEquals(0, pr.getShort(Fetch.Response.PartitionData.ERROR_CODE), "Fetch v" + v);
            assertFalse(pr.get(Fetch.Response.PartitionData.RECORDS).readableBytes() == 0, "Fetch v" + v);
        }
        for (short v = ApiKeys.LIST_OFFSETS.oldestVersion(); v <= ApiKeys.LIST_OFFSETS.latestVersion(); v++) {
            for (long ts : new long[] {-1L, -2L, -3L, 0L}) {
                if (ts == -3L && v < 7) {
                    continue;
                }
                Struct p = ListOffsets.Request.ListOffsetsPartition.SCHEMA.newStruct();
                p.set(ListOffsets.Request.ListOffsetsPartition.TIMESTAMP, ts);
                Struct t = ListOffsets.Request.ListOffsetsTopic.SCHEMA.newStruct();
                t.set(ListOffsets.Request.ListOffsetsTopic.NAME, "sweep");
                t.set(ListOffsets.Request.ListOffsetsTopic.PARTITIONS, List.of(p));
                Struct r = ListOffsets.DEFINITION.newRequest();
                r.set(ListOffsets.Request.REPLICA_ID, -1);
                r.set(ListOffsets.Request.TOPICS, List.of(t));
                Struct pr = client.call(ApiKeys.LIST_OFFSETS, v, r).get(ListOffsets.Response.TOPICS).get(0)
                    .get(ListOffsets.Response.ListOffsetsTopicResponse.PARTITIONS).get(0);
                assertEquals(0, pr.getShort(ListOffsets.Response.ListOffsetsPartitionResponse.ERROR_CODE));
                long expected = ts == -1L ? 22 : ts == -3L ? -2 : 0;
                if (expected >= 0) {
                    assertEquals(expected, pr.getLong(ListOffsets.Response.ListOffsetsPartitionResponse.OFFSET),
                        "ListOffsets v" + v + " ts " + ts);
                }
            }
        }
        for (short v = ApiKeys.OFFSET_FOR_LEADER_EPOCH.oldestVersion(); v <= ApiKeys.OFFSET_FOR_LEADER_EPOCH.latestVersion(); v++) {
            Struct p = OffsetForLeaderEpoch.Request.OffsetForLeaderPartition.SCHEMA.newStruct();
            p.set(OffsetForLeaderEpoch.Request.OffsetForLeaderPartition.LEADER_EPOCH, 0);
            Struct t = OffsetForLeaderEpoch.Request.OffsetForLeaderTopic.SCHEMA.newStruct();
            t.set(OffsetForLeaderEpoch.Request.OffsetForLeaderTopic.TOPIC, "sweep");
            t.set(OffsetForLeaderEpoch.Request.OffsetForLeaderTopic.PARTITIONS, List.of(p));
            Struct r = OffsetForLeaderEpoch.DEFINITION.newRequest();
            r.set(OffsetForLeaderEpoch.Request.TOPICS, List.of(t));
            Struct pr = client.call(ApiKeys.OFFSET_FOR_LEADER_EPOCH, v, r).get(OffsetForLeaderEpoch.Response.TOPICS)
                .get(0).get(OffsetForLeaderEpoch.Response.OffsetForLeaderTopicResult.PARTITIONS).get(0);
            assertEquals(0, pr.getShort(OffsetForLeaderEpoch.Response.EpochEndOffset.ERROR_CODE));
            assertEquals(22, pr.getLong(OffsetForLeaderEpoch.Response.EpochEndOffset.END_OFFSET));
        }
        for (short v = 0; v <= ApiKeys.DELETE_RECORDS.latestVersion(); v++) {
            Struct p = DeleteRecords.Request.DeleteRecordsPartition.SCHEMA.newStruct();
            p.set(DeleteRecords.Request.DeleteRecordsPartition.OFFSET, (long) v + 1);
            Struct t = DeleteRecords.Request.DeleteRecordsTopic.SCHEMA.newStruct();
            t.set(DeleteRecords.Request.DeleteRecordsTopic.NAME, "sweep");
            t.set(DeleteRecords.Request.DeleteRecordsTopic.PARTITIONS, List.of(p));
            Struct r = DeleteRecords.DEFINITION.newRequest();
            r.set(DeleteRecords.Request.TOPICS, List.of(t));
            Struct pr = client.call(ApiKeys.DELETE_RECORDS, v, r).get(DeleteRecords.Response.TOPICS).get(0)
                .get(DeleteRecords.Response.DeleteRecordsTopicResult.PARTITIONS).get(0);
            assertEquals(0, pr.getShort(DeleteRecords.Response.DeleteRecordsPartitionResult.ERROR_CODE));
            assertEquals(v + 1, pr.getLong(DeleteRecords.Response.DeleteRecordsPartitionResult.LOW_WATERMARK));
        }
    }

    @Test
    void adminApis() throws Exception {
        for (short v = ApiKeys.CREATE_TOPICS.oldestVersion(); v <= ApiKeys.CREATE_TOPICS.latestVersion(); v++) {
            Struct t = CreateTopics.Request.Topic.SCHEMA.newStruct();
            t.set(CreateTopics.Request.Topic.NAME, "created-" + v);
            t.set(CreateTopics.Request.Topic.NUM_PARTITIONS, 2);
            t.setShort(CreateTopics.Request.Topic.REPLICATION_FACTOR, 1);
            Struct r = CreateTopics.DEFINITION.newRequest();
            r.set(CreateTopics.Request.TOPICS, List.of(t));
            assertEquals(0, client.call(ApiKeys.CREATE_TOPICS, v, r).get(CreateTopics.Response.TOPICS).get(0)
                .getShort(CreateTopics.Response.TopicResult.ERROR_CODE), "CreateTopics v" + v);
        }
        for (short v = 0; v <= ApiKeys.CREATE_PARTITIONS.latestVersion(); v++) {
            Struct t = CreatePartitions.Request.Topic.SCHEMA.newStruct();
            t.set(CreatePartitions.Request.Topic.NAME, "created-2");
            t.set(CreatePartitions.Request.Topic.COUNT, 3 + v);
            t.set(CreatePartitions.Request.Topic.ASSIGNMENTS, null);
            Struct r = CreatePartitions.DEFINITION.newRequest();
            r.set(CreatePartitions.Request.TOPICS, List.of(t));
            assertEquals(0, client.call(ApiKeys.CREATE_PARTITIONS, v, r).get(CreatePartitions.Response.RESULTS).get(0)
                .getShort(CreatePartitions.Response.TopicResult.ERROR_CODE), "CreatePartitions v" + v);
        }
        for (short v = ApiKeys.DESCRIBE_CONFIGS.oldestVersion(); v <= ApiKeys.DESCRIBE_CONFIGS.latestVersion(); v++) {
            Struct topic = DescribeConfigs.Request.Resource.SCHEMA.newStruct();
            topic.setByte(DescribeConfigs.Request.Resource.RESOURCE_TYPE, 2);
            topic.set(DescribeConfigs.Request.Resource.RESOURCE_NAME, "sweep");
            topic.set(DescribeConfigs.Request.Resource.CONFIGURATION_KEYS, null);
            Struct node = DescribeConfigs.Request.Resource.SCHEMA.newStruct();
            node.setByte(DescribeConfigs.Request.Resource.RESOURCE_TYPE, 4);
            node.set(DescribeConfigs.Request.Resource.RESOURCE_NAME, "0");
            node.set(DescribeConfigs.Request.Resource.CONFIGURATION_KEYS, null);
            Struct r = DescribeConfigs.DEFINITION.newRequest();
            r.set(DescribeConfigs.Request.RESOURCES, List.of(topic, node));
            r.set(DescribeConfigs.Request.INCLUDE_SYNONYMS, true);
            for (Struct result : client.call(ApiKeys.DESCRIBE_CONFIGS, v, r).get(DescribeConfigs.Response.RESULTS)) {
                assertEquals(0, result.getShort(DescribeConfigs.Response.Result.ERROR_CODE), "DescribeConfigs v" + v);
                assertFalse(result.get(DescribeConfigs.Response.Result.CONFIGS).isEmpty());
            }
        }
        for (short v = 0; v <= ApiKeys.DESCRIBE_CLUSTER.latestVersion(); v++) {
            Struct r = client.call(ApiKeys.DESCRIBE_CLUSTER, v, DescribeCluster.DEFINITION.newRequest());
            assertEquals(0, r.getShort(DescribeCluster.Response.ERROR_CODE));
            assertEquals(1, r.get(DescribeCluster.Response.BROKERS).size());
        }
        for (short v = 0; v <= ApiKeys.FIND_COORDINATOR.latestVersion(); v++) {
            Struct r = FindCoordinator.DEFINITION.newRequest();
            if (v >= 4) {
                r.set(FindCoordinator.Request.COORDINATOR_KEYS, List.of("g1", "g2"));
                for (Struct c : client.call(ApiKeys.FIND_COORDINATOR, v, r).get(FindCoordinator.Response.COORDINATORS)) {
                    assertEquals(0, c.getShort(FindCoordinator.Response.Coordinator.ERROR_CODE));
                    assertEquals(broker.port(0), c.getInt(FindCoordinator.Response.Coordinator.PORT));
                }
            } else {
                r.set(FindCoordinator.Request.KEY, "g1");
                Struct resp = client.call(ApiKeys.FIND_COORDINATOR, v, r);
                assertEquals(0, resp.getShort(FindCoordinator.Response.ERROR_CODE));
                assertEquals(broker.port(0), resp.getInt(FindCoordinator.Response.PORT));
            }
        }
        for (short v = 0; v <= ApiKeys.INIT_PRODUCER_ID.latestVersion(); v++) {
            Struct r = InitProducerId.DEFINITION.newRequest();
            r.set(InitProducerId.Request.TRANSACTIONAL_ID, null);
            Struct resp = client.call(ApiKeys.INIT_PRODUCER_ID, v, r);
            assertEquals(0, resp.getShort(InitProducerId.Response.ERROR_CODE));
            assertEquals(v, resp.getLong(InitProducerId.Response.PRODUCER_ID), "fresh ids, from 0");
        }
        for (short v = ApiKeys.DELETE_TOPICS.oldestVersion(); v <= ApiKeys.DELETE_TOPICS.latestVersion(); v++) {
            Struct r = DeleteTopics.DEFINITION.newRequest();
            String name = "created-" + (v + 1);
            if (v >= 6) {
                Struct t = DeleteTopics.Request.TopicState.SCHEMA.newStruct();
                t.set(DeleteTopics.Request.TopicState.NAME, name);
                r.set(DeleteTopics.Request.TOPICS, List.of(t));
            } else {
                r.set(DeleteTopics.Request.TOPIC_NAMES, List.of(name));
            }
            assertEquals(0, client.call(ApiKeys.DELETE_TOPICS, v, r).get(DeleteTopics.Response.RESPONSES).get(0)
                .getShort(DeleteTopics.Response.TopicResult.ERROR_CODE), "DeleteTopics v" + v);
        }
    }

    private static Struct metadataTopic(String name) {
        Struct t = Metadata.Request.Topic.SCHEMA.newStruct();
        t.set(Metadata.Request.Topic.NAME, name);
        return t;
    }
}
