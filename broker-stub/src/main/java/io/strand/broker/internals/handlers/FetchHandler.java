package io.strand.broker.internals.handlers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.NodeDirectory;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.broker.internals.data.Partition;
import io.strand.broker.internals.data.PartitionAccess;
import io.strand.broker.internals.log.PartitionLog;
import io.strand.broker.internals.network.RecordBuffers;
import io.strand.common.Uuid;
import io.strand.common.message.Fetch;
import io.strand.common.message.Fetch.Request.FetchPartition;
import io.strand.common.message.Fetch.Request.FetchTopic;
import io.strand.common.message.Fetch.Response.FetchableTopicResponse;
import io.strand.common.message.Fetch.Response.LeaderIdAndEpoch;
import io.strand.common.message.Fetch.Response.NodeEndpoint;
import io.strand.common.message.Fetch.Response.PartitionData;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetch: slices of the stored batches, within max.bytes and each partition's limit (the first
 * batch returned may exceed them, as in Kafka, so a large batch cannot block a consumer).
 * Without min.bytes available it parks until appends to its partitions reach min.bytes or
 * max.wait.ms passes, on a timer: nothing polls.
 *
 * <p>Fetch sessions (KIP-227): the broker never creates one. It answers every request in full
 * with session id 0, which clients read as "no session, keep sending full requests", as a Kafka
 * broker whose session cache is full does. A request naming a session gets FETCH_SESSION_ID_NOT_FOUND.
 */
public final class FetchHandler implements ApiHandler {

    private static final byte READ_COMMITTED = 1;

    private final PartitionAccess access;
    private final ScheduledExecutorService scheduler;

    public FetchHandler(PartitionAccess access, ScheduledExecutorService scheduler) {
        this.access = access;
        this.scheduler = scheduler;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.apiVersion();
        if (version >= 7) {
            int sessionId = request.getInt(Fetch.Request.SESSION_ID);
            int epoch = request.getInt(Fetch.Request.SESSION_EPOCH);
            if (sessionId != 0) {
                return Responses.done(topLevelError(Errors.FETCH_SESSION_ID_NOT_FOUND));
            }
            if (epoch > 0) {
                return Responses.done(topLevelError(Errors.INVALID_FETCH_SESSION_EPOCH));
            }
        }
        FetchRequest fetch = new FetchRequest(context, request);
        int minBytes = request.getInt(Fetch.Request.MIN_BYTES);
        int maxWaitMs = request.getInt(Fetch.Request.MAX_WAIT_MS);
        if (minBytes <= 0 || maxWaitMs <= 0) {
            return Responses.done(fetch.read().response);
        }
        return new DelayedFetch(fetch, minBytes, maxWaitMs).start();
    }

    private static Struct topLevelError(Errors error) {
        Struct response = Fetch.DEFINITION.newResponse();
        response.set(Fetch.Response.ERROR_CODE, error.code());
        return response;
    }

    /** One requested partition, resolved once; the read happens each time the response is built. */
    private record Wanted(Struct topicRequest, Struct partitionRequest, PartitionAccess.Resolved resolved,
                          Errors unknownTopic) {
    }

    private record Read(Struct response, long bytes, boolean anyError) {
    }

    /** A request's partitions and limits; {@link #read} builds the response from the logs as they are now. */
    private final class FetchRequest {
        final short version;
        final int maxBytes;
        final boolean readCommitted;
        final List<List<Wanted>> topics = new ArrayList<>();
        final List<Partition> partitions = new ArrayList<>();

