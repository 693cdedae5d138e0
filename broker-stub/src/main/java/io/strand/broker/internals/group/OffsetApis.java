package io.strand.broker.internals.group;

import io.strand.broker.internals.RequestContext;
import io.strand.common.TopicPartition;
import io.strand.common.message.OffsetCommit;
import io.strand.common.message.OffsetFetch;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit and OffsetFetch, every version. OffsetFetch comes in two shapes: one group with
 * its topics up to v7, a batch of groups from v8.
 */
final class OffsetApis {

    private static final long NO_OFFSET = -1L;
    private static final int NO_EPOCH = -1;
    private static final String NO_METADATA = "";

    private final OffsetManager offsets;
    private final GroupOwnership ownership;
    private final GroupMembership membership;

    OffsetApis(OffsetManager offsets, GroupOwnership ownership, GroupMembership membership) {
        this.offsets = offsets;
        this.ownership = ownership;
        this.membership = membership;
    }

    // ---- OffsetCommit -----------------------------------------------------------------------

    CompletableFuture<Struct> offsetCommit(RequestContext ctx, Struct req) {
        String groupId = req.get(OffsetCommit.Request.GROUP_ID);
        List<Struct> topics = req.get(OffsetCommit.Request.TOPICS);
        List<OffsetManager.PartitionCommit> commits = new ArrayList<>();
        for (Struct t : topics) {
            String name = t.get(OffsetCommit.Request.Topic.NAME);
            for (Struct p : t.get(OffsetCommit.Request.Topic.PARTITIONS)) {
                commits.add(new OffsetManager.PartitionCommit(
                    new TopicPartition(name, p.getInt(OffsetCommit.Request.Partition.PARTITION_INDEX)),
                    p.getLong(OffsetCommit.Request.Partition.COMMITTED_OFFSET),
                    p.getInt(OffsetCommit.Request.Partition.COMMITTED_LEADER_EPOCH),
                    p.get(OffsetCommit.Request.Partition.COMMITTED_METADATA)));
            }
        }
        List<Errors> results;
        if (!ownership.owns(groupId, ctx) || membership.isClosed()) {
            results = new ArrayList<>(commits.size());
            commits.forEach(c -> results.add(Errors.NOT_COORDINATOR));
        } else {
            results = offsets.commit(groupId, req.getInt(OffsetCommit.Request.GENERATION_ID_OR_MEMBER_EPOCH),
                req.get(OffsetCommit.Request.MEMBER_ID), req.get(OffsetCommit.Request.GROUP_INSTANCE_ID),
                req.getLong(OffsetCommit.Request.RETENTION_TIME_MS), ctx.apiVersion(), commits);
        }
        Struct s = OffsetCommit.DEFINITION.newResponse();
        List<Struct> responseTopics = new ArrayList<>(topics.size());
        int i = 0;
        for (Struct t : topics) {
            List<Struct> partitions = new ArrayList<>();
            for (Struct p : t.get(OffsetCommit.Request.Topic.PARTITIONS)) {
                Struct ps = OffsetCommit.Response.Partition.SCHEMA.newStruct();
                ps.set(OffsetCommit.Response.Partition.PARTITION_INDEX,
                    p.getInt(OffsetCommit.Request.Partition.PARTITION_INDEX));
                ps.setShort(OffsetCommit.Response.Partition.ERROR_CODE, results.get(i++).code());
                partitions.add(ps);
            }
            Struct ts = OffsetCommit.Response.Topic.SCHEMA.newStruct();
            ts.set(OffsetCommit.Response.Topic.NAME, t.get(OffsetCommit.Request.Topic.NAME));
            ts.set(OffsetCommit.Response.Topic.PARTITIONS, partitions);
            responseTopics.add(ts);
        }
        s.set(OffsetCommit.Response.TOPICS, responseTopics);
        return CompletableFuture.completedFuture(s);
    }

    // ---- OffsetFetch ------------------------------------------------------------------------

    /** One partition's answer, in whichever of the two shapes the version uses. */
    private record FetchedPartition(int partition, long offset, int leaderEpoch, String metadata, Errors error) {
    }

    CompletableFuture<Struct> offsetFetch(RequestContext ctx, Struct req) {
        // require_stable (v7+) asks to wait out pending transactional commits; this coordinator has none.
        Struct s = ctx.apiVersion() >= 8 ? fetchBatched(ctx, req) : fetchSingle(ctx, req);
        return CompletableFuture.completedFuture(s);
    }

