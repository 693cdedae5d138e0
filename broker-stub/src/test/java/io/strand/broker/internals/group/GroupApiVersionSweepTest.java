package io.strand.broker.internals.group;

import static io.strand.broker.internals.group.GroupTestKit.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.internals.group.Requests.Commit;
import io.strand.common.message.DeleteGroups;
import io.strand.common.message.DescribeGroups;
import io.strand.common.message.Heartbeat;
import io.strand.common.message.JoinGroup;
import io.strand.common.message.LeaveGroup;
import io.strand.common.message.ListGroups;
import io.strand.common.message.OffsetCommit;
import io.strand.common.message.OffsetFetch;
import io.strand.common.message.SyncGroup;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every version of every group API, answered both with success and with an error. The kit
 * decodes each response with Apache kafka-clients at the request's version, so a field set where
 * a version has none, or a null where a version cannot carry one, fails here.
 */
class GroupApiVersionSweepTest {

    private final GroupTestKit kit = new GroupTestKit();

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private static short[] versions(ApiKeys api) {
        short[] v = new short[api.latestVersion() - api.oldestVersion() + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (api.oldestVersion() + i);
        }
        return v;
    }

    /** A member that has joined and synced group {@code groupId} with the latest versions. */
    private TestMember stable(String groupId) {
        TestMember m = new TestMember(kit, groupId, "c");
        m.joinNow();
        assertEquals(Errors.NONE, TestMember.syncError(m.sync(Map.of(m.memberId, new byte[] {1})).join()));
        return m;
    }

    @Test
    void theCoordinatorServesExactlyTheTenGroupApis() {
        assertEquals(EnumSet.of(ApiKeys.JOIN_GROUP, ApiKeys.SYNC_GROUP, ApiKeys.HEARTBEAT, ApiKeys.LEAVE_GROUP,
                ApiKeys.OFFSET_COMMIT, ApiKeys.OFFSET_FETCH, ApiKeys.OFFSET_DELETE, ApiKeys.DESCRIBE_GROUPS,
                ApiKeys.LIST_GROUPS, ApiKeys.DELETE_GROUPS),
            EnumSet.copyOf(kit.coordinator.handlers().keySet()));
    }

    @Test
    void joinGroup() {
        for (short v : versions(ApiKeys.JOIN_GROUP)) {
            TestMember m = new TestMember(kit, "join-" + v, "c");
            m.joinVersion = v;
            if (v >= 5) {
                TestMember s = new TestMember(kit, "join-static-" + v, "c").staticId("i");
                s.joinVersion = v;
                assertEquals(Errors.NONE, error(s.join().join(), JoinGroup.Response.ERROR_CODE), "v" + v);
            }
            Struct first = m.join().join();
            assertEquals(v >= 4 ? Errors.MEMBER_ID_REQUIRED : Errors.NONE,
                error(first, JoinGroup.Response.ERROR_CODE), "v" + v);
            Struct joined = v >= 4 ? m.join().join() : first;
            assertEquals(Errors.NONE, error(joined, JoinGroup.Response.ERROR_CODE), "v" + v);
            assertEquals(1, joined.get(JoinGroup.Response.MEMBERS).size(), "v" + v);
            m.sessionTimeoutMs = 1;
            m.memberId = "";
            assertEquals(Errors.INVALID_SESSION_TIMEOUT, error(m.join().join(), JoinGroup.Response.ERROR_CODE));
        }
    }

    @Test
    void syncGroup() {
        for (short v : versions(ApiKeys.SYNC_GROUP)) {
            TestMember m = new TestMember(kit, "sync-" + v, "c");
            m.joinNow();
            Struct ok = kit.call(ApiKeys.SYNC_GROUP, v, Requests.sync(m.groupId, m.generation, m.memberId, null,
                Map.of(m.memberId, new byte[] {7})));
            assertEquals(Errors.NONE, error(ok, SyncGroup.Response.ERROR_CODE), "v" + v);
            Struct bad = kit.call(ApiKeys.SYNC_GROUP, v, Requests.sync(m.groupId, m.generation + 1, m.memberId, null,
                Map.of()));
            assertEquals(Errors.ILLEGAL_GENERATION, error(bad, SyncGroup.Response.ERROR_CODE), "v" + v);
        }
    }

