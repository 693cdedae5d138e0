package io.strand.common.message;

import io.strand.common.protocol.ApiKeys;

/** Maps each API key to its definition: one class per API in this package, named after it. */
public final class ApiDefinitions {

    private ApiDefinitions() {
    }

    public static ApiDefinition of(ApiKeys api) {
        return switch (api) {
            case PRODUCE -> Produce.DEFINITION;
            case FETCH -> Fetch.DEFINITION;
            case LIST_OFFSETS -> ListOffsets.DEFINITION;
            case METADATA -> Metadata.DEFINITION;
            case OFFSET_COMMIT -> OffsetCommit.DEFINITION;
            case OFFSET_FETCH -> OffsetFetch.DEFINITION;
            case FIND_COORDINATOR -> FindCoordinator.DEFINITION;
            case JOIN_GROUP -> JoinGroup.DEFINITION;
            case HEARTBEAT -> Heartbeat.DEFINITION;
            case LEAVE_GROUP -> LeaveGroup.DEFINITION;
            case SYNC_GROUP -> SyncGroup.DEFINITION;
            case DESCRIBE_GROUPS -> DescribeGroups.DEFINITION;
            case LIST_GROUPS -> ListGroups.DEFINITION;
            case SASL_HANDSHAKE -> SaslHandshake.DEFINITION;
            case API_VERSIONS -> ApiVersions.DEFINITION;
            case CREATE_TOPICS -> CreateTopics.DEFINITION;
            case DELETE_TOPICS -> DeleteTopics.DEFINITION;
            case DELETE_RECORDS -> DeleteRecords.DEFINITION;
            case INIT_PRODUCER_ID -> InitProducerId.DEFINITION;
            case OFFSET_FOR_LEADER_EPOCH -> OffsetForLeaderEpoch.DEFINITION;
            case ADD_PARTITIONS_TO_TXN -> AddPartitionsToTxn.DEFINITION;
            case ADD_OFFSETS_TO_TXN -> AddOffsetsToTxn.DEFINITION;
            case END_TXN -> EndTxn.DEFINITION;
            case TXN_OFFSET_COMMIT -> TxnOffsetCommit.DEFINITION;
            case DESCRIBE_CONFIGS -> DescribeConfigs.DEFINITION;
            case SASL_AUTHENTICATE -> SaslAuthenticate.DEFINITION;
            case CREATE_PARTITIONS -> CreatePartitions.DEFINITION;
            case DELETE_GROUPS -> DeleteGroups.DEFINITION;
            case INCREMENTAL_ALTER_CONFIGS -> IncrementalAlterConfigs.DEFINITION;
            case OFFSET_DELETE -> OffsetDelete.DEFINITION;
            case DESCRIBE_CLUSTER -> DescribeCluster.DEFINITION;
            case CONSUMER_GROUP_HEARTBEAT -> ConsumerGroupHeartbeat.DEFINITION;
            case CONSUMER_GROUP_DESCRIBE -> ConsumerGroupDescribe.DEFINITION;
        };
    }
}