    private Struct fetchSingle(RequestContext ctx, Struct req) {
        short v = ctx.apiVersion();
        String groupId = req.get(OffsetFetch.Request.GROUP_ID);
        List<Struct> requested = req.get(OffsetFetch.Request.TOPICS);
        Map<String, List<Integer>> wanted = null;
        if (requested != null) {
            wanted = new LinkedHashMap<>();
            for (Struct t : requested) {
                wanted.computeIfAbsent(t.get(OffsetFetch.Request.Topic.NAME), n -> new ArrayList<>())
                    .addAll(t.get(OffsetFetch.Request.Topic.PARTITION_INDEXES));
            }
        }
        Errors groupError = ownership.owns(groupId, ctx) ? Errors.NONE : Errors.NOT_COORDINATOR;
        Map<String, List<FetchedPartition>> found;
        if (groupError == Errors.NONE) {
            found = lookUp(groupId, wanted);
        } else if (v < 2 && wanted != null) {
            // v0-1 have no group-level error: every partition carries it.
            found = failAll(wanted, groupError);
        } else {
            found = Map.of();
        }
        Struct s = OffsetFetch.DEFINITION.newResponse();
        List<Struct> topics = new ArrayList<>();
        found.forEach((topic, partitions) -> {
            List<Struct> ps = new ArrayList<>();
            for (FetchedPartition p : partitions) {
                Struct x = OffsetFetch.Response.Partition.SCHEMA.newStruct();
                x.set(OffsetFetch.Response.Partition.PARTITION_INDEX, p.partition());
                x.set(OffsetFetch.Response.Partition.COMMITTED_OFFSET, p.offset());
                x.set(OffsetFetch.Response.Partition.COMMITTED_LEADER_EPOCH, p.leaderEpoch());
                x.set(OffsetFetch.Response.Partition.METADATA, p.metadata());
                x.setShort(OffsetFetch.Response.Partition.ERROR_CODE, p.error().code());
                ps.add(x);
            }
            Struct t = OffsetFetch.Response.Topic.SCHEMA.newStruct();
            t.set(OffsetFetch.Response.Topic.NAME, topic);
            t.set(OffsetFetch.Response.Topic.PARTITIONS, ps);
            topics.add(t);
        });
        s.set(OffsetFetch.Response.TOPICS, topics);
        s.setShort(OffsetFetch.Response.ERROR_CODE, groupError.code());
        return s;
    }

    private Struct fetchBatched(RequestContext ctx, Struct req) {
        List<Struct> groups = new ArrayList<>();
        for (Struct g : req.get(OffsetFetch.Request.GROUPS)) {
            String groupId = g.get(OffsetFetch.Request.Group.GROUP_ID);
            List<Struct> requested = g.get(OffsetFetch.Request.Group.TOPICS);
            Map<String, List<Integer>> wanted = null;
            if (requested != null) {
                wanted = new LinkedHashMap<>();
                for (Struct t : requested) {
                    wanted.computeIfAbsent(t.get(OffsetFetch.Request.Topics.NAME), n -> new ArrayList<>())
                        .addAll(t.get(OffsetFetch.Request.Topics.PARTITION_INDEXES));
                }
            }
            Errors groupError = ownership.owns(groupId, ctx) ? Errors.NONE : Errors.NOT_COORDINATOR;
            Map<String, List<FetchedPartition>> found = groupError == Errors.NONE ? lookUp(groupId, wanted) : Map.of();
            List<Struct> topics = new ArrayList<>();
            found.forEach((topic, partitions) -> {
                List<Struct> ps = new ArrayList<>();
                for (FetchedPartition p : partitions) {
                    Struct x = OffsetFetch.Response.Partitions.SCHEMA.newStruct();
                    x.set(OffsetFetch.Response.Partitions.PARTITION_INDEX, p.partition());
                    x.set(OffsetFetch.Response.Partitions.COMMITTED_OFFSET, p.offset());
                    x.set(OffsetFetch.Response.Partitions.COMMITTED_LEADER_EPOCH, p.leaderEpoch());
                    x.set(OffsetFetch.Response.Partitions.METADATA, p.metadata());
                    x.setShort(OffsetFetch.Response.Partitions.ERROR_CODE, p.error().code());
                    ps.add(x);
                }
                Struct t = OffsetFetch.Response.Topics.SCHEMA.newStruct();
                t.set(OffsetFetch.Response.Topics.NAME, topic);
                t.set(OffsetFetch.Response.Topics.PARTITIONS, ps);
                topics.add(t);
            });
            Struct gs = OffsetFetch.Response.Group.SCHEMA.newStruct();
            gs.set(OffsetFetch.Response.Group.GROUP_ID, groupId);
            gs.set(OffsetFetch.Response.Group.TOPICS, topics);
            gs.setShort(OffsetFetch.Response.Group.ERROR_CODE, groupError.code());
            groups.add(gs);
        }
        Struct s = OffsetFetch.DEFINITION.newResponse();
        s.set(OffsetFetch.Response.GROUPS, groups);
        return s;
    }

    /** The offsets asked for ({@code wanted} null: all the group has), by topic; -1 where there is none. */
    private Map<String, List<FetchedPartition>> lookUp(String groupId, Map<String, List<Integer>> wanted) {
        Map<String, List<FetchedPartition>> out = new LinkedHashMap<>();
        if (wanted == null) {
            offsets.fetchAll(groupId).forEach((tp, o) -> out.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new FetchedPartition(tp.partition(), o.offset(), o.leaderEpoch(), o.metadata(), Errors.NONE)));
            return out;
        }
        wanted.forEach((topic, partitions) -> {
            List<FetchedPartition> list = new ArrayList<>(partitions.size());
            for (int p : partitions) {
                CommittedOffset o = offsets.fetch(groupId, new TopicPartition(topic, p));
                list.add(o == null
                    ? new FetchedPartition(p, NO_OFFSET, NO_EPOCH, NO_METADATA, Errors.NONE)
                    : new FetchedPartition(p, o.offset(), o.leaderEpoch(), o.metadata(), Errors.NONE));
            }
            out.put(topic, list);
        });
        return out;
    }

    private static Map<String, List<FetchedPartition>> failAll(Map<String, List<Integer>> wanted, Errors error) {
        Map<String, List<FetchedPartition>> out = new LinkedHashMap<>();
        wanted.forEach((topic, partitions) -> {
            List<FetchedPartition> list = new ArrayList<>(partitions.size());
            for (int p : partitions) {
                list.add(new FetchedPartition(p, NO_OFFSET, NO_EPOCH, NO_METADATA, error));
            }
            out.put(topic, list);
        });
        return out;
    }
}
