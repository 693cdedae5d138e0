package io.strand.broker.internals.group;

import static io.strand.broker.internals.group.GroupTestKit.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.broker.internals.group.Requests.Commit;
import io.strand.common.message.ListGroups;
import io.strand.common.message.OffsetCommit;
import io.strand.common.message.OffsetDelete;
import io.strand.common.message.OffsetFetch;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffsetCommitFetchTest {

    private GroupTestKit kit = new GroupTestKit();

    @AfterEach
    void tearDown() {
        kit.close();
    }

    /** A partition of a fetch answer: "topic-partition=offset/epoch/metadata/error". */
    static List<String> fetched(Struct response, short version) {
        List<String> out = new ArrayList<>();
        if (version >= 8) {
            for (Struct g : response.get(OffsetFetch.Response.GROUPS)) {
                for (Struct t : g.get(OffsetFetch.Response.Group.TOPICS)) {
                    for (Struct p : t.get(OffsetFetch.Response.Topics.PARTITIONS)) {
                        out.add(t.get(OffsetFetch.Response.Topics.NAME) + "-"
                            + p.getInt(OffsetFetch.Response.Partitions.PARTITION_INDEX) + "="
                            + p.getLong(OffsetFetch.Response.Partitions.COMMITTED_OFFSET) + "/"
                            + p.getInt(OffsetFetch.Response.Partitions.COMMITTED_LEADER_EPOCH) + "/"
                            + p.get(OffsetFetch.Response.Partitions.METADATA) + "/"
                            + error(p, OffsetFetch.Response.Partitions.ERROR_CODE));
                    }
                }
            }
            return out;
        }
        for (Struct t : response.get(OffsetFetch.Response.TOPICS)) {
            for (Struct p : t.get(OffsetFetch.Response.Topic.PARTITIONS)) {
                out.add(t.get(OffsetFetch.Response.Topic.NAME) + "-"
                    + p.getInt(OffsetFetch.Response.Partition.PARTITION_INDEX) + "="
                    + p.getLong(OffsetFetch.Response.Partition.COMMITTED_OFFSET) + "/"
                    + (version >= 5 ? p.getInt(OffsetFetch.Response.Partition.COMMITTED_LEADER_EPOCH) : -1) + "/"
                    + p.get(OffsetFetch.Response.Partition.METADATA) + "/"
                    + error(p, OffsetFetch.Response.Partition.ERROR_CODE));
            }
        }
        return out;
    }

    private List<Errors> commit(short version, Struct request) {
        Struct r = kit.call(ApiKeys.OFFSET_COMMIT, version, request);
        List<Errors> out = new ArrayList<>();
        for (Struct t : r.get(OffsetCommit.Response.TOPICS)) {
            for (Struct p : t.get(OffsetCommit.Response.Topic.PARTITIONS)) {
                out.add(error(p, OffsetCommit.Response.Partition.ERROR_CODE));
            }
        }
        return out;
    }

    private List<String> fetchAll(String groupId) {
        short v = ApiKeys.OFFSET_FETCH.latestVersion();
        Map<String, Map<String, List<Integer>>> all = new LinkedHashMap<>();
        all.put(groupId, null);
        return fetched(kit.call(ApiKeys.OFFSET_FETCH, v, Requests.fetchBatched(all)), v);
    }

    private TestMember stableMember(String groupId) {
        TestMember m = new TestMember(kit, groupId, "c1");
        m.joinNow();
        assertEquals(Errors.NONE, TestMember.syncError(m.sync(Map.of()).join()));
        return m;
    }

    @Test
    void aMemberCommitsAndEveryFetchShapeReadsItBack() {
        TestMember m = stableMember("g");
        assertEquals(List.of(Errors.NONE, Errors.NONE, Errors.NONE), commit((short) 9, Requests.commit("g",
            m.generation, m.memberId, null, List.of(new Commit("orders", 0, 42, "hello"),
                new Commit("orders", 2, 7, null), new Commit("payments", 1, 100, "")))));

        Map<String, List<Integer>> wanted = new LinkedHashMap<>();
        wanted.put("orders", List.of(0, 1));
        wanted.put("payments", List.of(1));
        for (short v = 1; v <= 7; v++) {
            Struct r = kit.call(ApiKeys.OFFSET_FETCH, v, Requests.fetchSingle("g", wanted));
            int epoch = v >= 5 ? 7 : -1;
            assertEquals(List.of("orders-0=42/" + epoch + "/hello/NONE", "orders-1=-1/-1//NONE",
                "payments-1=100/" + epoch + "//NONE"), fetched(r, v), "v" + v);
        }
        Map<String, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
        groups.put("g", wanted);
        groups.put("other", Map.of("orders", List.of(0)));
        Struct r = kit.call(ApiKeys.OFFSET_FETCH, (short) 9, Requests.fetchBatched(groups));
        assertEquals(List.of("orders-0=42/7/hello/NONE", "orders-1=-1/-1//NONE", "payments-1=100/7//NONE",
            "orders-0=-1/-1//NONE"), fetched(r, (short) 9));

        assertEquals(List.of("orders-0=42/7/hello/NONE", "orders-2=7/7//NONE", "payments-1=100/7//NONE"),
            fetchAll("g"), "null topics: everything the group has, a null metadata stored as empty");
        Struct all = kit.call(ApiKeys.OFFSET_FETCH, (short) 2, Requests.fetchSingle("g", null));
        assertEquals(3, fetched(all, (short) 2).size());
        assertEquals(List.of(), fetchAll("nobody"));
    }

    @Test
    void aStandaloneConsumerCommitsWithoutJoiningAndItsGroupOnlyStoresOffsets() {
        assertEquals(List.of(Errors.NONE), commit((short) 2,
            Requests.commit("standalone", -1, "", null, List.of(new Commit("orders", 1, 9, "m")))));
        assertEquals(List.of("orders-1=9/-1/m/NONE"), fetchAll("standalone"),
            "v2 carries no leader epoch, so none is stored");
        Struct listed = kit.call(ApiKeys.LIST_GROUPS, (short) 5, Requests.list(List.of(), List.of()));
        Struct g = listed.get(ListGroups.Response.GROUPS).get(0);
        assertEquals("standalone", g.get(ListGroups.Response.ListedGroup.GROUP_ID));
        assertEquals("", g.get(ListGroups.Response.ListedGroup.PROTOCOL_TYPE));
        assertEquals("Empty", g.get(ListGroups.Response.ListedGroup.GROUP_STATE));

        TestMember m = stableMember("busy");
        assertEquals(List.of(Errors.UNKNOWN_MEMBER_ID), commit((short) 9,
            Requests.commit("busy", -1, "", null, List.of(new Commit("orders", 1, 9, "m")))),
            "a group with members takes commits only from its members");
        assertEquals(Errors.NONE, m.leave());
        assertEquals(List.of(Errors.NONE), commit((short) 9,
            Requests.commit("busy", -1, "", null, List.of(new Commit("orders", 1, 9, "m")))),
            "once empty it takes simple commits again");
    }

    @Test
    void commitsAreCheckedLikeKafkaChecksThem() {
        TestMember m = stableMember("g");
        assertEquals(List.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, Errors.NONE, Errors.UNKNOWN_TOPIC_OR_PARTITION,
                Errors.UNKNOWN_TOPIC_OR_PARTITION),
            commit((short) 9, Requests.commit("g", m.generation, m.memberId, null, List.of(
                new Commit("nope", 0, 1, ""), new Commit("orders", 2, 1, ""), new Commit("orders", 3, 1, ""),
                new Commit("orders", -1, 1, "")))));
        assertEquals(List.of(Errors.ILLEGAL_GENERATION), commit((short) 9, Requests.commit("g", m.generation + 1,
            m.memberId, null, List.of(new Commit("orders", 0, 1, "")))));
        assertEquals(List.of(Errors.UNKNOWN_MEMBER_ID), commit((short) 9, Requests.commit("g", m.generation,
            "stranger", null, List.of(new Commit("orders", 0, 1, "")))));
        assertEquals(List.of(Errors.ILLEGAL_GENERATION), commit((short) 8, Requests.commit("missing", 3, "x", null,
            List.of(new Commit("orders", 0, 1, "")))), "before v9 a missing group reads as an old generation");
        assertEquals(List.of(Errors.GROUP_ID_NOT_FOUND), commit((short) 9, Requests.commit("missing", 3, "x", null,
            List.of(new Commit("orders", 0, 1, "")))));

        String big = "x".repeat(4097);
        assertEquals(List.of(Errors.OFFSET_METADATA_TOO_LARGE, Errors.NONE), commit((short) 9, Requests.commit("g",
            m.generation, m.memberId, null, List.of(new Commit("orders", 0, 1, big), new Commit("orders", 1, 1,
                "x".repeat(4096))))));

        kit.coordinatorOverrides.put("g", 3);
        assertEquals(List.of(Errors.NOT_COORDINATOR), commit((short) 9, Requests.commit("g", m.generation,
            m.memberId, null, List.of(new Commit("orders", 0, 1, "")))));
        kit.coordinatorOverrides.clear();

        // A second member makes the group rebalance: commits still go through while it prepares...
        TestMember b = new TestMember(kit, "g", "b");
        b.joinWithHandshake();
        assertEquals(Errors.NONE, m.commit("orders", 0, 50));
        // ...but not between the JoinGroup and SyncGroup answers of the new generation.
        m.join().join();
        assertEquals(Errors.REBALANCE_IN_PROGRESS, m.commit("orders", 0, 51));
        m.sync(Map.of()).join();
        assertEquals(Errors.NONE, m.commit("orders", 0, 52));
        assertEquals(List.of("orders-0=52/7/by c1/NONE", "orders-1=1/7/" + "x".repeat(4096) + "/NONE",
            "orders-2=1/7//NONE"), fetchAll("g"));
    }

    @Test
    void fetchAnswersAnotherNodesGroupInTheShapeOfItsVersion() {
        kit.coordinatorOverrides.put("g", 3);
        Map<String, List<Integer>> wanted = Map.of("orders", List.of(0, 1));
        Struct v1 = kit.call(ApiKeys.OFFSET_FETCH, (short) 1, Requests.fetchSingle("g", wanted));
        assertEquals(List.of("orders-0=-1/-1//NOT_COORDINATOR", "orders-1=-1/-1//NOT_COORDINATOR"),
            fetched(v1, (short) 1), "v1 has no group-level error");
        Struct v7 = kit.call(ApiKeys.OFFSET_FETCH, (short) 7, Requests.fetchSingle("g", wanted));
        assertEquals(Errors.NOT_COORDINATOR, error(v7, OffsetFetch.Response.ERROR_CODE));
        Map<String, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
        groups.put("g", wanted);
        groups.put("h", null);
        Struct v8 = kit.call(ApiKeys.OFFSET_FETCH, (short) 8, Requests.fetchBatched(groups));
        List<Struct> gs = v8.get(OffsetFetch.Response.GROUPS);
        assertEquals(Errors.NOT_COORDINATOR, error(gs.get(0), OffsetFetch.Response.Group.ERROR_CODE));
        assertEquals(Errors.NONE, error(gs.get(1), OffsetFetch.Response.Group.ERROR_CODE));
    }

    @Test
    void offsetsOfAGroupWithoutMembersExpireARetentionPeriodAfterItEmptied() {
        kit.close();
        kit = new GroupTestKit(GroupConfig.defaults().withOffsetsRetention(60_000, 10_000), null);
        TestMember m = stableMember("consumers");
        assertEquals(Errors.NONE, m.commit("orders", 0, 1));
        for (int i = 0; i < 24; i++) {
            kit.clock.advance(5_000);
            assertEquals(Errors.NONE, m.heartbeat());
        }
        assertEquals(1, fetchAll("consumers").size(), "a group with members keeps its offsets");
        assertEquals(Errors.NONE, m.leave());
        kit.clock.advance(50_000);
        assertEquals(1, fetchAll("consumers").size());
        kit.clock.advance(20_000);
        assertEquals(List.of(), fetchAll("consumers"), "60 s after the group became empty");
        assertEquals(List.of(), kit.call(ApiKeys.LIST_GROUPS, (short) 5, Requests.list(List.of(), List.of()))
            .get(ListGroups.Response.GROUPS), "an empty group without offsets is removed");

        commit((short) 9, Requests.commit("simple", -1, "", null, List.of(new Commit("orders", 0, 1, ""))));
        kit.clock.advance(30_000);
        commit((short) 9, Requests.commit("simple", -1, "", null, List.of(new Commit("orders", 1, 1, ""))));
        kit.clock.advance(40_000);
        assertEquals(List.of("orders-1=1/7//NONE"), fetchAll("simple"),
            "a group that only stores offsets loses each one a retention period after its commit");

        Struct withRetention = Requests.commit("explicit", -1, "", null, List.of(new Commit("orders", 0, 1, "")));
        withRetention.set(OffsetCommit.Request.RETENTION_TIME_MS, 15_000L);
        commit((short) 4, withRetention);
        kit.clock.advance(20_000);
        assertEquals(List.of(), fetchAll("explicit"), "v2-4 commits may carry their own retention");
    }

    @Test
    void deletingATopicDropsItsOffsetsFromEveryGroup() {
        commit((short) 9, Requests.commit("g1", -1, "", null, List.of(new Commit("orders", 0, 1, ""),
            new Commit("payments", 0, 2, ""))));
        commit((short) 9, Requests.commit("g2", -1, "", null, List.of(new Commit("orders", 1, 3, ""))));
        kit.coordinator.onTopicDeleted("orders");
        assertEquals(List.of("payments-0=2/7//NONE"), fetchAll("g1"));
        assertEquals(List.of(), fetchAll("g2"));
    }

    /** OffsetDelete: the top-level error, then each partition's, flattened. */
    private List<Errors> deleteOffsets(String groupId, Map<String, List<Integer>> partitions) {
        Struct r = kit.call(ApiKeys.OFFSET_DELETE, (short) 0, Requests.offsetDelete(groupId, partitions));
        List<Errors> out = new ArrayList<>();
        out.add(error(r, OffsetDelete.Response.ERROR_CODE));
        for (Struct t : r.get(OffsetDelete.Response.TOPICS)) {
            for (Struct p : t.get(OffsetDelete.Response.Topic.PARTITIONS)) {
                out.add(error(p, OffsetDelete.Response.Partition.ERROR_CODE));
            }
        }
        return out;
    }

    @Test
    void offsetDeleteSparesTopicsALiveConsumerGroupSubscribesTo() {
        commit((short) 9, Requests.commit("simple", -1, "", null, List.of(new Commit("orders", 0, 1, ""),
            new Commit("orders", 1, 2, ""))));
        Map<String, List<Integer>> req = new LinkedHashMap<>();
        req.put("orders", List.of(0));
        req.put("nope", List.of(0));
        assertEquals(List.of(Errors.NONE, Errors.NONE, Errors.UNKNOWN_TOPIC_OR_PARTITION), deleteOffsets("simple", req));
        assertEquals(List.of("orders-1=2/7//NONE"), fetchAll("simple"));
        assertEquals(List.of(Errors.NONE, Errors.NONE), deleteOffsets("simple", Map.of("orders", List.of(1))));
        assertEquals(List.of(Errors.GROUP_ID_NOT_FOUND), deleteOffsets("simple", Map.of("orders", List.of(1))),
            "the group went with its last offset");
        assertEquals(List.of(Errors.INVALID_GROUP_ID), deleteOffsets("", Map.of("orders", List.of(1))));
        kit.coordinatorOverrides.put("far", 2);
        assertEquals(List.of(Errors.NOT_COORDINATOR), deleteOffsets("far", Map.of("orders", List.of(1))));

        TestMember m = new TestMember(kit, "live", "c");
        m.protocols = List.of(new Protocol("range", Requests.subscription("orders")));
        m.joinNow();
        m.sync(Map.of()).join();
        assertEquals(Errors.NONE, m.commit("orders", 0, 5));
        assertEquals(Errors.NONE, m.commit("payments", 0, 6));
        req = new LinkedHashMap<>();
        req.put("orders", List.of(0));
        req.put("payments", List.of(0));
        assertEquals(List.of(Errors.NONE, Errors.GROUP_SUBSCRIBED_TO_TOPIC, Errors.NONE), deleteOffsets("live", req));
        assertEquals(List.of("orders-0=5/7/by c/NONE"), fetchAll("live"));

        TestMember connect = new TestMember(kit, "workers", "w");
        connect.protocolType = "connect";
        connect.joinNow();
        assertEquals(List.of(Errors.NON_EMPTY_GROUP), deleteOffsets("workers", Map.of("orders", List.of(0))),
            "only consumer groups say what they subscribe to");
    }

    @Test
    void generationMinusOneToAnEmptyGroupIsASimpleCommitWhateverTheMemberId() {
        TestMember m = stableMember("g");
        assertEquals(List.of(Errors.NONE), commit((short) 9, Requests.commit("h", -1, m.memberId, null,
            List.of(new Commit("orders", 0, 1, "")))));
        assertEquals(List.of(Errors.UNKNOWN_MEMBER_ID), commit((short) 9, Requests.commit("g", -1, "someone", null,
            List.of(new Commit("orders", 0, 1, "")))), "but a group with members checks the member id");
    }
}
