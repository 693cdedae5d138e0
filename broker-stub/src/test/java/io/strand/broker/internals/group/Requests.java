package io.strand.broker.internals.group;

import io.strand.common.message.DeleteGroups;
import io.strand.common.message.DescribeGroups;
import io.strand.common.message.Heartbeat;
import io.strand.common.message.JoinGroup;
import io.strand.common.message.LeaveGroup;
import io.strand.common.message.ListGroups;
import io.strand.common.message.OffsetCommit;
import io.strand.common.message.OffsetFetch;
import io.strand.common.message.SyncGroup;
import io.strand.common.protocol.types.Struct;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Request Structs as a client would send them. */
final class Requests {

    private Requests() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Struct join(String groupId, String memberId, String instanceId, String protocolType,
                       int sessionTimeoutMs, int rebalanceTimeoutMs, List<Protocol> protocols) {
        Struct s = JoinGroup.DEFINITION.newRequest();
        s.set(JoinGroup.Request.GROUP_ID, groupId);
        s.set(JoinGroup.Request.SESSION_TIMEOUT_MS, sessionTimeoutMs);
        s.set(JoinGroup.Request.REBALANCE_TIMEOUT_MS, rebalanceTimeoutMs);
        s.set(JoinGroup.Request.MEMBER_ID, memberId);
        s.set(JoinGroup.Request.GROUP_INSTANCE_ID, instanceId);
        s.set(JoinGroup.Request.PROTOCOL_TYPE, protocolType);
        List<Struct> ps = new ArrayList<>();
        for (Protocol p : protocols) {
            Struct ps1 = JoinGroup.Request.Protocol.SCHEMA.newStruct();
            ps1.set(JoinGroup.Request.Protocol.NAME, p.name());
            ps1.set(JoinGroup.Request.Protocol.METADATA, p.metadata());
            ps.add(ps1);
        }
        s.set(JoinGroup.Request.PROTOCOLS, ps);
        return s;
    }

    static Struct sync(String groupId, int generation, String memberId, String instanceId,
                       Map<String, byte[]> assignments) {
        Struct s = SyncGroup.DEFINITION.newRequest();
        s.set(SyncGroup.Request.GROUP_ID, groupId);
        s.set(SyncGroup.Request.GENERATION_ID, generation);
        s.set(SyncGroup.Request.MEMBER_ID, memberId);
        s.set(SyncGroup.Request.GROUP_INSTANCE_ID, instanceId);
        List<Struct> as = new ArrayList<>();
        assignments.forEach((id, a) -> {
            Struct x = SyncGroup.Request.Assignment.SCHEMA.newStruct();
            x.set(SyncGroup.Request.Assignment.MEMBER_ID, id);
            x.set(SyncGroup.Request.Assignment.ASSIGNMENT, a);
            as.add(x);
        });
        s.set(SyncGroup.Request.ASSIGNMENTS, as);
        return s;
    }

    static Struct heartbeat(String groupId, int generation, String memberId, String instanceId) {
        Struct s = Heartbeat.DEFINITION.newRequest();
        s.set(Heartbeat.Request.GROUP_ID, groupId);
        s.set(Heartbeat.Request.GENERATION_ID, generation);
        s.set(Heartbeat.Request.MEMBER_ID, memberId);
        s.set(Heartbeat.Request.GROUP_INSTANCE_ID, instanceId);
        return s;
    }

    /** A v3+ LeaveGroup: pairs of member id and instance id (either may be null for "none"). */
    static Struct leave(String groupId, String... memberAndInstanceIds) {
        Struct s = LeaveGroup.DEFINITION.newRequest();
        s.set(LeaveGroup.Request.GROUP_ID, groupId);
        List<Struct> ms = new ArrayList<>();
        for (int i = 0; i < memberAndInstanceIds.length; i += 2) {
            Struct m = LeaveGroup.Request.MemberIdentity.SCHEMA.newStruct();
            m.set(LeaveGroup.Request.MemberIdentity.MEMBER_ID,
                memberAndInstanceIds[i] == null ? "" : memberAndInstanceIds[i]);
            m.set(LeaveGroup.Request.MemberIdentity.GROUP_INSTANCE_ID, memberAndInstanceIds[i + 1]);
            ms.add(m);
        }
        s.set(LeaveGroup.Request.MEMBERS, ms);
        return s;
    }

    /** A v0-2 LeaveGroup of one member. */
    static Struct leaveSingle(String groupId, String memberId) {
        Struct s = LeaveGroup.DEFINITION.newRequest();
        s.set(LeaveGroup.Request.GROUP_ID, groupId);
        s.set(LeaveGroup.Request.MEMBER_ID, memberId);
        return s;
    }

    /** One partition to commit. */
    record Commit(String topic, int partition, long offset, String metadata) {
    }