    @Test
    void heartbeat() {
        TestMember m = stable("hb");
        for (short v : versions(ApiKeys.HEARTBEAT)) {
            Struct ok = kit.call(ApiKeys.HEARTBEAT, v, Requests.heartbeat("hb", m.generation, m.memberId, null));
            assertEquals(Errors.NONE, error(ok, Heartbeat.Response.ERROR_CODE), "v" + v);
            Struct bad = kit.call(ApiKeys.HEARTBEAT, v, Requests.heartbeat("hb", m.generation, "nobody", null));
            assertEquals(Errors.UNKNOWN_MEMBER_ID, error(bad, Heartbeat.Response.ERROR_CODE), "v" + v);
        }
    }

    @Test
    void leaveGroup() {
        for (short v : versions(ApiKeys.LEAVE_GROUP)) {
            TestMember m = stable("leave-" + v);
            Struct r = kit.call(ApiKeys.LEAVE_GROUP, v, v >= 3 ? Requests.leave(m.groupId, m.memberId, null, "x", null)
                : Requests.leaveSingle(m.groupId, m.memberId));
            assertEquals(Errors.NONE, error(r, LeaveGroup.Response.ERROR_CODE), "v" + v);
            if (v >= 3) {
                assertEquals(List.of(Errors.NONE, Errors.UNKNOWN_MEMBER_ID), r.get(LeaveGroup.Response.MEMBERS).stream()
                    .map(x -> error(x, LeaveGroup.Response.MemberResponse.ERROR_CODE)).toList());
            }
            Struct again = kit.call(ApiKeys.LEAVE_GROUP, v, v >= 3 ? Requests.leave(m.groupId, m.memberId, null)
                : Requests.leaveSingle(m.groupId, m.memberId));
            assertEquals(v >= 3 ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID, error(again, LeaveGroup.Response.ERROR_CODE));
        }
    }

