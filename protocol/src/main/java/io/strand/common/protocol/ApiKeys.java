package io.strand.common.protocol;

/**
 * The APIs Strand speaks, with the version range it implements for each and the first flexible
 * version (compact strings and arrays, tagged fields). The ranges are Apache Kafka 4.1's, so a
 * client negotiating with any 2.8 to 4.x broker finds a common version for every API it needs.
 */
public enum ApiKeys {
    PRODUCE(0, "Produce", 3, 13, 9),
    FETCH(1, "Fetch", 4, 18, 12),
    LIST_OFFSETS(2, "ListOffsets", 1, 10, 6),
    METADATA(3, "Metadata", 0, 13, 9),
    OFFSET_COMMIT(8, "OffsetCommit", 2, 9, 8),
    OFFSET_FETCH(9, "OffsetFetch", 1, 9, 6),
    FIND_COORDINATOR(10, "FindCoordinator", 0, 6, 3),
    JOIN_GROUP(11, "JoinGroup", 0, 9, 6),
    HEARTBEAT(12, "Heartbeat", 0, 4, 4),
    LEAVE_GROUP(13, "LeaveGroup", 0, 5, 4),
    SYNC_GROUP(14, "SyncGroup", 0, 5, 4),
    // v6 is stable in Apache 4.1.2; the design table's 0-5 predates it.
    DESCRIBE_GROUPS(15, "DescribeGroups", 0, 6, 5),
    LIST_GROUPS(16, "ListGroups", 0, 5, 3),
    SASL_HANDSHAKE(17, "SaslHandshake", 0, 1, Integer.MAX_VALUE),
    API_VERSIONS(18, "ApiVersions", 0, 4, 3),
    CREATE_TOPICS(19, "CreateTopics", 2, 7, 5),
    DELETE_TOPICS(20, "DeleteTopics", 1, 6, 4),
    DELETE_RECORDS(21, "DeleteRecords", 0, 2, 2),
    INIT_PRODUCER_ID(22, "InitProducerId", 0, 5, 2),
    OFFSET_FOR_LEADER_EPOCH(23, "OffsetForLeaderEpoch", 2, 4, 4),
    ADD_PARTITIONS_TO_TXN(24, "AddPartitionsToTxn", 0, 5, 3),
    ADD_OFFSETS_TO_TXN(25, "AddOffsetsToTxn", 0, 4, 3),
    END_TXN(26, "EndTxn", 0, 5, 3),
    TXN_OFFSET_COMMIT(28, "TxnOffsetCommit", 0, 5, 3),
    DESCRIBE_CONFIGS(32, "DescribeConfigs", 1, 4, 4),
    SASL_AUTHENTICATE(36, "SaslAuthenticate", 0, 2, 2),
    CREATE_PARTITIONS(37, "CreatePartitions", 0, 3, 2),
    DELETE_GROUPS(42, "DeleteGroups", 0, 2, 2),
    INCREMENTAL_ALTER_CONFIGS(44, "IncrementalAlterConfigs", 0, 1, 1),
    OFFSET_DELETE(47, "OffsetDelete", 0, 0, Integer.MAX_VALUE),
    DESCRIBE_CLUSTER(60, "DescribeCluster", 0, 2, 0),
    CONSUMER_GROUP_HEARTBEAT(68, "ConsumerGroupHeartbeat", 0, 1, 0),
    CONSUMER_GROUP_DESCRIBE(69, "ConsumerGroupDescribe", 0, 1, 0);

    private static final ApiKeys[] BY_ID = new ApiKeys[128];

    static {
        for (ApiKeys k : values()) {
            BY_ID[k.id] = k;
        }
    }

    public final short id;
    public final String name;
    private final short oldestVersion;
    private final short latestVersion;
    private final int firstFlexibleVersion;

    ApiKeys(int id, String name, int oldest, int latest, int firstFlexible) {
        this.id = (short) id;
        this.name = name;
        this.oldestVersion = (short) oldest;
        this.latestVersion = (short) latest;
        this.firstFlexibleVersion = firstFlexible;
    }

    /** The API with this key, or null when Strand does not implement it. */
    public static ApiKeys forId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    public short oldestVersion() {
        return oldestVersion;
    }

    public short latestVersion() {
        return latestVersion;
    }

    public boolean isVersionSupported(short version) {
        return version >= oldestVersion && version <= latestVersion;
    }

    /** Whether this version uses compact forms and tagged fields. */
    public boolean isFlexible(short version) {
        return version >= firstFlexibleVersion;
    }

    /** Request header v2 in flexible versions, v1 otherwise. */
    public short requestHeaderVersion(short version) {
        return isFlexible(version) ? (short) 2 : (short) 1;
    }

    /**
     * Response header v1 in flexible versions, v0 otherwise; ApiVersions always answers with v0,
     * so that a client that does not know the broker's versions can still read the answer.
     */
    public short responseHeaderVersion(short version) {
        if (this == API_VERSIONS) {
            return 0;
        }
        return isFlexible(version) ? (short) 1 : (short) 0;
    }
}
