package io.strand.broker.internals.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.message.Heartbeat;
import io.strand.common.message.JoinGroup;
import io.strand.common.message.LeaveGroup;
import io.strand.common.message.OffsetCommit;
import io.strand.common.message.SyncGroup;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One simulated consumer: remembers its member id and generation from the answers it gets. */
final class TestMember {

    final GroupTestKit kit;
    final String groupId;
    final String clientId;
    String memberId = "";
    String instanceId;
    int generation = -1;
    String protocolType = "consumer";
    List<Protocol> protocols;
    int sessionTimeoutMs = 10_000;
    int rebalanceTimeoutMs = 30_000;
    short joinVersion = ApiKeys.JOIN_GROUP.latestVersion();

    TestMember(GroupTestKit kit, String groupId, String clientId) {
        this.kit = kit;
        this.groupId = groupId;
        this.clientId = clientId;
        this.protocols = List.of(new Protocol("range", Requests.bytes("meta-" + clientId)));
    }

    TestMember staticId(String groupInstanceId) {
        this.instanceId = groupInstanceId;
        return this;
    }

    /** One JoinGroup request as it stands; the member learns its id and generation from the answer. */
    CompletableFuture<Struct> join() {
        Struct req = Requests.join(groupId, memberId, instanceId, protocolType, sessionTimeoutMs, rebalanceTimeoutMs,
            protocols);
        return kit.send(ApiKeys.JOIN_GROUP, joinVersion, req, clientId).thenApply(r -> {
            Errors e = GroupTestKit.error(r, JoinGroup.Response.ERROR_CODE);
            if (e == Errors.NONE || e == Errors.MEMBER_ID_REQUIRED) {
                memberId = r.get(JoinGroup.Response.MEMBER_ID);
            }
            if (e == Errors.NONE) {
                generation = r.getInt(JoinGroup.Response.GENERATION_ID);
            }
            return r;
        });
    }

    /** JoinGroup the way a v4+ client does it: a second request with the id the first one got. */
    CompletableFuture<Struct> joinWithHandshake() {
        if (!memberId.isEmpty() || instanceId != null || joinVersion < 4) {
            return join();
        }
        Struct first = join().join();
        assertEquals(Errors.MEMBER_ID_REQUIRED, GroupTestKit.error(first, JoinGroup.Response.ERROR_CODE));
        return join();
    }

    /** A join that must be answered at once, without error. */
    Struct joinNow() {
        CompletableFuture<Struct> f = joinWithHandshake();
        assertTrue(f.isDone(), clientId + ": JoinGroup should be answered at once");
        Struct r = f.join();
        assertEquals(Errors.NONE, GroupTestKit.error(r, JoinGroup.Response.ERROR_CODE));
        return r;
    }

    CompletableFuture<Struct> sync(Map<String, byte[]> assignments) {
        return kit.send(ApiKeys.SYNC_GROUP, ApiKeys.SYNC_GROUP.latestVersion(),
            Requests.sync(groupId, generation, memberId, instanceId, assignments), clientId);
    }

    Errors heartbeat() {
        Struct r = kit.call(ApiKeys.HEARTBEAT, ApiKeys.HEARTBEAT.latestVersion(),
            Requests.heartbeat(groupId, generation, memberId, instanceId));
        return GroupTestKit.error(r, Heartbeat.Response.ERROR_CODE);
    }

    Errors leave() {
        Struct r = kit.call(ApiKeys.LEAVE_GROUP, ApiKeys.LEAVE_GROUP.latestVersion(),
            Requests.leave(groupId, memberId, instanceId));
        assertEquals(Errors.NONE, GroupTestKit.error(r, LeaveGroup.Response.ERROR_CODE));
        return GroupTestKit.error(r.get(LeaveGroup.Response.MEMBERS).get(0),
            LeaveGroup.Response.MemberResponse.ERROR_CODE);
    }

    Errors commit(String topic, int partition, long offset) {
        Struct r = kit.call(ApiKeys.OFFSET_COMMIT, ApiKeys.OFFSET_COMMIT.latestVersion(),
            Requests.commit(groupId, generation, memberId, instanceId,
                List.of(new Requests.Commit(topic, partition, offset, "by " + clientId))));
        return GroupTestKit.error(r.get(OffsetCommit.Response.TOPICS).get(0).get(OffsetCommit.Response.Topic.PARTITIONS)
            .get(0), OffsetCommit.Response.Partition.ERROR_CODE);
    }

    static Errors syncError(Struct syncResponse) {
        return GroupTestKit.error(syncResponse, SyncGroup.Response.ERROR_CODE);
    }
}