    static Struct commit(String groupId, int generation, String memberId, String instanceId, List<Commit> commits) {
        Struct s = OffsetCommit.DEFINITION.newRequest();
        s.set(OffsetCommit.Request.GROUP_ID, groupId);
        s.set(OffsetCommit.Request.GENERATION_ID_OR_MEMBER_EPOCH, generation);
        s.set(OffsetCommit.Request.MEMBER_ID, memberId);
        s.set(OffsetCommit.Request.GROUP_INSTANCE_ID, instanceId);
        List<Struct> topics = new ArrayList<>();
        Struct current = null;
        for (Commit c : commits) {
            if (current == null || !current.get(OffsetCommit.Request.Topic.NAME).equals(c.topic())) {
                current = OffsetCommit.Request.Topic.SCHEMA.newStruct();
                current.set(OffsetCommit.Request.Topic.NAME, c.topic());
                current.set(OffsetCommit.Request.Topic.PARTITIONS, new ArrayList<>());
                topics.add(current);
            }
            Struct p = OffsetCommit.Request.Partition.SCHEMA.newStruct();
            p.set(OffsetCommit.Request.Partition.PARTITION_INDEX, c.partition());
            p.set(OffsetCommit.Request.Partition.COMMITTED_OFFSET, c.offset());
            p.set(OffsetCommit.Request.Partition.COMMITTED_LEADER_EPOCH, 7);
            p.set(OffsetCommit.Request.Partition.COMMITTED_METADATA, c.metadata());
            current.get(OffsetCommit.Request.Topic.PARTITIONS).add(p);
        }
        s.set(OffsetCommit.Request.TOPICS, topics);
        return s;
    }

    /** An OffsetFetch for one group, v0-7 shape; {@code partitions} null asks for all. */
    static Struct fetchSingle(String groupId, Map<String, List<Integer>> partitions) {
        Struct s = OffsetFetch.DEFINITION.newRequest();
        s.set(OffsetFetch.Request.GROUP_ID, groupId);
        if (partitions == null) {
            s.set(OffsetFetch.Request.TOPICS, null);
        } else {
            List<Struct> topics = new ArrayList<>();
            partitions.forEach((t, ps) -> {
                Struct x = OffsetFetch.Request.Topic.SCHEMA.newStruct();
                x.set(OffsetFetch.Request.Topic.NAME, t);
                x.set(OffsetFetch.Request.Topic.PARTITION_INDEXES, ps);
                topics.add(x);
            });
            s.set(OffsetFetch.Request.TOPICS, topics);
        }
        return s;
    }

    /** An OffsetFetch v8+ for several groups; a null value asks for all of that group's partitions. */
    static Struct fetchBatched(Map<String, Map<String, List<Integer>>> groups) {
        Struct s = OffsetFetch.DEFINITION.newRequest();
        List<Struct> gs = new ArrayList<>();
        groups.forEach((g, partitions) -> {
            Struct x = OffsetFetch.Request.Group.SCHEMA.newStruct();
            x.set(OffsetFetch.Request.Group.GROUP_ID, g);
            if (partitions == null) {
                x.set(OffsetFetch.Request.Group.TOPICS, null);
            } else {
                List<Struct> topics = new ArrayList<>();
                partitions.forEach((t, ps) -> {
                    Struct y = OffsetFetch.Request.Topics.SCHEMA.newStruct();
                    y.set(OffsetFetch.Request.Topics.NAME, t);
                    y.set(OffsetFetch.Request.Topics.PARTITION_INDEXES, ps);
                    topics.add(y);
                });
                x.set(OffsetFetch.Request.Group.TOPICS, topics);
            }
            gs.add(x);
        });
        s.set(OffsetFetch.Request.GROUPS, gs);
        s.set(OffsetFetch.Request.REQUIRE_STABLE, true);
        return s;
    }

    /** A consumer's JoinGroup metadata for these topics, as Apache's consumer encodes it. */
    static byte[] subscription(String... topics) {
        java.nio.ByteBuffer b = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of(topics)));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static Struct offsetDelete(String groupId, Map<String, List<Integer>> partitions) {
        Struct s = io.strand.common.message.OffsetDelete.DEFINITION.newRequest();
        s.set(io.strand.common.message.OffsetDelete.Request.GROUP_ID, groupId);
        List<Struct> topics = new ArrayList<>();
        partitions.forEach((t, ps) -> {
            Struct x = io.strand.common.message.OffsetDelete.Request.Topic.SCHEMA.newStruct();
            x.set(io.strand.common.message.OffsetDelete.Request.Topic.NAME, t);
            List<Struct> parts = new ArrayList<>();
            for (int p : ps) {
                Struct y = io.strand.common.message.OffsetDelete.Request.Partition.SCHEMA.newStruct();
                y.set(io.strand.common.message.OffsetDelete.Request.Partition.PARTITION_INDEX, p);
                parts.add(y);
            }
            x.set(io.strand.common.message.OffsetDelete.Request.Topic.PARTITIONS, parts);
            topics.add(x);
        });
        s.set(io.strand.common.message.OffsetDelete.Request.TOPICS, topics);
        return s;
    }

    static Struct describe(boolean withOperations, String... groupIds) {
        Struct s = DescribeGroups.DEFINITION.newRequest();
        s.set(DescribeGroups.Request.GROUPS, List.of(groupIds));
        s.set(DescribeGroups.Request.INCLUDE_AUTHORIZED_OPERATIONS, withOperations);
        return s;
    }

    static Struct list(List<String> states, List<String> types) {
        Struct s = ListGroups.DEFINITION.newRequest();
        s.set(ListGroups.Request.STATES_FILTER, states);
        s.set(ListGroups.Request.TYPES_FILTER, types);
        return s;
    }

    static Struct delete(String... groupIds) {
        Struct s = DeleteGroups.DEFINITION.newRequest();
        s.set(DeleteGroups.Request.GROUPS_NAMES, List.of(groupIds));
        return s;
    }
}