        FetchRequest(RequestContext context, Struct request) {
            this.version = context.apiVersion();
            this.maxBytes = request.getInt(Fetch.Request.MAX_BYTES);
            this.readCommitted = request.getByte(Fetch.Request.ISOLATION_LEVEL) == READ_COMMITTED;
            ClusterState cluster = access.cluster();
            for (Struct t : request.get(Fetch.Request.TOPICS)) {
                TopicState topic = version >= 13 ? cluster.topic(t.get(FetchTopic.TOPIC_ID))
                    : cluster.topic(t.get(FetchTopic.TOPIC));
                Errors unknown = version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                List<Wanted> wanted = new ArrayList<>();
                for (Struct p : t.get(FetchTopic.PARTITIONS)) {
                    PartitionAccess.Resolved r = access.resolve(context, topic, p.getInt(FetchPartition.PARTITION),
                        p.getInt(FetchPartition.CURRENT_LEADER_EPOCH));
                    wanted.add(new Wanted(t, p, r, topic == null ? unknown : null));
                    if (r.ok()) {
                        partitions.add(r.data());
                    }
                }
                // Kafka answers per partition: a topic named without partitions gets no entry.
                if (!wanted.isEmpty()) {
                    topics.add(wanted);
                }
            }
        }

        Read read() {
            long remaining = maxBytes;
            long total = 0;
            boolean anyError = false;
            TreeSet<Integer> leaders = new TreeSet<>();
            List<Struct> responses = new ArrayList<>(topics.size());
            for (List<Wanted> wanted : topics) {
                Struct tr = FetchableTopicResponse.SCHEMA.newStruct();
                Struct tq = wanted.get(0).topicRequest();
                List<Struct> parts = new ArrayList<>(wanted.size());
                for (Wanted w : wanted) {
                    Struct pr = readPartition(w, (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining)), total == 0,
                        leaders);
                    ByteBuf records = pr.get(PartitionData.RECORDS);
                    int n = records == null ? 0 : records.readableBytes();
                    total += n;
                    remaining -= n;
                    anyError |= pr.getShort(PartitionData.ERROR_CODE) != Errors.NONE.code();
                    parts.add(pr);
                }
                if (version >= 13) {
                    tr.set(FetchableTopicResponse.TOPIC_ID, tq.get(FetchTopic.TOPIC_ID));
                } else {
                    tr.set(FetchableTopicResponse.TOPIC, tq.get(FetchTopic.TOPIC));
                }
                tr.set(FetchableTopicResponse.PARTITIONS, parts);
                responses.add(tr);
            }
            Struct response = Fetch.DEFINITION.newResponse();
            response.set(Fetch.Response.RESPONSES, responses);
            if (!leaders.isEmpty() && version >= 16) {
                response.set(Fetch.Response.NODE_ENDPOINTS, endpoints(access.cluster().nodes(), leaders));
            }
            return new Read(response, total, anyError);
        }