    @Test
    void offsetCommit() {
        TestMember m = stable("commit");
        for (short v : versions(ApiKeys.OFFSET_COMMIT)) {
            Struct r = kit.call(ApiKeys.OFFSET_COMMIT, v, Requests.commit("commit", m.generation, m.memberId, null,
                List.of(new Commit("orders", 0, v, "v" + v), new Commit("missing", 0, 1, ""))));
            List<Struct> topics = r.get(OffsetCommit.Response.TOPICS);
            assertEquals(Errors.NONE, error(topics.get(0).get(OffsetCommit.Response.Topic.PARTITIONS).get(0),
                OffsetCommit.Response.Partition.ERROR_CODE), "v" + v);
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, error(topics.get(1).get(OffsetCommit.Response.Topic.PARTITIONS)
                .get(0), OffsetCommit.Response.Partition.ERROR_CODE), "v" + v);
        }
    }

    @Test
    void offsetFetch() {
        TestMember m = stable("fetch");
        assertEquals(Errors.NONE, m.commit("orders", 1, 12));
        kit.coordinatorOverrides.put("far", 5);
        for (short v : versions(ApiKeys.OFFSET_FETCH)) {
            Map<String, List<Integer>> wanted = Map.of("orders", List.of(0, 1));
            if (v >= 8) {
                Map<String, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
                groups.put("fetch", wanted);
                groups.put("far", null);
                Struct r = kit.call(ApiKeys.OFFSET_FETCH, v, Requests.fetchBatched(groups));
                assertEquals(List.of("orders-0=-1/-1//NONE", "orders-1=12/7/by c/NONE"),
                    OffsetCommitFetchTest.fetched(r, v));
                assertEquals(Errors.NOT_COORDINATOR,
                    error(r.get(OffsetFetch.Response.GROUPS).get(1), OffsetFetch.Response.Group.ERROR_CODE));
            } else {
                Struct r = kit.call(ApiKeys.OFFSET_FETCH, v, Requests.fetchSingle("fetch", wanted));
                int epoch = v >= 5 ? 7 : -1;
                assertEquals(List.of("orders-0=-1/-1//NONE", "orders-1=12/" + epoch + "/by c/NONE"),
                    OffsetCommitFetchTest.fetched(r, v), "v" + v);
                Struct far = kit.call(ApiKeys.OFFSET_FETCH, v, Requests.fetchSingle("far", wanted));
                if (v >= 2) {
                    assertEquals(Errors.NOT_COORDINATOR, error(far, OffsetFetch.Response.ERROR_CODE));
                    Struct all = kit.call(ApiKeys.OFFSET_FETCH, v, Requests.fetchSingle("fetch", null));
                    assertEquals(1, OffsetCommitFetchTest.fetched(all, v).size());
                }
            }
        }
    }

    @Test
    void offsetDelete() {
        kit.call(ApiKeys.OFFSET_COMMIT, (short) 9, Requests.commit("deleting", -1, "", null,
            List.of(new Commit("orders", 0, 1, ""))));
        for (short v : versions(ApiKeys.OFFSET_DELETE)) {
            Struct ok = kit.call(ApiKeys.OFFSET_DELETE, v, Requests.offsetDelete("deleting", Map.of("orders", List.of(0))));
            assertEquals(Errors.NONE, error(ok, io.strand.common.message.OffsetDelete.Response.ERROR_CODE));
            Struct missing = kit.call(ApiKeys.OFFSET_DELETE, v, Requests.offsetDelete("deleting", Map.of("orders", List.of(0))));
            assertEquals(Errors.GROUP_ID_NOT_FOUND, error(missing, io.strand.common.message.OffsetDelete.Response.ERROR_CODE));
        }
    }

    @Test
    void describeGroups() {
        stable("described");
        TestMember s = new TestMember(kit, "static", "c").staticId("inst");
        s.joinNow();
        for (short v : versions(ApiKeys.DESCRIBE_GROUPS)) {
            List<Struct> groups = kit.call(ApiKeys.DESCRIBE_GROUPS, v,
                    Requests.describe(v >= 3, "described", "static", "missing"))
                .get(DescribeGroups.Response.GROUPS);
            assertEquals("Stable", groups.get(0).get(DescribeGroups.Response.Group.GROUP_STATE), "v" + v);
            assertEquals(1, groups.get(1).get(DescribeGroups.Response.Group.MEMBERS).size(), "v" + v);
            assertEquals(v >= 6 ? Errors.GROUP_ID_NOT_FOUND : Errors.NONE,
                error(groups.get(2), DescribeGroups.Response.Group.ERROR_CODE), "v" + v);
        }
    }

    @Test
    void listGroups() {
        stable("listed");
        for (short v : versions(ApiKeys.LIST_GROUPS)) {
            Struct r = kit.call(ApiKeys.LIST_GROUPS, v, Requests.list(v >= 4 ? List.of("Stable") : List.of(),
                v >= 5 ? List.of("classic") : List.of()));
            assertEquals(Errors.NONE, error(r, ListGroups.Response.ERROR_CODE));
            assertEquals(1, r.get(ListGroups.Response.GROUPS).size(), "v" + v);
        }
    }

    @Test
    void deleteGroups() {
        TestMember m = stable("busy");
        for (short v : versions(ApiKeys.DELETE_GROUPS)) {
            kit.call(ApiKeys.OFFSET_COMMIT, (short) 9, Requests.commit("idle-" + v, -1, "", null,
                List.of(new Commit("orders", 0, 1, ""))));
            List<Struct> results = kit.call(ApiKeys.DELETE_GROUPS, v, Requests.delete("idle-" + v, "busy", "none"))
                .get(DeleteGroups.Response.RESULTS);
            assertEquals(List.of(Errors.NONE, Errors.NON_EMPTY_GROUP, Errors.GROUP_ID_NOT_FOUND), results.stream()
                .map(r -> error(r, DeleteGroups.Response.DeletableGroupResult.ERROR_CODE)).toList(), "v" + v);
        }
        assertTrue(m.heartbeat() == Errors.NONE);
    }
}
