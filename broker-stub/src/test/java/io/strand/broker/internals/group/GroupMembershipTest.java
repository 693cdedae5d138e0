package io.strand.broker.internals.group;

import static io.strand.broker.internals.group.GroupTestKit.error;
import static io.strand.broker.internals.group.Requests.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.message.DescribeGroups;
import io.strand.common.message.JoinGroup;
import io.strand.common.message.SyncGroup;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    private GroupTestKit kit = new GroupTestKit();

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private TestMember member(String clientId) {
        return new TestMember(kit, "g", clientId);
    }

    private static List<String> memberIds(Struct joinResponse) {
        return joinResponse.get(JoinGroup.Response.MEMBERS).stream()
            .map(m -> m.get(JoinGroup.Response.Member.MEMBER_ID)).toList();
    }

    private Struct describe(String groupId) {
        Struct r = kit.call(ApiKeys.DESCRIBE_GROUPS, ApiKeys.DESCRIBE_GROUPS.latestVersion(),
            Requests.describe(false, groupId));
        return r.get(DescribeGroups.Response.GROUPS).get(0);
    }

    private String state(String groupId) {
        return describe(groupId).get(DescribeGroups.Response.Group.GROUP_STATE);
    }

    /** Joins one member alone into a fresh group and syncs it: generation 1, Stable. */
    private TestMember stableSingle(String clientId) {
        TestMember m = member(clientId);
        m.joinNow();
        assertEquals(Errors.NONE, TestMember.syncError(m.sync(Map.of(m.memberId, bytes("a-" + clientId))).join()));
        return m;
    }

    /**
     * Brings {@code members} into one generation, rejoining those answered early the way
     * consumers do on REBALANCE_IN_PROGRESS; the leader assigns "a-<clientId>" to each.
     */
    private void rebalance(TestMember... members) {
        Map<TestMember, CompletableFuture<Struct>> joins = new java.util.LinkedHashMap<>();
        for (TestMember m : members) {
            joins.put(m, m.joinWithHandshake());
        }
        for (int round = 0; round < members.length && joins.values().stream().anyMatch(f -> !f.isDone()); round++) {
            for (TestMember m : members) {
                if (joins.get(m).isDone()) {
                    joins.put(m, m.join());
                }
            }
        }
        String leader = null;
        for (CompletableFuture<Struct> j : joins.values()) {
            assertTrue(j.isDone(), "every member rejoined, so every JoinGroup is answered");
            assertEquals(Errors.NONE, error(j.join(), JoinGroup.Response.ERROR_CODE));
            leader = j.join().get(JoinGroup.Response.LEADER);
        }
        Map<String, byte[]> assignments = new java.util.HashMap<>();
        for (TestMember m : members) {
            assignments.put(m.memberId, bytes("a-" + m.clientId));
            assertEquals(members[0].generation, m.generation);
        }
        List<CompletableFuture<Struct>> syncs = new java.util.ArrayList<>();
        for (TestMember m : members) {
            syncs.add(m.sync(m.memberId.equals(leader) ? assignments : Map.of()));
        }
        for (CompletableFuture<Struct> s : syncs) {
            assertEquals(Errors.NONE, TestMember.syncError(s.join()));
        }
    }

    @Test
    void oneMemberJoinsWithTheMemberIdHandshakeThenSyncsAndHeartbeats() {
        TestMember m = member("c1");
        Struct first = m.join().join();
        assertEquals(Errors.MEMBER_ID_REQUIRED, error(first, JoinGroup.Response.ERROR_CODE));
        assertTrue(m.memberId.startsWith("c1-"), m.memberId);
        assertEquals(-1, first.getInt(JoinGroup.Response.GENERATION_ID));
        assertEquals("Empty", state("g"));

        Struct joined = m.join().join();
        assertEquals(Errors.NONE, error(joined, JoinGroup.Response.ERROR_CODE));
        assertEquals(1, joined.getInt(JoinGroup.Response.GENERATION_ID));
        assertEquals(m.memberId, joined.get(JoinGroup.Response.LEADER));
        assertEquals("range", joined.get(JoinGroup.Response.PROTOCOL_NAME));
        assertEquals("consumer", joined.get(JoinGroup.Response.PROTOCOL_TYPE));
        assertFalse(joined.getBoolean(JoinGroup.Response.SKIP_ASSIGNMENT));
        assertEquals(List.of(m.memberId), memberIds(joined));
        assertArrayEquals(bytes("meta-c1"),
            joined.get(JoinGroup.Response.MEMBERS).get(0).get(JoinGroup.Response.Member.METADATA));
        assertEquals("CompletingRebalance", state("g"));

        Struct synced = m.sync(Map.of(m.memberId, bytes("p0,p1"))).join();
        assertEquals(Errors.NONE, TestMember.syncError(synced));
        assertArrayEquals(bytes("p0,p1"), synced.get(SyncGroup.Response.ASSIGNMENT));
        assertEquals("range", synced.get(SyncGroup.Response.PROTOCOL_NAME));
        assertEquals("Stable", state("g"));

        for (int i = 0; i < 5; i++) {
            kit.clock.advance(3_000);
            assertEquals(Errors.NONE, m.heartbeat());
        }
        assertEquals("Stable", state("g"), "heartbeats keep the member well past its session timeout");
    }

    @Test
    void threeMembersJoiningDuringTheInitialDelayFormOneGenerationAndFollowersWaitForTheLeadersSync() {
        kit.close();
        kit = new GroupTestKit(GroupConfig.defaults().withInitialRebalanceDelayMs(3_000), null);
        TestMember a = member("a");
        TestMember b = member("b");
        TestMember c = member("c");
        CompletableFuture<Struct> ja = a.joinWithHandshake();
        kit.clock.advance(1_000);
        CompletableFuture<Struct> jb = b.joinWithHandshake();
        CompletableFuture<Struct> jc = c.joinWithHandshake();
        kit.clock.advance(1_999);
        assertFalse(ja.isDone(), "the initial delay has not passed");
        kit.clock.advance(1);
        assertFalse(ja.isDone(), "members joined during the delay, so it is extended once");
        kit.clock.advance(3_000);
        assertTrue(ja.isDone() && jb.isDone() && jc.isDone());

        Struct leader = ja.join();
        assertEquals(1, leader.getInt(JoinGroup.Response.GENERATION_ID));
        assertEquals(a.memberId, leader.get(JoinGroup.Response.LEADER));
        assertEquals(List.of(a.memberId, b.memberId, c.memberId), memberIds(leader));
        assertEquals(List.of(), memberIds(jb.join()), "only the leader sees the members");
        assertEquals(a.memberId, jb.join().get(JoinGroup.Response.LEADER));

        CompletableFuture<Struct> sb = b.sync(Map.of());
        CompletableFuture<Struct> sc = c.sync(Map.of());
        assertFalse(sb.isDone() || sc.isDone(), "followers wait for the leader's assignment");
        Struct sa = a.sync(Map.of(a.memberId, bytes("A"), b.memberId, bytes("B"))).join();
        assertArrayEquals(bytes("A"), sa.get(SyncGroup.Response.ASSIGNMENT));
        assertArrayEquals(bytes("B"), sb.join().get(SyncGroup.Response.ASSIGNMENT));
        assertEquals(Errors.NONE, TestMember.syncError(sc.join()));
        assertArrayEquals(new byte[0], sc.join().get(SyncGroup.Response.ASSIGNMENT),
            "a member the leader left out gets an empty assignment");
        assertEquals("Stable", state("g"));
        assertEquals(3, describe("g").get(DescribeGroups.Response.Group.MEMBERS).size());
    }

    @Test
    void aNewMemberMakesTheStableGroupRebalanceAndExistingMembersLearnItFromHeartbeats() {
        TestMember a = stableSingle("a");
        TestMember b = member("b");
        CompletableFuture<Struct> jb = b.joinWithHandshake();
        assertFalse(jb.isDone(), "b waits until a rejoins");
        assertEquals("PreparingRebalance", state("g"));
        assertEquals(Errors.REBALANCE_IN_PROGRESS, a.heartbeat());
        assertEquals(Errors.REBALANCE_IN_PROGRESS,
            TestMember.syncError(a.sync(Map.of()).join()), "no SyncGroup while the group prepares");
        Struct ja = a.join().join();
        assertTrue(jb.isDone());
        assertEquals(2, ja.getInt(JoinGroup.Response.GENERATION_ID));
        assertEquals(2, jb.join().getInt(JoinGroup.Response.GENERATION_ID));
        assertEquals(List.of(a.memberId, b.memberId), memberIds(ja));
        TestMember stale = member("a");
        stale.memberId = a.memberId;
        stale.generation = 1;
        assertEquals(Errors.ILLEGAL_GENERATION, stale.heartbeat(), "the old generation is over");
    }

    @Test
    void aMemberWhoseSessionExpiresIsRemovedAndTheOthersRebalance() {
        TestMember a = member("a");
        TestMember b = member("b");
        rebalance(a, b);
        int generation = a.generation;
        for (int i = 0; i < 3; i++) {
            kit.clock.advance(3_000);
            assertEquals(Errors.NONE, a.heartbeat());
        }
        kit.clock.advance(3_000);
        // 12 s since b's last sign of life, with a 10 s session timeout.
        assertEquals("PreparingRebalance", state("g"));
        assertEquals(Errors.REBALANCE_IN_PROGRESS, a.heartbeat());
        Struct ja = a.join().join();
        assertEquals(generation + 1, ja.getInt(JoinGroup.Response.GENERATION_ID));
        assertEquals(List.of(a.memberId), memberIds(ja));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, b.heartbeat());
    }

    @Test
    void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreRemoved() {
        TestMember a = member("a");
        TestMember b = member("b");
        rebalance(a, b);
        TestMember c = member("c");
        CompletableFuture<Struct> jc = c.joinWithHandshake();
        CompletableFuture<Struct> ja = a.join();
        int generation = a.generation;
        for (int i = 0; i < 5; i++) {
            kit.clock.advance(5_000);
            assertEquals(Errors.REBALANCE_IN_PROGRESS, b.heartbeat(), "b is alive but never rejoins");
        }
        assertFalse(ja.isDone());
        kit.clock.advance(5_000);
        assertTrue(ja.isDone() && jc.isDone(), "the rebalance timeout (30 s) completes the join");
        assertEquals(List.of(a.memberId, c.memberId), memberIds(ja.join()));
        assertEquals(generation + 1, c.generation);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, b.heartbeat());
    }

    @Test
    void aLeaderThatDoesNotRejoinIsReplacedByAMemberThatDid() {
        TestMember a = member("a");
        TestMember b = member("b");
        rebalance(a, b);
        kit.clock.advance(1_000);
        TestMember c = member("c");
        CompletableFuture<Struct> jc = c.joinWithHandshake();
        kit.clock.advance(30_000);
        assertTrue(jc.isDone());
        assertEquals(c.memberId, jc.join().get(JoinGroup.Response.LEADER));
        assertEquals(List.of(c.memberId), memberIds(jc.join()));
    }

    @Test
    void aMemberThatNeverSyncsIsRemovedAfterTheRebalanceTimeout() {
        TestMember a = member("a");
        TestMember b = member("b");
        CompletableFuture<Struct> ja = a.joinWithHandshake();
        a.joinWithHandshake();
        assertTrue(ja.isDone());
        b.joinWithHandshake();
        CompletableFuture<Struct> ja2 = a.join();
        assertTrue(ja2.isDone());
        assertEquals(Errors.NONE, TestMember.syncError(a.sync(Map.of(a.memberId, bytes("A"))).join()));
        for (int t = 0; t < 30_000; t += 5_000) {
            kit.clock.advance(5_000);
            a.heartbeat();
            b.heartbeat();
        }
        assertEquals(Errors.UNKNOWN_MEMBER_ID, b.heartbeat(), "b got its JoinGroup answer but never sent SyncGroup");
        assertEquals(Errors.REBALANCE_IN_PROGRESS, a.heartbeat());
    }

    @Test
    void aStaticMemberThatRestartsTakesItsPlaceBackWithoutARebalanceAndFencesItsOldId() {
        TestMember a = member("a").staticId("instance-a");
        TestMember b = member("b").staticId("instance-b");
        rebalance(a, b);
        int generation = a.generation;
        String oldB = b.memberId;
        assertTrue(oldB.startsWith("instance-b-"), "static members get ids built from their instance id");

        TestMember b2 = member("b").staticId("instance-b");
        Struct rejoined = b2.join().join();
        assertEquals(Errors.NONE, error(rejoined, JoinGroup.Response.ERROR_CODE));
        assertNotEquals(oldB, b2.memberId);
        assertEquals(generation, b2.generation, "no new generation");
        assertEquals(a.memberId, rejoined.get(JoinGroup.Response.LEADER));
        assertEquals("Stable", state("g"));
        Struct synced = b2.sync(Map.of()).join();
        assertArrayEquals(bytes("a-b"), synced.get(SyncGroup.Response.ASSIGNMENT), "the old assignment is kept");
        assertEquals(Errors.NONE, a.heartbeat());

        assertEquals(Errors.FENCED_INSTANCE_ID, b.heartbeat());
        assertEquals(Errors.FENCED_INSTANCE_ID, TestMember.syncError(b.sync(Map.of()).join()));
        assertEquals(Errors.FENCED_INSTANCE_ID, b.commit("orders", 0, 5));
        assertEquals(Errors.FENCED_INSTANCE_ID, error(b.join().join(), JoinGroup.Response.ERROR_CODE));
        assertEquals(Errors.FENCED_INSTANCE_ID, b.leave());
        assertEquals(Errors.NONE, b2.commit("orders", 0, 5));
        assertEquals(Errors.NONE, b2.heartbeat());
    }

    @Test
    void aStaticLeaderThatRestartsLearnsItLeadsOnlyWhereSkipAssignmentExists() {
        TestMember a = member("a").staticId("ia");
        TestMember b = member("b").staticId("ib");
        rebalance(a, b);
        String oldLeader = a.memberId;

        TestMember v9 = member("a").staticId("ia");
        Struct r9 = v9.join().join();
        assertEquals(v9.memberId, r9.get(JoinGroup.Response.LEADER));
        assertTrue(r9.getBoolean(JoinGroup.Response.SKIP_ASSIGNMENT));
        assertEquals(List.of(v9.memberId, b.memberId), memberIds(r9));

        TestMember v8 = member("a").staticId("ia");
        v8.joinVersion = 8;
        Struct r8 = v8.join().join();
        assertEquals(Errors.NONE, error(r8, JoinGroup.Response.ERROR_CODE));
        assertEquals(v9.memberId, r8.get(JoinGroup.Response.LEADER),
            "before v9 the previous leader id is returned so that the restarted leader does not assign");
        assertEquals(List.of(), memberIds(r8));
        assertNotEquals(oldLeader, v8.memberId);
        assertEquals("Stable", state("g"));
    }

    @Test
    void aStaticMemberRejoiningWithOtherProtocolsTriggersARebalance() {
        TestMember a = member("a").staticId("ia");
        TestMember b = member("b").staticId("ib");
        a.protocols = List.of(new Protocol("range", bytes("x")), new Protocol("cooperative-sticky", bytes("y")));
        b.protocols = a.protocols;
        rebalance(a, b);
        int generation = a.generation;
        TestMember b2 = member("b").staticId("ib");
        b2.protocols = List.of(new Protocol("cooperative-sticky", bytes("y")));
        CompletableFuture<Struct> j = b2.join();
        assertFalse(j.isDone(), "the selected protocol would change: the group rebalances");
        assertEquals("PreparingRebalance", state("g"));
        a.protocols = List.of(new Protocol("cooperative-sticky", bytes("y")));
        Struct ja = a.join().join();
        assertEquals("cooperative-sticky", ja.get(JoinGroup.Response.PROTOCOL_NAME));
        assertEquals(generation + 1, j.join().getInt(JoinGroup.Response.GENERATION_ID));
    }

    @Test
    void aStaticMemberThatDoesNotRejoinStaysInTheGenerationUntilItFailsToSync() {
        TestMember a = member("a").staticId("ia");
        TestMember b = member("b").staticId("ib");
        b.sessionTimeoutMs = 60_000;
        rebalance(a, b);
        TestMember c = member("c");
        CompletableFuture<Struct> jc = c.joinWithHandshake();
        CompletableFuture<Struct> ja = a.join();
        kit.clock.advance(30_000);
        assertTrue(jc.isDone(), "the rebalance timeout completes the join");
        assertEquals(List.of(a.memberId, b.memberId, c.memberId), memberIds(ja.join()),
            "the static member b stays in the generation although it did not rejoin");
        assertEquals(Errors.NONE, TestMember.syncError(a.sync(Map.of()).join()));
        assertEquals(Errors.NONE, TestMember.syncError(c.sync(Map.of()).join()));
        for (int i = 0; i < 5; i++) {
            kit.clock.advance(5_000);
            assertEquals(Errors.NONE, a.heartbeat());
            assertEquals(Errors.NONE, c.heartbeat());
        }
        kit.clock.advance(5_000);
        assertEquals(Errors.REBALANCE_IN_PROGRESS, a.heartbeat(),
            "b never sent SyncGroup for the generation, so it is dropped a rebalance timeout later");
        assertEquals(2, describe("g").get(DescribeGroups.Response.Group.MEMBERS).size());
    }

    @Test
    void leavingMembersTriggerARebalanceAndStaticMembersCanBeRemovedByInstanceId() {
        TestMember a = member("a");
        TestMember b = member("b").staticId("ib");
        TestMember c = member("c");
        rebalance(a, b, c);
        assertEquals(Errors.NONE, c.leave());
        assertEquals("PreparingRebalance", state("g"));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, c.leave(), "gone already");
        rebalance(a, b);

        Struct r = kit.call(ApiKeys.LEAVE_GROUP, (short) 5, Requests.leave("g", null, "ib", "nobody", null));
        List<Struct> members = r.get(io.strand.common.message.LeaveGroup.Response.MEMBERS);
        assertEquals(Errors.NONE, error(members.get(0), io.strand.common.message.LeaveGroup.Response.MemberResponse.ERROR_CODE));
        assertEquals(Errors.UNKNOWN_MEMBER_ID,
            error(members.get(1), io.strand.common.message.LeaveGroup.Response.MemberResponse.ERROR_CODE));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, b.heartbeat());

        Struct single = kit.call(ApiKeys.LEAVE_GROUP, (short) 1, Requests.leaveSingle("g", a.memberId));
        assertEquals(Errors.NONE, error(single, io.strand.common.message.LeaveGroup.Response.ERROR_CODE));
        assertEquals("Empty", state("g"), "the last member left");
        Struct again = kit.call(ApiKeys.LEAVE_GROUP, (short) 0, Requests.leaveSingle("g", a.memberId));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, error(again, io.strand.common.message.LeaveGroup.Response.ERROR_CODE),
            "v0-2 carry the member's error at the top");
        Struct noGroup = kit.call(ApiKeys.LEAVE_GROUP, (short) 2, Requests.leaveSingle("nope", "x"));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, error(noGroup, io.strand.common.message.LeaveGroup.Response.ERROR_CODE));
    }

    @Test
    void aMemberLeavingWhileOthersWaitInJoinGroupCompletesTheirJoin() {
        TestMember a = member("a");
        TestMember b = member("b");
        rebalance(a, b);
        CompletableFuture<Struct> ja = a.join();
        assertFalse(ja.isDone());
        assertEquals(Errors.NONE, b.leave());
        assertTrue(ja.isDone());
        assertEquals(List.of(a.memberId), memberIds(ja.join()));
    }

    @Test
    void aPendingMemberThatNeverComesBackIsForgottenAfterItsSessionTimeout() {
        TestMember a = stableSingle("a");
        TestMember b = member("b");
        assertEquals(Errors.MEMBER_ID_REQUIRED, error(b.join().join(), JoinGroup.Response.ERROR_CODE));
        CompletableFuture<Struct> ja = a.join();
        assertFalse(ja.isDone(), "a stable group's leader rejoining rebalances, and waits for the pending member");
        kit.clock.advance(10_000);
        assertTrue(ja.isDone());
        assertEquals(List.of(a.memberId), memberIds(ja.join()));
    }

    @Test
    void theProtocolMostMembersPreferAmongThoseAllSupportIsSelected() {
        TestMember a = member("a");
        TestMember b = member("b");
        TestMember c = member("c");
        a.protocols = List.of(new Protocol("x", bytes("ax")), new Protocol("y", bytes("ay")), new Protocol("z", bytes("az")));
        b.protocols = List.of(new Protocol("y", bytes("by")), new Protocol("x", bytes("bx")));
        c.protocols = List.of(new Protocol("y", bytes("cy")), new Protocol("x", bytes("cx")), new Protocol("z", bytes("cz")));
        kit.close();
        kit = new GroupTestKit(GroupConfig.defaults().withInitialRebalanceDelayMs(100), null);
        a = copy(a);
        b = copy(b);
        c = copy(c);
        CompletableFuture<Struct> ja = a.joinWithHandshake();
        b.joinWithHandshake();
        c.joinWithHandshake();
        kit.clock.advance(1_000);
        Struct r = ja.join();
        assertEquals("y", r.get(JoinGroup.Response.PROTOCOL_NAME), "z is not supported by b; y has two votes");
        assertArrayEquals(bytes("cy"), r.get(JoinGroup.Response.MEMBERS).get(2).get(JoinGroup.Response.Member.METADATA),
            "the leader gets each member's metadata for the selected protocol");

        TestMember d = member("d");
        d.protocols = List.of(new Protocol("z", bytes("dz")));
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(d.join().join(), JoinGroup.Response.ERROR_CODE),
            "b does not support z");
    }

    private TestMember copy(TestMember m) {
        TestMember n = new TestMember(kit, m.groupId, m.clientId);
        n.protocols = m.protocols;
        return n;
    }

    @Test
    void joinGroupRejectsWhatKafkaRejects() {
        TestMember m = member("m");
        m.sessionTimeoutMs = 5_999;
        assertEquals(Errors.INVALID_SESSION_TIMEOUT, error(m.join().join(), JoinGroup.Response.ERROR_CODE));
        m.sessionTimeoutMs = 1_800_001;
        assertEquals(Errors.INVALID_SESSION_TIMEOUT, error(m.join().join(), JoinGroup.Response.ERROR_CODE));
        m.sessionTimeoutMs = 10_000;

        m.protocolType = "";
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(m.join().join(), JoinGroup.Response.ERROR_CODE));
        m.protocolType = "consumer";
        m.protocols = List.of();
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(m.join().join(), JoinGroup.Response.ERROR_CODE));
        assertEquals(List.of(), kit.call(ApiKeys.LIST_GROUPS, (short) 5, Requests.list(List.of(), List.of()))
            .get(io.strand.common.message.ListGroups.Response.GROUPS), "failed first joins leave no group behind");

        TestMember ghost = member("ghost");
        ghost.memberId = "ghost-123";
        assertEquals(Errors.UNKNOWN_MEMBER_ID, error(ghost.join().join(), JoinGroup.Response.ERROR_CODE),
            "a member id for a group that does not exist");

        TestMember a = stableSingle("a");
        assertEquals(Errors.UNKNOWN_MEMBER_ID, error(ghost.join().join(), JoinGroup.Response.ERROR_CODE));
        TestMember other = member("o");
        other.protocolType = "connect";
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(other.join().join(), JoinGroup.Response.ERROR_CODE));

        TestMember blank = new TestMember(kit, "", "b");
        assertEquals(Errors.INVALID_GROUP_ID, error(blank.join().join(), JoinGroup.Response.ERROR_CODE));
        assertEquals(Errors.INVALID_GROUP_ID, blank.heartbeat());
        assertEquals(Errors.INVALID_GROUP_ID, TestMember.syncError(blank.sync(Map.of()).join()));
        assertEquals(Errors.NONE, a.heartbeat());
    }

    @Test
    void requestsForAnotherNodesGroupGetNotCoordinator() {
        TestMember a = stableSingle("a");
        kit.coordinatorOverrides.put("g", 7);
        assertEquals(Errors.NOT_COORDINATOR, error(a.join().join(), JoinGroup.Response.ERROR_CODE));
        assertEquals(Errors.NOT_COORDINATOR, TestMember.syncError(a.sync(Map.of()).join()));
        assertEquals(Errors.NOT_COORDINATOR, a.heartbeat());
        assertEquals(Errors.NOT_COORDINATOR, error(kit.call(ApiKeys.LEAVE_GROUP, (short) 5,
            Requests.leave("g", a.memberId, null)), io.strand.common.message.LeaveGroup.Response.ERROR_CODE));
        assertEquals(Errors.NOT_COORDINATOR, a.commit("orders", 0, 1));
        kit.coordinatorOverrides.clear();
        assertEquals(Errors.NONE, a.heartbeat());
    }

    @Test
    void syncAndHeartbeatCheckMemberGenerationAndProtocol() {
        TestMember a = stableSingle("a");
        TestMember stranger = member("s");
        stranger.memberId = "s-1";
        stranger.generation = a.generation;
        assertEquals(Errors.UNKNOWN_MEMBER_ID, stranger.heartbeat());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, TestMember.syncError(stranger.sync(Map.of()).join()));
        TestMember nowhere = new TestMember(kit, "no-such-group", "n");
        nowhere.memberId = "n-1";
        assertEquals(Errors.UNKNOWN_MEMBER_ID, nowhere.heartbeat());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, TestMember.syncError(nowhere.sync(Map.of()).join()));

        a.generation++;
        assertEquals(Errors.ILLEGAL_GENERATION, a.heartbeat());
        assertEquals(Errors.ILLEGAL_GENERATION, TestMember.syncError(a.sync(Map.of()).join()));
        a.generation--;

        Struct wrongProtocol = Requests.sync("g", a.generation, a.memberId, null, Map.of());
        wrongProtocol.set(SyncGroup.Request.PROTOCOL_NAME, "roundrobin");
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL,
            TestMember.syncError(kit.call(ApiKeys.SYNC_GROUP, (short) 5, wrongProtocol)));
        wrongProtocol.set(SyncGroup.Request.PROTOCOL_NAME, "range");
        wrongProtocol.set(SyncGroup.Request.PROTOCOL_TYPE, "connect");
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL,
            TestMember.syncError(kit.call(ApiKeys.SYNC_GROUP, (short) 5, wrongProtocol)));
        wrongProtocol.set(SyncGroup.Request.PROTOCOL_TYPE, "consumer");
        assertEquals(Errors.NONE, TestMember.syncError(kit.call(ApiKeys.SYNC_GROUP, (short) 5, wrongProtocol)),
            "a stable group answers a late SyncGroup with the member's assignment");
    }

    @Test
    void aFullGroupTurnsNewMembersAway() {
        kit.close();
        kit = new GroupTestKit(GroupConfig.defaults().withMaxSize(2), null);
        TestMember a = member("a");
        TestMember b = member("b");
        rebalance(a, b);
        TestMember c = member("c");
        assertEquals(Errors.GROUP_MAX_SIZE_REACHED, error(c.join().join(), JoinGroup.Response.ERROR_CODE));
        assertEquals(Errors.NONE, a.heartbeat());
    }

    @Test
    void olderJoinGroupVersionsJoinWithoutTheMemberIdHandshake() {
        for (short v = 0; v < 4; v++) {
            TestMember m = new TestMember(kit, "old-" + v, "c");
            m.joinVersion = v;
            Struct r = m.join().join();
            assertEquals(Errors.NONE, error(r, JoinGroup.Response.ERROR_CODE), "v" + v);
            assertEquals(1, r.getInt(JoinGroup.Response.GENERATION_ID));
            assertEquals("range", r.get(JoinGroup.Response.PROTOCOL_NAME));
        }
    }

    @Test
    void aRepeatedJoinDuringCompletingRebalanceGetsTheSameGenerationAgain() {
        TestMember a = member("a");
        TestMember b = member("b");
        a.joinWithHandshake();
        b.joinWithHandshake();
        CompletableFuture<Struct> ja = a.join();
        assertTrue(ja.isDone());
        int generation = a.generation;
        Struct again = b.join().join();
        assertEquals(generation, again.getInt(JoinGroup.Response.GENERATION_ID));
        assertEquals("CompletingRebalance", state("g"));
        Struct leaderAgain = a.join().join();
        assertEquals(2, memberIds(leaderAgain).size(), "the leader gets the members again");
    }

    @Test
    void closingAnswersWaitingRequestsWithNotCoordinator() {
        TestMember a = member("a");
        TestMember b = member("b");
        rebalance(a, b);
        CompletableFuture<Struct> ja = a.join();
        assertFalse(ja.isDone());
        kit.close();
        assertEquals(Errors.NOT_COORDINATOR, error(ja.join(), JoinGroup.Response.ERROR_CODE));
        assertEquals(Errors.NOT_COORDINATOR, b.heartbeat());
    }
}