        private Struct readPartition(Wanted w, int limit, boolean minOneBatch, TreeSet<Integer> leaders) {
            Struct pq = w.partitionRequest();
            Struct pr = PartitionData.SCHEMA.newStruct();
            pr.set(PartitionData.PARTITION_INDEX, pq.getInt(FetchPartition.PARTITION));
            pr.set(PartitionData.HIGH_WATERMARK, -1L);
            pr.set(PartitionData.LAST_STABLE_OFFSET, -1L);
            pr.set(PartitionData.LOG_START_OFFSET, -1L);
            pr.set(PartitionData.RECORDS, Unpooled.EMPTY_BUFFER);
            pr.set(PartitionData.ABORTED_TRANSACTIONS, readCommitted ? List.of() : null);
            PartitionAccess.Resolved r = w.resolved();
            Errors error = w.unknownTopic() != null ? w.unknownTopic() : r.error();
            if (error == Errors.NOT_LEADER_OR_FOLLOWER && version >= 12 && r.state() != null && r.state().leader() >= 0) {
                Struct leader = LeaderIdAndEpoch.SCHEMA.newStruct();
                leader.set(LeaderIdAndEpoch.LEADER_ID, r.state().leader());
                leader.set(LeaderIdAndEpoch.LEADER_EPOCH, r.state().leaderEpoch());
                pr.set(PartitionData.CURRENT_LEADER, leader);
                leaders.add(r.state().leader());
            }
            if (error != Errors.NONE) {
                pr.set(PartitionData.ERROR_CODE, error.code());
                return pr;
            }
            PartitionLog log = r.data().log();
            try {
                long hw = log.logEndOffset();
                long start = log.logStartOffset();
                ByteBuf records = log.read(pq.getLong(FetchPartition.FETCH_OFFSET),
                    Math.min(limit, pq.getInt(FetchPartition.PARTITION_MAX_BYTES)), minOneBatch);
                pr.set(PartitionData.RECORDS, records);
                pr.set(PartitionData.HIGH_WATERMARK, hw);
                pr.set(PartitionData.LAST_STABLE_OFFSET, hw);
                pr.set(PartitionData.LOG_START_OFFSET, start);
                pr.set(PartitionData.ERROR_CODE, Errors.NONE.code());
            } catch (RuntimeException e) {
                pr.set(PartitionData.ERROR_CODE, Responses.errorOf(e).code());
                try {
                    pr.set(PartitionData.HIGH_WATERMARK, log.logEndOffset());
                    pr.set(PartitionData.LAST_STABLE_OFFSET, log.logEndOffset());
                    pr.set(PartitionData.LOG_START_OFFSET, log.logStartOffset());
                } catch (RuntimeException closed) {
                    pr.set(PartitionData.ERROR_CODE, Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                }
            }
            return pr;
        }
    }

    private static List<Struct> endpoints(NodeDirectory nodes, TreeSet<Integer> ids) {
        List<Struct> out = new ArrayList<>();
        for (int id : ids) {
            Struct e = NodeEndpoint.SCHEMA.newStruct();
            e.set(NodeEndpoint.NODE_ID, id);
            e.set(NodeEndpoint.HOST, nodes.host(id));
            e.set(NodeEndpoint.PORT, nodes.port(id));
            out.add(e);
        }
        return out;
    }

    /**
     * A Fetch parked until its partitions have received min.bytes since it first looked, or until
     * max.wait.ms. Whichever comes first completes it, exactly once; the other finds it done.
     */
    private final class DelayedFetch implements Partition.AppendListener {
        private final FetchRequest fetch;
        private final int minBytes;
        private final int maxWaitMs;
        private final CompletableFuture<Struct> future = new CompletableFuture<>();
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicLong arrived = new AtomicLong();
        private volatile ScheduledFuture<?> timer;

        DelayedFetch(FetchRequest fetch, int minBytes, int maxWaitMs) {
            this.fetch = fetch;
            this.minBytes = minBytes;
            this.maxWaitMs = maxWaitMs;
        }

        CompletableFuture<Struct> start() {
            // Listen first, then look: an append between the two is counted, never missed.
            for (Partition p : fetch.partitions) {
                p.addListener(this);
            }
            Read first = fetch.read();
            if (first.bytes() >= minBytes || first.anyError() || fetch.partitions.isEmpty()) {
                finish(first);
                return future;
            }
            RecordBuffers.release(first.response());
            if (arrived.addAndGet(first.bytes()) >= minBytes) {
                complete();
                return future;
            }
            timer = scheduler.schedule(this::complete, maxWaitMs, TimeUnit.MILLISECONDS);
            if (done.get()) {
                timer.cancel(false);
            }
            return future;
        }

        @Override
        public void appended(Partition partition, int bytes) {
            if (bytes == 0 || arrived.addAndGet(bytes) >= minBytes) {
                complete();
            }
        }

        private void complete() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            stopListening();
            try {
                future.complete(fetch.read().response());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }

        private void finish(Read read) {
            if (!done.compareAndSet(false, true)) {
                RecordBuffers.release(read.response());
                return;
            }
            stopListening();
            future.complete(read.response());
        }

        private void stopListening() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            for (Partition p : fetch.partitions) {
                p.removeListener(this);
            }
        }
    }
}
