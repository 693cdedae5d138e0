package io.strand.clients.producer.internals;

import io.strand.common.TopicPartition;
import io.strand.common.errors.OutOfOrderSequenceException;
import io.strand.common.errors.UnknownProducerIdException;
import io.strand.common.protocol.Errors;
import io.strand.common.record.RecordBatch;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent producer's state: producer id and epoch, and per partition the next sequence
 * number, the last one acknowledged, and the batches sent but not completed, by sequence.
 *
 * <p>It follows Apache Kafka's rules (KIP-98, KIP-360): a batch gets its sequence when it is
 * first drained and keeps it through retries; a retried batch goes out only when it is the
 * partition's lowest unacknowledged sequence, so that up to five requests may be in flight
 * without ever reordering. When the broker reports a real gap (OUT_OF_ORDER_SEQUENCE_NUMBER for
 * the next expected batch, UNKNOWN_PRODUCER_ID, or a batch that failed for good after it may have
 * been written), the producer bumps its epoch locally, which the broker accepts from sequence 0,
 * and renumbers the partition's unfinished batches from 0 under the new epoch. Other partitions
 * move to the new epoch once their own in-flight batches are done. A batch whose outcome is
 * unknown (its request timed out, or its retry is too far behind for the broker's window of recent
 * batches) is known written once a later sequence is acknowledged: see {@link #isKnownWritten}.
 *
 * <p>Unlike Apache's 4.1 producer, a partition has one batch in flight until the broker has
 * acknowledged a batch of the current epoch; see {@link #shouldStopDrain}.
 *
 * <p>Used by the sender thread only (the accumulator's drain runs there too); not thread-safe.
 */
public final class IdempotenceManager {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotenceManager.class);
    private static final int NO_LAST_ACKED_SEQUENCE = -1;
    private static final Comparator<ProducerBatch> BY_SEQUENCE = Comparator.comparingInt(ProducerBatch::baseSequence);

    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private boolean epochBumpRequired;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    /** Partitions whose batches failed in the client after being sent: next sequence if all else succeeds. */
    private final Map<TopicPartition, Integer> unresolved = new HashMap<>();
    private final Set<TopicPartition> toRewrite = new HashSet<>();

    /** Adds {@code increment} to a sequence, wrapping past Integer.MAX_VALUE to 0 as the broker does. */
    public static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    public boolean hasProducerId() {
        return producerId != RecordBatch.NO_PRODUCER_ID;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    /** The broker's answer to InitProducerId; sequences start over everywhere. */
    public void setProducerIdAndEpoch(long producerId, short producerEpoch) {
        LOG.info("ProducerId set to {} with epoch {}", producerId, producerEpoch);
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.epochBumpRequired = false;
        toRewrite.clear();
        unresolved.clear();
        partitions.clear();
    }

    /** Forgets the producer id so that the sender asks for a new one (an epoch would overflow). */
    private void resetProducerId() {
        LOG.info("Resetting producer id {} (epoch {} cannot grow)", producerId, producerEpoch);
        producerId = RecordBatch.NO_PRODUCER_ID;
        producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    }

    private PartitionState state(TopicPartition tp) {
        PartitionState s = partitions.get(tp);
        if (s == null) {
            s = new PartitionState(producerId, producerEpoch);
            partitions.put(tp, s);
        }
        return s;
    }

    // ---- drain ----

    /**
     * Whether the partition's first queued batch must wait: no producer id yet; a new batch while
     * batches under an older epoch, or of unknown fate, are unfinished; a retried batch that is not
     * the lowest sequence in flight.
     */
    public boolean shouldStopDrain(ProducerBatch first) {
        if (!hasProducerId()) {
            return true;
        }
        TopicPartition tp = first.topicPartition();
        PartitionState s = partitions.get(tp);
        boolean inFlight = s != null && !s.inFlight.isEmpty();
        if (!first.hasSequence()) {
            if (inFlight && (s.producerId != producerId || s.epoch != producerEpoch)) {
                return true;
            }
            if (inFlight && s.lastAckedSequence == NO_LAST_ACKED_SEQUENCE) {
                // Until the broker has acknowledged one batch of this epoch it may hold no state for
                // us, and then it accepts any first sequence: a later batch could land while an
                // earlier one failed retriably (a partition that is not open yet answers
                // NOT_LEADER_OR_FOLLOWER), leaving a gap no retry can fill (KAFKA-14359,
                // KAFKA-15591). One batch at a time until the first acknowledgement closes that window.
                return true;
            }
            if (unresolved.containsKey(tp)) {
                return true;
            }
        }
        if (inFlight && first.hasSequence()) {
            return first.baseSequence() != s.inFlight.first().baseSequence();
        }
        return false;
    }

    /** Gives a batch leaving the queue for the first time its producer state and sequence. */
    public void assignSequence(ProducerBatch batch) {
        if (batch.hasSequence()) {
            return;
        }
        TopicPartition tp = batch.topicPartition();
        PartitionState s = state(tp);
        if ((s.producerId != producerId || s.epoch != producerEpoch) && s.inFlight.isEmpty()) {
            // Every batch of the old epoch is done: start this partition over under the new one.
            s.startOver(producerId, producerEpoch, 0);
            LOG.debug("Partition {} moves to producer id {} epoch {} from sequence 0", tp, producerId, producerEpoch);
        }
        batch.setProducerState(producerId, producerEpoch, s.nextSequence);
        s.nextSequence = incrementSequence(s.nextSequence, batch.recordCount());
        s.inFlight.add(batch);
    }

    /** A batch split after MESSAGE_TOO_LARGE: its parts, which keep its sequence range, are in flight instead. */
    void replaceInFlight(ProducerBatch big, List<ProducerBatch> parts) {
        PartitionState s = partitions.get(big.topicPartition());
        if (s == null) {
            return;
        }
        s.inFlight.remove(big);
        if (big.producerId() == s.producerId && big.producerEpoch() == s.epoch) {
            s.inFlight.addAll(parts);
        }
    }

    // ---- responses ----

    public void handleCompletedBatch(ProducerBatch batch) {
        PartitionState s = partitions.get(batch.topicPartition());
        if (s == null) {
            return; // state was reset (new producer id) while the batch was out
        }
        if (batch.producerId() == s.producerId && batch.producerEpoch() == s.epoch) {
            int last = batch.lastSequence();
            if (last > s.lastAckedSequence) {
                s.lastAckedSequence = last;
            }
        }
        s.inFlight.remove(batch);
    }

    /**
     * Whether a batch that failed with {@code error} may be sent again, bumping the epoch when the
     * error shows a gap the broker cannot fill, as Kafka's idempotent producer does.
     *
     * @param logStartOffset from the response, -1 if unknown
     */
    public boolean canRetry(Errors error, long logStartOffset, ProducerBatch batch) {
        TopicPartition tp = batch.topicPartition();
        if (error == Errors.UNKNOWN_PRODUCER_ID) {
            if (logStartOffset == -1 || batch.sequenceHasBeenReset()) {
                // The broker will know more next time, or this batch was renumbered already.
                return true;
            }
            // The broker lost this producer's state (say, retention removed its last batch): start
            // over from sequence 0 under a new epoch rather than reuse (epoch, sequence) pairs.
            requestEpochBump(tp);
            return true;
        }
        if (error == Errors.OUT_OF_ORDER_SEQUENCE_NUMBER) {
            boolean isUnresolved = unresolved.containsKey(tp);
            if (!isUnresolved && (batch.sequenceHasBeenReset() || !isNextSequence(tp, batch.baseSequence()))) {
                // An earlier batch is still out and failed first: this one just follows it around.
                return true;
            }
            if (!isUnresolved || batch.baseSequence() == unresolved.get(tp)) {
                requestEpochBump(tp);
            }
            return true;
        }
        return error.isRetriable();
    }

    /**
     * Whether the batch is known to be in the log although its own attempts did not say so: the
     * broker has acknowledged a later sequence of its partition under the batch's producer id and
     * epoch, and it takes sequence n+1 only after n. Sequences far apart (a wrap past
     * Integer.MAX_VALUE) prove nothing.
     */
    boolean isKnownWritten(ProducerBatch batch) {
        if (!batch.hasSequence()) {
            return false;
        }
        PartitionState s = partitions.get(batch.topicPartition());
        if (s == null || s.lastAckedSequence == NO_LAST_ACKED_SEQUENCE
            || batch.producerId() != s.producerId || batch.producerEpoch() != s.epoch) {
            return false;
        }
        int ahead = s.lastAckedSequence - batch.lastSequence();
        return batch.lastSequence() >= batch.baseSequence() && ahead >= 0 && ahead < Integer.MAX_VALUE / 2;
    }

    /**
     * A batch failed for good. If it may have reached the log, or later sequences depend on it, the
     * partition's numbering is broken and the epoch must be bumped.
     */
    public void handleFailedBatch(ProducerBatch batch, RuntimeException exception, boolean adjustSequences) {
        TopicPartition tp = batch.topicPartition();
        PartitionState s = partitions.get(tp);
        if (s != null) {
            s.inFlight.remove(batch);
        }
        if (!batch.hasSequence()) {
            return;
        }
        if (exception instanceof OutOfOrderSequenceException && !(exception instanceof UnknownProducerIdException)) {
            LOG.error("The broker returned {} for {} with producer id {}, epoch {}, sequence {}", exception, tp,
                batch.producerId(), batch.producerEpoch(), batch.baseSequence());
            requestEpochBump(tp);
        } else if (exception instanceof UnknownProducerIdException) {
            partitions.remove(tp);
            unresolved.remove(tp);
        } else if (adjustSequences) {
            requestEpochBump(tp);
        }
    }

    /**
     * The request of a batch already completed in the client (expired or aborted) failed: it is no
     * longer in flight; what its failure means for the numbering is left to the unresolved-sequence check.
     */
    void forgetInFlight(ProducerBatch batch) {
        PartitionState s = partitions.get(batch.topicPartition());
        if (s != null) {
            s.inFlight.remove(batch);
        }
    }

    /**
     * A batch expired in the client after at least one attempt: it may or may not be in the log, so
     * new batches for its partition wait until the ones in flight settle it.
     */
    public void markSequenceUnresolved(ProducerBatch batch) {
        int next = incrementSequence(batch.lastSequence(), 1);
        unresolved.merge(batch.topicPartition(), next, Math::max);
        LOG.debug("Marking {} unresolved with next sequence {}", batch.topicPartition(), next);
    }

    /**
     * Once a partition with unresolved sequences has nothing in flight: resolved if everything after
     * the expired batch was acknowledged, otherwise the epoch must be bumped.
     */
    public void maybeResolveSequences() {
        for (Iterator<Map.Entry<TopicPartition, Integer>> it = unresolved.entrySet().iterator(); it.hasNext(); ) {
            TopicPartition tp = it.next().getKey();
            PartitionState s = partitions.get(tp);
            if (s != null && !s.inFlight.isEmpty()) {
                continue;
            }
            if (s == null || !isNextSequence(tp, s.nextSequence)) {
                LOG.info("No batches in flight for {}; last acknowledged sequence {}, next {}: bumping the epoch",
                    tp, s == null ? NO_LAST_ACKED_SEQUENCE : s.lastAckedSequence, s == null ? 0 : s.nextSequence);
                requestEpochBump(tp);
            }
            it.remove();
        }
    }

    private boolean isNextSequence(TopicPartition tp, int sequence) {
        PartitionState s = partitions.get(tp);
        int lastAcked = s == null ? NO_LAST_ACKED_SEQUENCE : s.lastAckedSequence;
        return sequence - lastAcked == 1;
    }

    private void requestEpochBump(TopicPartition tp) {
        epochBumpRequired = true;
        toRewrite.add(tp);
    }

    public boolean epochBumpRequired() {
        return epochBumpRequired;
    }

    /**
     * Bumps the epoch if a gap asked for it: the partitions that asked renumber their unfinished
     * batches from 0 under the new epoch at once. When the epoch cannot grow, the producer id is
     * dropped and the sender must get a new one.
     *
     * @return true if the producer now needs a new producer id
     */
    public boolean bumpEpochIfNeeded() {
        if (!epochBumpRequired) {
            return false;
        }
        epochBumpRequired = false;
        if (producerEpoch == Short.MAX_VALUE) {
            resetProducerId();
            partitions.clear();
            unresolved.clear();
            toRewrite.clear();
            return true;
        }
        producerEpoch = (short) (producerEpoch + 1);
        LOG.info("Bumped the epoch of producer id {} to {}", producerId, producerEpoch);
        for (TopicPartition tp : toRewrite) {
            state(tp).startOver(producerId, producerEpoch, 0);
            unresolved.remove(tp);
        }
        toRewrite.clear();
        return false;
    }

    /** The lowest sequence in flight for the partition, or -1. */
    int firstInFlightSequence(TopicPartition tp) {
        PartitionState s = partitions.get(tp);
        return s == null || s.inFlight.isEmpty() ? RecordBatch.NO_SEQUENCE : s.inFlight.first().baseSequence();
    }

    /** The sequence the partition's next new batch would get. */
    int nextSequence(TopicPartition tp) {
        PartitionState s = partitions.get(tp);
        return s == null ? 0 : s.nextSequence;
    }

    boolean hasUnresolvedSequences() {
        return !unresolved.isEmpty();
    }

    private static final class PartitionState {
        long producerId;
        short epoch;
        int nextSequence;
        int lastAckedSequence = NO_LAST_ACKED_SEQUENCE;
        TreeSet<ProducerBatch> inFlight = new TreeSet<>(BY_SEQUENCE);

        PartitionState(long producerId, short epoch) {
            this.producerId = producerId;
            this.epoch = epoch;
        }

        /** Renumbers the unfinished batches from {@code sequence} in their order, under a new epoch. */
        void startOver(long newProducerId, short newEpoch, int sequence) {
            TreeSet<ProducerBatch> renumbered = new TreeSet<>(BY_SEQUENCE);
            int next = sequence;
            for (ProducerBatch batch : inFlight) {
                batch.resetProducerState(newProducerId, newEpoch, next);
                next = incrementSequence(next, batch.recordCount());
                renumbered.add(batch);
            }
            inFlight = renumbered;
            producerId = newProducerId;
            epoch = newEpoch;
            nextSequence = next;
            lastAckedSequence = NO_LAST_ACKED_SEQUENCE;
        }
    }
}
