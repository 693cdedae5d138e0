package io.strand.clients.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.NoOffsetForPartitionException;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.IsolationLevel;
import io.strand.common.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SubscriptionStateTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @Test
    void subscribeAndAssignExcludeEachOther() {
        SubscriptionState s = new SubscriptionState(AutoOffsetResetStrategy.LATEST);
        s.subscribe(Set.of("a"), null);
        assertThrows(IllegalStateException.class, () -> s.assignFromUser(Set.of(A0)));
        assertThrows(IllegalStateException.class, () -> s.subscribe(Pattern.compile("a.*"), null));
        s.unsubscribe();
        s.assignFromUser(Set.of(A0));
        assertThrows(IllegalStateException.class, () -> s.subscribe(Set.of("a"), null));
        assertEquals(Set.of(), s.subscription());
        assertEquals(Set.of("a"), s.metadataTopics());
    }

    @Test
    void groupAssignmentMustMatchTheSubscription() {
        SubscriptionState s = new SubscriptionState(AutoOffsetResetStrategy.LATEST);
        s.subscribe(Set.of("a"), null);
        assertThrows(IllegalArgumentException.class, () -> s.assignFromSubscribed(List.of(B0)));
        s.assignFromSubscribed(List.of(A0, A1));
        assertEquals(Set.of(A0, A1), s.assignedPartitions());

        SubscriptionState p = new SubscriptionState(AutoOffsetResetStrategy.LATEST);
        p.subscribe(Pattern.compile("b.*"), null);
        p.assignFromSubscribed(List.of(B0));
        assertTrue(p.hasPatternSubscription());
        assertTrue(p.subscribeFromPattern(Set.of("b")));
        assertFalse(p.subscribeFromPattern(Set.of("b")));
    }

    @Test
    void positionsMoveFromInitializingThroughResetToFetching() {
        SubscriptionState s = new SubscriptionState(AutoOffsetResetStrategy.EARLIEST);
        s.assignFromUser(Set.of(A0, A1));
        assertEquals(Set.of(A0, A1), s.initializingPartitions());
        assertTrue(s.fetchablePartitions().isEmpty());
        s.seek(A0, 10);
        s.resetInitializingPositions();
        assertTrue(s.isOffsetResetNeeded(A1));
        assertEquals(List.of(A1), s.partitionsNeedingReset(0));
        s.setNextResetAttempt(List.of(A1), 100);
        assertTrue(s.partitionsNeedingReset(50).isEmpty());
        s.maybeSeekAfterReset(A1, 3, Optional.empty(), AutoOffsetResetStrategy.LATEST); // not the reset asked for
        assertNull(s.position(A1));
        s.maybeSeekAfterReset(A1, 3, Optional.of(4), AutoOffsetResetStrategy.EARLIEST);
        assertEquals(3L, s.position(A1));
        assertTrue(s.hasAllFetchPositions());
        assertEquals(Map.of(A0, new OffsetAndMetadata(10), A1, new OffsetAndMetadata(3, Optional.of(4), "")), s.allConsumed());

        s.updateLogOffsets(A0, 25, -1, 0);
        assertEquals(15L, s.partitionLag(A0, IsolationLevel.READ_UNCOMMITTED));
        assertNull(s.partitionLag(A0, IsolationLevel.READ_COMMITTED));
    }

    @Test
    void noResetPolicyNamesThePartitions() {
        SubscriptionState s = new SubscriptionState(AutoOffsetResetStrategy.NONE);
        s.assignFromUser(Set.of(A0, B0));
        s.seek(B0, 0);
        NoOffsetForPartitionException e = assertThrows(NoOffsetForPartitionException.class, s::resetInitializingPositions);
        assertEquals(Set.of(A0), e.partitions());
    }

    @Test
    void pausedAndRevokingPartitionsAreNotFetched() {
        SubscriptionState s = new SubscriptionState(AutoOffsetResetStrategy.LATEST);
        s.subscribe(Set.of("a", "b"), null);
        s.assignFromSubscribed(List.of(A0, A1, B0));
        s.seek(A0, 0);
        s.seek(A1, 0);
        s.seek(B0, 0);
        s.pause(A1);
        s.markPendingRevocation(List.of(B0));
        assertEquals(List.of(A0), s.fetchablePartitions());
        assertEquals(Set.of(A1), s.pausedPartitions());
        s.resume(A1);
        s.movePartitionToEnd(A0);
        assertEquals(List.of(A1, A0), s.fetchablePartitions());
        int before = s.assignmentId();
        s.assignFromSubscribed(List.of(A0));
        assertEquals(0L, s.position(A0), "a kept partition keeps its position");
        assertTrue(s.assignmentId() > before);
        assertThrows(IllegalStateException.class, () -> s.position(B0));
    }
}
