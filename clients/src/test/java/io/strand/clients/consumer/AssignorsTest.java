package io.strand.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import io.strand.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.strand.clients.consumer.internals.AbstractPartitionAssignor;
import io.strand.clients.consumer.internals.AbstractStickyAssignor;
import io.strand.clients.consumer.internals.ConsumerProtocol;
import io.strand.common.Cluster;
import io.strand.common.Node;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Range and roundrobin give exactly Apache's assignment for the same input; the sticky
 * assignors are checked for their promises (valid, balanced, sticky, cooperative revocation of
 * only what moves) and for reading the user data Apache's members send and the reverse.
 */
class AssignorsTest {

    private static final Node NODE = new Node(0, "localhost", 9092);

    private final Random random = new Random(7);

    // ---- fixtures -------------------------------------------------------------------------------

    private Map<String, Integer> randomTopics() {
        Map<String, Integer> topics = new TreeMap<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            topics.put("t" + i, 1 + random.nextInt(12));
        }
        return topics;
    }

    private static Cluster cluster(Map<String, Integer> topics) {
        List<PartitionInfo> parts = new ArrayList<>();
        topics.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                parts.add(new PartitionInfo(t, p, NODE, new Node[] {NODE}, new Node[] {NODE}));
            }
        });
        return new Cluster("c", List.of(NODE), parts, Set.of(), Set.of());
    }

    private static org.apache.kafka.common.Cluster apacheCluster(Map<String, Integer> topics) {
        org.apache.kafka.common.Node node = new org.apache.kafka.common.Node(0, "localhost", 9092);
        List<org.apache.kafka.common.PartitionInfo> parts = new ArrayList<>();
        topics.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                parts.add(new org.apache.kafka.common.PartitionInfo(t, p, node,
                    new org.apache.kafka.common.Node[] {node}, new org.apache.kafka.common.Node[] {node}));
            }
        });
        return new org.apache.kafka.common.Cluster("c", List.of(node), parts, Set.of(), Set.of());
    }

    private List<String> randomSubset(Collection<String> topics) {
        List<String> out = new ArrayList<>();
        for (String t : topics) {
            if (random.nextInt(3) > 0) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            out.add(topics.iterator().next());
        }
        return out;
    }

    private static Set<TopicPartition> set(Collection<TopicPartition> tps) {
        return new HashSet<>(tps);
    }

    private static Set<TopicPartition> fromApache(Collection<org.apache.kafka.common.TopicPartition> tps) {
        return tps.stream().map(tp -> new TopicPartition(tp.topic(), tp.partition())).collect(Collectors.toSet());
    }

    private static List<org.apache.kafka.common.TopicPartition> toApache(Collection<TopicPartition> tps) {
        return tps.stream().map(tp -> new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition()))
            .collect(Collectors.toList());
    }

    // ---- range and roundrobin: same as Apache -------------------------------------------------

    @Test
    void rangeAndRoundRobinEqualApache() {
        for (int round = 0; round < 300; round++) {
            Map<String, Integer> topics = randomTopics();
            int members = 1 + random.nextInt(7);
            Map<String, Subscription> ours = new HashMap<>();
            Map<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription> theirs = new HashMap<>();
            for (int m = 0; m < members; m++) {
                String id = "member-" + random.nextInt(1000) + "-" + m;
                List<String> subscribed = random.nextBoolean() ? new ArrayList<>(topics.keySet()) : randomSubset(topics.keySet());
                if (random.nextInt(4) == 0) {
                    subscribed.add("unknown-topic");
                }
                Optional<String> instance = random.nextInt(3) == 0 ? Optional.of("instance-" + (members - m)) : Optional.empty();
                Subscription s = new Subscription(subscribed);
                s.setGroupInstanceId(instance);
                ours.put(id, s);
                var a = new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(subscribed);
                a.setGroupInstanceId(instance);
                theirs.put(id, a);
            }
            compare(new RangeAssignor(), new org.apache.kafka.clients.consumer.RangeAssignor(), topics, ours, theirs);
            compare(new RoundRobinAssignor(), new org.apache.kafka.clients.consumer.RoundRobinAssignor(), topics, ours, theirs);
        }
    }

    private static void compare(ConsumerPartitionAssignor ours, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor theirs,
                                Map<String, Integer> topics, Map<String, Subscription> ourSubs,
                                Map<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription> theirSubs) {
        assertEquals(theirs.name(), ours.name());
        var expected = theirs.assign(apacheCluster(topics),
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription(theirSubs)).groupAssignment();
        var actual = ours.assign(cluster(topics), new GroupSubscription(ourSubs)).groupAssignment();
        assertEquals(expected.keySet(), actual.keySet());
        for (String member : expected.keySet()) {
            assertEquals(fromApache(expected.get(member).partitions()), set(actual.get(member).partitions()),
                ours.name() + " for " + member + " with topics " + topics + " and subscriptions " + ourSubs);
        }
    }

    // ---- sticky: properties -------------------------------------------------------------------

    /** Every partition of a subscribed topic assigned once, only to a subscriber. */
    private static void assertValid(Map<String, Integer> topics, Map<String, Subscription> subs,
                                    Map<String, List<TopicPartition>> assignment) {
        Set<TopicPartition> seen = new HashSet<>();
        Set<String> subscribed = new HashSet<>();
        assignment.forEach((m, tps) -> {
            for (TopicPartition tp : tps) {
                assertTrue(subs.get(m).topics().contains(tp.topic()), m + " got " + tp + " without subscribing");
                assertTrue(seen.add(tp), tp + " assigned twice: " + assignment);
            }
        });
        subs.values().forEach(s -> subscribed.addAll(s.topics()));
        for (String t : subscribed) {
            for (int p = 0; p < topics.getOrDefault(t, 0); p++) {
                assertTrue(seen.contains(new TopicPartition(t, p)), t + "-" + p + " not assigned: " + assignment);
            }
        }
    }

    /** No partition could move to an eligible member with at least two fewer (Apache's criterion). */
    private static void assertBalanced(Map<String, Subscription> subs, Map<String, List<TopicPartition>> assignment) {
        assignment.forEach((from, tps) -> {
            for (TopicPartition tp : tps) {
                assignment.forEach((to, other) -> {
                    if (subs.get(to).topics().contains(tp.topic()) && other.size() < tps.size() - 1) {
                        fail("unbalanced: " + tp + " could move from " + from + " (" + tps.size() + ") to " + to
                            + " (" + other.size() + "): " + assignment);
                    }
                });
            }
        });
    }

    private Map<String, List<TopicPartition>> raw(AbstractPartitionAssignor a, Map<String, Integer> topics,
                                                  Map<String, Subscription> subs) {
        Map<String, List<TopicPartition>> out = new HashMap<>();
        a.assign(cluster(topics), new GroupSubscription(subs)).groupAssignment()
            .forEach((m, as) -> out.put(m, as.partitions()));
        return out;
    }

    @Test
    void stickyIsValidBalancedAndStickyAcrossMembershipChanges() {
        for (int scenario = 0; scenario < 60; scenario++) {
            Map<String, Integer> topics = randomTopics();
            boolean equalSubscriptions = scenario % 2 == 0;
            Map<String, List<String>> topicsOf = new TreeMap<>();
            Map<String, List<TopicPartition>> current = new HashMap<>();
            int generation = 1;
            for (int round = 0; round < 8; round++) {
                // members come and go
                if (topicsOf.isEmpty() || random.nextBoolean()) {
                    String id = "m" + scenario + "-" + round;
                    topicsOf.put(id, equalSubscriptions ? new ArrayList<>(topics.keySet()) : randomSubset(topics.keySet()));
                } else if (topicsOf.size() > 1) {
                    String gone = new ArrayList<>(topicsOf.keySet()).get(random.nextInt(topicsOf.size()));
                    topicsOf.remove(gone);
                    current.remove(gone);
                }
                Map<String, Subscription> subs = new HashMap<>();
                for (String m : topicsOf.keySet()) {
                    List<TopicPartition> owned = current.getOrDefault(m, List.of());
                    subs.put(m, new Subscription(topicsOf.get(m), StickyAssignor.serializeUserData(owned, generation)));
                }
                Map<String, List<TopicPartition>> next = raw(new StickyAssignor(), topics, subs);
                assertValid(topics, subs, next);
                assertBalanced(subs, next);
                if (equalSubscriptions) {
                    for (String m : next.keySet()) {
                        Set<TopicPartition> kept = set(next.get(m));
                        kept.retainAll(current.getOrDefault(m, List.of()));
                        assertEquals(Math.min(current.getOrDefault(m, List.of()).size(), next.get(m).size()), kept.size(),
                            m + " should keep as many of " + current.get(m) + " as its share allows, got " + next.get(m));
                    }
                }
                current = next;
                generation++;
            }
        }
    }

    @Test
    void stickyMovesNoMoreThanApacheWithEqualSubscriptions() {
        for (int round = 0; round < 100; round++) {
            Map<String, Integer> topics = randomTopics();
            int members = 2 + random.nextInt(5);
            // a previous assignment that is unbalanced: everything on the first members, some unowned
            Map<String, List<TopicPartition>> previous = new TreeMap<>();
            for (int m = 0; m < members; m++) {
                previous.put("m" + m, new ArrayList<>());
            }
            topics.forEach((t, n) -> {
                for (int p = 0; p < n; p++) {
                    int owner = random.nextInt(members + 2);
                    if (owner < members) {
                        previous.get("m" + Math.min(owner, random.nextInt(members))).add(new TopicPartition(t, p));
                    }
                }
            });
            Map<String, Subscription> ours = new HashMap<>();
            Map<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription> theirs = new HashMap<>();
            List<String> all = new ArrayList<>(topics.keySet());
            previous.forEach((m, owned) -> {
                ours.put(m, new Subscription(all, null, owned, 3, Optional.empty()));
                theirs.put(m, new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(all,
                    ByteBuffer.allocate(4).putInt(0, 3), toApache(owned), 3, Optional.empty()));
            });
            Map<String, List<TopicPartition>> mine = raw(new CooperativeStickyAssignor() {
                @Override
                protected boolean withholdsMovingPartitions() {
                    return false;
                }
            }, topics, ours);
            var apacheResult = new org.apache.kafka.clients.consumer.CooperativeStickyAssignor().assign(apacheCluster(topics),
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription(theirs)).groupAssignment();
            // Apache withholds moving partitions; what it assigns to an owner is what that owner keeps.
            int apacheKept = 0;
            int ourKept = 0;
            for (String m : previous.keySet()) {
                Set<TopicPartition> a = fromApache(apacheResult.get(m).partitions());
                a.retainAll(previous.get(m));
                apacheKept += a.size();
                Set<TopicPartition> o = set(mine.get(m));
                o.retainAll(previous.get(m));
                ourKept += o.size();
            }
            assertTrue(ourKept >= apacheKept, "kept " + ourKept + " < Apache's " + apacheKept + " from " + previous);
        }
    }

    @Test
    void cooperativeRevokesOnlyWhatMovesThenHandsItOn() {
        for (int scenario = 0; scenario < 60; scenario++) {
            Map<String, Integer> topics = randomTopics();
            boolean equal = scenario % 2 == 0;
            Map<String, List<String>> topicsOf = new TreeMap<>();
            Map<String, List<TopicPartition>> owned = new HashMap<>();
            int generation = 1;
            for (int round = 0; round < 6; round++) {
                String joiner = "c" + scenario + "-" + round;
                topicsOf.put(joiner, equal ? new ArrayList<>(topics.keySet()) : randomSubset(topics.keySet()));
                if (round % 3 == 2) {
                    topicsOf.remove(topicsOf.keySet().iterator().next());
                }
                owned.keySet().retainAll(topicsOf.keySet());
                // first rebalance: nothing moves directly
                Map<String, List<TopicPartition>> first = cooperativeRound(topics, topicsOf, owned, generation++);
                for (String m : first.keySet()) {
                    for (TopicPartition tp : first.get(m)) {
                        for (String other : owned.keySet()) {
                            assertFalse(!other.equals(m) && owned.get(other).contains(tp),
                                tp + " went straight from " + other + " to " + m);
                        }
                    }
                    // a member keeps what it owned and still has; what moves is revoked, nothing else
                    owned.put(m, first.get(m));
                }
                // follow-up rebalance: members own only what they kept; the result is complete and balanced
                Map<String, List<TopicPartition>> second = cooperativeRound(topics, topicsOf, owned, generation++);
                Map<String, Subscription> subs = new HashMap<>();
                topicsOf.forEach((m, ts) -> subs.put(m, new Subscription(ts)));
                assertValid(topics, subs, second);
                assertBalanced(subs, second);
                for (String m : second.keySet()) {
                    assertTrue(second.get(m).containsAll(owned.get(m)), m + " lost " + owned.get(m) + " in the follow-up");
                }
                owned = second;
            }
        }
    }

    private Map<String, List<TopicPartition>> cooperativeRound(Map<String, Integer> topics, Map<String, List<String>> topicsOf,
                                                               Map<String, List<TopicPartition>> owned, int generation) {
        Map<String, Subscription> subs = new HashMap<>();
        CooperativeStickyAssignor a = new CooperativeStickyAssignor();
        for (String m : topicsOf.keySet()) {
            // each member goes through the wire format, as in a real group
            Subscription s = new Subscription(topicsOf.get(m), a.subscriptionUserData(Set.copyOf(topicsOf.get(m))),
                owned.getOrDefault(m, List.of()), generation, Optional.empty());
            subs.put(m, ConsumerProtocol.deserializeSubscription(ConsumerProtocol.serializeSubscription(s)));
        }
        return raw(a, topics, subs);
    }

    @Test
    void sameGenerationConflictingClaimsAreReassignedAndNewerGenerationWins() {
        Map<String, Integer> topics = Map.of("t", 4);
        List<String> all = List.of("t");
        TopicPartition t0 = new TopicPartition("t", 0);
        TopicPartition t1 = new TopicPartition("t", 1);
        Map<String, Subscription> subs = new HashMap<>();
        subs.put("a", new Subscription(all, StickyAssignor.serializeUserData(List.of(t0, t1), 5)));
        subs.put("b", new Subscription(all, StickyAssignor.serializeUserData(List.of(t1), 4)));
        Map<String, List<TopicPartition>> out = raw(new StickyAssignor(), topics, subs);
        assertValid(topics, subs, out);
        assertTrue(out.get("a").containsAll(List.of(t0, t1)), "newer generation keeps t-1: " + out);

        subs.put("b", new Subscription(all, StickyAssignor.serializeUserData(List.of(t1), 5)));
        out = raw(new StickyAssignor(), topics, subs);
        assertValid(topics, subs, out);
        assertBalanced(subs, out);
    }

    @Test
    void assignorInstancesFromClassNamesApacheOnesIncluded() {
        List<ConsumerPartitionAssignor> assignors = ConsumerPartitionAssignor.getAssignorInstances(
            List.of("org.apache.kafka.clients.consumer.StickyAssignor", RoundRobinAssignor.class.getName()), Map.of());
        assertTrue(assignors.get(0) instanceof StickyAssignor);
        assertTrue(assignors.get(1) instanceof RoundRobinAssignor);
        org.junit.jupiter.api.Assertions.assertThrows(io.strand.common.KafkaException.class,
            () -> ConsumerPartitionAssignor.getAssignorInstances(
                List.of(RangeAssignor.class.getName(), "org.apache.kafka.clients.consumer.RangeAssignor"), Map.of()));
    }

    // ---- interoperability of user data --------------------------------------------------------

    @Test
    void stickyUserDataInteroperatesWithApache() {
        List<TopicPartition> owned = List.of(new TopicPartition("x", 2), new TopicPartition("y", 0), new TopicPartition("x", 0));
        // Apache member's user data, read by us
        var apache = new org.apache.kafka.clients.consumer.StickyAssignor();
        apache.onAssignment(new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(toApache(owned)),
            new org.apache.kafka.clients.consumer.ConsumerGroupMetadata("g", 9, "m", Optional.empty()));
        ByteBuffer apacheData = apache.subscriptionUserData(Set.of("x", "y"));
        AbstractStickyAssignor.MemberData read = StickyAssignor.deserializeUserData(apacheData);
        assertEquals(set(owned), set(read.partitions));
        assertEquals(Optional.of(9), read.generation);

        // ours, read by Apache's leader: a group where member "ours" owned x-0,x-2,y-0 keeps them
        StickyAssignor mine = new StickyAssignor();
        assertNull(mine.subscriptionUserData(Set.of("x", "y")));
        mine.onAssignment(new ConsumerPartitionAssignor.Assignment(owned), new ConsumerGroupMetadata("g", 9, "m", Optional.empty()));
        ByteBuffer ourData = mine.subscriptionUserData(Set.of("x", "y"));
        byte[] ourBytes = new byte[ourData.remaining()];
        ourData.duplicate().get(ourBytes);
        Map<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription> theirs = new HashMap<>();
        theirs.put("ours", new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of("x", "y"), ourData));
        theirs.put("other", new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of("x", "y"), null));
        var result = new org.apache.kafka.clients.consumer.StickyAssignor().assign(apacheCluster(Map.of("x", 3, "y", 3)),
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription(theirs)).groupAssignment();
        assertEquals(set(owned), fromApache(result.get("ours").partitions()));

        // and the v0 layout (no generation), as pre-2.3 members sent it
        ByteBuffer v0 = ByteBuffer.wrap(java.util.Arrays.copyOf(ourBytes, ourBytes.length - 4));
        AbstractStickyAssignor.MemberData old = StickyAssignor.deserializeUserData(v0);
        assertEquals(set(owned), set(old.partitions));
        assertEquals(Optional.empty(), old.generation);
        // garbage is owning nothing, not a failure of the whole rebalance
        assertTrue(StickyAssignor.deserializeUserData(ByteBuffer.wrap(new byte[] {1, 2, 3})).partitions.isEmpty());
    }

    @Test
    void cooperativeUserDataAndProtocolsMatchApache() {
        var apache = new org.apache.kafka.clients.consumer.CooperativeStickyAssignor();
        CooperativeStickyAssignor mine = new CooperativeStickyAssignor();
        assertEquals(apache.subscriptionUserData(Set.of("t")), mine.subscriptionUserData(Set.of("t")));
        apache.onAssignment(new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(List.of()),
            new org.apache.kafka.clients.consumer.ConsumerGroupMetadata("g", 12, "m", Optional.empty()));
        mine.onAssignment(new ConsumerPartitionAssignor.Assignment(List.of()), new ConsumerGroupMetadata("g", 12, "m", Optional.empty()));
        assertEquals(apache.subscriptionUserData(Set.of("t")), mine.subscriptionUserData(Set.of("t")));
        assertEquals(apache.supportedProtocols().stream().map(Enum::name).collect(Collectors.toList()),
            mine.supportedProtocols().stream().map(Enum::name).collect(Collectors.toList()));
        assertEquals(apache.name(), mine.name());
        assertEquals(new org.apache.kafka.clients.consumer.StickyAssignor().name(), new StickyAssignor().name());

        // A mixed group under an Apache leader: our member's owned partitions (subscription v3 bytes) are honoured.
        List<TopicPartition> owned = List.of(new TopicPartition("t", 1), new TopicPartition("t", 3));
        ByteBuffer ours = ConsumerProtocol.serializeSubscription(new Subscription(List.of("t"),
            mine.subscriptionUserData(Set.of("t")), owned, 12, Optional.empty()));
        var theirs = new HashMap<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription>();
        theirs.put("ours", org.apache.kafka.clients.consumer.internals.ConsumerProtocol.deserializeSubscription(ours));
        theirs.put("apache", new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of("t"),
            apache.subscriptionUserData(Set.of("t")), toApache(List.of(new TopicPartition("t", 0))), 12, Optional.empty()));
        var result = new org.apache.kafka.clients.consumer.CooperativeStickyAssignor().assign(apacheCluster(Map.of("t", 4)),
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription(theirs)).groupAssignment();
        assertEquals(set(owned), fromApache(result.get("ours").partitions()));
    }
}
