package io.strand.broker.internals.group;

import io.strand.broker.internals.RequestContext;
import io.strand.common.TopicPartition;
import io.strand.common.message.OffsetCommit;
import io.strand.common.message.OffsetDelete;
import io.strand.common.message.OffsetFetch;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit, OffsetFetch and OffsetDelete, every version. OffsetFetch comes in two shapes: one group with
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

    // ---- OffsetDelete -----------------------------------------------------------------------

    CompletableFuture<Struct> offsetDelete(RequestContext ctx, Struct req) {
        String groupId = req.get(OffsetDelete.Request.GROUP_ID);
        List<Struct> topics = req.get(OffsetDelete.Request.TOPICS);
        Struct s = OffsetDelete.DEFINITION.newResponse();
        Errors early = groupId.isEmpty() ? Errors.INVALID_GROUP_ID
            : !ownership.owns(groupId, ctx) || membership.isClosed() ? Errors.NOT_COORDINATOR : Errors.NONE;
        if (early != Errors.NONE) {
            s.setShort(OffsetDelete.Response.ERROR_CODE, early.code());
            return CompletableFuture.completedFuture(s);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (Struct t : topics) {
            for (Struct p : t.get(OffsetDelete.Request.Topic.PARTITIONS)) {
                partitions.add(new TopicPartition(t.get(OffsetDelete.Request.Topic.NAME),
                    p.getInt(OffsetDelete.Request.Partition.PARTITION_INDEX)));
            }
        }
        OffsetManager.DeleteOutcome outcome = offsets.deleteOffsets(groupId, partitions);
        s.setShort(OffsetDelete.Response.ERROR_CODE, outcome.error().code());
        if (outcome.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(s);
        }
        List<Struct> responseTopics = new ArrayList<>(topics.size());
        int i = 0;
        for (Struct t : topics) {
            List<Struct> ps = new ArrayList<>();
            for (Struct p : t.get(OffsetDelete.Request.Topic.PARTITIONS)) {
                Struct x = OffsetDelete.Response.Partition.SCHEMA.newStruct();
                x.set(OffsetDelete.Response.Partition.PARTITION_INDEX, p.getInt(OffsetDelete.Request.Partition.PARTITION_INDEX));
                x.setShort(OffsetDelete.Response.Partition.ERROR_CODE, outcome.partitions().get(i++).code());
                ps.add(x);
            }
            Struct rt = OffsetDelete.Response.Topic.SCHEMA.newStruct();
            rt.set(OffsetDelete.Response.Topic.NAME, t.get(OffsetDelete.Request.Topic.NAME));
            rt.set(OffsetDelete.Response.Topic.PARTITIONS, ps);
            responseTopics.add(rt);
        }
        s.set(OffsetDelete.Response.TOPICS, responseTopics);
        return CompletableFuture.completedFuture(s);
    }

    // ---- OffsetFetch ------------------------------------------------------------------------

    /** One partition's answer, in whichever of the two shapes the version uses. */
    private record FetchedPartition(int partition, long offset, int leaderEpoch, String metadata, Errors error) {
    }

    /** The response fields of one shape: a group's topics up to v7, or those of a group in the v8+ batch. */
    private record Shape(StructSchema topic, Field<String> topicName, Field<List<Struct>> partitions,
                         StructSchema partition, Field<Integer> index, Field<Long> offset, Field<Integer> epoch,
                         Field<String> metadata, Field<Short> error) {
    }

    private static final Shape SINGLE = new Shape(OffsetFetch.Response.Topic.SCHEMA, OffsetFetch.Response.Topic.NAME,
        OffsetFetch.Response.Topic.PARTITIONS, OffsetFetch.Response.Partition.SCHEMA,
        OffsetFetch.Response.Partition.PARTITION_INDEX, OffsetFetch.Response.Partition.COMMITTED_OFFSET,
        OffsetFetch.Response.Partition.COMMITTED_LEADER_EPOCH, OffsetFetch.Response.Partition.METADATA,
        OffsetFetch.Response.Partition.ERROR_CODE);

    private static final Shape BATCHED = new Shape(OffsetFetch.Response.Topics.SCHEMA, OffsetFetch.Response.Topics.NAME,
        OffsetFetch.Response.Topics.PARTITIONS, OffsetFetch.Response.Partitions.SCHEMA,
        OffsetFetch.Response.Partitions.PARTITION_INDEX, OffsetFetch.Response.Partitions.COMMITTED_OFFSET,
        OffsetFetch.Response.Partitions.COMMITTED_LEADER_EPOCH, OffsetFetch.Response.Partitions.METADATA,
        OffsetFetch.Response.Partitions.ERROR_CODE);

    CompletableFuture<Struct> offsetFetch(RequestContext ctx, Struct req) {
        // require_stable (v7+) asks to wait out pending transactional commits; this coordinator has none.
        Struct s = ctx.apiVersion() >= 8 ? fetchBatched(ctx, req) : fetchSingle(ctx, req);
        return CompletableFuture.completedFuture(s);
    }

    private Struct fetchSingle(RequestContext ctx, Struct req) {
        String groupId = req.get(OffsetFetch.Request.GROUP_ID);
        Map<String, List<Integer>> wanted = wanted(req.get(OffsetFetch.Request.TOPICS),
            OffsetFetch.Request.Topic.NAME, OffsetFetch.Request.Topic.PARTITION_INDEXES);
        Errors groupError = ownership.owns(groupId, ctx) ? Errors.NONE : Errors.NOT_COORDINATOR;
        Map<String, List<FetchedPartition>> found;
        if (groupError == Errors.NONE) {
            found = lookUp(groupId, wanted);
        } else if (ctx.apiVersion() < 2 && wanted != null) {
            // v0-1 have no group-level error: every partition carries it.
            found = failAll(wanted, groupError);
        } else {
            found = Map.of();
        }
        Struct s = OffsetFetch.DEFINITION.newResponse();
        s.set(OffsetFetch.Response.TOPICS, topics(found, SINGLE));
        s.setShort(OffsetFetch.Response.ERROR_CODE, groupError.code());
        return s;
    }

    private Struct fetchBatched(RequestContext ctx, Struct req) {
        List<Struct> groups = new ArrayList<>();
        for (Struct g : req.get(OffsetFetch.Request.GROUPS)) {
            String groupId = g.get(OffsetFetch.Request.Group.GROUP_ID);
            Map<String, List<Integer>> wanted = wanted(g.get(OffsetFetch.Request.Group.TOPICS),
                OffsetFetch.Request.Topics.NAME, OffsetFetch.Request.Topics.PARTITION_INDEXES);
            Errors groupError = ownership.owns(groupId, ctx) ? Errors.NONE : Errors.NOT_COORDINATOR;
            Map<String, List<FetchedPartition>> found = groupError == Errors.NONE ? lookUp(groupId, wanted) : Map.of();
            Struct gs = OffsetFetch.Response.Group.SCHEMA.newStruct();
            gs.set(OffsetFetch.Response.Group.GROUP_ID, groupId);
            gs.set(OffsetFetch.Response.Group.TOPICS, topics(found, BATCHED));
            gs.setShort(OffsetFetch.Response.Group.ERROR_CODE, groupError.code());
            groups.add(gs);
        }
        Struct s = OffsetFetch.DEFINITION.newResponse();
        s.set(OffsetFetch.Response.GROUPS, groups);
        return s;
    }

    /** The partitions asked for by topic, in request order, or null for "every partition the group has". */
    private static Map<String, List<Integer>> wanted(List<Struct> requested, Field<String> name,
                                                     Field<List<Integer>> indexes) {
        if (requested == null) {
            return null;
        }
        Map<String, List<Integer>> wanted = new LinkedHashMap<>();
        for (Struct t : requested) {
            wanted.computeIfAbsent(t.get(name), n -> new ArrayList<>()).addAll(t.get(indexes));
        }
        return wanted;
    }

    private static List<Struct> topics(Map<String, List<FetchedPartition>> found, Shape shape) {
        List<Struct> topics = new ArrayList<>(found.size());
        found.forEach((topic, partitions) -> {
            List<Struct> ps = new ArrayList<>(partitions.size());
            for (FetchedPartition p : partitions) {
                Struct x = shape.partition().newStruct();
                x.set(shape.index(), p.partition());
                x.set(shape.offset(), p.offset());
                x.set(shape.epoch(), p.leaderEpoch());
                x.set(shape.metadata(), p.metadata());
                x.setShort(shape.error(), p.error().code());
                ps.add(x);
            }
            Struct t = shape.topic().newStruct();
            t.set(shape.topicName(), topic);
            t.set(shape.partitions(), ps);
            topics.add(t);
        });
        return topics;
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
