package io.strand.broker.internals.group;

import static io.strand.broker.internals.group.GroupTestKit.error;
import static io.strand.broker.internals.group.Requests.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.strand.broker.internals.group.Requests.Commit;
import io.strand.common.message.DeleteGroups;
import io.strand.common.message.DescribeGroups;
import io.strand.common.message.ListGroups;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupAdminTest {

    private final GroupTestKit kit = new GroupTestKit();

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private TestMember stable(String groupId, String clientId) {
        TestMember m = new TestMember(kit, groupId, clientId);
        m.joinNow();
        m.sync(Map.of(m.memberId, bytes("assigned-" + clientId))).join();
        return m;
    }

    private List<Struct> describe(short version, boolean withOperations, String... groupIds) {
        return kit.call(ApiKeys.DESCRIBE_GROUPS, version, Requests.describe(withOperations, groupIds))
            .get(DescribeGroups.Response.GROUPS);
    }

    private List<String> list(short version, List<String> states, List<String> types) {
        return kit.call(ApiKeys.LIST_GROUPS, version, Requests.list(states, types)).get(ListGroups.Response.GROUPS)
            .stream().map(g -> g.get(ListGroups.Response.ListedGroup.GROUP_ID)
                + (version >= 4 ? ":" + g.get(ListGroups.Response.ListedGroup.GROUP_STATE) : "")
                + (version >= 5 ? ":" + g.get(ListGroups.Response.ListedGroup.GROUP_TYPE) : "")).toList();
    }

    private List<Errors> delete(String... groupIds) {
        return kit.call(ApiKeys.DELETE_GROUPS, (short) 2, Requests.delete(groupIds)).get(DeleteGroups.Response.RESULTS)
            .stream().map(r -> error(r, DeleteGroups.Response.DeletableGroupResult.ERROR_CODE)).toList();
    }

    @Test
    void describeShowsAStableGroupsMembersWithTheirMetadataAndAssignments() {
        TestMember m = stable("g", "consumer-7");
        Struct g = describe((short) 5, true, "g").get(0);
        assertEquals(Errors.NONE, error(g, DescribeGroups.Response.Group.ERROR_CODE));
        assertEquals("Stable", g.get(DescribeGroups.Response.Group.GROUP_STATE));
        assertEquals("consumer", g.get(DescribeGroups.Response.Group.PROTOCOL_TYPE));
        assertEquals("range", g.get(DescribeGroups.Response.Group.PROTOCOL_DATA));
        assertEquals(AdminApis.GROUP_OPERATIONS, g.getInt(DescribeGroups.Response.Group.AUTHORIZED_OPERATIONS));
        Struct member = g.get(DescribeGroups.Response.Group.MEMBERS).get(0);
        assertEquals(m.memberId, member.get(DescribeGroups.Response.Member.MEMBER_ID));
        assertEquals("consumer-7", member.get(DescribeGroups.Response.Member.CLIENT_ID));
        assertEquals("/127.0.0.1", member.get(DescribeGroups.Response.Member.CLIENT_HOST));
        assertNull(member.get(DescribeGroups.Response.Member.GROUP_INSTANCE_ID));
        assertArrayEquals(bytes("meta-consumer-7"), member.get(DescribeGroups.Response.Member.MEMBER_METADATA));
        assertArrayEquals(bytes("assigned-consumer-7"), member.get(DescribeGroups.Response.Member.MEMBER_ASSIGNMENT));
        assertEquals(Integer.MIN_VALUE, describe((short) 5, false, "g").get(0)
            .getInt(DescribeGroups.Response.Group.AUTHORIZED_OPERATIONS), "operations only when asked for");
    }

    @Test
    void describeHidesMetadataUntilTheGroupIsStableAndReportsMissingGroupsAsItsVersionDoes() {
        TestMember a = stable("g", "a");
        TestMember b = new TestMember(kit, "g", "b");
        b.joinWithHandshake();
        a.join().join();
        Struct g = describe((short) 4, false, "g").get(0);
        assertEquals("CompletingRebalance", g.get(DescribeGroups.Response.Group.GROUP_STATE));
        assertEquals("", g.get(DescribeGroups.Response.Group.PROTOCOL_DATA));
        for (Struct m : g.get(DescribeGroups.Response.Group.MEMBERS)) {
            assertArrayEquals(new byte[0], m.get(DescribeGroups.Response.Member.MEMBER_METADATA));
            assertArrayEquals(new byte[0], m.get(DescribeGroups.Response.Member.MEMBER_ASSIGNMENT));
        }

        Struct v5 = describe((short) 5, false, "missing").get(0);
        assertEquals(Errors.NONE, error(v5, DescribeGroups.Response.Group.ERROR_CODE));
        assertEquals("Dead", v5.get(DescribeGroups.Response.Group.GROUP_STATE));
        Struct v6 = describe((short) 6, false, "missing").get(0);
        assertEquals(Errors.GROUP_ID_NOT_FOUND, error(v6, DescribeGroups.Response.Group.ERROR_CODE));
        assertEquals("Group missing not found.", v6.get(DescribeGroups.Response.Group.ERROR_MESSAGE));

        kit.coordinatorOverrides.put("elsewhere", 4);
        List<Struct> both = describe((short) 6, false, "g", "elsewhere");
        assertEquals(Errors.NONE, error(both.get(0), DescribeGroups.Response.Group.ERROR_CODE));
        assertEquals(Errors.NOT_COORDINATOR, error(both.get(1), DescribeGroups.Response.Group.ERROR_CODE));
    }

    @Test
    void describeShowsStaticMembersInstanceIdsFromV4() {
        TestMember m = new TestMember(kit, "g", "s").staticId("instance-1");
        m.joinNow();
        m.sync(Map.of()).join();
        Struct member = describe((short) 4, false, "g").get(0).get(DescribeGroups.Response.Group.MEMBERS).get(0);
        assertEquals("instance-1", member.get(DescribeGroups.Response.Member.GROUP_INSTANCE_ID));
    }

    @Test
    void listGroupsFiltersByStateAndTypeAndShowsOnlyThisNodesGroups() {
        stable("stable", "a");
        kit.call(ApiKeys.OFFSET_COMMIT, (short) 9, Requests.commit("simple", -1, "", null,
            List.of(new Commit("orders", 0, 1, ""))));
        TestMember x = stable("other-node", "x");
        kit.coordinatorOverrides.put("other-node", 2);

        assertEquals(List.of("simple", "stable"), list((short) 0, List.of(), List.of()));
        assertEquals(List.of("simple:Empty:classic", "stable:Stable:classic"), list((short) 5, List.of(), List.of()));
        assertEquals(List.of("stable:Stable"), list((short) 4, List.of("stable"), List.of()),
            "state names match whatever their case");
        assertEquals(List.of("simple:Empty:classic"), list((short) 5, List.of("Empty", "Dead"), List.of("Classic")));
        assertEquals(List.of(), list((short) 5, List.of(), List.of("consumer")), "no KIP-848 groups here");
        assertEquals(List.of(), list((short) 5, List.of("NoSuchState"), List.of()));
        assertEquals(Errors.NOT_COORDINATOR, x.heartbeat());
    }

    @Test
    void onlyEmptyGroupsCanBeDeletedAndTheirOffsetsGoWithThem() {
        TestMember m = stable("busy", "a");
        kit.call(ApiKeys.OFFSET_COMMIT, (short) 9, Requests.commit("idle", -1, "", null,
            List.of(new Commit("orders", 0, 1, ""))));
        kit.coordinatorOverrides.put("far", 9);
        assertEquals(List.of(Errors.NON_EMPTY_GROUP, Errors.NONE, Errors.GROUP_ID_NOT_FOUND, Errors.NOT_COORDINATOR,
            Errors.GROUP_ID_NOT_FOUND), delete("busy", "idle", "missing", "far", "idle"));
        assertEquals(List.of("busy"), list((short) 0, List.of(), List.of()));
        Struct fetched = kit.call(ApiKeys.OFFSET_FETCH, (short) 7,
            Requests.fetchSingle("idle", Map.of("orders", List.of(0))));
        assertEquals(List.of("orders-0=-1/-1//NONE"), OffsetCommitFetchTest.fetched(fetched, (short) 7));

        assertEquals(Errors.NONE, m.commit("orders", 1, 5));
        assertEquals(Errors.NONE, m.leave());
        assertEquals(List.of(Errors.NONE), delete("busy"), "empty now, though it has offsets");
        assertEquals(List.of(), list((short) 0, List.of(), List.of()));
        TestMember again = new TestMember(kit, "busy", "b");
        again.joinNow();
        assertEquals(1, again.generation, "a deleted group starts over");
    }
}
